"""People and the user's own data about them: find, list, look up; note, tag, rate, forget.

Every verb takes the open :class:`~netvalue.store.Database` and a person id (found with
:func:`find_person` from an id, profile URL, e-mail address or name); the writes are the user's data,
which no import changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from netvalue.app.moments import day, iso
from netvalue.store import Database, web_queries
from netvalue.store import people as people_store
from netvalue.store import status as status_store
from netvalue.store.identity import person_record
from netvalue.store.people import PersonRow, count_people, find_person, list_people, person_name
from netvalue.store.status import ImportRun
from netvalue.store.web_queries import (
    PersonIndexRow,
    known_sources,
    people_index,
    person_rating,
    search_person_ids,
)

__all__ = [
    "ImportRun",
    "PeopleList",
    "PersonIndexRow",
    "PersonProfile",
    "PersonRow",
    "Status",
    "count_people",
    "find_person",
    "forget_person",
    "known_sources",
    "list_people",
    "note_person",
    "people_index",
    "people_list",
    "person_detail",
    "person_name",
    "person_profile",
    "person_rating",
    "rate_people",
    "rate_person",
    "search_person_ids",
    "status",
    "tag_person",
    "untag_person",
]


@dataclass(frozen=True, slots=True)
class Status:
    """``netvalue status``: the database, its schema version, the imports so far and what it holds."""

    database: str
    schema_version: int
    imports: tuple[ImportRun, ...]
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "schema_version": self.schema_version,
            "imports": [
                {
                    "id": r.id,
                    "source": r.source,
                    "file": r.file_name,
                    "sha256": r.sha256,
                    "started_at": iso(r.started_at),
                    "finished_at": iso(r.finished_at),
                }
                for r in self.imports
            ],
            "counts": self.counts,
        }


def status(db: Database) -> Status:
    return Status(
        database=str(db.path),
        schema_version=db.schema_version,
        imports=tuple(status_store.import_runs(db)),
        counts=status_store.counts(db),
    )


@dataclass(frozen=True, slots=True)
class PeopleList:
    """``netvalue people``: the people asked for, by name, and how many match in all (``total`` is
    ``len(people)`` when every match is listed)."""

    people: tuple[PersonRow, ...]
    total: int

    def to_json(self) -> list[dict[str, object]]:
        return [
            {
                "id": r.id,
                "name": r.name,
                "company": r.company,
                "position": r.position,
                "connected_on": day(r.connected_on) or None,
                "messages_sent": r.sent,
                "messages_received": r.received,
                "last_contact": iso(r.last_contact),
                "identities": list(r.identities),
                "tags": list(r.tags),
                "notes": list(r.notes),
            }
            for r in self.people
        ]


def people_list(db: Database, *, search: str | None = None, limit: int | None = None) -> PeopleList:
    """People whose name, company, position, tag or identity contains ``search`` (everyone: None), by
    name, at most ``limit`` (every one: None), and how many match in all."""
    rows = list_people(db, search=search, limit=limit)
    listed_all = limit is None or len(rows) < limit
    return PeopleList(tuple(rows), len(rows) if listed_all else count_people(db, search=search))


def person_detail(db: Database, person_id: int, *, timeline_limit: int | None = None) -> dict[str, object]:
    """Everything about one person (fields, identities, sources, connections, positions, notes, tags,
    pending matches, the newest ``timeline_limit`` interactions); a person who does not exist is
    :class:`~netvalue.errors.PersonNotFoundError`."""
    person_name(db, person_id)
    return person_record(db, person_id, timeline_limit=timeline_limit)


def person_profile(db: Database, person_id: int, *, timeline_limit: int | None = None) -> PersonProfile:
    """:func:`person_detail` as a typed :class:`PersonProfile` (``netvalue person``)."""
    return PersonProfile.of(person_detail(db, person_id, timeline_limit=timeline_limit))


def note_person(db: Database, person_id: int, text: str) -> int:
    """Add a note to a person (yours: no import changes it); the note's id."""
    person_name(db, person_id)
    return people_store.add_note(db, person_id, text)


def tag_person(db: Database, person_id: int, tag: str) -> bool:
    """Tag a person; ``False`` if they already had the tag."""
    person_name(db, person_id)
    return people_store.add_tag(db, person_id, tag)


def untag_person(db: Database, person_id: int, tag: str) -> bool:
    """Remove a tag; ``False`` if the person did not have it."""
    person_name(db, person_id)
    return people_store.remove_tag(db, person_id, tag)


def rate_person(db: Database, person_id: int, rating: int | None) -> None:
    """The user's rating 1..5 of how close a person is (it overrides the score); ``None`` removes it."""
    person_name(db, person_id)
    web_queries.set_rating(db, person_id, rating)


