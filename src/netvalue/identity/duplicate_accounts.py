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

Within a name, only bearers sharing a *second key* are compared (:func:`second_keys`: an employer or an
e-mail domain's label, or one starting with it; a phone), the second pass of a two-key blocking
(Christen 2012, "Data Matching", ch. 4).  It loses no pair: with names and addresses agreeing but no
employer, domain or phone in common, a pair scores at most 0.76 + 0.10 = 0.86, below the 0.92 the
two-profile rule of :func:`~netvalue.identity.scoring.score_pair` asks for, so it is held at 0.66 and never
queued at a review threshold above that (:data:`~netvalue.identity.scoring.REVIEW` is 0.75);
``tests/test_identity_duplicate_accounts.py`` checks the queue against the full comparison's.  It keeps
the work near-linear where a few family names cover much of the population (issue 16: Kim, Lee and Park
are 44 % of Koreans): 30,000 connections with Korea's family-name shares meant 429,937 pairs within names,
30,533 now (``benchmarks/import_linkedin.py --names korean``).  A name borne by more than
:data:`~netvalue.identity.blocking.MAX_BLOCK` people is compared too; only a key opened by more than that
many of its bearers is not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence, Set
from functools import lru_cache

from netvalue.identity.blocking import MAX_BLOCK
from netvalue.identity.names import parse_name
from netvalue.identity.profiles import Profile, name_key, profile_of
from netvalue.identity.scoring import Match, score_pair
from netvalue.store.identity import PersonFacts

__all__ = ["duplicate_accounts", "person_name_key", "profiles_only", "second_keys"]


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


def second_keys(profile: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The keys on which two bearers of one name are compared: (opened, held); a pair is compared when
    one holds a key the other opens.  Each employer and each corporate domain label holds itself and
    opens itself and its prefixes of four letters or more (two companies agree when equal or when one
    starts with the other, both of five letters or more,
    :func:`~netvalue.identity.corroboration.companies_agree`; a domain label is a company when equal to
    it or one starts with the other, both of four or more); a phone holds and opens itself."""
    opened, held = _organisation_keys(profile.companies | profile.domain_labels)
    phones = frozenset("p:" + x for x in profile.phones)
    return opened | phones, held | phones


@lru_cache(maxsize=1 << 14)
def _organisation_keys(organisations: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The (opened, held) keys of employers and domain labels (see :func:`second_keys`): a function of
    the names alone, found once per distinct set (a network has far fewer employers than people)."""
    held = frozenset("o:" + x for x in organisations)
    opened = set(held)
    for x in organisations:
        opened.update("o:" + x[:k] for k in range(4, len(x)))
    return frozenset(opened), held


def _pairs_sharing_a_key(bearers: Sequence[Profile]) -> set[tuple[int, int]]:
    """Index pairs (low, high) of ``bearers`` (one name's) where one holds a :func:`second_keys` key the
    other opens, and no more than :data:`MAX_BLOCK` of them open it."""
    openers: dict[str, list[int]] = defaultdict(list)
    holders: dict[str, list[int]] = defaultdict(list)
    for index, bearer in enumerate(bearers):
        opened, held = second_keys(bearer)
        for key in opened:
            openers[key].append(index)
        for key in held:
            holders[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in holders.items():
        opening = openers[key]
        if len(opening) <= MAX_BLOCK:
            pairs.update((min(x, y), max(x, y)) for x in members for y in opening if x != y)
    return pairs


def duplicate_accounts(
    people: Sequence[PersonFacts], kept_apart: Set[frozenset[int]], auto_merge: float, review: float
) -> tuple[tuple[Match, ...], int]:
    """The pairs of ``people`` (all LinkedIn profiles) to queue for review as possibly one human's two
    accounts, strongest first, and the number of pairs compared.  ``kept_apart``: pairs of person ids the
    user split or rejected, never queued.  Bearers of one name are compared when they share a
    :func:`second_keys` key; a key opened by more than :data:`MAX_BLOCK` bearers of the name is not
    compared on, as the blocking leaves it.  Profiles are built only for people who share a name."""
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
        bearers = [profile_of(person) for person in sharing]
        for x, y in sorted(_pairs_sharing_a_key(bearers)):
            a, b = bearers[x], bearers[y]
            compared += 1
            match = score_pair(a, b)
            if match is None or match.confidence < review or frozenset((a.id, b.id)) in kept_apart:
                continue
            low, high = min(a.id, b.id), max(a.id, b.id)
            queue.append(Match(low, high, min(match.confidence, auto_merge - 0.001), match.reasons))
    queue.sort(key=lambda m: (-m.confidence, m.a, m.b))
    return tuple(queue), compared
