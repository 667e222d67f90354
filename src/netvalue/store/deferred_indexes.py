"""Deferred secondary indexes of ``interactions`` for a large import into a (nearly) empty table.

Inserting 300,000 interactions row by row into ``interactions_person`` costs a B-tree descent per row;
building the index once, after the load, is a sorted bulk build and much cheaper.  So an import into a
table of fewer than :data:`DEFER_BELOW` rows drops it at its start and creates it again (from its own
``CREATE INDEX`` text in ``sqlite_master``) before its end, inside the same transaction: DDL is
transactional in SQLite, so a failure or a SIGKILL midway leaves the database exactly as before
(tests/test_import_atomic.py).

The index is restored early whenever the import needs it meanwhile (``merge_people`` re-points and
deletes by ``person_id``).  The ``UNIQUE (source, key_hash)`` upsert key is never dropped.
"""

from __future__ import annotations

import sqlite3

DEFERRED = ("interactions_person",)
"""The non-unique indexes of ``interactions`` (store/schema/0001_core.sql) an import may build last (the
one on ``message_key`` is gone: migration 0005)."""

DEFER_BELOW = 10_000
"""Ours: with up to this many rows already present, rebuilding the indexes at the end costs at most
about as much as ~10,000 inserts would have saved; above it an incremental import keeps them."""


def nearly_empty(conn: sqlite3.Connection) -> bool:
    """Whether ``interactions`` holds fewer than :data:`DEFER_BELOW` rows: an import into it is a bulk
    load, cheaper with its checks and index builds done once, at the end."""
    present = conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM interactions LIMIT ?)", (DEFER_BELOW,))
    return bool(present.fetchone()[0] < DEFER_BELOW)


class DeferredIndexes:
    """The indexes one import dropped, and their ``CREATE INDEX`` statements to restore them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.dropped: list[str] = []

    def drop_if_nearly_empty(self) -> None:
        """Drop :data:`DEFERRED` if ``interactions`` holds fewer than :data:`DEFER_BELOW` rows.  Call
        inside the import's transaction."""
        if not nearly_empty(self.conn):
            return
        placeholders = ", ".join("?" for _ in DEFERRED)
        found = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interactions'"
            f" AND sql IS NOT NULL AND name IN ({placeholders}) ORDER BY rowid",
            DEFERRED,
        ).fetchall()
        for name, sql in found:
            self.conn.execute(f'DROP INDEX "{name}"')
            self.dropped.append(sql)

    def restore(self) -> None:
        """Create every dropped index again (idempotent)."""
        while self.dropped:
            self.conn.execute(self.dropped.pop(0))
