"""An import into a nearly empty ``interactions`` builds its secondary indexes last, in its own transaction:
afterwards (or after a failure) the schema is exactly as before, and merges midway still work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netvalue.errors import ImportFormatError
from netvalue.records import Identity, ImportItem, InteractionRecord, PersonRecord
from netvalue.store import Database
from netvalue.store.deferred_indexes import DEFERRED
from netvalue.store.ingest import import_stream


def _indexes(db: Database) -> dict[str, str]:
    rows = db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interactions'"
    )
    return {name: sql for name, sql in rows}


def _message(key: str, who: str) -> InteractionRecord:
    return InteractionRecord(
        source="linkedin",
        source_key=key,
        person=Identity("linkedin", f"linkedin.com/in/{who}"),
        kind="message",
        direction="received",
        occurred_at=1_700_000_000,
        message_key=key,
    )


def test_the_indexes_are_back_after_an_import(db: Database) -> None:
    before = _indexes(db)
    assert set(DEFERRED) <= set(before)
    import_stream(
        db, [_message(f"m{n}", "alice") for n in range(50)], source="linkedin", path="a", sha256="a"
    )
    assert _indexes(db) == before
    plan = db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM interactions WHERE person_id = 1 ORDER BY occurred_at"
    ).fetchall()
    assert any("interactions_person" in str(row[-1]) for row in plan)
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_import_leaves_the_indexes(db: Database) -> None:
    before = _indexes(db)

    def broken() -> Iterator[ImportItem]:
        yield _message("m1", "alice")
        raise ImportFormatError("messages.csv", "broken")

    with pytest.raises(ImportFormatError):
        import_stream(db, broken(), source="linkedin", path="b", sha256="b")
    assert _indexes(db) == before
    assert db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 0


def test_a_merge_midway_moves_the_interactions(db: Database) -> None:
    both = PersonRecord(
        source="linkedin",
        identities=(Identity("linkedin", "linkedin.com/in/alice"), Identity("email", "alice@example.com")),
        name="Alice Archer",
    )
    items: list[ImportItem] = [
        _message("m1", "alice"),
        InteractionRecord(
            source="linkedin",
            source_key="e1",
            person=Identity("email", "alice@example.com"),
            kind="email",
            direction="sent",
            occurred_at=1_700_000_001,
        ),
        both,
    ]
    import_stream(db, items, source="linkedin", path="c", sha256="c")
    people = {row[0] for row in db.conn.execute("SELECT DISTINCT person_id FROM interactions")}
    assert len(people) == 1
    assert db.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
