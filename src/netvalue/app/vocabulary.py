"""The words the faces print: the tiers of closeness and Dunbar's layers they stand for, one-line
meanings (``meaning("dormant")``), and the explained formulas and defaults of ``netvalue explain``."""

from __future__ import annotations

from dataclasses import dataclass

from netvalue.analysis.definitions import meaning
from netvalue.analysis.ties import DUNBAR_LAYERS, TIERS, Tier
from netvalue.explain import Topic, all_topics, get_topic

__all__ = ["DUNBAR_LAYERS", "TIERS", "Tier", "Topic", "TopicIndex", "get_topic", "meaning", "topic_index"]


@dataclass(frozen=True, slots=True)
class TopicIndex:
    """``netvalue explain``: every explained formula and default, in reading order."""

    topics: tuple[Topic, ...]

    def to_json(self) -> list[dict[str, object]]:
        return [t.to_json() for t in self.topics]


def topic_index() -> TopicIndex:
    return TopicIndex(tuple(all_topics()))
