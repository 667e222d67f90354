"""Burt's measures against hand-computed graphs and NetworkX's ``structuralholes`` (the oracle)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from netvalue.analysis.brokerage import (
    contact_redundancy,
    ego_network,
    proportional_strength,
    structural_holes,
)


def matrix(graph: nx.Graph, n: int) -> sp.csr_array:
    return sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=range(n), weight="weight", format="csr"))


@pytest.mark.parametrize("leaves", [2, 3, 5, 10])
def test_star_centre_has_constraint_one_over_n(leaves: int) -> None:
    # science.md §4: a star of n leaves has constraint 1/n at the centre (p = 1/n, no indirect paths).
    holes = structural_holes(matrix(nx.star_graph(leaves), leaves + 1))
    assert holes.constraint[0] == pytest.approx(1 / leaves)
    assert holes.effective_size[0] == pytest.approx(leaves)  # no leaf is tied to another
    assert holes.efficiency[0] == pytest.approx(1.0)
    assert holes.hierarchy[0] == pytest.approx(0.0)  # constraint spread evenly
    assert holes.constraint[1:] == pytest.approx(np.ones(leaves))  # a leaf depends wholly on the centre


def test_clique_of_six_has_constraint_0648() -> None:
    # science.md §4: 5 × (1/5 + 4 × 1/5 × 1/5)² = 5 × 0.36² = 0.648 at every node.
    # Effective size: each contact's redundancy is 4 × 1/5 × 1 = 0.8, so 5 × 0.2 = 1; efficiency 1/5.
    holes = structural_holes(matrix(nx.complete_graph(6), 6))
    assert holes.constraint == pytest.approx(np.full(6, 0.648))
    assert holes.effective_size == pytest.approx(np.ones(6))
    assert holes.efficiency == pytest.approx(np.full(6, 0.2))
    assert holes.hierarchy == pytest.approx(np.zeros(6))


def test_unequal_weights_by_hand() -> None:
    # Node 0 tied to 1 (weight 3) and 2 (weight 1); 1 and 2 not tied.  By hand:
    # p01 = 3/4, p02 = 1/4; constraint = 0.75² + 0.25² = 0.625; effective size 2 (no redundancy).
    # Hierarchy (Burt 1992 p. 71): C/N = 0.3125, ratios 1.8 and 0.2,
    # (1.8 ln 1.8 + 0.2 ln 0.2) / (2 ln 2) = (1.058016 − 0.321888) / 1.386294 = 0.531004
    graph = nx.Graph()
    graph.add_edge(0, 1, weight=3.0)
    graph.add_edge(0, 2, weight=1.0)
    holes = structural_holes(matrix(graph, 3))
    assert holes.constraint[0] == pytest.approx(0.625)
    assert holes.effective_size[0] == pytest.approx(2.0)
    expected = (1.8 * math.log(1.8) + 0.2 * math.log(0.2)) / (2 * math.log(2))
    assert holes.hierarchy[0] == pytest.approx(expected)
    assert holes.hierarchy[0] == pytest.approx(0.531004, abs=1e-6)


def test_triangle_with_weights_by_hand() -> None:
    # Triangle 0-1 (2), 0-2 (1), 1-2 (1).  p01 = 2/3, p02 = 1/3, p12 = 1/3, p21 = 1/2, p10 = 2/3, p20 = 1/2.
    # c01 = (2/3 + 1/3 × 1/2)² = (5/6)²; c02 = (1/3 + 2/3 × 1/3)² = (5/9)²; C0 = 25/36 + 25/81.
    graph = nx.Graph()
    graph.add_weighted_edges_from([(0, 1, 2.0), (0, 2, 1.0), (1, 2, 1.0)])
    holes = structural_holes(matrix(graph, 3))
    assert holes.constraint[0] == pytest.approx(25 / 36 + 25 / 81)
    # Effective size of 0: m_12 = 1/2 (1's strongest tie weighs 2), m_21 = 1 (2's ties weigh 1 each).
    # redundancy of 1 = p02 m_12 = 1/3 × 1/2; of 2 = p01 m_21 = 2/3; e0 = 2 − 1/6 − 2/3 = 7/6.
    assert holes.effective_size[0] == pytest.approx(7 / 6)
    assert holes.efficiency[0] == pytest.approx(7 / 12)


@pytest.mark.parametrize("seed", range(6))
def test_matches_networkx_on_random_weighted_graphs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 40
    graph = nx.gnp_random_graph(n, 0.15, seed=seed)
    for u, v in graph.edges:
        graph[u][v]["weight"] = float(rng.uniform(0.05, 5.0))
    holes = structural_holes(matrix(graph, n))
    nodes = [v for v in graph if graph.degree(v) > 0]
    constraint = nx.constraint(graph, nodes=nodes, weight="weight")
    effective = nx.effective_size(graph, nodes=nodes, weight="weight")
    for v in nodes:
        assert holes.constraint[v] == pytest.approx(constraint[v], rel=1e-9)
        assert holes.effective_size[v] == pytest.approx(effective[v], rel=1e-9)
        assert holes.efficiency[v] == pytest.approx(effective[v] / graph.degree(v), rel=1e-9)
    isolated = [v for v in graph if graph.degree(v) == 0]
    assert all(np.isnan(holes.constraint[v]) for v in isolated)


def test_rows_subset_equals_full_computation() -> None:
    rng = np.random.default_rng(7)
    dense = np.triu(rng.uniform(0, 1, (30, 30)) * (rng.uniform(0, 1, (30, 30)) < 0.2), k=1)
    weights = sp.csr_array(dense + dense.T)
    full = structural_holes(weights)
    rows = np.array([3, 11, 29], dtype=np.int64)
    part = structural_holes(weights, rows=rows)
    assert part.constraint == pytest.approx(full.constraint[rows], nan_ok=True)
    assert part.effective_size == pytest.approx(full.effective_size[rows], nan_ok=True)
    assert part.hierarchy == pytest.approx(full.hierarchy[rows], nan_ok=True)


def test_isolated_node_is_nan_and_self_loops_are_ignored() -> None:
    weights = sp.csr_array(np.array([[5.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 2.0]]))
    holes = structural_holes(weights)
    assert holes.constraint[0] == pytest.approx(1.0)  # the self-loop of 0 is no contact
    assert np.isnan(holes.constraint[2]) and np.isnan(holes.effective_size[2])


def test_ego_network_puts_user_first_and_drops_untied_contacts() -> None:
    alters = sp.csr_array(np.array([[0, 1.0, 2.0], [1.0, 0, 0], [2.0, 0, 0]]))
    ego = ego_network(alters, np.array([0.8, 0.4, 0.0])).toarray()
    assert ego[0].tolist() == pytest.approx([0.0, 0.8, 0.4, 0.0])
    assert ego[1, 2] == pytest.approx(0.5)  # 1 − 2^(−1): one co-occurrence unit
    assert ego[1, 3] == 0.0 and ego[3].sum() == 0.0  # contact 2 has no tie with the user
    np.testing.assert_allclose(ego, ego.T)


def test_contact_redundancy_is_share_reached_through_others() -> None:
    # Clique of 3: for ego 0, each contact j is redundant by p_0q m_jq = 1/2 × 1.
    weights = matrix(nx.complete_graph(3), 3)
    redundancy = contact_redundancy(weights, sp.csr_array(proportional_strength(weights)[[0]]))
    assert redundancy.toarray().ravel().tolist() == pytest.approx([0.0, 0.5, 0.5])


def test_user_without_ties_has_nan_measures() -> None:
    ego = ego_network(sp.csr_array((0, 0)), np.zeros(0))
    holes = structural_holes(ego, rows=np.array([0], dtype=np.int64))
    assert ego.shape == (1, 1) and holes.degree.tolist() == [0]
    assert np.isnan(holes.constraint[0]) and np.isnan(holes.hierarchy[0])


def test_row_blocks_give_the_same_measures(monkeypatch: pytest.MonkeyPatch) -> None:
    import netvalue.analysis.brokerage as brokerage

    rng = np.random.default_rng(5)
    dense = np.triu(rng.uniform(0, 2, (50, 50)) * (rng.uniform(0, 1, (50, 50)) < 0.15), k=1)
    weights = sp.csr_array(dense + dense.T)
    whole = structural_holes(weights)
    monkeypatch.setattr(brokerage, "BLOCK_ROWS", 7)
    blocked = structural_holes(weights)
    assert blocked.constraint == pytest.approx(whole.constraint, nan_ok=True)
    assert blocked.effective_size == pytest.approx(whole.effective_size, nan_ok=True)
    assert blocked.hierarchy == pytest.approx(whole.hierarchy, nan_ok=True)
    assert blocked.degree.tolist() == whole.degree.tolist()
