"""Writing an importer's stream of records: one transaction per import, idempotent by construction.

Every row has a stable key (the source's own id, or a hash of its identifying fields) and is written
with ``INSERT ... ON CONFLICT ... DO UPDATE`` of source-owned columns only, so importing the same
export twice changes nothing and a newer export adds what is new and updates what changed.  No
import inserts, changes or deletes a row of a ``user_`` table; when two people turn out to be one
(an exact key ties them), :func:`merge_people` re-points the user's rows to the survivor.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    InteractionRecord,
    InvitationRecord,
    OwnerAffiliation,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store.database import Database

# How far a source is trusted for a person's name, company and position (higher wins).  Ours.
SOURCE_RANK = {
    "manual": 9,
    "linkedin": 8,
    "vcard": 6,
    "google": 6,
    "outlook": 6,
    "facebook": 4,
    "whatsapp": 3,
    "calendar": 3,
    "email": 2,
    "instagram": 2,
    "twitter": 2,
    "csv": 5,
}

_BATCH = 5000

ProgressCallback = Callable[[str, int], None]


@dataclass(slots=True)
class FileCounts:
    """What one file of an import did to the database."""

    name: str
    rows: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    ignored: bool = False
    unchanged: bool = False
    note: str = ""
    sha256: str | None = None


@dataclass(slots=True)
class ImportReport:
    """The outcome of one import run."""

    run_id: int
    source: str
    path: str
    files: list[FileCounts] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def totals(self) -> dict[str, int]:
        return {
            "rows": sum(f.rows for f in self.files),
            "added": sum(f.added for f in self.files),
            "updated": sum(f.updated for f in self.files),
            "skipped": sum(f.skipped for f in self.files),
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "source": self.source,
            "path": self.path,
            "seconds": round(self.seconds, 3),
            "totals": self.totals,
            "files": [
                {
                    "name": f.name,
                    "rows": f.rows,
                    "added": f.added,
                    "updated": f.updated,
                    "skipped": f.skipped,
                    "status": "ignored" if f.ignored else "unchanged" if f.unchanged else "imported",
                    "note": f.note,
                }
                for f in self.files
            ],
        }


def identity_hash(identity: Identity) -> str:
    """The SHA-256 under which a forgotten identity is remembered (so its value is not kept)."""
    return hashlib.sha256(f"{identity.kind}:{identity.value}".encode()).hexdigest()


def known_file_hashes(db: Database, source: str) -> set[str]:
    """SHA-256 of every file of ``source`` imported completely before (for skipping unchanged files)."""
    rows = db.conn.execute(
        "SELECT f.sha256 FROM import_files f JOIN import_runs r ON r.id = f.run_id"
        " WHERE r.source = ? AND r.finished_at IS NOT NULL AND f.sha256 IS NOT NULL AND f.ignored = 0",
        (source,),
    )
    return {row[0] for row in rows}


def import_stream(
    db: Database,
    items: Iterable[ImportItem],
    *,
    source: str,
    path: str,
    sha256: str,
    include_forgotten: bool = False,
    on_progress: ProgressCallback | None = None,
    now: int | None = None,
) -> ImportReport:
    """Write ``items`` in one transaction and return what each file added, updated and skipped.

    If anything raises (a parse error late in the stream, an interrupt), nothing is written.
    """
    started = int(now if now is not None else time.time())
    clock = time.perf_counter()
    with db.transaction() as conn:
        run_id = _insert_run(conn, source, path, sha256, started)
        writer = _Writer(conn, run_id, started, include_forgotten)
        report = ImportReport(run_id=run_id, source=source, path=path)
        done = 0
        current = FileCounts(name="")
        for item in items:
            if isinstance(item, InteractionRecord):
                writer.interaction(item, current)
            elif isinstance(item, PersonRecord):
                writer.person(item, current)
            elif isinstance(item, FileRead):
                writer.flush(current)
                current.name = item.name
                current.rows = item.rows
                current.skipped += item.skipped
                current.unchanged = item.unchanged
                current.sha256 = item.sha256
                current.note = "; ".join(item.notes)
                report.files.append(current)
                current = FileCounts(name="")
            elif isinstance(item, FileIgnored):
                report.files.append(FileCounts(name=item.name, ignored=True, note=item.reason))
            elif isinstance(item, InvitationRecord):
                writer.invitation(item, current)
            elif isinstance(item, OwnerRecord):
                writer.owner(item)
            elif isinstance(item, OwnerAffiliation):
                writer.affiliation(item, current)
            done += 1
            if on_progress is not None and done % 2000 == 0:
                on_progress(current.name, done)
        writer.flush(current)
        if current.added or current.updated or current.skipped:
            current.name = current.name or path
            report.files.append(current)
        report.seconds = time.perf_counter() - clock
        _finish_run(conn, run_id, report)
    if on_progress is not None:
        on_progress("", done)
    return report


def _insert_run(conn: sqlite3.Connection, source: str, path: str, sha256: str, started: int) -> int:
    cur = conn.execute(
        "INSERT INTO import_runs(source, file_name, sha256, started_at) VALUES (?, ?, ?, ?)",
        (source, path, sha256, started),
    )
    return int(cur.lastrowid or 0)


def _finish_run(conn: sqlite3.Connection, run_id: int, report: ImportReport) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO import_files(run_id, name, sha256, rows, added, updated, skipped, ignored)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (run_id, f.name, f.sha256, f.rows, f.added, f.updated, f.skipped, int(f.ignored))
            for f in report.files
        ],
    )
    conn.execute(
        "UPDATE import_runs SET finished_at = ?, counts = ? WHERE id = ?",
        (int(time.time()), json.dumps(report.as_dict()["files"]), run_id),
    )


_UPSERT_INTERACTION = """
INSERT INTO interactions(source, source_key, person_id, kind, direction, occurred_at, message_key,
                         conversation_id, group_size, length, title, bulk, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(source, source_key) DO UPDATE SET
    person_id = excluded.person_id, kind = excluded.kind, direction = excluded.direction,
    occurred_at = excluded.occurred_at, message_key = excluded.message_key,
    conversation_id = excluded.conversation_id, group_size = excluded.group_size,
    length = excluded.length, title = excluded.title, bulk = excluded.bulk
WHERE interactions.person_id IS NOT excluded.person_id OR interactions.kind IS NOT excluded.kind
   OR interactions.direction IS NOT excluded.direction OR interactions.occurred_at IS NOT excluded.occurred_at
   OR interactions.message_key IS NOT excluded.message_key
   OR interactions.conversation_id IS NOT excluded.conversation_id
   OR interactions.group_size IS NOT excluded.group_size OR interactions.length IS NOT excluded.length
   OR interactions.title IS NOT excluded.title OR interactions.bulk IS NOT excluded.bulk
"""

_UPSERT_INVITATION = """
INSERT INTO invitations(source, source_key, direction, name, sent_at, message, profile_url, headline,
                        company, mutual_connections, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(source, source_key) DO UPDATE SET
    direction = excluded.direction, name = excluded.name, sent_at = excluded.sent_at,
    message = excluded.message, profile_url = excluded.profile_url, headline = excluded.headline,
    company = excluded.company, mutual_connections = excluded.mutual_connections
WHERE invitations.direction IS NOT excluded.direction OR invitations.name IS NOT excluded.name
   OR invitations.sent_at IS NOT excluded.sent_at OR invitations.message IS NOT excluded.message
   OR invitations.profile_url IS NOT excluded.profile_url OR invitations.headline IS NOT excluded.headline
   OR invitations.company IS NOT excluded.company
   OR invitations.mutual_connections IS NOT excluded.mutual_connections
"""


class _Writer:
    """The state of one import: caches of identities and the pending batch of interactions."""

    def __init__(self, conn: sqlite3.Connection, run_id: int, started: int, include_forgotten: bool) -> None:
        self.conn = conn
        self.run_id = run_id
        self.started = started
        self.ids: dict[tuple[str, str], int] = {
            (kind, value): pid
            for kind, value, pid in conn.execute("SELECT kind, value, person_id FROM identities")
        }
        self.owner_keys: set[tuple[str, str]] = {
            (kind, value) for kind, value in conn.execute("SELECT kind, value FROM owner_identities")
        }
        self.forgotten: set[str] = (
            set()
            if include_forgotten
            else {row[0] for row in conn.execute("SELECT identity_hash FROM user_forgotten")}
        )
        self.include_forgotten = include_forgotten
        self.kept_apart: set[frozenset[str]] = {
            frozenset((a, b))
            for a, b in conn.execute(
                "SELECT identity_a, identity_b FROM user_merges WHERE decision != 'merge'"
            )
        }
        self.batch: list[tuple[object, ...]] = []

    # -- people ------------------------------------------------------------------------------

    def _is_forgotten(self, identity: Identity) -> bool:
        return bool(self.forgotten) and identity_hash(identity) in self.forgotten

    def person(self, rec: PersonRecord, counts: FileCounts) -> int | None:
        keys = [(i.kind, i.value) for i in rec.identities]
        if (
            not keys
            or any(k in self.owner_keys for k in keys)
            or any(self._is_forgotten(i) for i in rec.identities)
        ):
            counts.skipped += 1
            return None
        pids = sorted({self.ids[k] for k in keys if k in self.ids})
        rank = SOURCE_RANK.get(rec.source, 1) if _looks_like_name(rec.name, rec.identities) else 0
        if not pids:
            pid = self._insert_person(rec, rank)
            counts.added += 1
        else:
            pid = pids[0]
            for other in pids[1:]:
                if not self._kept_apart(pid, other):
                    merge_people(self.conn, pid, other)
                    self.ids = {k: (pid if v == other else v) for k, v in self.ids.items()}
            if self._update_person(pid, rec, rank):
                counts.updated += 1
        for key, identity in zip(keys, rec.identities, strict=True):
            if key not in self.ids:
                self.conn.execute(
                    "INSERT OR IGNORE INTO identities(kind, value, person_id, source) VALUES (?, ?, ?, ?)",
                    (identity.kind, identity.value, pid, rec.source),
                )
                self.ids[key] = pid
        if rec.is_connection:
            cur = self.conn.execute(
                "INSERT INTO connections(person_id, source, connected_on, relation) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(person_id, source, relation) DO UPDATE SET connected_on = excluded.connected_on"
                " WHERE connections.connected_on IS NOT excluded.connected_on",
                (pid, rec.source, rec.connected_on, rec.relation or "connection"),
            )
            del cur
        if rec.company or rec.position:
            self.conn.execute(
                "INSERT INTO person_positions(person_id, company, position, source, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(person_id, company, position)"
                " DO UPDATE SET last_seen = excluded.last_seen WHERE last_seen < excluded.last_seen",
                (pid, rec.company or "", rec.position or "", rec.source, self.started, self.started),
            )
        return pid

    def _kept_apart(self, a: int, b: int) -> bool:
        if not self.kept_apart:
            return False
        ids_a = [f"{k}:{v}" for (k, v), p in self.ids.items() if p == a]
        ids_b = [f"{k}:{v}" for (k, v), p in self.ids.items() if p == b]
        return any(frozenset((x, y)) in self.kept_apart for x in ids_a for y in ids_b)

    def _insert_person(self, rec: PersonRecord, rank: int) -> int:
        cur = self.conn.execute(
            "INSERT INTO people(name, first_name, last_name, company, position, headline, location, name_rank,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rec.name or rec.identities[0].value,
                rec.first_name,
                rec.last_name,
                rec.company,
                rec.position,
                rec.headline,
                rec.location,
                rank,
                self.started,
                self.started,
            ),
        )
        return int(cur.lastrowid or 0)

    def _update_person(self, pid: int, rec: PersonRecord, rank: int) -> bool:
        """Update source-owned fields: a source at least as trusted overwrites, a lesser one fills gaps."""
        row = self.conn.execute(
            "SELECT name_rank, name, first_name, last_name, company, position, headline, location"
            " FROM people WHERE id = ?",
            (pid,),
        ).fetchone()
        stored_rank = row[0]
        old = row[1:]
        offered = (
            rec.name,
            rec.first_name,
            rec.last_name,
            rec.company,
            rec.position,
            rec.headline,
            rec.location,
        )
        if rank >= stored_rank and rank > 0:
            new = tuple(o if o else s for o, s in zip(offered, old, strict=True))
            new_rank = rank
        else:
            new = tuple(s if s else o for o, s in zip(offered, old, strict=True))
            new_rank = stored_rank
        if new == tuple(old) and new_rank == stored_rank:
            return False
        self.conn.execute(
            "UPDATE people SET name = ?, first_name = ?, last_name = ?, company = ?, position = ?, headline = ?,"
            " location = ?, name_rank = ?, updated_at = ? WHERE id = ?",
            (*new, new_rank, self.started, pid),
        )
        return new != tuple(old)

    def _person_for(self, identity: Identity, name: str | None, source: str) -> int | None:
        key = (identity.kind, identity.value)
        pid = self.ids.get(key)
        if pid is not None:
            return pid
        if key in self.owner_keys or self._is_forgotten(identity):
            return None
        rank = SOURCE_RANK.get(source, 1) if name and _looks_like_name(name, (identity,)) else 0
        cur = self.conn.execute(
            "INSERT INTO people(name, name_rank, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (name or identity.value, rank, self.started, self.started),
        )
        pid = int(cur.lastrowid or 0)
        self.conn.execute(
            "INSERT INTO identities(kind, value, person_id, source) VALUES (?, ?, ?, ?)",
            (identity.kind, identity.value, pid, source),
        )
        self.ids[key] = pid
        return pid

    # -- interactions --------------------------------------------------------------------------

    def interaction(self, rec: InteractionRecord, counts: FileCounts) -> None:
        pid = self._person_for(rec.person, rec.person_name, rec.source)
        if pid is None:
            counts.skipped += 1
            return
        self.batch.append(
            (
                rec.source,
                rec.source_key,
                pid,
                rec.kind,
                rec.direction,
                rec.occurred_at,
                rec.message_key,
                rec.conversation_id,
                rec.group_size,
                rec.length,
                rec.title,
                int(rec.bulk),
                self.run_id,
            )
        )
        if len(self.batch) >= _BATCH:
            self.flush(counts)

    def flush(self, counts: FileCounts) -> None:
        if not self.batch:
            return
        top = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM interactions").fetchone()[0]
        before = self.conn.total_changes
        self.conn.executemany(_UPSERT_INTERACTION, self.batch)
        changed = self.conn.total_changes - before
        added = self.conn.execute("SELECT COUNT(*) FROM interactions WHERE id > ?", (top,)).fetchone()[0]
        counts.added += added
        counts.updated += changed - added
        self.batch.clear()

    # -- the rest ------------------------------------------------------------------------------

    def invitation(self, rec: InvitationRecord, counts: FileCounts) -> None:
        exists = self.conn.execute(
            "SELECT 1 FROM invitations WHERE source = ? AND source_key = ?", (rec.source, rec.source_key)
        ).fetchone()
        before = self.conn.total_changes
        self.conn.execute(
            _UPSERT_INVITATION,
            (
                rec.source,
                rec.source_key,
                rec.direction,
                rec.name,
                rec.sent_at,
                rec.message,
                rec.profile_url,
                rec.headline,
                rec.company,
                rec.mutual_connections,
                self.run_id,
            ),
        )
        if self.conn.total_changes > before:
            if exists:
                counts.updated += 1
            else:
                counts.added += 1

    def owner(self, rec: OwnerRecord) -> None:
        for key, value in (
            ("name", rec.name),
            ("headline", rec.headline),
            ("industry", rec.industry),
            ("location", rec.location),
            ("summary", rec.summary),
        ):
            if value:
                self.conn.execute(
                    "INSERT INTO owner(key, value, source) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
                    " value = excluded.value, source = excluded.source WHERE owner.value IS NOT excluded.value",
                    (key, value, rec.source),
                )
        for identity in rec.identities:
            self.conn.execute(
                "INSERT OR IGNORE INTO owner_identities(kind, value, source) VALUES (?, ?, ?)",
                (identity.kind, identity.value, rec.source),
            )
            self.owner_keys.add((identity.kind, identity.value))

    def affiliation(self, rec: OwnerAffiliation, counts: FileCounts) -> None:
        before = self.conn.total_changes
        self.conn.execute(
            "INSERT INTO owner_affiliations(source, kind, organization, title, location, started_on, finished_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(kind, organization, title, started_on) DO UPDATE SET"
            " location = excluded.location, finished_on = excluded.finished_on"
            " WHERE owner_affiliations.location IS NOT excluded.location"
            " OR owner_affiliations.finished_on IS NOT excluded.finished_on",
            (
                rec.source,
                rec.kind,
                rec.organization,
                rec.title or "",
                rec.location,
                rec.started_on or "",
                rec.finished_on,
            ),
        )
        if self.conn.total_changes > before:
            counts.added += 1


def _looks_like_name(name: str, identities: Iterable[Identity]) -> bool:
    """A name that is really an address or a handle carries no rank."""
    if not name or "@" in name:
        return False
    return all(name != i.value for i in identities)


def person_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every ``(table, column)`` that refers to a person: columns named ``person_id`` or ``*_person_id``."""
    found: list[tuple[str, str]] = []
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table == "people":
            continue
        for col in conn.execute(f'PRAGMA table_info("{table}")'):
            name = col[1]
            if name == "person_id" or name.endswith("_person_id"):
                found.append((table, name))
    return found


def merge_people(conn: sqlite3.Connection, keep: int, other: int) -> None:
    """Make ``other`` part of ``keep``: every row naming ``other`` (identities, interactions, the user's
    notes, tags, ratings ...) is re-pointed to ``keep``; a row that would duplicate one ``keep`` already
    has is dropped (``keep``'s wins); then ``other`` is deleted.  Call inside a transaction."""
    if keep == other:
        return
    for table, column in person_columns(conn):
        conn.execute(f'UPDATE OR IGNORE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (keep, other))
        conn.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', (other,))
    conn.execute(
        "UPDATE people SET first_name = COALESCE(first_name, (SELECT first_name FROM people WHERE id = :o)),"
        " last_name = COALESCE(last_name, (SELECT last_name FROM people WHERE id = :o)),"
        " company = COALESCE(company, (SELECT company FROM people WHERE id = :o)),"
        " position = COALESCE(position, (SELECT position FROM people WHERE id = :o)),"
        " headline = COALESCE(headline, (SELECT headline FROM people WHERE id = :o)),"
        " location = COALESCE(location, (SELECT location FROM people WHERE id = :o))"
        " WHERE id = :k",
        {"k": keep, "o": other},
    )
    better = conn.execute(
        "SELECT o.name, o.name_rank FROM people o, people k WHERE o.id = ? AND k.id = ? AND o.name_rank > k.name_rank",
        (other, keep),
    ).fetchone()
    if better:
        conn.execute("UPDATE people SET name = ?, name_rank = ? WHERE id = ?", (better[0], better[1], keep))
    conn.execute("DELETE FROM people WHERE id = ?", (other,))
