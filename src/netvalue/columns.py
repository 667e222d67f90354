"""Interactions as columns: the arrays the store hands to analysis (shared by both, owned by neither).

The store fills them with one query; analysis computes over them with NumPy.  Codes index the tuples
in :mod:`netvalue.codes`, so a column of small integers stands for a column of strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SHARED_CONTEXT_MAX_GROUP = 20  # larger threads say little about who knows whom [ours]

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class InteractionArrays:
    """Interactions as columns.  ``person`` indexes people ``0..n-1``; ``direction`` indexes
    :data:`netvalue.codes.DIRECTIONS`, ``kind`` :data:`netvalue.codes.KINDS`; ``length`` is 0 when unknown; ``message`` is a code per
    ``message_key`` (−1 for none); ``source`` a code per source."""

    person: IntArray
    occurred_at: IntArray
    direction: NDArray[np.int8]
    kind: NDArray[np.int8]
    group_size: IntArray
    length: IntArray
    bulk: BoolArray
    source: IntArray
    message: IntArray

    def before(self, as_of: int) -> InteractionArrays:
        """Only the interactions strictly before ``as_of``."""
        keep = self.occurred_at < as_of
        return InteractionArrays(*(np.asarray(getattr(self, f))[keep] for f in self.__slots__))
