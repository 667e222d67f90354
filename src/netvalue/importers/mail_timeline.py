"""Which dates a mailbox can hold: a message dated far outside the rest of its mailbox is undated.

A ``Date`` field is written by the sender's clock and software, and some write nonsense: the Enron corpus
(CMU's enron_mail_20150507) holds thirty messages of ``31 Dec 1979`` (Lotus Notes' null date) and one
of ``1 Jan 1988`` in mailboxes of 1999-2002, and forty spam messages dated ``3 Feb 2004`` in a mailbox
that ends in 2002.  Taken at their word they make someone "known for 47 years".  Where a ``Received``
field gives the delivery time, the header parser uses it
(:func:`netvalue.importers.email_headers.honest_date`); these messages have none, so the mailbox's own
timeline judges them.

The rule (ours): the timeline is the run of dates around the mailbox's middle 90 % (5th to 95th
percentile) that no gap of more than :data:`MAX_GAP` interrupts; a date beyond such a gap is recorded as
unknown.  A gap, not a percentile, because outliers can be many (the forty spam messages are 1.8 % of
their mailbox, more than a 99th percentile leaves out) while a real mailbox's mail runs on without a
year's silence.  Mailboxes of fewer than :data:`MIN_DATES` dated messages are not judged.  Dates more
than a day after the import's ``now`` are unknown too (a clock set in the future).
"""

from __future__ import annotations

from collections.abc import Sequence

from netvalue.codes import DAY

__all__ = ["MAX_GAP", "MIN_DATES", "plausible_span"]

MAX_GAP = 365 * DAY
"""A year without any message separates a date from the mailbox's timeline (ours)."""
MIN_DATES = 20
"""Fewer dated messages say too little about a timeline to judge any of them (ours)."""
FUTURE_SLACK = DAY
"""A date up to a day after ``now`` is a clock a little ahead or a zone misread, and kept (ours)."""


def plausible_span(dates: Sequence[int], now: int | None = None) -> tuple[int | None, int | None]:
    """``(earliest, latest)`` plausible date of a mailbox whose messages carry ``dates`` (epoch seconds,
    in any order); either is ``None`` when it sets no bound (see the module docstring)."""
    ordered = sorted(dates)
    latest_allowed = None if now is None else now + FUTURE_SLACK
    if latest_allowed is not None:
        ordered = [d for d in ordered if d <= latest_allowed]
    if len(ordered) < MIN_DATES:
        return None, latest_allowed
    low = (len(ordered) - 1) * 5 // 100
    high = (len(ordered) - 1) * 95 // 100
    while low > 0 and ordered[low] - ordered[low - 1] <= MAX_GAP:
        low -= 1
    while high < len(ordered) - 1 and ordered[high + 1] - ordered[high] <= MAX_GAP:
        high += 1
    earliest = ordered[low] if low > 0 else None
    latest = ordered[high] if high < len(ordered) - 1 else latest_allowed
    return earliest, latest


def within(moment: int | None, span: tuple[int | None, int | None]) -> int | None:
    """``moment`` when it lies within ``span``, else ``None`` (unknown)."""
    if moment is None:
        return None
    earliest, latest = span
    if (earliest is not None and moment < earliest) or (latest is not None and moment > latest):
        return None
    return moment
