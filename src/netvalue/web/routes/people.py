"""People: search, sort, filter (tier, dormant, company, community, source) and page through everyone.

The people index and the tie table are cached per database state, so a page of 30,000 people is a
filter and a sort in memory plus one search query (``store.web_queries``), not a fresh analysis.
"""

from __future__ import annotations

from typing import Literal, cast

from fastapi import APIRouter, Request
from fastapi.responses import Response

from netvalue.app import dashboard
from netvalue.app.dashboard import SORT_KEYS, PeopleQuery
from netvalue.app.database import Database
from netvalue.app.people import known_sources
from netvalue.errors import UsageError
from netvalue.web import features
from netvalue.web.rendering import cached_page, is_htmx, partial, respond, web_state

router = APIRouter()


PER_PAGE = 50
MAX_PER_PAGE = 500


def people_query(request: Request, *, has_ties: bool) -> PeopleQuery:
    """The people table's query string, checked."""
    params = request.query_params
    sort = params.get("sort") or ("strength" if has_ties else "name")
    if sort not in SORT_KEYS:
        raise UsageError(f"sort must be one of {', '.join(SORT_KEYS)}, not {sort!r}")
    dormant = params.get("dormant", "")
    if dormant not in ("", "yes", "no"):
        raise UsageError("dormant must be yes or no")
    order = params.get("order") or ("asc" if sort in ("name", "company") else "desc")
    if order not in ("asc", "desc"):
        raise UsageError("order must be asc or desc")
    return PeopleQuery(
        q=params.get("q", "").strip(),
        tier=params.get("tier", ""),
        dormant=cast(Literal["", "yes", "no"], dormant),
        company=params.get("company", "").strip(),
        community=_int(params.get("community"), "community", None),
        source=params.get("source", ""),
        sort=sort,
        descending=order == "desc",
        page=max(1, _int(params.get("page"), "page", 1) or 1),
        per_page=min(MAX_PER_PAGE, max(1, _int(params.get("per_page"), "per_page", PER_PAGE) or PER_PAGE)),
    )


def _int(value: str | None, name: str, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


@router.get("/people")
@router.get("/people.json")
async def people(request: Request) -> Response:
    """One page of the table (rendered once per database version and query: ``cached_page``)."""
    return await cached_page(request, lambda db, as_of: people_response(request, db, as_of))


def people_response(request: Request, db: Database, as_of: int) -> Response:
    state = web_state(request)
    ties = features.tie_table(state, db, as_of)
    structure = features.structure(state, db, as_of)
    query = people_query(request, has_ties=ties is not None)
    found = dashboard.people_page(db, features.index(state, db), query, ties, structure)
    page = {
        "tiers": dashboard.tier_names(ties),
        "communities": sorted(dashboard.community_labels(structure).items()),
        "sources": known_sources(db),
        "sort_keys": SORT_KEYS,
        "has_ties": ties is not None,
    }
    if is_htmx(request) and not request.url.path.endswith(".json"):
        return partial(request, "_people_rows.html", {**found.to_json(), **page})
    return respond(request, "people.html", found, page=page)