def forget_person(db: Database, person_id: int) -> int:
    """Remove a person and everything about them (a re-import does not bring them back)."""
    return people_store.forget_person(db, person_id)


def rate_people(db: Database, ratings: list[tuple[int, int]]) -> None:
    """Several ratings (person id, 1..5) at once: all of them, or none if one is refused."""
    with db.transaction():
        for person_id, rating in ratings:
            web_queries.set_rating(db, person_id, rating)


# -- one person, typed (``netvalue person``) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IdentityEntry:
    kind: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class ConnectionEntry:
    """Connected on a platform: ``relation`` (connection, follower …) since ``connected_on``."""

    source: str
    relation: str
    connected_on: int | None


@dataclass(frozen=True, slots=True)
class PositionEntry:
    """A company and role a source showed, from ``first_seen`` to ``last_seen``."""

    company: str | None
    position: str | None
    source: str
    first_seen: int | None
    last_seen: int | None


@dataclass(frozen=True, slots=True)
class NoteEntry:
    text: str
    created_at: int | None


@dataclass(frozen=True, slots=True)
class PendingMatch:
    """A queued match with another person (``netvalue review accept match_id``)."""

    match_id: int
    person_id: int
    confidence: float


@dataclass(frozen=True, slots=True)
class AutomaticMerge:
    """A merge resolution made on its own between two of the person's identities, and why."""

    identities: tuple[str, str]
    rule: str
    confidence: float
    reasons: tuple[str, ...]
    namesake_chance: float | None
    merged_at: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One interaction: when, where, what, which way, its title, how many took part, whether bulk."""

    occurred_at: int | None
    source: str
    kind: str
    direction: str
    title: str | None
    group_size: int
    bulk: bool


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """``netvalue person``: the person's fields, identities, sources, connections, positions, the user's
    notes and tags, interactions per source, pending and automatic merges, and the timeline (newest
    first).  Moments are epoch seconds; ``to_json`` writes them as ISO dates."""

    id: int
    name: str
    first_name: str | None
    last_name: str | None
    company: str | None
    position: str | None
    headline: str | None
    location: str | None
    identities: tuple[IdentityEntry, ...]
    sources: tuple[str, ...]
    connections: tuple[ConnectionEntry, ...]
    positions: tuple[PositionEntry, ...]
    notes: tuple[NoteEntry, ...]
    tags: tuple[str, ...]
    interactions_by_source: dict[str, int]
    pending_matches: tuple[PendingMatch, ...]
    automatic_merges: tuple[AutomaticMerge, ...]
    timeline: tuple[TimelineEntry, ...]

    @classmethod
    def of(cls, record: dict[str, Any]) -> PersonProfile:
        """From the store's record (:func:`person_detail`)."""
        return cls(
            **{k: record[k] for k in PERSON_FIELDS},
            identities=tuple(IdentityEntry(**i) for i in record["identities"]),
            sources=tuple(record["sources"]),
            connections=tuple(ConnectionEntry(**c) for c in record["connections"]),
            positions=tuple(PositionEntry(**p) for p in record["positions"]),
            notes=tuple(NoteEntry(**n) for n in record["notes"]),
            tags=tuple(record["tags"]),
            interactions_by_source=dict(record["interactions_by_source"]),
            pending_matches=tuple(PendingMatch(**m) for m in record["pending_matches"]),
            automatic_merges=tuple(
                AutomaticMerge(**{**m, "identities": tuple(m["identities"]), "reasons": tuple(m["reasons"])})
                for m in record["automatic_merges"]
            ),
            timeline=tuple(TimelineEntry(**t) for t in record["timeline"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **{k: getattr(self, k) for k in PERSON_FIELDS},
            "identities": [asdict(i) for i in self.identities],
            "sources": list(self.sources),
            "connections": [
                {**asdict(c), "connected_on": day(c.connected_on) or None} for c in self.connections
            ],
            "positions": [
                {**asdict(p), "first_seen": iso(p.first_seen), "last_seen": iso(p.last_seen)}
                for p in self.positions
            ],
            "notes": [{"text": n.text, "created_at": iso(n.created_at)} for n in self.notes],
            "tags": list(self.tags),
            "interactions_by_source": dict(self.interactions_by_source),
            "pending_matches": [asdict(m) for m in self.pending_matches],
            "automatic_merges": [
                {**asdict(m), "identities": list(m.identities), "reasons": list(m.reasons)}
                for m in self.automatic_merges
            ],
            "timeline": [{**asdict(t), "occurred_at": iso(t.occurred_at)} for t in self.timeline],
        }


PERSON_FIELDS = ("id", "name", "first_name", "last_name", "company", "position", "headline", "location")
"""The person's own fields, as ``people`` holds them."""
