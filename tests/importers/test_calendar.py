"""Golden tests of the calendar importer on tests/fixtures/calendar/.

``google.ics`` is a Google Calendar export (lines folded at 75 octets inside parameters and addresses,
X-WR-CALNAME = the owner, CN equal to the address, a room, a mailing list, a declined guest, a weekly
series with an EXDATE and a moved occurrence, an all-day event without guests).  ``outlook.ics`` is an
Outlook one (a BOM, quoted Windows zone names without VTIMEZONE, X-MICROSOFT-CDO-*, two VCALENDARs, an
event with a broken DTSTART).  Expected epochs: datetime(..., tzinfo=UTC).timestamp() of the times
written in the fixture, London being UTC+0 in January and Pacific Standard Time UTC-8 in March.
"""

from __future__ import annotations

import contextlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.calendar import detect, read_calendars, read_ics_bytes
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, ImportItem, InteractionRecord, PersonRecord
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "calendar"
BOB = Identity("email", "bob.stone@example.org")


def utc(year: int, month: int, day: int, hour: int = 0) -> int:
    return int(datetime(year, month, day, hour, tzinfo=UTC).timestamp())


def meetings(items: list[ImportItem]) -> list[InteractionRecord]:
    return [i for i in items if isinstance(i, InteractionRecord)]


def test_google_weekly_series_is_expanded_with_exdate_and_moved_occurrence() -> None:
    items = list(read_calendars(FIXTURES / "google.ics", ImportOptions()))
    with_bob = sorted(
        (m.occurred_at or 0, m.length, m.title)
        for m in meetings(items)
        if m.person == BOB and m.group_size == 1
    )
    # Mondays 10:00 London from 8 Jan; 22 Jan excluded; 29 Jan moved to Tue 30 Jan 11:00 for an hour;
    # the export date is the latest DTSTAMP, 20 Feb 12:00Z, so 19 Feb is the last occurrence.
    assert with_bob == [
        (utc(2024, 1, 8, 10), 30, "Bob / Jane 1:1"),
        (utc(2024, 1, 15, 10), 30, "Bob / Jane 1:1"),
        (utc(2024, 1, 30, 11), 60, "Bob / Jane 1:1 (moved)"),
        (utc(2024, 2, 5, 10), 30, "Bob / Jane 1:1"),
        (utc(2024, 2, 12, 10), 30, "Bob / Jane 1:1"),
        (utc(2024, 2, 19, 10), 30, "Bob / Jane 1:1"),
    ]


def test_google_kickoff_keeps_people_only() -> None:
    items = list(read_calendars(FIXTURES / "google.ics", ImportOptions()))
    kickoff = [m for m in meetings(items) if m.title == "Project Kestrel kickoff"]
    # owner (X-WR-CALNAME), declined Dave, the room and the eng-all list are not people
    assert sorted(m.person.value for m in kickoff) == ["bob.stone@example.org", "carol@example.net"]
    assert {m.group_size for m in kickoff} == {2}
    assert {m.direction for m in kickoff} == {"mutual"}
    assert {m.kind for m in kickoff} == {"meeting"}
    assert {m.occurred_at for m in kickoff} == {utc(2024, 2, 1, 15)}
    assert len({m.message_key for m in kickoff}) == 1
    assert len({m.source_key for m in kickoff}) == 2
    persons = {p.identities[0].value: p for p in items if isinstance(p, PersonRecord)}
    assert set(persons) == {"bob.stone@example.org", "carol@example.net"}
    assert persons["bob.stone@example.org"].name == "Bob Stone"
    carol = next(m for m in kickoff if m.person.value == "carol@example.net")
    assert carol.person_name is None  # CN was just the address
    read = [i for i in items if isinstance(i, FileRead)]
    assert [(r.rows, r.skipped) for r in read] == [(4, 0)]


def test_outlook_windows_zones_bom_two_calendars_and_broken_start() -> None:
    items = list(read_calendars(FIXTURES / "outlook.ics", ImportOptions()))
    found = sorted((m.person.value, m.occurred_at, m.length, m.person_name) for m in meetings(items))
    assert found == [
        ("erin.park@contoso.com", utc(2024, 3, 5, 17), 60, "Erin Park"),  # 09:00 Pacific Standard Time
        (
            "frank.ruiz@contoso.com",
            utc(2024, 3, 6, 12),
            45,
            "Frank Ruiz",
        ),  # DURATION:PT45M, address case-folded
    ]
    read = [i for i in items if isinstance(i, FileRead)]
    assert [(r.rows, r.skipped) for r in read] == [(3, 1)]


def test_owner_emails_option_overrides_inference() -> None:
    options = ImportOptions(owner_emails=("Bob.Stone@example.org",))
    people = {m.person.value for m in meetings(list(read_calendars(FIXTURES / "google.ics", options)))}
    assert "bob.stone@example.org" not in people
    assert "jane@example.com" in people


def test_now_option_bounds_the_series() -> None:
    options = ImportOptions(now=utc(2024, 1, 20))
    with_bob = [
        m for m in meetings(list(read_calendars(FIXTURES / "google.ics", options))) if m.group_size == 1
    ]
    assert [m.occurred_at for m in with_bob] == [utc(2024, 1, 8, 10), utc(2024, 1, 15, 10)]


