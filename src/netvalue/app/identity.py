"""One person per human, and the user's say in it: merge, split, review the unsure matches, resolve.

The decisions are kept (``netvalue.identity`` records each merge and split): no re-import or
re-resolution undoes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netvalue import identity
from netvalue.identity import ResolutionReport
from netvalue.store import Database
from netvalue.store import identity as identity_store
from netvalue.store.identity import IdentityRow, QueuedMatch

__all__ = [
    "IdentityRow",
    "QueuedMatch",
    "ResolutionReport",
    "ReviewQueue",
    "accept_match",
    "merge_people",
    "queued_matches",
    "reject_match",
    "resolve_identities",
    "review_queue",
    "split_person",
]


def merge_people(db: Database, a: int, b: int) -> int:
    """Merge two people into one (the older id stays); the id kept."""
    return identity.merge(db, a, b)


def split_person(
    db: Database, person_id: int, identities: list[str] | None = None
) -> tuple[int, list[IdentityRow]]:
    """Move ``identities`` (``kind:value``; default: every identity not from the person's most trusted
    source) to a new person; the new id and the identities it now has."""
    new_id = identity.split(db, person_id, identities)
    return new_id, identity_store.person_identities(db.conn, new_id)


def queued_matches(db: Database, match_id: int | None = None) -> list[QueuedMatch]:
    """The matches resolution was unsure of, waiting for the user (only ``match_id`` if given)."""
    return identity_store.queued_matches(db, match_id)


def accept_match(db: Database, match_id: int) -> int:
    """Accept a queued match: merge the two; the id kept."""
    return identity.accept(db, match_id)


def reject_match(db: Database, match_id: int) -> None:
    """Reject a queued match: the two stay apart for good."""
    identity.reject(db, match_id)


def resolve_identities(db: Database) -> ResolutionReport:
    """Re-run identity resolution: apply the user's decisions, merge sure matches, queue unsure ones."""
    return identity.resolve(db)


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """``netvalue review --list``: the matches resolution was unsure of, waiting for the user."""

    matches: tuple[QueuedMatch, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "id": m.id,
                "confidence": m.confidence,
                "reasons": list(m.reasons),
                "a": {"id": m.a_id, "name": m.a_name, "identities": list(m.a_identities)},
                "b": {"id": m.b_id, "name": m.b_name, "identities": list(m.b_identities)},
            }
            for m in self.matches
        ]


def review_queue(db: Database) -> ReviewQueue:
    """Every queued match, for ``netvalue review --list``."""
    return ReviewQueue(tuple(queued_matches(db)))
