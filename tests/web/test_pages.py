"""Every page answers with its template, and its ``.json`` twin with the same data as plain JSON."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from netvalue.analysis.ties import TIERS

PAGES = [
    ("/overview", "overview.html"),
    ("/people", "people.html"),
    ("/person/1", "person.html"),
    ("/communities", "communities.html"),
    ("/requests", "requests.html"),
    ("/week", "week.html"),
    ("/purpose", "purpose.html"),
    ("/import", "import.html"),
]


@pytest.mark.parametrize(("path", "template"), PAGES)
def test_page_renders_its_template(client: TestClient, path: str, template: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.template.name == template  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text


@pytest.mark.parametrize(("path", "template"), PAGES)
def test_json_twin(client: TestClient, path: str, template: str) -> None:
    response = client.get(path + ".json")
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json(), dict)


def test_root_redirects_to_overview(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/overview"


def test_overview_shows_counts_and_imports(client: TestClient) -> None:
    data = client.get("/overview.json").json()
    assert data["counts"]["people"] == 40
    assert data["imports"][0]["source"] == "linkedin"
    html = client.get("/overview").text
    assert "Sources imported" in html
    assert "What the database holds" in html


def test_overview_trend_feeds_the_chart(client: TestClient) -> None:
    data = client.get("/overview.json").json()
    if "trend" in data["report"]:
        assert data["trend"], "the report has a trend, the chart gets its points"
        assert set(data["trend"][0]) == {"month", "active"}
        assert 'id="trend-chart"' in client.get("/overview").text


def test_people_pages_and_counts(client: TestClient) -> None:
    data = client.get("/people.json?per_page=15&sort=name&order=asc").json()
    assert data["total"] == 40
    assert data["pages"] == 3
    assert len(data["people"]) == 15
    names = [p["name"] for p in data["people"]]
    assert names == sorted(names, key=str.casefold)
    last = client.get("/people.json?per_page=15&sort=name&order=asc&page=3").json()
    assert len(last["people"]) == 10


def test_people_search_and_filters(client: TestClient) -> None:
    found = client.get("/people.json?q=person 07").json()
    assert [p["name"] for p in found["people"]] == ["Person 07 Ada"]
    by_email = client.get("/people.json?q=person12@example.com").json()
    assert [p["id"] for p in by_email["people"]] == [13]
    acme = client.get("/people.json?company=acme&per_page=100").json()
    assert acme["total"] == 14
    assert all(p["company"] == "Acme" for p in acme["people"])
    assert client.get("/people.json?source=linkedin").json()["total"] == 40
    assert client.get("/people.json?source=facebook").json()["total"] == 0


def test_people_sort_by_last_contact_descending(client: TestClient) -> None:
    rows = client.get("/people.json?sort=last_contact&order=desc&per_page=100").json()["people"]
    days = [p["last_contact"] or "" for p in rows]
    assert days == sorted(days, reverse=True)


def test_people_htmx_request_gets_only_the_rows(client: TestClient) -> None:
    response = client.get("/people?q=Ada", headers={"HX-Request": "true"})
    assert response.template.name == "_people_rows.html"  # type: ignore[attr-defined]
    assert "<html" not in response.text
    assert "Person 01 Ada" in response.text


def test_bad_people_query_is_a_one_line_error_page(client: TestClient) -> None:
    response = client.get("/people?sort=shoe-size")
    assert response.status_code == 400
    assert response.template.name == "error.html"  # type: ignore[attr-defined]
    assert "Error: sort must be one of" in response.text
    assert client.get("/people.json?page=x").json()["error"].startswith("Error: page must be")


def test_person_page_shows_identities_and_timeline(client: TestClient) -> None:
    data = client.get("/person/1.json").json()
    assert data["person"]["name"] == "Person 00 Bo"
    kinds = {i["kind"] for i in data["person"]["identities"]}
    assert {"linkedin", "email"} <= kinds
    timeline = data["person"]["timeline"]
    assert timeline, "person 0 wrote back and forth"
    assert {t["direction"] for t in timeline} >= {"sent", "received"}
    days = [t["occurred_at"] for t in timeline]
    assert days == sorted(days, reverse=True), "newest first"
    html = client.get("/person/1").text
    assert "Project 0 update 0" in html


def test_unknown_person_is_the_cli_error(client: TestClient) -> None:
    response = client.get("/person/9999")
    assert response.status_code == 404
    assert "Error: no person has the id 9999" in response.text
    assert "Traceback" not in response.text
    assert client.get("/person/9999.json").json() == {"error": "Error: no person has the id 9999"}


def test_unknown_page_is_an_error_page(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Error: no such page" in response.text


def test_map_data(client: TestClient) -> None:
    response = client.get("/map")
    assert response.status_code == 200
    assert response.template.name == "map.html"  # type: ignore[attr-defined]
    data = client.get("/map.json").json()
    assert data["shown"] == len(data["nodes"]) > 0
    ids = {n["id"] for n in data["nodes"]}
    assert all(a in ids and b in ids for a, b, _ in data["edges"])
    # the tiers in the analysis' order (closest first), for the map's legend
    assert data["tiers"] == [t for t in TIERS if t in data["tiers"]]
    assert set(data["tiers"]) >= {n["tier"] for n in data["nodes"]}
    capped = client.get("/map.json?limit=5").json()
    assert capped["shown"] == 5
    assert capped["total"] == data["total"]
    strengths = [n["strength"] for n in capped["nodes"]]
    assert strengths == sorted(strengths, reverse=True)


def test_static_assets_are_vendored(client: TestClient) -> None:
    for name in (
        "htmx-2.0.11.min.js",
        "vega-6.4.0.min.js",
        "vega-lite-6.4.3.min.js",
        "vega-embed-7.3.0.min.js",
        "sigma-3.0.3.min.js",
        "graphology-0.26.0.umd.min.js",
        "graphology-layout-forceatlas2-0.10.1.js",
    ):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, name
        assert len(response.content) > 10_000
    html = client.get("/overview").text + client.get("/map").text
    assert "http://" not in html.replace("http://127.0.0.1", "").split("<footer>")[0] or "cdn" not in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


def test_communities_and_hangouts_by(client: TestClient) -> None:
    data = client.get("/communities.json").json()
    assert data["communities"]["communities"], "three companies with group threads make communities"
    assert data["hangouts"]["by"] == "company"
    names = {g["name"] for g in data["hangouts"]["groups"]}
    assert {"Acme", "Globex", "Initech"} <= names
    assert client.get("/communities.json?by=community").json()["hangouts"]["by"] == "community"
    bad = client.get("/communities?by=zodiac")
    assert bad.status_code == 400
    assert "Error: by must be one of" in bad.text


def test_malformed_path_or_form_is_a_one_line_error(client: TestClient) -> None:
    response = client.get("/person/abc")
    assert response.status_code == 400
    assert response.template.name == "error.html"  # type: ignore[attr-defined]
    assert "Error: person_id" in response.text
    missing = client.post("/week/done", data={}, headers={"Origin": "http://127.0.0.1:8765"})
    assert missing.status_code == 400
    assert "Error: person_id" in missing.text


def test_people_filter_by_tier_and_dormant(client: TestClient) -> None:
    dormant = client.get("/people.json?dormant=yes&per_page=100").json()["people"]
    assert {p["id"] for p in dormant} >= {21, 22, 23, 24}, "close two years ago, silent since"
    assert all(p["dormant"] for p in dormant)
    collected = client.get("/people.json?tier=collected names&per_page=100").json()["people"]
    assert collected, "people with no two-way exchange are collected names"
    assert all(p["tier"] == "collected names" for p in collected)
    assert not {p["id"] for p in collected} & {1, 2, 3}


def test_overview_has_an_as_of_control_and_says_when_the_evidence_is_old(client: TestClient) -> None:
    # issue 15: as of a day long after the newest evidence, the page says so once and links to that day
    late = client.get("/overview?as_of=2040-01-01")
    assert late.status_code == 200
    assert 'name="as_of" value="2040-01-01"' in late.text
    assert 'id="stale"' in late.text and "Your newest evidence is from" in late.text
    newest = client.get("/overview.json?as_of=2040-01-01").json()["report"]["evidence"]["newest"]
    day = dt.datetime.fromtimestamp(newest, dt.UTC).strftime("%Y-%m-%d")
    assert f"/overview?as_of={day}" in late.text
    # as of that day the evidence is fresh: no note
    fresh = client.get(f"/overview?as_of={day}")
    assert fresh.status_code == 200 and 'id="stale"' not in fresh.text
