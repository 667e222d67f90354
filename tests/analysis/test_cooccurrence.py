"""The alter–alter graph: who co-occurs, how often, how recently (netvalue.analysis.cooccurrence)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from netvalue.analysis.cooccurrence import (
    DAY,
    affiliation_graph,
    combine,
    cooccurrence_graph,
    recency_weight,
)

AS_OF = 1_700_000_000


def ints(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def floats(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def weight(graph_people: np.ndarray, weights: sp.csr_array, a: int, b: int) -> float:
    i, j = np.searchsorted(graph_people, [a, b])
    return float(weights[i, j])


def test_recency_halves_every_110_days() -> None:
    # science.md §2: half-life of about 110 days for current activity.
    values = recency_weight(floats(AS_OF, AS_OF - 110 * DAY, AS_OF - 220 * DAY, np.nan), AS_OF)
    assert values.tolist() == pytest.approx([1.0, 0.5, 0.25, 0.0])


def test_pair_on_one_email_today_weighs_one() -> None:
    # Two people on one e-mail now: v = 0.5 + 0.5 × 1 = 1, divided by n − 1 = 1.
    graph = cooccurrence_graph(ints(10, 20), ints(0, 0), floats(AS_OF, AS_OF), AS_OF)
    assert graph.people.tolist() == [10, 20]
    assert weight(graph.people, graph.weights, 10, 20) == pytest.approx(1.0)
    assert graph.edges() == [(10, 20, pytest.approx(1.0))]


def test_frequency_and_recency_both_count() -> None:
    # Pair (1, 2) met twice, today and 110 days ago: (0.5 + 0.5) + (0.5 + 0.25) = 1.75.
    # Pair (1, 3) met once, 220 days ago: 0.5 + 0.5 × 0.25 = 0.625.
    people = ints(1, 2, 1, 2, 1, 3)
    events = ints(0, 0, 1, 1, 2, 2)
    times = floats(AS_OF, AS_OF, AS_OF - 110 * DAY, AS_OF - 110 * DAY, AS_OF - 220 * DAY, AS_OF - 220 * DAY)
    graph = cooccurrence_graph(people, events, times, AS_OF)
    assert weight(graph.people, graph.weights, 1, 2) == pytest.approx(1.75)
    assert weight(graph.people, graph.weights, 1, 3) == pytest.approx(0.625)
    assert weight(graph.people, graph.weights, 2, 3) == 0.0


def test_group_divides_by_n_minus_one_and_drops_big_groups() -> None:
    # A meeting of 4 now: each pair gets 1 / 3.  An e-mail to 5 with max_group 4: nothing.
    people = ints(1, 2, 3, 4, 5, 6, 7, 8, 9)
    events = ints(0, 0, 0, 0, 1, 1, 1, 1, 1)
    times = np.full(9, float(AS_OF))
    graph = cooccurrence_graph(people, events, times, AS_OF, max_group=4)
    assert weight(graph.people, graph.weights, 1, 4) == pytest.approx(1 / 3)
    assert weight(graph.people, graph.weights, 5, 9) == 0.0
    assert graph.edge_count == 6  # the 4-person meeting's pairs only


def test_duplicate_rows_and_undated_events() -> None:
    # The same person twice on one event counts once; an undated event counts as old: 0.5.
    graph = cooccurrence_graph(ints(1, 1, 2), ints(0, 0, 0), floats(np.nan, np.nan, np.nan), AS_OF)
    assert weight(graph.people, graph.weights, 1, 2) == pytest.approx(0.5)


def test_graph_is_symmetric_with_zero_diagonal_and_fixed_nodes() -> None:
    rng = np.random.default_rng(3)
    people = rng.integers(0, 50, 400).astype(np.int64)
    events = rng.integers(0, 80, 400).astype(np.int64)
    times = AS_OF - rng.uniform(0, 900, 400) * DAY
    nodes = np.arange(0, 60, dtype=np.int64)
    graph = cooccurrence_graph(people, events, times, AS_OF, nodes=nodes)
    dense = graph.weights.toarray()
    assert dense.shape == (60, 60)
    np.testing.assert_allclose(dense, dense.T)
    assert np.all(np.diag(dense) == 0)
    assert dense[50:].sum() == 0  # nodes with no events are present, unlinked


def test_matches_a_pairwise_loop_on_random_events() -> None:
    # Oracle: the definition written as a loop over events and pairs.
    rng = np.random.default_rng(11)
    people = rng.integers(0, 25, 300).astype(np.int64)
    events = rng.integers(0, 60, 300).astype(np.int64)
    times = AS_OF - rng.uniform(0, 700, 300) * DAY
    graph = cooccurrence_graph(people, events, times, AS_OF, max_group=6)
    expected = np.zeros((25, 25))
    for e in np.unique(events):
        members = sorted(set(people[events == e].tolist()))
        if not 2 <= len(members) <= 6:
            continue
        latest = times[events == e].max()
        value = 0.5 + 0.5 * 2 ** (-((AS_OF - latest) / DAY) / 110)
        for a in members:
            for b in members:
                if a != b:
                    expected[a, b] += value / (len(members) - 1)
    index = np.searchsorted(graph.people, np.arange(25))
    present = np.isin(np.arange(25), graph.people)
    got = np.zeros((25, 25))
    sub = graph.weights.toarray()
    got[np.ix_(present, present)] = sub[np.ix_(index[present], index[present])]
    np.testing.assert_allclose(got, expected, atol=1e-12)


def test_affiliation_graph_and_combine() -> None:
    # Company 7 has 3 of the contacts: each pair 0.25 / 2; company 8 has one: nothing;
    # person 99 is no contact.
    nodes = ints(1, 2, 3, 4)
    firms = affiliation_graph(ints(1, 2, 3, 4, 99), ints(7, 7, 7, 8, 8), nodes)
    assert weight(firms.people, firms.weights, 1, 3) == pytest.approx(0.125)
    assert weight(firms.people, firms.weights, 3, 4) == 0.0
    mail = cooccurrence_graph(ints(1, 2), ints(0, 0), floats(AS_OF, AS_OF), AS_OF, nodes=nodes)
    both = combine(mail, firms)
    assert weight(both.people, both.weights, 1, 2) == pytest.approx(1.125)
    with pytest.raises(ValueError, match="different node sets"):
        combine(mail, affiliation_graph(ints(1), ints(1), ints(1, 2)))


def test_empty_input_gives_empty_graph() -> None:
    graph = cooccurrence_graph(ints(), ints(), floats(), AS_OF, nodes=ints(1, 2))
    assert graph.weights.shape == (2, 2) and graph.edge_count == 0
