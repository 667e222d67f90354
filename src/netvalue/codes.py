"""Units and codes every layer shares: the length of a day, and the small integers that stand for strings.

The store packs interactions into columns of codes (:mod:`netvalue.columns`), analysis computes over
them and rendering turns them back into words.  Each code is the index of its word in the tuple beside
it, so ``DIRECTIONS[DIRECTION_SENT] == "sent"`` and ``TIERS[TIER_CLOSE] == "close"``; a code is never
written as a bare number elsewhere.
"""

from __future__ import annotations

from typing import Final, Literal

DAY: Final = 86_400
"""Seconds in a day: times are Unix seconds throughout."""
WEEK: Final = 7 * DAY
YEAR: Final = 365 * DAY

DIRECTIONS: Final = ("sent", "received", "mutual")
DIRECTION_SENT, DIRECTION_RECEIVED, DIRECTION_MUTUAL = range(3)

KINDS: Final = ("message", "email", "meeting", "endorsement", "recommendation", "introduction")
KIND_MESSAGE, KIND_EMAIL, KIND_MEETING, KIND_ENDORSEMENT, KIND_RECOMMENDATION, KIND_INTRODUCTION = range(6)
CONVERSATION_KINDS: Final = (KIND_MESSAGE, KIND_EMAIL, KIND_MEETING)
"""Kinds in which two people talk; the others are services one renders the other."""
SERVICE_KINDS: Final = (KIND_ENDORSEMENT, KIND_RECOMMENDATION, KIND_INTRODUCTION)

Tier = Literal["inner circle", "close", "active", "meaningful", "known", "collected names"]
TIERS: tuple[Tier, ...] = ("inner circle", "close", "active", "meaningful", "known", "collected names")
"""Tiers from the closest down; a tie's tier code indexes this tuple."""
TIER_INNER_CIRCLE, TIER_CLOSE, TIER_ACTIVE, TIER_MEANINGFUL, TIER_KNOWN, TIER_COLLECTED_NAMES = range(6)
ACTIVE_TIERS: tuple[Tier, ...] = TIERS[: TIER_ACTIVE + 1]
"""The tiers in touch within a year: inner circle, close, active."""
STRONG_TIER_CODES: Final = (TIER_INNER_CIRCLE, TIER_CLOSE)
"""The tiers the organisation analysis calls strong ties."""
