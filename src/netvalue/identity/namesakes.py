"""How many of the names borne by exactly two people are two namesakes rather than one human seen twice.

Resolution leaves some humans in two pieces linked by nothing but their name: a LinkedIn connection and
the personal address they write from, an address-book card without a company.  When a name is borne by
exactly those two people in the whole database, either one human was left in two pieces, or two namesakes
each appear once.  Which is likelier depends on how often the user's data splits a human, and on how
common namesakes are among the people the user knows -- both differ from one user to the next, so they
are estimated from the database itself.

The namesakes are counted with *decoys*, as target-decoy counting estimates false discoveries in
proteomics (Elias & Gygi 2007, "Target-decoy search strategy for increased confidence in large-scale
protein identifications by mass spectrometry", Nature Methods 4(3):207-214): a source that lists every
human once (a LinkedIn export, an address book: not :data:`ALIAS_SOURCES`) cannot list one human twice,
so two people bearing one name who *share* such a source are two namesakes for certain.  Two namesakes
are two independent humans, so whether their sources overlap is a draw from the source sets people have:
with ``phi`` the chance that two people known from one source set each share a non-alias source
(computed from the people whose name nobody else bears), ``S`` decoy names (two bearers sharing a
source) stand for ``S * (1 - phi) / phi`` namesake names among the ``D`` names whose two bearers share
none -- the false merges expected if all ``D`` were merged.  The count is add-one smoothed (``S + 1``),
so a database with no decoy still expects some namesakes.

Those expected namesakes are spread over the pairings of source sets as independent draws would spread
them (:meth:`NamesakeEstimate.rate`: a LinkedIn connection beside a private address is where a human is
split far more often than where namesakes meet), then over the lone names of a pairing in proportion to
how common each name is (``N * f(first) * f(last)``,
:class:`netvalue.identity.frequency.NameFrequencies`: a common name is likelier a namesake), which gives
each candidate pair its chance of being two namesakes.  Pairs are accepted likeliest one human first,
never one likelier two namesakes than one, while the record pairs expected wrongly linked stay within
:data:`TOLERATED_FALSE_MERGES` of the record pairs the resolution run links -- the upper threshold of
Fellegi & Sunter (1969, "A theory for record linkage", JASA 64(328), sec. 4), set by the error rate one
tolerates among the links made, rather than by a weight fixed in advance.  The budget of each run is
counted against what that run links only, so the runs after successive imports never add up to more
than the tolerated share of all the links resolution made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from netvalue.identity.frequency import ALIAS_SOURCES

__all__ = [
    "MIN_SAMPLE",
    "PRIOR_WEIGHT",
    "TOLERATED_FALSE_MERGES",
    "NamesakeEstimate",
    "Pairing",
    "accept_lone_names",
    "estimate_namesakes",
    "namesake_chance",
    "pairing",
]

TOLERATED_FALSE_MERGES = 0.01
"""The expected share of wrongly linked record pairs that merges on a lone name may add to the pairs a
resolution run links: issue 3's precision target (0.99), applied to the links resolution makes itself.
The links made at import by exact keys (a shared address or phone) count in the precision but not in
this budget, which leaves room for the errors of the merges on stronger evidence.  Measured on
``benchmarks/identity.py`` (2,000 people, seed 7, realistic names, before common names were kept out):
0.005 gave recall 0.930 and 0.01 gave 0.954, both at precision 0.994.  The budget holds the expected count
of wrong pairs, as Fellegi & Sunter's error rates are; asking a margin of 1.645 standard deviations on top
(a normal approximation over independent merges) was measured over 8 runs (800 and 2,000 people, seeds 7,
8, 21, 22): hard-name precision 0.9877-0.9986 but realistic recall 0.915-0.937, and no merge on a lone name
at all in a small database, so it was left out."""

MIN_SAMPLE = 100
"""Fewer people than this whose name nobody else bears, and the counts are too small to estimate from:
no merge on a lone name then (ours)."""


Pairing = frozenset[frozenset[str]]
"""The non-alias source sets of two people (one set when both are the same, i.e. both empty)."""

PRIOR_WEIGHT = 1.0
"""How much coincidence (in units of expected namesakes) the overall rate counts for when shrinking the
rate of one pairing of source sets toward it (ours): a pairing with few lone names borrows from all."""

_UNKNOWN = 1e9  # a rate that makes every chance 1: no estimate, no merge


def pairing(a: frozenset[str], b: frozenset[str]) -> Pairing:
    """The pairing of two people's source sets, alias sources left out."""
    return frozenset((a - ALIAS_SOURCES, b - ALIAS_SOURCES))


