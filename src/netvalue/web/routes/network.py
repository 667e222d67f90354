"""Network map (sigma.js over ``/map.json``) and Communities & hangouts - ``netvalue communities`` as pages.

At 30,000 people the map sends the strongest ties only: at most ``limit`` nodes (default 2,000, our
choice: sigma stays fluid there on a laptop's integrated GPU) and the heaviest edges among them (at most
four per node on average), each filter applied before the cap so a filtered map is complete up to it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from netvalue.app.structure import HangoutBy, brokerage_report, communities_report, hangouts_report
from netvalue.errors import UsageError
from netvalue.store import Database
from netvalue.web import features
from netvalue.web.rendering import request_as_of, request_db, respond, web_state
from netvalue.web.routes.people import tier_names

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]

DEFAULT_NODES = 2000
MAX_NODES = 30000
EDGES_PER_NODE = 4


@router.get("/map")
def map_page(request: Request, db: DB, as_of: AsOf) -> Response:
    state = web_state(request)
    ties = features.tie_table(state, db, as_of)
    structure = features.structure(state, db, as_of)
    page = {
        "tiers": tier_names(dict(getattr(ties, "by_person", {}) or {})),
        "communities": [(c.id, c.label) for c in getattr(structure, "communities", [])],
        "query": dict(request.query_params),
    }
    return respond(request, "map.html", {}, page=page)


@router.get("/map.json")
def map_data(request: Request, db: DB, as_of: AsOf) -> Response:
    params = request.query_params
    tier = params.get("tier", "")
    community = params.get("community", "")
    try:
        limit = min(MAX_NODES, max(1, int(params.get("limit") or DEFAULT_NODES)))
    except ValueError:
        limit = DEFAULT_NODES
    key = (as_of, tier, community, limit)
    state = web_state(request)
    body = state.cache.get(
        "map", key, lambda: json.dumps(build_map(state, db, as_of, tier, community, limit)).encode()
    )
    return Response(body, media_type="application/json")


def build_map(state: Any, db: Database, as_of: int, tier: str, community: str, limit: int) -> dict[str, Any]:
    """Nodes (id, label, tier, strength, dormant, community) and weighted edges for sigma.js."""
    ties = features.tie_table(state, db, as_of)
    structure = features.structure(state, db, as_of)
    community_of: dict[int, int] = dict(getattr(structure, "community_of", {}) or {})
    labels = {c.id: c.label for c in getattr(structure, "communities", [])}
    names = {r.id: r.name for r in features.index(state, db)}
    if ties is not None:
        candidates: list[Any] = list(ties.ranked)
        scored = [
            (t.person_id, float(t.strength), str(t.tier), bool(t.dormant))
            for t in candidates
            if t.tier != "collected names" or community_of.get(t.person_id) is not None
        ]
    else:
        rows = sorted(features.index(state, db), key=lambda r: r.interactions, reverse=True)
        top = max((r.interactions for r in rows), default=1) or 1
        scored = [(r.id, r.interactions / top, "", False) for r in rows if r.interactions > 0]
    if tier:
        scored = [s for s in scored if s[2] == tier]
    if community:
        scored = [s for s in scored if str(community_of.get(s[0], "")) == community]
    total = len(scored)
    scored.sort(key=lambda s: s[1], reverse=True)
    chosen = scored[:limit]
    ids = {s[0] for s in chosen}
    edges = [e for e in getattr(structure, "edges", []) if e[0] in ids and e[1] in ids]
    edges.sort(key=lambda e: e[2], reverse=True)
    edges = edges[: EDGES_PER_NODE * len(chosen)]
    return {
        "as_of": as_of,
        "tiers": tier_names(dict(getattr(ties, "by_person", {}) or {})) if ties is not None else [],
        "total": total,
        "shown": len(chosen),
        "nodes": [
            {
                "id": pid,
                "label": names.get(pid, str(pid)),
                "strength": round(strength, 4),
                "tier": tier_name,
                "dormant": dormant,
                "community": community_of.get(pid),
                "community_label": labels.get(community_of.get(pid, -1)),
            }
            for pid, strength, tier_name, dormant in chosen
        ],
        "edges": [[a, b, round(float(w), 4)] for a, b, w in edges],
    }


HANGOUT_KINDS = ("company", "place", "school", "community", "follow")


@router.get("/communities")
@router.get("/communities.json")
def communities(request: Request, db: DB, as_of: AsOf) -> Response:
    """``netvalue communities``, ``brokerage`` and ``hangouts --by BY`` (default company) as one page."""
    by = request.query_params.get("by") or "company"
    if by not in HANGOUT_KINDS:
        raise UsageError(f"by must be one of {', '.join(HANGOUT_KINDS)}, not {by!r}")
    state = web_state(request)
    data = {
        "communities": state.cache.get("communities-report", as_of, lambda: communities_report(db, as_of, 0)),
        "brokerage": state.cache.get("brokerage-report", as_of, lambda: brokerage_report(db, as_of, 0)),
        "hangouts": state.cache.get(
            "hangouts-report", (as_of, by), lambda: hangouts_report(db, as_of, cast(HangoutBy, by), 0)
        ),
    }
    page = {"hangout_kinds": HANGOUT_KINDS, "by": by}
    return respond(request, "communities.html", data, page=page)
