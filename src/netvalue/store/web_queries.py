"""The queries the web dashboard needs beyond the CLI's: a people index that pages, sorts and filters
30,000 people in memory, the search behind it, and the user's rating of a person (one person's record is
``store.identity.person_record``, as ``netvalue person`` shows it)."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from netvalue.errors import UsageError
from netvalue.store.database import Database


@dataclass(frozen=True, slots=True)
class PersonIndexRow:
    """One person as the people table lists them (before analysis adds tier and strength)."""

    id: int
    name: str
    company: str | None
    position: str | None
    last_contact: int | None
    interactions: int
    sources: tuple[str, ...]


def people_index(db: Database) -> list[PersonIndexRow]:
    """Every person with company, position, last contact, number of interactions and the sources that
    know them (identities and connections), in id order.  One pass over each table."""
    conn = db.conn
    stats = {
        int(r[0]): (r[1], int(r[2]))
        for r in conn.execute(
            "SELECT person_id, MAX(occurred_at), COUNT(*) FROM interactions GROUP BY person_id"
        )
    }
    sources: dict[int, set[str]] = {}
    for pid, source in conn.execute(
        "SELECT person_id, source FROM identities UNION SELECT person_id, source FROM connections"
    ):
        sources.setdefault(int(pid), set()).add(str(source))
    rows: list[PersonIndexRow] = []
    for pid, name, company, position in conn.execute(
        "SELECT id, name, company, position FROM people ORDER BY id"
    ):
        last, count = stats.get(pid, (None, 0))
        rows.append(
            PersonIndexRow(
                id=pid,
                name=name,
                company=company,
                position=position,
                last_contact=last,
                interactions=count,
                sources=tuple(sorted(sources.get(pid, ()))),
            )
        )
    return rows


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_person_ids(db: Database, text: str) -> set[int]:
    """Ids of people whose name, company, position, identity, tag or note contains ``text``
    (case-insensitive, like ``netvalue people --search``)."""
    pattern = f"%{_escape_like(text.strip())}%"
    sql = """
    SELECT id FROM people WHERE name LIKE :p ESCAPE '\\' OR company LIKE :p ESCAPE '\\'
        OR position LIKE :p ESCAPE '\\' OR headline LIKE :p ESCAPE '\\'
    UNION SELECT person_id FROM identities WHERE value LIKE :p ESCAPE '\\'
    UNION SELECT person_id FROM user_tags WHERE tag LIKE :p ESCAPE '\\'
    UNION SELECT person_id FROM user_notes WHERE text LIKE :p ESCAPE '\\'
    """
    return {int(r[0]) for r in db.conn.execute(sql, {"p": pattern})}


def known_sources(db: Database) -> list[str]:
    """Every source something was imported from, by name."""
    return [str(r[0]) for r in db.conn.execute("SELECT DISTINCT source FROM import_runs ORDER BY source")]


def person_rating(db: Database, person_id: int) -> int | None:
    """The user's own rating 1..5 of a person, or ``None``."""
    row = db.conn.execute("SELECT rating FROM user_ratings WHERE person_id = ?", (person_id,)).fetchone()
    return int(row[0]) if row else None


def set_rating(db: Database, person_id: int, rating: int | None, *, now: int | None = None) -> None:
    """Record the user's own rating 1..5 of a person (``None`` removes it).  The user's data."""
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError(f"a rating is a whole number from 1 to 5, not {rating}")
    with db.transaction() as conn:
        if rating is None:
            conn.execute("DELETE FROM user_ratings WHERE person_id = ?", (person_id,))
            return
        conn.execute(
            "INSERT INTO user_ratings(person_id, rating, rated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(person_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at",
            (person_id, rating, int(now if now is not None else time.time())),
        )


class ChangeWatch:
    """One read-only connection kept open to ask SQLite's ``PRAGMA data_version``: a number that changes
    whenever another connection commits to the database (SQLite documentation, "PRAGMA data_version").
    Cheap to ask; what the dashboard's analysis cache is keyed by."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def version(self) -> int:
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
