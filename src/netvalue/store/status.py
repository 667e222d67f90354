"""What the database holds: counts, imports so far, and the interaction rows analysis reads."""

from __future__ import annotations

from dataclasses import dataclass

from netvalue.store.analysis_store import json_result
from netvalue.store.database import Database


@dataclass(frozen=True, slots=True)
class ImportRun:
    id: int
    source: str
    file_name: str
    sha256: str
    started_at: int
    finished_at: int | None


def counts(db: Database) -> dict[str, int]:
    """How many people, connections, messages, e-mails, meetings, invitations, endorsements and
    recommendations the database holds (a message to several people counts once); stored per data
    version (:func:`~netvalue.store.analysis_store.json_result`)."""
    return json_result(db, "counts", {}, lambda: _count_everything(db))


def _count_everything(db: Database) -> dict[str, int]:
    conn = db.conn

    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    # The distinct keys of messages, e-mails and meetings are counted in a set: SQLite's COUNT(DISTINCT)
    # sorted them in a temporary B-tree, 0.9 s for the 340,000 interactions of the 300,000-message export
    # of benchmarks/import_linkedin.py, against 0.15 s to read them into a set.
    distinct: dict[str, set[str]] = {"message": set(), "email": set(), "meeting": set()}
    for kind, key in conn.execute(
        "SELECT kind, COALESCE(message_key, source_key) FROM interactions"
        " WHERE kind = 'message' OR kind = 'email' OR kind = 'meeting'"
    ):
        distinct[kind].add(key)
    return {
        "people": one("SELECT COUNT(*) FROM people"),
        "connections": one("SELECT COUNT(DISTINCT person_id) FROM connections WHERE relation = 'connection'"),
        "messages": len(distinct["message"]),
        "emails": len(distinct["email"]),
        "meetings": len(distinct["meeting"]),
        "invitations": one("SELECT COUNT(*) FROM invitations"),
        "endorsements": one("SELECT COUNT(*) FROM interactions WHERE kind = 'endorsement'"),
        "recommendations": one("SELECT COUNT(*) FROM interactions WHERE kind = 'recommendation'"),
        "interactions": one("SELECT COUNT(*) FROM interactions"),
    }


def import_runs(db: Database) -> list[ImportRun]:
    """Every finished import, oldest first."""
    return [
        ImportRun(*row)
        for row in db.conn.execute(
            "SELECT id, source, file_name, sha256, started_at, finished_at FROM import_runs"
            " WHERE finished_at IS NOT NULL ORDER BY id"
        )
    ]


def connection_message_stats(db: Database, as_of: int) -> list[tuple[int, int | None, int | None, int, int]]:
    """For every connection: ``(person_id, last_sent, last_received, sent, received)`` over messages and
    e-mails before ``as_of`` (epoch seconds).  Input of :func:`netvalue.analysis.contact.contact_summary`.
    Stored per data version and ``as_of`` (:func:`~netvalue.store.analysis_store.json_result`)."""
    rows = json_result(db, "connection-stats", {"as_of": as_of}, lambda: _message_stats(db, as_of))
    return [(int(r[0]), r[1], r[2], int(r[3]), int(r[4])) for r in rows]


def _message_stats(db: Database, as_of: int) -> list[tuple[int, int | None, int | None, int, int]]:
    return [
        (int(r[0]), r[1], r[2], int(r[3]), int(r[4]))
        for r in db.conn.execute(
            """
            SELECT c.person_id,
                   MAX(CASE WHEN x.direction = 'sent' THEN x.occurred_at END),
                   MAX(CASE WHEN x.direction = 'received' THEN x.occurred_at END),
                   COUNT(CASE WHEN x.direction = 'sent' THEN 1 END),
                   COUNT(CASE WHEN x.direction = 'received' THEN 1 END)
            FROM (SELECT DISTINCT person_id FROM connections WHERE relation = 'connection') c
            LEFT JOIN interactions x ON x.person_id = c.person_id AND x.kind IN ('message', 'email')
                 AND x.occurred_at < ?
            GROUP BY c.person_id
            """,
            (as_of,),
        )
    ]


def newest_evidence(db: Database, before: int) -> int | None:
    """The time of the newest dated interaction or connection before ``before`` (None: nothing dated)."""
    row = db.conn.execute(
        "SELECT MAX(t) FROM (SELECT MAX(occurred_at) AS t FROM interactions WHERE occurred_at < ?"
        " UNION ALL SELECT MAX(connected_on) FROM connections WHERE connected_on < ?)",
        (before, before),
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def pending_matches(db: Database) -> int:
    """How many matches identity resolution was unsure of wait in ``netvalue review``."""
    return int(
        db.conn.execute("SELECT COUNT(*) FROM match_candidates WHERE status = 'pending'").fetchone()[0]
    )
