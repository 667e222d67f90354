"""Overview: the network's value with its model and caveats, names collected vs working relationships,
tiers, active ties per month, and the imports so far - ``netvalue report`` and ``netvalue status`` as a page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from netvalue.app import dashboard
from netvalue.app.database import Database
from netvalue.web import features
from netvalue.web.rendering import request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]


@router.get("/")
def home(request: Request) -> Response:
    query = request.url.query
    return RedirectResponse("/overview" + (f"?{query}" if query else ""), status_code=303)


@router.get("/overview")
@router.get("/overview.json")
def overview(request: Request, db: DB, as_of: AsOf) -> Response:
    report = features.report(web_state(request), db, as_of)
    return respond(request, "overview.html", dashboard.overview(db, as_of, report))
