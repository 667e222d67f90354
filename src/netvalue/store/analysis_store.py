"""SQL of the persisted analysis: the evidence's data version, and results with what they were computed from.

``analysis_state.data_version`` counts changes of the evidence: triggers on the small tables that every
evidence-changing transaction writes bump it (migration 0007 says which, and why not the bulk tables).
A result is stored with the data version read *before* it was computed and the canonical JSON of its
parameters (as-of, model, seed, ...); :func:`load_result` returns it only while the database is still at
that version, so a write that lands during a computation leaves its result stale, never served.  The
payload is opaque bytes here (``netvalue.app.persisted`` encodes columns as ``.npz``).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from netvalue.errors import StoreError
from netvalue.store.database import Database

J = TypeVar("J")

EVIDENCE_TABLES: frozenset[str] = frozenset(
    {
        "import_runs",
        "identity_merges",
        "user_merges",
        "user_forgotten",
        "owner",
        "owner_identities",
        "owner_affiliations",
        "email_owner",
        "user_owner_addresses",
        "user_machine_overrides",
        "people",  # deletes only (merge, forget, an e-mail re-derivation); inserts come with an import
    }
)
"""Tables whose writes bump the data version (a trigger each, migration 0007)."""

BULK_EVIDENCE_TABLES: frozenset[str] = frozenset(
    {
        "connections",
        "identities",
        "interactions",
        "person_positions",
        "invitations",
        "import_files",
        "email_messages",
        "email_recipients",
        "email_folder_hints",
        "email_senders",
    }
)
"""Evidence written only in transactions that also write an :data:`EVIDENCE_TABLES` table (an import
writes ``import_runs``; a split ``user_merges``; an e-mail re-derivation ``email_owner``): no trigger, so
an import of 300,000 messages pays nothing per row."""

PARAMETER_TABLES: frozenset[str] = frozenset({"user_ratings", "user_settings"})
"""The user's ratings and settings: read by the analysis on every run and part of its parameters (the
model), or applied over the stored result (a rating overrides its person's strength)."""

NOT_ANALYSED_TABLES: frozenset[str] = frozenset(
    {
        "user_notes",
        "user_tags",
        "user_ledger",
        "user_outreach_log",
        "user_plan_weeks",
        "user_triage_decisions",
        "user_triage_requests",
        "match_candidates",
        "schema_version",
        "analysis_state",
        "analysis_results",
    }
)
"""Tables the stored analysis never reads: writing them (a note, a tag, a plan) keeps it."""

KEEP_PER_KIND = 4
"""Results kept per kind at the current data version (a few as-of dates or models) [ours]."""


@dataclass(frozen=True, slots=True)
class StoredResult:
    """A persisted result: its payload, the data version and parameters it was computed from, and when."""

    payload: bytes
    data_version: int
    parameters: str
    as_of: int
    computed_at: int


def data_version(db: Database) -> int:
    """The evidence's version: it changes with every import, merge, split, forget or owner address."""
    row = db.conn.execute("SELECT data_version FROM analysis_state WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def canonical(parameters: dict[str, object]) -> str:
    """The parameters as one JSON text (sorted keys, no spaces): equal parameters, equal text."""
    return json.dumps(parameters, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _fingerprint(parameters: str) -> str:
    return hashlib.sha256(parameters.encode()).hexdigest()


def load_result(db: Database, kind: str, parameters: dict[str, object], version: int) -> StoredResult | None:
    """The stored ``kind`` result for exactly ``parameters`` computed at data version ``version`` (read
    with :func:`data_version` just before), or None."""
    text = canonical(parameters)
    row = db.conn.execute(
        "SELECT payload, data_version, parameters, as_of, computed_at FROM analysis_results"
        " WHERE kind = ? AND fingerprint = ? AND data_version = ?",
        (kind, _fingerprint(text), version),
    ).fetchone()
    if row is None or row[2] != text:
        return None
    return StoredResult(bytes(row[0]), int(row[1]), str(row[2]), int(row[3]), int(row[4]))


def latest_result(db: Database, kind: str) -> StoredResult | None:
    """The newest stored ``kind`` result whatever its version or parameters (what the dashboard shows
    while a newer one is computed), or None."""
    row = db.conn.execute(
        "SELECT payload, data_version, parameters, as_of, computed_at FROM analysis_results"
        " WHERE kind = ? ORDER BY data_version DESC, computed_at DESC LIMIT 1",
        (kind,),
    ).fetchone()
    if row is None:
        return None
    return StoredResult(bytes(row[0]), int(row[1]), str(row[2]), int(row[3]), int(row[4]))


def save_result(
    db: Database,
    kind: str,
    parameters: dict[str, object],
    *,
    version: int,
    as_of: int,
    payload: bytes,
    now: int | None = None,
) -> bool:
    """Store a ``kind`` result computed at data version ``version``; drop results of older versions and
    all but the newest :data:`KEEP_PER_KIND` of its kind.  A result computed from data that changed
    meanwhile is not stored (False): it would never be served."""
    text = canonical(parameters)
    stamp = int(now if now is not None else time.time())
    try:
        with db.transaction() as conn:
            if data_version(db) != version:
                return False
            conn.execute("DELETE FROM analysis_results WHERE kind = ? AND data_version != ?", (kind, version))
            conn.execute(
                "INSERT OR REPLACE INTO analysis_results"
                "(kind, fingerprint, parameters, data_version, as_of, computed_at, payload)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, _fingerprint(text), text, version, as_of, stamp, payload),
            )
            conn.execute(
                "DELETE FROM analysis_results WHERE kind = ? AND fingerprint NOT IN"
                " (SELECT fingerprint FROM analysis_results WHERE kind = ?"
                "  ORDER BY computed_at DESC, rowid DESC LIMIT ?)",
                (kind, kind, KEEP_PER_KIND),
            )
    except StoreError:
        return False  # a read-only or busy database: the analysis is still right, only not kept
    return True


def forget_results(db: Database) -> None:
    """Drop every stored result (the next run computes the analysis afresh)."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM analysis_results")


def json_result(db: Database, kind: str, parameters: dict[str, object], compute: Callable[[], J]) -> J:
    """A JSON-able result (counts, a report) stored like the analysis's arrays: the stored one for
    ``parameters`` at the current data version, else ``compute()``, stored.  Without NumPy, for the
    commands that judge nothing (``status``)."""
    version = data_version(db)
    stored = load_result(db, kind, parameters, version)
    if stored is not None:
        try:
            found: J = json.loads(stored.payload.decode())
            return found
        except ValueError:
            pass  # written by another netvalue: computed again
    result = compute()
    as_of = parameters.get("as_of")
    payload = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    save_result(
        db, kind, parameters, version=version, as_of=as_of if isinstance(as_of, int) else 0, payload=payload
    )
    return result


def latest_result_unforgotten(db: Database, kind: str) -> StoredResult | None:
    """:func:`latest_result`, unless someone was forgotten since it was stored: a result that names
    people (a page as last shown) must not bring a forgotten person back."""
    found = latest_result(db, kind)
    if found is None:
        return None
    row = db.conn.execute("SELECT MAX(forgotten_at) FROM user_forgotten").fetchone()
    if row is not None and row[0] is not None and int(row[0]) >= found.computed_at:
        return None
    return found
