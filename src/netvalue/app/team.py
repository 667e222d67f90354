"""The team wing's front door: what ``netvalue share`` and ``netvalue team …`` call, from
:mod:`netvalue.team`.

Each name is loaded from its module on first use (``__getattr__``, PEP 562), not when this module is
imported: ``team paths``, ``coverage`` and ``overlap`` read the pool ``team add`` made and must not pay for
Parquet, Splink or the analysis that ``share`` and ``team add`` need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netvalue.team.folder import init_team as init_team
    from netvalue.team.folder import load_team as load_team
    from netvalue.team.folder import team_status as team_status
    from netvalue.team.pooled import add_members as add_members
    from netvalue.team.pooled import remove_members as remove_members
    from netvalue.team.query import coverage as coverage
    from netvalue.team.query import overlap as overlap
    from netvalue.team.query import paths_to as paths_to
    from netvalue.team.records import ENGINES as ENGINES
    from netvalue.team.records import Engine as Engine
    from netvalue.team.salt import read_salt as read_salt
    from netvalue.team.share import build_share as build_share
    from netvalue.team.share import parse_clear_fields as parse_clear_fields
    from netvalue.team.share import parse_min_tier as parse_min_tier
    from netvalue.team.share_file import CLEAR_FIELDS as CLEAR_FIELDS
    from netvalue.team.share_file import write_share as write_share

HOME: dict[str, str] = {
    "init_team": "netvalue.team.folder",
    "load_team": "netvalue.team.folder",
    "team_status": "netvalue.team.folder",
    "add_members": "netvalue.team.pooled",
    "remove_members": "netvalue.team.pooled",
    "coverage": "netvalue.team.query",
    "overlap": "netvalue.team.query",
    "paths_to": "netvalue.team.query",
    "ENGINES": "netvalue.team.records",
    "Engine": "netvalue.team.records",
    "read_salt": "netvalue.team.salt",
    "build_share": "netvalue.team.share",
    "parse_clear_fields": "netvalue.team.share",
    "parse_min_tier": "netvalue.team.share",
    "CLEAR_FIELDS": "netvalue.team.share_file",
    "write_share": "netvalue.team.share_file",
}
"""Each name this module offers, and the module of :mod:`netvalue.team` it comes from."""

__all__ = sorted(HOME)


def __getattr__(name: str) -> object:
    if name not in HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(HOME[name]), name)
