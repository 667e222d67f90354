"""Events -> per-pair raw aggregates, in one SQL text that DuckDB and Spark SQL both run.

The engine only *counts*: sums, minima, maxima, distinct bins, a median gap and the last two-way moment
of every pair.  Every formula that turns these into features, strength, tiers and states stays in
Python (:mod:`netvalue.analysis.ties` and :mod:`netvalue.analysis.strength`, through
:mod:`netvalue.org.ties`), so the personal model and the organisation model are written once.

Definitions are those of :func:`netvalue.analysis.ties.tie_features`, with the pair ``(a, b)``, ``a < b``,
read from ``a``'s side (``a`` is the "owner", ``b`` the contact):

- an event from ``a`` to ``b`` is *sent*, from ``b`` to ``a`` *received*; a ``meeting`` (or
  ``calendar``) event is a meeting, which counts both ways;
- an event to more than ``max_group`` recipients is bulk and does not count (Kossinets & Watts 2006,
  as the personal import); neither do events at or after ``as_of``;
- activity A = Σ 2^(−days ago/110) (Burt 2002, science.md §2);
- the last two-way moment is the latest event that has an event the other way at most 90 days before
  it (or is a meeting).  This equals the personal definition (each received message paired with the
  latest sent one within ±90 days, the moment being the later of the two): the latest such pair has its
  later event at the moment and the other within 90 days before [ours, proved in the parity test];
- the usual gap is the median gap between distinct contact days (Navarro et al. 2017);
- weeks (months) active: distinct 7-day (30.4-day) bins back from ``as_of`` in the last 52 weeks (year);
- peak year: most events in any of the yearly bins back from ``as_of`` (the last bin holds everything
  older than 49 years).

``DIALECTS`` holds the two spellings that differ (an exact median); everything else is the same text.
Every fractional literal is a DOUBLE cast (a bare ``1.0`` is a DECIMAL in Spark, which rounds).  Sums of
floating-point numbers may differ between engines in the last bits (their order of addition differs):
the engine test compares them to 1e-12, everything else exactly.
``newman_weight`` (Σ 1/(n−1) per event, Newman 2001) is aggregated already for the group-size weighting
the personal model is adopting; nothing uses it yet.
"""

from __future__ import annotations

from typing import Literal

from netvalue.analysis.definitions import REPLY_WINDOW_DAYS
from netvalue.analysis.ties import ACTIVITY_HALF_LIFE_DAYS, YEAR
from netvalue.codes import DAY

Dialect = Literal["duckdb", "spark"]
WEEK = 7 * DAY
MONTH = int(30.4 * DAY)  # as ties.tie_features
MEETING_CHANNELS = ("meeting", "calendar")
KNOWN_CHANNELS = ("email", "chat", "meeting", "calendar", "call", "message", "video")
"""Each known channel is one bit of the distinct-channels mask; any other channel counts as one more [ours]."""

DIALECTS: dict[Dialect, dict[str, str]] = {
    "duckdb": {"median": "quantile_cont({x}, 0.5)"},
    "spark": {"median": "percentile({x}, 0.5)"},
}

PAIR_COLUMNS: tuple[str, ...] = (
    "a",
    "b",
    "sent",
    "received",
    "meetings",
    "sent_12m",
    "received_12m",
    "meetings_12m",
    "talk",
    "activity_raw",
    "inv_group_sum",
    "newman_weight",
    "first_contact",
    "last_contact",
    "last_two_way",
    "usual_gap_days",
    "channels",
    "peak_year",
    "weeks_active",
    "months_active",
)


