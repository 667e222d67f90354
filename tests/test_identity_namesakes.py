"""Merging on a name nobody else bears (netvalue.identity.namesakes): decoy counting of namesakes, the
error budget, and the rule inside plan_resolution."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from netvalue.identity.matching import plan_resolution
from netvalue.identity.namesakes import (
    MIN_SAMPLE,
    NamesakeEstimate,
    accept_lone_names,
    estimate_namesakes,
    namesake_chance,
    pairing,
)
from netvalue.store.identity import PersonFacts

Crowd = Callable[..., list[PersonFacts]]

LI = frozenset({"linkedin"})
CARD = frozenset({"vcard"})
MAIL = frozenset({"email"})


def test_estimate_counts_lone_and_decoy_names_and_the_overlap() -> None:
    people = [
        ({("a", "x")}, LI),
        ({("a", "x")}, MAIL),  # lone: two bearers, no non-alias source in common
        ({("b", "y")}, LI),
        ({("b", "y")}, LI | MAIL),  # decoy: both on LinkedIn, so two humans
        ({("c", "z")}, LI),  # alone
        ({("d", "w")}, CARD),  # alone
        ({("e", "v")}, MAIL),  # alone, no non-alias source
        ({("f", "u")}, LI),
        ({("f", "u")}, CARD),
        ({("f", "u")}, MAIL),  # three bearers: neither lone nor decoy
    ]
    estimate = estimate_namesakes(people)
    assert (estimate.lone, estimate.decoys, estimate.alone) == (1, 1, 3)
    # alone: {linkedin}, {vcard}, {} -> only ({linkedin}, {linkedin}) and ({vcard}, {vcard}) overlap: 2 / 9
    assert estimate.overlap == pytest.approx(2 / 9)


def test_expected_namesakes_is_the_smoothed_decoy_count_scaled_by_the_overlap() -> None:
    # (S + 1) * (1 - phi) / phi = 3 * 0.5 / 0.5 = 3
    assert NamesakeEstimate(lone=50, decoys=2, overlap=0.5, alone=MIN_SAMPLE).expected_namesakes == 3.0
    # never more than the lone names themselves
    assert NamesakeEstimate(lone=2, decoys=9, overlap=0.5, alone=MIN_SAMPLE).expected_namesakes == 2.0
    # too few people to count on: every lone name may be a namesake
    assert NamesakeEstimate(lone=7, decoys=0, overlap=0.9, alone=MIN_SAMPLE - 1).expected_namesakes == 7.0


def test_accept_takes_likeliest_first_within_the_budget_and_never_a_likely_namesake() -> None:
    # rate 2.5 namesakes per unit of coincidence: chances 0.025, 0.25, 0.725
    rates = [2.5, 2.5, 2.5]
    # budget 0.01 * (5 + 1) = 0.06 holds the first (0.025), not the first two (0.275)
    taken = accept_lone_names([0.29, 0.01, 0.1], rates, [1, 1, 1], linked_pairs=5, tolerated=0.01)
    assert [index for index, _ in taken] == [1]
    assert taken[0][1] == pytest.approx(0.025)
    # a large budget takes 0.025 and 0.25, never 0.725 (likelier two namesakes than one human)
    taken = accept_lone_names([0.29, 0.01, 0.1], rates, [1, 1, 1], linked_pairs=10_000, tolerated=0.01)
    assert [index for index, _ in taken] == [1, 2]


def test_accept_counts_the_record_pairs_a_merge_links() -> None:
    # chance 0.05 each; 10 pairs expected 0.5 wrong > 0.01 * (20 + 10); 1 pair 0.05 <= 0.01 * (20 + 1)
    taken = accept_lone_names([0.01, 0.02], [5.0, 2.5], [10, 1], linked_pairs=20, tolerated=0.01)
    assert taken == []
    taken = accept_lone_names([0.02, 0.01], [2.5, 5.0], [1, 10], linked_pairs=20, tolerated=0.01)
    assert [index for index, _ in taken] == []  # rarest (index 1) first, and it does not fit
    taken = accept_lone_names([0.01, 0.02], [2.5, 2.5], [1, 10], linked_pairs=20, tolerated=0.01)
    assert [index for index, _ in taken] == [0]


def test_the_chance_is_the_decoy_rate_times_the_coincidence_and_nothing_else() -> None:
    # no floor from the name's frequency: a rate of 0.5 makes a coincidence of 0.1 a chance of 0.05
    assert namesake_chance(0.5, 0.1) == pytest.approx(0.05)
    assert namesake_chance(0.0, 0.1) == 0.0
    assert namesake_chance(40.0, 0.1) == 1.0
    taken = accept_lone_names([0.1], [0.5], [1], linked_pairs=10, tolerated=0.01)
    assert taken == [(0, pytest.approx(0.05))]
    # the same pair does not fit a budget of 0.01 * (1 + 1) = 0.02
    assert accept_lone_names([0.1], [0.5], [1], linked_pairs=1, tolerated=0.01) == []


def test_rate_follows_how_namesakes_and_split_humans_fall_over_pairings_of_sources() -> None:
    """100 people known alone: 50 on LinkedIn only, 50 only by address.  phi = 0.5^2 = 0.25, S = 1:
    (S + 1) / phi = 8 namesake names before the disjoint share; the pairing LinkedIn + address holds
    2 * 0.5 * 0.5 = 0.5 of them (4), both address-only 0.25 (2)."""
    alone = ((frozenset({"linkedin"}), 50), (frozenset(), 50))
    li_mail = frozenset({frozenset({"linkedin"}), frozenset()})
    mail_mail = frozenset({frozenset()})
    estimate = NamesakeEstimate(
        lone=20,
        decoys=1,
        overlap=0.25,
        alone=MIN_SAMPLE,
        lone_weight=12.0,
        alone_sources=alone,
        lone_weights=((li_mail, 10.0), (mail_mail, 2.0)),
    )
    overall = estimate.expected_namesakes / 12.0  # min(20, 2 * 0.75 / 0.25 = 6) / 12 = 0.5
    assert overall == pytest.approx(0.5)
    li, mail = frozenset({"linkedin"}), frozenset({"email"})
    # (4 + 1 * 0.5) / (10 + 1) and (2 + 0.5) / (2 + 1)
    assert estimate.rate(li, mail) == pytest.approx(4.5 / 11)
    assert estimate.rate(mail, frozenset({"calendar"})) == pytest.approx(2.5 / 3)
    assert pairing(li | mail, mail) == li_mail


def test_plan_merges_a_rare_lone_name_across_sources_and_says_why(crowd: Crowd) -> None:
    """A name this rare merges on the stricter rare-name rule already, which runs first."""
    people = [
        PersonFacts(
            1,
            "Ottilie Brandvold",
            companies=("Acme",),
            linkedins=("linkedin.com/in/ob",),
            sources=("linkedin",),
        ),
        PersonFacts(2, "Ottilie Brandvold", emails=("ob1977@gmail.com",), sources=("email",)),
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert [(m.a, m.b) for m in plan.merges] == [(1, 2)]
    assert any(r.startswith(("a rare name", "nobody else bears")) for r in plan.merges[0].reasons)


def test_plan_keeps_a_name_apart_when_a_third_person_bears_it(crowd: Crowd) -> None:
    people = [
        PersonFacts(1, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob",), sources=("linkedin",)),
        PersonFacts(2, "Ottilie Brandvold", emails=("ob1977@gmail.com",), sources=("email",)),
        PersonFacts(3, "Ottilie Brandvold", phones=("+14155550000",), sources=("vcard",)),
        PersonFacts(4, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob2",), sources=("linkedin",)),
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert not any(r.startswith("nobody else bears") for m in plan.merges for r in m.reasons)


def test_plan_merges_an_initial_only_one_person_could_stand_for(crowd: Crowd) -> None:
    people = [
        PersonFacts(1, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob",), sources=("linkedin",)),
        PersonFacts(2, "O. Brandvold", emails=("x81f3@gmail.com",), sources=("email",)),
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert [(m.a, m.b) for m in plan.merges] == [(1, 2)]
    assert any(r.startswith("nobody else has a name this close") for r in plan.merges[0].reasons)


def test_plan_keeps_an_initial_apart_when_two_people_could_stand_for_it(crowd: Crowd) -> None:
    people = [
        PersonFacts(1, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob",), sources=("linkedin",)),
        PersonFacts(3, "Oskar Brandvold", phones=("+14155550000",), sources=("vcard",)),
        PersonFacts(2, "O. Brandvold", emails=("x81f3@gmail.com",), sources=("email",)),
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()


def test_plan_never_merges_a_common_name_alone_however_much_budget_there_is(
    crowd: Crowd, sure_pairs: Crowd
) -> None:
    """Issue 3: John Smith on LinkedIn and John Smith writing from a private address stay apart (queued)
    even when nobody else bears the name and 200 sure merges leave room in the error budget."""
    sure = sure_pairs(200)
    people = [
        PersonFacts(1, "John Smith", linkedins=("linkedin.com/in/js",), sources=("linkedin",)),
        PersonFacts(2, "John Smith", emails=("js1970@gmail.com",), sources=("email",)),
        *sure,
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert len(plan.merges) == 200
    assert all((m.a, m.b) != (1, 2) for m in plan.merges)
    assert [(m.a, m.b) for m in plan.queue] == [(1, 2)]


def test_without_anything_to_estimate_from_no_lone_name_merges() -> None:
    """Nobody shares a source that lists a human once (a mailbox alone): no decoys can exist, so every
    candidate counts as two namesakes."""
    estimate = NamesakeEstimate(lone=0, decoys=0, overlap=0.0, alone=500)
    rate = estimate.rate(frozenset({"email"}), frozenset({"calendar"}))
    assert accept_lone_names([0.001], [rate], [1], linked_pairs=10_000, tolerated=0.01) == []
