"""The SQL of identity resolution: the facts it matches on, the user's merge decisions, the review
queue (``match_candidates``), the log of automatic merges (``identity_merges``), moving identities for a
split, and one person's full record."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.store.database import Database

Decision = Literal["merge", "split", "reject"]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What resolution knows of one person: names, every company seen, e-mails, profiles, phones, and the
    sources their identities came from (empty when unknown)."""

    id: int
    name: str
    first_name: str | None = None
    last_name: str | None = None
    companies: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    linkedins: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """One row of ``user_merges``: identities as ``kind:value``."""

    id: int
    decision: Decision
    identity_a: str
    identity_b: str
    decided_at: int


@dataclass(frozen=True, slots=True)
class QueuedMatch:
    """A pending pair of the review queue, with both people's names and identities."""

    id: int
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    confidence: float
    reasons: tuple[str, ...]
    a_identities: tuple[str, ...]
    b_identities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IdentityRow:
    kind: str
    value: str
    source: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


# -- resolution --------------------------------------------------------------------------------


def person_facts(conn: sqlite3.Connection) -> list[PersonFacts]:
    """Every person with every company seen (``people`` and ``person_positions``) and identities.

    Written for speed (plain dicts filled in one pass each, positional construction): it runs over the
    whole database after every import, ~30,000 people for ``benchmarks/import_linkedin.py``."""
    companies: dict[int, set[str]] = {}
    for pid, company in conn.execute("SELECT person_id, company FROM person_positions WHERE company != ''"):
        seen = companies.get(pid)
        if seen is None:
            companies[pid] = {company}
        else:
            seen.add(company)
    emails: dict[int, list[str]] = {}
    linkedins: dict[int, list[str]] = {}
    phones: dict[int, list[str]] = {}
    of_kind = {"email": emails, "linkedin": linkedins, "phone": phones}
    sources: dict[int, set[str]] = {}
    for pid, kind, value, source in conn.execute(
        "SELECT person_id, kind, value, source FROM identities ORDER BY value"
    ):
        values = of_kind.get(kind)
        if values is not None:
            found = values.get(pid)
            if found is None:
                values[pid] = [value]
            else:
                found.append(value)
        known = sources.get(pid)
        if known is None:
            sources[pid] = {source}
        else:
            known.add(source)
    none: tuple[str, ...] = ()
    facts: list[PersonFacts] = []
    for pid, name, first, last, company in conn.execute(
        "SELECT id, name, first_name, last_name, company FROM people ORDER BY id"
    ):
        seen = companies.get(pid)
        if company:
            seen = seen | {company} if seen else {company}
        facts.append(
            PersonFacts(
                pid,
                name,
                first,
                last,
                tuple(sorted(seen)) if seen else none,
                tuple(emails.get(pid, none)),
                tuple(linkedins.get(pid, none)),
                tuple(phones.get(pid, none)),
                tuple(sorted(sources.get(pid, none))),
            )
        )
    return facts


def identity_owners(conn: sqlite3.Connection) -> dict[str, int]:
    """``'kind:value'`` -> person id, for every identity."""
    return {
        f"{kind}:{value}": pid
        for kind, value, pid in conn.execute("SELECT kind, value, person_id FROM identities")
    }


def merge_decisions(conn: sqlite3.Connection) -> list[MergeDecision]:
    """The user's merge, split and reject decisions, oldest first."""
    return [
        MergeDecision(int(r[0]), r[1], r[2], r[3], int(r[4]))
        for r in conn.execute(
            "SELECT id, decision, identity_a, identity_b, decided_at FROM user_merges ORDER BY id"
        )
    ]


def record_decisions(
    conn: sqlite3.Connection, decision: Decision, pairs: Iterable[tuple[str, str]], now: int
) -> int:
    """Store decisions (the user's data) about identity pairs; return how many rows were written."""
    rows = [(decision, a, b, now) for a, b in pairs if a != b]
    conn.executemany(
        "INSERT INTO user_merges(decision, identity_a, identity_b, decided_at) VALUES (?, ?, ?, ?)", rows
    )
    return len(rows)