@dataclass(frozen=True, slots=True)
class NamesakeEstimate:
    """``lone``: names borne by exactly two people with no non-alias source in common; ``decoys``: names
    borne by exactly two people who share one (two humans for certain); ``overlap``: the chance that two
    independent people share a non-alias source (``phi`` in the module docstring)."""

    lone: int
    decoys: int
    overlap: float
    alone: int = 0
    """People whose name nobody else bears, the sample ``overlap`` is computed from."""
    lone_weight: float = 0.0
    """The sum of the ``lone`` names' coincidences: the expected namesakes per unit of coincidence are
    ``expected_namesakes / lone_weight``."""
    alone_sources: tuple[tuple[frozenset[str], int], ...] = ()
    """How many of the ``alone`` people have each non-alias source set."""
    lone_weights: tuple[tuple[Pairing, float], ...] = ()
    """``lone_weight`` split by the pairing of the two bearers' source sets."""

    @property
    def expected_namesakes(self) -> float:
        """Namesake names expected among the ``lone`` ones: ``(S + 1) * (1 - phi) / phi``; all of them
        when fewer than :data:`MIN_SAMPLE` people are there to count on."""
        if self.overlap <= 0.0 or self.alone < MIN_SAMPLE:
            return float(self.lone)
        return min(float(self.lone), self.decoy_bound * (1.0 - self.overlap) / self.overlap)

    @property
    def decoy_bound(self) -> float:
        """The decoy count the estimate is built on, add-one smoothed: ``S + 1``."""
        return self.decoys + 1.0

    @property
    def decoy_scale(self) -> float:
        """Namesakes expected among disjoint-source pairs per decoy, ``(1 - phi) / phi``; 0 when there is
        nothing to estimate from."""
        if self.overlap <= 0.0 or self.alone < MIN_SAMPLE:
            return 0.0
        return (1.0 - self.overlap) / self.overlap

    def rate(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Namesakes expected per unit of coincidence among lone names whose bearers have source sets
        like ``a`` and ``b``; so high that every candidate counts as two namesakes when there is nothing
        to estimate from (too few people, no decoy-able source).

        Two namesakes draw their source sets independently, so a pairing ``{A, B}`` holds the share
        ``p(A) p(B)`` (twice that for ``A != B``; ``p`` over the people whose name nobody else bears) of
        the ``(S + 1) / phi`` namesake names -- the module docstring's estimate before the ``(1 - phi)`` of
        disjoint pairings is taken -- while one human in two pieces falls in the pairings where the
        user's data splits people (a LinkedIn connection and a private address far more often than a
        LinkedIn connection and an address-book card).  That pairing's rate is its expected namesakes
        over its lone names' coincidences, shrunk toward the overall rate by :data:`PRIOR_WEIGHT`."""
        overall = self.expected_namesakes / self.lone_weight if self.lone_weight > 0 else 0.0
        if self.overlap <= 0.0 or self.alone < MIN_SAMPLE:
            return overall if self.lone_weight > 0 else _UNKNOWN
        key = pairing(a, b)
        counts = dict(self.alone_sources)
        x, y = (tuple(key) * 2)[:2]
        share = counts.get(x, 0) * counts.get(y, 0) / self.alone**2 * (1 if x == y else 2)
        expected = self.decoy_bound / self.overlap * share
        weight = dict(self.lone_weights).get(key, 0.0)
        return (expected + PRIOR_WEIGHT * overall) / (weight + PRIOR_WEIGHT)


