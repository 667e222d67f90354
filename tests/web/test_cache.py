"""The analysis cache: reused while the database is unchanged, stale after any other commit."""

from __future__ import annotations

import time
from pathlib import Path

from netvalue.store import Database
from netvalue.store.people import add_note
from netvalue.store.web_queries import set_rating
from netvalue.web import create_app
from netvalue.web.cache import AnalysisCache
from netvalue.web.features import warm_up


def test_cached_until_the_database_changes(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("x", 1, compute) == 1
    assert cache.get("x", 1, compute) == 1
    assert cache.get("x", 2, compute) == 2, "another key is another entry"
    with Database.open(small_db) as db:
        set_rating(db, 1, 3)
    assert cache.get("x", 1, compute) == 3, "a commit by another connection makes the entry stale"
    cache.close()


def test_a_note_keeps_the_analysis(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    assert cache.get("ties", 1, lambda: "computed") == "computed"
    before = cache.database_version()
    with Database.open(small_db) as db:
        add_note(db, 1, "not an input of any analysis")
    assert cache.database_version() != before
    cache.carry_forward(before)
    assert cache.get("ties", 1, lambda: "recomputed") == "computed"
    cache.close()


def test_now_is_the_end_of_the_day_as_on_the_command_line(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    midnight = 1_000_000 * 86_400
    assert cache.current_as_of(midnight) == midnight + 86_400
    assert cache.current_as_of(midnight + 86_399) == midnight + 86_400
    assert cache.current_as_of(midnight + 86_400) == midnight + 2 * 86_400
    cache.close()


def test_an_earlier_value_is_shown_while_the_current_one_is_computed(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    refreshes: list[int] = []
    assert cache.get("x", 1, lambda: "first", refresh=lambda: refreshes.append(1)) == "first"
    assert cache.showing_since is None
    with Database.open(small_db) as db:
        set_rating(db, 1, 3)
    shown = cache.get("x", 1, lambda: "second", refresh=lambda: refreshes.append(1))
    assert shown == "first" and refreshes == [1] and cache.showing_since is not None
    derived = cache.get("y", 1, lambda: cache.get("x", 1, lambda: "second", refresh=lambda: None) + "!")
    assert derived == "first!"
    with cache.current_only():
        assert cache.get("x", 1, lambda: "second", refresh=lambda: refreshes.append(1)) == "second"
    cache.refreshed()
    assert cache.showing_since is None and refreshes == [1]
    assert cache.get("y", 1, lambda: "derived again") == "derived again", (
        "a value made of an earlier one is not kept"
    )
    cache.close()


def test_only_the_last_entries_are_kept(small_db: Path) -> None:
    cache = AnalysisCache(small_db, keep=2)
    for key in range(3):
        cache.get("x", key, lambda key=key: key)
    assert cache.get("x", 0, lambda: "again") == "again"
    cache.close()


def test_warm_up_fills_the_cache_for_now(small_db: Path) -> None:
    app = create_app(small_db, "token")
    state = app.state.web
    warm_up(state)
    as_of = state.cache.current_as_of(int(time.time()))
    computed: list[str] = []
    for name in ("network-report", "ties", "structure"):
        state.cache.get(name, as_of, lambda name=name: computed.append(name))
    assert computed == [], "warm_up computed the report, the ties and the structure already"
    state.cache.close()
