"""Calendars (``.ics``: Google Calendar, Outlook/Exchange, Apple): meetings with each attendee.

Every event with attendees becomes one ``meeting`` interaction (direction ``mutual``) per attendee
other than the owner, for every real occurrence of the event: recurring series are expanded with
``recurring-ical-events`` (RRULE, RDATE, EXDATE and RECURRENCE-ID overrides) up to the export date.

Choices of ours (no published default exists), documented here and in formats.md:

- The export date is ``ImportOptions.now``, else the latest DTSTAMP/LAST-MODIFIED in the file, else
  the current time: a calendar cannot show meetings that had not happened when it was exported.
- A series is expanded over at most :data:`MAX_SERIES_YEARS` years and :data:`MAX_OCCURRENCES`
  occurrences (ten years of a weekly meeting), so an endless rule cannot flood the database.
- The owner is ``ImportOptions.owner_emails``, else ``X-WR-CALNAME`` when it is an address (Google
  names a calendar after its owner), else the most frequent ORGANIZER, else the most frequent attendee.
- Not people: ``PARTSTAT=DECLINED`` (did not attend), ``CUTYPE=RESOURCE``/``ROOM`` and
  ``…@resource.calendar.google.com`` (rooms), ``CUTYPE=GROUP`` (mailing lists).
- A meeting with more than ``ImportOptions.max_group`` other people (default 4) is ``bulk``: it counts
  as co-occurrence, not toward tie strength -- Kossinets & Watts' (2006) e-mail rule, which we extend
  to meetings and group chats (our choice; an all-hands says little about any one tie).
- Floating times (no TZID, no ``Z``) are read as UTC; Windows zone names (``Pacific Standard Time``)
  are mapped by icalendar's own Windows-to-Olson table.
"""

from __future__ import annotations

import hashlib
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import icalendar
import recurring_ical_events

from netvalue.errors import ImportFormatError, map_errors
from netvalue.importers.archive import DAMAGE, member_head, read_file, read_member
from netvalue.importers.base import (
    Importer,
    ImportOptions,
    decode_text,
    one_of_many,
    read_head,
    sha256_of_bytes,
)
from netvalue.keys import normalize_email
from netvalue.records import FileRead, Identity, ImportItem, InteractionRecord, PersonRecord, plausible_time

SOURCE = "calendar"
MAX_SERIES_YEARS = 5
MAX_OCCURRENCES = 520
MAX_EXPANDED = 30_000
"""Meeting records (occurrences x attendees) one file's recurring series may expand to (ours: a busy
calendar's recurring meetings, 10 a week with 5 others each over the :data:`MAX_SERIES_YEARS` a series
is expanded, come to ~13,000; a 1.3 MB hostile file at 50,000 took 9-10 s of CPU on a loaded machine).  Past it a series counts its first
occurrence only, and the file's note says so: a 13 KB file of 10 daily series with 20 attendees each
expanded to 100,000 records, so a 1 MB one could take an hour."""
_NOT_PEOPLE_CUTYPES = frozenset({"RESOURCE", "ROOM", "GROUP"})
_ROOM_DOMAIN = "@resource.calendar.google.com"


@dataclass(frozen=True, slots=True)
class Attendee:
    """One person at an event: the case-folded address and the CN when it is a real name."""

    email: str
    name: str | None


