"""The date formats of LinkedIn's data export, read as seconds since the epoch, UTC.

Each file of the export writes dates its own way (``../shared/reference/formats.md``, "LinkedIn data
export"):

==============================  ===========================================  ===================
``06 Oct 2023``                 ``Connections.csv`` ``Connected On``          ``%d %b %Y``
``17-Nov-21``                   the same, re-saved by a spreadsheet           ``%d-%b-%y``
``2023-10-06 14:02:11 UTC``     ``messages.csv`` ``DATE``                     ``%Y-%m-%d %H:%M:%S UTC``
``10/6/23, 2:02 PM``            ``Invitations.csv``, ``Recommendations_*``    ``%m/%d/%y, %I:%M %p``
``2024/03/11 10:12:40 UTC``     ``Endorsement_*_Info.csv``                    ``%Y/%m/%d %H:%M:%S UTC``
``Tue Sep 28 09:08:27 UTC 2021``  ``Company Follows.csv`` ``Followed On``     ``%a %b %d %H:%M:%S UTC %Y``
``Nov 2021`` / ``2015``         ``Positions.csv``, ``Education.csv``          month (or year) only
==============================  ===========================================  ===================

Dates without a zone are LinkedIn's server time, which the export writes in UTC.  Two-digit years
follow POSIX ``strptime``: 69-99 are 1969-1999, 00-68 are 2000-2068.  The parsers are plain string
splits (no regular expression, no ``strptime``) with a cache per calendar day, because
``messages.csv`` can hold hundreds of thousands of dates.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
MONTHS["sept"] = 9


class DateFormatError(ValueError):
    """A date in none of the export's formats; the importer names the file and line."""


@lru_cache(maxsize=65536)
def _day_start(year: int, month: int, day: int) -> int:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]) or not 1900 <= year <= 2200:
        raise DateFormatError(f"no such day: {year:04d}-{month:02d}-{day:02d}")
    return calendar.timegm((year, month, day, 0, 0, 0))


def _clock(text: str) -> int:
    """``'14:02:11'`` or ``'14:02'`` -> seconds into the day."""
    parts = text.split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdecimal() for p in parts):
        raise DateFormatError(f"not a time of day: {text!r}")
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) == 3 else 0
    if hour > 23 or minute > 59 or second > 60:
        raise DateFormatError(f"not a time of day: {text!r}")
    return hour * 3600 + minute * 60 + second


def _year(text: str) -> int:
    if not text.isdecimal() or len(text) not in (2, 4):
        raise DateFormatError(f"not a year: {text!r}")
    value = int(text)
    if len(text) == 2:
        value += 1900 if value >= 69 else 2000
    return value


def _month(text: str) -> int:
    number = MONTHS.get(text.lower().rstrip("."))
    if number is None:
        raise DateFormatError(f"not a month: {text!r}")
    return number


def _int(text: str) -> int:
    if not text.isdecimal():
        raise DateFormatError(f"not a number: {text!r}")
    return int(text)


def parse_iso_utc(text: str) -> int:
    """``2023-10-06 14:02:11 UTC`` (``messages.csv``) or ``2024/03/11 10:12:40 UTC`` (endorsements)."""
    body = text.strip()
    if body.endswith(" UTC"):
        body = body[:-4]
    day, _, clock = body.partition(" ")
    parts = day.split("-") if "-" in day else day.split("/")
    if len(parts) != 3 or len(parts[0]) != 4:
        raise DateFormatError(f"not a date like 2023-10-06 14:02:11 UTC: {text!r}")
    start = _day_start(_int(parts[0]), _int(parts[1]), _int(parts[2]))
    return start + (_clock(clock) if clock else 0)


_message_days: dict[str, int] = {}  # '2023-10-06' -> midnight UTC that day, for every day parsed
_HOURS = {f"{n:02d}": n * 3600 for n in range(24)}  # '14' -> seconds
_MINUTES_SECONDS = {f"{m:02d}:{s:02d}": m * 60 + s for m in range(60) for s in range(60)}  # '02:11' -> 131


