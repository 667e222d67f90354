"""Tie features, strength, tiers, dormant ties and reasons: tiny hand-computed cases and invariants.

Each expected number is worked out by hand in the comment beside it from the formulas in
``netvalue.analysis.ties``/``strength`` (science.md §1-3)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.analysis.strength import DEFAULT_MODEL, FEATURE_NAMES, design_matrix, strength_of
from netvalue.analysis.ties import (
    DAY,
    TIERS,
    TieSettings,
    judge_ties,
    monthly_active,
    tie_features,
    tie_reasons,
)
from netvalue.codes import KINDS
from netvalue.columns import InteractionArrays

AS_OF = 1_700_000_000
PLAIN = TieSettings(record_gaps=False, coverage=False)  # ordinary time, every direction taken as on record
DIRECTION = {"sent": 0, "received": 1, "mutual": 2}


def rows(
    *items: tuple[int, float, str, str] | tuple[int, float, str, str, dict[str, int]],
) -> InteractionArrays:
    """``(person, days before AS_OF, direction, kind[, extras])`` -> arrays; extras: group, length, bulk,
    source, message."""
    extras = [item[4] if len(item) == 5 else {} for item in items]  # type: ignore[misc]
    return InteractionArrays(
        person=np.array([i[0] for i in items], dtype=np.int64),
        occurred_at=np.array([AS_OF - round(i[1] * DAY) for i in items], dtype=np.int64),
        direction=np.array([DIRECTION[i[2]] for i in items], dtype=np.int8),
        kind=np.array([KINDS.index(i[3]) for i in items], dtype=np.int8),
        group_size=np.array([e.get("group", 1) for e in extras], dtype=np.int64),
        length=np.array([e.get("length", 0) for e in extras], dtype=np.int64),
        bulk=np.array([bool(e.get("bulk", 0)) for e in extras], dtype=np.bool_),
        source=np.array([e.get("source", 0) for e in extras], dtype=np.int64),
        message=np.array([e.get("message", -1) for e in extras], dtype=np.int64),
    )


def test_activity_halves_every_110_days() -> None:
    # 2^(-110/110) = 0.5; 2^(-55/110) + 2^(-220/110) = 0.7071 + 0.25 = 0.9571 (Burt 2002, h = 110 d)
    f = tie_features(
        rows((0, 110, "sent", "email"), (1, 55, "sent", "email"), (1, 220, "received", "email")),
        2,
        AS_OF,
        settings=PLAIN,
    )
    assert f.activity_raw[0] == 0.5
    assert math.isclose(f.activity_raw[1], 2**-0.5 + 0.25)


def test_two_way_needs_both_directions_within_90_days_or_a_meeting() -> None:
    f = tie_features(
        rows(
            (0, 100, "sent", "email"),
            (0, 20, "received", "email"),  # 80 days apart: two-way at day -20
            (1, 200, "sent", "email"),
            (1, 20, "received", "email"),  # 180 days apart: no two-way
            (2, 50, "mutual", "meeting"),  # a meeting is mutual
        ),
        3,
        AS_OF,
    )
    assert f.last_two_way[0] == AS_OF - 20 * DAY
    assert not f.two_way_ever[1] and f.last_two_way[1] == -1
    assert f.last_two_way[2] == AS_OF - 50 * DAY


def test_duration_reaches_back_to_the_connection_date() -> None:
    connected = np.array([AS_OF - 1000 * DAY, -1], dtype=np.int64)
    f = tie_features(
        rows((0, 400, "sent", "email"), (1, 400, "sent", "email")), 2, AS_OF, connected_on=connected
    )
    assert f.first_contact[0] == AS_OF - 1000 * DAY
    assert f.first_contact[1] == AS_OF - 400 * DAY


def test_reciprocity_counts_meetings_both_ways() -> None:
    # person 0: 3 sent, 1 received -> 1/3; person 1: the same plus one meeting -> (4, 2) -> 0.5
    items = [(p, d, "sent", "email") for p in (0, 1) for d in (1, 2, 3)]
    items += [(0, 4, "received", "email"), (1, 4, "received", "email"), (1, 5, "mutual", "meeting")]
    f = tie_features(rows(*items), 2, AS_OF)
    assert math.isclose(f.reciprocity[0], 1 / 3)
    assert f.reciprocity[1] == 0.5


def test_intimacy_one_to_one_share_and_length() -> None:
    # 1/1 and 1/4 -> (1 + 0.25) / 2 = 0.625; lengths 100 and 300 (0 = unknown, ignored) -> 200
    f = tie_features(
        rows(
            (0, 1, "sent", "email", {"group": 1, "length": 100}),
            (0, 2, "received", "email", {"group": 4, "length": 300}),
            (1, 2, "received", "email", {"length": 0}),
        ),
        2,
        AS_OF,
    )
    assert f.one_to_one[0] == 0.625
    assert f.mean_length[0] == 200
    assert f.mean_length[1] == 0


def test_services_and_bulk() -> None:
    # an endorsement and a recommendation count; a bulk one and bulk mail do not
    f = tie_features(
        rows(
            (0, 1, "received", "endorsement"),
            (0, 2, "sent", "recommendation"),
            (0, 3, "received", "endorsement", {"bulk": 1}),
            (0, 4, "received", "email", {"bulk": 1}),
        ),
        1,
        AS_OF,
    )
    assert f.services[0] == 2
    assert f.received[0] == 0


def test_shared_context_counts_distinct_people_in_threads() -> None:
    # thread 1: people 0, 1, 2; thread 2: people 0, 3 -> person 0 met 1, 2, 3 (3); person 1 met 0, 2 (2)
    f = tie_features(
        rows(
            (0, 1, "sent", "email", {"group": 3, "message": 1}),
            (1, 1, "sent", "email", {"group": 3, "message": 1}),
            (2, 1, "sent", "email", {"group": 3, "message": 1}),
            (0, 2, "received", "email", {"group": 2, "message": 2}),
            (3, 2, "received", "email", {"group": 2, "message": 2}),
        ),
        4,
        AS_OF,
    )
    assert f.shared_people.tolist() == [3, 2, 2, 1]


def test_channels_gap_peak_and_activity_bins() -> None:
    # contact days -31, -30, -10, 0: gaps 1, 20, 10 -> median 10; sources 0 and 1 -> 2 channels
    f = tie_features(
        rows(
            (0, 31, "sent", "email"),
            (0, 30, "received", "message", {"source": 1}),
            (0, 10, "sent", "email"),
            (0, 0.5, "received", "email"),
            (1, 400, "sent", "email"),
            (1, 401, "sent", "email"),
            (1, 402, "sent", "email"),
            (1, 10, "received", "email"),
        ),
        2,
        AS_OF,
    )
    assert f.usual_gap_days[0] == 10
    assert f.channels.tolist() == [2, 1]
    # person 1: 3 in the year before last, 1 in the last year -> peak 3
    assert f.peak_year.tolist() == [4, 3]
    # days 31, 30, 10, 0.5 fall in weeks 4, 4, 1, 0 -> 3 weeks; months 1, 0, 0, 0 (30.4 d) -> 2 months
    assert f.weeks_active[0] == 3
    assert f.months_active[0] == 2


def test_only_interactions_before_as_of_count() -> None:
    f = tie_features(
        rows((0, -5, "sent", "email"), (0, -1, "received", "email"), (0, 3, "sent", "email")), 1, AS_OF
    )
    assert f.sent[0] == 1 and f.received[0] == 0


def test_strength_is_the_documented_logistic_combination() -> None:
    f = tie_features(rows((0, 9, "sent", "email"), (0, 10, "received", "email")), 1, AS_OF)
    x = design_matrix(f)[0]
    # intensity log(1 + A), A = 2^(-9/110) + 2^(-10/110); recency log(1+9) (two-way moment = the later,
    # day -9); last contact either way log(1+9); duration log(1+10/365)
    assert math.isclose(x[FEATURE_NAMES.index("intensity")], math.log1p(2 ** (-9 / 110) + 2 ** (-10 / 110)))
    assert math.isclose(x[FEATURE_NAMES.index("last_contact")], math.log(10), rel_tol=1e-9)
    assert math.isclose(x[FEATURE_NAMES.index("recency")], math.log(10), rel_tol=1e-9)
    assert math.isclose(x[FEATURE_NAMES.index("duration")], math.log1p(10 / 365), rel_tol=1e-9)
    z = DEFAULT_MODEL.intercept + sum(DEFAULT_MODEL.weights[n] * x[i] for i, n in enumerate(FEATURE_NAMES))
    assert math.isclose(strength_of(design_matrix(f), DEFAULT_MODEL)[0], 1 / (1 + math.exp(-z)))


def weekly(person: int, weeks: int, start_day: float = 0.0) -> list[tuple[int, float, str, str]]:
    return [
        (person, start_day + 7 * w + (w % 2) * 0.5, ("sent", "received")[w % 2], "email")
        for w in range(weeks)
    ]


def test_tiers_from_contact_frequency() -> None:
    items = weekly(0, 52)  # weekly, both ways -> inner circle
    items += [(1, 30 * m + 1, ("sent", "received")[m % 2], "email") for m in range(12)]  # monthly -> close
    items += [(2, 200, "sent", "email"), (2, 190, "received", "email")]  # once this year -> active
    items += weekly(3, 60, start_day=800)  # strong two years ago -> meaningful (dormant)
    items += [(4, 900, "sent", "email"), (4, 899, "received", "email")]  # one exchange long ago -> known
    items += [(5, d, "received", "email") for d in range(0, 300, 7)]  # a one-way stream -> collected names
    f = tie_features(rows(*items), 7, AS_OF)
    j = judge_ties(f)
    assert [TIERS[t] for t in j.tier] == [
        "inner circle",
        "close",
        "active",
        "meaningful",
        "known",
        "collected names",
        "collected names",  # person 6: nothing at all
    ]
    assert j.dormant.tolist() == [False, False, False, True, False, False, False]
    assert not j.deep_dormant[3]  # silent about 800 days < 3 years


def background(person: int, days: float) -> list[tuple[int, float, str, str]]:
    """Someone else's daily exchange over the last ``days`` days: it keeps the record on (a mailbox holds
    other people's mail, about 30 messages a month here, while one tie is silent)."""
    return [(person, d + 0.25, ("sent", "received")[d % 2], "email") for d in range(0, int(days))]


