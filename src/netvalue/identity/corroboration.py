"""What corroborates or contradicts a match beyond the name: employers, corporate addresses, an address
that spells a name.  Pure functions over :class:`~netvalue.identity.profiles.Profile` (no SQL)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from netvalue.identity.profiles import Profile

__all__ = [
    "EMPLOYER_SOURCES",
    "MIN_EMPLOYER_SAMPLE",
    "ambiguous_colleagues",
    "colleagues",
    "companies_agree",
    "job_change_ratio",
    "spells_full_name",
]

MIN_EMPLOYER_SAMPLE = 50
"""Fewer people than this known from both :data:`EMPLOYER_SOURCES`, and the share of job changes is
not estimated: no merge across two companies then (ours, as
:data:`netvalue.identity.namesakes.MIN_SAMPLE`)."""


def companies_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    return any(len(x) >= 5 and len(y) >= 5 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def ambiguous_colleagues(
    sure: Iterable[tuple[int, int]], held: dict[int, frozenset[str]]
) -> set[frozenset[int]]:
    """The sure matches of a person whose partners are colleagues of each other (two different addresses
    at one corporate domain): a LinkedIn profile at Acme beside ``c.lea@acme`` and ``c.lea2@acme`` cannot
    say which of the two it is, so neither merges automatically (issue 3: two colleagues with similar names
    stay apart unless a key ties them); both wait for review."""
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in sure:
        partners[a].append(b)
        partners[b].append(a)
    ambiguous: set[frozenset[int]] = set()
    for person, others in partners.items():
        with_work = [o for o in others if held.get(o)]
        for i, y in enumerate(with_work):
            for z in with_work[i + 1 :]:
                if colleagues(held[y], held[z]):
                    ambiguous |= {frozenset((person, y)), frozenset((person, z))}
    return ambiguous


def colleagues(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two different addresses at one domain, one in ``a`` and one in ``b`` (an address belongs to one
    person, so the two sets of two people never share one)."""
    if not a or not b:
        return False
    domains = {x.rpartition("@")[2] for x in a}
    return any(y.rpartition("@")[2] in domains and y not in a for y in b)


def job_change_ratio(groups: Iterable[Sequence[Profile]]) -> float:
    """The likelihood ratio of "their companies disagree" for one human against two namesakes, the
    Fellegi & Sunter (1969) disagreement weight ``(1 - m) / (1 - u)`` of the company field, both estimated
    from the database itself: ``1 - m``, the share of the people known from both sources that name an
    employer (a LinkedIn connection and an address-book card) whose companies disagree (a job change: the
    card was written earlier), add-one smoothed; ``1 - u``, the chance that two people drawn at random
    work at different companies (one less the sum of the squared company shares).  People brought
    together by their name and company only are in the sample too, which leans the share low: the
    estimate is conservative, and a pair whose companies disagree merges only at a correspondingly
    rarer name.  0 (no merge across companies) when fewer than :data:`MIN_EMPLOYER_SAMPLE` people are
    known from both sources."""
    known = moved = 0
    employers: Counter[str] = Counter()
    for group in groups:
        if len(group) == 1:
            companies, sources = group[0].companies, group[0].sources
        else:
            companies = frozenset().union(*(p.companies for p in group))
            sources = frozenset().union(*(p.sources for p in group))
        if not companies:
            continue
        employers.update(companies)
        if sources >= EMPLOYER_SOURCES:
            known += 1
            firms = sorted(companies)
            if len(firms) > 1 and any(
                not companies_agree(frozenset({x}), frozenset({y})) for x in firms for y in firms if x < y
            ):
                moved += 1
    if known < MIN_EMPLOYER_SAMPLE:
        return 0.0
    total = sum(employers.values())
    same_firm = sum(c * c for c in employers.values()) / total**2 if total else 0.0
    return (moved + 1) / (known + 2) / max(1.0 - same_firm, 1e-9)


EMPLOYER_SOURCES = frozenset({"linkedin", "vcard"})
"""The sources that name a person's employer (ours, from the importers: Connections.csv's Company, a
card's ORG)."""


def spells_full_name(a: Profile, b: Profile) -> bool:
    """One of the two is known only by an initial or by no name at all, and by an address whose local
    part spells the other's given *and* family name in full (``richardking63@`` beside Richard King; digits
    dropped; an initial shown with such an address, ``C. Jones <carmenjones9@...>``, is read as the full
    name already, :func:`netvalue.identity.profiles.spelled_out`): the address says as much as
    the full name would, so its namesakes are counted as the full name's
    (:func:`netvalue.identity.matching._lone_coincidence`), not as every name with that initial's.  The
    same frequency reasoning as for a shared full name (Winkler 1988, :mod:`netvalue.identity.frequency`),
    with the margin of a looser agreement."""
    for x, y in ((a, b), (b, a)):
        if (not x.name.usable or x.name.is_initial) and y.name.usable and not y.name.is_initial:
            g, f = y.name.given, y.name.family
            if x.locals & {g + f, f + g}:
                return True
    return False
