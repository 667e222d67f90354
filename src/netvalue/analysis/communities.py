"""Clusters among the user's contacts, what each one is about, and who the user's way into it is.

- **Detection**: NetworKit's Leiden (``ParallelLeiden``; Traag, Waltman & van Eck 2019) or Louvain
  (``PLM``, Blondel et al. 2008) on the alter–alter co-occurrence graph, seeded and single-threaded so
  that the same seed gives the same partition.  The default resolution ``gamma = 1.5`` is ours, tuned on
  SNAP's email-Eu-core against its departments (science.md §8; ``benchmarks/communities.py`` prints the
  figures): smaller clusters than modularity's ``gamma = 1`` match teams better.
- **Labels**: the attribute value most members share (company or e-mail domain, place, conversation
  title), when at least ``LABEL_SHARE`` of members share it [ours].
- **Bridges** (Burt 1992, science.md §4): a contact who is the user's only strong tie *reaching* a
  community (a member of it, or tied by co-occurrence to a member).
- **Structurally valuable** [ours, after Burt's brokerage and Rajkumar et al. 2022, science.md §6]: a
  contact the user has a tie with who reaches a community the user *barely reaches* (at most one strong
  tie into it) from outside it, or who is such a community's bridge.
- **Redundancy** (Burt's redundancy, science.md §4): the share of the user's ties into a community that
  are redundant — ``1 − effective size / ties`` over that community's members.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

Method = Literal["leiden", "plm"]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

GAMMA = 1.5  # ours: tuned on email-Eu-core (benchmarks/communities.py)
LEIDEN_ITERATIONS = 3  # NetworKit's default
LABEL_SHARE = 0.3  # ours: a value shared by under 30% of members does not describe the cluster


@dataclass(frozen=True, slots=True)
class CommunityReach:
    """How the user reaches each community (index = community label) and who carries it."""

    strong_ties: IntArray  # per community: the user's strong ties reaching it
    bridges: IntArray  # node indices: the only strong tie reaching some community
    bridge_of: dict[int, int]  # node index -> community it bridges into
    structurally_valuable: IntArray  # node indices


def detect_communities(
    weights: sp.csr_array, *, seed: int = 0, gamma: float = GAMMA, method: Method = "leiden"
) -> IntArray:
    """A partition of the nodes of the symmetric weight matrix: ``labels[i]`` is node ``i``'s community.

    Every node gets exactly one label; isolated nodes are singletons.  Labels are renumbered
    canonically (largest community first, ties by smallest member), so equal partitions compare equal.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    upper = sp.triu(sp.csr_array(weights), k=1).tocoo()
    # Imported here, not with the module: NetworKit (and the scikit-learn and NetworkX it loads) took
    # 0.8 s to import, on every CLI command, most of which detect no community.
    import networkit as nk

    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)
    graph = nk.Graph(n, weighted=True)
    if upper.nnz:
        graph.addEdges(
            (upper.data.astype(np.float64), (upper.row.astype(np.uint64), upper.col.astype(np.uint64)))
        )
    if method == "leiden":
        algorithm = nk.community.ParallelLeiden(
            graph, randomize=True, iterations=LEIDEN_ITERATIONS, gamma=gamma
        )
    else:
        algorithm = nk.community.PLM(graph, refine=True, gamma=gamma, par="none")
    algorithm.run()
    raw = np.asarray(algorithm.getPartition().getVector(), dtype=np.int64)
    return canonical_labels(raw)


def canonical_labels(raw: IntArray) -> IntArray:
    """Renumber a partition: largest community 0, ties broken by the smallest member index."""
    _, dense = np.unique(raw, return_inverse=True)
    sizes = np.bincount(dense)
    first = np.full(len(sizes), len(raw), dtype=np.int64)
    np.minimum.at(first, dense, np.arange(len(raw)))
    order = np.lexsort((first, -sizes))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[dense].astype(np.int64)


LabelValue = str | frozenset[str] | None
"""One member's value of an attribute: one value, several (the subjects of their threads), or unknown."""
TOPIC_MIN_MEMBERS = 3
"""A subject labels a cluster only when it recurs with at least 3 of its members [ours]: never one mail's."""


