"""A database of LinkedIn profiles alone queues what the full comparison would queue -- the pairs that may
be one human's two accounts -- without the blocking of every name."""

from __future__ import annotations

import random

import pytest

from netvalue.identity import matching
from netvalue.identity.duplicate_accounts import person_name_key, profiles_only
from netvalue.identity.matching import plan_resolution
from netvalue.identity.profiles import profile_of
from netvalue.store.identity import PersonFacts


def profile(pid: int, name: str, company: str | None = None) -> PersonFacts:
    return PersonFacts(
        pid,
        name,
        companies=(company,) if company else (),
        linkedins=(f"linkedin.com/in/p{pid}",),
        sources=("linkedin",),
    )


def test_only_profiles_is_told_apart_from_a_database_with_other_people() -> None:
    assert profiles_only([profile(1, "Ann Lee")])
    assert not profiles_only([profile(1, "Ann Lee"), PersonFacts(2, "Bo Li")])
    assert not profiles_only([])


@pytest.mark.parametrize(
    ("name", "first", "last", "emails"),
    [
        ("Bob Smith", None, None, ()),
        ("Smith, Robert", None, None, ()),
        ("Dr. José García-López", None, None, ()),
        ("J. Smith", None, None, ()),
        ("", "Ann", "Lee", ()),
        ("jane.doe@example.com", None, None, ("jane.doe@example.com",)),
        ("", None, None, ("kate.moss@acme.com",)),
    ],
)
def test_name_key_is_the_profiles(
    name: str, first: str | None, last: str | None, emails: tuple[str, ...]
) -> None:
    person = PersonFacts(1, name, first, last, emails=emails, linkedins=("linkedin.com/in/x",))
    assert person_name_key(person) == profile_of(person).name_key


def test_same_name_and_employer_waits_for_review_and_nothing_merges() -> None:
    people = [
        profile(1, "Robert Smith", "Acme Inc"),
        profile(2, "Bob Smith", "ACME"),  # a nickname, the same employer: maybe an old account
        profile(3, "Robert Smith", "Initech"),  # another employer: a namesake
        profile(4, "Jane Doe", "Acme"),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()
    assert [(m.a, m.b) for m in plan.queue] == [(1, 2)]
    assert "two different LinkedIn profiles" in plan.queue[0].reasons
    assert plan_resolution(people, {frozenset((1, 2))}).queue == ()  # the user said: two people


def test_the_queue_is_the_full_comparisons_for_names_that_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(4)
    given = ["Robert", "Bob", "Ann", "Anna", "Wei", "José", "Jose", "Katherine", "Kate"]
    family = ["Smith", "Zhang", "García", "Garcia", "Nowak", "Okafor"]
    companies = ["Acme", "Acme Inc", "Initech", "Globex GmbH", "Globex", None]
    people = [
        profile(i, f"{rng.choice(given)} {rng.choice(family)}", rng.choice(companies)) for i in range(1, 400)
    ]
    fast = plan_resolution(people)
    monkeypatch.setattr(matching, "profiles_only", lambda profiles: False)
    full = plan_resolution(people)
    assert full.merges == () and len(full.queue) > 20
    assert {(m.a, m.b): (m.confidence, m.reasons) for m in fast.queue} == {
        (m.a, m.b): (m.confidence, m.reasons) for m in full.queue
    }
    assert fast.compared < full.compared
