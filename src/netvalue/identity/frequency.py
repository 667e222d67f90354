"""How rare a full name is: the chance that two different people in the database share it by coincidence.

Record linkage since Fellegi & Sunter (1969, "A Theory for Record Linkage", JASA 64(328):1183-1210) weighs
an agreement by how unlikely it is among non-matches: agreeing on a rare value says more than agreeing on
a common one.  Winkler's frequency-based adjustment of agreement weights (Winkler 1988/1989, "Frequency-
based matching in Fellegi-Sunter model of record linkage", Proc. Section on Survey Research Methods,
ASA) makes the weight of an exact name agreement depend on that name's frequency.  We use the simplest
form of it: with first and family names independent, the expected number of *other* people in a
database of ``N`` named people who bear the full name ``first last`` is

    P(coincidence) ~= N * f(first) * f(last)

where ``f`` is a name's share among the people of the database itself (leaving out the pair being
judged, plus one: add-one smoothing, so a name seen nowhere else still counts as seen once), floored by a
small built-in prior of very common names (:data:`COMMON_GIVEN`, :data:`COMMON_FAMILY`), so a John
Smith is never rare however few Johns a small database holds.

:func:`netvalue.identity.matching.plan_resolution` merges a pair linked by nothing but an exact full
name when this probability is below :data:`COINCIDENCE_LIMIT` and nothing contradicts it (see there).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ALIAS_SOURCES",
    "COINCIDENCE_LIMIT",
    "COMMON_FAMILY",
    "COMMON_GIVEN",
    "NameFrequencies",
    "is_common_name",
]

COINCIDENCE_LIMIT = 0.02
"""A name-only pair may merge when the expected number of namesakes in the database is below this
(ours).  Chosen on ``benchmarks/identity.py`` to keep precision >= 0.99 in both of its name settings
(hard: uniform draws from small pools; realistic: Zipf-Mandelbrot): a sweep over 0.01, 0.02, 0.03, 0.05
and 0.1 at 800 and 2,000 people (seeds 7 and 8) kept precision >= 0.99 everywhere up to 0.02, while
0.03 already fell to 0.987 on the hard setting at 800 people -- small databases estimate frequencies
from few names.  Roughly, a merge at the limit is wrong with probability ~ limit / (limit + m), m ~ 0.8
the chance that one human's two records spell the name alike, so ~2.5 % at worst and far less on
average over the merges below it."""

ALIAS_SOURCES = frozenset({"email", "calendar"})
"""Sources keyed by address, where one human often appears twice under one name (a work and a personal
address).  Every other source (a LinkedIn export, an address book ...) lists a human once, so the same
name twice there means two humans (ours)."""

# Floors for the share of a given or family name among the people a user knows.  Ours, rounded from
# public name statistics: the commonest US surnames (Census 2010: Smith 0.83 %, Johnson 0.66 %, Williams
# 0.55 %, Brown and Jones 0.49 %) and given names (SSA: James, John, Robert, Michael, William, David and
# Mary each near 1.5-3 % of one sex), and the few surnames that dominate large populations (Wang, Li,
# Zhang, Liu, Chen in China; Kim, Lee, Park in Korea; Nguyen in Vietnam; Singh, Kumar, Patel in India),
# set lower than their national shares since a network mixes origins.  Only a floor: a database where
# a name is commoner uses its own count.
COMMON_GIVEN: dict[str, float] = {
    **dict.fromkeys(("james", "john", "robert", "michael", "william", "david", "mary", "maria"), 0.015),
    **dict.fromkeys(
        (
            "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony",
            "mark", "paul", "steven", "andrew", "jennifer", "elizabeth", "linda", "patricia", "barbara",
            "susan", "jessica", "sarah", "karen", "wei", "mohammed", "muhammad", "ali", "jose", "juan",
            "ahmed", "anna", "peter",
        ),
        0.008,
    ),
}  # fmt: skip
COMMON_FAMILY: dict[str, float] = {
    **dict.fromkeys(("smith", "johnson", "williams", "brown", "jones"), 0.006),
    **dict.fromkeys(
        (
            "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez",
            "wilson", "anderson", "taylor", "thomas", "moore", "jackson", "martin", "white",
            "muller", "schmidt", "schneider", "fischer", "rossi", "silva", "santos", "kowalski", "nowak",
            "ivanov", "smirnov", "murphy", "kelly", "khan", "ahmed", "ali", "hassan",
        ),
        0.003,
    ),
    **dict.fromkeys(
        ("wang", "li", "zhang", "liu", "chen", "kim", "lee", "park", "nguyen", "singh", "kumar", "patel"),
        0.008,
    ),
}  # fmt: skip


def is_common_name(family: str, given: str) -> bool:
    """Both parts among the commonest names (:data:`COMMON_GIVEN`, :data:`COMMON_FAMILY`): John Smith,
    Maria Garcia, Wei Wang.  Issue 3 forbids merging on such a name alone, however few people bear it in
    the database; it takes corroborating evidence."""
    return given in COMMON_GIVEN and family in COMMON_FAMILY


@dataclass(frozen=True, slots=True)
class NameFrequencies:
    """How many people (``named``) bear each given and family name, counted once per person."""

    named: int
    given: Counter[str]
    family: Counter[str]

    @classmethod
    def count(cls, people: Iterable[Iterable[tuple[str, str]]]) -> NameFrequencies:
        """``people``: for each person (a group of merged records), the ``(family, given)`` name keys it
        bears; a person bearing two spellings of one name counts once for each distinct part."""
        given: Counter[str] = Counter()
        family: Counter[str] = Counter()
        named = 0
        for keys in people:
            keys = set(keys)
            if not keys:
                continue
            named += 1
            given.update({g for _, g in keys})
            family.update({f for f, _ in keys})
        return cls(named, given, family)

    def share(self, count: int, floor: float, pair: int) -> float:
        """A name's share among the people, leaving out the ``pair`` people being judged, add-one smoothed,
        and at least ``floor``."""
        return max((max(count - pair, 0) + 1) / max(self.named, 1), floor)

    def coincidence(self, family: str, given: str, *, pair: int = 2) -> float:
        """The expected number of other people bearing ``given family`` by coincidence:
        ``N * f(given) * f(family)`` (module docstring)."""
        f_given = self.share(self.given[given], COMMON_GIVEN.get(given, 0.0), pair)
        f_family = self.share(self.family[family], COMMON_FAMILY.get(family, 0.0), pair)
        return self.named * f_given * f_family
