"""A page over an analysis that fails with a bug shows everything else and names what it could not
compute in the user's words (issue 16: not a module's dotted name)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netvalue.app.ties import TieTable
from netvalue.web import features


def _broken(*_: object, **__: object) -> TieTable:
    raise RuntimeError("a bug in the tie analysis")


def test_a_failed_tie_analysis_is_named_and_the_rest_is_shown(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(features, "load_ties", _broken)
    page = client.get("/people")
    assert page.status_code == 200
    assert "Could not compute, so not shown: tie strength" in page.text
    assert "netvalue.app" not in page.text
    data = client.get("/people.json").json()
    assert data["total"] > 0 and {p["tier"] for p in data["people"]} == {None}


def test_a_person_page_survives_a_failed_tie_analysis(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(features, "load_ties", _broken)
    data = client.get("/person/1.json").json()
    assert data["tie"] is None and data["person"]["id"] == 1
