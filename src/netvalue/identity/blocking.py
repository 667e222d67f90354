"""Blocking: the candidate pairs worth scoring, found through shared keys, never all pairs.

Standard record-linkage practice (Christen 2012, "Data Matching", ch. 4): people are compared only
when they share a key built from their name or addresses, so the work grows with the number of
plausible pairs, not with the square of the number of people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain

from netvalue.identity.names import ParsedName, canonical_given, local_part_patterns
from netvalue.identity.profiles import Profile

MAX_BLOCK = 250
"""A key shared by more people than this is too common to compare on (ours)."""
MAX_TYPO_WORD = 40
"""A name part longer than this gets no one-deletion keys (ours: longer than any real given or family
name; the keys of a word of n letters hold n**2 letters)."""


@lru_cache(maxsize=1 << 17)
def _deletions(word: str) -> frozenset[str]:
    """Every string one deletion away from ``word``: two different words within one edit (substitution,
    insertion, deletion or adjacent transposition) share one of these, or one is the other's deletion
    (the symmetric-delete trick of Garbe's SymSpell, 2012)."""
    return frozenset(word[:i] + word[i + 1 :] for i in range(len(word)))


@lru_cache(maxsize=1 << 17)
def _shared_keys(given: str, family: str) -> frozenset[str]:
    """The *shared* keys of a full name (see :func:`_blocking_keys`): a function of the name alone, so
    they are found once per distinct name, not once per person."""
    forms = canonical_given(given) | {given}
    shared = {f"n:{form}|{family}" for form in forms}
    shared.add("o:" + "|".join(sorted((given, family))))
    shared.add(f"x:{given[:3]}|{family}")
    if 5 <= len(family) <= MAX_TYPO_WORD:
        first_form = min(canonical_given(given))
        shared |= {f"t:{first_form}|{cut}" for cut in _deletions(family) | {family}}
    if 4 <= len(given) <= MAX_TYPO_WORD:
        shared |= {f"d:{cut}|{family}" for cut in _deletions(given) | {given}}
    return frozenset(shared)


@lru_cache(maxsize=1 << 17)
def _name_open_keys(name: ParsedName) -> tuple[frozenset[str], frozenset[str]]:
    """The open keys a name gives (initials; local parts spelling it) and those it holds (an initial's)."""
    forms = canonical_given(name.given) | {name.given}
    initials = frozenset(f"i:{form[0]}|{name.family}" for form in forms)
    if name.is_initial:
        return initials, initials
    return initials | {f"l:{x}" for x in local_part_patterns(name)}, frozenset()


def _blocking_keys(p: Profile) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """Keys two people must share to be compared: (full names, open keys, held keys).

    People whose full names share a *shared* key (:func:`_shared_keys`) are all compared: the full given
    name (and the full forms of its nicknames) + the family name; + each one-deletion variant of the
    family name (a typo there); each one-deletion variant of the given name + the family name (a typo
    there); the given name's first three letters + the family name (short forms outside the nickname
    table); both parts in either order.  An *open* key pairs only with people *holding* it: an initial +
    family name (``J. Smith`` holds ``j|smith``, every John and James Smith is open to it), an e-mail
    local part (held by its address, open to every name that would spell it), a phone."""
    names: set[tuple[str, str]] = set()
    opened: set[str] = {f"l:{x}" for x in p.locals} | {f"p:{x}" for x in p.phones}
    held: set[str] = set(opened)
    for name in (p.name, *p.email_names):
        if not name.usable:
            continue
        name_opened, name_held = _name_open_keys(name)
        opened |= name_opened
        held |= name_held
        if not name.is_initial:
            names.add((name.given, name.family))
    return names, opened, held


def second_keys(profile: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The keys on which two bearers of one name are compared: (opened, held); a pair is compared when
    one holds a key the other opens.  Each employer and each corporate domain label holds itself and
    opens itself and its prefixes of four letters or more (two companies agree when equal or when one
    starts with the other, both of five letters or more,
    :func:`~netvalue.identity.corroboration.companies_agree`; a domain label is a company when equal to
    it or one starts with the other, both of four or more); a phone holds and opens itself."""
    return organisation_and_phone_keys(profile.companies | profile.domain_labels, profile.phones)


def organisation_and_phone_keys(
    organisations: frozenset[str], phones: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The (opened, held) second keys of employers or domain labels and of phones (see :func:`second_keys`)."""
    opened, held = _organisation_keys(organisations)
    phone_keys = frozenset("p:" + x for x in phones)
    return opened | phone_keys, held | phone_keys


@lru_cache(maxsize=1 << 14)
def _organisation_keys(organisations: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The (opened, held) keys of employers and domain labels (see :func:`second_keys`): a function of
    the names alone, found once per distinct set (a network has far fewer employers than people)."""
    held = frozenset("o:" + x for x in organisations)
    opened = set(held)
    for x in organisations:
        opened.update("o:" + x[:k] for k in range(4, len(x)))
    return frozenset(opened), held


def _code(x: int, y: int, size: int) -> int:
    return x * size + y if x < y else y * size + x


class _SecondKeys:
    """The :func:`second_keys` of each of ``profiles``, found when first asked for."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = profiles
        self.found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def __call__(self, index: int) -> tuple[frozenset[str], frozenset[str]]:
        if index not in self.found:
            self.found[index] = second_keys(self.profiles[index])
        return self.found[index]

    def pairs(self, holding: Iterable[int], members: Sequence[int], size: int) -> set[int]:
        """Codes of the pairs of one in ``holding`` and one of ``members`` sharing a second key (one holds
        what the other opens) that no more than :data:`MAX_BLOCK` of ``members`` open: the second pass of a
        block too large to compare whole (Christen 2012, ch. 4)."""
        opening: dict[str, list[int]] = defaultdict(list)
        keeping: dict[str, list[int]] = defaultdict(list)
        for y in members:
            opened, held = self(y)
            for key in opened:
                opening[key].append(y)
            for key in held:
                keeping[key].append(y)
        codes: set[int] = set()
        for x in holding:
            opened, held = self(x)
            for (
                key
            ) in opened:  # held keys are opened too: a held key meets its openers, an opened its holders
                if len(opening.get(key, ())) <= MAX_BLOCK:
                    others = opening.get(key, ()) if key in held else keeping.get(key, ())
                    codes.update(_code(x, y, size) for y in others if y != x)
        return codes


def candidate_pairs(profiles: Sequence[Profile], *, second_key: bool = False) -> set[tuple[int, int]]:
    """Index pairs of ``profiles`` sharing a blocking key; a block of more than :data:`MAX_BLOCK` people
    is skipped, or with ``second_key`` compared only where its people share a :func:`second_keys` key too
    (an employer, a domain, a phone).  Off by default: measured on 30,000 records in memory
    (``benchmarks/identity.py``, two records per human), it lowered automatic merges' precision and
    recall a little where such blocks occur (Korean-shaped names: 0.8495 -> 0.8462 and 0.8032 -> 0.8007;
    Chinese-shaped: 0.8588 -> 0.8568, 0.8148 -> 0.8147; 1,600 and 700 more pairs queued) and changed
    nothing where none do (the realistic names).

    Shared keys are indexed per distinct full name, then expanded to the people bearing the names: the
    same pairs as indexing every person's keys, without redoing the work for every namesake."""
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    blocks: dict[str, list[int]] = defaultdict(list)
    holders: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        names, opened, held = _blocking_keys(profile)
        for name in names:
            by_name[name].append(index)
        for key in opened:
            blocks[key].append(index)
        for key in held:
            holders[key].append(index)
    size = len(profiles)
    second = _SecondKeys(profiles)
    codes: set[int] = set()  # x * size + y with x < y: cheaper to hash than tuples
    for key, members in blocks.items():
        if 2 <= len(members) <= MAX_BLOCK:
            for x in holders.get(key, ()):
                codes.update(_code(x, y, size) for y in members if y != x)
        elif len(members) > MAX_BLOCK and second_key and key in holders:
            codes |= second.pairs(holders[key], members, size)
    name_pairs, large = _name_pairs(by_name)
    for one, other in name_pairs:
        bearers = by_name[one]
        if one == other:
            for i, a in enumerate(bearers):
                codes.update(_code(a, b, size) for b in bearers[i + 1 :])
        else:
            for a in bearers:
                codes.update(_code(a, b, size) for b in by_name[other] if b != a)
    for people in large if second_key else ():
        codes |= second.pairs(people, people, size)
    return {divmod(code, size) for code in codes}


def _name_pairs(
    by_name: dict[tuple[str, str], list[int]],
) -> tuple[set[tuple[tuple[str, str], tuple[str, str]]], list[list[int]]]:
    """The pairs of names whose bearers are all compared (a name with itself: its namesakes), and the
    bearers of each block of names too large for that (more than :data:`MAX_BLOCK` people)."""
    # Nearly every shared key belongs to one name alone: count the names of every key at C speed
    # (Counter over all keys), and make a list only for a key a second name shares (a loop over every
    # key, ~380,000 for 30,000 people, cost more than the rest of this function).
    distinct = list(by_name)
    keys_of = [_shared_keys(*name) for name in distinct]
    counts = Counter(chain.from_iterable(keys_of))
    shared_keys = {key for key, count in counts.items() if count > 1}
    name_blocks: dict[str, list[tuple[str, str]]] = {}
    name_pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    large: list[list[int]] = []
    for name, keys in zip(distinct, keys_of, strict=True):
        for key in keys & shared_keys:
            name_blocks.setdefault(key, []).append(name)
        bearers = by_name[name]
        if len(bearers) >= 2 and not keys <= shared_keys:  # a key of this name alone
            if len(bearers) <= MAX_BLOCK:
                name_pairs.add((name, name))
            else:
                large.append(bearers)
    for sharing in name_blocks.values():  # a person bearing two of the names counts once
        people = set().union(*(by_name[name] for name in sharing))
        if 2 <= len(people) <= MAX_BLOCK:
            name_pairs.update((x, y) for i, x in enumerate(sharing) for y in sharing[i:])
        elif len(people) > MAX_BLOCK:
            large.append(sorted(people))
    return name_pairs, large