def label_community(
    members: Sequence[int], attributes: Mapping[str, Sequence[LabelValue]], min_share: float = LABEL_SHARE
) -> tuple[str, str]:
    """``(label, basis)`` for a community from what distinguishes its members.

    ``attributes`` maps a kind (``company``, ``place``, ``topic``) to one value per node (``None``
    unknown; a set for several, e.g. the subjects of a member's threads, each counted once per member).
    The kinds are tried in the mapping's order; the best-shared value of each kind that reaches
    ``min_share`` of members (and 2 members; a topic 3) joins the label (at most two).  The caller leaves
    out what every cluster shares (the owner's own company and domain).  ``basis`` says why, e.g.
    ``"company 7/9; topic 5/9"``.
    """
    size = len(members)
    parts: list[str] = []
    basis: list[str] = []
    for kind, values in attributes.items():
        counts: Counter[str] = Counter()
        for m in members:
            value = values[m]
            if isinstance(value, frozenset):
                counts.update(value)
            elif value:
                counts[value] += 1
        if not counts:
            continue
        value, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
        needed = TOPIC_MIN_MEMBERS if kind == "topic" else 2
        if count >= needed and count / size >= min_share and value not in parts:
            parts.append(value if kind != "topic" else f"“{value}”")
            basis.append(f"{kind} {count}/{size}")
        if len(parts) == 2:
            break
    if not parts:
        return "", "no shared company, domain, place or topic"
    return " · ".join(parts), "; ".join(basis)


def community_reach(
    alter_weights: sp.csr_array, labels: IntArray, ego_strength: FloatArray, strong: BoolArray
) -> CommunityReach:
    """Bridges and structurally valuable contacts (definitions in the module docstring).

    ``labels`` is the partition of the contacts, ``ego_strength`` the user's tie strength with each
    contact (0 = no tie), ``strong`` which ties count as strong.
    """
    n = len(labels)
    k = int(labels.max()) + 1 if n else 0
    membership = sp.csr_array((np.ones(n), (np.arange(n), labels)), shape=(n, k))
    linked = sp.csr_array(alter_weights, copy=True)
    linked.data = np.ones_like(linked.data)
    neighbours_in = sp.csr_array(linked @ membership)  # node × community: co-occurrence ties into it
    reach = sp.csr_array(neighbours_in + membership)
    reach.data = np.ones_like(reach.data)
    strong_f = strong.astype(np.float64)
    strong_ties = np.asarray(reach.T @ strong_f).ravel().astype(np.int64)

    sizes = np.bincount(labels, minlength=k)
    bridged = np.flatnonzero((strong_ties == 1) & (sizes >= 2))
    bridge_of: dict[int, int] = {}
    if len(bridged):
        sub = sp.csr_array(sp.diags_array(strong_f) @ reach)[:, bridged].tocoo()
        for node, column in zip(sub.row, sub.col, strict=True):
            bridge_of.setdefault(int(node), int(bridged[column]))
    bridges = np.array(sorted(bridge_of), dtype=np.int64)

    barely = (strong_ties <= 1) & (sizes >= 2)
    outside = neighbours_in.tocoo()
    from_outside = barely[outside.col] & (labels[outside.row] != outside.col)
    tied = ego_strength > 0
    candidates = np.unique(outside.row[from_outside])
    valuable = np.union1d(candidates[tied[candidates]], bridges).astype(np.int64)
    return CommunityReach(
        strong_ties=strong_ties, bridges=bridges, bridge_of=bridge_of, structurally_valuable=valuable
    )


def community_redundancy(labels: IntArray, contact_redundancy: FloatArray, tied: BoolArray) -> FloatArray:
    """Per community, the share of the user's ties into it that are redundant (0–1; NaN with no ties).

    ``contact_redundancy[j]`` is Burt's redundancy of contact ``j`` in the user's ego network
    (:func:`netvalue.analysis.brokerage.contact_redundancy`).
    """
    k = int(labels.max()) + 1 if len(labels) else 0
    ties = np.bincount(labels, weights=tied.astype(np.float64), minlength=k)
    redundant = np.bincount(labels, weights=np.where(tied, contact_redundancy, 0.0), minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(ties > 0, redundant / ties, np.nan)
