"""Network map (sigma.js over ``/map.json``) and Communities & hangouts - ``netvalue communities`` as pages.

At 30,000 people the map sends the strongest ties only: at most ``limit`` nodes (default 2,000, our
choice: sigma stays fluid there on a laptop's integrated GPU) and the heaviest edges among them (at most
four per node on average), each filter applied before the cap so a filtered map is complete up to it.
"""

from __future__ import annotations

import json
from typing import Annotated, cast

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from netvalue.app import dashboard
from netvalue.app.database import Database
from netvalue.app.structure import HangoutBy, brokerage_report, communities_report, hangouts_report
from netvalue.errors import UsageError
from netvalue.web import features
from netvalue.web.rendering import WebState, cached_page, request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]

DEFAULT_NODES = 2000
MAX_NODES = 30000


@router.get("/map")
def map_page(request: Request, db: DB, as_of: AsOf) -> Response:
    state = web_state(request)
    ties = features.tie_table(state, db, as_of)
    structure = features.structure(state, db, as_of)
    page = {
        "tiers": dashboard.tier_names(ties),
        "communities": list(dashboard.community_labels(structure).items()),
        "query": dict(request.query_params),
    }
    return respond(request, "map.html", {}, page=page)


@router.get("/map.json")
async def map_data(request: Request) -> Response:
    params = request.query_params
    tier = params.get("tier", "")
    community = params.get("community", "")
    try:
        limit = min(MAX_NODES, max(1, int(params.get("limit") or DEFAULT_NODES)))
    except ValueError:
        limit = DEFAULT_NODES
    state = web_state(request)

    def render(db: Database, as_of: int) -> Response:
        found = build_map(state, db, as_of, tier, community, limit)
        return Response(json.dumps(found).encode(), media_type="application/json")

    return await cached_page(request, render)


def build_map(
    state: WebState, db: Database, as_of: int, tier: str, community: str, limit: int
) -> dict[str, object]:
    """Nodes (id, label, tier, strength, dormant, community) and weighted edges for sigma.js."""
    found = dashboard.network_map(
        as_of,
        features.tie_table(state, db, as_of),
        features.structure(state, db, as_of),
        features.index(state, db),
        tier=tier,
        community=community,
        limit=limit,
    )
    return found.to_json()


HANGOUT_KINDS = ("company", "place", "school", "community", "follow")


@router.get("/communities")
@router.get("/communities.json")
def communities(request: Request, db: DB, as_of: AsOf) -> Response:
    """``netvalue communities``, ``brokerage`` and ``hangouts --by BY`` (default company) as one page."""
    by = request.query_params.get("by") or "company"
    if by not in HANGOUT_KINDS:
        raise UsageError(f"by must be one of {', '.join(HANGOUT_KINDS)}, not {by!r}")
    cache = web_state(request).cache
    communities_found = cache.get("communities-report", as_of, lambda: communities_report(db, as_of, 0))
    brokerage_found = cache.get("brokerage-report", as_of, lambda: brokerage_report(db, as_of, 0))
    hangouts_found = cache.get(
        "hangouts-report", (as_of, by), lambda: hangouts_report(db, as_of, cast(HangoutBy, by), 0)
    )
    data = {
        "communities": communities_found.to_json(),
        "brokerage": brokerage_found.to_json(),
        "hangouts": hangouts_found.to_json(),
    }
    page = {"hangout_kinds": HANGOUT_KINDS, "by": by}
    return respond(request, "communities.html", data, page=page)
