"""The team's SQL: what ``netvalue share`` reads from a member's database, and the team's pooled contacts.

A share never writes to the member's database (the ``fetch_*`` functions only read).  The pool
(``DIR/pool.sqlite``, 0600) holds every member's rows with the human each was resolved to, indexed by
human, company, key and domain, and the answers that need the whole pool (coverage, overlap) as
``team add`` computed them; ``team paths`` reads only the rows of the humans it is asked about.  It
holds nothing the members' shares do not.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netvalue.errors import StoreError

if TYPE_CHECKING:
    from netvalue.store.database import Database


def fetch_positions(db: Database) -> dict[int, tuple[str | None, str | None]]:
    """``person_id -> (company, position)`` as the ``people`` table holds them (None when unknown)."""
    return {
        int(pid): (company or None, position or None)
        for pid, company, position in db.conn.execute("SELECT id, company, position FROM people")
    }


def fetch_tagged(db: Database, tags: tuple[str, ...]) -> set[int]:
    """The people carrying any of ``tags`` (compared without case)."""
    if not tags:
        return set()
    marks = ",".join("?" for _ in tags)
    rows = db.conn.execute(
        f"SELECT DISTINCT person_id FROM user_tags WHERE lower(tag) IN ({marks})",
        tuple(t.casefold() for t in tags),
    )
    return {int(r[0]) for r in rows}


def fetch_owner_identities(db: Database) -> list[tuple[str, str]]:
    """The owner's own keys, ``(kind, value)``, in a stable order."""
    return [
        (str(k), str(v))
        for k, v in db.conn.execute("SELECT kind, value FROM owner_identities ORDER BY kind, value")
    ]


def fetch_owner_name(db: Database) -> str | None:
    """The owner's name as an import recorded it, if any."""
    row = db.conn.execute("SELECT value FROM owner WHERE key = 'name' ORDER BY source LIMIT 1").fetchone()
    return str(row[0]) if row and str(row[0]).strip() else None


POOL_VERSION = 1
_POOL_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE members (member INTEGER PRIMARY KEY, name TEXT NOT NULL, keys TEXT NOT NULL);
CREATE TABLE contacts (
    row INTEGER PRIMARY KEY, member INTEGER NOT NULL, human INTEGER NOT NULL, keys TEXT NOT NULL,
    domains TEXT NOT NULL, name TEXT, name_folded TEXT, company TEXT, company_key TEXT, role TEXT,
    tier TEXT NOT NULL, strength REAL NOT NULL, last_two_way TEXT, knows_member INTEGER NOT NULL
);
CREATE TABLE contact_keys (key TEXT NOT NULL, row INTEGER NOT NULL);
CREATE TABLE contact_domains (domain TEXT NOT NULL, row INTEGER NOT NULL);
CREATE TABLE company_spellings (spelling TEXT PRIMARY KEY, company_key TEXT NOT NULL);
CREATE TABLE answers (name TEXT PRIMARY KEY, json TEXT NOT NULL);
"""
_POOL_INDEXES = """
CREATE INDEX contacts_human ON contacts (human);
CREATE INDEX contacts_company ON contacts (company_key);
CREATE INDEX contacts_name ON contacts (name_folded);
CREATE INDEX contacts_knows ON contacts (knows_member) WHERE knows_member = 1;
CREATE INDEX contact_keys_key ON contact_keys (key);
CREATE INDEX contact_domains_domain ON contact_domains (domain);
"""
_CONTACT_COLUMNS = (
    "row, member, human, keys, domains, name, company, company_key, role, tier, strength, last_two_way,"
    " knows_member"
)


@dataclass(frozen=True, slots=True)
class PoolRow:
    """One pooled row as the pool file keeps it."""

    row: int
    member: int
    human: int
    keys: tuple[str, ...]
    domains: tuple[str, ...]
    name: str | None
    company: str | None
    company_key: str | None
    role: str | None
    tier: str
    strength: float
    last_two_way: str | None
    knows_member: bool


def write_team_pool(
    path: Path,
    meta: dict[str, str],
    members: Sequence[tuple[str, Sequence[str]]],
    rows: Iterable[PoolRow],
    answers: dict[str, object],
) -> None:
    """Write the pool to ``path`` (mode 0600) whole or not at all: a temporary file beside it is renamed
    over it once complete."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o600)
    os.close(fd)
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.executescript(_POOL_SCHEMA)
            _fill_pool(conn, meta, members, rows, answers)
            conn.executescript(_POOL_INDEXES)
            conn.commit()
        finally:
            conn.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _fill_pool(
    conn: sqlite3.Connection,
    meta: dict[str, str],
    members: Sequence[tuple[str, Sequence[str]]],
    rows: Iterable[PoolRow],
    answers: dict[str, object],
) -> None:
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("version", str(POOL_VERSION)), *sorted(meta.items())]
    )
    conn.executemany(
        "INSERT INTO members VALUES (?, ?, ?)",
        [(i, name, json.dumps(sorted(keys))) for i, (name, keys) in enumerate(members)],
    )
    spellings: dict[str, str] = {}
    contacts: list[tuple[object, ...]] = []
    keys: list[tuple[str, int]] = []
    domains: list[tuple[str, int]] = []
    for r in rows:
        folded = r.name.strip().casefold() if r.name else None
        contacts.append(
            (
                r.row,
                r.member,
                r.human,
                _joined(r.keys),
                _joined(r.domains),
                r.name,
                folded,
                r.company,
                r.company_key,
                r.role,
                r.tier,
                r.strength,
                r.last_two_way,
                int(r.knows_member),
            )
        )
        keys.extend((k, r.row) for k in r.keys)
        domains.extend((d, r.row) for d in r.domains)
        if r.company and r.company_key:
            spellings.setdefault(r.company.strip().casefold(), r.company_key)
            spellings.setdefault(r.company_key, r.company_key)
    conn.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", contacts)
    conn.executemany("INSERT INTO contact_keys VALUES (?, ?)", keys)
    conn.executemany("INSERT INTO contact_domains VALUES (?, ?)", domains)
    conn.executemany("INSERT INTO company_spellings VALUES (?, ?)", sorted(spellings.items()))
    conn.executemany(
        "INSERT INTO answers VALUES (?, ?)",
        [(name, json.dumps(value, ensure_ascii=False)) for name, value in sorted(answers.items())],
    )


