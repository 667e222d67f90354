"""What ``netvalue share`` reads beyond the tie table: positions, the user's tags, and the owner's own keys.

Read-only: a share never writes to the member's database.
"""

from __future__ import annotations

from netvalue.store.database import Database


def fetch_positions(db: Database) -> dict[int, tuple[str | None, str | None]]:
    """``person_id -> (company, position)`` as the ``people`` table holds them (None when unknown)."""
    return {
        int(pid): (company or None, position or None)
        for pid, company, position in db.conn.execute("SELECT id, company, position FROM people")
    }


def fetch_tagged(db: Database, tags: tuple[str, ...]) -> set[int]:
    """The people carrying any of ``tags`` (compared without case)."""
    if not tags:
        return set()
    marks = ",".join("?" for _ in tags)
    rows = db.conn.execute(
        f"SELECT DISTINCT person_id FROM user_tags WHERE lower(tag) IN ({marks})",
        tuple(t.casefold() for t in tags),
    )
    return {int(r[0]) for r in rows}


def fetch_owner_identities(db: Database) -> list[tuple[str, str]]:
    """The owner's own keys, ``(kind, value)``, in a stable order."""
    return [
        (str(k), str(v))
        for k, v in db.conn.execute("SELECT kind, value FROM owner_identities ORDER BY kind, value")
    ]


def fetch_owner_name(db: Database) -> str | None:
    """The owner's name as an import recorded it, if any."""
    row = db.conn.execute("SELECT value FROM owner WHERE key = 'name' ORDER BY source LIMIT 1").fetchone()
    return str(row[0]) if row and str(row[0]).strip() else None
