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
from hashlib import blake2b
from itertools import compress, repeat
from operator import itemgetter

from netvalue.records import (
    MAX_NAME,
    EmailFolderHints,
    EmailMessageRecord,
    FileIgnored,
    FileRead,
    FileUnreadable,
    Identity,
    ImportItem,
    InteractionBatch,
    InteractionRecord,
    InvitationRecord,
    OwnerAffiliation,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store.database import Database
from netvalue.store.deferred_indexes import DeferredIndexes
from netvalue.store.email_raw import write_hints, write_messages
from netvalue.store.sanitize import sanitize

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
_CACHE_KIB = 128 * 1024  # SQLite page cache during an import (an upper bound, allocated as pages are used)

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
    unreadable: bool = False  # one bad file among several: skipped, the others imported
    unchanged: bool = False
    note: str = ""
    sha256: str | None = None
    skip_reasons: dict[str, int] = field(default_factory=dict)  # why rows were skipped -> how many

    def skip(self, reason: str, n: int = 1) -> None:
        """Count ``n`` rows skipped for ``reason`` (what ``netvalue import`` prints beside the count)."""
        self.skipped += n
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + n


@dataclass(slots=True)
class ImportReport:
    """The outcome of one import run."""

    run_id: int
    source: str
    path: str
    files: list[FileCounts] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what followed from the import (e-mail: the owner)
    details: dict[str, object] = field(default_factory=dict)  # the same, for --json

    @property
    def totals(self) -> dict[str, int]:
        return {
            "rows": sum(f.rows for f in self.files),
            "added": sum(f.added for f in self.files),
            "updated": sum(f.updated for f in self.files),
            "skipped": sum(f.skipped for f in self.files),
        }

    @property
    def unreadable(self) -> list[FileCounts]:
        """The files that could not be read and were skipped (the rest of the import went ahead)."""
        return [f for f in self.files if f.unreadable]

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "source": self.source,
            "path": self.path,
            "seconds": round(self.seconds, 3),
            "totals": self.totals,
            **self.details,
            "unreadable": len(self.unreadable),
            "files": [
                {
                    "name": f.name,
                    "rows": f.rows,
                    "added": f.added,
                    "updated": f.updated,
                    "skipped": f.skipped,
                    "status": "unreadable"
                    if f.unreadable
                    else "ignored"
                    if f.ignored
                    else "unchanged"
                    if f.unchanged
                    else "imported",
                    "note": f.note,
                    "skipped_because": dict(f.skip_reasons),
                }
                for f in self.files
            ],
        }


_YOU_OR_FORGOTTEN = "with you alone, or with someone you told netvalue to forget"


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
    # A bulk import inserts into indexes all over the file; with SQLite's default 2 MB page cache their
    # pages are evicted and re-read (and spilled to the WAL) constantly.  An upper bound of 128 MB cut the
    # CPU time of ingesting a 100,000-message LinkedIn export (generated by benchmarks/import_linkedin.py) by ~40%.
    db.conn.execute(f"PRAGMA cache_size = {-_CACHE_KIB}")
    with db.transaction() as conn:
        run_id = _insert_run(conn, source, path, sha256, started)
        deferred = DeferredIndexes(conn)
        deferred.drop_if_nearly_empty()  # rebuilt below, in this transaction (store/deferred_indexes.py)
        writer = _Writer(conn, run_id, started, include_forgotten, deferred)
        report = ImportReport(run_id=run_id, source=source, path=path)
        done = 0
        current = FileCounts(name="")
        messages: list[EmailMessageRecord] = []
        cut_names = 0  # names cut to MAX_NAME since the last file marker
        for item in items:
            item, cut = sanitize(item)  # the one place every record passes: see store/sanitize.py
            cut_names += cut
            rows = 1  # records the item stands for (progress counts records)
            if isinstance(item, EmailMessageRecord):
                messages.append(item)
                if len(messages) >= _BATCH:
                    _write_messages(conn, messages, run_id, current)
            elif isinstance(item, InteractionRecord):
                writer.interaction(item, current)
            elif isinstance(item, InteractionBatch):
                writer.interactions(item, current)
                rows = len(item)
            elif isinstance(item, PersonRecord):
                writer.person(item, current)
            elif isinstance(item, EmailFolderHints):
                write_hints(conn, item.hints)
            elif isinstance(item, FileRead):
                _write_messages(conn, messages, run_id, current)
                writer.flush(current)
                current.name = item.name
                current.rows = item.rows
                if item.skipped:
                    current.skip("broken or empty in the file", item.skipped)
                current.unchanged = item.unchanged
                current.sha256 = item.sha256
                current.note = "; ".join((*item.notes, *_cut_note(cut_names)))
                cut_names = 0
                report.files.append(current)
                current = FileCounts(name="")
            elif isinstance(item, FileIgnored):
                report.files.append(FileCounts(name=item.name, ignored=True, note=item.reason))
            elif isinstance(item, FileUnreadable):
                report.files.append(
                    FileCounts(name=item.name, ignored=True, unreadable=True, note=item.reason)
                )
            elif isinstance(item, InvitationRecord):
                writer.invitation(item, current)
            elif isinstance(item, OwnerRecord):
                writer.owner(item)
            elif isinstance(item, OwnerAffiliation):
                writer.affiliation(item, current)
            if on_progress is not None and (done + rows) // 2000 > done // 2000:
                on_progress(current.name, done + rows)
            done += rows
        _write_messages(conn, messages, run_id, current)
        writer.flush(current)
        deferred.restore()
        if current.added or current.updated or current.skipped:
            current.name = current.name or path
            current.note = "; ".join(
                (current.note, *_cut_note(cut_names)) if current.note else _cut_note(cut_names)
            )
            report.files.append(current)
        report.seconds = time.perf_counter() - clock
        _finish_run(conn, run_id, report)
    if on_progress is not None:
        on_progress("", done)
    return report


