"""The tie-strength model: a linear combination of transformed features squashed into [0, 1].

    strength = σ(b + Σ_i w_i · x_i),   σ(z) = 1 / (1 + e^(−z))

The dimensions and the *signs* of the weights come from Granovetter (1973) and Gilbert & Karahalios
(2009) [science.md §1]: days since last communication (−; measured both since the last two-way
contact, as peers do, and since the last interaction either way, as Gilbert & Karahalios do), days
since first communication (+), words exchanged (+), intimacy (+), structural / mutual contacts (+),
reciprocal services (+), intensity (+).  Their exact structure is patented (US 8,965,967) and is not
used.  One feature comes from the decay research instead: *overdue* (−), the silence measured against
the tie's own rhythm, after Navarro et al. (2017): a tie silent for more than 8× its usual gap between
contacts has most likely decayed [science.md §2]; Raeder et al. (2011) likewise find that edge weight,
reciprocity and age predict which ties persist.  The magnitudes are [ours]: fitted by prediction of
future two-way contact in ``benchmarks/tie_quality.py`` (science.md §8) on five of the eleven shared
Enron mailboxes and judged on the six others (see :data:`DEFAULT_MODEL`).  A user with ≥ 20 ratings gets weights
fitted to their ratings (:mod:`netvalue.analysis.calibration`) with the same signs.

Ties without any two-way contact keep their rank but get a ceiling (:func:`one_way_strength`): one-way
traffic alone is no relationship (science.md §1, as peers do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from netvalue.analysis.definitions import DORMANT_DAYS, LAPSING_GAP_MULTIPLE, LAPSING_MIN_DAYS
from netvalue.codes import DAY

if TYPE_CHECKING:
    from netvalue.analysis.ties import TieFeatures

WORDS_CAP_CHARS = 5000.0  # e-mail sizes can include attachments: longer counts as this long [ours]
NEVER_DAYS = 3650.0  # "days since last two-way contact" for a tie that never had one [ours]
DORMANT_GAP_MULTIPLE = LAPSING_GAP_MULTIPLE  # silence over 8× the usual gap: decaying (Navarro et al. 2017)
DORMANT_MIN_SILENCE_DAYS = LAPSING_MIN_DAYS  # ... and over 90 days (science.md §2) [derived/ours]
DORMANT_ALWAYS_DAYS = DORMANT_DAYS  # silence ≥ 12 months: decayed whatever the rhythm (science.md §2)

FEATURE_NAMES: tuple[str, ...] = (
    "intensity",
    "recency",
    "last_contact",
    "overdue",
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
    "overdue": "log(1 + days since the last interaction / T), T = 8 × the usual gap between contact days, "
    "kept within 90–365 days (365 with no rhythm yet)",
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
NEGATIVE = frozenset({"recency", "last_contact", "overdue"})
SIGNS: dict[str, float] = {name: (-1.0 if name in NEGATIVE else 1.0) for name in FEATURE_NAMES}
"""The sign the research gives each feature: the two "days since" features are negative (Gilbert &
Karahalios 2009), and so is silence beyond the tie's own rhythm (Navarro et al. 2017); every other
dimension is positive."""


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
    intercept=-2.37,
    weights={
        "intensity": 0.51,
        "recency": 0.0,
        "last_contact": -0.24,
        "overdue": -0.38,
        "duration": 0.13,
        "reciprocity": 0.0,
        "one_to_one": 0.61,
        "meetings": 0.24,
        "words": 0.09,
        "services": 0.18,
        "shared_context": 0.33,
        "same_company": 0.24,
        "channels": 0.18,
    },
)
"""Default weights, fitted [ours] by ``benchmarks/tie_quality.py --fit``: a logistic regression of "two-way
contact in the next 6 months" on the five training mailboxes of the shared Enron set (allen-p, kitchen-l,
shankman-j, skilling-j, ward-k; 20 rolling-origin cuts), every weight kept on the side Gilbert &
Karahalios (2009) and Navarro et al. (2017) give it, L2 penalty 100 on standardised features.  So a
strength is the model's chance that the tie is still two-way six months on.  The six other mailboxes are
held out: mean ROC AUC 0.819 there against 0.742 for the best baseline (message count, recency, DotAlign's
score), above count at 16 of 21 cuts (training: 0.834 against 0.773, 17 of 20).  Recency and reciprocity came out at 0: beside intensity, the
silence features and the one-way ceiling they add nothing to the prediction.  Features e-mail headers
never vary (meetings, words, services, same company, channels) keep the values set by hand before the
fit, with the research's signs: the data cannot speak for them."""


