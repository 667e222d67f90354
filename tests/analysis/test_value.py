"""The network's value (Wu, Lin, Aral & Brynjolfsson 2009; science.md §5): hand-computed cases."""

from __future__ import annotations

import math

import numpy as np

from netvalue.analysis.value import CAVEATS, DEFAULT_COEFFICIENT, network_value


def test_value_counts_only_ties_two_way_in_the_last_12_months() -> None:
    # strengths 0.5 (two-way 10 days ago), 0.25 (400 days ago), 0.9 (never two-way)
    # -> active: only the first: 948 × 0.5 = 474; naive 3 × 948 = 2,844; dormant: 948 × 0.6 = 568.8
    result = network_value(
        np.array([0.5, 0.25, 0.9]),
        np.array([10.0, 400.0, np.nan]),
        np.array([False, True, False]),
        np.array([0.1, 0.6, 0.0]),
    )
    assert DEFAULT_COEFFICIENT == 948.0
    assert result.active_ties == 1
    assert result.value == 474.0
    assert result.naive_value == 2844.0
    assert result.dormant_ties == 1
    assert math.isclose(result.dormant_value, 568.8)


def test_coefficient_is_a_parameter_and_caveats_always_travel() -> None:
    result = network_value(
        np.array([1.0, 1.0]), np.array([1.0, 365.0]), np.zeros(2, bool), np.zeros(2), 100.0
    )
    assert result.value == 200.0  # both within 12 months (365 days counts)
    data = result.as_dict()
    assert data["caveats"] == list(CAVEATS)
    assert len(CAVEATS) == 4
    assert "revenue" in " ".join(CAVEATS).lower() and "2007" in " ".join(CAVEATS)


def test_empty_network_is_worth_nothing() -> None:
    empty = np.zeros(0)
    result = network_value(empty, empty, np.zeros(0, bool), empty)
    assert (result.value, result.naive_value, result.active_ties) == (0.0, 0.0, 0)