def read_calendars(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """Every ``.ics`` file of ``path``: a file, a folder searched recursively, or Google Calendar's zip."""
    seen: set[str] = set()
    found = False
    several = path.is_dir() or path.suffix.lower() == ".zip"
    for name, data in _ics_files(path):
        found = True
        digest = sha256_of_bytes(data)
        if digest in options.known_hashes and not options.force:
            yield FileRead(name, rows=0, sha256=digest, unchanged=True)
            continue
        if several:
            yield from one_of_many(name, partial(read_ics_bytes, data, name, options, seen), options)
        else:
            yield from read_ics_bytes(data, name, options, seen)
    if not found:
        raise ImportFormatError(str(path), "holds no .ics file")


def _ics_files(path: Path) -> Iterator[tuple[str, bytes]]:
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.suffix.lower() == ".ics" and p.is_file()):
            yield str(file.relative_to(path)), read_file(file, str(file.relative_to(path)))
    elif path.suffix.lower() == ".zip":
        with map_errors(DAMAGE, lambda exc: ImportFormatError(str(path), f"is not a readable zip ({exc})")):
            archive = zipfile.ZipFile(path)
        with archive:
            for member in sorted(n for n in archive.namelist() if n.lower().endswith(".ics")):
                yield f"{path.name}:{member}", read_member(archive, member, f"{path.name}:{member}")
    else:
        yield str(path), read_file(path)


def read_ics_bytes(
    data: bytes, name: str, options: ImportOptions, seen: set[str] | None = None
) -> Iterator[ImportItem]:
    """Records of one ``.ics`` file's bytes, ending with its :class:`FileRead`."""
    text = decode_text(data, name)
    upper = text.upper()
    if "BEGIN:VCALENDAR" not in upper:
        if "BEGIN:VEVENT" not in upper:
            raise ImportFormatError(name, "is not an iCalendar file (no BEGIN:VCALENDAR)")
        text = (
            f"BEGIN:VCALENDAR\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"  # a bare event, as some tools save one
        )
    records: list[ImportItem] = []
    budget = _Budget(MAX_EXPANDED)
    with warnings.catch_warnings():
        # icalendar warns when it guesses a vendor-prefixed TZID (/mozilla.org/.../Europe/Berlin): that guess is right
        warnings.simplefilter("ignore")
        rows, skipped = _read_text(text, name, options, seen if seen is not None else set(), records, budget)
    yield from records
    notes = () if budget.left > 0 else (f"recurring meetings past {MAX_EXPANDED:,} records counted once",)
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256_of_bytes(data), notes=notes)


class _Budget:
    """What is left of a file's :data:`MAX_EXPANDED`."""

    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


def _read_text(
    text: str,
    name: str,
    options: ImportOptions,
    persons_seen: set[str],
    out: list[ImportItem],
    budget: _Budget,
) -> tuple[int, int]:
    """Append the records of ``text`` to ``out``; return (events read, events skipped as broken)."""
    # icalendar raises ValueError, KeyError, IndexError... for broken text
    with map_errors(
        Exception, lambda exc: ImportFormatError(name, f"is not valid iCalendar ({_one_line(exc)})")
    ):
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    rows = skipped = 0
    for calendar in calendars:
        if not isinstance(calendar, icalendar.Calendar):
            continue
        events, broken = _valid_events(calendar)
        skipped += broken
        rows += len(events) + broken
        now = _export_date(events, options)
        owner = _owner(calendar, events, options)
        zones = list(calendar.walk("VTIMEZONE"))  # once per calendar: walk() visits every component
        for uid, series in _series(events).items():
            out.extend(_meetings(zones, uid, series, owner, now, persons_seen, options.max_group, budget))
    return rows, skipped


def _valid_events(calendar: icalendar.Calendar) -> tuple[list[icalendar.Component], int]:
    """The events whose DTSTART (and RRULE) can be read, and how many others there were."""
    good: list[icalendar.Component] = []
    broken = 0
    for event in list(calendar.walk("VEVENT")):
        try:
            start = event.decoded("DTSTART")
            if not isinstance(start, date):
                raise ValueError("DTSTART is not a date")
            if plausible_time(int(_as_utc(start).timestamp())) is None:  # year 9999 is no meeting
                raise ValueError("DTSTART is out of range")
            _ = event.get("RRULE") and event.decoded("RRULE")
        except Exception:  # icalendar raises many kinds for one broken value
            broken += 1
            continue
        good.append(event)
    return good, broken