def _write_messages(
    conn: sqlite3.Connection, messages: list[EmailMessageRecord], run_id: int, counts: FileCounts
) -> None:
    added, updated = write_messages(conn, messages, run_id)
    counts.added += added
    counts.updated += updated
    messages.clear()


def write_records(
    conn: sqlite3.Connection,
    records: Iterable[ImportItem],
    *,
    run_id: int | None,
    started: int,
    counts: FileCounts,
    include_forgotten: bool = False,
) -> None:
    """Write people and interactions derived from another layer (e-mail's raw messages), as an import
    writes them, within the caller's transaction.  A forgotten identity stays out, unless it is back in
    the database (an import with ``include_forgotten`` brought it back) or ``include_forgotten``."""
    writer = _Writer(conn, run_id, started, include_forgotten=include_forgotten)
    if writer.forgotten:
        writer.forgotten -= {identity_hash(Identity(kind, value)) for kind, value in writer.ids}  # type: ignore[arg-type]
    for record in records:
        item, _ = sanitize(record)  # derived records pass the same boundary as imported ones
        if isinstance(item, InteractionRecord):
            writer.interaction(item, counts)
        elif isinstance(item, PersonRecord):
            writer.person(item, counts)
    writer.flush(counts)
def _cut_note(cut: int) -> tuple[str, ...]:
    if not cut:
        return ()
    return (f"{cut} name{'s' if cut > 1 else ''} longer than {MAX_NAME} characters cut",)


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


_NO_TEXT = 0
_NO_INTEGER = ""
"""Stand-ins for ``None`` in the parameters of the bulk ``INSERT`` statements, turned back into ``NULL`` by
``NULLIF(?, 0)`` in a TEXT column and ``NULLIF(?, '')`` in an INTEGER one (a stand-in is of the other
type, so it never equals a real value).  Python's ``sqlite3`` binds an ``int`` or a ``str`` directly but
looks ``None`` up in its adapter registry first: ~1 us a parameter, ~16% of inserting an interaction
whose title is ``None`` (measured on 100,000 rows; ``benchmarks/import_linkedin.py``)."""


def _text(value: str | None) -> str | int:
    return _NO_TEXT if value is None else value


def _integer(value: int | None) -> int | str:
    return _NO_INTEGER if value is None else value


