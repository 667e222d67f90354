"""Issue 3's recall work: names borne by several people (netvalue.identity.shared_names), colleagues a
LinkedIn profile cannot tell apart, addresses spelling a full name, and job changes
(netvalue.identity.corroboration)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from netvalue.identity.corroboration import (
    MIN_EMPLOYER_SAMPLE,
    ambiguous_colleagues,
    colleagues,
    job_change_ratio,
    spells_full_name,
)
from netvalue.identity.groups import Groups, chained_sizes
from netvalue.identity.matching import plan_resolution
from netvalue.identity.profiles import Profile, profile_of
from netvalue.identity.shared_names import MAX_BEARERS, ForcedJoin, forced_joins, set_partitions
from netvalue.store.identity import PersonFacts

Crowd = Callable[..., list[PersonFacts]]


@pytest.mark.parametrize(("size", "bell"), [(0, 1), (1, 1), (2, 2), (3, 5), (4, 15), (5, 52)])
def test_set_partitions_are_every_partition_once(size: int, bell: int) -> None:
    partitions = list(set_partitions(list(range(size))))
    assert len(partitions) == bell
    canonical = {tuple(sorted(tuple(sorted(part)) for part in p)) for p in partitions}
    assert len(canonical) == bell
    assert all(sorted(x for part in p for x in part) == list(range(size)) for p in partitions)


def test_pieces_that_conflict_with_nobody_are_one_human() -> None:
    assert forced_joins(3, lambda i, j: False) == [ForcedJoin(0, 1, 1), ForcedJoin(0, 2, 1)]


def test_a_piece_the_sources_allow_with_one_human_only_joins_that_one() -> None:
    """0 and 1 are two humans (both on LinkedIn); 2 shares the address book with 1: it can only be 0."""
    clash = {(0, 1), (1, 2)}
    assert forced_joins(3, lambda i, j: (i, j) in clash) == [ForcedJoin(0, 2, 2)]


def test_a_piece_either_human_could_be_joins_neither() -> None:
    assert forced_joins(3, lambda i, j: (i, j) == (0, 1)) == []


def test_pieces_that_all_conflict_are_all_different_humans() -> None:
    assert forced_joins(4, lambda i, j: True) == []


def test_too_many_bearers_are_left_alone() -> None:
    assert forced_joins(MAX_BEARERS + 1, lambda i, j: False) == []


def test_plan_joins_the_piece_a_shared_address_book_leaves_one_place_for(
    crowd: Crowd, sure_pairs: Crowd
) -> None:
    """Two Ottilie Brandvolds on LinkedIn (two humans); one of them has an address-book card, so a second
    card of that name can only be the other's."""
    people = [
        PersonFacts(1, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob",), sources=("linkedin",)),
        PersonFacts(
            2,
            "Ottilie Brandvold",
            linkedins=("linkedin.com/in/ob2",),
            phones=("+14155550001",),
            sources=("linkedin", "vcard"),
        ),
        PersonFacts(3, "Ottilie Brandvold", phones=("+14155550000",), sources=("vcard",)),
        *sure_pairs(200),
        *crowd(),
    ]
    plan = plan_resolution(people)
    shared = [m for m in plan.merges if any("no other way" in r for r in m.reasons)]
    assert [(m.a, m.b) for m in shared] == [(1, 3)]
    assert shared[0].rule == "lone_name" and 0 < shared[0].namesake_chance < 0.5


def test_plan_leaves_a_piece_apart_when_either_namesake_could_bear_it(
    crowd: Crowd, sure_pairs: Crowd
) -> None:
    people = [
        PersonFacts(1, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob",), sources=("linkedin",)),
        PersonFacts(2, "Ottilie Brandvold", linkedins=("linkedin.com/in/ob2",), sources=("linkedin",)),
        PersonFacts(3, "Ottilie Brandvold", emails=("ob1977@gmail.com",), sources=("email",)),
        *sure_pairs(200),
        *crowd(),
    ]
    plan = plan_resolution(people)
    assert not any({m.a, m.b} & {1, 2, 3} for m in plan.merges)


def test_colleagues_are_two_addresses_at_one_domain() -> None:
    assert colleagues(frozenset({"c.lea@nd.com"}), frozenset({"c.lea2@nd.com"}))
    assert not colleagues(frozenset({"c.lea@nd.com"}), frozenset({"c.lea@other.com"}))
    assert not colleagues(frozenset(), frozenset({"c.lea2@nd.com"}))
    held = {2: frozenset({"c.lea@nd.com"}), 3: frozenset({"c.lea2@nd.com"}), 4: frozenset({"x@y.com"})}
    assert ambiguous_colleagues([(1, 2), (1, 3), (1, 4)], held) == {frozenset((1, 2)), frozenset((1, 3))}


def test_a_profile_between_two_colleagues_of_its_name_merges_with_neither() -> None:
    """Issue 3: two colleagues with similar names stay apart unless a key ties them; the profile's company
    is the domain of both addresses, so it cannot say which of the two it is."""
    people = [
        PersonFacts(
            1,
            "Christopher Lea",
            companies=("North Dynamics",),
            linkedins=("linkedin.com/in/cl",),
            sources=("linkedin",),
        ),
        PersonFacts(2, "Christopher Lea", emails=("christopher.lea@northdynamics.com",), sources=("email",)),
        PersonFacts(3, "Christopher Lea", emails=("christopher.lea2@northdynamics.com",), sources=("email",)),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()
    assert {(m.a, m.b) for m in plan.queue} >= {(1, 2), (1, 3)}


def test_only_a_whole_name_spelled_by_an_address_counts_as_the_full_name() -> None:
    king = profile_of(PersonFacts(1, "Richard King"))
    assert spells_full_name(profile_of(PersonFacts(2, "", emails=("richardking63@gmx.de",))), king)
    # an initial shown with such an address is read as the full name beforehand (profiles.spelled_out)
    spelled = profile_of(PersonFacts(3, "R. King", emails=("richardking@gmx.de",)))
    assert spelled.name_key == king.name_key and spelled.name.derived
    assert not spells_full_name(profile_of(PersonFacts(4, "", emails=("rking63@gmx.de",))), king)
    assert not spells_full_name(profile_of(PersonFacts(5, "Rich King", emails=("richardking@x.de",))), king)


def _known_from_both(count: int, moved: int) -> list[list[Profile]]:
    groups: list[list[Profile]] = []
    for i in range(count):
        firms = (f"Firm{i}", f"Other{i}") if i < moved else (f"Firm{i}",)
        groups.append(
            [profile_of(PersonFacts(i, f"G{i} F{i}", companies=firms, sources=("linkedin", "vcard")))]
        )
    return groups


def test_job_change_ratio_is_the_smoothed_share_of_disagreeing_employers() -> None:
    groups = _known_from_both(98, moved=9)
    ratio = job_change_ratio(groups)
    # (9 + 1) / (98 + 2), over the chance that two people work at different firms (107 firms, 1 each)
    assert ratio == pytest.approx(0.1 / (1 - 1 / 107))


def test_no_job_change_is_priced_from_too_few_people() -> None:
    assert job_change_ratio(_known_from_both(MIN_EMPLOYER_SAMPLE - 1, moved=5)) == 0.0


def test_a_chain_of_joins_counts_the_pairs_each_adds() -> None:
    groups = Groups([1, 2, 3], frozenset(), {}, {1: 2, 2: 1, 3: 3})
    assert chained_sizes([(1, 2), (1, 3)], groups) == [2, 9]


def test_a_rare_name_across_a_job_change_merges_once_job_changes_can_be_counted(
    crowd: Crowd, sure_pairs: Crowd
) -> None:
    """Two listed employers that disagree are a job change as often as the database shows (here 1 in 10
    of the people known from both LinkedIn and an address book): a name rare enough merges anyway, and
    says so; below MIN_EMPLOYER_SAMPLE such people, it never does."""
    known = [
        PersonFacts(
            6000 + i,
            f"Known{i} Both{i}",
            companies=(f"Firm{i}", f"Other{i}") if i % 10 == 0 else (f"Firm{i}",),
            linkedins=(f"linkedin.com/in/k{i}",),
            phones=(f"+1415666{i:04d}",),
            sources=("linkedin", "vcard"),
        )
        for i in range(MIN_EMPLOYER_SAMPLE + 10)
    ]
    pair = [
        PersonFacts(
            1,
            "Zephyrine Quast",
            companies=("Acme",),
            linkedins=("linkedin.com/in/zq",),
            sources=("linkedin",),
        ),
        PersonFacts(
            2, "Zephyrine Quast", companies=("Initech",), phones=("+14157770100",), sources=("vcard",)
        ),
    ]
    lone = [  # one human in two pieces a hundred times: what the namesakes expected are spread over
        fact
        for i in range(100)
        for fact in (
            PersonFacts(
                8000 + i, f"Maria Piece{i}", linkedins=(f"linkedin.com/in/l{i}",), sources=("linkedin",)
            ),
            PersonFacts(9000 + i, f"Maria Piece{i}", emails=(f"l{i}@gmail.com",), sources=("email",)),
        )
    ]
    plan = plan_resolution([*pair, *known, *lone, *sure_pairs(200), *crowd(900)])
    moved = [m for m in plan.merges if (m.a, m.b) == (1, 2)]
    assert len(moved) == 1 and any("job change" in r for r in moved[0].reasons)
    few = plan_resolution([*pair, *known[: MIN_EMPLOYER_SAMPLE - 1], *lone, *sure_pairs(200), *crowd(900)])
    assert not any((m.a, m.b) == (1, 2) for m in few.merges)