def _joined(values: Sequence[str]) -> str:
    """Keys and domains one a line (a share file's keys are hashes and its domains hold no line breaks:
    :func:`netvalue.team.share_file.read_share` checks both); split back ~10x faster than JSON."""
    return "\n".join(values)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


class TeamPool:
    """The pool file, opened read-only."""

    def __init__(self, path: Path) -> None:
        try:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self.meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: not a team pool ({exc}); run `netvalue team add` again") from exc

    def close(self) -> None:
        self.conn.close()

    def members(self) -> list[tuple[str, frozenset[str]]]:
        rows = self.conn.execute("SELECT name, keys FROM members ORDER BY member")
        return [(str(name), frozenset(json.loads(keys))) for name, keys in rows]

    def answer(self, name: str) -> object:
        row = self.conn.execute("SELECT json FROM answers WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])

    def company_key(self, spelling: str) -> str | None:
        row = self.conn.execute(
            "SELECT company_key FROM company_spellings WHERE spelling = ?", (spelling,)
        ).fetchone()
        return None if row is None else str(row[0])

    def humans_at_company(self, company_key: str) -> list[int]:
        sql = "SELECT DISTINCT human FROM contacts WHERE company_key = ? ORDER BY human"
        return [int(h) for (h,) in self.conn.execute(sql, (company_key,))]

    def humans_at_domain(self, exact: Sequence[str], suffix: str) -> list[int]:
        """Humans with a domain among ``exact`` or ending in ``suffix``."""
        marks = ",".join("?" for _ in exact)
        sql = (
            "SELECT DISTINCT c.human FROM contact_domains d JOIN contacts c ON c.row = d.row"
            f" WHERE d.domain IN ({marks}) OR substr(d.domain, -?) = ? ORDER BY c.human"
        )
        return [int(h) for (h,) in self.conn.execute(sql, (*exact, len(suffix), suffix))]

    def humans_with_keys(self, keys: Sequence[str]) -> list[int]:
        marks = ",".join("?" for _ in keys)
        sql = (
            "SELECT DISTINCT c.human FROM contact_keys k JOIN contacts c ON c.row = k.row"
            f" WHERE k.key IN ({marks}) ORDER BY c.human"
        )
        return [int(h) for (h,) in self.conn.execute(sql, tuple(keys))]

    def humans_named(self, folded: str) -> list[int]:
        sql = "SELECT DISTINCT human FROM contacts WHERE name_folded = ? ORDER BY human"
        return [int(h) for (h,) in self.conn.execute(sql, (folded,))]

    def rows_for(self, humans: Sequence[int]) -> list[PoolRow]:
        """The rows of ``humans`` and every row that shows one member knowing another, in pool order."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (human INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM wanted")
        self.conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(h,) for h in humans])
        sql = (
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE human IN (SELECT human FROM wanted)"
            f" UNION SELECT {_CONTACT_COLUMNS} FROM contacts WHERE knows_member = 1 ORDER BY row"
        )
        return [
            PoolRow(
                int(row),
                int(member),
                int(human),
                _split(keys),
                _split(domains),
                name,
                company,
                company_key,
                role,
                str(tier),
                float(strength),
                last,
                bool(knows),
            )
            for row, member, human, keys, domains, name, company, company_key, role, tier, strength, last, knows in self.conn.execute(
                sql
            )
        ]