def estimate_namesakes(
    people: Iterable[tuple[Iterable[tuple[str, str]], frozenset[str]]],
    coincidence: Callable[[tuple[str, str]], float] | None = None,
) -> NamesakeEstimate:
    """Count lone and decoy names over ``people``: for each person (a group of merged records) the name
    keys it bears and the sources it came from; ``coincidence`` gives a name's expected namesakes (summed
    over the lone names, overall and by pairing)."""
    bearers: dict[tuple[str, str], list[frozenset[str]]] = {}
    for keys, sources in people:
        own = sources - ALIAS_SOURCES
        for key in set(keys):
            bearers.setdefault(key, []).append(own)
    alone: Counter[frozenset[str]] = Counter()
    weights: dict[Pairing, float] = {}
    lone = decoys = 0
    weight = 0.0
    for key, borne in bearers.items():
        if len(borne) == 1:
            alone[borne[0]] += 1
        elif len(borne) == 2:
            if borne[0] & borne[1]:
                decoys += 1
            else:
                lone += 1
                value = coincidence(key) if coincidence is not None else 0.0
                weight += value
                both = pairing(borne[0], borne[1])
                weights[both] = weights.get(both, 0.0) + value
    total = sum(alone.values())
    shared = sum(alone[x] * alone[y] for x in alone for y in alone if x & y)
    return NamesakeEstimate(
        lone,
        decoys,
        shared / total**2 if total else 0.0,
        total,
        weight,
        tuple(alone.items()),
        tuple(weights.items()),
    )


def namesake_chance(rate: float, coincidence: float) -> float:
    """A pair's chance of being two namesakes: ``rate * coincidence`` (:meth:`NamesakeEstimate.rate`),
    at most 1.

    There is no floor from the name's frequency alone.  An earlier one, the Poisson odds ``c / (2 + c)``
    that two of the humans bearing a name with coincidence ``c`` are in the database rather than one, took
    a human split over two sources to be no likelier than two namesakes each seen once; the decoy rate
    measures exactly that ratio in the user's own data.  The floor was there so that a common name alone
    would never merge, which :func:`~netvalue.identity.frequency.is_common_name` now ensures.  Measured on
    ``benchmarks/identity.py`` (48 draws of 800 and 2,000 people, pairs pooled), dropping it raised recall
    from 0.7878 to 0.8038 with hard names and from 0.9508 to 0.9526 with realistic ones, precision
    0.9956 -> 0.9952 and 0.9954 -> 0.9952."""
    return min(1.0, rate * coincidence)


def accept_lone_names(
    coincidences: Sequence[float],
    rates: Sequence[float],
    pair_counts: Sequence[int],
    linked_pairs: int,
    tolerated: float,
    expected_wrong: float = 0.0,
) -> list[tuple[int, float]]:
    """Which candidates to merge: ``(index, expected chance of two namesakes)``, likeliest one human
    first (the order of Fellegi & Sunter's likelihood ratio); never one likelier two namesakes than one.

    ``coincidences``: each candidate's expected namesakes ``N * f(first) * f(last)``; ``rates``: the
    namesakes expected per unit of coincidence for its pairing (:meth:`NamesakeEstimate.rate`), so its
    chance of two namesakes is ``rate * coincidence``; ``pair_counts``: the pairs of records each would
    link (the product of its two groups' sizes); ``linked_pairs``: the pairs of records the merges so far
    link, ``expected_wrong`` the pairs among them expected wrongly linked.  Candidates are taken while the
    record pairs expected wrongly linked stay within ``tolerated`` times the pairs linked: precision counted
    over pairs of records, as issue 3 measures it.  A common name never gets here
    (:func:`~netvalue.identity.frequency.is_common_name`)."""
    chances = [namesake_chance(r, c) for r, c in zip(rates, coincidences, strict=True)]
    taken: list[tuple[int, float]] = []
    wrong = expected_wrong
    linked = float(linked_pairs)
    for index in sorted(range(len(chances)), key=lambda i: (chances[i], coincidences[i])):
        chance, pairs = chances[index], pair_counts[index]
        if chance >= 0.5 or wrong + chance * pairs > tolerated * (linked + pairs):
            break
        wrong += chance * pairs
        linked += pairs
        taken.append((index, chance))
    return taken
