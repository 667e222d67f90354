"""Hostile files other than zip bombs (issue 17): parsers that stay linear, JSON nested too deep, dates
out of range, names longer than any real name.  Each answers in one line or imports, nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.errors import ImportFormatError
from netvalue.identity.blocking import MAX_TYPO_WORD, _blocking_keys, _shared_keys
from netvalue.identity.names import parse_name
from netvalue.identity.profiles import profile_of
from netvalue.importers import calendar
from netvalue.importers.base import ImportOptions
from netvalue.importers.calendar import read_ics_bytes
from netvalue.importers.generic_csv import parse_date
from netvalue.importers.json_export import epoch, load_json
from netvalue.importers.linkedin.dates import DateFormatError, parse_linkedin_date
from netvalue.importers.twitter import parse_ytd
from netvalue.importers.vcard import unfold
from netvalue.importers.whatsapp import parse_chat, read_chat_bytes
from netvalue.records import MAX_NAME, FileRead, InteractionRecord
from netvalue.store.identity import PersonFacts

DEEP = "[" * 100_000 + "]" * 100_000
LETTERS = ("abcdefghijklmnopqrstuvwxyz" * 4000)[:100_000]  # every one-letter deletion a different string


def invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "nv.db"), *args])
    return result.exit_code, result.output


# -- names longer than any real name -------------------------------------------------------------


def test_parse_name_cuts_every_part() -> None:
    name = parse_name(f"Ann {LETTERS}")
    assert name.given == "ann" and len(name.family) == MAX_NAME - 4
    split = parse_name("x", LETTERS, LETTERS)
    assert len(split.given) == MAX_NAME and len(split.family) == MAX_NAME


def test_blocking_keys_of_a_long_name_stay_few() -> None:
    """One-deletion keys of a word of n letters hold n**2 letters: 100 KB gave 10 GB.  A part longer than
    any real name gets none."""
    keys = _shared_keys("ann", LETTERS[:MAX_NAME])
    assert len(keys) <= 6
    assert (
        len(_shared_keys("ann", LETTERS[:MAX_TYPO_WORD])) > MAX_TYPO_WORD
    )  # a real name keeps its typo keys
    facts = PersonFacts(
        1, f"Ann {LETTERS}", "Ann", LETTERS, (f"{LETTERS}@example.com",), (), (), (), ("vcard",)
    )
    _, opened, held = _blocking_keys(profile_of(facts))
    assert sum(len(k) for k in opened | held) < 10 * MAX_NAME


@pytest.mark.parametrize("where", ["FN", "N"])
def test_a_vcard_name_of_100_kb_is_cut_and_noted(tmp_path: Path, where: str) -> None:
    card = tmp_path / "long.vcf"
    fn, n = (f"Ann {LETTERS}", "Lee;Ann;;;") if where == "FN" else ("Ann Lee", f"{LETTERS};Ann;;;")
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fn}\r\nN:{n}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Jones\r\nN:Jones;Bob;;;\r\nEND:VCARD\r\n"
    )
    code, output = invoke(tmp_path, "import", "vcard", str(card), "--json")
    assert code == 0, output
    assert f"longer than {MAX_NAME} characters cut" in output
    with sqlite3.connect(tmp_path / "nv.db") as conn:
        longest = conn.execute("SELECT MAX(LENGTH(name)), MAX(LENGTH(last_name)) FROM people").fetchone()
    assert max(x or 0 for x in longest) <= MAX_NAME


# -- parsers that stay linear --------------------------------------------------------------------


def test_whatsapp_continuation_lines_join_in_order() -> None:
    lines = [f"line {i}" for i in range(50_000)]
    text = "12/01/24, 09:15 - Ann Lee: Hi\n" + "\n".join(lines) + "\n12/01/24, 09:16 - Sam Lee: ok\nmore\n"
    messages, system = parse_chat(text, "chat.txt")
    assert [m.text for m in messages] == ["\n".join(["Hi", *lines]), "ok\nmore"]
    assert system == 0


def test_vcard_soft_breaks_join_in_order() -> None:
    pieces = [f"=4{i % 10}" for i in range(50_000)]
    text = (
        "BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
        + "=\r\n".join(pieces)
        + "\r\nFN:Ann\r\nEND:VCARD\r\n"
    )
    logical = list(unfold(text))
    assert logical[1] == "NOTE;ENCODING=QUOTED-PRINTABLE:" + "=\n".join(pieces)
    assert logical[2:] == ["FN:Ann", "END:VCARD"]


def test_vcard_quoted_printable_marker_folded_across_lines() -> None:
    """The head's marker may be folded in two (folding happens anywhere): the soft break still joins."""
    text = "NOTE;ENCODING=QUOTED-PRI\r\n NTABLE:a=\r\nb\r\nFN:x=\r\nEND:VCARD\r\n"
    assert list(unfold(text)) == ["NOTE;ENCODING=QUOTED-PRINTABLE:a=\nb", "FN:x=", "END:VCARD"]