def test_endless_daily_series_is_capped() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:daily\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20000101T090000Z\r\nRRULE:FREQ=DAILY\r\nORGANIZER:mailto:me@x.org\r\n"
        "ATTENDEE:mailto:you@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    found = meetings(list(read_ics_bytes(text.encode(), "daily.ics", ImportOptions())))
    assert len(found) == 520


def test_folder_of_ics_files() -> None:
    items = list(read_calendars(FIXTURES, ImportOptions()))
    assert sorted(i.name for i in items if isinstance(i, FileRead)) == ["google.ics", "outlook.ics"]


def test_not_a_calendar_is_an_import_error() -> None:
    with pytest.raises(ImportFormatError, match="not an iCalendar"):
        list(read_ics_bytes(b"hello", "x.ics", ImportOptions()))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        list(
            read_ics_bytes(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\nEND:VCALENDAR", "x.ics", ImportOptions())
        )


def test_unchanged_file_is_not_parsed_again() -> None:
    first = [i for i in read_calendars(FIXTURES / "google.ics", ImportOptions()) if isinstance(i, FileRead)]
    digest = first[0].sha256
    assert digest is not None
    again = list(read_calendars(FIXTURES / "google.ics", ImportOptions(known_hashes=frozenset({digest}))))
    assert again == [FileRead(str(FIXTURES / "google.ics"), rows=0, sha256=digest, unchanged=True)]


def test_detect() -> None:
    assert detect(FIXTURES / "google.ics")
    assert detect(FIXTURES)
    assert not detect(FIXTURES.parent / "vcard" / "contacts.vcf")
    assert not detect(FIXTURES.parent)


def test_reimport_adds_nothing(db: Database) -> None:
    first = run_import(db, FIXTURES, source="calendar")
    assert first.totals["added"] > 0
    second = run_import(db, FIXTURES, source="calendar", options=ImportOptions(force=True))
    assert second.totals["added"] == 0
    count = db.conn.execute("SELECT COUNT(*) FROM interactions WHERE source = 'calendar'").fetchone()[0]
    assert count == 6 + 2 + 2


_LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:x",
        "DTSTART:20240101T100000Z",
        "DTSTART;TZID=Pacific Standard Time:20240101T100000",
        "DTSTART:2024",
        "DTEND:20240101T110000Z",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=BOGUS",
        "EXDATE:20240108T100000Z",
        "RECURRENCE-ID:20240108T100000Z",
        "ATTENDEE;PARTSTAT=DECLINED:mailto:a@x.org",
        "ATTENDEE;CN=B:mailto:b@x.org",
        "ORGANIZER:mailto:o@x.org",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=14))
def test_any_calendar_text_gives_records_or_import_error(lines: list[str]) -> None:
    text = "BEGIN:VCALENDAR\r\n" + "\r\n".join(lines) + "\r\nEND:VCALENDAR\r\n"
    try:
        items = list(read_ics_bytes(text.encode(), "fuzz.ics", ImportOptions(now=utc(2024, 6, 1))))
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_records_or_import_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        list(read_ics_bytes(data, "fuzz.ics", ImportOptions()))


@pytest.mark.realdata
def test_every_real_ics_file_imports_or_fails_cleanly(shared_data: Path) -> None:
    files = sorted((shared_data / "ics").rglob("*.ics"))
    assert len(files) > 100
    clean = 0
    for file in files:
        try:
            list(read_calendars(file, ImportOptions()))
        except ImportFormatError:
            continue
        clean += 1
    print(f"ics: {clean} of {len(files)} files import cleanly")
    assert clean >= 140


def test_google_export_zip(tmp_path: Path) -> None:
    archive = tmp_path / "jane@example.com.ical.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "google.ics", "jane@example.com.ics")
    assert detect(archive)
    names = [i.name for i in read_calendars(archive, ImportOptions()) if isinstance(i, FileRead)]
    assert names == ["jane@example.com.ical.zip:jane@example.com.ics"]


def test_large_meeting_counts_by_its_size_unless_a_cut_is_asked_for() -> None:
    guests = "".join(f"ATTENDEE;CN=G{n}:mailto:g{n}@x.org\r\n" for n in range(6))
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:allhands\r\nDTSTART:20240101T090000Z\r\n"
        f"ORGANIZER:mailto:me@x.org\r\n{guests}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    # by default every meeting counts, each attendee weighted 1/6 at analysis (Newman 2001)
    found = meetings(list(read_ics_bytes(text.encode(), "a.ics", ImportOptions())))
    assert [(m.group_size, m.bulk) for m in found] == [(6, False)] * 6
    # Kossinets & Watts' cut at 4, asked for: co-occurrence only
    cut = meetings(list(read_ics_bytes(text.encode(), "a.ics", ImportOptions(max_group=4))))
    assert [(m.group_size, m.bulk) for m in cut] == [(6, True)] * 6
    small = meetings(list(read_ics_bytes(text.encode(), "a.ics", ImportOptions(max_group=6))))
    assert {m.bulk for m in small} == {False}
