"""The words the faces print: the tiers of closeness and Dunbar's layers they stand for, one-line
meanings (``meaning("dormant")``), and the explained formulas and defaults of ``netvalue explain``."""

from __future__ import annotations

from netvalue.analysis.definitions import meaning
from netvalue.analysis.ties import DUNBAR_LAYERS, TIERS, Tier
from netvalue.explain import all_topics, get_topic

__all__ = ["DUNBAR_LAYERS", "TIERS", "Tier", "all_topics", "get_topic", "meaning"]
