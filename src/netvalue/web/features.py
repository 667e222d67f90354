"""The analysis the pages show, from the same functions the CLI calls, cached per database state.

``netvalue ties`` (:func:`netvalue.app.ties.load_ties`) and ``netvalue communities``
(:func:`netvalue.app.structure.load_structure`, seed 0) are computed once per database version and
``as_of`` (:mod:`netvalue.web.cache`).  If one of them fails with a bug (not a :class:`NetvalueError`,
which the error page shows), :func:`guarded` logs it and the page shows everything else, naming what
could not be computed - a dashboard over several analyses should not go blank because one of them broke.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from netvalue.app.database import Database, open_database
from netvalue.app.network import NetworkReport, network_report
from netvalue.app.people import PersonIndexRow, people_index
from netvalue.app.structure import Structure, load_structure
from netvalue.app.ties import TieTable, load_ties
from netvalue.errors import NetvalueError
from netvalue.web.rendering import WebState

log = logging.getLogger("netvalue.web")
T = TypeVar("T")

TIES = "tie strength"
STRUCTURE = "communities"


def guarded(state: WebState, what: str, compute: Callable[[], T]) -> T | None:
    """``compute()``; if it fails with a bug (not a :class:`NetvalueError`), log it and return ``None``
    so the page shows the rest, naming ``what`` (in the user's words) could not be computed."""
    try:
        result = compute()
    except NetvalueError:
        raise
    except Exception:
        log.exception("%s failed; the page shows what else it can", what)
        state.failed.add(what)
        return None
    state.failed.discard(what)
    return result


def tie_table(state: WebState, db: Database, as_of: int) -> TieTable | None:
    """The ``netvalue ties`` table as of ``as_of`` (``None`` if it failed)."""
    return guarded(
        state,
        TIES,
        lambda: state.cache.get("ties", as_of, lambda: load_ties(db, as_of), refresh=_refresher(state)),
    )


def structure(state: WebState, db: Database, as_of: int) -> Structure | None:
    """The network's structure as of ``as_of``, seed 0 as the CLI's default (``None`` if it failed); it
    reads the cached tie table rather than judging every tie again."""
    return guarded(
        state,
        STRUCTURE,
        lambda: state.cache.get(
            "structure",
            as_of,
            lambda: load_structure(db, as_of, 0, ties=tie_table(state, db, as_of)),
            refresh=_refresher(state),
        ),
    )


def index(state: WebState, db: Database) -> list[PersonIndexRow]:
    """Every person's row for the people table (cached until the database changes)."""
    return state.cache.get("people-index", None, lambda: people_index(db), refresh=_refresher(state))


def report(state: WebState, db: Database, as_of: int) -> NetworkReport:
    """``netvalue report`` as of ``as_of`` (cached)."""
    found: NetworkReport = state.cache.get(
        "network-report", as_of, lambda: network_report(db, as_of), refresh=_refresher(state)
    )
    return found


def _refresher(state: WebState) -> Callable[[], None] | None:
    """What a page calls when it shows an earlier analysis: start computing the current one, when the
    dashboard warms in the background (else None: the page computes it)."""
    return (lambda: start_warm_up(state)) if state.warm_in_background else None


def warm_up(state: WebState) -> None:
    """Compute what the first pages need for "now" (the report, the ties, the structure, the people
    index), so that opening the dashboard - or coming back to it after a rating or an import - does not
    wait for the analysis of a large network; then pages stop saying they show an earlier one.  Runs
    until the database stops changing under it.  Errors are logged, never raised: this runs in the
    background."""
    try:
        while True:
            version = state.cache.database_version()
            as_of = state.cache.current_as_of(int(time.time()))
            with open_database(state.db_path, migrate=False) as db, state.cache.current_only():
                tie_table(state, db, as_of)
                structure(state, db, as_of)
                report(state, db, as_of)
                index(state, db)
            if state.cache.database_version() == version:
                break
        state.cache.refreshed()
    except Exception:
        log.exception("warming the analysis cache failed; pages compute it when opened")
    finally:
        state.warmed = True


def _warm_up_and_release(state: WebState) -> None:
    try:
        warm_up(state)
    finally:
        state.warming.release()


def start_warm_up(state: WebState) -> None:
    """:func:`warm_up` in a daemon thread, when the app was created to warm in the background (one at a
    time: a request while one runs leaves it to catch up)."""
    if state.warm_in_background and state.warming.acquire(blocking=False):
        threading.Thread(
            target=_warm_up_and_release, args=(state,), name="netvalue-warm-up", daemon=True
        ).start()
