"""Every importer, fed anything (issue 17): records or the project's error, nothing else, within bounds.

Hypothesis builds files from each format's own tokens mixed with hostile pieces (control characters,
dates out of range, deep brackets, soft breaks, long runs of letters) and random text; each file is
read by the importer as ``netvalue import SOURCE PATH`` would, alone and inside a zip where the source
takes one.  Each example is small, and hypothesis' deadline holds each under 10 s; the large hostile
cases (4 GB bombs, 100 KB names, 10 MB chats) are ``benchmarks/hostile.py``'s, each in a child process
under a memory cap.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue.errors import NetvalueError
from netvalue.importers import IMPORTERS
from netvalue.importers.base import ImportOptions
from netvalue.records import FileRead, FileUnreadable

HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\x07",
    "\x9b",
    "\ufffe",
    "\u202e",
    "\ufeff",
    "=\r\n",
    "\r\n ",
    "\r",
    "9999/12/31",
    "99991231T235959Z",
    "31 Dec 9999",
    "13:00 PM",
    "0:30 AM",
    "[" * 40,
    "{" * 40,
    '"',
    ",",
    ":",
    ";",
    "\\",
    "abcdefghijklmnopqrstuvwxyz" * 12,
    "=?utf-8?q?=1B=00?=",
    "1e309",
    "-1",
    "253402300799",
]

TOKENS: dict[str, list[str]] = {
    "vcard": [
        "BEGIN:VCARD\r\n",
        "END:VCARD\r\n",
        "VERSION:2.1\r\n",
        "VERSION:3.0\r\n",
        "FN:",
        "N:",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:",
        "=C3=BC",
        "EMAIL;TYPE=INTERNET:ann@example.com",
        "TEL;CELL:+1 555 0100",
        "BDAY:",
        "ORG:Acme;Sales",
        "item1.EMAIL:",
        "\r\n",
    ],
    "calendar": [
        "BEGIN:VCALENDAR\r\n",
        "END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\n",
        "END:VEVENT\r\n",
        "UID:1\r\n",
        "DTSTART:20240101T100000Z\r\n",
        "DTSTART:",
        "DTEND:20240101T110000Z\r\n",
        "DURATION:PT1H\r\n",
        "RRULE:FREQ=SECONDLY\r\n",
        "RRULE:FREQ=DAILY;COUNT=100000\r\n",
        "RECURRENCE-ID:20240102T100000Z\r\n",
        "DTSTAMP:99991231T000000Z\r\n",
        "ORGANIZER:mailto:me@example.com\r\n",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Ann Lee:mailto:ann@example.com\r\n",
        "ATTENDEE;CN=",
        "\r\n",
    ],
    "whatsapp": [
        "12/01/24, 09:15 - ",
        "[12/01/24, 09:15:00] ",
        "1/2/24, 1:00\u202fPM - ",
        "31/12/9999, 23:59 - ",
        "Ann Lee: ",
        "Sam Lee: ",
        "\u200e",
        "hello",
        "\n",
        "\n",
    ],
    "email": [
        "From MAILER-DAEMON Mon Apr 18 14:23:23 2022\n",
        "From - Mon Jan  1 00:00:00 2024\n",
        "From: ",
        "To: ",
        "Cc: ",
        "Date: Mon, 18 Apr 2022 14:23:23 +0000\n",
        "Date: Fri, 31 Dec 9999 23:59:59 +0000\n",
        "Message-ID: <",
        ">\n",
        "Ann Lee <ann@example.com>",
        ", ",
        "Subject: ",
        "X-Gmail-Labels: Sent\n",
        "\n",
        "\n\n",
    ],
    "csv": ["Full name,E-mail,Met on\n", "Ann Lee,ann@example.com,2023-05-17\n", "\n", "9999-12-31"],
    "google": ["First Name,Last Name,E-mail 1 - Value,Birthday\n", "Ann,Lee,ann@example.com,", " ::: ", "\n"],
    "outlook": ["First Name,Middle Name,Last Name,E-mail Address\n", "Ann,,Lee,ann@example.com", "\n"],
    "linkedin": [
        "Notes:\n",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CEO,17 Nov 2021",
        ",,,,,,",
        "17-Nov-21",
        "\n",
    ],
}

JSON_KEYS = [
    "friends_v2",
    "name",
    "timestamp",
    "participants",
    "messages",
    "sender_name",
    "timestamp_ms",
    "content",
    "relationships_following",
    "string_list_data",
    "href",
    "value",
    "title",
    "follower",
    "accountId",
    "dmConversation",
    "conversationId",
    "messageCreate",
    "senderId",
    "recipientId",
    "createdAt",
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.sampled_from(["Ann Lee", "9999-12-31T23:59:59.000Z", "2024-01-01T10:00:00.000Z", *HOSTILE])
    | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(JSON_KEYS) | st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=25,
)
JSON_FILES = {
    "facebook": ("your_friends.json", "connections/friends/your_friends.json", ""),
    "instagram": ("followers_1.json", "connections/followers_and_following/followers_1.json", ""),
    "twitter": ("follower.js", "data/direct-messages.js", "window.YTD.direct_messages.part0 = "),
}
FILES = {
    "vcard": "contacts.vcf",
    "calendar": "calendar.ics",
    "whatsapp": "WhatsApp Chat with Ann Lee.txt",
    "email": "mail.mbox",
    "csv": "people.csv",
    "google": "contacts.csv",
    "outlook": "contacts.csv",
}
ZIPPED = {"calendar": "Calendar/ann@example.com.ics", "whatsapp": "_chat.txt", "linkedin": "Connections.csv"}
OPTIONS = {
    "csv": ImportOptions(mapping=(("Full name", "name"), ("E-mail", "email"), ("Met on", "connected_on"))),
    "email": ImportOptions(owner_emails=("me@example.com",)),
}
FUZZ = settings(
    max_examples=40,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def documents(source: str) -> st.SearchStrategy[str]:
    piece = st.sampled_from(TOKENS[source]) | st.sampled_from(HOSTILE) | st.text(max_size=12)
    return st.lists(piece, max_size=60).map("".join)


def read_all(source: str, path: Path) -> None:
    """Read ``path`` as ``netvalue import SOURCE PATH`` does: records, or the project's error."""
    importer = IMPORTERS[source]
    try:
        items = list(importer.read(path, OPTIONS.get(source, ImportOptions())))
    except NetvalueError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        return
    # every file is accounted for: read, or listed as unreadable among several (cli's one_of_many)
    assert any(isinstance(item, (FileRead, FileUnreadable)) for item in items) or not items


