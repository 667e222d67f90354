"""One person per human: resolution after every import, and the user's merge, split and review.

Exact keys (an e-mail address, a LinkedIn profile, a phone) already unify people while an import is
written (:mod:`netvalue.store.ingest`).  :func:`resolve` then applies the user's decisions and the
probabilistic matching of :mod:`netvalue.identity.matching`: merges above the automatic threshold,
queues the band below it for review.

The user's decisions are the user's data (``user_merges``): they name identities (``kind:value``), not
person ids, so they survive every re-import and re-resolution.  For each pair of identities the latest
decision counts: ``merge`` keeps them in one person, ``split`` and ``reject`` keep them apart.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import product

from netvalue.errors import PersonNotFoundError, UsageError
from netvalue.identity.matching import AUTO_MERGE, REVIEW, Match, plan_resolution
from netvalue.importers import NAME_TRUST
from netvalue.store import identity as store
from netvalue.store.database import Database
from netvalue.store.ingest import merge_people

__all__ = ["AUTO_MERGE", "REVIEW", "ResolutionReport", "accept", "merge", "reject", "resolve", "split"]


@dataclass(frozen=True, slots=True)
class ResolutionReport:
    """What one resolution run did."""

    people_before: int
    people_after: int
    user_merges: int  # merges the user decided that had come apart (e.g. after forgetting) and were redone
    merged: int  # automatic merges
    queued: int  # pairs now waiting for review
    compared: int  # candidate pairs scored
    seconds: float
    merges: tuple[Match, ...] = ()  # the automatic merges, each (kept id, merged id, confidence, reasons)

    def as_dict(self) -> dict[str, object]:
        return {
            "people_before": self.people_before,
            "people_after": self.people_after,
            "user_merges": self.user_merges,
            "merged": self.merged,
            "queued": self.queued,
            "compared": self.compared,
            "seconds": round(self.seconds, 3),
            "merges": [
                {"kept": m.a, "merged": m.b, "confidence": m.confidence, "reasons": list(m.reasons)}
                for m in self.merges
            ],
        }


def _latest_decisions(db: Database) -> dict[frozenset[str], store.Decision]:
    latest: dict[frozenset[str], store.Decision] = {}
    for row in store.merge_decisions(db.conn):
        latest[frozenset((row.identity_a, row.identity_b))] = row.decision
    return latest


def resolve(
    db: Database, *, now: int | None = None, auto_merge: float = AUTO_MERGE, review: float = REVIEW
) -> ResolutionReport:
    """Re-run resolution over the whole database in one transaction and return what it did."""
    clock = time.perf_counter()
    stamp = int(now if now is not None else time.time())
    with db.transaction() as conn:
        before = store.people_count(conn)
        owners = store.identity_owners(conn)
        latest = _latest_decisions(db)
        redone = 0
        for pair, decision in latest.items():
            x, y = (owners.get(i) for i in pair) if len(pair) == 2 else (None, None)
            if decision == "merge" and x is not None and y is not None and x != y:
                keep, other = min(x, y), max(x, y)
                merge_people(conn, keep, other)
                owners = {k: (keep if v == other else v) for k, v in owners.items()}
                redone += 1
        kept_apart: set[frozenset[int]] = set()
        for pair, decision in latest.items():
            x, y = (owners.get(i) for i in pair) if len(pair) == 2 else (None, None)
            if decision != "merge" and x is not None and y is not None and x != y:
                kept_apart.add(frozenset((x, y)))
        prior_links, prior_wrong = store.standing_merges(conn, owners)
        plan = plan_resolution(
            store.person_facts(conn),
            kept_apart,
            auto_merge=auto_merge,
            review=review,
            prior_links=prior_links,
            prior_wrong=prior_wrong,
        )
        for match in plan.merges:
            merge_people(conn, match.a, match.b)
        store.log_merges(conn, _logged(plan.merges, owners), stamp)
        store.sync_queue(conn, [(m.a, m.b, m.confidence, m.reasons) for m in plan.queue], stamp)
        after = store.people_count(conn)
    return ResolutionReport(
        people_before=before,
        people_after=after,
        user_merges=redone,
        merged=len(plan.merges),
        queued=len(plan.queue),
        compared=plan.compared,
        seconds=time.perf_counter() - clock,
        merges=plan.merges,
    )


def _logged(merges: tuple[Match, ...], owners: dict[str, int]) -> list[store.LoggedMerge]:
    """The automatic merges as ``identity_merges`` rows, each side named by its first identity (by text)
    among those it had before the run (``owners``: ``kind:value`` -> person id)."""
    if not merges:
        return []
    first: dict[int, str] = {}
    for identity, pid in owners.items():
        if pid not in first or identity < first[pid]:
            first[pid] = identity
    return [
        store.LoggedMerge(
            first.get(m.a),
            first.get(m.b),
            m.a,
            m.b,
            m.rule,
            m.confidence,
            m.reasons,
            m.namesake_chance,
            m.linked_pairs,
        )
        for m in merges
    ]


def merge(db: Database, a: int, b: int, *, now: int | None = None) -> int:
    """Merge people ``a`` and ``b`` (the older id survives) and record the decision; return the survivor."""
    if a == b:
        raise UsageError("that is one person already; give two different people")
    stamp = int(now if now is not None else time.time())
    with db.transaction() as conn:
        ids_a = store.person_identities(conn, a)
        ids_b = store.person_identities(conn, b)
        if not ids_a or not ids_b:
            missing = a if not ids_a else b
            raise PersonNotFoundError(f"no person with identities has the id {missing}")
        store.record_decisions(conn, "merge", [(str(ids_a[0]), str(ids_b[0]))], stamp)
        keep, other = min(a, b), max(a, b)
        merge_people(conn, keep, other)
        store.accept_joined_pairs(conn)
    return keep


def _first_source(identities: list[store.IdentityRow]) -> str:
    """The most trusted source among a person's identities (each importer's ``name_trust``; ties by name)."""
    return min({i.source for i in identities}, key=lambda s: (-NAME_TRUST.get(s, 1), s))


def split(
    db: Database, person_id: int, identities: list[str] | None = None, *, now: int | None = None
) -> int:
    """Move ``identities`` (``kind:value``; default: every identity not from the person's most trusted
    source) to a new person, with the interactions, connections and positions of every source no kept
    identity came from (a re-import then places each interaction by its own identity), and record a ``split`` decision for every (kept, moved) pair.  Returns the new id."""
    stamp = int(now if now is not None else time.time())
    with db.transaction() as conn:
        current = store.person_identities(conn, person_id)
        if not current:
            raise PersonNotFoundError(f"no person with identities has the id {person_id}")
        if identities:
            by_text = {str(i): i for i in current}
            unknown = [text for text in identities if text not in by_text]
            if unknown:
                listed = ", ".join(by_text)
                raise UsageError(f"person {person_id} has no identity {unknown[0]!r}; theirs are: {listed}")
            moved = [by_text[text] for text in dict.fromkeys(identities)]
        else:
            first = _first_source(current)
            moved = [i for i in current if i.source != first]
            if not moved:
                raise UsageError(
                    f"all identities of person {person_id} come from {first}; name the ones to move with --identity"
                )
        kept = [i for i in current if i not in moved]
        if not kept:
            raise UsageError("a split must leave at least one identity with the person")
        new_id = store.copy_person(conn, person_id, stamp)
        store.move_identities(conn, moved, new_id)
        not_kept = store.row_sources(conn, person_id) - {i.source for i in kept}
        store.move_source_rows(conn, person_id, new_id, sorted(not_kept))
        store.record_decisions(conn, "split", [(str(k), str(m)) for k, m in product(kept, moved)], stamp)
        store.drop_pending_for(conn, person_id)
    return new_id


def accept(db: Database, match_id: int, *, now: int | None = None) -> int:
    """Accept queued match ``match_id``: merge the two people and record it; return the survivor."""
    match = _pending(db, match_id)
    keep = merge(db, match.a_id, match.b_id, now=now)
    with db.transaction() as conn:
        store.set_match_status(conn, match_id, "accepted")
    return keep


def reject(db: Database, match_id: int, *, now: int | None = None) -> None:
    """Reject queued match ``match_id``: record a ``reject`` for every pair of their identities."""
    match = _pending(db, match_id)
    stamp = int(now if now is not None else time.time())
    with db.transaction() as conn:
        pairs = [(x, y) for x, y in product(match.a_identities, match.b_identities)]
        store.record_decisions(conn, "reject", pairs, stamp)
        store.set_match_status(conn, match_id, "rejected")


def _pending(db: Database, match_id: int) -> store.QueuedMatch:
    found = store.queued_matches(db, match_id)
    if not found:
        raise UsageError(f"no pending match has the id {match_id}; see `netvalue review --list`")
    return found[0]
