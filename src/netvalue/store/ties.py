"""SQL for tie analysis: interactions as numpy arrays, people, the user's ratings and settings.

Ratings (``user_ratings``) and settings (``user_settings``) are the user's own data; no import
touches them.  Settings used here: ``ties.model`` (JSON of the calibrated strength model, derived
from the ratings and overwritten by ``netvalue model``) and ``value.coefficient`` (dollars per
active contact per year).
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from netvalue.codes import DIRECTIONS, KINDS
from netvalue.columns import SHARED_CONTEXT_MAX_GROUP, InteractionArrays
from netvalue.errors import UsageError
from netvalue.store.database import Database

MODEL_SETTING = "ties.model"
COEFFICIENT_SETTING = "value.coefficient"
_TIME_BITS = 34  # times are packed as occurred_at + 2^33: the years 1697..2242
_TIME_OFFSET = 1 << 33


@dataclass(frozen=True, slots=True)
class PeopleTable:
    """Everyone the analysis judges, as parallel columns; ``index[person_id]`` is the array row."""

    ids: NDArray[np.int64]
    names: tuple[str, ...]
    companies: tuple[str | None, ...]
    connected_on: NDArray[np.int64]  # −1 when unknown or not a connection
    first_seen: NDArray[np.int64]  # earliest dated interaction at any time; −1 when none
    same_company: NDArray[np.bool_]
    index: dict[int, int]


def fetch_people(db: Database) -> PeopleTable:
    """Every person, with their earliest connection date, earliest interaction, and whether they work at one of the
    owner's organisations (``owner_affiliations``, kind ``position``; case-insensitive)."""
    rows = db.conn.execute(
        """
        SELECT p.id, p.name, p.company,
               COALESCE((SELECT MIN(connected_on) FROM connections c WHERE c.person_id = p.id), -1),
               COALESCE((SELECT MIN(occurred_at) FROM interactions x WHERE x.person_id = p.id), -1),
               EXISTS (SELECT 1 FROM owner_affiliations a WHERE a.kind = 'position'
                       AND lower(trim(a.organization)) = lower(trim(p.company)) AND trim(p.company) != '')
        FROM people p ORDER BY p.id
        """
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return PeopleTable(
        ids=ids,
        names=tuple(str(r[1]) for r in rows),
        companies=tuple(r[2] for r in rows),
        connected_on=np.array([r[3] for r in rows], dtype=np.int64),
        first_seen=np.array([r[4] for r in rows], dtype=np.int64),
        same_company=np.array([bool(r[5]) for r in rows], dtype=np.bool_),
        index={int(pid): i for i, pid in enumerate(ids.tolist())},
    )


def fetch_interactions(db: Database, people: PeopleTable, before: int) -> InteractionArrays:
    """Every dated interaction before ``before`` as columns (person as a row of ``people``).

    Numbers come straight from the cursor into one ``np.fromiter`` (no per-row Python list): person
    and time packed into one integer, and direction, kind, bulk, source (up to 64), group size (capped
    at 4,095), length (capped at 1,048,575) and "in a thread" into another, in SQL.  Thread keys are fetched only for messages to 2..20 people, the
    only ones that can show shared context (``SHARED_CONTEXT_MAX_GROUP``)."""
    direction_sql = " ".join(f"WHEN '{d}' THEN {i}" for i, d in enumerate(DIRECTIONS))
    kind_sql = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
    sources = [str(r[0]) for r in db.conn.execute("SELECT DISTINCT source FROM interactions")]
    source_sql = " ".join(f"WHEN ? THEN {i}" for i in range(len(sources))) or "WHEN NULL THEN 0"
    # Two packed integers per row: the cost of a fetch is per value handed to Python
    # (benchmarks/analysis.py), so person and time share one, everything else the other.
    cursor = db.conn.execute(
        f"""
        SELECT person_id * {1 << _TIME_BITS} + (min(max(occurred_at, {-_TIME_OFFSET}), {_TIME_OFFSET - 1})
                                              + {_TIME_OFFSET}),
               (CASE direction {direction_sql} ELSE 0 END)
               | ((CASE kind {kind_sql} ELSE 0 END) << 2)
               | (bulk << 5)
               | (min(CASE source {source_sql} ELSE 0 END, 63) << 6)
               | (min(max(group_size, 1), 4095) << 12)
               | (min(max(COALESCE(length, 0), 0), 1048575) << 24)
               | ((message_key IS NOT NULL AND group_size BETWEEN 2 AND {SHARED_CONTEXT_MAX_GROUP}) << 44)
        FROM interactions WHERE occurred_at IS NOT NULL AND occurred_at < ? ORDER BY id
        """,
        (*sources, before),
    )
    table = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.int64).reshape(-1, 2)
    who_when, packed = table[:, 0], table[:, 1]
    lookup = np.full(int(people.ids.max()) + 1 if len(people.ids) else 1, -1, dtype=np.int64)
    lookup[people.ids] = np.arange(len(people.ids))
    message = np.full(len(table), -1, dtype=np.int64)
    in_thread = ((packed >> 44) & 1).astype(np.bool_)
    if in_thread.any():
        # The same rows, in the same order (ORDER BY id), as the flagged ones above.
        keys = db.conn.execute(
            "SELECT message_key FROM interactions WHERE occurred_at IS NOT NULL AND occurred_at < ?"
            " AND message_key IS NOT NULL AND group_size BETWEEN 2 AND ? ORDER BY id",
            (before, SHARED_CONTEXT_MAX_GROUP),
        )
        names = np.array([r[0] for r in keys.fetchall()])
        message[in_thread] = np.unique(names, return_inverse=True)[1].reshape(-1)
    return InteractionArrays(
        person=lookup[who_when >> _TIME_BITS],
        occurred_at=(who_when & ((1 << _TIME_BITS) - 1)) - _TIME_OFFSET,
        direction=(packed & 3).astype(np.int8),
        kind=((packed >> 2) & 7).astype(np.int8),
        group_size=(packed >> 12) & 4095,
        length=(packed >> 24) & 1048575,  # bits 24-43 (bit 44 flags a thread)
        bulk=((packed >> 5) & 1).astype(np.bool_),
        source=(packed >> 6) & 63,
        message=message,
    )


