"""Rendered pages kept per database version: reused while nothing changed, never past a write, and
never kept when they showed an earlier analysis (issue 16)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BASE_URL, PORT, TOKEN

from netvalue.store import Database
from netvalue.store.people import forget_person
from netvalue.store.web_queries import set_rating
from netvalue.web import create_app
from netvalue.web.cache import AnalysisCache
from netvalue.web.features import warm_up

SAME_ORIGIN = {"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"}


def test_a_page_is_rendered_once_per_database_version(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    renders: list[int] = []

    def render() -> str:
        renders.append(1)
        return f"page {len(renders)}"

    assert cache.page("/people", render, lambda page: True) == "page 1"
    assert cache.page("/people", render, lambda page: True) == "page 1", "the same bytes, not rendered again"
    assert cache.page("/people?page=2", render, lambda page: True) == "page 2", "another query, another page"
    with Database.open(small_db) as db:
        set_rating(db, 1, 3)
    assert cache.page("/people", render, lambda page: True) == "page 3", "a commit invalidates the page"
    cache.close()


def test_a_page_the_caller_does_not_keep_is_rendered_again(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    assert cache.page("/people", lambda: "error", lambda page: False) == "error"
    assert cache.page("/people", lambda: "page", lambda page: True) == "page"
    cache.close()


def test_a_page_that_showed_an_earlier_analysis_is_not_kept_as_current(small_db: Path) -> None:
    cache = AnalysisCache(small_db)
    cache.get("ties", 1, lambda: "old ties", refresh=lambda: None)
    with Database.open(small_db) as db:
        set_rating(db, 1, 3)

    def render() -> str:
        return "page of " + cache.get("ties", 1, lambda: "new ties", refresh=lambda: None)

    assert cache.page("/people", render, lambda page: True) == "page of old ties"
    cache.refreshed()  # the background computation caught up
    cache.get("ties", 1, lambda: "new ties")
    assert cache.page("/people", render, lambda page: True) == "page of new ties"
    cache.close()


def test_a_note_changes_what_a_cached_search_finds(client: TestClient) -> None:
    url = "/people.json?q=zebracorn"
    assert client.get(url).json()["total"] == 0
    assert client.get(url).json()["total"] == 0  # served from the page cache
    posted = client.post("/person/2/notes", data={"text": "met at the zebracorn meetup"}, headers=SAME_ORIGIN)
    assert posted.status_code == 303
    assert [p["id"] for p in client.get(url).json()["people"]] == [2]


def test_the_map_data_follows_a_rating(client: TestClient) -> None:
    before = {n["id"]: n["strength"] for n in client.get("/map.json").json()["nodes"]}
    assert client.get("/map.json").json()["nodes"], "the small network has a map"
    person = min(before, key=lambda pid: before[pid])
    posted = client.post(f"/person/{person}/rating", data={"rating": "5"}, headers=SAME_ORIGIN)
    assert posted.status_code == 303
    after = {n["id"]: n["strength"] for n in client.get("/map.json").json()["nodes"]}
    assert after[person] == 1.0 != before[person]


@pytest.fixture
def warm_client(small_db: Path) -> Iterator[TestClient]:
    """As ``netvalue serve`` runs it: the analysis warmed in the background."""
    app = create_app(small_db, TOKEN, port=PORT, warm=True)
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as test_client:
        test_client.cookies.set("netvalue_token", TOKEN)
        yield test_client


def test_a_page_with_the_earlier_analysis_notice_is_not_served_once_current(warm_client: TestClient) -> None:
    state = warm_client.app.state.web  # type: ignore[attr-defined]
    state.warming.acquire()  # hold the background computation back, as a large network would
    try:
        assert b"earlier-analysis" not in warm_client.get("/people").content
        posted = warm_client.post("/person/3/rating", data={"rating": "5"}, headers=SAME_ORIGIN)
        assert posted.status_code == 303
        assert b"earlier-analysis" in warm_client.get("/people").content
        assert b"earlier-analysis" in warm_client.get("/people").content
    finally:
        state.warming.release()
    warm_up(state)
    assert b"earlier-analysis" not in warm_client.get("/people").content


def _served_without_warming(db_path: Path) -> tuple[TestClient, Any]:
    """The app as ``netvalue serve`` starts it, its first background computation not finished yet."""
    app = create_app(db_path, TOKEN, port=PORT, warm=True)
    app.state.web.warming.acquire()  # the start-up computation waits, as on a large network
    test_client = TestClient(app, base_url=BASE_URL, follow_redirects=False)
    test_client.cookies.set("netvalue_token", TOKEN)
    return test_client, app.state.web


def _rendered_once_warm(db_path: Path) -> bytes:
    app = create_app(db_path, TOKEN, port=PORT, warm=True)
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as first:
        first.cookies.set("netvalue_token", TOKEN)
        warm_up(app.state.web)
        page = first.get("/people")
        assert page.status_code == 200 and b"earlier-analysis" not in page.content
        return page.content


def _notice(page: bytes) -> bytes:
    start = page.index(b"<main>") + len(b"<main>")
    return page[start : page.index(b"</p>", start) + len(b"</p>")]


def test_after_a_restart_the_last_page_is_shown_dated_while_the_analysis_is_computed(small_db: Path) -> None:
    last = _rendered_once_warm(small_db)
    with Database.open(small_db) as db:
        set_rating(db, 4, 5)  # the data changed while the server was down
    test_client, state = _served_without_warming(small_db)
    with test_client:
        shown = test_client.get("/people")
        assert shown.status_code == 200
        notice = _notice(shown.content)
        assert (
            b'id="earlier-analysis"' in notice and time.strftime("%Y-%m-%d", time.gmtime()).encode() in notice
        )
        assert shown.content.replace(notice, b"") == last, "the last page, with the notice"
        assert b"earlier-analysis" not in test_client.get("/people?page=1").content, "a query computes"
        state.warming.release()
        warm_up(state)
        assert b"earlier-analysis" not in test_client.get("/people").content, (
            "once computed, the current page"
        )


def test_no_last_page_is_shown_after_someone_was_forgotten(small_db: Path) -> None:
    last = _rendered_once_warm(small_db)
    assert b'"/person/5"' in last
    with Database.open(small_db) as db:
        forget_person(db, 5, now=int(time.time()) + 1)
    test_client, state = _served_without_warming(small_db)
    with test_client:
        shown = test_client.get("/people")
        assert shown.status_code == 200 and b'"/person/5"' not in shown.content, "computed, not the last page"
        state.warming.release()