def _series(events: list[icalendar.Component]) -> dict[str, list[icalendar.Component]]:
    """Events grouped by UID (a master and its RECURRENCE-ID overrides share one)."""
    grouped: dict[str, list[icalendar.Component]] = {}
    for event in events:
        uid = str(event.get("UID") or "") or _fallback_uid(event)
        grouped.setdefault(uid, []).append(event)
    return grouped


def _fallback_uid(event: icalendar.Component) -> str:
    text = f"{event.get('SUMMARY', '')}|{event.decoded('DTSTART')}"
    return "nouid-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def _meetings(
    zones: list[icalendar.Component],
    uid: str,
    series: list[icalendar.Component],
    owner: frozenset[str],
    now: datetime,
    persons_seen: set[str],
    max_group: int,
    budget: _Budget,
) -> Iterator[ImportItem]:
    if not any(e.get("ATTENDEE") or e.get("ORGANIZER") for e in series):
        return
    recurring = any(e.get("RRULE") or e.get("RDATE") for e in series)
    for occurrence in _occurrences(zones, series, now, budget):
        start = _as_utc(occurrence.decoded("DTSTART"))
        people = [a for a in attendees_of(occurrence) if a.email not in owner]
        if recurring:  # single events are as many as the file holds: only expansions are budgeted
            budget.left -= max(1, len(people))
        when = int(start.timestamp())
        message_key = f"{uid}|{when}"
        title = str(occurrence.get("SUMMARY")) if occurrence.get("SUMMARY") is not None else None
        length = _minutes(occurrence) if people else None  # once per occurrence, not per attendee
        for person in people:
            if person.email not in persons_seen:
                persons_seen.add(person.email)
                yield PersonRecord(SOURCE, (Identity("email", person.email),), person.name or person.email)
            yield InteractionRecord(
                source=SOURCE,
                source_key=f"{message_key}|{person.email}",
                person=Identity("email", person.email),
                kind="meeting",
                direction="mutual",
                occurred_at=when,
                message_key=message_key,
                conversation_id=uid,
                group_size=len(people),
                bulk=len(people) > max_group,
                length=length,
                title=title,
                person_name=person.name,
            )


def _occurrences(
    zones: list[icalendar.Component], series: list[icalendar.Component], now: datetime, budget: _Budget
) -> Iterator[icalendar.Component]:
    """The occurrences of one series, oldest first, bounded by the export date and our caps (the
    consumer takes each occurrence's records off ``budget``; once it is spent, the first only)."""
    sub = icalendar.Calendar()
    for zone in zones:
        sub.add_component(zone)
    for event in series:
        sub.add_component(event)
    first = min(_as_utc(e.decoded("DTSTART")) for e in series)
    if not any(e.get("RRULE") or e.get("RDATE") for e in series):
        yield from series  # a single event counts as planned, even after the export date
        return
    if budget.left <= 0:
        yield from (e for e in series if not e.get("RECURRENCE-ID"))
        return
    stop = min(now, first + timedelta(days=365 * MAX_SERIES_YEARS))
    count = 0
    try:
        for occurrence in recurring_ical_events.of(sub, skip_bad_series=True).after(first):
            if _as_utc(occurrence.decoded("DTSTART")) > stop or count >= MAX_OCCURRENCES:
                break
            if count and budget.left <= 0:
                break
            count += 1
            yield occurrence
    except Exception:  # a rule recurring-ical-events cannot expand: keep its first occurrence only
        if count == 0:
            yield from (e for e in series if not e.get("RECURRENCE-ID"))


