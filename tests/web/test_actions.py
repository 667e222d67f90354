"""What a user changes from the browser lands in the database through the same store functions as the CLI."""

from __future__ import annotations

import html
import io
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BASE_URL, PORT, TOKEN

from netvalue.web import create_app

SAME_ORIGIN = {"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"}
HTMX = {**SAME_ORIGIN, "HX-Request": "true"}


def test_add_note_with_htmx_returns_the_notes_fragment(client: TestClient) -> None:
    response = client.post("/person/2/notes", data={"text": "wants intros to fintech founders"}, headers=HTMX)
    assert response.status_code == 200
    assert response.template.name == "_notes.html"  # type: ignore[attr-defined]
    assert "wants intros to fintech founders" in response.text
    assert (
        client.get("/person/2.json").json()["person"]["notes"][0]["text"]
        == "wants intros to fintech founders"
    )
    found = client.get("/people.json?q=fintech").json()
    assert [p["id"] for p in found["people"]] == [2]


def test_empty_note_is_the_cli_error(client: TestClient) -> None:
    response = client.post("/person/2/notes", data={"text": "   "}, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Error: a note needs some text" in response.text


def test_note_for_unknown_person(client: TestClient) -> None:
    response = client.post("/person/999/notes", data={"text": "x"}, headers=SAME_ORIGIN)
    assert response.status_code == 404
    assert "Error: no person has the id 999" in response.text


def test_tag_and_untag(client: TestClient) -> None:
    response = client.post("/person/3/tags", data={"tag": "mentor"}, headers=HTMX)
    assert response.status_code == 200
    assert "mentor" in response.text
    assert client.get("/person/3.json").json()["person"]["tags"] == ["mentor"]
    client.post("/person/3/tags", data={"tag": "mentor", "remove": "1"}, headers=HTMX)
    assert client.get("/person/3.json").json()["person"]["tags"] == []


def test_rating_is_recorded_and_overrides_the_score(client: TestClient) -> None:
    response = client.post("/person/30/rating", data={"rating": "5"}, headers=HTMX)
    assert response.status_code == 200
    assert "5/5" in response.text
    data = client.get("/person/30.json").json()
    assert data["person"]["rating"] == 5
    if data["tie"] is not None:
        assert data["tie"]["rating"] == 5
        assert data["tie"]["strength"] == 1.0
    client.post("/person/30/rating", data={"rating": ""}, headers=HTMX)
    assert client.get("/person/30.json").json()["person"]["rating"] is None


def test_rating_out_of_range_is_refused(client: TestClient) -> None:
    for bad in ("0", "6", "three"):
        response = client.post("/person/30/rating", data={"rating": bad}, headers=SAME_ORIGIN)
        assert response.status_code == 400, bad
        assert "Error: a rating is a whole number from 1 to 5" in response.text


def test_plain_form_post_redirects_back_to_the_person(client: TestClient) -> None:
    response = client.post("/person/4/notes", data={"text": "plain form"}, headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert response.headers["location"] == "/person/4"


def test_purpose_view_and_edit(client: TestClient) -> None:
    assert client.get("/purpose.json").json()["purpose"]["is_set"] is False
    response = client.post(
        "/purpose",
        data={
            "goals": ["job-search", "learning"],
            "roles": "engineer, designer",
            "companies": "Acme",
            "open_to_strangers": "yes",
        },
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 303
    purpose = client.get("/purpose.json").json()["purpose"]
    assert purpose["goals"] == ["job-search", "learning"]
    assert purpose["roles"] == ["engineer", "designer"]
    assert purpose["companies"] == ["Acme"]
    assert purpose["open_to_strangers"] is True
    assert "job search" in client.get("/purpose?saved=1").text


def test_purpose_with_an_unknown_goal_is_the_cli_error(client: TestClient) -> None:
    response = client.post("/purpose", data={"goals": ["world-domination"]}, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Error: unknown goal 'world-domination'" in html.unescape(response.text)


def _wait_for(client: TestClient, job_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job: dict[str, object] = client.get(f"/import/{job_id}.json").json()["job"]
        if job["state"] != "running":
            return job
        time.sleep(0.1)
    raise AssertionError("the import did not finish in 30 s")


def _vcard() -> bytes:
    return (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Uploaded\r\nN:Uploaded;Zed;;;\r\n"
        b"EMAIL:zed.uploaded@example.org\r\nORG:Upload Co\r\nEND:VCARD\r\n"
    )


def test_upload_imports_with_the_cli_importer(client: TestClient) -> None:
    response = client.post(
        "/import",
        files={"file": ("contacts.vcf", _vcard(), "text/vcard")},
        data={"source": ""},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = _wait_for(client, job_id)
    assert job["state"] == "done", job
    assert job["report"]["path"] == "contacts.vcf"  # type: ignore[index]
    assert client.get("/people.json?q=Zed Uploaded").json()["total"] == 1
    page = client.get(f"/import/{job_id}")
    assert page.status_code == 200
    assert "Imported" in page.text


def test_upload_of_an_unknown_file_shows_the_cli_error(client: TestClient) -> None:
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as archive:
        archive.writestr("readme.txt", "nothing netvalue knows")
    response = client.post(
        "/import", files={"file": ("mystery.zip", blob.getvalue(), "application/zip")}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.template.name == "_import_job.html"  # type: ignore[attr-defined]
    job_id = response.text.split('id="job-', 1)[1].split('"', 1)[0]
    job = _wait_for(client, job_id)
    assert job["state"] == "failed"
    error = str(job["error"])
    assert error.startswith("Error: mystery.zip")
    assert "netvalue-upload-" not in error
    assert "Traceback" not in client.get(f"/import/{job_id}").text


def test_upload_with_an_unknown_source_is_refused(client: TestClient) -> None:
    response = client.post(
        "/import",
        files={"file": ("a.csv", b"x", "text/csv")},
        data={"source": "myspace"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 400
    assert "is not a source netvalue knows" in response.text


def test_import_page_lists_every_importer(client: TestClient) -> None:
    sources = {s["source"] for s in client.get("/import.json").json()["sources"]}
    assert {"linkedin", "vcard"} <= sources


def test_requests_queue_and_decision(client: TestClient) -> None:
    queue = client.get("/requests.json").json()["requests"]
    assert {r["name"] for r in queue} == {"Requester 0", "Requester 1", "Requester 2"}
    assert all({"id", "decision", "score", "reasons"} <= set(r) for r in queue)
    ref = next(r["id"] for r in queue if r["name"] == "Requester 0")
    response = client.post(f"/requests/{ref}/decide", data={"decision": "accept"}, headers=HTMX)
    assert response.status_code == 200
    assert 'data-decided="accept"' in response.text
    assert ref not in {r["id"] for r in client.get("/requests.json").json()["requests"]}


def test_request_decision_must_be_accept_or_ignore(client: TestClient) -> None:
    response = client.post("/requests/i1/decide", data={"decision": "maybe"}, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Error: decide accept or ignore" in response.text
    unknown = client.post("/requests/i999/decide", data={"decision": "accept"}, headers=SAME_ORIGIN)
    assert unknown.status_code == 400
    assert "no connection request has the id" in unknown.text


def test_week_plan_done_and_streak(client: TestClient) -> None:
    week = client.get("/week.json").json()
    assert 1 <= len(week["items"]) <= 3
    assert all(item["why"] and item["opener"] for item in week["items"])
    person_id = week["items"][0]["id"]
    response = client.post(
        "/week/done", data={"person_id": str(person_id), "outcome": "replied", "note": "coffee"}, headers=HTMX
    )
    assert response.status_code == 200
    assert f'data-done="{person_id}"' in response.text
    after = client.get("/week.json").json()
    assert after["streak"] == 1
    assert any(i["id"] == person_id and i["done"] for i in after["items"])
    assert after["history"][-1]["done"][0]["outcome"] == "replied"


def test_done_with_a_bad_outcome_is_refused(client: TestClient) -> None:
    response = client.post("/week/done", data={"person_id": "1", "outcome": "ghosted"}, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Error: outcome must be one of" in response.text


def _upload_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("netvalue-upload-*")}


@pytest.mark.parametrize("name", ["..", ".", "../..", "a/..", "C:\\Users\\.."])
def test_an_upload_named_dot_dot_is_refused_and_leaves_nothing(client: TestClient, name: str) -> None:
    before = _upload_folders()
    response = client.post("/import", files={"file": (name, b"x", "text/plain")}, headers=SAME_ORIGIN)
    assert response.status_code == 400, response.text
    assert "Error: " in response.text
    assert _upload_folders() == before


def test_an_upload_keeps_only_its_last_name_part(client: TestClient) -> None:
    response = client.post(
        "/import",
        files={"file": ("C:\\Users\\me\\contacts.vcf", _vcard(), "text/vcard")},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 303
    job = _wait_for(client, response.headers["location"].rsplit("/", 1)[1])
    assert job["state"] == "done" and job["file"] == "contacts.vcf", job


def test_an_upload_over_the_limit_is_413_with_what_to_do(small_db: Path) -> None:
    app = create_app(small_db, TOKEN, port=PORT, max_upload_bytes=1000)
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as small:
        small.cookies.set("netvalue_token", TOKEN)
        before = _upload_folders()
        response = small.post(
            "/import", files={"file": ("big.vcf", b"x" * 5000, "text/vcard")}, headers=SAME_ORIGIN
        )
        assert response.status_code == 413
        assert response.text.startswith("Error: the upload is larger than the dashboard's limit")
        assert "netvalue import PATH" in response.text and "--max-upload-mb" in response.text
        assert _upload_folders() == before
        assert small.get("/import.json").json()["jobs"] == []
        ok = small.post("/import", files={"file": ("a.vcf", _vcard(), "text/vcard")}, headers=SAME_ORIGIN)
        assert ok.status_code == 303


def test_a_chunked_upload_over_the_limit_is_cut_off_with_413(small_db: Path) -> None:
    app = create_app(small_db, TOKEN, port=PORT, max_upload_bytes=1000)

    def chunks() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.vcf"\r\n\r\n'
        for _ in range(10):
            yield b"x" * 500
        yield b"\r\n--b--\r\n"

    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as small:
        small.cookies.set("netvalue_token", TOKEN)
        response = small.post(
            "/import",
            content=chunks(),
            headers={**SAME_ORIGIN, "Content-Type": "multipart/form-data; boundary=b"},
        )
        assert response.status_code == 413
        assert small.get("/import.json").json()["jobs"] == []