def pair_sql(dialect: Dialect, as_of: int, max_group: int, events: str = "events", years: int = 50) -> str:
    """The query: one row per pair with :data:`PAIR_COLUMNS`, from the view ``events`` (``sender``,
    ``recipient``, ``t`` epoch seconds, ``channel``, ``group_size``), in no order (the caller sorts).

    One window pass over each pair's events in time order (the last event each way so far, and the
    previous event's day), then one group-by.  The frame is ``ROWS``, ordered by time then direction:
    of two events the same second in opposite directions the second-ordered one sees the first, so the
    latest two-way moment is the same as with a ``RANGE`` frame (where both see each other), which costs
    DuckDB about 10 % more.  Distinct weeks, months and channels are bit masks
    (``bit_or`` then ``bit_count``) rather than ``COUNT(DISTINCT ...)``, which both engines run as extra
    passes; ``years`` (at most 50) is how many yearly bins back from ``as_of`` the events reach, for
    the peak year (:func:`years_back`).
    """
    median = DIALECTS[dialect]["median"].format(x="CASE WHEN day > prev_day THEN day - prev_day END")
    meetings = ", ".join(f"'{c}'" for c in MEETING_CHANNELS)
    window = REPLY_WINDOW_DAYS * DAY
    channel_bits = " ".join(f"WHEN '{c}' THEN {1 << i}" for i, c in enumerate(KNOWN_CHANNELS))
    other_channel = 1 << len(KNOWN_CHANNELS)
    years = max(1, min(years, 50))
    year_counts = ", ".join(
        f"SUM(CASE WHEN t <= {as_of - k * YEAR} AND t > {as_of - (k + 1) * YEAR} THEN 1 ELSE 0 END)"
        if k < 49
        else f"SUM(CASE WHEN t <= {as_of - k * YEAR} THEN 1 ELSE 0 END)"
        for k in range(years)
    )
    peak = f"GREATEST({year_counts}, 0)"
    return f"""
WITH e AS (
  SELECT
    CASE WHEN sender < recipient THEN sender ELSE recipient END AS a,
    CASE WHEN sender < recipient THEN recipient ELSE sender END AS b,
    CASE WHEN channel IN ({meetings}) THEN 2 WHEN sender < recipient THEN 0 ELSE 1 END AS d,
    t, CASE channel {channel_bits} ELSE {other_channel} END AS channel_bit, group_size,
    CAST(FLOOR(t / {DAY}) AS BIGINT) AS day
  FROM {events}
  WHERE t < {as_of} AND sender <> recipient AND group_size <= {max_group}
),
w AS (
  SELECT a, b, d, t, channel_bit, group_size, day,
    MAX(CASE WHEN d = 0 THEN t END) OVER in_time AS last0,
    MAX(CASE WHEN d = 1 THEN t END) OVER in_time AS last1,
    LAG(day) OVER (PARTITION BY a, b ORDER BY t, d) AS prev_day
  FROM e
  WINDOW in_time AS (PARTITION BY a, b ORDER BY t, d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT a, b,
  SUM(CASE WHEN d = 0 THEN 1 ELSE 0 END) AS sent,
  SUM(CASE WHEN d = 1 THEN 1 ELSE 0 END) AS received,
  SUM(CASE WHEN d = 2 THEN 1 ELSE 0 END) AS meetings,
  SUM(CASE WHEN d = 0 AND t >= {as_of - YEAR} THEN 1 ELSE 0 END) AS sent_12m,
  SUM(CASE WHEN d = 1 AND t >= {as_of - YEAR} THEN 1 ELSE 0 END) AS received_12m,
  SUM(CASE WHEN d = 2 AND t >= {as_of - YEAR} THEN 1 ELSE 0 END) AS meetings_12m,
  COUNT(*) AS talk,
  SUM(POWER(CAST(2 AS DOUBLE), -(CAST({as_of} - t AS DOUBLE) / {DAY}) / CAST({ACTIVITY_HALF_LIFE_DAYS} AS DOUBLE)))
    AS activity_raw,
  SUM(CAST(1 AS DOUBLE) / CASE WHEN group_size > 1 THEN group_size ELSE 1 END) AS inv_group_sum,
  SUM(CAST(1 AS DOUBLE) / CASE WHEN group_size > 2 THEN group_size - 1 ELSE 1 END) AS newman_weight,
  MIN(t) AS first_contact,
  MAX(t) AS last_contact,
  MAX(CASE WHEN d = 2 OR (d = 0 AND last1 >= t - {window}) OR (d = 1 AND last0 >= t - {window})
      THEN t END) AS last_two_way,
  CAST({median} AS DOUBLE) AS usual_gap_days,
  bit_count(bit_or(channel_bit)) AS channels,
  {peak} AS peak_year,
  bit_count(bit_or(CASE WHEN t >= {as_of - 52 * WEEK}
    THEN CAST(POWER(2, FLOOR(({as_of} - t) / {WEEK})) AS BIGINT) ELSE 0 END)) AS weeks_active,
  bit_count(bit_or(CASE WHEN t >= {as_of - YEAR}
    THEN CAST(POWER(2, FLOOR(({as_of} - t) / {MONTH})) AS BIGINT) ELSE 0 END)) AS months_active
FROM w
GROUP BY a, b
"""


def years_back(as_of: int, first_time: int | None) -> int:
    """How many yearly bins back from ``as_of`` the events reach (1–50; the 50th holds everything older)."""
    if first_time is None or first_time >= as_of:
        return 1
    return min(50, (as_of - first_time) // YEAR + 1)