@dataclass(frozen=True, slots=True)
class LoggedMerge:
    """One automatic merge to log (``identity_merges``): an identity of each side (``kind:value``; ``None``
    when that side had none), the person ids then, the rule, how sure, why, the estimated chance of two
    namesakes and the record pairs it linked."""

    identity_a: str | None
    identity_b: str | None
    kept_id: int
    merged_id: int
    rule: str
    confidence: float
    reasons: tuple[str, ...]
    namesake_chance: float
    linked_pairs: int


def log_merges(conn: sqlite3.Connection, merges: Sequence[LoggedMerge], now: int) -> int:
    """Append one resolution run's automatic merges to ``identity_merges`` (derived data); return the run
    id (one more than the last, or 0 when there was nothing to log)."""
    if not merges:
        return 0
    run = int(conn.execute("SELECT COALESCE(MAX(run_id), 0) + 1 FROM identity_merges").fetchone()[0])
    conn.executemany(
        "INSERT INTO identity_merges(run_id, identity_a, identity_b, kept_id, merged_id, rule, confidence,"
        " reasons, namesake_chance, linked_pairs, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                run,
                m.identity_a,
                m.identity_b,
                m.kept_id,
                m.merged_id,
                m.rule,
                m.confidence,
                json.dumps(list(m.reasons)),
                min(1.0, max(0.0, m.namesake_chance)),
                m.linked_pairs,
                now,
            )
            for m in merges
        ],
    )
    return run


def standing_merges(conn: sqlite3.Connection, owners: dict[str, int]) -> tuple[int, float]:
    """The record pairs linked and those expected wrongly linked (``namesake_chance * linked_pairs``) by
    the logged automatic merges that still stand: both identities still belong to one person (``owners``,
    ``kind:value`` -> person id; a side logged without an identity counts as standing)."""
    links, wrong = 0, 0.0
    for a, b, chance, pairs in conn.execute(
        "SELECT identity_a, identity_b, namesake_chance, linked_pairs FROM identity_merges"
    ):
        x = owners.get(a) if a is not None else -1
        y = owners.get(b) if b is not None else x
        if x is None or y is None or (x != y and -1 not in (x, y)):
            continue
        links += int(pairs)
        wrong += float(chance) * int(pairs)
    return links, wrong


def sync_queue(
    conn: sqlite3.Connection, matches: Sequence[tuple[int, int, float, Sequence[str]]], now: int
) -> None:
    """Make the pending rows of ``match_candidates`` exactly ``matches`` (``(a, b, confidence, reasons)``);
    ids of pairs already queued are kept."""
    wanted = {(a, b): (a, b, c, r) for a, b, c, r in matches}
    current = conn.execute(
        "SELECT id, a_person_id, b_person_id FROM match_candidates WHERE status = 'pending'"
    ).fetchall()
    stale = [(row[0],) for row in current if (row[1], row[2]) not in wanted]
    conn.executemany("DELETE FROM match_candidates WHERE id = ?", stale)
    conn.executemany(
        "INSERT INTO match_candidates(a_person_id, b_person_id, confidence, reasons, found_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(a_person_id, b_person_id) DO UPDATE SET"
        " confidence = excluded.confidence, reasons = excluded.reasons WHERE status = 'pending'",
        [(a, b, c, json.dumps(list(r)), now) for a, b, c, r in wanted.values()],
    )


def queued_matches(db: Database, match_id: int | None = None) -> list[QueuedMatch]:
    """Pending pairs, most confident first (or the one pending pair ``match_id``)."""
    where = "WHERE m.status = 'pending'" + (" AND m.id = ?" if match_id is not None else "")
    rows = db.conn.execute(
        "SELECT m.id, m.a_person_id, a.name, m.b_person_id, b.name, m.confidence, m.reasons"
        " FROM match_candidates m JOIN people a ON a.id = m.a_person_id JOIN people b ON b.id = m.b_person_id "
        + where
        + " ORDER BY m.confidence DESC, m.id",
        (match_id,) if match_id is not None else (),
    ).fetchall()
    return [
        QueuedMatch(
            id=r[0],
            a_id=r[1],
            a_name=r[2],
            b_id=r[3],
            b_name=r[4],
            confidence=r[5],
            reasons=tuple(json.loads(r[6])),
            a_identities=tuple(str(i) for i in person_identities(db.conn, r[1])),
            b_identities=tuple(str(i) for i in person_identities(db.conn, r[3])),
        )
        for r in rows
    ]


