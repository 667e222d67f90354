"""Learning the tie-strength weights from the user's own ratings (1..5), and measuring the agreement.

A rating r becomes a target strength (r − 1)/4, and in the model's logit space
y = logit(0.05 + 0.9 · (r − 1)/4) (the squeeze keeps 1 and 5 finite) [ours].  The fit is a ridge
regression (scikit-learn ``Ridge(alpha=1, positive=True)``) on standardised features whose signs
are first flipped to the direction the research gives them (Gilbert & Karahalios 2009, science.md §1:
recency negative, every other dimension positive); non-negative coefficients then keep every weight
on the side the research puts it: the fit is *monotone* in every feature and regularised.

Agreement is measured honestly (science.md §8): k-fold cross-validation (k = 5, shuffled, fixed
seed), Spearman's rank correlation and mean absolute error between the out-of-fold strengths and
(r − 1)/4, for the default model and the calibrated one, on the same folds.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from netvalue.analysis.strength import FEATURE_NAMES, SIGNS, StrengthModel, one_way_strength, strength_of

RIDGE_ALPHA = 1.0  # [ours]
FOLDS = 5
SQUEEZE = 0.05


def rating_target(ratings: NDArray[np.int64]) -> NDArray[np.float64]:
    """(r − 1)/4: the strength a rating stands for."""
    return (np.asarray(ratings, dtype=np.float64) - 1.0) / 4.0


def calibrate(
    x: NDArray[np.float64], ratings: NDArray[np.int64], *, alpha: float = RIDGE_ALPHA
) -> StrengthModel:
    """Fit the weights of :data:`FEATURE_NAMES` to ``ratings`` (one per row of ``x``), signs kept."""
    signs = np.array([SIGNS[name] for name in FEATURE_NAMES])
    flipped = x * signs
    mean = flipped.mean(axis=0)
    scale = flipped.std(axis=0)
    scale = np.where(scale > 1e-12, scale, 1.0)
    from sklearn.linear_model import Ridge  # here: scikit-learn takes 0.6 s to import, needed only to fit

    p = SQUEEZE + (1 - 2 * SQUEEZE) * rating_target(ratings)
    y = np.log(p / (1 - p))
    ridge = Ridge(alpha=alpha, positive=True)
    ridge.fit((flipped - mean) / scale, y)
    coef = np.asarray(ridge.coef_, dtype=np.float64) / scale
    intercept = float(ridge.intercept_) - float(coef @ mean)
    weights = {name: float(c * s) for name, c, s in zip(FEATURE_NAMES, coef, signs, strict=True)}
    return StrengthModel(intercept=intercept, weights=weights, source=f"calibrated on {len(y)} ratings")


@dataclass(frozen=True, slots=True)
class Agreement:
    """Cross-validated agreement of the default and the calibrated model with the user's ratings."""

    ratings: int
    folds: int
    default_spearman: float | None
    default_mae: float
    calibrated_spearman: float | None
    calibrated_mae: float

    def as_dict(self) -> dict[str, object]:
        return {
            "ratings": self.ratings,
            "folds": self.folds,
            "default": {"spearman": _round(self.default_spearman), "mae": round(self.default_mae, 4)},
            "calibrated": {
                "spearman": _round(self.calibrated_spearman),
                "mae": round(self.calibrated_mae, 4),
            },
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def spearman(a: NDArray[np.float64], b: NDArray[np.float64]) -> float | None:
    """Spearman's ρ, or None when either side is constant (ρ is undefined then)."""
    if len(a) < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    from scipy.stats import spearmanr  # here: scipy.stats takes 0.4 s to import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = float(spearmanr(a, b).statistic)
    return None if math.isnan(rho) else rho


def cross_validate(
    x: NDArray[np.float64],
    ratings: NDArray[np.int64],
    default_model: StrengthModel,
    *,
    two_way: NDArray[np.bool_] | None = None,
    cap: float = 1.0,
    folds: int = FOLDS,
    seed: int = 0,
) -> Agreement:
    """k-fold agreement of ``default_model`` and of a model calibrated on the other folds.

    ``two_way``/``cap``: strengths of ties without two-way contact are mapped below ``cap`` in both
    models (:func:`netvalue.analysis.strength.one_way_strength`), as in
    :func:`netvalue.analysis.ties.judge_ties`.
    """
    n = len(ratings)
    target = rating_target(ratings)
    mask = np.ones(n, dtype=np.bool_) if two_way is None else two_way

    def capped(s: NDArray[np.float64], rows: NDArray[np.int64]) -> NDArray[np.float64]:
        return np.where(mask[rows], s, one_way_strength(s, cap))

    from sklearn.model_selection import KFold  # here, as in calibrate

    k = max(2, min(folds, n))
    default_pred = capped(strength_of(x, default_model), np.arange(n))
    calibrated_pred = np.zeros(n)
    for train, test in KFold(n_splits=k, shuffle=True, random_state=seed).split(x):
        model = calibrate(x[train], ratings[train])
        calibrated_pred[test] = capped(strength_of(x[test], model), test)
    return Agreement(
        ratings=n,
        folds=k,
        default_spearman=spearman(default_pred, target),
        default_mae=float(np.abs(default_pred - target).mean()),
        calibrated_spearman=spearman(calibrated_pred, target),
        calibrated_mae=float(np.abs(calibrated_pred - target).mean()),
    )
