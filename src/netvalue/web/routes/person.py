"""Person: identities across sources, strength with its reasons, a timeline across sources, notes,
tags and rating (editable: the user's own data), and ledger entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from netvalue.errors import UsageError
from netvalue.store import Database
from netvalue.store import people as people_store
from netvalue.store.identity import person_record
from netvalue.store.recommend import ledger_entries
from netvalue.store.web_queries import person_rating, set_rating
from netvalue.web import features
from netvalue.web.rendering import is_htmx, partial, request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]
RECOMMEND_STORE = "netvalue.store.recommend"
TIMELINE_LIMIT = 100  # newest interactions shown [ours]


def person_view(db: Database, person_id: int) -> dict[str, Any]:
    """``netvalue person``'s record (``store.identity.person_record``: fields, identities, sources,
    connections, positions, notes, tags, pending matches, the newest interactions) and the user's rating."""
    people_store.person_name(db, person_id)  # PersonNotFoundError, worded as the CLI words it
    record = person_record(db, person_id, timeline_limit=TIMELINE_LIMIT)
    return {**record, "rating": person_rating(db, person_id)}


@router.get("/person/{person_id}")
@router.get("/person/{person_id}.json")
def person(request: Request, person_id: int, db: DB, as_of: AsOf) -> Response:
    state = web_state(request)
    detail = person_view(db, person_id)
    ties = features.tie_table(state, db, as_of)
    tie = (getattr(ties, "by_person", {}) or {}).get(person_id) if ties is not None else None
    structure = features.structure(state, db, as_of)
    community = None
    if structure is not None and person_id in structure.community_of:
        cid = structure.community_of[person_id]
        community = next(({"id": c.id, "label": c.label} for c in structure.communities if c.id == cid), None)
    entries = features.guarded(state, RECOMMEND_STORE, lambda: ledger_entries(db)) or []
    ledger = [e for e in entries if e.person_id == person_id]
    data: dict[str, Any] = {
        "person": detail,
        "tie": tie_dict(tie),
        "community": community,
        "bridge": bool(structure is not None and person_id in getattr(structure, "bridges", ())),
        "ledger": ledger,
    }
    return respond(request, "person.html", data)


def tie_dict(tie: Any | None) -> dict[str, Any] | None:
    """The person's row of ``netvalue ties``: tier, strength, activity, history, dormant, reasons."""
    if tie is None:
        return None
    names = (
        "tier",
        "strength",
        "activity",
        "history",
        "dormant",
        "deep_dormant",
        "reasons",
        "last_contact",
        "rating",
    )
    return {name: getattr(tie, name, None) for name in names}


def _back(request: Request, person_id: int, fragment: str, context: dict[str, Any]) -> Response:
    """The updated fragment for HTMX, or a redirect back to the person page for a plain form post."""
    if is_htmx(request):
        return partial(request, fragment, context)
    return RedirectResponse(f"/person/{person_id}", status_code=303)


@router.post("/person/{person_id}/notes")
def add_note(request: Request, person_id: int, db: DB, text: Annotated[str, Form()] = "") -> Response:
    people_store.person_name(db, person_id)
    cache = web_state(request).cache
    before = cache.database_version()
    people_store.add_note(db, person_id, text)
    cache.carry_forward(before)
    return _back(request, person_id, "_notes.html", {"person": person_view(db, person_id)})


@router.post("/person/{person_id}/tags")
def tag(
    request: Request,
    person_id: int,
    db: DB,
    tag: Annotated[str, Form()] = "",
    remove: Annotated[str, Form()] = "",
) -> Response:
    people_store.person_name(db, person_id)
    cache = web_state(request).cache
    before = cache.database_version()
    if remove:
        people_store.remove_tag(db, person_id, tag)
    else:
        people_store.add_tag(db, person_id, tag)
    cache.carry_forward(before)
    return _back(request, person_id, "_tags.html", {"person": person_view(db, person_id)})


@router.post("/person/{person_id}/rating")
def rate(request: Request, person_id: int, db: DB, rating: Annotated[str, Form()] = "") -> Response:
    """Record the user's rating 1..5 ("you be the judge"); an empty value removes it."""
    people_store.person_name(db, person_id)
    value: int | None = None
    if rating.strip():
        if not rating.strip().isdecimal():
            raise UsageError(f"a rating is a whole number from 1 to 5, not {rating!r}")
        value = int(rating)
    set_rating(db, person_id, value)
    features.start_warm_up(web_state(request))  # a rating overrides a tie's strength: recompute now
    return _back(request, person_id, "_rating.html", {"person": person_view(db, person_id)})
