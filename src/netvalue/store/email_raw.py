"""The raw layer of e-mail: one row per message however many folders hold it, its recipients and
delivery addresses, and the folder headers seen (schema 0006).

Rows are upserted by a stable key (:func:`message_id`, a 64-bit hash of the de-duplication key), so
importing the same mail again, or folder by folder, leaves the same rows: a copy seen again only adds
that it sat in a sent folder and the smallest Message-ID of the copies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from hashlib import blake2b

from netvalue.records import EmailMessageRecord

_UPSERT_MESSAGE = """
INSERT INTO email_messages(id, dedupe_key, message_key, conversation_id, sender, sender_name, occurred_at,
                           subject, folder, in_sent, machine_headers, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    in_sent = MAX(email_messages.in_sent, excluded.in_sent),
    conversation_id = CASE WHEN excluded.message_key < email_messages.message_key
                           THEN excluded.conversation_id ELSE email_messages.conversation_id END,
    message_key = MIN(email_messages.message_key, excluded.message_key)
WHERE email_messages.dedupe_key = excluded.dedupe_key
  AND (excluded.in_sent > email_messages.in_sent OR excluded.message_key < email_messages.message_key)
"""
"""A copy of a message already stored changes it only by being in a sent folder or by a smaller
Message-ID, so that the row does not depend on which copy came first (folder-by-folder imports equal
one import of the folder).  The ``dedupe_key`` guard keeps the first of two keys of one hash."""

_INSERT_RECIPIENT = (
    "INSERT OR IGNORE INTO email_recipients(message_id, address, name, role, position) VALUES (?, ?, ?, ?, ?)"
)


def message_id(dedupe_key: str) -> int:
    """The 64-bit signed row id of a message (BLAKE2b of its de-duplication key; ours, as ``key_hash``)."""
    return int.from_bytes(blake2b(dedupe_key.encode(), digest_size=8).digest(), "big", signed=True)


def write_messages(
    conn: sqlite3.Connection, records: Sequence[EmailMessageRecord], run_id: int
) -> tuple[int, int]:
    """Upsert ``records`` and their recipients; return how many messages were added and updated."""
    if not records:
        return 0, 0
    ids = [message_id(r.dedupe_key) for r in records]
    before = conn.total_changes
    known = {
        row[0]
        for chunk in range(0, len(ids), 900)
        for row in conn.execute(
            f"SELECT id FROM email_messages WHERE id IN ({','.join('?' * len(ids[chunk : chunk + 900]))})",
            ids[chunk : chunk + 900],
        )
    }
    conn.executemany(
        _UPSERT_MESSAGE,
        [
            (
                pid,
                r.dedupe_key,
                r.message_key,
                r.conversation_id,
                r.sender,
                r.sender_name,
                r.occurred_at,
                r.subject,
                r.folder,
                int(r.in_sent),
                r.machine_headers,
                run_id,
            )
            for pid, r in zip(ids, records, strict=True)
        ],
    )
    changed = conn.total_changes - before
    added = sum(1 for pid in set(ids) if pid not in known)
    updated = max(0, changed - added)
    conn.executemany(
        _INSERT_RECIPIENT,
        [
            row
            for pid, r in zip(ids, records, strict=True)
            if pid not in known
            for row in (
                *((pid, a, n, role, i) for i, (a, n, role) in enumerate(r.recipients)),
                *((pid, a, "", "delivered", len(r.recipients) + i) for i, a in enumerate(r.delivered_to)),
            )
        ],
    )
    return added, updated


def write_hints(conn: sqlite3.Connection, hints: Iterable[tuple[str, str]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO email_folder_hints(kind, value) VALUES (?, ?)", list(hints))