_UPSERT_INTERACTION = """
INSERT INTO interactions(source, source_key, key_hash, person_id, kind, direction, occurred_at, message_key,
                         conversation_id, group_size, length, title, bulk, run_id)
VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), ?, NULLIF(?, ''), NULLIF(?, 0), ?, ?)
ON CONFLICT(source, key_hash) DO UPDATE SET
    person_id = excluded.person_id, kind = excluded.kind, direction = excluded.direction,
    occurred_at = excluded.occurred_at, message_key = excluded.message_key,
    conversation_id = excluded.conversation_id, group_size = excluded.group_size,
    length = excluded.length, title = excluded.title, bulk = excluded.bulk
WHERE interactions.source_key = excluded.source_key AND (
       interactions.person_id IS NOT excluded.person_id OR interactions.kind IS NOT excluded.kind
   OR interactions.direction IS NOT excluded.direction OR interactions.occurred_at IS NOT excluded.occurred_at
   OR interactions.message_key IS NOT excluded.message_key
   OR interactions.conversation_id IS NOT excluded.conversation_id
   OR interactions.group_size IS NOT excluded.group_size OR interactions.length IS NOT excluded.length
   OR interactions.title IS NOT excluded.title OR interactions.bulk IS NOT excluded.bulk)
"""
"""``key_hash`` is the upsert key (:func:`key_hash`); the guard ``source_key = excluded.source_key`` makes
two keys of one hash (odds about n²/2⁶⁵ for n rows of a source, ~3e-8 for a million) keep the first
row rather than overwrite it with the other's.  Nullable values are bound as :data:`_NO_TEXT` /
:data:`_NO_INTEGER` for ``None``."""

_INSERT_INTERACTION = _UPSERT_INTERACTION[: _UPSERT_INTERACTION.index("ON CONFLICT")]
"""The plain ``INSERT`` of :data:`_UPSERT_INTERACTION` (see :meth:`_Writer._write_interactions`)."""


def key_hash(source_key: str) -> int:
    """The 64-bit signed integer under which ``interactions`` indexes a ``source_key`` (BLAKE2b, 8 bytes).

    Ours: an integer keeps the unique index small; ``source_key`` itself is still stored.  (Written out
    again in :meth:`_Writer.interaction` and :meth:`_Writer.interactions`, where a call per record counts.)"""
    return int.from_bytes(blake2b(source_key.encode(), digest_size=8).digest(), "big", signed=True)


_from_bytes = int.from_bytes


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


_PersonRow = tuple[int, str, str | int, str | int, str | int, str | int, str | int, str | int, int, int, int]
"""A row of ``people``: id, name, first_name, last_name, company, position, headline, location (each
:data:`_NO_TEXT` for ``None``), name_rank, created_at, updated_at."""


