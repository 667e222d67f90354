"""Decide and act: the networking purpose (view and edit), connection requests to triage, and this
week's outreach plan - ``netvalue purpose``, ``netvalue triage`` and ``netvalue plan`` / ``done`` as pages.

The triage queue and the plan come from ``netvalue.app.recommend`` and decisions and outreach are
recorded by ``netvalue.app.outreach``: the functions ``netvalue triage``, ``plan`` and ``done`` call.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from netvalue.app import outreach, recommend
from netvalue.app.database import Database
from netvalue.app.outreach import (
    GOAL_LABELS,
    GOALS,
    OUTCOMES,
    TARGET_KINDS,
    make_purpose,
    week_start,
)
from netvalue.app.people import person_name
from netvalue.errors import UsageError
from netvalue.web import features
from netvalue.web.rendering import is_htmx, partial, request_as_of, request_db, respond, web_state

router = APIRouter()

DB = Annotated[Database, Depends(request_db)]
AsOf = Annotated[int, Depends(request_as_of)]
TRIAGE = "the triage queue"
PLAN = "this week's plan"


# -- purpose ------------------------------------------------------------------------------------


@router.get("/purpose")
@router.get("/purpose.json")
def purpose(request: Request) -> Response:
    current = outreach.purpose_of(web_state(request).db_path)
    page = {"goal_labels": GOAL_LABELS, "goals_all": GOALS, "target_kinds": TARGET_KINDS}
    return respond(request, "purpose.html", {"purpose": current}, page=page)


def _split(text: str) -> tuple[str, ...]:
    """A comma- or line-separated list as the form sends it."""
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


@router.post("/purpose")
async def save_purpose_form(request: Request) -> Response:
    form = await request.form()
    goals = tuple(str(g) for g in form.getlist("goals"))
    open_value = str(form.get("open_to_strangers", ""))
    if open_value not in ("", "yes", "no"):
        raise UsageError("open_to_strangers must be yes or no")
    chosen = make_purpose(
        goals,
        **{kind: _split(str(form.get(kind, ""))) for kind in TARGET_KINDS},
        open_to_strangers=None if not open_value else open_value == "yes",
        avoid=_split(str(form.get("avoid", ""))),
    )
    outreach.set_purpose(web_state(request).db_path, chosen)
    return RedirectResponse("/purpose?saved=1", status_code=303)


# -- requests ---------------------------------------------------------------------------------


@router.get("/requests")
@router.get("/requests.json")
def requests_page(request: Request, db: DB, as_of: AsOf) -> Response:
    """The triage queue (``netvalue triage``): each pending request with decision, score and reasons."""
    state = web_state(request)
    report = features.guarded(state, TRIAGE, lambda: recommend.triage_report(db, as_of))
    data = report if report is not None else {"as_of": as_of, "requests": [], "learned_from": 0}
    return respond(request, "requests.html", data, page={"failed_here": report is None})


@router.post("/requests/{ref}/decide")
def decide(request: Request, ref: str, db: DB, decision: Annotated[str, Form()] = "") -> Response:
    """Record the user's accept / ignore (``netvalue triage decide REF accept|ignore``)."""
    if decision not in ("accept", "ignore"):
        raise UsageError("decide accept or ignore")
    recommend.decide_request(db, ref, "accept" if decision == "accept" else "ignore")
    if is_htmx(request):
        return partial(request, "_decided.html", {"ref": ref, "decision": decision})
    return RedirectResponse("/requests", status_code=303)


# -- this week ----------------------------------------------------------------------------------


def _week_and_as_of(request: Request) -> tuple[str, int]:
    """``?week=YYYY-Www`` and ``?as_of=``, as ``netvalue plan --week --as-of`` reads them."""
    explicit = request_as_of(request) if request.query_params.get("as_of") else None
    return outreach.plan_week_and_moment(request.query_params.get("week") or None, explicit, int(time.time()))


@router.get("/week")
@router.get("/week.json")
def week_page(request: Request, db: DB) -> Response:
    """This week's plan (``netvalue plan``), with the streak and the history (``netvalue plan history``)."""
    week, as_of = _week_and_as_of(request)
    state = web_state(request)

    def plan_and_history() -> dict[str, Any]:
        plan = recommend.plan_report(db, week=week, as_of=as_of)
        history = recommend.history_report(db, int(time.time()))
        return {**plan.to_json(), "history": history.to_json()["weeks"]}

    found = features.guarded(state, PLAN, plan_and_history)
    data = (
        found
        if found is not None
        else {"week": week, "as_of": as_of, "streak": 0, "items": [], "history": []}
    )
    return respond(request, "week.html", data, page={"outcomes": OUTCOMES, "failed_here": found is None})


@router.post("/week/done")
def done(
    request: Request,
    db: DB,
    person_id: Annotated[int, Form()],
    outcome: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    week: Annotated[str, Form()] = "",
) -> Response:
    """Log an outreach as done (``netvalue done PERSON --outcome ... --note ...``)."""
    if outcome and outcome not in OUTCOMES:
        raise UsageError(f"outcome must be one of {', '.join(OUTCOMES)}")
    if week:
        week_start(week)  # validates before anything is looked up
    person_name(db, person_id)
    outreach.log_done(
        db,
        person_id,
        week or None,
        outcome=outcome or None,
        note=note.strip() or None,
    )
    if is_htmx(request):
        return partial(request, "_done.html", {"person_id": person_id, "outcome": outcome or "done"})
    return RedirectResponse("/week", status_code=303)