def design_matrix(f: TieFeatures) -> NDArray[np.float64]:
    """The transformed features ``x`` of every person, columns in :data:`FEATURE_NAMES` order."""
    recency_days = np.nan_to_num(f.days_since(f.last_two_way), nan=NEVER_DAYS)
    contact_days = np.nan_to_num(f.days_since(f.last_contact), nan=NEVER_DAYS)
    overdue = np.clip(contact_days, 0.0, NEVER_DAYS) / decay_threshold_days(f.usual_gap_days)
    duration_years = np.nan_to_num(f.days_since(f.first_contact), nan=0.0) / 365.0
    columns = [
        np.log1p(f.activity_raw),
        np.log1p(np.clip(recency_days, 0.0, NEVER_DAYS)),
        np.log1p(np.clip(contact_days, 0.0, NEVER_DAYS)),
        np.log1p(overdue),
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


def decay_threshold_days(usual_gap_days: NDArray[np.float64]) -> NDArray[np.float64]:
    """The silence after which a tie has most likely decayed: 8× its usual gap between contact days
    (Navarro et al. 2017), at least 90 days, at most 365 (science.md §2); 365 days when the tie has
    fewer than 2 contact days (no rhythm to measure).  The dormancy rule of
    :func:`netvalue.analysis.ties.judge_ties` in one number."""
    gap_rule = np.maximum(DORMANT_GAP_MULTIPLE * usual_gap_days, DORMANT_MIN_SILENCE_DAYS)
    limited = np.minimum(np.nan_to_num(gap_rule, nan=DORMANT_ALWAYS_DAYS), DORMANT_ALWAYS_DAYS)
    return np.asarray(limited, dtype=np.float64)


def one_way_strength(strength: NDArray[np.float64], cap: float) -> NDArray[np.float64]:
    """The strength of a tie with no two-way contact: c·s / (c + (1 − c)·s), ``cap`` c.

    One-way traffic alone is no relationship (science.md §1, as peers do) [ours]: the map is about s
    for weak ties, never above s, and reaches c only at s = 1, so such a tie never looks stronger than
    c.  It keeps the model's ranking among one-way ties and does not add a second penalty for
    one-wayness on top of the model's own (reciprocity, days since the last two-way contact): a plain
    ×c, used before, ranked every tie with one old exchange above every one-way tie, however active: on
    a mailbox with months of received mail missing (Enron kuykendall-t) that cost 0.022 AUC at the
    default cut of ``benchmarks/tie_quality.py``, and the more of the inbox a generated set loses
    (``--inbox-gaps``), the more it costs.
    """
    s = np.asarray(strength, dtype=np.float64)
    return cap * s / (cap + (1.0 - cap) * s)


def strength_of(x: NDArray[np.float64], model: StrengthModel) -> NDArray[np.float64]:
    """σ(b + x·w): the strength in [0, 1] of every row of ``x``."""
    w = np.array([model.weights[name] for name in FEATURE_NAMES])
    z = model.intercept + x @ w
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0))), dtype=np.float64)


def history_strength(f: TieFeatures) -> NDArray[np.float64]:
    """The tie's peak strength in [0, 1]: σ(−3 + 0.7·log(1+peak yearly interactions) + 0.35·log(1+years
    the tie was active) + reciprocity + 0.6·one-to-one share + 0.4·log(1+meetings)).

    science.md §2: "once strong" is judged on the tie's *peak* intensity, duration, reciprocity and
    intimacy, never on a value that decays with silence; otherwise the longest-dormant ties, the ones
    Levin, Walter & Murnighan (2011) studied, could never be flagged.  The years active run from the
    first to the last contact (not to today).  The coefficients are [ours].  Zero for a tie that was
    never two-way.
    """
    active_days = np.where(
        (f.first_contact >= 0) & (f.last_contact >= 0), (f.last_contact - f.first_contact) / DAY, 0.0
    )
    years = np.maximum(active_days, 0.0) / 365.0
    z = (
        -3.0
        + 0.7 * np.log1p(f.peak_year)
        + 0.35 * np.log1p(years)
        + 1.0 * f.reciprocity
        + 0.6 * f.one_to_one
        + 0.4 * np.log1p(f.meetings)
    )
    peak = 1.0 / (1.0 + np.exp(-z))
    return np.asarray(np.where(f.two_way_ever, peak, 0.0), dtype=np.float64)