class _Writer:
    """The state of one import: caches of identities and the pending batch of interactions."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        run_id: int | None,
        started: int,
        include_forgotten: bool,
        deferred: DeferredIndexes | None = None,
    ) -> None:
        self.conn = conn
        self.deferred = deferred
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
        # Rows of person() and _person_for() not yet written (flush_people): people, identities,
        # connections, positions.  A new person's id is given here (next_person_id) so that its row can
        # wait in new_people; it is the id SQLite would give it (see _new_person_id).
        self.new_people: list[_PersonRow] = []
        self.next_person_id: int | None = None
        self.new_identities: list[tuple[str, str, int, str]] = []
        self.new_connections: list[tuple[int, str, int | str, str]] = []
        self.new_positions: list[tuple[int, str, str, str, int, int]] = []

    # -- people ------------------------------------------------------------------------------

    def _is_forgotten(self, identity: Identity) -> bool:
        return bool(self.forgotten) and identity_hash(identity) in self.forgotten

    def person(self, rec: PersonRecord, counts: FileCounts) -> int | None:
        keys = [(i.kind, i.value) for i in rec.identities]
        if (
            not keys
            or not self.owner_keys.isdisjoint(keys)
            or (self.forgotten and any(self._is_forgotten(i) for i in rec.identities))
        ):
            counts.skip(
                "no name or address"
                if not keys
                else "you"
                if not self.owner_keys.isdisjoint(keys)
                else "someone you told netvalue to forget"
            )
            return None
        ids = self.ids
        pids = sorted({ids[k] for k in keys if k in ids})
        rank = SOURCE_RANK.get(rec.source, 1) if _looks_like_name(rec.name, rec.identities) else 0
        if not pids:
            pid = self._insert_person(rec, rank)
            counts.added += 1
        else:
            if self.new_people and pids[-1] >= self.new_people[0][0]:
                self.flush_people()  # _update_person reads the person's row: write it first
            pid = pids[0]
            for other in pids[1:]:
                if not self._kept_apart(pid, other):
                    self.flush(counts)  # the pending batch may name ``other``: write it before it goes
                    if self.deferred is not None:
                        self.deferred.restore()  # merge_people finds rows by person_id
                    merge_people(self.conn, pid, other)
                    self.next_person_id = None  # a deleted person may have held the largest id
                    self.ids = ids = {k: (pid if v == other else v) for k, v in ids.items()}
            if self._update_person(pid, rec, rank):
                counts.updated += 1
        for key, identity in zip(keys, rec.identities, strict=True):
            if key not in ids:
                self.new_identities.append((identity.kind, identity.value, pid, rec.source))
                ids[key] = pid
        if rec.is_connection:
            self.new_connections.append(
                (pid, rec.source, _integer(rec.connected_on), rec.relation or "connection")
            )
        if rec.company or rec.position:
            self.new_positions.append(
                (pid, rec.company or "", rec.position or "", rec.source, self.started, self.started)
            )
        if len(self.new_identities) >= _BATCH:
            self.flush_people()
        return pid

    def flush_people(self) -> None:
        """Write the pending people, identities, connections and positions of :meth:`person` and
        :meth:`_person_for`, in their order (one ``executemany`` each: about a third of the CPU time of a
        statement per row on 30,000 connections, ``benchmarks/import_linkedin.py``).  Nothing reads these
        tables during an import but :meth:`_update_person` and :func:`merge_people`, which are called
        only after a flush; interactions are written after one too (their ``person_id`` must exist)."""
        if self.new_people:
            self.conn.executemany(
                "INSERT INTO people(id, name, first_name, last_name, company, position, headline, location,"
                " name_rank, created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0),"
                " NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?)",
                self.new_people,
            )
            self.new_people.clear()
        if self.new_identities:
            self.conn.executemany(
                "INSERT OR IGNORE INTO identities(kind, value, person_id, source) VALUES (?, ?, ?, ?)",
                self.new_identities,
            )
            self.new_identities.clear()
        if self.new_connections:
            self.conn.executemany(
                "INSERT INTO connections(person_id, source, connected_on, relation) VALUES (?, ?, NULLIF(?, ''), ?)"
                " ON CONFLICT(person_id, source, relation) DO UPDATE SET connected_on = excluded.connected_on"
                " WHERE connections.connected_on IS NOT excluded.connected_on",
                self.new_connections,
            )
            self.new_connections.clear()
        if self.new_positions:
            self.conn.executemany(
                "INSERT INTO person_positions(person_id, company, position, source, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(person_id, company, position)"
                " DO UPDATE SET last_seen = excluded.last_seen WHERE last_seen < excluded.last_seen",
                self.new_positions,
            )
            self.new_positions.clear()

    def _kept_apart(self, a: int, b: int) -> bool:
        if not self.kept_apart:
            return False
        ids_a = [f"{k}:{v}" for (k, v), p in self.ids.items() if p == a]
        ids_b = [f"{k}:{v}" for (k, v), p in self.ids.items() if p == b]
        return any(frozenset((x, y)) in self.kept_apart for x in ids_a for y in ids_b)

    def _new_person_id(self) -> int:
        """The id SQLite would give the next row of ``people``: one more than the largest (its rowid rule
        for an ``INTEGER PRIMARY KEY`` without ``AUTOINCREMENT``), counted on from the pending rows.  Read
        again after :func:`merge_people`, the one thing that deletes people during an import."""
        pid = self.next_person_id
        if pid is None:
            pid = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM people").fetchone()[0]) + 1
        self.next_person_id = pid + 1
        return pid

    def _insert_person(self, rec: PersonRecord, rank: int) -> int:
        pid = self._new_person_id()
        self.new_people.append(
            (
                pid,
                rec.name or rec.identities[0].value,
                _text(rec.first_name),
                _text(rec.last_name),
                _text(rec.company),
                _text(rec.position),
                _text(rec.headline),
                _text(rec.location),
                rank,
                self.started,
                self.started,
            )
        )
        return pid

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
        pid = self._new_person_id()
        none = _NO_TEXT
        self.new_people.append(
            (
                pid,
                name or identity.value,
                none,
                none,
                none,
                none,
                none,
                none,
                rank,
                self.started,
                self.started,
            )
        )
        self.new_identities.append((identity.kind, identity.value, pid, source))
        self.ids[key] = pid
        return pid

    # -- interactions --------------------------------------------------------------------------

    def interaction(self, rec: InteractionRecord, counts: FileCounts) -> None:
        person = rec.person
        pid = self.ids.get((person.kind, person.value))
        if pid is None:
            pid = self._person_for(person, rec.person_name, rec.source)
            if pid is None:
                counts.skip(_YOU_OR_FORGOTTEN)
                return
        source_key = rec.source_key
        occurred_at, message_key, conversation_id = rec.occurred_at, rec.message_key, rec.conversation_id
        length, title = rec.length, rec.title
        self.batch.append(
            (
                rec.source,
                source_key,
                _from_bytes(blake2b(source_key.encode(), digest_size=8).digest(), "big", signed=True),
                pid,
                rec.kind,
                rec.direction,
                _NO_INTEGER if occurred_at is None else occurred_at,
                _NO_TEXT if message_key is None else message_key,
                _NO_TEXT if conversation_id is None else conversation_id,
                rec.group_size,
                _NO_INTEGER if length is None else length,
                _NO_TEXT if title is None else title,
                1 if rec.bulk else 0,
                self.run_id,
            )
        )
        if len(self.batch) >= _BATCH:
            self.flush(counts)

    def interactions(self, batch: InteractionBatch, counts: FileCounts) -> None:
        """Write ``batch`` as :meth:`interaction` would write its records, one column at a time: each
        distinct person is looked up (or created, with the name of their first interaction) once, and the
        rows are zipped from the columns rather than built one by one in Python (~0.5 s less of the 6 s
        import of 300,000 messages, ``benchmarks/import_linkedin.py``)."""
        people, names = batch.people, batch.person_names
        # People are keyed by id(): a batch repeats one Identity object per counterpart, and an Identity's
        # hash is computed in Python (~0.3 s over 340,000 rows, three dicts).  Two equal objects are
        # looked up twice, and get the same person from _person_for.
        objects = list(map(id, people))
        first_at = dict(zip(reversed(objects), range(len(objects) - 1, -1, -1), strict=True))
        pid_of = {
            key: self._person_for(people[at], names[at], batch.source)
            for key, at in sorted(first_at.items(), key=itemgetter(1))
        }
        pids: list[int | None] = list(map(pid_of.__getitem__, objects))
        columns = batch.columns_by_field()
        if None in pid_of.values():  # the owner or a forgotten person: their interactions are skipped
            kept = [pid is not None for pid in pids]
            counts.skip(_YOU_OR_FORGOTTEN, kept.count(False))
            pids = list(compress(pids, kept))
            columns = {name: list(compress(values, kept)) for name, values in columns.items()}
        self.flush(counts)  # people and rows written before these rows, as the records' order has it
        keys: list[str] = columns["source_keys"]
        rows = list(
            zip(
                repeat(batch.source),
                keys,
                [_from_bytes(blake2b(k.encode(), digest_size=8).digest(), "big", signed=True) for k in keys],
                pids,
                repeat(batch.kind),
                columns["directions"],
                [_NO_INTEGER if v is None else v for v in columns["occurred_at"]],
                [_NO_TEXT if v is None else v for v in columns["message_keys"]],
                [_NO_TEXT if v is None else v for v in columns["conversation_ids"]],
                columns["group_sizes"],
                [_NO_INTEGER if v is None else v for v in columns["lengths"]],
                [_NO_TEXT if v is None else v for v in columns["titles"]],
                map(int, columns["bulk"]),
                repeat(self.run_id),
            )
        )
        if rows:
            self._write_counted(rows, counts)

    def flush(self, counts: FileCounts) -> None:
        self.flush_people()
        if not self.batch:
            return
        self._write_counted(self.batch, counts)
        self.batch.clear()

    def _write_counted(self, rows: list[tuple[object, ...]], counts: FileCounts) -> None:
        """Write ``rows`` (:meth:`_write_interactions`) and count those added and updated."""
        top = self._largest_interaction_id()
        before = self.conn.total_changes
        self._write_interactions(rows, top)
        changed = self.conn.total_changes - before
        # A new row's id is the largest so far plus one (INTEGER PRIMARY KEY, nothing deleted meanwhile),
        # so the rows added are the ids above the old largest: no COUNT over them.
        added = self._largest_interaction_id() - top
        counts.added += added
        counts.updated += changed - added

    def _largest_interaction_id(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM interactions").fetchone()[0])

    def _write_interactions(self, rows: list[tuple[object, ...]], top: int) -> None:
        """Write ``rows`` in order as :data:`_UPSERT_INTERACTION` would, but try a plain ``INSERT`` first:
        it costs ~20% less a row than the upsert when nothing conflicts (the first import of an export:
        ``benchmarks/import_linkedin.py``).  At the first row that breaks a constraint the ``INSERT`` stops
        (the rows before it stay written, the row itself is undone) and the upsert writes the rest from
        that row on; a constraint other than the upsert key then fails there again, as it would have."""
        try:
            self.conn.executemany(_INSERT_INTERACTION, rows)
        except sqlite3.IntegrityError:
            done = self._largest_interaction_id() - top  # ids are given in order: see flush
            self.conn.executemany(_UPSERT_INTERACTION, rows[done:])

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
