"""E-mail's two layers in SQL: reading the raw messages (written by ``store/email_raw.py`` during an
import), replacing what is derived from them, and the user's owner and machine decisions (schema 0006).

The derived rows
(``email_owner``, ``email_senders``, and the interactions and people of source ``email``) are
rebuilt as a whole by :func:`replace_derived`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.records import ImportItem
from netvalue.store.ingest import FileCounts, NameTrust, person_columns, write_records

SOURCE = "email"

# -- reading the raw layer -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One stored message, as the derivation reads it."""

    id: int
    message_key: str
    conversation_id: str
    sender: str
    sender_name: str
    occurred_at: int | None
    subject: str
    in_sent: bool
    machine_headers: str
    recipients: tuple[tuple[str, str, str], ...]  # (address, name, role to|cc|bcc)
    delivered_to: tuple[str, ...]


def raw_messages(conn: sqlite3.Connection) -> list[RawMessage]:
    """Every stored message, in time order (undated last), ties broken by id: an order that does not
    depend on which import brought a message."""
    recipients: dict[int, list[tuple[str, str, str]]] = {}
    delivered: dict[int, list[str]] = {}
    for mid, address, name, role in conn.execute(
        "SELECT message_id, address, name, role FROM email_recipients ORDER BY message_id, position"
    ):
        if role == "delivered":
            delivered.setdefault(mid, []).append(address)
        else:
            recipients.setdefault(mid, []).append((address, name, role))
    return [
        RawMessage(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            bool(row[7]),
            row[8],
            tuple(recipients.get(row[0], ())),
            tuple(delivered.get(row[0], ())),
        )
        for row in conn.execute(
            "SELECT id, message_key, conversation_id, sender, sender_name, occurred_at, subject, in_sent,"
            " machine_headers FROM email_messages ORDER BY occurred_at IS NULL, occurred_at, id"
        )
    ]


