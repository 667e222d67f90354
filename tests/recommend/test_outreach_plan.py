"""The weekly plan: each reason, the comfort-bias lean, no repeats, determinism, openers from evidence,
cadence and the streak."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from netvalue.errors import UsageError
from netvalue.recommend.ledger import build_ledger
from netvalue.recommend.outreach import (
    DAY,
    PlanContext,
    build_opener,
    greeting_name,
    overdue_ties,
    plan_week,
    previous_week,
    streak,
    week_of,
    week_start,
)
from netvalue.recommend.purpose import Purpose, make_purpose
from netvalue.store.recommend import LedgerRow

NOW = week_start("2026-W47") + 2 * DAY
YEAR = 365 * DAY


@dataclass(frozen=True, slots=True)
class FakeTie:
    person_id: int
    name: str
    tier: str = "known"
    activity: float = 0.0
    history: float = 0.0
    dormant: bool = False
    deep_dormant: bool = False
    last_contact: int | None = None
    last_two_way: int | None = None
    company: str | None = None
    strength: float = 0.0
    lapsing: bool = False


def ctx(**kw: object) -> PlanContext:
    base: dict[str, object] = {
        "purpose": Purpose(),
        "ledger": build_ledger([]),
        "profile_text": {},
        "position_changes": {},
        "last_titles": {},
        "bridges_to_quiet": {},
        "last_outreach": {},
        "last_week_people": frozenset(),
    }
    base.update(kw)
    return PlanContext(**base)  # type: ignore[arg-type]


DORMANT = FakeTie(
    1, "Bob Dormant", "meaningful", 0.01, 0.9, True, True, NOW - 4 * YEAR, NOW - 4 * YEAR, "Globex"
)
BUSY = FakeTie(2, "Alice Busy", "inner circle", 5.0, 0.9, False, False, NOW - 40 * DAY, NOW - 40 * DAY)
QUIET = FakeTie(3, "Quinn Quiet", "known", 0.0, 0.1, False, False, NOW - 2 * YEAR, NOW - 2 * YEAR)


def test_week_helpers() -> None:
    assert week_of(week_start("2026-W01")) == "2026-W01"
    assert previous_week("2026-W01") == "2025-W52"
    with pytest.raises(UsageError):
        week_start("2026-47")
    with pytest.raises(UsageError):
        week_start("2026-W60")


def test_dormant_once_strong_tie_comes_first_with_levin() -> None:
    items = plan_week([DORMANT, QUIET], ctx(), week="2026-W47", as_of=NOW, size=1)
    assert [i.person_id for i in items] == [1]
    assert items[0].reason == "dormant" and "Levin" in items[0].why


def test_someone_who_helped_and_has_not_heard_from_you() -> None:
    ledger = build_ledger([LedgerRow(3, "Quinn Quiet", "ask", "referral", None, NOW - 100 * DAY, "user")])
    items = plan_week([QUIET], ctx(ledger=ledger), week="2026-W47", as_of=NOW)
    assert items[0].reason == "helped" and "referral" in items[0].why
    assert "thank you again for the referral" in items[0].opener
    thanked = build_ledger(
        [
            LedgerRow(3, "Quinn Quiet", "ask", "referral", None, NOW - 100 * DAY, "user"),
            LedgerRow(3, "Quinn Quiet", "give", "advice", None, NOW - 50 * DAY, "user"),
        ]
    )
    assert plan_week([QUIET], ctx(ledger=thanked), week="2026-W47", as_of=NOW) == []


def test_company_change_bridge_and_relevance_reasons() -> None:
    changed = plan_week(
        [QUIET],
        ctx(position_changes={3: ("Engineer · Hooli", "Staff Engineer · Stripe")}),
        week="2026-W47",
        as_of=NOW,
    )
    assert changed[0].reason == "changed" and "now Staff Engineer · Stripe" in changed[0].opener
    bridge = plan_week([QUIET], ctx(bridges_to_quiet={3: "Leeds alumni"}), week="2026-W47", as_of=NOW)
    assert bridge[0].reason == "bridge" and "Leeds alumni" in bridge[0].why
    purpose = make_purpose(("job-search",), roles=("data engineer",))
    relevant = plan_week(
        [QUIET], ctx(purpose=purpose, profile_text={3: "Lead Data Engineer"}), week="2026-W47", as_of=NOW
    )
    assert relevant[0].reason == "relevant" and "Rajkumar" in relevant[0].why
    assert "I am exploring new data engineer roles and would value your view." in relevant[0].opener


def test_leans_against_the_comfort_bias() -> None:
    """Walter, Levin & Murnighan (2015): the most-talked-to person is not simply first."""
    busy_overdue = replace(BUSY, last_two_way=NOW - 60 * DAY, last_contact=NOW - 60 * DAY)
    quiet_overdue = FakeTie(4, "Olga Old", "active", 0.1, 0.5, False, False, NOW - 400 * DAY, NOW - 400 * DAY)
    items = plan_week([busy_overdue, quiet_overdue], ctx(), week="2026-W47", as_of=NOW, size=1)
    assert items[0].person_id == 4


def test_never_the_same_person_two_weeks_running_unless_asked() -> None:
    last = ctx(last_week_people=frozenset({1}))
    assert plan_week([DORMANT], last, week="2026-W47", as_of=NOW) == []
    assert [
        i.person_id for i in plan_week([DORMANT], last, week="2026-W47", as_of=NOW, allow_repeat=True)
    ] == [1]
    recent = ctx(last_outreach={1: NOW - 5 * DAY})
    assert plan_week([DORMANT], recent, week="2026-W47", as_of=NOW) == []


def test_deterministic_per_week_and_bounded_size() -> None:
    ties = [
        FakeTie(i, f"P{i}", "active", 0.0, 0.5, False, False, NOW - 500 * DAY, NOW - 500 * DAY)
        for i in range(1, 30)
    ]
    first = plan_week(ties, ctx(), week="2026-W47", as_of=NOW)
    again = plan_week(list(reversed(ties)), ctx(), week="2026-W47", as_of=NOW)
    other = [plan_week(ties, ctx(), week=f"2026-W{w:02d}", as_of=NOW) for w in range(30, 46)]
    assert first == again and len(first) == 3
    assert any([i.person_id for i in o] != [i.person_id for i in first] for o in other)  # rotates by week
    assert len(plan_week(ties, ctx(), week="2026-W47", as_of=NOW, size=1)) == 1
    with pytest.raises(UsageError):
        plan_week(ties, ctx(), week="2026-W47", as_of=NOW, size=4)


def test_collected_names_are_not_proposed_without_a_fact() -> None:
    stranger = FakeTie(9, "Nobody", "collected names")
    assert plan_week([stranger], ctx(profile_text={9: "Data Engineer"}), week="2026-W47", as_of=NOW) == []


def test_opener_uses_only_evidence() -> None:
    opener = build_opener(
        DORMANT,
        "dormant",
        ctx(last_titles={1: ("Kafka migration", NOW - 4 * YEAR)}, owner_organizations=("Globex",)),
        NOW,
    )
    assert opener.startswith("Hi Bob,")
    assert opener.startswith("Hi Bob, it has been 4 years since we were last in touch. Last time")
    assert "“Kafka migration”" in opener and "How are things at Globex?" in opener
    bare = build_opener(FakeTie(5, "Zed"), "overdue", ctx(), NOW)
    assert bare == "Hi Zed, what are you working on these days? I would love to hear."


def test_overdue_by_tier_cadence() -> None:
    ties = [
        FakeTie(1, "In", "inner circle", last_two_way=NOW - 45 * DAY),
        FakeTie(2, "Close", "close", last_two_way=NOW - 45 * DAY),
        FakeTie(3, "Act", "active", last_two_way=NOW - 800 * DAY),
        FakeTie(4, "Known", "known", last_two_way=NOW - 3000 * DAY),
    ]
    found = overdue_ties(ties, NOW)
    assert [f["id"] for f in found] == [
        3,
        1,
    ]  # 800/365 > 45/30; close is within 91 days; known has no cadence
    assert overdue_ties(ties, NOW, {"close": 30})[0]["id"] == 2


def test_streak_counts_consecutive_weeks() -> None:
    assert streak({"2026-W45", "2026-W46", "2026-W47"}, "2026-W47") == 3
    assert streak({"2026-W45", "2026-W46"}, "2026-W47") == 2  # this week not over yet
    assert streak({"2026-W44", "2026-W46"}, "2026-W47") == 1
    assert streak(set(), "2026-W47") == 0


def test_opener_greets_by_first_name_or_plain_hi() -> None:
    assert build_opener(FakeTie(6, "Shankman, Jeffrey A."), "overdue", ctx(), NOW).startswith("Hi Jeffrey, ")
    assert build_opener(FakeTie(7, "Mr Mark E Haedicke"), "overdue", ctx(), NOW).startswith("Hi Mark, ")
    assert build_opener(FakeTie(8, "D. Todd Hall"), "overdue", ctx(), NOW).startswith("Hi Todd, ")
    # a person known only by an address is named by it: never "Hi ina.rangel@enron.com"
    no_name = build_opener(FakeTie(9, "ina.rangel@enron.example"), "overdue", ctx(), NOW)
    assert no_name == "Hi, what are you working on these days? I would love to hear."
    assert greeting_name("J.") == "" and greeting_name("") == ""
