"""People: finding them from what a user types, listing them, and the user's own notes and tags."""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass

from netvalue.errors import AmbiguousPersonError, PersonNotFoundError, UsageError
from netvalue.keys import normalize_email, normalize_linkedin_url
from netvalue.records import Identity
from netvalue.store.database import Database
from netvalue.store.ingest import identity_hash


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person as the ``people`` command lists them."""

    id: int
    name: str
    company: str | None
    position: str | None
    connected_on: int | None
    sent: int
    received: int
    last_contact: int | None
    identities: tuple[str, ...]
    tags: tuple[str, ...]
    notes: tuple[str, ...]


def find_person(db: Database, query: str) -> int:
    """The id of the one person ``query`` names: an id, a profile URL, an e-mail address or a name.

    Raises :class:`PersonNotFoundError` when nobody matches and :class:`AmbiguousPersonError` (listing the
    candidates) when a name matches several people.
    """
    text = query.strip()
    if not text:
        raise UsageError("give a person: an id, a profile URL, an e-mail address or a name")
    conn = db.conn
    if text.isdecimal():
        row = conn.execute("SELECT id FROM people WHERE id = ?", (int(text),)).fetchone()
        if row:
            return int(row[0])
    identity: Identity | None = None
    if "linkedin.com/" in text.lower():
        identity = Identity("linkedin", normalize_linkedin_url(text))
    elif "@" in text:
        identity = Identity("email", normalize_email(text))
    if identity is not None:
        row = conn.execute(
            "SELECT person_id FROM identities WHERE kind = ? AND value = ?", (identity.kind, identity.value)
        ).fetchone()
        if row:
            return int(row[0])
        raise PersonNotFoundError(f"nobody has the {identity.kind} identity {identity.value!r}")
    exact = conn.execute(
        "SELECT id, name FROM people WHERE name = ? COLLATE NOCASE ORDER BY id", (text,)
    ).fetchall()
    if len(exact) == 1:
        return int(exact[0][0])
    if len(exact) > 1:
        raise AmbiguousPersonError(text, [(int(r[0]), str(r[1])) for r in exact])
    like = conn.execute(
        "SELECT id, name FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id LIMIT 50",
        (f"%{_escape_like(text)}%",),
    ).fetchall()
    if len(like) == 1:
        return int(like[0][0])
    if len(like) > 1:
        raise AmbiguousPersonError(text, [(int(r[0]), str(r[1])) for r in like])
    by_words = _matching_words(conn, text)
    if len(by_words) == 1:
        return by_words[0][0]
    if len(by_words) > 1:
        raise AmbiguousPersonError(text, by_words)
    raise PersonNotFoundError(f"nobody matches {text!r}; try `netvalue people --search` to look")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W\d_]+", plain)


def _matching_words(conn: sqlite3.Connection, text: str) -> list[tuple[int, str]]:
    """People whose name holds every word of ``text`` in any order, with other words between
    (``Jeffrey Shankman`` finds "Jeffrey A. Shankman" and "Shankman, Jeffrey"), accents and case
    ignored; at most 50."""
    wanted = _words(text)
    if len(wanted) < 2:
        return []
    longest = max(wanted, key=len)
    rows = conn.execute(
        "SELECT id, name FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id",
        (f"%{_escape_like(longest)}%",),
    ).fetchall()
    if not longest.isascii():
        rows = conn.execute("SELECT id, name FROM people ORDER BY name, id").fetchall()
    found: list[tuple[int, str]] = []
    for pid, name in rows:
        words = _words(str(name))
        if all(w in words for w in wanted):
            found.append((int(pid), str(name)))
            if len(found) >= 50:
                break
    return found


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def person_name(db: Database, person_id: int) -> str:
    row = db.conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise PersonNotFoundError(f"no person has the id {person_id}")
    return str(row[0])


def _people_matching(search: str | None) -> tuple[str, list[object]]:
    """The ``WHERE`` clause (over ``people p``) and its parameters for people whose name, company,
    position, identity or tag contains ``search``; none for no search."""
    if not search:
        return "", []
    pattern = f"%{_escape_like(search)}%"
    where = (
        "WHERE p.name LIKE ? ESCAPE '\\' OR p.company LIKE ? ESCAPE '\\' OR p.position LIKE ? ESCAPE '\\'"
        " OR EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id AND i.value LIKE ? ESCAPE '\\')"
        " OR EXISTS (SELECT 1 FROM user_tags t WHERE t.person_id = p.id AND t.tag LIKE ? ESCAPE '\\')"
    )
    return where, [pattern] * 5


def count_people(db: Database, *, search: str | None = None) -> int:
    """How many people :func:`list_people` lists for ``search`` without a limit."""
    where, params = _people_matching(search)
    return int(db.conn.execute(f"SELECT COUNT(*) FROM people p {where}", params).fetchone()[0])


def list_people(
    db: Database, *, search: str | None = None, limit: int | None = None, offset: int = 0
) -> list[PersonRow]:
    """People with company, position, connected-on, messages sent/received and last contact, by name."""
    where, params = _people_matching(search)
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params.extend([limit, offset])
    sql = f"""
    SELECT p.id, p.name, p.company, p.position,
           (SELECT MIN(connected_on) FROM connections c WHERE c.person_id = p.id),
           (SELECT COUNT(*) FROM interactions x WHERE x.person_id = p.id AND x.direction = 'sent'
                AND x.kind IN ('message', 'email')),
           (SELECT COUNT(*) FROM interactions x WHERE x.person_id = p.id AND x.direction = 'received'
                AND x.kind IN ('message', 'email')),
           (SELECT MAX(occurred_at) FROM interactions x WHERE x.person_id = p.id),
           (SELECT group_concat(kind || ':' || value, char(31)) FROM identities i WHERE i.person_id = p.id),
           (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM user_tags t WHERE t.person_id = p.id
                ORDER BY tag)),
           (SELECT group_concat(text, char(31)) FROM (SELECT text FROM user_notes n WHERE n.person_id = p.id
                ORDER BY id))
    FROM people p {where}
    ORDER BY p.name COLLATE NOCASE, p.id{page}
    """
    return [
        PersonRow(
            id=r[0],
            name=r[1],
            company=r[2],
            position=r[3],
            connected_on=r[4],
            sent=r[5],
            received=r[6],
            last_contact=r[7],
            identities=tuple(r[8].split("\x1f")) if r[8] else (),
            tags=tuple(r[9].split("\x1f")) if r[9] else (),
            notes=tuple(r[10].split("\x1f")) if r[10] else (),
        )
        for r in db.conn.execute(sql, params)
    ]


def add_note(db: Database, person_id: int, text: str, *, now: int | None = None) -> int:
    """Attach a note (the user's own data) to a person; return its id."""
    if not text.strip():
        raise UsageError("a note needs some text")
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO user_notes(person_id, text, created_at) VALUES (?, ?, ?)",
            (person_id, text.strip(), int(now if now is not None else time.time())),
        )
    return int(cur.lastrowid or 0)