def parse_message_date(text: str) -> int:
    """``messages.csv``'s ``DATE`` (``2023-10-06 14:02:11 UTC``): :func:`parse_iso_utc`, with a fast path
    for the exact shape taken by every row: the day from a cache filled by :func:`parse_iso_utc`, the hour
    and then minute and second together looked up among the valid two-digit and ``'MM:SS'`` strings
    (about half the cost of testing and converting the digits, ~4 us a row before, and a sixth less than
    looking minute and second up apart; ``benchmarks/import_linkedin.py``)."""
    if len(text) == 23 and text[19:] == " UTC" and text[10] == " " and text[13] == ":":
        day = _message_days.get(text[:10])
        hour = _HOURS.get(text[11:13])
        minute_second = _MINUTES_SECONDS.get(text[14:19])
        if day is not None and hour is not None and minute_second is not None:
            return day + hour + minute_second
    value = parse_iso_utc(text)
    if len(text) == 23 and text[19:] == " UTC" and text[4] == "-" and len(_message_days) < 100_000:
        _message_days[text[:10]] = value - _clock(text[11:19])
    return value


def parse_day_month_year(text: str) -> int:
    """``06 Oct 2023`` or, re-saved by a spreadsheet, ``17-Nov-21`` -> midnight UTC of that day."""
    body = text.strip()
    parts = body.split("-") if "-" in body else body.split()
    if len(parts) != 3:
        raise DateFormatError(f"not a date like 06 Oct 2023: {text!r}")
    return _day_start(_year(parts[2]), _month(parts[1]), _int(parts[0]))


def parse_us_datetime(text: str) -> int:
    """``10/6/23, 2:02 PM`` (``Invitations.csv``, recommendations); seconds and a 24-hour clock also read."""
    body = text.replace("\u202f", " ").replace("\xa0", " ").strip()
    day, _, clock = body.partition(",")
    parts = day.strip().split("/")
    if len(parts) != 3:
        raise DateFormatError(f"not a date like 10/6/23, 2:02 PM: {text!r}")
    start = _day_start(_year(parts[2]), _int(parts[0]), _int(parts[1]))
    words = clock.split()
    if not words:
        return start
    seconds = _clock(words[0])
    if len(words) == 2 and words[1].upper() in ("AM", "PM"):
        if not 3600 <= seconds < 13 * 3600:
            raise DateFormatError(f"not a 12-hour time: {text!r}")
        seconds %= 12 * 3600
        if words[1].upper() == "PM":
            seconds += 12 * 3600
    elif len(words) != 1:
        raise DateFormatError(f"not a date like 10/6/23, 2:02 PM: {text!r}")
    return start + seconds


def parse_unix_date(text: str) -> int:
    """``Tue Sep 28 09:08:27 UTC 2021`` (``Company Follows.csv``, the output of ``date(1)``)."""
    parts = text.split()
    if len(parts) != 6 or parts[4] not in ("UTC", "GMT"):
        raise DateFormatError(f"not a date like Tue Sep 28 09:08:27 UTC 2021: {text!r}")
    return _day_start(_year(parts[5]), _month(parts[1]), _int(parts[2])) + _clock(parts[3])


def parse_month_year(text: str) -> int:
    """``Nov 2021`` -> midnight UTC on the 1st; a bare ``2015`` -> 1 January (``Positions.csv``, ``Education.csv``)."""
    parts = text.split()
    if len(parts) == 1:
        return _day_start(_year(parts[0]), 1, 1)
    if len(parts) != 2:
        raise DateFormatError(f"not a month like Nov 2021: {text!r}")
    return _day_start(_year(parts[1]), _month(parts[0]), 1)


def parse_linkedin_date(text: str) -> int | None:
    """Any date of the export (the formats above) -> epoch seconds UTC; ``None`` for an empty cell.

    Raises :class:`DateFormatError` for text in none of the formats.
    """
    body = text.strip()
    if not body:
        return None
    if body.endswith("UTC") and body[:4].isdecimal():
        return parse_iso_utc(body)
    if "/" in body:
        return parse_us_datetime(body)
    if ":" in body:
        return parse_unix_date(body)
    parts = body.split("-") if "-" in body else body.split()
    if len(parts) == 3:
        return parse_day_month_year(body)
    return parse_month_year(body)


def month_label(text: str) -> str | None:
    """``Nov 2021`` -> ``'2021-11'``, ``2015`` -> ``'2015'`` (how owner affiliations store their dates);
    ``None`` for an empty cell.  Raises :class:`DateFormatError` for anything else."""
    body = text.strip()
    if not body:
        return None
    parts = body.split()
    if len(parts) == 1:
        return f"{_year(parts[0]):04d}"
    parse_month_year(body)
    return f"{_year(parts[1]):04d}-{_month(parts[0]):02d}"
