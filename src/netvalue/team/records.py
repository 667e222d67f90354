"""The records the team modules pass along: a shared contact, a pooled row, a resolution.

Kept apart from the modules that read Parquet or run Splink, so that ``team paths`` imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Engine = Literal["splink", "netvalue", "exact"]
ENGINES: tuple[Engine, ...] = ("splink", "netvalue", "exact")


@dataclass(frozen=True, slots=True)
class SharedContact:
    """One row of a share file."""

    keys: tuple[str, ...]
    domains: tuple[str, ...]
    name: str | None
    company: str | None
    role: str | None
    profile_urls: tuple[str, ...] | None
    tier: str
    strength: float
    last_two_way: str | None


@dataclass(frozen=True, slots=True)
class PooledContact:
    """One row of one member's share, as the team pools them."""

    row: int
    member: int
    contact: SharedContact


@dataclass(frozen=True, slots=True)
class Resolution:
    """``human[row]``: the human (a representative row) of each pooled row; ``groups`` the rows of each."""

    human: tuple[int, ...]
    groups: dict[int, tuple[int, ...]]
    exact_links: int
    probable_links: int
    engine: Engine