def add_tag(db: Database, person_id: int, tag: str, *, now: int | None = None) -> bool:
    """Tag a person (the user's own data); False when the tag was already there."""
    clean = tag.strip()
    if not clean:
        raise UsageError("a tag cannot be empty")
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT OR IGNORE INTO user_tags(person_id, tag, created_at) VALUES (?, ?, ?)",
            (person_id, clean, int(now if now is not None else time.time())),
        )
    return cur.rowcount > 0


def remove_tag(db: Database, person_id: int, tag: str) -> bool:
    with db.transaction() as conn:
        cur = conn.execute("DELETE FROM user_tags WHERE person_id = ? AND tag = ?", (person_id, tag.strip()))
    return cur.rowcount > 0


def forget_person(db: Database, person_id: int, *, now: int | None = None) -> int:
    """Remove a person and everything about them; remember only hashes of their identities so that a
    re-import does not bring them back.  Returns how many identities were remembered."""
    with db.transaction() as conn:
        identities = [
            Identity(kind, value)
            for kind, value in conn.execute(
                "SELECT kind, value FROM identities WHERE person_id = ?", (person_id,)
            )
        ]
        stamp = int(now if now is not None else time.time())
        conn.executemany(
            "INSERT OR IGNORE INTO user_forgotten(identity_hash, forgotten_at) VALUES (?, ?)",
            [(identity_hash(i), stamp) for i in identities],
        )
        cur = conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
        if cur.rowcount == 0:
            raise PersonNotFoundError(f"no person has the id {person_id}")
        # The merge log names people by identity and by their ids at the time: nothing of theirs stays.
        named = [f"{i.kind}:{i.value}" for i in identities]
        marks = ", ".join("?" * len(named))
        conn.execute(
            f"DELETE FROM identity_merges WHERE kept_id = ? OR merged_id = ?"
            f" OR identity_a IN ({marks}) OR identity_b IN ({marks})",
            (person_id, person_id, *named, *named),
        )
        # Every stored analysis and dashboard page was computed with them in it: none is kept.
        conn.execute("DELETE FROM analysis_results")
    return len(identities)
