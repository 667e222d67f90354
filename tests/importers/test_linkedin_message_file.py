"""``messages.csv`` read on several processes gives exactly what one process gives: the same messages,
numbering and hash, or the same error; a file cut where a stretch would end inside a quoted field is read
again in one process."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.linkedin.archive import Archive
from netvalue.importers.linkedin.message_file import (
    _cut,
    _read_in_stretches,
    read_messages,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"
HEADER = next(csv.reader(io.StringIO((FIXTURES / "current" / "messages.csv").read_text("utf-8-sig"))))
"""LinkedIn's current messages.csv header (13 columns, drafts flagged per message and conversation)."""


def export_with(tmp: Path, messages: bytes, base: str = "current") -> Path:
    folder = tmp / "export"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(FIXTURES / base, folder)
    (folder / "messages.csv").write_bytes(messages)
    return folder


def generated(rows: int, *, crlf: bool = False) -> bytes:
    """A messages.csv in LinkedIn's shape: quoted cells, multi-line bodies with doubled quotes, group
    conversations, drafts, non-Latin names."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(HEADER)
    people = [("Amira Haddad", "amira"), ("李 伟", "li-wei"), ("Zoë Ñúñez", "zoe"), ("John Smith", "john")]
    for n in range(rows):
        sender = people[n % 4]
        others = [p for p in people if p != sender][: 1 + n % 3]
        body = f'Line one of {n}\nsaid "hello, {n}"\n\nend' if n % 3 == 0 else f"short {n}"
        cells = {
            "CONVERSATION ID": f"2-CONV{n % 17}",
            "CONVERSATION TITLE": "" if n % 5 else f"Project {n % 7}",
            "FROM": sender[0],
            "SENDER PROFILE URL": f"https://www.linkedin.com/in/{sender[1]}",
            "TO": ", ".join(p[0] for p in others),
            "RECIPIENT PROFILE URLS": ",".join(f"https://www.linkedin.com/in/{p[1]}" for p in others),
            "DATE": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:{(7 * n) % 60:02d} UTC",
            "CONTENT": body,
            "FOLDER": "INBOX",
            "IS MESSAGE DRAFT": "Yes" if n % 29 == 0 else "No",
            "IS CONVERSATION DRAFT": "No",
        }
        writer.writerow([cells.get(column, "") for column in HEADER])
    return out.getvalue().encode()


def both_ways(folder: Path, chunk: int) -> tuple[object, object]:
    """(one-process result or error text, several-process result or error text)."""
    results: list[object] = []
    for workers in (1, 2):
        with Archive(folder) as archive:
            name = archive.find("messages.csv")
            assert name is not None
            try:
                results.append(
                    read_messages(archive, name, hashed=True, parallel_min=0, chunk=chunk, workers=workers)
                )
            except ImportFormatError as exc:
                results.append(str(exc))
    return results[0], results[1]


@pytest.mark.parametrize("chunk", [64, 300, 1000, 1 << 20])
@pytest.mark.parametrize("crlf", [False, True])
def test_stretches_give_what_one_read_gives(tmp_path: Path, chunk: int, crlf: bool) -> None:
    folder = export_with(tmp_path, generated(240, crlf=crlf))
    with Archive(folder) as archive:
        name = archive.find("messages.csv")
        assert name is not None
        one = read_messages(archive, name, hashed=True, workers=1)
        several = _read_in_stretches(archive, name, True, True, chunk, 2)
    assert several is not None, "a well-formed file must not fall back to the one-process read"
    assert several == one
    assert one.rows == 240 and one.drafts == 9 and len(one.messages) == 231
    assert len(one.combinations) > 4  # numbering across stretches is exercised


@pytest.mark.parametrize("base", ["current", "legacy2021"])
def test_fixture_exports_read_the_same_in_stretches(tmp_path: Path, base: str) -> None:
    data = (FIXTURES / base / "messages.csv").read_bytes()
    one, several = both_ways(export_with(tmp_path, data, base), chunk=80)
    assert not isinstance(one, str) and several == one


def test_a_quote_inside_an_unquoted_field_sends_the_file_to_one_read(tmp_path: Path) -> None:
    # the csv module reads a quote inside an unquoted cell as a plain character, so counting quotes puts
    # a cut inside the next row's quoted body; the sentinel notices and the one-process read decides
    rows = generated(60).decode().splitlines(keepends=True)
    rows.insert(
        1,
        '2-X,,Ann Lee,https://www.linkedin.com/in/ann,John Smith,,2024-01-01 10:00:00 UTC,,6" tall,INBOX,,No,No\n',
    )
    data = "".join(rows).encode()
    folder = export_with(tmp_path, data)
    with Archive(folder) as archive:
        name = archive.find("messages.csv")
        assert name is not None
        one = read_messages(archive, name, hashed=True, workers=1)
        assert _read_in_stretches(archive, name, True, True, 200, 2) is None
        several = read_messages(archive, name, hashed=True, parallel_min=0, chunk=200, workers=2)
    assert several == one and one.rows == 61


def test_a_bad_date_late_in_the_file_is_reported_with_its_line(tmp_path: Path) -> None:
    text = generated(200).decode().replace("2024-07-11 06:30:30 UTC", "yesterday")
    one, several = both_ways(export_with(tmp_path, text.encode()), chunk=500)
    assert isinstance(one, str) and "'DATE' is not a date" in one and ", line " in one
    assert several == one


def test_bytes_that_are_not_utf8_late_in_the_file_fail_as_in_one_read(tmp_path: Path) -> None:
    data = generated(200).replace(b"short 100", b"short \xff100")
    one, several = both_ways(export_with(tmp_path, data), chunk=500)
    assert isinstance(one, str) and "not UTF-8" in one
    assert several == one


def test_cut_lands_after_a_newline_outside_quotes() -> None:
    buffer = b'a,"b\nc"\nd,"e\nf'
    end, odd = _cut(buffer, False)
    assert buffer[:end] == b'a,"b\nc"\n' and odd is False
    assert _cut(b'x"\ny\n', True) == (5, False)  # one quote carried in: the first newline is inside
    assert _cut(b"no newline", False) == (0, False)


cells = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\xe9')), max_size=12)
dates = st.sampled_from(
    ["2024-01-02 03:04:05 UTC", "2023-12-31 23:59:59 UTC", "2024-02-30 10:00:00 UTC", "x"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(st.lists(cells, min_size=1, max_size=8), dates), max_size=30),
    quoting=st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]),
    chunk=st.integers(16, 400),
    raw_tail=st.binary(max_size=20),
)
def test_any_file_reads_the_same_or_fails_the_same(
    tmp_path: Path, rows: list[tuple[list[str], str]], quoting: Literal[0, 1], chunk: int, raw_tail: bytes
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    writer.writerow(HEADER)
    for row, date in rows:
        writer.writerow([row[i % len(row)] if column != "DATE" else date for i, column in enumerate(HEADER)])
    one, several = both_ways(export_with(tmp_path, out.getvalue().encode() + raw_tail), chunk)
    assert several == one
