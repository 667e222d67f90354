"""The SQL behind the network's shape: co-occurrence rows as numpy arrays, people's attributes,
affiliations and the owner's own schools and follows.  Everything is read "as of" a moment: only
interactions before it (undated ones too, as old), positions first seen before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netvalue.keys import PUBLIC_MAIL_DOMAINS
from netvalue.store.database import Database

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

@dataclass(frozen=True, slots=True)
class EventRows:
    """One row per (person, event): ``events`` are integer codes of a ``message_key`` or a
    ``conversation_id`` (a conversation is one event, distinct from its messages' events)."""

    people: IntArray
    events: IntArray
    occurred_at: FloatArray


@dataclass(frozen=True, slots=True)
class PersonAttributes:
    """What a person is known by, for labelling clusters and grouping hangouts."""

    name: str
    company: str | None
    location: str | None
    headline: str | None
    domain: str | None
    topics: frozenset[str]  # subjects of one-to-few threads with this person, normalised
    connected_on: int | None
    is_connection: bool


_TIME_BITS = 34  # person_id and time share one integer: the cost of a fetch is per value handed to Python
_NO_TIME = (1 << _TIME_BITS) - 1


def event_rows(db: Database, as_of: int, max_group: int = 12) -> EventRows:
    """Every interaction before ``as_of`` (or undated) that can show co-occurrence, as arrays.

    Message events: rows sharing a ``message_key`` with ``2 ≤ group_size ≤ max_group`` (read sorted by
    ``message_key``, so an event's code is where the key changes).  Conversation events: one
    row per (``conversation_id``, person) with the person's latest time in it.
    """
    packed_sql = (
        f"person_id * {1 << _TIME_BITS} + COALESCE(min(max(occurred_at, 0), {_NO_TIME - 1}), {_NO_TIME})"
    )
    message = db.conn.execute(
        f"SELECT {packed_sql}, message_key FROM interactions"
        " WHERE message_key IS NOT NULL AND group_size BETWEEN 2 AND ?"
        " AND (occurred_at IS NULL OR occurred_at < ?)"
        " ORDER BY message_key",
        (max_group, as_of),
    ).fetchall()
    conversation = db.conn.execute(
        f"SELECT {packed_sql.replace('occurred_at', 'MAX(occurred_at)')}, conversation_id FROM interactions"
        " WHERE conversation_id IS NOT NULL AND (occurred_at IS NULL OR occurred_at < ?)"
        " GROUP BY conversation_id, person_id ORDER BY conversation_id",
        (as_of,),
    ).fetchall()
    packed = np.fromiter(
        (r[0] for r in (*message, *conversation)), dtype=np.int64, count=len(message) + len(conversation)
    )
    codes = np.concatenate(
        [_change_codes([r[1] for r in message]), _change_codes([r[1] for r in conversation])]
    )
    if len(message) and len(conversation):
        codes[len(message) :] += codes[len(message) - 1] + 1
    times = (packed & _NO_TIME).astype(np.float64)
    times[times == _NO_TIME] = np.nan
    return EventRows(people=packed >> _TIME_BITS, events=codes, occurred_at=times)


def _change_codes(sorted_keys: list[str]) -> IntArray:
    """Dense integer codes of a sorted list of keys: a new code wherever the key changes."""
    if not sorted_keys:
        return np.zeros(0, dtype=np.int64)
    keys = np.array(sorted_keys, dtype=object)
    changed = np.ones(len(keys), dtype=np.int64)
    changed[1:] = keys[1:] != keys[:-1]
    return np.cumsum(changed) - 1


def contact_ids(db: Database, as_of: int) -> IntArray:
    """The user's contacts as of ``as_of``: connections made before it (or undated) and anyone with an
    interaction before it; sorted person ids."""
    rows = db.conn.execute(
        """
        SELECT p.id FROM people p
        WHERE EXISTS (SELECT 1 FROM connections c
                      WHERE c.person_id = p.id AND (c.connected_on IS NULL OR c.connected_on < ?))
           OR EXISTS (SELECT 1 FROM interactions i
                      WHERE i.person_id = p.id AND (i.occurred_at IS NULL OR i.occurred_at < ?))
        """,
        (as_of, as_of),
    ).fetchall()
    return np.array(sorted(int(r[0]) for r in rows), dtype=np.int64)


def company_rows(db: Database, as_of: int) -> tuple[IntArray, list[str]]:
    """``(person ids, company)`` of each person's latest position first seen before ``as_of``
    (so two people share a row value when they were at the same company at that time), else
    ``people.company``; company names case-folded and trimmed."""
    rows = db.conn.execute(
        """
        SELECT p.id, COALESCE(
            (SELECT pp.company FROM person_positions pp
             WHERE pp.person_id = p.id AND pp.first_seen < ? AND pp.company != ''
             ORDER BY pp.last_seen DESC, pp.first_seen DESC LIMIT 1),
            p.company)
        FROM people p
        """,
        (as_of,),
    ).fetchall()
    kept = [(int(pid), company.strip()) for pid, company in rows if company and company.strip()]
    return np.array([k[0] for k in kept], dtype=np.int64), [k[1] for k in kept]


TOPIC_MAX_GROUP = 12
"""Subjects of threads with at most 12 people describe who takes part in them [ours]."""
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw|wg|tr|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_GENERIC_SUBJECTS = frozenset(
    {
        "",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank you",
        "fyi",
        "question",
        "meeting",
        "update",
        "call",
        "(no subject)",
        "no subject",
        "lunch",
        "test",
        "re",
        "fw",
        "follow up",
        "follow-up",
        "info",
    }
)


def normalised_subject(title: str) -> str:
    """A subject without ``Re:``/``Fw:`` prefixes, in one case and spacing; ``''`` for generic ones."""
    text = " ".join(_REPLY_PREFIX.sub("", title).split())
    return "" if text.casefold() in _GENERIC_SUBJECTS or len(text) < 4 else text


def owner_domains(db: Database) -> set[str]:
    """The e-mail domains of the owner's own addresses."""
    rows = db.conn.execute("SELECT value FROM owner_identities WHERE kind = 'email'")
    return {str(r[0]).rpartition("@")[2].lower() for r in rows if "@" in str(r[0])}


def person_attributes(db: Database, as_of: int) -> dict[int, PersonAttributes]:
    """Name, company, place, headline, work e-mail domain, most frequent group-conversation title, and
    connection date of every person (attributes as of now except the topic, which is as of ``as_of``)."""
    conn = db.conn
    domains: dict[int, str] = {}
    for pid, value in conn.execute(
        "SELECT person_id, value FROM identities WHERE kind = 'email' ORDER BY value"
    ):
        domain = value.rpartition("@")[2].lower()
        if domain and domain not in PUBLIC_MAIL_DOMAINS:
            domains.setdefault(int(pid), domain)
    by_subject: dict[str, tuple[set[int], set[str]]] = {}
    # NOT INDEXED: walking interactions_person for the GROUP BY costs a row lookup per interaction;
    # a plain scan is 20x faster.  Only threads of at most TOPIC_MAX_GROUP people the person took part in
    # (not co-occurrence): a broadcast's subject says nothing about who the recipients are.
    for pid, title, message in conn.execute(
        "SELECT DISTINCT person_id, title, message_key FROM interactions NOT INDEXED"
        " WHERE title IS NOT NULL AND title != '' AND bulk = 0 AND group_size <= ?"
        " AND (occurred_at IS NULL OR occurred_at < ?)",
        (TOPIC_MAX_GROUP, as_of),
    ):
        topic = normalised_subject(str(title))
        if topic:
            people, messages = by_subject.setdefault(topic, (set(), set()))
            people.add(int(pid))
            messages.add(str(message))
    topics: dict[int, set[str]] = {}
    for topic, (people, messages) in by_subject.items():
        if len(messages) >= 2:  # a thread that went back and forth, never one mail's subject
            for person in people:
                topics.setdefault(person, set()).add(topic)
    connected: dict[int, int | None] = {}
    for pid, on in conn.execute("SELECT person_id, MIN(connected_on) FROM connections GROUP BY person_id"):
        connected[int(pid)] = None if on is None else int(on)
    company_people, companies = company_rows(db, as_of)
    company_of = dict(zip(company_people.tolist(), companies, strict=True))
    result: dict[int, PersonAttributes] = {}
    for pid, name, location, headline in conn.execute("SELECT id, name, location, headline FROM people"):
        person = int(pid)
        result[person] = PersonAttributes(
            name=name,
            company=company_of.get(person),
            location=location or None,
            headline=headline or None,
            domain=domains.get(person),
            topics=frozenset(topics.get(person, ())),
            connected_on=connected.get(person),
            is_connection=person in connected,
        )
    return result


def owner_affiliations(db: Database, kind: str) -> list[str]:
    """The owner's organisations of one kind (``position``, ``education``, ``follow``), distinct, in order."""
    rows = db.conn.execute(
        "SELECT DISTINCT organization FROM owner_affiliations WHERE kind = ? ORDER BY organization", (kind,)
    )
    return [str(r[0]) for r in rows]
