"""A small database built from records (the store's own entry point) and a dashboard client over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netvalue.keys import normalize_email, normalize_linkedin_url
from netvalue.records import FileRead, Identity, ImportItem, InteractionRecord, InvitationRecord, PersonRecord
from netvalue.store import Database
from netvalue.store.ingest import import_stream
from netvalue.web import create_app

TOKEN = "test-token-0123456789"
PORT = 8765
BASE_URL = f"http://127.0.0.1:{PORT}"
AS_OF = int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp())
DAY = 86_400
COMPANIES = ("Acme", "Globex", "Initech")


def person_identities(i: int) -> tuple[Identity, ...]:
    return (
        Identity("linkedin", normalize_linkedin_url(f"https://www.linkedin.com/in/person-{i}")),
        Identity("email", normalize_email(f"person{i}@example.com")),
    )


def small_network(people: int = 40) -> list[ImportItem]:
    """``people`` connections at three companies; the first half write back and forth (the first few
    often and lately), four more were close two years ago and silent since (dormant), group threads tie
    each company's people together, three invitations wait."""
    items: list[ImportItem] = []
    for i in range(people):
        items.append(
            PersonRecord(
                source="linkedin",
                identities=person_identities(i),
                name=f"Person {i:02d} {'Ada' if i % 2 else 'Bo'}",
                company=COMPANIES[i % 3],
                position="Engineer" if i % 2 else "Designer",
                is_connection=True,
                connected_on=AS_OF - (900 - i) * DAY,
            )
        )
    items.append(FileRead("Connections.csv", rows=people))
    key = 0
    for i in range(people // 2):
        email = person_identities(i)[1]
        gap = 5 + 10 * i  # days between messages: the first people are written to most often
        for n in range(max(2, 30 - i)):
            when = AS_OF - (i * 20 + n * gap) * DAY
            for direction in ("sent", "received"):
                key += 1
                items.append(
                    InteractionRecord(
                        source="email",
                        source_key=f"m{key}",
                        person=email,
                        kind="email",
                        direction=direction,  # type: ignore[arg-type]
                        occurred_at=when,
                        message_key=f"m{key}",
                        title=f"Project {i} update {n}",
                        length=400,
                    )
                )
    for i in range(20, 24):  # once strong, silent for two years: dormant ties the weekly plan suggests
        email = person_identities(i)[1]
        for n in range(40):
            when = AS_OF - (730 + 8 * n) * DAY
            for direction in ("sent", "received"):
                key += 1
                items.append(
                    InteractionRecord(
                        source="email",
                        source_key=f"d{key}",
                        person=email,
                        kind="email",
                        direction=direction,  # type: ignore[arg-type]
                        occurred_at=when,
                        message_key=f"d{key}",
                        title=f"Old project {i} {n}",
                        length=600,
                    )
                )
    for c, company in enumerate(COMPANIES):
        members = [i for i in range(people) if i % 3 == c][:8]
        for thread in range(6):
            message = f"g{c}-{thread}"
            for i in members:
                key += 1
                items.append(
                    InteractionRecord(
                        source="email",
                        source_key=f"g{key}",
                        person=person_identities(i)[1],
                        kind="email",
                        direction="sent",
                        occurred_at=AS_OF - (30 + thread * 40) * DAY,
                        message_key=message,
                        group_size=len(members),
                        title=f"{company} planning {thread}",
                    )
                )
    items.append(FileRead("mail.mbox", rows=key))
    for r in range(3):
        items.append(
            InvitationRecord(
                source="linkedin",
                source_key=f"inv{r}",
                direction="incoming",
                name=f"Requester {r}",
                sent_at=AS_OF - (r + 1) * DAY,
                message="Hi, we met at the Acme meetup; I would like to stay in touch." if r == 0 else None,
                profile_url=f"https://www.linkedin.com/in/requester-{r}",
                headline="Engineer at Acme" if r == 0 else "Growth hacker: 10x your followers",
                company="Acme" if r == 0 else "Spam Inc",
                mutual_connections=5 if r == 0 else 0,
            )
        )
    items.append(FileRead("Invitations.csv", rows=3))
    return items


def build_small_db(path: Path) -> Path:
    with Database.open(path) as db:
        import_stream(db, small_network(), source="linkedin", path="records", sha256="0" * 64, now=AS_OF)
    return path


@pytest.fixture(scope="session")
def small_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_db(tmp_path_factory.mktemp("webdb") / "netvalue.db")


@pytest.fixture
def small_db(small_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the small database (tests write notes, ratings, decisions)."""
    target = tmp_path / "netvalue.db"
    with Database.open(small_db_template, migrate=False) as source:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target.write_bytes(small_db_template.read_bytes())
    return target


@pytest.fixture
def client(small_db: Path) -> Iterator[TestClient]:
    """A signed-in client (the token cookie set), talking as the browser would to 127.0.0.1:PORT."""
    app = create_app(small_db, TOKEN, port=PORT)
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as test_client:
        test_client.cookies.set("netvalue_token", TOKEN)
        yield test_client


@pytest.fixture
def anonymous(small_db: Path) -> Iterator[TestClient]:
    """A client without the token."""
    app = create_app(small_db, TOKEN, port=PORT)
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as test_client:
        yield test_client
