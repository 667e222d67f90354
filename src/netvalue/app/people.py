"""People and the user's own data about them: find, list, look up; note, tag, rate, forget.

Every verb takes the open :class:`~netvalue.store.Database` and a person id (found with
:func:`find_person` from an id, profile URL, e-mail address or name); the writes are the user's data,
which no import changes.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    "PersonIndexRow",
    "PersonRow",
    "Status",
    "count_people",
    "find_person",
    "forget_person",
    "known_sources",
    "list_people",
    "note_person",
    "people_index",
    "person_detail",
    "person_name",
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


def people_json(rows: list[PersonRow]) -> list[dict[str, object]]:
    """``netvalue people --json``: one object per person."""
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
        for r in rows
    ]


def person_detail(db: Database, person_id: int, *, timeline_limit: int | None = None) -> dict[str, object]:
    """Everything about one person (fields, identities, sources, connections, positions, notes, tags,
    pending matches, the newest ``timeline_limit`` interactions); a person who does not exist is
    :class:`~netvalue.errors.PersonNotFoundError`."""
    person_name(db, person_id)
    return person_record(db, person_id, timeline_limit=timeline_limit)


def person_json(record: dict[str, Any]) -> dict[str, Any]:
    """``netvalue person --json``: :func:`person_detail`'s record with its moments written as ISO dates."""
    for entry in record["timeline"]:
        entry["occurred_at"] = iso(entry["occurred_at"])
    for entry in record["connections"]:
        entry["connected_on"] = day(entry["connected_on"]) or None
    for entry in record["positions"]:
        entry["first_seen"] = iso(entry["first_seen"])
        entry["last_seen"] = iso(entry["last_seen"])
    for entry in record["notes"]:
        entry["created_at"] = iso(entry["created_at"])
    return record


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
