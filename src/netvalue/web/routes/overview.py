"""Overview: the network's value with its model and caveats, names collected vs working relationships,
tiers, active ties per month, and the imports so far - ``netvalue report`` and ``netvalue status`` as a page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from netvalue.store import Database
from netvalue.store.status import counts, import_runs
from netvalue.web import features
from netvalue.web.rendering import format_day, request_as_of, request_db, respond, web_state

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
    state = web_state(request)
    report = features.report(state, db, as_of)
    data = {
        "as_of": format_day(as_of - 1),
        "report": report,
        "counts": report.get("counts") or counts(db),
        "trend": trend_points(report.get("trend")),
        "imports": [
            {
                "id": run.id,
                "source": run.source,
                "file": run.file_name,
                "finished_at": format_day(run.finished_at),
            }
            for run in import_runs(db)
        ],
    }
    return respond(request, "overview.html", data)


def trend_points(trend: object) -> list[dict[str, Any]]:
    """The report's trend (active ties per month) as ``[{"month": "YYYY-MM", "active": n}, ...]`` for
    the Vega-Lite chart, whichever plain shape the report gives it."""
    points: list[dict[str, Any]] = []
    if isinstance(trend, dict):
        items: list[Any] = list(trend.get("months", trend.items()) if "months" in trend else trend.items())
    elif isinstance(trend, (list, tuple)):
        items = list(trend)
    else:
        return points
    for item in items:
        if isinstance(item, dict):
            month = item.get("month") or item.get("period") or item.get("date")
            value = next((item[k] for k in ("active", "active_ties", "count", "value") if k in item), None)
        elif isinstance(item, (list, tuple)) and len(item) >= 2:
            month, value = item[0], item[1]
        else:
            continue
        if month is not None and isinstance(value, (int, float)):
            points.append({"month": str(month)[:7], "active": value})
    return points