def set_match_status(
    conn: sqlite3.Connection, match_id: int, status: Literal["accepted", "rejected"]
) -> None:
    conn.execute("UPDATE match_candidates SET status = ? WHERE id = ?", (status, match_id))


def accept_joined_pairs(conn: sqlite3.Connection) -> None:
    """Mark accepted every queued pair whose two sides are now one person (a merge joined them)."""
    conn.execute(
        "UPDATE match_candidates SET status = 'accepted' WHERE status = 'pending' AND a_person_id = b_person_id"
    )


def people_count(conn: sqlite3.Connection) -> int:
    """How many people the database holds (inside a resolution's transaction)."""
    return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])


def drop_pending_for(conn: sqlite3.Connection, person_id: int) -> None:
    """Forget queued pairs naming ``person_id`` (the next resolution run queues them afresh)."""
    conn.execute(
        "DELETE FROM match_candidates WHERE status = 'pending' AND (a_person_id = ? OR b_person_id = ?)",
        (person_id, person_id),
    )


# -- split -------------------------------------------------------------------------------------


def person_identities(conn: sqlite3.Connection, person_id: int) -> list[IdentityRow]:
    """A person's identities, in a stable order: LinkedIn, e-mail, phone, then the rest, by value."""
    order = "CASE kind WHEN 'linkedin' THEN 0 WHEN 'email' THEN 1 WHEN 'phone' THEN 2 ELSE 3 END"
    return [
        IdentityRow(*r)
        for r in conn.execute(
            f"SELECT kind, value, source FROM identities WHERE person_id = ? ORDER BY {order}, kind, value",
            (person_id,),
        )
    ]


def copy_person(conn: sqlite3.Connection, person_id: int, now: int) -> int:
    """A new person with ``person_id``'s name (rank 0, so the next import of its source renames it)."""
    cur = conn.execute(
        "INSERT INTO people(name, first_name, last_name, name_rank, created_at, updated_at)"
        " SELECT name, first_name, last_name, 0, ?, ? FROM people WHERE id = ?",
        (now, now, person_id),
    )
    return int(cur.lastrowid or 0)


def move_identities(conn: sqlite3.Connection, identities: Iterable[IdentityRow], person_id: int) -> None:
    conn.executemany(
        "UPDATE identities SET person_id = ? WHERE kind = ? AND value = ?",
        [(person_id, i.kind, i.value) for i in identities],
    )


