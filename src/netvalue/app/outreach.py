"""Deciding and acting, the user's side: the networking purpose, requests typed in by hand, outreach
done, the give-and-take ledger, and the plan's settings.  ``add_request`` (a connection request typed in
by hand) is the store's own: nothing to assemble.  What the plan and the triage propose is in
:mod:`netvalue.app.recommend`; these verbs record what the user chose and did."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from netvalue.app.recommend import (
    CADENCE_SETTING,
    PLAN_SIZE_SETTING,
    cadence_days,
    default_as_of,
    plan_size,
)
from netvalue.errors import UsageError
from netvalue.recommend.outreach import DEFAULT_CADENCE_DAYS, week_of, week_start
from netvalue.recommend.purpose import (
    GOAL_LABELS,
    GOALS,
    TARGET_KINDS,
    Purpose,
    load_purpose,
    make_purpose,
    purpose_path,
    save_purpose,
)
from netvalue.store import Database
from netvalue.store import recommend as store
from netvalue.store.recommend import LedgerDirection, LedgerKind, Outcome, add_request

__all__ = [
    "DEFAULT_CADENCE_DAYS",
    "GOALS",
    "GOAL_LABELS",
    "LEDGER_KINDS",
    "OUTCOMES",
    "TARGET_KINDS",
    "LedgerDirection",
    "LedgerKind",
    "Outcome",
    "PlanSettings",
    "Purpose",
    "add_request",
    "change_plan_settings",
    "log_done",
    "make_purpose",
    "plan_week_and_moment",
    "purpose_of",
    "record_exchange",
    "set_purpose",
    "week_of",
    "week_start",
]

OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
LEDGER_KINDS: tuple[LedgerKind, ...] = get_args(LedgerKind)


def plan_week_and_moment(week: str | None, as_of: int | None, now: int) -> tuple[str, int]:
    """The week a plan is for and the moment it is judged at, from ``--week`` and ``--as-of`` (either may
    be missing): no week, the week of ``as_of`` (or now); a week without ``as_of``, its Monday for a past
    week and now for this one."""
    if week is None:
        moment = as_of if as_of is not None else now
        return week_of(moment), moment
    week_start(week)  # validates
    return week, as_of if as_of is not None else default_as_of(week, now)


def purpose_of(db_path: Path) -> Purpose:
    """The purpose saved beside the database at ``db_path`` (the default when none is)."""
    return load_purpose(purpose_path(db_path))


def set_purpose(db_path: Path, purpose: Purpose) -> Path:
    """Save ``purpose`` beside the database at ``db_path``; the file written."""
    path = purpose_path(db_path)
    save_purpose(path, purpose)
    return path


def log_done(
    db: Database,
    person_id: int,
    week: str | None = None,
    *,
    outcome: Outcome | None = None,
    note: str | None = None,
    now: int | None = None,
) -> str:
    """Log that the user reached out to a person, for ``week`` (default: this week); the week."""
    moment = int(now if now is not None else time.time())
    chosen = week or week_of(moment)
    week_start(chosen)  # validates
    store.log_outreach(db, person_id, chosen, outcome=outcome, note=note, now=moment)
    return chosen


def record_exchange(
    db: Database, person_id: int, direction: LedgerDirection, kind: LedgerKind, *, note: str | None = None
) -> None:
    """A line of the ledger: what the user gave a person (``give``) or received from them (``ask``)."""
    store.add_ledger_entry(db, person_id, direction, kind, note=note)


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """``netvalue plan settings``: people per week, and the contact cadence of each tier in days."""

    size: int
    cadence_days: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "cadence_days": dict(self.cadence_days)}


def change_plan_settings(
    db: Database, *, size: int | None = None, cadences: tuple[str, ...] = ()
) -> PlanSettings:
    """Set the plan's size (people per week) and the contact cadence of tiers (``TIER=DAYS``); the
    settings now (nothing given: the settings as they are)."""
    if size is not None:
        store.set_setting(db, PLAN_SIZE_SETTING, str(size))
    for item in cadences:
        tier, _, days = item.partition("=")
        if tier.strip() not in DEFAULT_CADENCE_DAYS or not days.strip().isdecimal() or int(days) < 1:
            raise UsageError(
                f"--cadence {item!r}: write TIER=DAYS, TIER one of {', '.join(DEFAULT_CADENCE_DAYS)}"
            )
        store.set_setting(db, CADENCE_SETTING + tier.strip(), days.strip())
    return PlanSettings(size=plan_size(db), cadence_days=cadence_days(db))
