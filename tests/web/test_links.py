"""Profile links are absolute ``https://`` URLs; only http(s) addresses ever become links."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netvalue.web.rendering import web_link


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("www.linkedin.com/in/ada-l%C3%B6velace", "https://www.linkedin.com/in/ada-l%C3%B6velace"),
        ("https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
        ("HTTP://example.org/x", "HTTP://example.org/x"),
        ("javascript:alert(1)", None),
        ("JavaScript://example.org/%0Aalert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("file:///etc/passwd", None),
        ("//evil.example/x", None),
        ("/person/1", None),
        ("ada lovelace", None),
        ("linkedin.com/in/ada\nx", None),
        ("", None),
        (None, None),
    ],
)
def test_web_link(value: object, expected: str | None) -> None:
    assert web_link(value) == expected


def test_a_stored_profile_address_links_to_https(client: TestClient) -> None:
    page = client.get("/person/1").text
    assert (
        'href="https://linkedin.com/in/person-' in page or 'href="https://www.linkedin.com/in/person-' in page
    )
    assert 'href="linkedin.com' not in page and 'href="www.linkedin.com' not in page


def test_requests_link_to_the_profile(client: TestClient) -> None:
    page = client.get("/requests").text
    assert 'href="https://www.linkedin.com/in/requester-0"' in page
