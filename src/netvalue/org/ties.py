"""Pair aggregates -> the personal model's features, strength, tiers and states, unchanged.

The engine's pair table (:mod:`netvalue.org.pairs_sql`) is turned into a
:class:`netvalue.analysis.ties.TieFeatures` with one "person" per pair, read from the side of the pair's
first member, and judged by :func:`netvalue.analysis.ties.judge_ties` with the personal model's weights
(:data:`netvalue.analysis.strength.DEFAULT_MODEL`).  Nothing here re-states a formula: when the personal
model changes, the organisation model changes with it (``tests/org/test_parity.py`` shows where the
engine's aggregates no longer suffice).

Organisation-specific choices [ours]:
- everyone is a colleague: ``same_company`` is 1 for every pair;
- no message lengths, services or thread co-occurrence in event metadata: those features are 0;
- states (science.md §2): *deep dormant* (once strong, silent ≥ 3 years; Levin, Walter & Murnighan
  2011), *dormant* (once strong, silent over 12 months), *lapsing* (silent past 8× its usual gap and
  90 days, under a year; Navarro et al. 2017), else *strong* for the personal model's inner-circle and
  close tiers (about weekly or monthly two-way contact; Dunbar 2020) and *weak* for the rest.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from netvalue.analysis.record import RecordClock
from netvalue.analysis.strength import DORMANT_ALWAYS_DAYS, DORMANT_GAP_MULTIPLE, DORMANT_MIN_SILENCE_DAYS
from netvalue.analysis.ties import TieFeatures, TieJudgment, judge_ties, ratios_of_counts
from netvalue.codes import STRONG_TIER_CODES

STATES: Final = ("strong", "weak", "lapsing", "dormant", "deep dormant")
STRONG, WEAK, LAPSING, DORMANT, DEEP_DORMANT = range(5)
STRONG_TIERS = STRONG_TIER_CODES


def _ints(table: pa.Table, name: str, missing: int = 0) -> NDArray[np.int64]:
    column = table.column(name).fill_null(missing)
    return np.asarray(column.to_numpy(), dtype=np.int64)


def _floats(table: pa.Table, name: str) -> NDArray[np.float64]:
    column = table.column(name).cast(pa.float64()).fill_null(float("nan"))
    return np.asarray(column.to_numpy(), dtype=np.float64)


def pair_features(pairs: pa.Table, as_of: int) -> TieFeatures:
    """The personal model's features of every pair (row) of the engine's pair table."""
    n = pairs.num_rows
    zeros = np.zeros(n, dtype=np.int64)
    sent, received, meetings = _ints(pairs, "sent"), _ints(pairs, "received"), _ints(pairs, "meetings")
    talk = _ints(pairs, "talk")
    reciprocity, one_to_one, mean_length = ratios_of_counts(
        sent, received, meetings, talk, _floats(pairs, "inv_group_sum"), np.zeros(n), zeros
    )
    last_two_way = _ints(pairs, "last_two_way", missing=-1)
    return TieFeatures(
        as_of=as_of,
        sent=sent,
        received=received,
        meetings=meetings,
        sent_12m=_ints(pairs, "sent_12m"),
        received_12m=_ints(pairs, "received_12m"),
        meetings_12m=_ints(pairs, "meetings_12m"),
        activity_raw=_floats(pairs, "activity_raw"),
        first_contact=_ints(pairs, "first_contact", missing=-1),
        last_contact=_ints(pairs, "last_contact", missing=-1),
        last_two_way=last_two_way,
        two_way_ever=last_two_way >= 0,
        usual_gap_days=_floats(pairs, "usual_gap_days"),
        reciprocity=reciprocity,
        one_to_one=one_to_one,
        mean_length=mean_length,
        services=zeros,
        shared_people=zeros,
        same_company=np.ones(n, dtype=np.bool_),
        channels=_ints(pairs, "channels"),
        peak_year=_ints(pairs, "peak_year").astype(np.float64),
        weeks_active=_ints(pairs, "weeks_active"),
        months_active=_ints(pairs, "months_active"),
        two_way_moments=(zeros[:0], zeros[:0]),
        last_two_way_observed=last_two_way,  # no presumed exchange: ORGANISATION_SETTINGS
        clock=RecordClock.ordinary(),
    )


def tie_states(features: TieFeatures, judgment: TieJudgment) -> NDArray[np.int8]:
    """Index into :data:`STATES` for every tie (see the module docstring for the rules)."""
    silence = np.nan_to_num(features.days_since(features.last_two_way), nan=-1.0)
    gap = np.nan_to_num(features.usual_gap_days, nan=np.inf)
    state = np.full(features.n, WEAK, dtype=np.int8)
    state[np.isin(judgment.tier, STRONG_TIERS)] = STRONG
    lapsing = (
        (silence > DORMANT_GAP_MULTIPLE * gap)
        & (silence > DORMANT_MIN_SILENCE_DAYS)
        & (silence <= DORMANT_ALWAYS_DAYS)
    )
    state[lapsing] = LAPSING
    state[judgment.dormant & (silence > DORMANT_ALWAYS_DAYS)] = DORMANT
    state[judgment.deep_dormant] = DEEP_DORMANT
    return state


def judge_pairs(pairs: pa.Table, as_of: int) -> tuple[TieFeatures, TieJudgment, NDArray[np.int8]]:
    """Features, the personal model's judgment and the state of every pair."""
    features = pair_features(pairs, as_of)
    judgment = judge_ties(features)
    return features, judgment, tie_states(features, judgment)
