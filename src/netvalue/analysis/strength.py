"""The tie-strength model: a linear combination of transformed features squashed into [0, 1].

    strength = σ(b + Σ_i w_i · x_i),   σ(z) = 1 / (1 + e^(−z))

The dimensions and the *signs* of the weights come from Granovetter (1973) and Gilbert & Karahalios
(2009) [science.md §1]: days since last communication (−; measured both since the last two-way
contact, as peers do, and since the last interaction either way, as Gilbert & Karahalios do), days
since first communication (+), words exchanged (+), intimacy (+), structural / mutual contacts (+),
reciprocal services (+), intensity (+).  Their exact structure is patented (US 8,965,967) and is not
used.  The magnitudes are [ours]: set by prediction of future two-way contact in
``benchmarks/tie_quality.py`` (science.md §8) on its generated set and checked on two Enron
mailboxes; intensity (the recency-weighted activity A of science.md §2) weighs most.  A user with
≥ 20 ratings gets weights fitted to their ratings (:mod:`netvalue.analysis.calibration`) with the
same signs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from netvalue.analysis.ties import TieFeatures

DAY = 86_400
WORDS_CAP_CHARS = 5000.0  # e-mail sizes can include attachments: longer counts as this long [ours]
NEVER_DAYS = 3650.0  # "days since last two-way contact" for a tie that never had one [ours]

FEATURE_NAMES: tuple[str, ...] = (
    "intensity",
    "recency",
    "last_contact",
    "duration",
    "reciprocity",
    "one_to_one",
    "meetings",
    "words",
    "services",
    "shared_context",
    "same_company",
    "channels",
)
FEATURE_MEANINGS: dict[str, str] = {
    "intensity": "log(1 + A), A = Σ 2^(−days ago/110) over messages, e-mails and meetings (activity)",
    "recency": "log(1 + days since the last two-way contact); 3,650 days when there was none",
    "last_contact": "log(1 + days since the last interaction either way); 3,650 days when there was none",
    "duration": "log(1 + years since first contact or connection)",
    "reciprocity": "min(sent, received) / max(sent, received), meetings counting both ways",
    "one_to_one": "mean of 1/group size over messages and meetings (1 = all one-to-one)",
    "meetings": "log(1 + meetings ever)",
    "words": "log(1 + mean message length / 100 characters), the length capped at 5,000",
    "services": "log(1 + endorsements, recommendations, introductions)",
    "shared_context": "log(1 + distinct other people in the same threads)",
    "same_company": "1 if they work where you work or worked",
    "channels": "number of sources that show the tie, minus one",
}
NEGATIVE = frozenset({"recency", "last_contact"})
SIGNS: dict[str, float] = {name: (-1.0 if name in NEGATIVE else 1.0) for name in FEATURE_NAMES}
"""The sign the research gives each feature (Gilbert & Karahalios 2009): only the two "days since"
features are negative."""


@dataclass(frozen=True, slots=True)
class StrengthModel:
    """Intercept and one weight per feature in :data:`FEATURE_NAMES` (logit space)."""

    intercept: float
    weights: dict[str, float] = field(default_factory=dict)
    source: str = "default"  # "default" or "calibrated on N ratings"

    def as_dict(self) -> dict[str, object]:
        return {"intercept": self.intercept, "weights": dict(self.weights), "source": self.source}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StrengthModel:
        raw = data.get("weights")
        weights = raw if isinstance(raw, dict) else {}
        intercept = data.get("intercept", 0.0)
        return cls(
            intercept=float(intercept) if isinstance(intercept, (int, float)) else 0.0,
            weights={name: float(weights.get(name, DEFAULT_MODEL.weights[name])) for name in FEATURE_NAMES},
            source=str(data.get("source", "calibrated")),
        )


DEFAULT_MODEL = StrengthModel(
    intercept=-2.3,
    weights={
        "intensity": 1.2,
        "recency": -0.18,
        "last_contact": -0.15,
        "duration": 0.21,
        "reciprocity": 0.6,
        "one_to_one": 0.36,
        "meetings": 0.24,
        "words": 0.09,
        "services": 0.18,
        "shared_context": 0.09,
        "same_company": 0.24,
        "channels": 0.18,
    },
)
"""Default weights [ours, signs from Gilbert & Karahalios 2009].  Intensity, measured as the
recency-weighted activity A, carries the most weight: in ``benchmarks/tie_quality.py`` it was the best
single predictor of future two-way contact on two Enron mailboxes, and giving it about six times the
weight of either "days since" feature made the model beat every baseline on the generated set and on
one of them.  The overall scale and the intercept only spread the strengths over [0, 1] (they leave the
ranking alone): on the bundled demo, the median inner-circle tie scores about 0.97, close 0.85,
active 0.5, and once-strong or merely known ties 0.1–0.2."""


def design_matrix(f: TieFeatures) -> NDArray[np.float64]:
    """The transformed features ``x`` of every person, columns in :data:`FEATURE_NAMES` order."""
    recency_days = np.nan_to_num(f.days_since(f.last_two_way), nan=NEVER_DAYS)
    contact_days = np.nan_to_num(f.days_since(f.last_contact), nan=NEVER_DAYS)
    duration_years = np.nan_to_num(f.days_since(f.first_contact), nan=0.0) / 365.0
    columns = [
        np.log1p(f.activity_raw),
        np.log1p(np.clip(recency_days, 0.0, NEVER_DAYS)),
        np.log1p(np.clip(contact_days, 0.0, NEVER_DAYS)),
        np.log1p(np.maximum(duration_years, 0.0)),
        f.reciprocity,
        f.one_to_one,
        np.log1p(f.meetings),
        np.log1p(np.minimum(f.mean_length, WORDS_CAP_CHARS) / 100.0),
        np.log1p(f.services),
        np.log1p(f.shared_people),
        f.same_company.astype(np.float64),
        np.maximum(f.channels - 1, 0).astype(np.float64),
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


def strength_of(x: NDArray[np.float64], model: StrengthModel) -> NDArray[np.float64]:
    """σ(b + x·w): the strength in [0, 1] of every row of ``x``."""
    w = np.array([model.weights[name] for name in FEATURE_NAMES])
    z = model.intercept + x @ w
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0))), dtype=np.float64)


HISTORY_HALF_LIFE_YEARS = 5.0  # historical strength decays in years [ours], science.md §2


def history_strength(f: TieFeatures) -> NDArray[np.float64]:
    """Historical strength in [0, 1]: σ(−3 + 0.7·log(1+peak yearly interactions) + 0.35·log(1+years known)
    + reciprocity + 0.6·one-to-one share + 0.4·log(1+meetings)), times 2^(−years silent / 5).

    The inputs are the ones science.md §2 names (peak intensity, duration, reciprocity, intimacy); the
    coefficients and the 5-year half-life are [ours].  Zero for a tie that was never two-way.
    """
    years = np.nan_to_num(f.days_since(f.first_contact), nan=0.0) / 365.0
    z = (
        -3.0
        + 0.7 * np.log1p(f.peak_year)
        + 0.35 * np.log1p(np.maximum(years, 0.0))
        + 1.0 * f.reciprocity
        + 0.6 * f.one_to_one
        + 0.4 * np.log1p(f.meetings)
    )
    silent_years = np.nan_to_num(f.days_since(f.last_two_way), nan=0.0) / 365.0
    peak = 1.0 / (1.0 + np.exp(-z))
    return np.where(f.two_way_ever, peak * np.exp2(-silent_years / HISTORY_HALF_LIFE_YEARS), 0.0)
