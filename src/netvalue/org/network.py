"""The weighted collaboration graph and what each person's place in it is.

The graph is small beside the events (a million ties fit in about 100 MB), so it runs on one machine
whatever engine aggregated the events.  Its edges are the *current* ties [ours]: a contact in the last
12 months and not dormant, weighted by the personal model's strength.  Per person:

- degree and strong ties (the state ``strong`` of :mod:`netvalue.org.ties`);
- Burt's constraint and effective size (science.md §4; :func:`netvalue.analysis.brokerage.structural_holes`);
- approximate betweenness: NetworKit's ``EstimateBetweenness`` from a seeded sample of source nodes
  (Brandes & Pich 2007), on hop counts, normalised to [0, 1];
- local clustering coefficient (Watts & Strogatz 1998), on the unweighted graph;
- PageRank (Brin & Page 1998; damping 0.85) on the weighted graph;
- community: Leiden (Traag, Waltman & van Eck 2019) through
  :func:`netvalue.analysis.communities.detect_communities`, seeded;
- the share of a person's ties (by strength) that cross into another department, as Yang et al. (2022)
  count cross-group ties (science.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from netvalue.analysis.brokerage import structural_holes
from netvalue.analysis.communities import detect_communities

BETWEENNESS_SAMPLES = (
    256  # source nodes sampled for betweenness [ours]: error about 1/sqrt(256) of the top scores
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PersonMeasures:
    """One entry per person (index ``0..n-1``)."""

    degree: IntArray
    strong_ties: IntArray
    strength_sum: FloatArray
    constraint: FloatArray
    effective_size: FloatArray
    betweenness: FloatArray
    clustering: FloatArray
    pagerank: FloatArray
    community: IntArray
    cross_department_share: FloatArray  # nan without a department or without ties


def weight_matrix(a: IntArray, b: IntArray, weight: FloatArray, n: int) -> sp.csr_array:
    """The symmetric ``n × n`` weight matrix of the edges ``(a, b, weight)``."""
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    return sp.csr_array((np.concatenate([weight, weight]), (rows, cols)), shape=(n, n))


def person_measures(
    a: IntArray,
    b: IntArray,
    weight: FloatArray,
    strong: BoolArray,
    department: IntArray,
    n: int,
    *,
    seed: int = 0,
) -> PersonMeasures:
    """Measures of every person from the current ties ``(a, b)`` with ``weight`` > 0.

    ``department`` is a code per person (−1 for none); ``strong`` marks ties in the strong state.
    """
    import networkit as nk

    keep = weight > 0
    a, b, weight, strong = a[keep], b[keep], weight[keep], strong[keep]
    w = weight_matrix(a, b, weight, n)
    degree = np.bincount(np.concatenate([a, b]), minlength=n).astype(np.int64)
    strong_ties = np.bincount(np.concatenate([a[strong], b[strong]]), minlength=n).astype(np.int64)
    strength_sum = np.bincount(
        np.concatenate([a, b]), weights=np.concatenate([weight, weight]), minlength=n
    ).astype(np.float64)
    holes = structural_holes(w)

    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)
    plain = nk.Graph(n, weighted=False)
    weighted = nk.Graph(n, weighted=True)
    if len(a):
        plain.addEdges((a.astype(np.uint64), b.astype(np.uint64)))
        weighted.addEdges((weight.astype(np.float64), (a.astype(np.uint64), b.astype(np.uint64))))
    if n > 0 and len(a):
        between = nk.centrality.EstimateBetweenness(plain, min(BETWEENNESS_SAMPLES, n), True, False)
        between.run()
        betweenness = np.asarray(between.scores(), dtype=np.float64)
        clustering_run = nk.centrality.LocalClusteringCoefficient(plain, False)
        clustering_run.run()
        clustering = np.asarray(clustering_run.scores(), dtype=np.float64)
        rank = nk.centrality.PageRank(weighted, 0.85, 1e-9)
        rank.run()
        pagerank = np.asarray(rank.scores(), dtype=np.float64)
    else:
        betweenness = np.zeros(n)
        clustering = np.zeros(n)
        pagerank = np.full(n, 1.0 / max(n, 1))
    community = detect_communities(w, seed=seed)

    known = (department[a] >= 0) & (department[b] >= 0)
    across = known & (department[a] != department[b])
    cross = np.bincount(
        np.concatenate([a[across], b[across]]), weights=np.tile(weight[across], 2), minlength=n
    )
    known_sum = np.bincount(
        np.concatenate([a[known], b[known]]), weights=np.tile(weight[known], 2), minlength=n
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(known_sum > 0, cross / known_sum, np.nan)
    return PersonMeasures(
        degree=degree,
        strong_ties=strong_ties,
        strength_sum=strength_sum,
        constraint=holes.constraint,
        effective_size=holes.effective_size,
        betweenness=betweenness,
        clustering=clustering,
        pagerank=pagerank,
        community=community,
        cross_department_share=share,
    )
