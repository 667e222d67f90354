"""How often the user means to be in touch with each tier: the defaults, overridden per tier in the settings.

Apart from :mod:`netvalue.app.recommend` so that ``netvalue report`` reads it without importing the
planner and the triage (issue 16: each command imports only what it uses)."""

from __future__ import annotations

from netvalue.recommend.outreach import DEFAULT_CADENCE_DAYS
from netvalue.store import Database
from netvalue.store import recommend as store

CADENCE_SETTING = "cadence."  # + tier name, value in days


def cadence_days(db: Database) -> dict[str, int]:
    """Days of silence each tier tolerates before a tie is overdue (``netvalue plan --cadence``)."""
    cadence = dict(DEFAULT_CADENCE_DAYS)
    for tier in cadence:
        value = store.get_setting(db, CADENCE_SETTING + tier)
        if value and value.isdecimal() and int(value) > 0:
            cadence[tier] = int(value)
    return cadence