def write_zip(path: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, data)
    return path


@FUZZ
@given(st.sampled_from(sorted(FILES)).flatmap(lambda s: st.tuples(st.just(s), documents(s))))
def test_text_formats_give_records_or_the_projects_error(case: tuple[str, str]) -> None:
    source, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILES[source]
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        read_all(source, path)


@FUZZ
@given(st.sampled_from(sorted(ZIPPED)).flatmap(lambda s: st.tuples(st.just(s), documents(s))))
def test_zipped_formats_give_records_or_the_projects_error(case: tuple[str, str]) -> None:
    source, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = write_zip(
            Path(folder) / f"{source}.zip", ZIPPED[source], text.encode("utf-8", "surrogatepass")
        )
        read_all(source, path)


@FUZZ
@given(
    st.sampled_from(sorted(JSON_FILES)),
    JSON | st.builds(lambda items: {"friends_v2": items}, st.lists(JSON, max_size=4)),
    st.booleans(),
    st.booleans(),
)
def test_json_formats_give_records_or_the_projects_error(
    source: str, value: object, zipped: bool, raw: bool
) -> None:
    alone, member, prefix = JSON_FILES[source]
    text = prefix + (json.dumps(value) if not raw else json.dumps(value)[::-1])
    with tempfile.TemporaryDirectory() as folder:
        if zipped:
            path = write_zip(Path(folder) / f"{source}.zip", member, text.encode())
        else:
            path = Path(folder) / alone
            path.write_text(text)
        read_all(source, path)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(sorted(IMPORTERS)))
def test_any_bytes_give_records_or_the_projects_error(data: bytes, source: str) -> None:
    """Bytes that are no format at all (not UTF-8, a truncated zip): the error, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        name = FILES.get(source) or (JSON_FILES[source][0] if source in JSON_FILES else f"{source}.zip")
        path = Path(folder) / name
        path.write_bytes(data)
        read_all(source, path)
