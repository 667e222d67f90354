"""The fast mbox splitter and the header parser, checked against Python's own mailbox and email modules."""

from __future__ import annotations

import mailbox
import shutil
import tempfile
from datetime import UTC
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers import ImportOptions
from netvalue.importers.email import read_mail
from netvalue.importers.email_headers import (
    AUTOMATED,
    MALFORMED,
    OK,
    addresses,
    parse_date,
    parse_header_block,
    split_fields,
)
from netvalue.importers.mbox_scan import separators, summarize_buffer, summarize_mbox
from netvalue.records import FileRead, ImportItem, InteractionRecord, OwnerRecord, PersonRecord

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "email"
TAKEOUT_MBOX = FIXTURES / "takeout" / "Takeout" / "Mail" / "All mail Including Spam and Trash.mbox"
ESCAPED = [
    FIXTURES / "python.mbox",
    FIXTURES / "apple" / "Work.mbox" / "mbox",
    *sorted((FIXTURES / "labels").iterdir()),
]


def ours(path: Path) -> list[tuple[str, str, str]]:
    found = []
    for batch in summarize_mbox(path):
        for message in batch:
            found.append((message.message_key, message.sender, message.subject))
    return found


def python_mbox(path: Path) -> list[mailbox.mboxMessage]:
    """The messages as Python's mailbox module splits them (it opens files read-write: use a copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.mbox"
        shutil.copy(path, copy)
        box = mailbox.mbox(str(copy), create=False)
        try:
            return list(box)
        finally:
            box.close()


def theirs(path: Path) -> list[tuple[str, str, str]]:
    found = []
    for message in python_mbox(path):
        found.append(
            (
                str(message["Message-ID"]).strip("<>"),
                str(message["From"]).rpartition("<")[2].strip(">").lower(),
                str(message["Subject"]),
            )
        )
    return found


@pytest.mark.parametrize("path", ESCAPED, ids=lambda p: p.name)
def test_agrees_with_mailbox_module(path: Path) -> None:
    assert ours(path) == theirs(path)


@pytest.mark.parametrize(
    ("path", "true_count"),
    [(TAKEOUT_MBOX, 10), (FIXTURES / "thunderbird" / "Mail" / "Local Folders" / "Inbox", 2)],
    ids=["takeout", "thunderbird"],
)
def test_body_lines_starting_with_from_do_not_split(path: Path, true_count: int) -> None:
    # mailbox.mbox splits on every line starting "From "; these files hold such body lines unescaped
    assert len(ours(path)) == true_count
    assert len(theirs(path)) > true_count


def test_crlf_headers_match_mailbox_module() -> None:
    by_id = {m["Message-ID"]: m for m in python_mbox(TAKEOUT_MBOX) if m["Message-ID"]}
    parsed = [m for batch in summarize_mbox(TAKEOUT_MBOX) for m in batch if m.status == OK]
    assert parsed
    for message in parsed:
        if message.message_key.startswith("h:"):
            continue
        theirs_message = by_id[f"<{message.message_key}>"]
        assert message.date_raw == " ".join(str(theirs_message["Date"]).split())


def test_parallel_ranges_agree_with_one_pass(tmp_path: Path) -> None:
    big = tmp_path / "big.mbox"
    pieces = [p.read_bytes() for p in [TAKEOUT_MBOX, *ESCAPED]]
    big.write_bytes(b"".join(pieces * 40))
    serial = [m for batch in summarize_mbox(big, workers=1) for m in batch]
    for chunk in (97, 1000, 4096):  # ranges that cut separators, headers and bodies anywhere
        parallel = [m for batch in summarize_mbox(big, workers=2, chunk=chunk, parallel_min=0) for m in batch]
        assert parallel == serial
    in_process = [m for batch in summarize_mbox(big, workers=1, chunk=333) for m in batch]
    assert in_process == serial
    assert len(serial) == 40 * (10 + 2 + 2 + 2 + 2 + 2)


def test_separator_shapes() -> None:
    mbox = (
        b"From 1583290388308606088@xxx Mon Nov 06 04:42:58 +0000 2017\nFrom: a@x.org\n\nbody\n"
        b"From - Mon Jan  1 00:00:00 2024\r\nX-Mozilla-Status: 0001\r\n\r\nbody\r\n"
        b"From MAILER-DAEMON Mon Apr 18 14:23:23 2022\nMessage-ID: <1@x>\n\n"
        b"From here on, at 10:00 on Jan 5 2024, we meet\nbody\n"  # a body line: not followed by a header
        b"From the team\nSubject: not a separator either\n"
        b">From MAILER-DAEMON Mon Apr 18 14:23:23 2022\nFrom: b@x.org\n"
    )
    assert len(separators(mbox)) == 3


def test_header_block_never_reads_the_body() -> None:
    buf = b"From x Mon Jan  1 00:00:00 2024\nFrom: A <a@x.org>\nSubject: s\n\nTo: b@x.org\nFrom: c@x.org\n"
    (message,) = summarize_buffer(buf)
    assert message.sender == "a@x.org" and message.recipients == ()


def test_folded_and_mixed_case_fields() -> None:
    fields = split_fields(b"FROM: a@x.org\r\nsubject: one\r\n two\r\n\tthree\r\nTo: b@x.org,\r\n c@x.org\r\n")
    assert fields is not None
    assert fields[b"subject"] == b"one two three"
    assert [a for a, _ in addresses(fields[b"to"])] == ["b@x.org", "c@x.org"]


def test_encoded_names_and_subjects() -> None:
    message = parse_header_block(
        b"From: =?UTF-8?Q?Ren=C3=A9e_Fa=C3=A7on?= <renee@x.fr>\n"
        b'To: =?iso-8859-1?B?Sm9z6Q==?= <jose@x.es>, "Smith, Ann" <ann@x.com>, plain@x.com\n'
        b"Subject: =?utf-8?b?w4Bsb3Jz?= =?utf-8?q?_voil=C3=A0?=\n"
        b"Date: Mon, 1 Jan 2024 10:00:00 +0100\nMessage-ID: <m1@x>\n"
    )
    assert message.status == OK
    assert (message.sender, message.sender_name) == ("renee@x.fr", "Renée Façon")
    assert message.recipients == (("jose@x.es", "José"), ("ann@x.com", "Ann Smith"), ("plain@x.com", ""))
    assert message.subject == "Àlors voilà"
    assert message.occurred_at == 1704099600


def test_hard_address_lists_fall_back_to_the_email_module() -> None:
    found = addresses(b'"Doe, Jane (work)" <jane@x.com>, team: a@x.com, b@x.com;, (comment) c@x.com')
    assert [a for a, _ in found] == ["jane@x.com", "a@x.com", "b@x.com", "c@x.com"]


@pytest.mark.parametrize(
    "raw",
    [
        "Mon, 29 Oct 2001 16:34:23 -0800 (PST)",
        "6 Nov 2017 04:42 +0130",
        "Mon, 1 Jan 2024 10:00:00 -0000",
        "Sun, 16 Nov 2025 9:05:03 +0100 (CET)",
        "Tue, 31 Feb 2017 10:00:00 +0000",
        "Mon, 1 Jan 2024 25:00:00 +0000",
        "Thu, 1 Jan 1970 00:00:00 GMT",
        "Tue, 07 Nov 2017 09:00:00 EST",
        "sometime next week",
        "",
    ],
)
def test_dates_match_the_email_module_or_are_unknown(raw: str) -> None:
    try:
        moment = parsedate_to_datetime(raw)
        expected: int | None = int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())
    except (TypeError, ValueError, IndexError):
        expected = None
    assert parse_date(raw) == expected


def test_automated_and_malformed() -> None:
    assert parse_header_block(b"From: a@x.org\nList-Id: <l.x.org>\n").status == AUTOMATED
    assert parse_header_block(b"From: a@x.org\nPrecedence: bulk\n").status == AUTOMATED
    assert parse_header_block(b"From: a@x.org\nAuto-Submitted: auto-generated\n").status == AUTOMATED
    assert parse_header_block(b"From: a@x.org\nAuto-Submitted: no\n").status == OK
    for sender in (
        b"noreply@x.com",
        b"no-reply@x.com",
        b"donotreply@x.com",
        b"notifications@github.com",
        b"MAILER-DAEMON@x.com",
        b"postmaster@x.com",
        b"info-noreply@x.com",
    ):
        assert parse_header_block(b"From: " + sender + b"\n").status == AUTOMATED, sender
    assert parse_header_block(b"From: nora@x.com\n").status == OK
    assert parse_header_block(b"Subject: no sender\n").status == MALFORMED
    assert parse_header_block(b"this is not a header\n").status == MALFORMED


_ATOMS = st.sampled_from(
    [
        b"From ",
        b"From - Mon Jan  1 00:00:00 2024\n",
        b"From x@y Mon Nov 06 04:42:58 +0000 2017\r\n",
        b"From: ",
        b"To: ",
        b"Cc: ",
        b"Date: ",
        b"Subject: ",
        b"Message-ID: <",
        b">",
        b"=?utf-8?q?",
        b"?=",
        b"\n",
        b"\r\n",
        b" ",
        b"\t",
        b",",
        b"<",
        b"a@b.c",
        b'"',
        b"(",
        b")",
        b":",
        b"\xff",
        b"\xc3\xa9",
        b"Mon, 1 Jan 2024 10:00:00 +0100",
        b"List-Id: x\n",
        b"noreply@x.com",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(st.binary(max_size=600), st.lists(st.one_of(_ATOMS, st.binary(max_size=8)), max_size=60))
)
def test_arbitrary_bytes_give_records_or_import_error(tmp_path: Path, data: bytes | list[bytes]) -> None:
    raw = data if isinstance(data, bytes) else b"".join(data)
    path = tmp_path / "fuzz.mbox"
    path.write_bytes(raw)
    try:
        items: list[ImportItem] = list(read_mail(path, ImportOptions(force=True)))
    except ImportFormatError:
        return
    assert all(isinstance(i, (OwnerRecord, PersonRecord, InteractionRecord, FileRead)) for i in items)
    assert isinstance(items[-1], FileRead)
