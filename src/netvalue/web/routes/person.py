"""Person: identities across sources, strength with its reasons, a timeline across sources, notes,
tags and rating (editable: the user's own data), and ledger entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from netvalue.app import dashboard, people
from netvalue.app.database import Database
from netvalue.errors import UsageError
from netvalue.web import features
from netvalue.web.rendering import is_htmx, partial, request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]
LEDGER = "the ledger"


@router.get("/person/{person_id}")
@router.get("/person/{person_id}.json")
def person(request: Request, person_id: int, db: DB, as_of: AsOf) -> Response:
    state = web_state(request)
    detail = dashboard.person_view(db, person_id)  # an unknown id is a 404 before any analysis
    found = dashboard.person_page(
        person_id,
        detail,
        features.tie_table(state, db, as_of),
        features.structure(state, db, as_of),
        features.guarded(state, LEDGER, lambda: dashboard.ledger_with(db, person_id)),
    )
    return respond(request, "person.html", found)


def _back(request: Request, person_id: int, fragment: str, context: dict[str, Any]) -> Response:
    """The updated fragment for HTMX, or a redirect back to the person page for a plain form post."""
    if is_htmx(request):
        return partial(request, fragment, context)
    return RedirectResponse(f"/person/{person_id}", status_code=303)


@router.post("/person/{person_id}/notes")
def add_note(request: Request, person_id: int, db: DB, text: Annotated[str, Form()] = "") -> Response:
    people.person_name(db, person_id)
    cache = web_state(request).cache
    before = cache.database_version()
    people.note_person(db, person_id, text)
    cache.carry_forward(before)
    return _back(request, person_id, "_notes.html", {"person": dashboard.person_view(db, person_id)})


@router.post("/person/{person_id}/tags")
def tag(
    request: Request,
    person_id: int,
    db: DB,
    tag: Annotated[str, Form()] = "",
    remove: Annotated[str, Form()] = "",
) -> Response:
    people.person_name(db, person_id)
    cache = web_state(request).cache
    before = cache.database_version()
    if remove:
        people.untag_person(db, person_id, tag)
    else:
        people.tag_person(db, person_id, tag)
    cache.carry_forward(before)
    return _back(request, person_id, "_tags.html", {"person": dashboard.person_view(db, person_id)})


@router.post("/person/{person_id}/rating")
def rate(request: Request, person_id: int, db: DB, rating: Annotated[str, Form()] = "") -> Response:
    """Record the user's rating 1..5 ("you be the judge"); an empty value removes it."""
    people.person_name(db, person_id)
    value: int | None = None
    if rating.strip():
        if not rating.strip().isdecimal():
            raise UsageError(f"a rating is a whole number from 1 to 5, not {rating!r}")
        value = int(rating)
    people.rate_person(db, person_id, value)
    features.start_warm_up(web_state(request))  # a rating overrides a tie's strength: recompute now
    return _back(request, person_id, "_rating.html", {"person": dashboard.person_view(db, person_id)})