def attendees_of(event: icalendar.Component) -> list[Attendee]:
    """The people at ``event``: attendees and organizer, without rooms, lists and those who declined."""
    values = event.get("ATTENDEE") or []
    if not isinstance(values, list):
        values = [values]
    organizer = event.get("ORGANIZER")
    found: dict[str, Attendee] = {}
    for value in [*values, *([organizer] if organizer is not None else [])]:
        params = getattr(value, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE_CUTYPES:
            continue
        email = normalize_email(str(value))
        if "@" not in email or email.endswith(_ROOM_DOMAIN) or email in found:
            continue
        cn = str(params.get("CN", "")).strip().strip('"')
        found[email] = Attendee(email, cn if cn and normalize_email(cn) != email else None)
    return list(found.values())


def _owner(
    calendar: icalendar.Calendar, events: list[icalendar.Component], options: ImportOptions
) -> frozenset[str]:
    if options.owner_emails:
        return frozenset(normalize_email(e) for e in options.owner_emails)
    calname = normalize_email(str(calendar.get("X-WR-CALNAME", "")))
    if "@" in calname and " " not in calname:
        return frozenset({calname})
    organizers = Counter(
        normalize_email(str(e["ORGANIZER"])) for e in events if e.get("ORGANIZER") is not None
    )
    organizers.pop("", None)
    if organizers:
        return frozenset({organizers.most_common(1)[0][0]})
    attendees = Counter(a.email for e in events for a in attendees_of(e))
    return frozenset({attendees.most_common(1)[0][0]}) if attendees else frozenset()


def _export_date(events: list[icalendar.Component], options: ImportOptions) -> datetime:
    if options.now is not None:
        return datetime.fromtimestamp(options.now, UTC)
    stamps: list[datetime] = []
    for event in events:
        for prop in ("DTSTAMP", "LAST-MODIFIED"):
            try:
                value = event.decoded(prop) if event.get(prop) is not None else None
            except Exception:  # a broken stamp says nothing about the export date
                continue
            if isinstance(value, date):
                stamps.append(_as_utc(value))
    return max(stamps) if stamps else datetime.fromtimestamp(time.time(), UTC)


def _as_utc(value: object) -> datetime:
    """A DTSTART value as an aware UTC datetime (dates at midnight UTC; floating times read as UTC)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise ValueError(f"not a date: {value!r}")


def _minutes(event: icalendar.Component) -> int | None:
    try:
        start = event.decoded("DTSTART")
        if event.get("DTEND") is not None:
            return int((_as_utc(event.decoded("DTEND")) - _as_utc(start)).total_seconds() // 60)
        if event.get("DURATION") is not None:
            duration = event.decoded("DURATION")
            return int(duration.total_seconds() // 60) if isinstance(duration, timedelta) else None
    except Exception:  # an unreadable end leaves the length unknown
        return None
    return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def detect(path: Path) -> bool:
    """An ``.ics`` file (or a folder or zip holding one) whose start says ``BEGIN:VCALENDAR``."""
    if path.suffix.lower() == ".zip" and path.is_file():
        try:
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.lower().endswith(".ics")]
                return bool(members) and b"BEGIN:VCALENDAR" in member_head(archive, members[0], 512).upper()
        except DAMAGE:
            return False
    if path.is_dir():
        # the first few: one unreadable file among many must not hide the folder (it is skipped on import)
        candidates = [p for p in sorted(path.glob("*")) if p.suffix.lower() == ".ics"][:8]
        return any(_sniff(candidate) for candidate in candidates)
    return path.suffix.lower() == ".ics" and _sniff(path)


def _sniff(path: Path) -> bool:
    return b"BEGIN:VCALENDAR" in read_head(path, 512).upper()


IMPORTER = Importer(
    source=SOURCE,
    description="Calendar (.ics from Google Calendar, Outlook or Apple, or a folder of them): meetings with attendees.",
    read=read_calendars,
    detect=detect,
    how_to_export=(
        "Google Calendar: Settings -> Import & export -> Export (a zip of .ics files). Outlook: File -> Save Calendar. "
        "Apple Calendar: File -> Export -> Export."
    ),
    name_trust=3,
)
