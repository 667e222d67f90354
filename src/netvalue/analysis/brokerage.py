"""Burt's structural-hole measures on a weighted, undirected graph, with sparse matrices.

Source: science.md §4 — Burt, *Structural Holes* (1992) and Burt (2004), AJS 110(2):349–399; the
formulas are those of NetworkX's ``structuralholes`` module, which the tests use as the oracle:

- proportional tie strength ``p_ij = w_ij / Σ_k w_ik`` (NetworkX's normalised mutual weight; for an
  undirected graph the mutual weight ``w_ij + w_ji`` is ``2 w_ij`` and the factor 2 cancels);
- local constraint ``c_ij = (p_ij + Σ_q p_iq p_qj)²`` and constraint ``C_i = Σ_{j∈N(i)} c_ij``;
  in matrix form the squared entries of ``P + P @ P`` on the neighbour pattern of ``i``;
- effective size ``e_i = Σ_{j∈N(i)} (1 − Σ_q p_iq m_jq)`` with ``m_jq = w_jq / max_k w_jk``;
  efficiency ``e_i / |N(i)|``;
- hierarchy (Burt 1992, pp. 70–71) ``H_i = Σ_j r_ij ln r_ij / (N ln N)`` with
  ``r_ij = c_ij / (C_i / N)`` and ``N = |N(i)|``; NetworkX has no hierarchy, so the tests check it
  by hand.  For ``N = 1`` the formula is 0/0; we report 0 (one contact cannot be unevenly constrained).

Isolated nodes get NaN for every measure, as in NetworkX.  The cost is that of the sparse products
restricted to the requested rows (``rows=``): the user's ego network touches every contact, so its
full ``P @ P`` would be dense — ask only for the rows you need.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class StructuralHoles:
    """Burt's measures for ``rows`` (indices into the graph), one array entry per row."""

    rows: IntArray
    degree: IntArray
    constraint: FloatArray
    effective_size: FloatArray
    efficiency: FloatArray
    hierarchy: FloatArray


def proportional_strength(weights: sp.csr_array) -> sp.csr_array:
    """``P``: each row of the symmetric weight matrix divided by its sum (zero rows stay zero).

    Self-loops are dropped first: a tie to oneself is not an investment in a contact.
    """
    w = sp.csr_array(weights, dtype=np.float64, copy=True)
    w.setdiag(0)
    w.eliminate_zeros()
    totals = np.asarray(w.sum(axis=1)).ravel()
    scale = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
    return sp.csr_array(sp.diags_array(scale) @ w)


def _on_pattern(values: sp.csr_array, pattern: sp.csr_array) -> sp.csr_array:
    """``values`` at the non-zero positions of ``pattern`` (same shape), keeping explicit zeros out."""
    mask = pattern.copy()
    mask.data = np.ones_like(mask.data)
    return sp.csr_array(values.multiply(mask))


BLOCK_ROWS = 2048
"""Rows per sparse product: ``P[rows] @ P`` holds every two-step neighbour of a block, so blocks cap the
memory (the whole alter graph of 30,000 contacts at once would take gigabytes) [ours]."""