def folder_hints(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [
        (k, v) for k, v in conn.execute("SELECT kind, value FROM email_folder_hints ORDER BY kind, value")
    ]


def has_messages(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM email_messages LIMIT 1").fetchone() is not None


def owner_name(conn: sqlite3.Connection) -> str:
    """The owner's name as another source gave it (LinkedIn's profile), or ''."""
    row = conn.execute("SELECT value FROM owner WHERE key = 'name'").fetchone()
    return str(row[0]) if row else ""


# -- the user's decisions ------------------------------------------------------------------------


def owner_decisions(conn: sqlite3.Connection) -> dict[str, str]:
    """address -> 'add' | 'remove': the user's word on their own addresses."""
    return {a: d for a, d in conn.execute("SELECT address, decision FROM user_owner_addresses")}


def decide_owner(conn: sqlite3.Connection, addresses: Iterable[str], decision: str, now: int) -> None:
    conn.executemany(
        "INSERT INTO user_owner_addresses(address, decision, decided_at) VALUES (?, ?, ?)"
        " ON CONFLICT(address) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at",
        [(a, decision, now) for a in addresses],
    )


def machine_overrides(conn: sqlite3.Connection) -> dict[str, str]:
    """address -> 'person' | 'machine': the user's word on a sender."""
    return {a: v for a, v in conn.execute("SELECT address, verdict FROM user_machine_overrides")}


def override_machine(
    conn: sqlite3.Connection, addresses: Iterable[str], verdict: Literal["person", "machine"], now: int
) -> None:
    conn.executemany(
        "INSERT INTO user_machine_overrides(address, verdict, decided_at) VALUES (?, ?, ?)"
        " ON CONFLICT(address) DO UPDATE SET verdict = excluded.verdict, decided_at = excluded.decided_at",
        [(a, verdict, now) for a in addresses],
    )


def setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM user_settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO user_settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


# -- the derived layer ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnerRow:
    address: str
    role: Literal["owner", "delegate"]
    origin: Literal["inferred", "added"]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SenderRow:
    address: str
    verdict: Literal["person", "machine"]
    origin: Literal["evidence", "user"]
    messages: int
    reasons: tuple[str, ...]


def replace_derived(
    conn: sqlite3.Connection,
    owner: Sequence[OwnerRow],
    senders: Sequence[SenderRow],
    records: Iterable[ImportItem],
    *,
    run_id: int | None,
    now: int,
    name_trust: NameTrust | None = None,
    include_forgotten: bool = False,
) -> FileCounts:
    """Replace everything derived from the raw e-mail: the owner's addresses (also in
    ``owner_identities``), the sender verdicts, and the interactions of source ``email`` (deleted and
    written again from ``records``, with the same stable ``source_key``s).  An owner's or a machine's
    address stops being a contact's identity; a person left with no identity, interaction, connection or
    user data is deleted.  Call inside a transaction."""
    conn.execute("DELETE FROM email_owner")
    conn.executemany(
        "INSERT INTO email_owner(address, role, origin, evidence) VALUES (?, ?, ?, ?)",
        [(o.address, o.role, o.origin, json.dumps(list(o.evidence))) for o in owner],
    )
    conn.execute("DELETE FROM email_senders")
    conn.executemany(
        "INSERT INTO email_senders(address, verdict, origin, messages, reasons) VALUES (?, ?, ?, ?, ?)",
        [(s.address, s.verdict, s.origin, s.messages, json.dumps(list(s.reasons))) for s in senders],
    )
    owned = [o.address for o in owner if o.role == "owner"]
    conn.execute("DELETE FROM owner_identities WHERE source = ? AND kind = 'email'", (SOURCE,))
    conn.executemany(
        "INSERT OR IGNORE INTO owner_identities(kind, value, source) VALUES ('email', ?, ?)",
        [(a, SOURCE) for a in owned],
    )
    not_contacts = set(owned) | {s.address for s in senders if s.verdict == "machine"}
    touched = _drop_identities(conn, not_contacts)
    conn.execute("DELETE FROM interactions WHERE source = ?", (SOURCE,))
    counts = FileCounts(name="")
    write_records(
        conn,
        records,
        run_id=run_id,
        started=now,
        counts=counts,
        name_trust=name_trust,
        include_forgotten=include_forgotten,
    )
    touched |= {
        pid
        for (pid,) in conn.execute(
            "SELECT DISTINCT person_id FROM identities WHERE source = ? AND kind = 'email'", (SOURCE,)
        )
    }
    _delete_empty_people(conn, touched)
    return counts


def _drop_identities(conn: sqlite3.Connection, addresses: set[str]) -> set[int]:
    """Remove the ``email`` identities of ``addresses`` from people; return the people touched."""
    touched: set[int] = set()
    for address in addresses:
        row = conn.execute(
            "SELECT person_id FROM identities WHERE kind = 'email' AND value = ?", (address,)
        ).fetchone()
        if row is not None:
            touched.add(int(row[0]))
            conn.execute("DELETE FROM identities WHERE kind = 'email' AND value = ?", (address,))
    return touched


def _delete_empty_people(conn: sqlite3.Connection, candidates: set[int]) -> None:
    """Delete each of ``candidates`` that has no identity, interaction, connection or user data left
    except identities drawn from e-mail alone with no interaction (a machine's co-recipient, an address
    seen once on a message now kept out).  Rows of derived tables that name the person go with it (the
    import runs with foreign keys checked at its end, when ON DELETE actions do not fire)."""
    if not candidates:
        return
    columns = person_columns(conn)
    user = [(t, c) for t, c in columns if t.startswith("user_")]
    derived = [
        (t, c) for t, c in columns if not t.startswith("user_") and t not in ("identities", "interactions")
    ]
    for pid in sorted(candidates):
        if conn.execute("SELECT 1 FROM interactions WHERE person_id = ? LIMIT 1", (pid,)).fetchone():
            continue
        if conn.execute(
            "SELECT 1 FROM identities WHERE person_id = ? AND (source != ? OR kind != 'email') LIMIT 1",
            (pid, SOURCE),
        ).fetchone():
            continue
        if conn.execute("SELECT 1 FROM connections WHERE person_id = ? LIMIT 1", (pid,)).fetchone():
            continue
        if any(
            conn.execute(f'SELECT 1 FROM "{t}" WHERE "{c}" = ? LIMIT 1', (pid,)).fetchone() for t, c in user
        ):
            continue
        for table, column in derived:
            conn.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', (pid,))
        conn.execute("DELETE FROM identities WHERE person_id = ?", (pid,))
        conn.execute("DELETE FROM people WHERE id = ?", (pid,))


def owner_rows(conn: sqlite3.Connection) -> list[OwnerRow]:
    return [
        OwnerRow(a, r, o, tuple(json.loads(e)))
        for a, r, o, e in conn.execute(
            "SELECT address, role, origin, evidence FROM email_owner ORDER BY role DESC, address"
        )
    ]


def sender_rows(conn: sqlite3.Connection, verdict: str | None = None) -> list[SenderRow]:
    sql = "SELECT address, verdict, origin, messages, reasons FROM email_senders"
    args: tuple[str, ...] = ()
    if verdict is not None:
        sql += " WHERE verdict = ?"
        args = (verdict,)
    return [
        SenderRow(a, v, o, n, tuple(json.loads(r)))
        for a, v, o, n, r in conn.execute(sql + " ORDER BY messages DESC, address", args)
    ]