def fetch_identities(db: Database) -> dict[int, tuple[str, ...]]:
    """``person_id -> ("email:…", "linkedin:…", …)`` for everyone."""
    found: dict[int, list[str]] = {}
    for pid, kind, value in db.conn.execute(
        "SELECT person_id, kind, value FROM identities ORDER BY kind, value"
    ):
        found.setdefault(int(pid), []).append(f"{kind}:{value}")
    return {pid: tuple(values) for pid, values in found.items()}


def fetch_ratings(db: Database) -> dict[int, int]:
    """The user's ratings, ``person_id -> 1..5``."""
    return {int(p): int(r) for p, r in db.conn.execute("SELECT person_id, rating FROM user_ratings")}


def save_rating(db: Database, person_id: int, rating: int, rated_at: int | None = None) -> None:
    """Record (or replace) the user's rating of a person."""
    if not 1 <= rating <= 5:
        raise UsageError(f"a rating is a whole number from 1 to 5, not {rating}")
    db.conn.execute(
        "INSERT INTO user_ratings (person_id, rating, rated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(person_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at",
        (person_id, rating, int(time.time()) if rated_at is None else rated_at),
    )


def read_setting(db: Database, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM user_settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def write_setting(db: Database, key: str, value: str) -> None:
    db.conn.execute(
        "INSERT INTO user_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_setting(db: Database, key: str) -> None:
    db.conn.execute("DELETE FROM user_settings WHERE key = ?", (key,))


def read_json_setting(db: Database, key: str) -> dict[str, object] | None:
    raw = read_setting(db, key)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None
