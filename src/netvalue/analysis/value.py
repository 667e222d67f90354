"""What the network is worth: an indicative yearly figure under a cited model, with its caveats.

Wu, Lin, Aral & Brynjolfsson (2009) found about **$948 a year** of revenue associated with each person in
an IBM consultant's work e-mail address book [science.md §5].  netvalue never multiplies that by a
raw connection count [ours, science.md §5]: it counts only ties with two-way exchange in the last 12
months, weights each by tie strength, and shows the naive "all names × coefficient" beside it for
contrast.  The value sitting in dormant ties is the coefficient times their historical strength: what
a message could revive [ours].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

DEFAULT_COEFFICIENT = 948.0  # dollars per active e-mail contact per year (Wu, Lin, Aral & Brynjolfsson 2009)
ACTIVE_WINDOW_DAYS = 365
CAVEATS: tuple[str, ...] = (
    "One firm: about 2,600 IBM consultants over one year (Wu, Lin, Aral & Brynjolfsson 2009).",
    "2007–08 dollars, not adjusted for inflation.",
    "Revenue (billable hours), not profit.",
    "An association, not a price: nobody pays this for a contact, and the study does not show cause.",
)
SOURCE = (
    "Wu, Lin, Aral & Brynjolfsson (2009), Value of Social Network — A Large-Scale Analysis on Network "
    "Structure Impact to Financial Revenue of Information Technology Consultants"
)


@dataclass(frozen=True, slots=True)
class NetworkValue:
    """The indicative yearly value and what it was computed from."""

    coefficient: float
    active_ties: int  # ties with two-way exchange in the last 12 months
    strength_sum: float  # Σ strength over those ties
    value: float  # coefficient × strength_sum
    names: int  # every person in the network
    naive_value: float  # coefficient × names
    dormant_ties: int
    dormant_value: float  # coefficient × Σ historical strength of dormant ties
    caveats: tuple[str, ...] = CAVEATS
    source: str = SOURCE

    def as_dict(self) -> dict[str, object]:
        return {
            "coefficient": self.coefficient,
            "active_ties": self.active_ties,
            "strength_sum": round(self.strength_sum, 4),
            "value": round(self.value, 2),
            "names": self.names,
            "naive_value": round(self.naive_value, 2),
            "dormant_ties": self.dormant_ties,
            "dormant_value": round(self.dormant_value, 2),
            "formula": "coefficient × Σ strength over ties with two-way exchange in the last 12 months",
            "caveats": list(self.caveats),
            "source": self.source,
        }


def network_value(
    strength: NDArray[np.float64],
    days_since_two_way: NDArray[np.float64],
    dormant: NDArray[np.bool_],
    history: NDArray[np.float64],
    coefficient: float = DEFAULT_COEFFICIENT,
) -> NetworkValue:
    """Value of a network of ``len(strength)`` people.

    ``days_since_two_way`` is nan for a tie that never had two-way contact; a tie counts as active
    when it had two-way exchange within the last 12 months (science.md §5).
    """
    active = np.nan_to_num(days_since_two_way, nan=np.inf) <= ACTIVE_WINDOW_DAYS
    strength_sum = float(strength[active].sum())
    dormant_history = float(history[dormant].sum())
    return NetworkValue(
        coefficient=coefficient,
        active_ties=int(active.sum()),
        strength_sum=strength_sum,
        value=coefficient * strength_sum,
        names=len(strength),
        naive_value=coefficient * len(strength),
        dormant_ties=int(dormant.sum()),
        dormant_value=coefficient * dormant_history,
    )
