"""The groups of people resolution joins as it goes: a union-find (Tarjan 1975, "Efficiency of a good
but not linear set union algorithm", JACM 22(2)) whose root is the oldest id, aware of the pairs the user
kept apart and of LinkedIn profiles, and counting the records each group stands for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Set

__all__ = ["Groups", "chained_sizes"]


class Groups:
    """Union-find over person ids whose root is the oldest (smallest) id, with pairs kept apart and
    LinkedIn profiles tracked per group so no automatic merge joins two profiles."""

    def __init__(
        self,
        ids: Iterable[int],
        apart: Set[frozenset[int]],
        linkedin: dict[int, frozenset[str]],
        records: dict[int, int] | None = None,
    ) -> None:
        self.parent = {i: i for i in ids}
        self.records = dict(records) if records is not None else dict.fromkeys(self.parent, 1)
        self.apart: dict[int, set[int]] = defaultdict(set)
        for pair in apart:
            if len(pair) == 2 and all(p in self.parent for p in pair):
                x, y = tuple(pair)
                self.apart[x].add(y)
                self.apart[y].add(x)
        self.linkedin = dict(linkedin)

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def can_join(self, x: int, y: int) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        if self.linkedin.get(rx) and self.linkedin.get(ry) and self.linkedin[rx] != self.linkedin[ry]:
            return False
        return not any(self.find(p) == ry for p in self.apart.get(rx, ())) and not any(
            self.find(p) == rx for p in self.apart.get(ry, ())
        )

    def pairs(self, x: int, y: int) -> int:
        """The record pairs joining the groups of ``x`` and ``y`` would link."""
        return self.records[self.find(x)] * self.records[self.find(y)]

    def join(self, x: int, y: int) -> tuple[int, int]:
        rx, ry = self.find(x), self.find(y)
        keep, other = min(rx, ry), max(rx, ry)
        self.parent[other] = keep
        self.records[keep] += self.records.pop(other)
        self.apart[keep] |= self.apart.pop(other, set())
        self.linkedin[keep] = self.linkedin.get(keep, frozenset()) | self.linkedin.pop(other, frozenset())
        return keep, other


def chained_sizes(pairs: list[tuple[int, int]], groups: Groups) -> list[int]:
    """The record pairs each join would link if all the earlier ones in the list were made too (a name
    shared out among several pieces joins them in a chain: the second join links the first two pieces'
    records to the third's)."""
    records: dict[int, int] = {}
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        x = groups.find(x)
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    sizes: list[int] = []
    for a, b in pairs:
        ra, rb = root(a), root(b)
        size_a = records.get(ra, groups.records[ra])
        size_b = records.get(rb, groups.records[rb])
        sizes.append(size_a * size_b)
        if ra != rb:
            parent[rb] = ra
            records[ra] = size_a + size_b
    return sizes