def row_sources(conn: sqlite3.Connection, person_id: int) -> set[str]:
    """Every source with an interaction, connection or position of ``person_id``."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT source FROM interactions WHERE person_id = :p UNION SELECT source FROM connections"
            " WHERE person_id = :p UNION SELECT source FROM person_positions WHERE person_id = :p",
            {"p": person_id},
        )
    }


def move_source_rows(conn: sqlite3.Connection, old: int, new: int, sources: Iterable[str]) -> None:
    """Move interactions, connections and positions of ``sources`` from ``old`` to ``new`` (a re-import
    of those sources then places each interaction by its own identity)."""
    for source in sources:
        for table in ("interactions", "connections", "person_positions"):
            conn.execute(
                f"UPDATE OR IGNORE {table} SET person_id = ? WHERE person_id = ? AND source = ?",
                (new, old, source),
            )
    conn.execute(
        "UPDATE people SET company = (SELECT company FROM person_positions WHERE person_id = :p AND company != ''"
        " ORDER BY last_seen DESC LIMIT 1), position = (SELECT position FROM person_positions WHERE person_id = :p"
        " AND position != '' ORDER BY last_seen DESC LIMIT 1) WHERE id = :p",
        {"p": new},
    )


# -- one person --------------------------------------------------------------------------------


def person_record(db: Database, person_id: int, *, timeline_limit: int | None = None) -> dict[str, object]:
    """Everything about one person: fields, identities, sources, connections, positions, the user's notes
    and tags, pending matches, and the timeline of interactions across sources (newest first)."""
    conn = db.conn
    row = conn.execute(
        "SELECT id, name, first_name, last_name, company, position, headline, location FROM people WHERE id = ?",
        (person_id,),
    ).fetchone()
    identities = person_identities(conn, person_id)
    connections = conn.execute(
        "SELECT source, relation, connected_on FROM connections WHERE person_id = ? ORDER BY source, relation",
        (person_id,),
    ).fetchall()
    counts = conn.execute(
        "SELECT source, COUNT(*) FROM interactions WHERE person_id = ? GROUP BY source ORDER BY source",
        (person_id,),
    ).fetchall()
    sources = sorted({i.source for i in identities} | {c[0] for c in connections} | {c[0] for c in counts})
    notes = conn.execute(
        "SELECT text, created_at FROM user_notes WHERE person_id = ? ORDER BY id", (person_id,)
    ).fetchall()
    tags = [
        r[0] for r in conn.execute("SELECT tag FROM user_tags WHERE person_id = ? ORDER BY tag", (person_id,))
    ]
    fields = ("id", "name", "first_name", "last_name", "company", "position", "headline", "location")
    return {
        **dict(zip(fields, row, strict=True)),
        "identities": [{"kind": i.kind, "value": i.value, "source": i.source} for i in identities],
        "sources": sources,
        "connections": [{"source": c[0], "relation": c[1], "connected_on": c[2]} for c in connections],
        "positions": _positions(conn, person_id),
        "notes": [{"text": n[0], "created_at": n[1]} for n in notes],
        "tags": tags,
        "interactions_by_source": {c[0]: c[1] for c in counts},
        "pending_matches": _pending_matches(conn, person_id),
        "automatic_merges": _automatic_merges(conn, {str(i) for i in identities}),
        "timeline": _timeline(conn, person_id, timeline_limit),
    }


def _positions(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT company, position, source, first_seen, last_seen FROM person_positions WHERE person_id = ?"
        " ORDER BY last_seen DESC, first_seen DESC",
        (person_id,),
    ).fetchall()
    return [
        {
            "company": p[0] or None,
            "position": p[1] or None,
            "source": p[2],
            "first_seen": p[3],
            "last_seen": p[4],
        }
        for p in rows
    ]


def _pending_matches(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT m.id, CASE WHEN m.a_person_id = :p THEN m.b_person_id ELSE m.a_person_id END, m.confidence"
        " FROM match_candidates m WHERE m.status = 'pending' AND (m.a_person_id = :p OR m.b_person_id = :p)"
        " ORDER BY m.confidence DESC",
        {"p": person_id},
    ).fetchall()
    return [{"match_id": m[0], "person_id": m[1], "confidence": m[2]} for m in rows]


def _automatic_merges(conn: sqlite3.Connection, own: set[str]) -> list[dict[str, object]]:
    """The logged automatic merges between two of ``own`` identities (``kind:value``), oldest first."""
    rows = conn.execute(
        "SELECT identity_a, identity_b, rule, confidence, reasons, namesake_chance, merged_at"
        " FROM identity_merges WHERE identity_a IN (SELECT value FROM json_each(:ids))"
        " OR identity_b IN (SELECT value FROM json_each(:ids)) ORDER BY id",
        {"ids": json.dumps(sorted(own))},
    )
    return [
        {
            "identities": [m[0], m[1]],
            "rule": m[2],
            "confidence": m[3],
            "reasons": json.loads(m[4]),
            "namesake_chance": m[5],
            "merged_at": m[6],
        }
        for m in rows
        if m[0] in own and m[1] in own
    ]


def _timeline(conn: sqlite3.Connection, person_id: int, limit: int | None) -> list[dict[str, object]]:
    """The person's interactions across sources, newest first (undated last), at most ``limit``."""
    rows = conn.execute(
        "SELECT occurred_at, source, kind, direction, title, group_size, bulk FROM interactions WHERE person_id = ?"
        " ORDER BY occurred_at IS NULL, occurred_at DESC, id DESC"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        (person_id,),
    ).fetchall()
    columns = ("occurred_at", "source", "kind", "direction", "title", "group_size")
    return [{**dict(zip(columns, t[:6], strict=True)), "bulk": bool(t[6])} for t in rows]
