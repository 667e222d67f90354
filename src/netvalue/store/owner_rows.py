"""The rows an import writes about the owner (their profile, identities, positions and schools) and the
invitations they sent and received: one upsert each (:func:`netvalue.store.upsert.upsert`)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from netvalue.records import InvitationRecord, OwnerAffiliation, OwnerRecord
from netvalue.store.upsert import upsert

if TYPE_CHECKING:
    from netvalue.store.ingest import FileCounts

_INVITATION_COLUMNS = (
    "source",
    "source_key",
    "direction",
    "name",
    "sent_at",
    "message",
    "profile_url",
    "headline",
    "company",
    "mutual_connections",
    "run_id",
)
_UPSERT_INVITATION = upsert(
    "invitations", _INVITATION_COLUMNS, key=("source", "source_key"), update=_INVITATION_COLUMNS[2:-1]
)
_UPSERT_OWNER = upsert(
    "owner", ("key", "value", "source"), key=("key",), when="owner.value IS NOT excluded.value"
)
_UPSERT_AFFILIATION = upsert(
    "owner_affiliations",
    ("source", "kind", "organization", "title", "location", "started_on", "finished_on"),
    key=("kind", "organization", "title", "started_on"),
    update=("location", "finished_on"),
)


def write_invitation(
    conn: sqlite3.Connection, rec: InvitationRecord, run_id: int, counts: FileCounts
) -> None:
    """Upsert one invitation and count it added or updated when it changed."""
    exists = conn.execute(
        "SELECT 1 FROM invitations WHERE source = ? AND source_key = ?", (rec.source, rec.source_key)
    ).fetchone()
    before = conn.total_changes
    conn.execute(
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
            run_id,
        ),
    )
    if conn.total_changes > before:
        if exists:
            counts.updated += 1
        else:
            counts.added += 1


def write_owner(conn: sqlite3.Connection, rec: OwnerRecord) -> set[tuple[str, str]]:
    """Upsert the owner's profile fields and identities; return the identities (``(kind, value)``)."""
    keys: set[tuple[str, str]] = set()
    for key, value in (
        ("name", rec.name),
        ("headline", rec.headline),
        ("industry", rec.industry),
        ("location", rec.location),
        ("summary", rec.summary),
    ):
        if value:
            conn.execute(_UPSERT_OWNER, (key, value, rec.source))
    for identity in rec.identities:
        conn.execute(
            "INSERT OR IGNORE INTO owner_identities(kind, value, source) VALUES (?, ?, ?)",
            (identity.kind, identity.value, rec.source),
        )
        keys.add((identity.kind, identity.value))
    return keys


def write_affiliation(conn: sqlite3.Connection, rec: OwnerAffiliation, counts: FileCounts) -> None:
    """Upsert one of the owner's positions or schools; count it added when it changed."""
    before = conn.total_changes
    conn.execute(
        _UPSERT_AFFILIATION,
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
    if conn.total_changes > before:
        counts.added += 1