def test_once_strong_ties_silent_1_4_6_and_8_years_are_dormant_and_stay_dormant() -> None:
    # Four ties, each weekly both ways for a year, then silent 1, 4, 6 and 8 years; the record stays on
    # (person 4 writes daily throughout).  "Once strong" is the peak, so silence never undoes it:
    # dormant at 1 year, deep dormant from 3 years (Levin, Walter & Murnighan 2011), whatever the length.
    items = []
    for person, years in enumerate((1, 4, 6, 8)):
        items += weekly(person, 52, start_day=years * 365 + 2)
    items += background(4, 9 * 365 + 60)
    f = tie_features(rows(*items), 5, AS_OF)
    j = judge_ties(f)
    assert j.history[:4].min() >= 0.5  # peak strength, the same for all four
    assert np.allclose(j.history[:4], j.history[0])
    assert j.dormant[:4].tolist() == [True, True, True, True]
    assert j.deep_dormant[:4].tolist() == [False, True, True, True]
    assert not j.lapsing[:4].any()
    assert all(TIERS[t] == "meaningful" for t in j.tier[:4])  # never in an active tier


def test_a_tie_silent_past_its_rhythm_but_under_a_year_is_lapsing_not_dormant() -> None:
    # weekly for 3 years, then silent 100 days: 100 > 8 × 7 and > 90 -> lapsing (Navarro et al. 2017),
    # still active (two-way within 12 months), not dormant (under a year)
    f = tie_features(rows(*weekly(0, 150, start_day=100), *background(1, 1200)), 2, AS_OF)
    j = judge_ties(f)
    assert f.usual_gap_days[0] in (6.5, 7.0, 7.5)
    assert j.lapsing[0] and not j.dormant[0] and not j.deep_dormant[0]
    assert TIERS[j.tier[0]] == "active"


