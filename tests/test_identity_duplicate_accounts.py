"""A database of LinkedIn profiles alone queues what the full comparison would queue -- the pairs that may
be one human's two accounts -- without the blocking of every name."""

from __future__ import annotations

import random

import pytest

from netvalue.identity import matching
from netvalue.identity.blocking import MAX_BLOCK
from netvalue.identity.duplicate_accounts import (
    MAX_NAMESAKE_COLLEAGUES,
    duplicate_accounts,
    facts_second_keys,
    person_name_key,
    profiles_only,
    second_keys,
)
from netvalue.identity.matching import plan_resolution
from netvalue.identity.profiles import profile_of
from netvalue.identity.scoring import AUTO_MERGE, REVIEW, Match, score_pair
from netvalue.store.identity import PersonFacts


def profile(
    pid: int, name: str, company: str | None = None, email: str | None = None, phone: str | None = None
) -> PersonFacts:
    return PersonFacts(
        pid,
        name,
        emails=(email,) if email else (),
        companies=(company,) if company else (),
        linkedins=(f"linkedin.com/in/p{pid}",),
        phones=(phone,) if phone else (),
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
    companies = ["Acme", "Acme Inc", "Acme Robotics", "Initech", "Globex GmbH", "Globex", "IBM", None, None]
    domains = ["acme.com", "acmerobotics.de", "initech.co.uk", "ibm.com", "gmail.com", "globex.com"]
    people = [
        profile(
            i,
            name := f"{rng.choice(given)} {rng.choice(family)}",
            rng.choice(companies),
            f"{name.split()[0].lower()}{i}@{rng.choice(domains)}" if rng.random() < 0.4 else None,
            f"+8210{rng.randrange(30):04d}" if rng.random() < 0.3 else None,
        )
        for i in range(1, 400)
    ]
    uncapped, compared = duplicate_accounts(people, set(), AUTO_MERGE, REVIEW, colleagues=MAX_BLOCK)
    fast = plan_resolution(people)
    monkeypatch.setattr(matching, "profiles_only", lambda profiles: False)
    full = plan_resolution(people)
    assert full.merges == () and len(full.queue) > 20
    assert {(m.a, m.b): (m.confidence, m.reasons) for m in uncapped} == {
        (m.a, m.b): (m.confidence, m.reasons) for m in full.queue
    }
    assert compared < full.compared
    assert_only_namesake_colleagues_left_out(people, fast.queue, uncapped)


def assert_only_namesake_colleagues_left_out(
    people: list[PersonFacts], capped: tuple[Match, ...], uncapped: tuple[Match, ...]
) -> None:
    """The capped queue is the uncapped one less pairs whose every shared employer or domain more than
    MAX_NAMESAKE_COLLEAGUES bearers of their name open."""
    keys = {p.id: facts_second_keys(p) for p in people}
    opened_by_name: dict[tuple[tuple[str, str] | None, str], int] = {}
    for p in people:
        for key in keys[p.id][0]:
            opened_by_name[person_name_key(p), key] = opened_by_name.get((person_name_key(p), key), 0) + 1
    names = {p.id: person_name_key(p) for p in people}
    assert set(capped) <= set(uncapped)
    for left_out in set(uncapped) - set(capped):
        (opened_a, held_a), (opened_b, held_b) = keys[left_out.a], keys[left_out.b]
        shared = (held_a & opened_b) | (held_b & opened_a)
        assert shared and all(key.startswith("o:") for key in shared), left_out
        for key in shared:
            assert opened_by_name[names[left_out.a], key] > MAX_NAMESAKE_COLLEAGUES


def test_four_bearers_of_a_name_at_one_employer_are_namesake_colleagues() -> None:
    """Two Min-jun Kims at Samsung may be one human's two accounts, beside a third namesake; four are
    colleagues who share a name, compared only on a phone."""
    two = [profile(1, "Min-jun Kim", "Samsung"), profile(2, "Minjun Kim", "Samsung Electronics")]
    assert [(m.a, m.b) for m in plan_resolution(two).queue] == [(1, 2)]
    three = [*two, profile(3, "Min-jun Kim", "Samsung")]
    assert len(plan_resolution(three).queue) == 3
    four = [*three, profile(4, "Min-jun Kim", "Samsung")]
    assert plan_resolution(four).queue == ()
    phone = "+821012345678"
    four[2:] = [
        profile(3, "Min-jun Kim", "Samsung", phone=phone),
        profile(4, "Kim, Min-jun", "Samsung", phone=phone),
    ]
    assert [(m.a, m.b) for m in plan_resolution(four).queue] == [(3, 4)]


@pytest.mark.parametrize(
    "person",
    [
        profile(1, "Ann Lee", "Acme, Inc.", phone="+4915112345678"),
        profile(2, "Ann Lee", None, email="ann.lee@acme-robotics.de"),
        profile(3, "Ann Lee", "The Globex Group", email="ann@gmail.com"),
        profile(4, "Ann Lee"),
    ],
)
def test_second_keys_from_the_facts_are_the_profiles(person: PersonFacts) -> None:
    assert facts_second_keys(person) == second_keys(profile_of(person))


def test_a_name_borne_by_thousands_is_compared_near_linearly_and_namesakes_sharing_a_key_are_found() -> None:
    """3,000 Min-jun Kims at 300 employers (10 each), far more than a block of MAX_BLOCK (250), which left
    them all uncompared: ten at one employer are namesake colleagues, compared with none (not the 4.5
    million pairs of every pair), and pairs sharing an employer written two ways, a domain that is the
    other's employer, or a phone are queued."""
    people = [profile(i, "Min-jun Kim", f"Employer{i % 300:03d}") for i in range(1, 3001)]
    people += [
        profile(3001, "Min-jun Kim", "Samsung Electronics Co., Ltd."),
        profile(3002, "Min-jun Kim", "Samsung Electronics"),
        profile(3003, "Min-jun Kim", "Hyundai Motor Company"),
        profile(3004, "Min-jun Kim", None, email="minjun.kim@hyundai.com"),
        profile(3005, "Min-jun Kim", "Employer000", phone="+821012345678"),
        profile(3006, "Min-jun Kim", "Employer001", phone="+821012345678"),
    ]
    plan = plan_resolution(people)
    assert plan.compared <= 5 * len(people)
    queued = {(m.a, m.b) for m in plan.queue}
    assert {(3001, 3002), (3003, 3004), (3005, 3006)} <= queued


def test_on_korean_shaped_names_the_queue_is_every_pairs_within_a_name() -> None:
    """2,000 profiles with Korea's five commonest family names at their 2015 census shares (Kim 21.5 %, Lee
    14.7 %, Park 8.4 %, Choi 4.7 %, Jung 4.3 %, as issue 16 quotes them; the rest ours) and 13 given names:
    the second key leaves out no pair that scoring every pair of bearers of a name would queue, and the
    cap on namesake colleagues only pairs at an employer more than two bearers of their name share."""
    rng = random.Random(16)
    families = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho"]
    shares = [21.5, 14.7, 8.4, 4.7, 4.3, 2.4, 2.1]
    given = [
        "Minjun",
        "Seoyeon",
        "Jiho",
        "Seojun",
        "Hayoon",
        "Doyun",
        "Jiwoo",
        "Eunwoo",
        "Seoah",
        "Siwoo",
        "Jiyu",
        "Hajun",
        "Yerin",
    ]
    companies = ["Samsung", "Samsung Electronics", "Hyundai Motor", "Naver", "Kakao", "LG", "LG Chem", None]
    domains = ["samsung.com", "hyundai.co.kr", "naver.com", "kakaocorp.com", "lgchem.com", "gmail.com"]
    people = [
        profile(
            i,
            f"{rng.choice(given)} {rng.choices(families, shares)[0]}",
            rng.choice(companies),
            f"u{i}@{rng.choice(domains)}" if rng.random() < 0.3 else None,
            f"+8210{rng.randrange(300):04d}" if rng.random() < 0.3 else None,
        )
        for i in range(1, 2001)
    ]
    plan = plan_resolution(people)
    uncapped, _ = duplicate_accounts(people, set(), AUTO_MERGE, REVIEW, colleagues=MAX_BLOCK)
    by_name: dict[tuple[str, str] | None, list[PersonFacts]] = {}
    for person in people:
        by_name.setdefault(person_name_key(person), []).append(person)
    every = set()
    for bearers in by_name.values():
        built = [profile_of(p) for p in bearers]
        for i, a in enumerate(built):
            for b in built[i + 1 :]:
                match = score_pair(a, b)
                if match is not None and match.confidence >= REVIEW:
                    every.add((min(a.id, b.id), max(a.id, b.id)))
    assert len(every) > 100
    assert {(m.a, m.b) for m in uncapped} == every
    assert_only_namesake_colleagues_left_out(people, plan.queue, uncapped)
    assert 0 < len(plan.queue) < len(every)
    assert plan.compared < sum(len(b) * (len(b) - 1) // 2 for b in by_name.values()) / 10
