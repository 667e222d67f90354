"""A member's database for the team tests: an owner, people at every tier, a tagged one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netvalue.store import Database

DAY = 86_400
END = 1_751_328_000  # 2025-07-01T00:00:00Z
AS_OF = "2025-06-30"


def add_person(
    db: Database,
    pid: int,
    name: str,
    *,
    email: str | None = None,
    company: str | None = None,
    position: str | None = None,
    linkedin: str | None = None,
    phone: str | None = None,
) -> None:
    db.conn.execute(
        "INSERT INTO people (id, name, company, position, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)",
        (pid, name, company, position),
    )
    for kind, value in (("email", email), ("linkedin", linkedin), ("phone", phone)):
        if value:
            db.conn.execute(
                "INSERT INTO identities (kind, value, person_id, source) VALUES (?, ?, ?, 'test')",
                (kind, value, pid),
            )


def add_mail(db: Database, pid: int, when: int, direction: str, key: str) -> None:
    db.conn.execute(
        "INSERT INTO interactions (source, source_key, person_id, kind, direction, occurred_at) VALUES"
        " ('email', ?, ?, 'email', ?, ?)",
        (key, pid, direction, when),
    )


def weekly(db: Database, pid: int, weeks: int, tag: str) -> None:
    for week in range(1, weeks):
        add_mail(db, pid, END - week * 7 * DAY, ("sent", "received")[week % 2], f"{tag}{week}")


@pytest.fixture
def member_db(tmp_path: Path) -> Callable[..., Path]:
    """A maker of a member's database: ``owner`` and their address; Ada at Acme (weekly, both ways), Carol
    (weekly, tagged ``private``), a stream of one-way mail from Bob (a collected name), and ``extra`` people
    ``(id, name, email, company)`` written weekly."""

    def make(
        filename: str = "member.db",
        owner: str | None = "Mia Member",
        owner_email: str = "mia@team.example",
        extra: tuple[tuple[int, str, str, str | None], ...] = (),
    ) -> Path:
        path = tmp_path / filename
        if path.exists():  # made already: the same member's database
            return path
        db = Database.open(path)
        if owner:
            db.conn.execute("INSERT INTO owner (key, value, source) VALUES ('name', ?, 'test')", (owner,))
        db.conn.execute(
            "INSERT INTO owner_identities (kind, value, source) VALUES ('email', ?, 'test')", (owner_email,)
        )
        add_person(
            db,
            1,
            "Ada Lovelace",
            email="ada@acme.example",
            company="Acme Inc",
            position="Chief Technology Officer",
            linkedin="https://www.linkedin.com/in/ada-lovelace",
            phone="+14155550123",
        )
        weekly(db, 1, 60, "a")
        add_person(db, 2, "Bob Bulkmail", email="bob@stream.example", company="Streamco")
        for week in range(1, 30):
            add_mail(db, 2, END - week * 7 * DAY, "received", f"b{week}")
        add_person(db, 3, "Carol Secret", email="carol@hidden.example", company="Hidden Ltd")
        weekly(db, 3, 60, "c")
        db.conn.execute("INSERT INTO user_tags (person_id, tag, created_at) VALUES (3, 'private', 0)")
        for pid, name, email, company in extra:
            add_person(db, pid, name, email=email, company=company)
            weekly(db, pid, 40, f"x{pid}-")
        db.conn.commit()
        db.close()
        return path

    return make
