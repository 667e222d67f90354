"""The formal organisation beside the collaboration graph: manager and title from the people table.

Pure functions of numpy arrays (people are indices into the sorted names; a tie is ``(a, b)`` with its
current strength ``weight``, 0 for a tie that is not current).

- Each tie lies on one *line* of the formal structure [descriptive, ours]: along the reporting line
  (one is the other's manager), between peers (the same manager), inside a department otherwise, across
  departments, or unknown (a side with neither manager nor department known).
- Per person: whether their tie to their manager is current, strong, and among their ``TOP_TIES``
  strongest current ties; how many of their direct reports are among their strongest ties; and the share
  of their current tie strength along their reporting line.  A strong e-mail tie to one's manager went
  with +$588 a month of revenue among IBM consultants (Wu, Lin, Aral & Brynjolfsson 2009, science.md §5,
  [reported], correlational): shown, not priced.
- Per department and per title: shares of tie strength on each line and the medians of the per-person
  measures [descriptive].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from netvalue.org.network import BoolArray, FloatArray, IntArray

TOP_TIES = 5
"""How many of a person's strongest current ties count as "their strongest" [ours, after the innermost
of Dunbar's layers, about 5 (Dunbar 2020, science.md §3)]."""

LINES = ("reporting", "peers", "department", "across", "unknown")
REPORTING, PEERS, DEPARTMENT, ACROSS, UNKNOWN = range(len(LINES))


@dataclass(frozen=True, slots=True)
class Formal:
    """Each person's manager (an index, -1 when unknown or not among the names) and title."""

    manager: IntArray
    title: NDArray[np.object_]

    @property
    def known(self) -> bool:
        return bool((self.manager >= 0).any())


def formal_structure(people: pa.Table | None, names: NDArray[np.object_]) -> Formal:
    """Managers and titles of ``names`` from the people table (``manager`` names a listed person)."""
    n = len(names)
    manager = np.full(n, -1, dtype=np.int64)
    title = np.full(n, None, dtype=object)
    if people is None or n == 0:
        return Formal(manager, title)
    where = np.searchsorted(names, np.asarray([str(p) for p in people.column("person").to_pylist()], object))
    if "title" in people.column_names:
        for i, t in zip(where.tolist(), people.column("title").to_pylist(), strict=True):
            title[i] = t if t else None
    if "manager" in people.column_names:
        for i, m in zip(where.tolist(), people.column("manager").to_pylist(), strict=True):
            if not m:
                continue
            j = int(np.searchsorted(names, str(m)))
            if j < n and names[j] == str(m) and j != i:
                manager[i] = j
    return Formal(manager, title)


def tie_lines(a: IntArray, b: IntArray, manager: IntArray, department: IntArray) -> IntArray:
    """The formal line of each tie (:data:`LINES` codes)."""
    line = np.full(len(a), UNKNOWN, dtype=np.int64)
    da, db = department[a], department[b]
    line[(da >= 0) & (db >= 0) & (da != db)] = ACROSS
    line[(da >= 0) & (da == db)] = DEPARTMENT
    ma, mb = manager[a], manager[b]
    line[(ma >= 0) & (ma == mb)] = PEERS
    line[(ma == b) | (mb == a)] = REPORTING
    return line


def person_formal_measures(
    a: IntArray, b: IntArray, weight: FloatArray, strong: BoolArray, formal: Formal
) -> dict[str, NDArray[np.generic]]:
    """Per person: ``reports``, ``manager_tie_current``, ``manager_tie_strong``, ``manager_in_top_ties``,
    ``reports_in_top_ties`` and ``reporting_line_share`` (NaN without current ties)."""
    n = len(formal.manager)
    owner = np.concatenate([a, b])
    other = np.concatenate([b, a])
    w = np.tile(weight, 2)
    is_strong = np.tile(strong, 2) & (w > 0)
    order = np.lexsort((-w, owner))
    starts = np.searchsorted(owner[order], np.arange(n))
    rank = np.empty(len(owner), dtype=np.int64)
    rank[order] = np.arange(len(owner)) - starts[owner[order]]
    top = (rank < TOP_TIES) & (w > 0)
    to_manager = (formal.manager[owner] >= 0) & (formal.manager[owner] == other)
    to_report = formal.manager[other] == owner
    has_manager = formal.manager >= 0

    def flag(mask: BoolArray) -> NDArray[np.object_]:
        hit = np.bincount(owner[mask], minlength=n) > 0
        result = np.full(n, None, dtype=object)
        result[has_manager] = hit[has_manager]
        return result

    total = np.bincount(owner, weights=w, minlength=n)
    line = np.bincount(owner, weights=np.where(to_manager | to_report, w, 0.0), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, line / total, np.nan)
    return {
        "manager": np.where(has_manager, formal.manager, -1),
        "reports": np.bincount(formal.manager[has_manager], minlength=n).astype(np.int64),
        "manager_tie_current": flag(to_manager & (w > 0)),
        "manager_tie_strong": flag(to_manager & is_strong),
        "manager_in_top_ties": flag(to_manager & top),
        "reports_in_top_ties": np.bincount(owner[to_report & top], minlength=n).astype(np.int64),
        "reporting_line_share": share,
    }


def line_shares(
    line: IntArray, weight: FloatArray, group_a: IntArray, group_b: IntArray, k: int
) -> FloatArray:
    """A ``k × len(LINES)`` matrix: for each group, the share of its current tie strength on each line
    (a tie counts for the group of each end; NaN for a group without current ties)."""
    groups = np.concatenate([group_a, group_b])
    lines = np.tile(line, 2)
    w = np.tile(weight, 2)
    keep = (groups >= 0) & (w > 0)
    flat = np.bincount(groups[keep] * len(LINES) + lines[keep], weights=w[keep], minlength=k * len(LINES))
    matrix = flat.reshape(k, len(LINES))
    total = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, matrix / total, np.nan)


def title_table(title: NDArray[np.object_], columns: dict[str, NDArray[np.generic]]) -> pa.Table:
    """Per title: how many people and the median of each per-person measure in ``columns`` (NaN-aware;
    booleans as shares) [descriptive]."""
    known = np.array([t is not None for t in title], dtype=np.bool_)
    titles = sorted({str(t) for t in title[known]})
    result: dict[str, list[object]] = {"title": list(titles), "people": []}
    for name in columns:
        result[name] = []
    for t in titles:
        members = known & (title == t)
        result["people"].append(int(members.sum()))
        for name, values in columns.items():
            chosen = values[members]
            if chosen.dtype == np.bool_:
                result[name].append(float(chosen.mean()))
                continue
            numbers = chosen.astype(np.float64)
            finite = numbers[np.isfinite(numbers)]
            result[name].append(float(np.median(finite)) if len(finite) else None)
    if not titles:
        return pa.table({"title": pa.array([], pa.string())})
    return pa.table(result)