# -- JSON nested deeper than Python reads ----------------------------------------------------------


def test_deep_json_is_an_import_error() -> None:
    with pytest.raises(ImportFormatError, match="deeper"):
        load_json(DEEP.encode(), "friends.json")
    with pytest.raises(ImportFormatError, match="deeper"):
        parse_ytd(f"window.YTD.follower.part0 = {DEEP}".encode(), "follower.js")


@pytest.mark.parametrize(
    ("source", "name", "prefix"),
    [
        ("facebook", "your_friends.json", '{"friends_v2": '),
        ("instagram", "followers_1.json", ""),
        ("twitter", "follower.js", "window.YTD.follower.part0 = "),
    ],
)
def test_deep_json_is_answered_in_one_line(tmp_path: Path, source: str, name: str, prefix: str) -> None:
    path = tmp_path / name
    path.write_text(prefix + DEEP)
    code, output = invoke(tmp_path, "import", source, str(path))
    assert code == 1 and output.count("\n") == 1 and output.startswith("Error: "), output


# -- dates out of range --------------------------------------------------------------------------


def test_linkedin_refuses_dates_out_of_range() -> None:
    for text in ("9999/12/31 10:12:40 UTC", "12/31/99 13:00 PM", "10/6/23, 13:00 PM", "31 Dec 9999"):
        with pytest.raises(DateFormatError):
            parse_linkedin_date(text)


def test_json_timestamps_out_of_range_are_unknown() -> None:
    assert epoch(253_402_214_400) is None  # 9999-12-31
    assert epoch(253_402_214_400_000, per_second=1000) is None
    assert epoch(1_700_000_000) == 1_700_000_000


def test_csv_dates_out_of_range_are_unknown() -> None:
    assert parse_date("9999-12-31") is None
    assert parse_date("2023-10-06") is not None


def test_whatsapp_dates_out_of_range_are_unknown() -> None:
    text = (
        "12/31/9999, 9:15 AM - Ann Lee: far\n"
        "1/2/24, 13:00 PM - Ann Lee: no such time\n"
        "1/2/24, 0:30 AM - Ann Lee: nor this\n"
        "1/2/24, 1:00 PM - Ann Lee: fine\n"
    )
    items = list(read_chat_bytes(text.encode(), "WhatsApp Chat with Ann Lee.txt", ImportOptions()))
    times = [i.occurred_at for i in items if isinstance(i, InteractionRecord)]
    assert times == [1_704_200_400]  # 2024-01-02 13:00 UTC; the three others skipped, not stored as given
    assert [i.skipped for i in items if isinstance(i, FileRead)] == [3]


def test_a_meeting_in_year_9999_is_not_imported() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:99991231T100000Z\r\n"
        "DTEND:99991231T110000Z\r\nSUMMARY:x\r\nORGANIZER:mailto:me@example.com\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    items = list(read_ics_bytes(ics.encode(), "cal.ics", ImportOptions(owner_emails=("me@example.com",))))
    assert not [i for i in items if isinstance(i, InteractionRecord)]


# -- recurring meetings expanded within a budget ---------------------------------------------------


def test_recurring_meetings_expand_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """10 daily series of 20 attendees would be 104,000 records (13 KB of text); past the budget each
    series counts its first occurrence only, and the file's note says so."""
    monkeypatch.setattr(calendar, "MAX_EXPANDED", 1000)
    attendees = "".join(f"ATTENDEE;PARTSTAT=ACCEPTED;CN=P{j}:mailto:p{j}@example.com\r\n" for j in range(20))
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:20200101T100000Z\r\nDTEND:20200101T110000Z\r\nRRULE:FREQ=DAILY\r\n"
        f"ORGANIZER:mailto:me@example.com\r\n{attendees}END:VEVENT\r\n"
        for i in range(10)
    )
    ics = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()
    options = ImportOptions(owner_emails=("me@example.com",), now=1_700_000_000)
    items = list(read_ics_bytes(ics, "cal.ics", options))
    meetings = [i for i in items if isinstance(i, InteractionRecord)]
    assert 1000 <= len(meetings) <= 1000 + 20 + 9 * 20  # the budget, one occurrence over, then firsts
    assert {m.conversation_id for m in meetings} == {f"e{i}" for i in range(10)}
    (read,) = [i for i in items if isinstance(i, FileRead)]
    assert read.notes == ("recurring meetings past 1,000 records counted once",)