def test_months_with_no_mail_at_all_are_not_the_ties_silence() -> None:
    # Two ties, weekly both ways for a year, last contact 500 days ago.  In the first record the mailbox
    # holds someone else's daily mail throughout: 500 days of silence, dormant.  In the second the
    # mailbox holds nothing at all for the 7 months after the tie's last contact (a lost folder), so its
    # silence is under a year: active, not dormant.
    tie = weekly(0, 52, start_day=500)
    kept = tie_features(rows(*tie, *background(1, 900)), 2, AS_OF)
    gap = [item for item in background(1, 900) if not 290 <= item[1] <= 499]
    lost = tie_features(rows(*tie, *gap), 2, AS_OF)
    assert math.isclose(kept.days_since(kept.last_two_way)[0], 500, abs_tol=1)
    assert 280 < lost.days_since(lost.last_two_way)[0] < 365  # whole empty months only: about 5 of the 7
    assert judge_ties(kept).dormant[0] and not judge_ties(lost).dormant[0]
    assert TIERS[judge_ties(lost).tier[0]] == "active"


def test_reasons_in_words() -> None:
    f = tie_features(rows(*weekly(0, 52, start_day=1)), 1, AS_OF)
    reasons = tie_reasons(f, judge_ties(f), 0)
    assert "52 messages both ways in the last year" in reasons
    # the fitted model weighs silence beyond the tie's rhythm, not days since the last contact as such
    assert any(r.startswith("contact either way keeps the tie's usual rhythm") for r in reasons)
    assert len(reasons) == 3


