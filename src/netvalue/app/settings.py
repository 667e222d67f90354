"""``netvalue settings``: the settings the user chooses that no command's option carries (the plan's size
and cadences are :func:`netvalue.app.outreach.change_plan_settings`'s)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netvalue.app.ties import save_value_coefficient, value_coefficient
from netvalue.store import Database


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's settings: the dollars per active contact per year that ``value`` and ``report``
    multiply tie strength by."""

    value_coefficient: float

    def to_json(self) -> dict[str, Any]:
        return {"value_coefficient": self.value_coefficient}


def current_settings(db: Database) -> Settings:
    return Settings(value_coefficient=value_coefficient(db))


def change_value_coefficient(db: Database, dollars: float | None) -> Settings:
    """Set the value coefficient to ``dollars`` (None: leave it); the settings now."""
    if dollars is not None:
        save_value_coefficient(db, dollars)
    return current_settings(db)
