"""Who knows whom among the user's contacts, inferred from co-occurrence.

LinkedIn exports no mutual connections, so the alter–alter graph is inferred from evidence the user has:
people on the same e-mail (To/Cc), in the same meeting, in the same group conversation (an *event*:
interactions sharing ``message_key`` or ``conversation_id``), and optionally people at the same company
or school (an *affiliation*).

Edge weight (every choice marked):

- an event with ``n`` distinct people counts only when ``2 ≤ n ≤ max_group``; Kossinets & Watts (2006,
  science.md §1) drop e-mails with more than 4 recipients for tie strength; for "do these people know
  each other" we accept larger groups, default 12 [ours];
- each pair in the event gets ``v_e / (n − 1)`` so a large meeting says less about each pair than a
  one-to-one introduction (Newman's 2001 collaboration weighting) [ours];
- ``v_e = (1 − s) + s · 2^(−Δt/h)``: how often (every co-occurrence counts ``1 − s``) and how recently
  (the rest decays with half-life ``h`` ≈ 110 days, science.md §2, from Burt 2002's bridge decay);
  ``s = 0.5`` [ours].  ``Δt`` is ``as_of`` minus the event's latest time; events after ``as_of`` are
  dropped by the caller (the store), undated ones count as old (``v_e = 1 − s``);
- an affiliation group of ``n`` people gives each pair ``affiliation_weight / (n − 1)``, only for groups
  of at most ``max_affiliation_group`` [ours: a 5,000-person employer says little about who knows whom].

Built with ``scipy.sparse``: ``A = Bᵀ diag(v) B`` over the event × person incidence matrix ``B``, so the
cost is Σ n_e², never a Python loop over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netvalue.codes import DAY

HALF_LIFE_DAYS = 110.0  # science.md §2: annual bridge survival 0.1 (Burt 2002) → half-life ≈ 110 days
MAX_GROUP = 12  # ours
RECENCY_SHARE = 0.5  # ours
AFFILIATION_WEIGHT = 0.25  # ours
MAX_AFFILIATION_GROUP = 50  # ours

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class CooccurrenceGraph:
    """``weights[i, j]``: how strongly ``people[i]`` and ``people[j]`` co-occur (symmetric, zero diagonal)."""

    people: IntArray
    weights: sp.csr_array

    @property
    def edge_count(self) -> int:
        return int(sp.triu(self.weights, k=1).nnz)

    def edges(self) -> list[tuple[int, int, float]]:
        """Every edge once as ``(person_id, person_id, weight)``, lower id first."""
        upper = sp.triu(self.weights, k=1).tocoo()
        rows, cols = self.people[upper.row], self.people[upper.col]
        return list(zip(rows.tolist(), cols.tolist(), upper.data.tolist(), strict=True))


def recency_weight(occurred_at: FloatArray, as_of: int, half_life_days: float = HALF_LIFE_DAYS) -> FloatArray:
    """``2^(−Δt/h)`` for each time (NaN, unknown → 0; a time after ``as_of`` counts as now)."""
    age_days = np.maximum(as_of - occurred_at, 0.0) / DAY
    weight = np.exp2(-age_days / half_life_days)
    return np.where(np.isnan(weight), 0.0, weight)


def _incidence(
    people: IntArray, node_people: IntArray, groups: IntArray
) -> tuple[sp.csr_array, IntArray, IntArray]:
    """Incidence matrix (groups × nodes, 0/1, duplicates merged), group sizes, each row's group index."""
    node_index = np.searchsorted(node_people, people)
    group_ids, group_index = np.unique(groups, return_inverse=True)
    incidence = sp.csr_array(
        (np.ones(len(people)), (group_index, node_index)), shape=(len(group_ids), len(node_people))
    )
    incidence.sum_duplicates()
    incidence.data = np.ones_like(incidence.data)
    sizes = np.diff(incidence.indptr).astype(np.int64)
    return incidence, sizes, group_index.astype(np.int64)


def _pair_weights(incidence: sp.csr_array, group_value: FloatArray) -> sp.csr_array:
    """``Bᵀ diag(value) B`` with the diagonal removed."""
    weighted = sp.csr_array(sp.diags_array(group_value) @ incidence)
    product = sp.csr_array(incidence.T @ weighted)
    product.setdiag(0)
    product.eliminate_zeros()
    return product


def cooccurrence_graph(
    people: IntArray,
    events: IntArray,
    occurred_at: FloatArray,
    as_of: int,
    *,
    nodes: IntArray | None = None,
    max_group: int = MAX_GROUP,
    half_life_days: float = HALF_LIFE_DAYS,
    recency_share: float = RECENCY_SHARE,
) -> CooccurrenceGraph:
    """The alter–alter graph from event rows ``(people[k], events[k], occurred_at[k])``.

    ``events`` are integer codes of a ``message_key`` or ``conversation_id`` (the store factorises them);
    ``occurred_at`` is epoch seconds as float, NaN when unknown.  ``nodes`` fixes the node set (sorted
    person ids; default: everyone in ``people``); rows naming other people are ignored.
    """
    people = np.asarray(people, dtype=np.int64)
    node_people = np.unique(people) if nodes is None else np.unique(np.asarray(nodes, dtype=np.int64))
    keep = np.isin(people, node_people)
    people, events, times = people[keep], np.asarray(events)[keep], np.asarray(occurred_at, np.float64)[keep]
    if len(people) == 0:
        return CooccurrenceGraph(node_people, sp.csr_array((len(node_people), len(node_people))))
    incidence, sizes, group_index = _incidence(people, node_people, events)
    latest = np.full(len(sizes), -np.inf)
    np.maximum.at(latest, group_index, np.where(np.isnan(times), -np.inf, times))
    recency = recency_weight(np.where(np.isinf(latest), np.nan, latest), as_of, half_life_days)
    value = (1.0 - recency_share) + recency_share * recency
    counted = (sizes >= 2) & (sizes <= max_group)
    group_value = np.where(counted, value / np.maximum(sizes - 1, 1), 0.0)
    return CooccurrenceGraph(node_people, _pair_weights(incidence, group_value))


def affiliation_graph(
    people: IntArray,
    groups: IntArray,
    nodes: IntArray,
    *,
    weight: float = AFFILIATION_WEIGHT,
    max_group: int = MAX_AFFILIATION_GROUP,
) -> CooccurrenceGraph:
    """Pairs of people sharing an affiliation code (same company at the same time, same school)."""
    node_people = np.unique(np.asarray(nodes, dtype=np.int64))
    people = np.asarray(people, dtype=np.int64)
    keep = np.isin(people, node_people)
    people, groups = people[keep], np.asarray(groups)[keep]
    if len(people) == 0:
        return CooccurrenceGraph(node_people, sp.csr_array((len(node_people), len(node_people))))
    incidence, sizes, _ = _incidence(people, node_people, groups)
    counted = (sizes >= 2) & (sizes <= max_group)
    group_value = np.where(counted, weight / np.maximum(sizes - 1, 1), 0.0)
    return CooccurrenceGraph(node_people, _pair_weights(incidence, group_value))


def combine(first: CooccurrenceGraph, second: CooccurrenceGraph) -> CooccurrenceGraph:
    """The sum of two graphs over the same node set."""
    if not np.array_equal(first.people, second.people):
        raise ValueError("co-occurrence graphs over different node sets cannot be added")
    return CooccurrenceGraph(first.people, sp.csr_array(first.weights + second.weights))
