"""Names borne by three to five people: which of them the sources force to be one human.

:func:`netvalue.identity.matching._merge_lone_names` merges the two bearers of a name nobody else bears.
A name borne by more people is often one or two humans in several pieces -- a LinkedIn connection, the
personal address they write from, an address-book card -- beside a namesake.  Which pieces go together
is then read off the same evidence the decoy count uses (Elias & Gygi 2007, see
:mod:`netvalue.identity.namesakes`): two pieces that share a source listing every human once (LinkedIn,
an address book: not :data:`~netvalue.identity.frequency.ALIAS_SOURCES`), two LinkedIn profiles, two
addresses at one corporate domain, or two companies that disagree, are two humans.  These *conflicts*
make a graph over the pieces; the fewest humans ``m`` that can bear the name is the least number of
conflict-free parts the pieces split into (a graph colouring, by brute force over the set partitions of
at most :data:`MAX_BEARERS` pieces).  Two pieces together in *every* partition into ``m`` parts are one
human unless the name has more than ``m`` bearers among the humans the user knows -- parsimony, the
hypothesis with the fewest namesakes, since each extra namesake is a coincidence of probability about the
name's coincidence ``c`` (:class:`~netvalue.identity.frequency.NameFrequencies`; Fellegi & Sunter 1969,
sec. 3, frequency-based weights).  Such a pair is then priced as a lone name is, its chance of being two
namesakes multiplied by ``m`` (it could be a namesake of any of the ``m`` humans), and merged within the
same false-merge budget (:func:`~netvalue.identity.namesakes.accept_lone_names`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["MAX_BEARERS", "ForcedJoin", "forced_joins", "set_partitions"]

MAX_BEARERS = 5
"""Names borne by more people than this are left alone: too many ways to split them (Bell(5) = 52
partitions; ours)."""


@dataclass(frozen=True, slots=True)
class ForcedJoin:
    """Two pieces (indexes into the bearers given) that every fewest-humans partition puts together;
    ``humans`` is that fewest number ``m``."""

    a: int
    b: int
    humans: int


def set_partitions(items: Sequence[int]) -> Iterator[list[list[int]]]:
    """Every partition of ``items`` into non-empty parts (the restricted-growth enumeration; Knuth, TAOCP
    vol. 4A, 7.2.1.5)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in set_partitions(rest):
        yield [[first], *partition]
        for index in range(len(partition)):
            yield [*partition[:index], [first, *partition[index]], *partition[index + 1 :]]


def forced_joins(count: int, conflict: Callable[[int, int], bool]) -> list[ForcedJoin]:
    """The pairs of ``count`` pieces (``3 <= count <= MAX_BEARERS``) that every conflict-free partition
    into the fewest parts puts together, as a chain per part (``a`` the part's first piece); none when
    the fewest parts are ``count`` (every piece a different human) or ``count`` is out of range."""
    if not 2 <= count <= MAX_BEARERS:
        return []
    clash = {(i, j) for i in range(count) for j in range(i + 1, count) if conflict(i, j)}
    fewest = count + 1
    best: list[list[list[int]]] = []
    for partition in set_partitions(list(range(count))):
        if len(partition) > fewest:
            continue
        if any((x, y) in clash for part in partition for i, x in enumerate(part) for y in part[i + 1 :]):
            continue
        if len(partition) < fewest:
            fewest, best = len(partition), []
        best.append(partition)
    if fewest >= count:
        return []
    together: set[tuple[int, int]] | None = None
    for partition in best:
        pairs = {
            (min(x, y), max(x, y)) for part in partition for i, x in enumerate(part) for y in part[i + 1 :]
        }
        together = pairs if together is None else together & pairs
    joins: list[ForcedJoin] = []
    linked: dict[int, int] = {}
    for x, y in sorted(together or ()):
        head = linked.setdefault(x, x)
        if y not in linked:
            linked[y] = head
            joins.append(ForcedJoin(head, y, fewest))
    return joins
