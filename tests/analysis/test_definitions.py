"""One definition per term: tiers, states, reasons, the report and ``explain`` agree (issue 15).

The words live in ``netvalue.analysis.definitions``; these tests hold the code's judgments to them on
random records, and check that ``netvalue explain`` and the report say those words."""

from __future__ import annotations

import numpy as np
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.analysis.definitions import DEFINITIONS, meaning
from netvalue.analysis.ties import DAY, TIERS, judge_ties, tie_features, tie_reasons
from netvalue.cli import main
from netvalue.codes import KINDS
from netvalue.columns import InteractionArrays
from netvalue.explain import get_topic

AS_OF = 1_700_000_000
ACTIVE = {TIERS.index(t) for t in ("inner circle", "close", "active")}

interaction = st.tuples(
    st.integers(0, 7),  # person
    st.floats(0, 6 * 365),  # days before AS_OF
    st.sampled_from(["sent", "received", "mutual"]),
    st.integers(1, 12),  # group size
    st.integers(0, 2),  # source
)


def arrays(items: list[tuple[int, float, str, int, int]]) -> InteractionArrays:
    direction = np.array([("sent", "received", "mutual").index(i[2]) for i in items], dtype=np.int8)
    return InteractionArrays(
        person=np.array([i[0] for i in items], dtype=np.int64),
        occurred_at=np.array([AS_OF - round(i[1] * DAY) for i in items], dtype=np.int64),
        direction=direction,
        kind=np.where(direction == 2, KINDS.index("meeting"), KINDS.index("email")).astype(np.int8),
        group_size=np.array([i[3] for i in items], dtype=np.int64),
        length=np.zeros(len(items), dtype=np.int64),
        bulk=np.zeros(len(items), dtype=np.bool_),
        source=np.array([i[4] for i in items], dtype=np.int64),
        message=np.full(len(items), -1, dtype=np.int64),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(interaction, min_size=1, max_size=120), st.integers(1, 200))
def test_tiers_states_and_reasons_never_contradict_each_other(
    items: list[tuple[int, float, str, int, int]], background: int
) -> None:
    # a dense background correspondent (person 8) keeps part of the record on, so record gaps occur too
    items = items + [(8, float(d), ("sent", "received")[d % 2], 1, 0) for d in range(0, background * 5, 3)]
    f = tie_features(arrays(items), 9, AS_OF)
    j = judge_ties(f)
    silence = np.nan_to_num(f.days_since(f.last_two_way), nan=np.inf)
    for i in range(f.n):
        tier = int(j.tier[i])
        # collected names: exactly the ties with no two-way contact on record
        assert (TIERS[tier] == "collected names") == (not f.two_way_ever[i])
        # working relationships (the active tiers): two-way contact within 12 months
        assert (tier in ACTIVE) == bool(f.two_way_ever[i] and silence[i] < 365)
        # a dormant tie is never in an active tier; deep dormant is dormant; lapsing is under a year
        if j.dormant[i]:
            assert tier not in ACTIVE and TIERS[tier] == "meaningful" and j.history[i] >= 0.5
        if j.deep_dormant[i]:
            assert j.dormant[i] and silence[i] >= 3 * 365
        if j.lapsing[i]:
            assert silence[i] < 365 and not j.dormant[i]
        # "both ways in the last year" is said only of a working relationship
        for reason in tie_reasons(f, j, i, limit=13):
            if "both ways in the last year" in reason:
                assert tier in ACTIVE
            if reason == "never a two-way exchange":
                assert TIERS[tier] == "collected names"


def test_explain_says_the_definitions() -> None:
    decay, dunbar, ties = (get_topic(name).text for name in ("decay", "dunbar", "ties"))
    for term in ("silence", "once strong", "lapsing", "dormant", "deep dormant"):
        assert meaning(term) in decay, term
    assert meaning("collected name") in dunbar and meaning("working relationship") in dunbar
    assert meaning("two-way contact") in ties
    assert set(DEFINITIONS) == {
        "two-way contact",
        "silence",
        "working relationship",
        "collected name",
        "once strong",
        "lapsing",
        "dormant",
        "deep dormant",
    }


def test_the_report_says_the_definitions(tmp_path: object) -> None:
    from pathlib import Path

    db = Path(str(tmp_path)) / "r.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "demo", "--fresh"]).exit_code == 0
    result = runner.invoke(main, ["--db", str(db), "report", "--as-of", "2026-11-15"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert meaning("working relationship") in text and meaning("collected name") in text
    assert "Your network as of 2026-11-15" in text  # --as-of D prints D, not D + 1
