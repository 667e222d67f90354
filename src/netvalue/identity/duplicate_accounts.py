"""People known only by LinkedIn profiles: the one question left is whether two are one human's two accounts.

After a first import of LinkedIn's export every person has a profile URL, and two profiles are two
humans (issue 2: "two John Smiths with different URLs are two people"; the decoy reasoning of
:mod:`netvalue.identity.namesakes` rests on the same fact: a source that lists every human once cannot
list one twice).  The full comparison of :func:`~netvalue.identity.matching.plan_resolution` then can
merge nothing; what it finds is the pairs worth a look as one human's old and new account: two profiles
whose score, everything else agreeing, reaches the automatic threshold
(:func:`~netvalue.identity.scoring.score_pair` holds such a pair at 0.90 and says "two different LinkedIn
profiles").  Only people bearing one full name (nicknames folded: Bob and Robert Smith) can score that
high beside a shared employer, so they are compared within groups of one name key, not through the
blocking keys of every name (:mod:`netvalue.identity.blocking`), which cost about 1 s of the first
import of 30,000 connections (``benchmarks/import_linkedin.py``).  What this leaves out: two profiles
whose names are one typo apart; once another source brings people without a profile, the full
comparison runs and finds those as well.

Within a name, only bearers sharing a *second key* are compared (:func:`~netvalue.identity.blocking.second_keys`: an employer or an
e-mail domain's label, or one starting with it; a phone), the second pass of a two-key blocking
(Christen 2012, "Data Matching", ch. 4).  The second key itself loses no pair: with names and addresses
agreeing but no employer, domain or phone in common, a pair scores at most 0.76 + 0.10 = 0.86, below the
0.92 the two-profile rule of :func:`~netvalue.identity.scoring.score_pair` asks for, so it is held at 0.66
and never queued at a review threshold above that (:data:`~netvalue.identity.scoring.REVIEW` is 0.75).
What is left out on purpose: an employer or domain more than :data:`MAX_NAMESAKE_COLLEAGUES` bearers of
the name share (namesake colleagues, not one human's two accounts);
``tests/test_identity_duplicate_accounts.py`` checks the queue against the full comparison's, less those.
It keeps the work near-linear where a few family names cover much of the population (issue 16: Kim, Lee
and Park are 44 % of Koreans): 30,000 connections with Korea's family-name shares meant 429,937 pairs
within names, 30,533 with the second key and 6,678 with the cap as well (``benchmarks/import_linkedin.py
--names korean``), and the review queue 26,152 pairs, then 6,046.  A name borne by more than
:data:`~netvalue.identity.blocking.MAX_BLOCK` people is compared too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence, Set

from netvalue.identity.blocking import MAX_BLOCK, organisation_and_phone_keys, second_keys
from netvalue.identity.names import parse_name
from netvalue.identity.profiles import Profile, name_key, normalize_company, profile_of
from netvalue.identity.scoring import Match, score_pair
from netvalue.store.identity import PersonFacts

__all__ = [
    "MAX_NAMESAKE_COLLEAGUES",
    "duplicate_accounts",
    "facts_second_keys",
    "person_name_key",
    "profiles_only",
    "second_keys",
]


def profiles_only(people: Sequence[PersonFacts]) -> bool:
    """Whether every person (at least one) is known by a LinkedIn profile."""
    return bool(people) and all(p.linkedins for p in people)


def person_name_key(person: PersonFacts) -> tuple[str, str] | None:
    """The person's :attr:`~netvalue.identity.profiles.Profile.name_key`, without building the whole
    profile when the name a source gave is usable (most people: only they need no address read)."""
    name = parse_name(person.name, person.first_name, person.last_name)
    if not name.usable:
        return profile_of(person).name_key  # the profile may read a name off an address
    return name_key(name)


MAX_NAMESAKE_COLLEAGUES = 3
"""Bearers of one name are compared on an employer or a domain only when no more than this many of them
open it (ours).  One human's two accounts are two bearers, beside at most one namesake colleague; more
bearers of the name at that employer show that the name is common there, and the shared employer then
says little of any two of them (the frequency-based weighting of an agreement, Winkler 1988/1989, see
:mod:`netvalue.identity.frequency`).  Measured on 30,000 LinkedIn connections with Korea's family-name
shares and 2 % planted second accounts (``benchmarks/identity.py``, one draw): every pair of the
second key queued 1,711 pairs, precision 0.283, recall 0.938; at most 3 bearers 1,562, 0.307, 0.928; at
most 2 bearers 1,214, 0.373, 0.878.  In the Korean-shaped export of ``benchmarks/import_linkedin.py``
(30,000 connections at 14 employers) it cuts the pairs compared from 30,533 to 6,678, every one two
humans.  A phone is compared on up to :data:`MAX_BLOCK` bearers."""


def facts_second_keys(person: PersonFacts) -> tuple[frozenset[str], frozenset[str]]:
    """:func:`~netvalue.identity.blocking.second_keys` of the person's profile, without building it for a
    person with no e-mail address (most LinkedIn connections: their employers and phones are all the
    profile would add)."""
    if person.emails:
        return second_keys(profile_of(person))
    companies = frozenset(c for c in map(normalize_company, person.companies) if c)
    return organisation_and_phone_keys(companies, frozenset(person.phones))


def _pairs_sharing_a_key(
    keys: Sequence[tuple[frozenset[str], frozenset[str]]], colleagues: int
) -> set[tuple[int, int]]:
    """Index pairs (low, high) of one name's bearers, given their second keys, where one holds a
    key the other opens, and no more than ``colleagues`` of them open it (:data:`MAX_BLOCK` a phone)."""
    openers: dict[str, list[int]] = defaultdict(list)
    holders: dict[str, list[int]] = defaultdict(list)
    for index, (opened, held) in enumerate(keys):
        for key in opened:
            openers[key].append(index)
        for key in held:
            holders[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in holders.items():
        opening = openers[key]
        if len(opening) <= (MAX_BLOCK if key.startswith("p:") else colleagues):
            pairs.update((min(x, y), max(x, y)) for x in members for y in opening if x != y)
    return pairs


def duplicate_accounts(
    people: Sequence[PersonFacts],
    kept_apart: Set[frozenset[int]],
    auto_merge: float,
    review: float,
    colleagues: int = MAX_NAMESAKE_COLLEAGUES,
) -> tuple[tuple[Match, ...], int]:
    """The pairs of ``people`` (all LinkedIn profiles) to queue for review as possibly one human's two
    accounts, strongest first, and the number of pairs compared.  ``kept_apart``: pairs of person ids the
    user split or rejected, never queued.  Bearers of one name are compared when they share a
    second key that no more than ``colleagues`` of them open (:data:`MAX_NAMESAKE_COLLEAGUES`;
    a phone: :data:`MAX_BLOCK`).  Profiles are built only for the people of a pair compared."""
    by_name: dict[tuple[str, str], list[PersonFacts]] = defaultdict(list)
    for person in people:
        key = person_name_key(person)
        if key is not None:
            by_name[key].append(person)
    queue: list[Match] = []
    compared = 0
    for sharing in by_name.values():
        if len(sharing) < 2:
            continue
        pairs = _pairs_sharing_a_key([facts_second_keys(p) for p in sharing], colleagues)
        built: dict[int, Profile] = {}
        for x, y in sorted(pairs):
            a = built[x] if x in built else built.setdefault(x, profile_of(sharing[x]))
            b = built[y] if y in built else built.setdefault(y, profile_of(sharing[y]))
            compared += 1
            match = score_pair(a, b)
            if match is None or match.confidence < review or frozenset((a.id, b.id)) in kept_apart:
                continue
            low, high = min(a.id, b.id), max(a.id, b.id)
            queue.append(Match(low, high, min(match.confidence, auto_merge - 0.001), match.reasons))
    queue.sort(key=lambda m: (-m.confidence, m.a, m.b))
    return tuple(queue), compared
