"""People: search, sort, filter (tier, dormant, company, community, source) and page through everyone.

The people index and the tie table are cached per database state, so a page of 30,000 people is a
filter and a sort in memory plus one search query (``store.web_queries``), not a fresh analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from netvalue.errors import UsageError
from netvalue.store import Database
from netvalue.store.web_queries import PersonIndexRow, known_sources, search_person_ids
from netvalue.web import features
from netvalue.web.rendering import format_day, is_htmx, partial, request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]

SortKey = Literal["name", "strength", "last_contact", "company", "interactions"]
SORT_KEYS: tuple[SortKey, ...] = ("strength", "name", "last_contact", "company", "interactions")
PER_PAGE = 50
MAX_PER_PAGE = 500


@dataclass(frozen=True, slots=True)
class PeopleQuery:
    """The people table's query string, checked."""

    q: str
    tier: str
    dormant: Literal["", "yes", "no"]
    company: str
    community: int | None
    source: str
    sort: SortKey
    descending: bool
    page: int
    per_page: int

    @classmethod
    def from_request(cls, request: Request, *, has_ties: bool) -> PeopleQuery:
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
        return cls(
            q=params.get("q", "").strip(),
            tier=params.get("tier", ""),
            dormant=cast(Literal["", "yes", "no"], dormant),
            company=params.get("company", "").strip(),
            community=_int(params.get("community"), "community", None),
            source=params.get("source", ""),
            sort=sort,
            descending=order == "desc",
            page=max(1, _int(params.get("page"), "page", 1) or 1),
            per_page=min(
                MAX_PER_PAGE, max(1, _int(params.get("per_page"), "per_page", PER_PAGE) or PER_PAGE)
            ),
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
def people(request: Request, db: DB, as_of: AsOf) -> Response:
    state = web_state(request)
    ties = features.tie_table(state, db, as_of)
    structure = features.structure(state, db, as_of)
    by_person: dict[int, Any] = dict(getattr(ties, "by_person", {}) or {})
    community_of: dict[int, int] = dict(getattr(structure, "community_of", {}) or {})
    labels = {c.id: c.label for c in getattr(structure, "communities", [])}
    query = PeopleQuery.from_request(request, has_ties=ties is not None)

    rows = select_people(features.index(state, db), query, db, by_person, community_of)
    total = len(rows)
    start = (query.page - 1) * query.per_page
    shown = rows[start : start + query.per_page]
    data = {
        "total": total,
        "page": query.page,
        "per_page": query.per_page,
        "pages": max(1, -(-total // query.per_page)),
        "query": {k: getattr(query, k) for k in PeopleQuery.__slots__},
        "people": [person_row(r, by_person.get(r.id), community_of.get(r.id), labels) for r in shown],
    }
    page = {
        "tiers": tier_names(by_person),
        "communities": sorted(labels.items()),
        "sources": known_sources(db),
        "sort_keys": SORT_KEYS,
        "has_ties": ties is not None,
    }
    if is_htmx(request) and not request.url.path.endswith(".json"):
        return partial(request, "_people_rows.html", {**data, **page})
    return respond(request, "people.html", data, page=page)


def select_people(
    rows: list[PersonIndexRow],
    query: PeopleQuery,
    db: Database,
    by_person: dict[int, Any],
    community_of: dict[int, int],
) -> list[PersonIndexRow]:
    """The rows ``query`` asks for, sorted."""
    found = rows
    if query.q:
        ids = search_person_ids(db, query.q)
        found = [r for r in found if r.id in ids]
    if query.company:
        needle = query.company.casefold()
        found = [r for r in found if r.company and needle in r.company.casefold()]
    if query.source:
        found = [r for r in found if query.source in r.sources]
    if query.tier:
        found = [r for r in found if getattr(by_person.get(r.id), "tier", None) == query.tier]
    if query.dormant:
        want = query.dormant == "yes"
        found = [r for r in found if bool(getattr(by_person.get(r.id), "dormant", False)) == want]
    if query.community is not None:
        found = [r for r in found if community_of.get(r.id) == query.community]
    return sorted(found, key=_sort_key(query.sort, by_person), reverse=query.descending)


def _sort_key(sort: SortKey, by_person: dict[int, Any]) -> Any:
    if sort == "strength":
        return lambda r: (float(getattr(by_person.get(r.id), "strength", 0.0) or 0.0), r.last_contact or 0)
    if sort == "last_contact":
        return lambda r: (r.last_contact or 0, r.id)
    if sort == "interactions":
        return lambda r: (r.interactions, r.id)
    if sort == "company":
        return lambda r: ((r.company or "").casefold(), r.name.casefold())
    return lambda r: (r.name.casefold(), r.id)


def person_row(
    row: PersonIndexRow, tie: Any | None, community: int | None, labels: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "company": row.company,
        "position": row.position,
        "last_contact": format_day(row.last_contact) or None,
        "interactions": row.interactions,
        "sources": list(row.sources),
        "tier": getattr(tie, "tier", None),
        "strength": getattr(tie, "strength", None),
        "dormant": getattr(tie, "dormant", None),
        "community": labels.get(community) if community is not None else None,
        "community_id": community,
    }


def tier_names(by_person: dict[int, Any]) -> list[str]:
    """Tier names in the analysis' order (``netvalue.analysis.ties.TIERS``) when it is installed."""
    present = {str(getattr(t, "tier", "")) for t in by_person.values()} - {""}
    order: tuple[str, ...] = ()
    try:
        from netvalue.analysis import ties as tie_analysis

        order = tuple(getattr(tie_analysis, "TIERS", ()))
    except ImportError:
        pass
    return [t for t in order if t in present] + sorted(present - set(order))
