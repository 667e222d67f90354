"""The strength model's decay feature and one-way ceiling (``netvalue.analysis.strength``).

*Overdue* is the silence since the last interaction over the decay threshold T of Navarro et al.
(2017): 8× the usual gap between contact days, kept within 90–365 days, 365 without a rhythm
(science.md §2).  Ties with no two-way contact get s ↦ c·s / (c + (1 − c)·s), c = 0.2.  Each
expected number is worked out by hand beside it."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.analysis.strength import (
    DEFAULT_MODEL,
    FEATURE_NAMES,
    SIGNS,
    decay_threshold_days,
    design_matrix,
    one_way_strength,
)
from netvalue.analysis.ties import (
    DAY,
    ONE_WAY_STRENGTH_CAP,
    TIERS,
    TieSettings,
    judge_ties,
    tie_features,
    tie_reasons,
)
from netvalue.codes import KINDS
from netvalue.columns import InteractionArrays

AS_OF = 1_700_000_000
PLAIN = TieSettings(record_gaps=False, coverage=False)  # ordinary time, every direction taken as on record
OVERDUE = FEATURE_NAMES.index("overdue")


def emails(*items: tuple[int, float, str]) -> InteractionArrays:
    """``(person, days before AS_OF, "sent" | "received")`` -> one-to-one e-mails."""
    n = len(items)
    return InteractionArrays(
        person=np.array([i[0] for i in items], dtype=np.int64),
        occurred_at=np.array([AS_OF - round(i[1] * DAY) for i in items], dtype=np.int64),
        direction=np.array([("sent", "received").index(i[2]) for i in items], dtype=np.int8),
        kind=np.full(n, KINDS.index("email"), dtype=np.int8),
        group_size=np.ones(n, dtype=np.int64),
        length=np.full(n, 400, dtype=np.int64),
        bulk=np.zeros(n, dtype=np.bool_),
        source=np.zeros(n, dtype=np.int64),
        message=np.full(n, -1, dtype=np.int64),
    )


def test_decay_threshold_is_the_dormancy_rule() -> None:
    # gap 5 -> 8*5 = 40, raised to 90; gap 20 -> 160; gap 100 -> 800, lowered to 365; no rhythm -> 365
    got = decay_threshold_days(np.array([5.0, 20.0, 100.0, np.nan]))
    assert got.tolist() == [90.0, 160.0, 365.0, 365.0]


def test_overdue_is_silence_over_the_decay_threshold() -> None:
    items = [(0, 10, "sent"), (0, 15, "received"), (0, 20, "sent"), (1, 200, "sent")]
    f = tie_features(emails(*items), 3, AS_OF, settings=PLAIN)
    x = design_matrix(f)[:, OVERDUE]
    # person 0: contact days 20, 15, 10 -> gaps 5, 5 -> T = max(40, 90) = 90; silent 10 days
    assert math.isclose(x[0], math.log1p(10 / 90), rel_tol=1e-9)
    # person 1: one contact day -> T = 365; silent 200 days
    assert math.isclose(x[1], math.log1p(200 / 365), rel_tol=1e-9)
    # person 2: no contact -> 3,650 days / 365
    assert math.isclose(x[2], math.log1p(10.0), rel_tol=1e-9)


def test_overdue_is_measured_against_the_ties_own_rhythm() -> None:
    assert SIGNS["overdue"] == -1.0 and DEFAULT_MODEL.weights["overdue"] < 0
    # both last in touch 40 days ago; weekly gaps give T = max(8 * 7, 90) = 90, monthly gaps T = 240:
    # the same silence is more overdue for the weekly tie
    weekly = [(0, 40 + 7 * k, ("sent", "received")[k % 2]) for k in range(6)]
    monthly = [(1, 40 + 30 * k, ("sent", "received")[k % 2]) for k in range(6)]
    f = tie_features(emails(*weekly, *monthly), 2, AS_OF, settings=PLAIN)
    x = design_matrix(f)[:, OVERDUE]
    assert math.isclose(x[0], math.log1p(40 / 90)) and math.isclose(x[1], math.log1p(40 / 240))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=2, max_size=30),
    st.floats(0.01, 0.99, allow_nan=False),
)
def test_one_way_ceiling_keeps_rank_and_stays_below_the_cap(values: list[float], cap: float) -> None:
    s = np.array(values)
    f = one_way_strength(s, cap)
    assert (f >= 0).all() and (f <= s + 1e-12).all() and (f <= cap + 1e-12).all()
    order = np.argsort(s, kind="stable")
    assert (np.diff(f[order]) >= -1e-12).all()  # monotone: the model's ranking is kept
    assert math.isclose(float(one_way_strength(np.array([1.0]), cap)[0]), cap)


def test_an_ongoing_one_way_stream_outranks_one_exchange_long_ago() -> None:
    # person 0: 12 e-mails from you over the last two months, no answer on record;
    # person 1: one exchange 200 days ago.  The old ×0.2 scaling ranked person 1 first; the ceiling
    # keeps person 0 a collected name below the cap but ranks it by its evidence.  (PLAIN: the record
    # is taken to hold both directions every month.)
    items = [(0, d, "sent") for d in range(2, 62, 5)] + [(1, 200, "sent"), (1, 199, "received")]
    f = tie_features(emails(*items), 2, AS_OF, settings=PLAIN)
    j = judge_ties(f)
    assert [TIERS[t] for t in j.tier] == ["collected names", "active"]
    assert j.strength[1] < j.strength[0] <= ONE_WAY_STRENGTH_CAP
    assert "silent 2.2× as long as the tie's rhythm allows (a contact about every day)" in tie_reasons(
        f, j, 1
    )


def test_a_stream_sent_where_the_inbox_is_missing_is_not_taken_as_unanswered() -> None:
    # The same record read as it is: in those two months the mailbox holds 12 sent messages and not one
    # received (its inbox was emptied), so nobody's silence there is evidence of one-wayness (issue 15).
    items = [(0, d, "sent") for d in range(2, 62, 5)] + [(1, 200, "sent"), (1, 199, "received")]
    f = tie_features(emails(*items), 2, AS_OF)
    j = judge_ties(f)
    assert f.presumed_two_way.tolist() == [True, False]
    assert TIERS[j.tier[0]] == "active" and j.strength[0] > ONE_WAY_STRENGTH_CAP
    assert j.strength[0] > j.strength[1]
    assert any("replies" in r for r in tie_reasons(f, j, 0, limit=5))
