"""Calibration on the user's ratings: monotone (signs from Gilbert & Karahalios 2009), regularised,
and measured by cross-validation."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.analysis.calibration import calibrate, cross_validate, rating_target, spearman
from netvalue.analysis.strength import DEFAULT_MODEL, FEATURE_NAMES, SIGNS, StrengthModel, strength_of

K = len(FEATURE_NAMES)


def synthetic(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Ratings that depend on reciprocity (+) and recency (−) only, with noise."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, K)) * 3
    z = 2.5 * x[:, FEATURE_NAMES.index("reciprocity")] - 2.0 * x[:, FEATURE_NAMES.index("recency")]
    z += rng.normal(0, 0.5, n)
    ratings = np.clip(np.round(3 + z / 2), 1, 5).astype(np.int64)
    return x, ratings


def test_rating_target() -> None:
    assert rating_target(np.array([1, 3, 5])).tolist() == [0.0, 0.5, 1.0]


def test_calibration_learns_the_users_weights_with_the_research_signs() -> None:
    x, ratings = synthetic(200, 1)
    model = calibrate(x, ratings)
    assert model.weights["reciprocity"] > 0.5
    assert model.weights["recency"] < -0.5
    assert model.source == "calibrated on 200 ratings"
    for name in FEATURE_NAMES:
        assert model.weights[name] * SIGNS[name] >= 0  # monotone: never the wrong side


def test_calibrated_model_agrees_better_out_of_fold() -> None:
    x, ratings = synthetic(120, 2)
    agreement = cross_validate(x, ratings, DEFAULT_MODEL)
    assert agreement.folds == 5 and agreement.ratings == 120
    assert agreement.calibrated_spearman is not None and agreement.calibrated_spearman > 0.7
    assert agreement.calibrated_mae < agreement.default_mae
    data = agreement.as_dict()
    assert set(data) == {"ratings", "folds", "default", "calibrated"}


def test_cross_validation_is_deterministic() -> None:
    x, ratings = synthetic(40, 3)
    assert cross_validate(x, ratings, DEFAULT_MODEL) == cross_validate(x, ratings, DEFAULT_MODEL)


def test_spearman_is_none_for_constant_input() -> None:
    assert spearman(np.ones(5), np.arange(5.0)) is None
    assert abs((spearman(np.arange(5.0), np.arange(5.0)) or 0.0) - 1.0) < 1e-12


def test_model_round_trips_through_json_dict() -> None:
    model = StrengthModel(
        intercept=-0.5, weights={n: 0.1 for n in FEATURE_NAMES}, source="calibrated on 20 ratings"
    )
    assert StrengthModel.from_dict(model.as_dict()) == model


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=20, max_size=40), st.integers(0, 1000))
def test_calibration_is_monotone_for_any_ratings(values: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.random((len(values), K)) * 4
    model = calibrate(x, np.array(values, dtype=np.int64))
    assert all(model.weights[n] * SIGNS[n] >= 0 for n in FEATURE_NAMES)
    s = strength_of(x, model)
    assert ((s >= 0) & (s <= 1)).all()
