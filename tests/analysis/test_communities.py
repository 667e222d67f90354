"""Communities, labels, bridges and structural value (netvalue.analysis.communities)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from netvalue.analysis.communities import (
    canonical_labels,
    community_reach,
    community_redundancy,
    detect_communities,
    label_community,
)


def matrix(graph: nx.Graph) -> sp.csr_array:
    return sp.csr_array(
        nx.to_scipy_sparse_array(graph, nodelist=sorted(graph), weight="weight", format="csr")
    )


def two_cliques() -> nx.Graph:
    """Cliques {0..4} and {5..9} joined by the single edge 4–5, and node 10 alone."""
    graph = nx.Graph()
    graph.add_nodes_from(range(11))
    graph.add_edges_from((a, b) for a in range(5) for b in range(a + 1, 5))
    graph.add_edges_from((a, b) for a in range(5, 10) for b in range(a + 1, 10))
    graph.add_edge(4, 5)
    return graph


@pytest.mark.parametrize("method", ["leiden", "plm"])
def test_two_cliques_are_found(method: str) -> None:
    labels = detect_communities(matrix(two_cliques()), seed=1, gamma=1.0, method=method)  # type: ignore[arg-type]
    assert len(labels) == 11
    assert len(set(labels[:5].tolist())) == 1 and len(set(labels[5:10].tolist())) == 1
    assert labels[0] != labels[5]
    assert labels[10] not in (labels[0], labels[5])  # the isolated node is its own community
    assert sorted(set(labels.tolist())) == [0, 1, 2]  # canonical: largest first, ties by smallest member


def sbm() -> sp.csr_array:
    graph = nx.stochastic_block_model(
        [40, 30, 30, 20], [[0.3 if i == j else 0.02 for j in range(4)] for i in range(4)], seed=5
    )
    return matrix(graph)


def test_same_seed_same_partition_and_every_node_once() -> None:
    weights = sbm()
    first = detect_communities(weights, seed=42)
    second = detect_communities(weights, seed=42)
    assert first.tolist() == second.tolist()
    assert len(first) == weights.shape[0]  # one label per node: every node exactly once
    assert np.unique(first).tolist() == list(range(int(first.max()) + 1))  # labels 0..k-1, none empty
    assert np.bincount(first).sum() == weights.shape[0]


def test_planted_blocks_are_recovered() -> None:
    from sklearn.metrics import normalized_mutual_info_score

    truth = np.repeat(np.arange(4), [40, 30, 30, 20])
    labels = detect_communities(sbm(), seed=0)
    assert normalized_mutual_info_score(truth, labels) > 0.9


def test_empty_graph() -> None:
    assert detect_communities(sp.csr_array((0, 0))).tolist() == []


def test_canonical_labels_order_by_size_then_first_member() -> None:
    assert canonical_labels(np.array([7, 3, 3, 9, 9, 5], dtype=np.int64)).tolist() == [2, 0, 0, 1, 1, 3]


def test_label_uses_shared_company_then_place() -> None:
    attributes = {
        "company": ["Acme", "Acme", "Acme", None, "Initech"],
        "place": ["Berlin", "Berlin", None, None, None],
        "topic": ["launch", None, None, None, None],
    }
    label, basis = label_community([0, 1, 2, 3, 4], attributes)
    assert label == "Acme · Berlin"
    assert basis == "company 3/5; place 2/5"
    assert label_community([3, 4], attributes) == ("", "no shared company, domain, place or topic")


def test_bridges_and_structurally_valuable_by_hand() -> None:
    # Contacts 0-1-2 form community A, 3-4-5 community B; 2 and 3 co-occur (an edge across).
    # The user's strong ties: 0, 1, 2 (all in A).  B is reached by one strong tie only: 2, through the
    # 2–3 edge, so 2 is B's bridge; A has three strong ties, no bridge.  B is barely reached, and 2 reaches
    # it from outside: 2 is structurally valuable.  5 has a weak tie but only reaches B from inside:
    # not valuable.
    graph = nx.Graph()
    graph.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    labels = np.array([0, 0, 0, 1, 1, 1], dtype=np.int64)
    strength = np.array([0.9, 0.8, 0.7, 0.0, 0.0, 0.1])
    strong = strength >= 0.5
    reach = community_reach(matrix(graph), labels, strength, strong)
    assert reach.strong_ties.tolist() == [3, 1]
    assert reach.bridges.tolist() == [2]
    assert reach.bridge_of == {2: 1}
    assert reach.structurally_valuable.tolist() == [2]


def test_community_redundancy_is_mean_redundancy_of_the_users_ties() -> None:
    labels = np.array([0, 0, 0, 1, 1], dtype=np.int64)
    per_contact = np.array([0.5, 0.5, 0.2, 0.9, 0.0])
    tied = np.array([True, True, True, False, False])
    result = community_redundancy(labels, per_contact, tied)
    assert result[0] == pytest.approx(0.4)
    assert np.isnan(result[1])


@pytest.mark.realdata
def test_email_eu_core_beats_plain_louvain(shared_data: Path) -> None:
    # science.md §8; ../shared/data/README.md: a plain Louvain run scores NMI ≈ 0.56, ARI ≈ 0.28.
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    folder = shared_data / "email-eu-core"
    edges = np.loadtxt(folder / "email-Eu-core.txt", dtype=np.int64)
    departments = np.loadtxt(folder / "email-Eu-core-department-labels.txt", dtype=np.int64)
    n = int(departments[:, 0].max()) + 1
    edges = edges[edges[:, 0] != edges[:, 1]]
    directed = sp.csr_array((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    directed.data = np.ones_like(directed.data)
    labels = detect_communities(sp.csr_array(directed + directed.T), seed=0)
    truth = np.zeros(n, dtype=np.int64)
    truth[departments[:, 0]] = departments[:, 1]
    assert normalized_mutual_info_score(truth, labels) > 0.6
    assert adjusted_rand_score(truth, labels) > 0.4
