"""The analysis cache: reused while the database is unchanged, stale after any other commit."""

from __future__ import annotations

import time
from pathlib import Path

from netvalue.store import Database
from netvalue.store.people import add_note
from netvalue.store.web_queries import set_rating
from netvalue.web import create_app
from netvalue.web.cache import NOW_REUSE_SECONDS, AnalysisCache
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


def test_now_is_reused_for_an_hour_while_nothing_changes(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    first = cache.current_as_of(1_000_000)
    assert cache.current_as_of(1_000_000 + 60) == first
    assert cache.current_as_of(1_000_000 + NOW_REUSE_SECONDS + 1) == 1_000_000 + NOW_REUSE_SECONDS + 1
    with Database.open(small_db) as db:
        set_rating(db, 2, 5)
    assert cache.current_as_of(1_000_000 + NOW_REUSE_SECONDS + 2) == 1_000_000 + NOW_REUSE_SECONDS + 2
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
