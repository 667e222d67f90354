"""The dashboard refuses what it must: no token (401), a cross-site write (403), a foreign Host (400)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import BASE_URL, PORT, TOKEN

from netvalue.web.security import (
    COOKIE_NAME,
    ONE_TIME_SECONDS,
    SECURITY_HEADERS,
    OneTimeLinks,
    host_is_allowed,
    new_token,
)


def test_without_token_every_page_is_401(anonymous: TestClient) -> None:
    for path in (
        "/overview",
        "/overview.json",
        "/people.json",
        "/map.json",
        "/static/css/app.css",
        "/person/1",
    ):
        response = anonymous.get(path)
        assert response.status_code == 401, path
        assert "netvalue serve" in response.text


def test_wrong_token_is_401(anonymous: TestClient) -> None:
    assert anonymous.get("/overview?token=wrong").status_code == 401
    anonymous.cookies.set(COOKIE_NAME, "wrong")
    assert anonymous.get("/overview").status_code == 401


def test_token_in_url_becomes_a_strict_httponly_cookie_and_leaves_the_url(anonymous: TestClient) -> None:
    response = anonymous.get(f"/people?token={TOKEN}&q=ada")
    assert response.status_code == 303
    assert response.headers["location"] == "/people?q=ada"
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE_NAME}={TOKEN}" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()
    followed = anonymous.get("/people?q=ada")
    assert followed.status_code == 200


def test_bearer_token_works_for_scripts(anonymous: TestClient) -> None:
    response = anonymous.get("/overview.json", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert "counts" in response.json()


def test_cross_site_post_is_403(client: TestClient) -> None:
    for headers in (
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "http://127.0.0.1:9999"},
    ):
        response = client.post("/person/1/notes", data={"text": "pwned"}, headers=headers)
        assert response.status_code == 403, headers
    page = client.get("/person/1.json").json()
    assert page["person"]["notes"] == []


def test_same_origin_post_is_accepted(client: TestClient) -> None:
    response = client.post(
        "/person/1/notes",
        data={"text": "met at PyCon"},
        headers={"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303
    assert [n["text"] for n in client.get("/person/1.json").json()["person"]["notes"]] == ["met at PyCon"]


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1:1", f"192.168.1.5:{PORT}"):
        response = client.get("/overview", headers={"Host": host})
        assert response.status_code in (400, 421), host
    assert client.get("/overview", headers={"Host": f"localhost:{PORT}"}).status_code == 200


def test_host_check_without_a_known_port() -> None:
    assert host_is_allowed("127.0.0.1:5000", None)
    assert host_is_allowed("localhost", None)
    assert not host_is_allowed("evil.example:5000", None)
    assert not host_is_allowed("127.0.0.1.evil.example", None)


def test_security_headers_on_pages(client: TestClient) -> None:
    response = client.get("/overview")
    for name in SECURITY_HEADERS:
        assert name in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_tokens_are_random_and_long() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 40 for t in tokens)


def test_a_cross_site_post_carrying_the_token_in_its_url_is_403(anonymous: TestClient) -> None:
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = anonymous.post(f"/person/1/notes?token={TOKEN}", data={"text": "pwned"}, headers=headers)
        assert response.status_code == 403, headers
    response = anonymous.post(
        "/person/1/notes",
        data={"text": "pwned"},
        headers={"Origin": "http://evil.example", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 403
    page = anonymous.get("/person/1.json", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert page["person"]["notes"] == []


def test_a_same_origin_post_with_the_token_in_its_url_still_works(anonymous: TestClient) -> None:
    response = anonymous.post(
        f"/person/1/notes?token={TOKEN}",
        data={"text": "from a script"},
        headers={"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code in (200, 303)


def test_a_one_time_link_buys_the_cookie_once(anonymous: TestClient) -> None:
    links = anonymous.app.state.one_time_links  # type: ignore[attr-defined]
    secret = links.issue()
    response = anonymous.get(f"/?once={secret}")
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert f"{COOKIE_NAME}={TOKEN}" in response.headers["set-cookie"]
    anonymous.cookies.clear()
    assert anonymous.get(f"/overview?once={secret}").status_code == 401  # dead after its first use
    assert anonymous.get(f"/overview?once={new_token()}").status_code == 401


def test_a_one_time_link_dies_after_a_minute() -> None:
    links = OneTimeLinks()
    secret = links.issue(now=1000.0)
    assert not links.redeem(secret, now=1000.0 + ONE_TIME_SECONDS + 1)
    assert not links.redeem(secret, now=1000.0)
    fresh = links.issue(now=1000.0)
    assert links.redeem(fresh, now=1000.0 + ONE_TIME_SECONDS - 1)


def test_any_method_but_get_head_options_is_checked_for_its_origin(client: TestClient) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE", "PROPFIND"):
        response = client.request(method, "/person/1/notes", headers={"Origin": "http://evil.example"})
        assert response.status_code == 403, method