def structural_holes(weights: sp.csr_array | sp.coo_array, rows: IntArray | None = None) -> StructuralHoles:
    """Constraint, effective size, efficiency and hierarchy of ``rows`` (default: every node).

    ``weights`` is a symmetric non-negative ``n × n`` matrix (``w_ij = w_ji`` = tie weight).
    """
    p_full = proportional_strength(sp.csr_array(weights))
    m_transposed = sp.csr_array(_max_normalised(weights).T)
    n = p_full.shape[0]
    picked = np.arange(n, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    blocks = [
        _block_measures(p_full, m_transposed, picked[start : start + BLOCK_ROWS])
        for start in range(0, len(picked), BLOCK_ROWS)
    ]
    if not blocks:
        blocks = [_block_measures(p_full, m_transposed, picked)]
    degree, constraint, effective_size, hierarchy = (
        np.concatenate(parts) for parts in zip(*blocks, strict=True)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        efficiency = effective_size / degree
    isolated = degree == 0
    for values in (constraint, effective_size, efficiency, hierarchy):
        values[isolated] = np.nan
    return StructuralHoles(
        rows=picked,
        degree=degree.astype(np.int64),
        constraint=constraint,
        effective_size=effective_size,
        efficiency=efficiency,
        hierarchy=hierarchy,
    )


def _block_measures(
    p_full: sp.csr_array, m_transposed: sp.csr_array, picked: IntArray
) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
    """Degree, constraint, effective size and hierarchy of the rows ``picked``."""
    p_rows = sp.csr_array(p_full[picked])
    degree = np.diff(p_rows.indptr).astype(np.int64)
    # constraint: (P + P @ P)² on each row's neighbour pattern
    two_step = sp.csr_array(p_rows @ p_full)
    investment = sp.csr_array(p_rows + _on_pattern(two_step, p_rows))
    local = sp.csr_array(investment.multiply(investment).tocsr())
    constraint = np.asarray(local.sum(axis=1), dtype=np.float64).ravel()
    # effective size: Σ_j (1 − Σ_q p_iq m_jq) over neighbours j
    redundancy = _on_pattern(sp.csr_array(p_rows @ m_transposed), p_rows)
    effective_size = (degree - np.asarray(redundancy.sum(axis=1)).ravel()).astype(np.float64)
    return degree, constraint, effective_size, _hierarchy(local, constraint, degree)


def _max_normalised(weights: sp.csr_array | sp.coo_array) -> sp.csr_array:
    """``M``: each row of the weights divided by its largest entry (NetworkX's ``norm=max``)."""
    w = sp.csr_array(weights, dtype=np.float64, copy=True)
    w.setdiag(0)
    w.eliminate_zeros()
    row_max = np.asarray(w.max(axis=1).toarray()).ravel()
    inverse_max = np.divide(1.0, row_max, out=np.zeros_like(row_max), where=row_max > 0)
    return sp.csr_array(sp.diags_array(inverse_max) @ w)


def contact_redundancy(weights: sp.csr_array | sp.coo_array, p_rows: sp.csr_array) -> sp.csr_array:
    """Burt's redundancy of each neighbour ``j`` of each row ``i``: ``Σ_q p_iq m_jq``, with
    ``m_jq = w_jq / max_k w_jk`` (NetworkX's ``effective_size``); 0 means the contact is wholly
    non-redundant, 1 that everything reached through them is reached otherwise too."""
    return _on_pattern(sp.csr_array(p_rows @ _max_normalised(weights).T), p_rows)


def ego_network(alter_weights: sp.csr_array, ego_weights: FloatArray) -> sp.csr_array:
    """The user's ego network: node 0 is the user, node ``k + 1`` is contact ``k``.

    User–contact edges weigh ``ego_weights`` (tie strength, 0–1; 0 = no edge); contact–contact edges
    weigh ``1 − 2^(−w)`` of the co-occurrence weight ``w``, putting them on the same 0–1 scale (one recent
    one-to-one co-occurrence ≈ 0.5) [ours].  Only contacts the user has a tie with are in the ego network
    (Burt's measures are over ego's contacts), so the others get no edges.
    """
    n = alter_weights.shape[0]
    tied = np.asarray(ego_weights, dtype=np.float64) > 0
    alters = sp.csr_array(alter_weights, dtype=np.float64, copy=True)
    alters.data = -np.expm1(-np.log(2.0) * alters.data)
    keep = sp.diags_array(tied.astype(np.float64))
    alters = sp.csr_array(keep @ alters @ keep)
    alters.eliminate_zeros()
    ego_row = sp.csr_array(np.asarray(ego_weights, dtype=np.float64).reshape(1, n))
    top = sp.hstack([sp.csr_array((1, 1)), ego_row])
    bottom = sp.hstack([ego_row.T, alters])
    return sp.csr_array(sp.vstack([top, bottom]).tocsr())


def _hierarchy(local: sp.csr_array, constraint: FloatArray, degree: IntArray) -> FloatArray:
    """Burt (1992, pp. 70–71): how much of the constraint is concentrated in one contact."""
    local = sp.csr_array(local)
    row_of_entry = np.repeat(np.arange(local.shape[0]), np.diff(local.indptr))
    counts = degree[row_of_entry].astype(np.float64)
    mean_share = constraint[row_of_entry] / counts
    ratio = np.divide(local.data, mean_share, out=np.zeros_like(local.data), where=mean_share > 0)
    terms = np.where(ratio > 0, ratio * np.log(np.where(ratio > 0, ratio, 1.0)), 0.0)
    totals = np.bincount(row_of_entry, weights=terms, minlength=local.shape[0]).astype(np.float64)
    scale = degree * np.log(np.maximum(degree, 1))
    return np.divide(totals, scale, out=np.zeros_like(totals), where=scale > 0)
