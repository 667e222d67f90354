"""Rendered pages kept per database version: reused while nothing changed, never past a write, and
never kept when they showed an earlier analysis (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BASE_URL, PORT, TOKEN

from netvalue.store import Database
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
