"""Every date format of LinkedIn's export, to the exact UTC epoch.

Expected values are ``calendar.timegm`` of the written date, checked by hand for the first:
2023-10-06 is day 19636 since 1970-01-01, 19636 * 86400 = 1696550400.
"""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netvalue.importers.linkedin.dates import (
    DateFormatError,
    month_label,
    parse_linkedin_date,
    parse_message_date,
)


def utc(*parts: int) -> int:
    return calendar.timegm((*parts, *([0] * (6 - len(parts)))))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06 Oct 2023", 1696550400),
        ("17-Nov-21", utc(2021, 11, 17)),
        ("2023-10-06 14:02:11 UTC", 1696550400 + 14 * 3600 + 2 * 60 + 11),
        ("10/6/23, 2:02 PM", 1696550400 + 14 * 3600 + 2 * 60),
        ("10/6/23, 12:05 AM", 1696550400 + 5 * 60),
        ("07/21/09, 12:11 PM", utc(2009, 7, 21, 12, 11)),
        ("8/24/24,\u202f5:49\u202fPM", utc(2024, 8, 24, 17, 49)),
        ("2024/03/11 10:12:40 UTC", utc(2024, 3, 11, 10, 12, 40)),
        ("Tue Sep 28 09:08:27 UTC 2021", utc(2021, 9, 28, 9, 8, 27)),
        ("Nov 2021", utc(2021, 11, 1)),
        ("2015", utc(2015, 1, 1)),
        ("  ", None),
        ("", None),
    ],
)
def test_each_format_of_the_export(text: str, expected: int | None) -> None:
    assert parse_linkedin_date(text) == expected


def test_message_dates_fast_path_agrees_with_the_general_parser() -> None:
    for text in ("2021-11-17 18:14:58 UTC", "2021-11-17 00:00:00 UTC", "2021-11-17 23:59:59 UTC"):
        first = parse_message_date(text)
        assert parse_message_date(text) == first == parse_linkedin_date(text)
    assert parse_message_date("2021-11-17 18:14:58 UTC") == utc(2021, 11, 17, 18, 14, 58)


@pytest.mark.parametrize(
    "text",
    [
        "2023-02-30 10:00:00 UTC",  # no such day
        "2023-10-06 24:00:00 UTC",
        "2023-10-06 14:61:00 UTC",
        "yesterday",
        "06 Foo 2023",
        "13/45/23, 2:02 PM",
        "10/6/23, 13:02 PM",
        "Tue Sep 28 09:08:27 PST 2021",
    ],
)
def test_bad_dates_raise(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_linkedin_date(text)
    with pytest.raises(DateFormatError):
        parse_message_date(text)


def test_message_date_cache_does_not_accept_bad_clock_on_a_known_day() -> None:
    parse_message_date("2022-01-01 10:00:00 UTC")
    with pytest.raises(DateFormatError):
        parse_message_date("2022-01-01 10:99:00 UTC")


def test_month_labels() -> None:
    assert month_label("Nov 2021") == "2021-11"
    assert month_label("2015") == "2015"
    assert month_label("") is None
    with pytest.raises(DateFormatError):
        month_label("soon")


@given(st.datetimes(min_value=datetime.datetime(1971, 1, 1), max_value=datetime.datetime(2199, 12, 31)))
def test_message_dates_round_trip(moment: datetime.datetime) -> None:
    """Dates the export can hold (this parser accepts years 1900-2200)."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    expected = calendar.timegm(moment.replace(microsecond=0).timetuple())
    assert parse_message_date(text) == expected
    assert parse_linkedin_date(moment.strftime("%d %b %Y")) == utc(moment.year, moment.month, moment.day)


@given(st.text(max_size=40))
@example("0¹")  # a superscript digit: str.isdigit() says yes, int() says no (found by this test)
@example("2023-10-0² 14:02:11 UTC")
def test_arbitrary_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        value = parse_linkedin_date(text)
    except DateFormatError:
        return
    assert value is None or isinstance(value, int)