def test_monthly_active_counts_people_with_two_way_contact() -> None:
    f = tie_features(
        rows((0, 1, "sent", "email"), (0, 2, "received", "email"), (1, 3, "mutual", "meeting")), 2, AS_OF
    )
    trend = monthly_active(f.two_way_moments, AS_OF, months=3)
    assert [label for label, _ in trend] == ["2023-09", "2023-10", "2023-11"]  # AS_OF is 2023-11-14
    assert trend[-1][1] == 2


interaction = st.tuples(
    st.integers(0, 5),
    st.floats(0, 2000, allow_nan=False),
    st.sampled_from(["sent", "received", "mutual"]),
    st.sampled_from(KINDS),
    st.fixed_dictionaries(
        {"group": st.integers(1, 30), "length": st.integers(0, 5000), "bulk": st.integers(0, 1)}
    ),
)


def brute_two_way(items: list[tuple[int, float, str, str, dict[str, int]]], person: int) -> bool:
    """Two-way ever, straight from the definition: a meeting, or a sent and a received message within 90 days."""
    # before AS_OF, and to at most 4 others (Kossinets & Watts' cut, the default weighting)
    mine = [
        i
        for i in items
        if i[0] == person and not i[4]["bulk"] and round(i[1] * DAY) > 0 and i[4]["group"] <= 4
    ]
    if any(i[3] == "meeting" for i in mine):
        return True
    sent = [AS_OF - round(i[1] * DAY) for i in mine if i[3] in ("message", "email") and i[2] == "sent"]
    got = [AS_OF - round(i[1] * DAY) for i in mine if i[3] in ("message", "email") and i[2] == "received"]
    return any(abs(s - r) <= 90 * DAY for s in sent for r in got)


@settings(max_examples=150, deadline=None)
@given(st.lists(interaction, max_size=60))
def test_invariants(items: list[tuple[int, float, str, str, dict[str, int]]]) -> None:
    f = tie_features(rows(*items), 6, AS_OF, settings=PLAIN)
    j = judge_ties(f)
    assert ((j.strength >= 0) & (j.strength <= 1)).all()
    assert ((j.activity >= 0) & (j.activity <= 1)).all()
    assert ((j.history >= 0) & (j.history <= 1)).all()
    for person in range(6):
        two_way = brute_two_way(items, person)
        assert bool(f.two_way_ever[person]) == two_way
        # collected names are exactly the people with no two-way interaction
        assert (TIERS[j.tier[person]] == "collected names") == (not two_way)
        if not two_way:
            assert j.strength[person] <= 0.2
    # more recent two-way contact never lowers activity
    more = rows(*items, (0, 0.5, "sent", "email"), (0, 0.25, "received", "email"))
    g = tie_features(more, 6, AS_OF, settings=PLAIN)
    assert g.activity_raw[0] >= f.activity_raw[0]
    assert judge_ties(g).activity[0] >= j.activity[0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1500, allow_nan=False), min_size=1, max_size=200),
    st.sampled_from(["sent", "received"]),
)
def test_a_one_way_stream_never_ranks_as_a_close_tie(days: list[float], direction: str) -> None:
    """In a record that holds both directions, a one-way stream is collected names.  (A record without
    one direction presumes the missing replies instead: analysis.record.direction_coverage, tested
    apart; hypothesis found five sent mails of a sent-only record ranked "active", as designed.)"""
    # someone else writes and is written to every month of the span: the inbox is in the record
    background = [
        (1, month * 30.4 + k * 0.1, "received" if k else "sent", "email")
        for month in range(51)
        for k in range(51)
    ]
    f = tie_features(rows(*[(0, d, direction, "email") for d in days], *background), 2, AS_OF)
    j = judge_ties(f)
    assert TIERS[j.tier[0]] == "collected names"
    assert j.strength[0] <= 0.2 and not j.dormant[0]


def test_close_needs_contact_in_nine_of_twelve_months() -> None:
    # two-way contact in months 0..8 (9 months) -> close; months 0..7 (8 months) -> active only
    def monthly(person: int, months: int) -> list[tuple[int, float, str, str]]:
        return [(person, 30.4 * m + 2 + (m % 2), ("sent", "received")[m % 2], "email") for m in range(months)]

    f = tie_features(rows(*monthly(0, 9), *monthly(1, 8)), 2, AS_OF)
    assert f.months_active.tolist() == [9, 8]
    assert [TIERS[t] for t in judge_ties(f).tier] == ["close", "active"]
