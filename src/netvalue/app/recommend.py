"""Triage, the weekly plan and the ledger as typed results for the CLI and the web: gathers the facts from the
store and the analysis (ties, structure) and hands them to the pure functions of ``netvalue.recommend``.

The two analysis inputs sit behind one function each (:func:`tie_table` and :func:`network_structure`) so
tests can substitute small fakes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netvalue.app.cadence import CADENCE_SETTING as CADENCE_SETTING  # re-exported
from netvalue.app.cadence import cadence_days as cadence_days
from netvalue.app.structure import Structure, load_structure
from netvalue.app.ties import TieTable, current_model, load_ties
from netvalue.keys import normalize_linkedin_url
from netvalue.recommend.ledger import Ledger, build_ledger
from netvalue.recommend.outreach import (
    DAY,
    DEFAULT_PLAN_SIZE,
    PlanContext,
    TieLike,
    overdue_ties,
    plan_week,
    previous_week,
    streak,
    week_of,
    week_start,
)
from netvalue.recommend.purpose import Purpose, load_purpose, purpose_path, text_stems
from netvalue.recommend.triage import (
    RequestFacts,
    TriageResult,
    learn_from_decisions,
    triage_request,
    triage_requests,
)
from netvalue.store import Database
from netvalue.store import recommend as store
from netvalue.store.analysis_store import json_result
from netvalue.store.recommend import RequestRow, TriageDecision
from netvalue.store.ties import fetch_ratings

if TYPE_CHECKING:
    from netvalue.app.structure import Structure

PLAN_SIZE_SETTING = "plan.size"
QUIET_RATIO = 0.25
"""A community is going quiet when its members' current activity is under a quarter of their historical
strength (summed). [ours]"""


def tie_table(db: Database, as_of: int, table: TieTable | None = None) -> list[TieLike]:
    """The ties as of ``as_of`` (the adapter over ``report.ties.load_ties``; ``table``: its result, when
    already loaded)."""
    return list((load_ties(db, as_of) if table is None else table).ranked)


def network_structure(db: Database, as_of: int, ties: TieTable | None = None) -> Structure:
    """The network's structure (the adapter over ``report.structure.load_structure``; seed 0); ``ties``:
    ``load_ties(db, as_of)`` when already loaded, so it is not computed twice."""
    # imported here: SciPy and the graph code load only when a structure is computed or read, not when
    # triage is answered from the stored report (0.3-1.4 s of a warm ``triage`` at 30,000 connections)

    return load_structure(db, as_of, seed=0, ties=ties)


def current_purpose(db: Database) -> Purpose:
    return load_purpose(purpose_path(Path(db.path)))


# -- triage -------------------------------------------------------------------------------------


def _company_of(row: RequestRow) -> str | None:
    """The typed company, else the part after " at " / " @ " in the headline."""
    if row.company and row.company.strip():
        return row.company.strip()
    headline = row.headline or ""
    for sep in (" at ", " @ "):
        if sep in headline:
            return headline.rsplit(sep, 1)[1].split("|")[0].split(",")[0].strip() or None
    return None


def _contains_run(text: str, phrase: str) -> bool:
    words = " " + " ".join(text_stems(text)) + " "
    stems = text_stems(phrase)
    return bool(stems) and f" {' '.join(stems)} " in words


def request_facts(db: Database, rows: list[RequestRow], structure: Structure) -> list[RequestFacts]:
    """What the data shows about each request: a known person, shared employers and schools, contacts at
    their company and the community those contacts form."""
    organizations = [org for _, org in store.owner_organizations(db)]
    roster = store.company_roster(db)
    labels = {c.id: c.label for c in structure.communities}
    facts: list[RequestFacts] = []
    for row in rows:
        person = (
            store.person_by_profile(db, normalize_linkedin_url(row.profile_url)) if row.profile_url else None
        )
        company = _company_of(row)
        seen_at = [company or "", row.headline or ""]
        if person is not None:
            seen_at += store.person_companies(db, person)
        shared = tuple(
            org for org in organizations if any(_contains_run(text, org) for text in seen_at if text)
        )
        colleagues = [pid for pid in roster.get(company.casefold(), []) if pid != person] if company else []
        communities = Counter(
            labels[structure.community_of[pid]]
            for pid in colleagues
            if pid in structure.community_of and structure.community_of[pid] in labels
        )
        facts.append(
            RequestFacts(
                ref=row.ref,
                name=row.name,
                headline=row.headline,
                company=company,
                message=row.message,
                profile_url=row.profile_url,
                mutual_connections=row.mutual_connections,
                known_person_id=person,
                two_way=store.two_way_counts(db, person) if person is not None else (0, 0),
                shared_organizations=shared,
                contacts_at_company=len(colleagues),
                company_community=communities.most_common(1)[0][0] if communities else None,
                company_known=bool(colleagues) or company is None,
            )
        )
    return facts


@dataclass(frozen=True, slots=True)
class TriageReport:
    """``netvalue triage``: every pending request decided against the purpose, best first, and how many
    of the user's own decisions the triage learned from."""

    as_of: int
    purpose: Purpose
    learned_from: int
    requests: tuple[TriageResult, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "purpose": self.purpose.as_dict(),
            "learned_from": self.learned_from,
            "requests": [r.as_dict() for r in self.requests],
        }


def triage_report(db: Database, as_of: int) -> TriageReport:
    """Every pending request decided against the purpose, best first.  Stored (``json_result``, as
    :meth:`TriageReport.to_json`) per data version and everything it was decided from: the as-of date,
    the purpose, the user's decisions, the pending requests and what the network's tie strengths come
    from (ratings, model)."""
    purpose = current_purpose(db)
    examples = store.decision_examples(db)
    rows = store.pending_requests(db)
    ratings = fetch_ratings(db)
    parameters: dict[str, object] = {
        "as_of": as_of,
        "purpose": purpose.as_dict(),
        "decisions": _digest(examples),
        "requests": _digest(rows),
        "ratings": sorted(ratings.items()),
        "model": current_model(db, ratings).as_dict(),
    }

    def decide() -> dict[str, Any]:
        model = learn_from_decisions(examples)
        results = triage_requests(request_facts(db, rows, network_structure(db, as_of)), purpose, model)
        return TriageReport(as_of, purpose, model.examples, tuple(results)).to_json()

    stored = json_result(db, "triage", parameters, decide)
    return TriageReport(
        as_of=as_of,
        purpose=purpose,
        learned_from=int(stored["learned_from"]),
        requests=tuple(_triage_result(r) for r in stored["requests"]),
    )


def _triage_result(stored: dict[str, Any]) -> TriageResult:
    """A :class:`TriageResult` back from its ``as_dict()`` (as the triage report was stored)."""
    return TriageResult(
        ref=str(stored["id"]),
        name=str(stored["name"]),
        profile_url=stored["profile_url"],
        decision=stored["decision"],
        score=float(stored["score"]),
        reasons=tuple(stored["reasons"]),
        serves=tuple(stored["serves"]),
        spam=bool(stored["spam"]),
        ignored_for=tuple(stored["ignored_for"]),
    )


def _digest(values: object) -> str:
    """SHA-256 of ``repr(values)`` (dataclasses and tuples of plain values: the same text for equal values)."""
    return hashlib.sha256(repr(values).encode()).hexdigest()


def decide_request(
    db: Database, ref: str, decision: TriageDecision, *, now: int | None = None
) -> TriageResult:
    """Record the user's decision; it leaves the queue and becomes an example for later requests."""
    moment = int(now if now is not None else time.time())
    row = store.find_request(db, ref)
    facts = request_facts(db, [row], network_structure(db, moment))[0]
    store.record_decision(db, row, decision, facts.text, now=moment)
    return triage_request(facts, current_purpose(db))


# -- plan ---------------------------------------------------------------------------------------


def plan_size(db: Database) -> int:
    value = store.get_setting(db, PLAN_SIZE_SETTING)
    return int(value) if value and value.isdecimal() and 1 <= int(value) <= 3 else DEFAULT_PLAN_SIZE


def _quiet_bridges(structure: Structure, ties: list[TieLike]) -> dict[int, str]:
    """Bridges and strongest members of communities whose activity has fallen under QUIET_RATIO of history."""
    by_person = {t.person_id: t for t in ties}
    found: dict[int, str] = {}
    for community in structure.communities:
        members = [by_person[m] for m in community.members if m in by_person]
        history = sum(t.history for t in members)
        if history <= 0 or sum(t.activity for t in members) >= QUIET_RATIO * history:
            continue
        for pid in community.members:
            if pid in structure.bridges or pid in community.strongest:
                found.setdefault(pid, community.label)
    return found


def reach(identities: Iterable[str]) -> list[str]:
    """How to reach someone, from their identities: e-mail, LinkedIn profile, phone."""
    ways: list[str] = []
    for identity in identities:
        kind, _, value = identity.partition(":")
        if kind == "email":
            ways.append(f"e-mail {value}")
        elif kind == "linkedin":
            ways.append(f"LinkedIn https://www.{value}")
        elif kind in ("phone", "whatsapp") and value.startswith("+"):
            ways.append(f"{'phone' if kind == 'phone' else 'WhatsApp'} {value}")
    return ways


def _plan_context(
    db: Database, ties: list[TieLike], week: str, as_of: int, ledger: Ledger, table: TieTable | None = None
) -> PlanContext:
    last_outreach: dict[int, int] = {}
    for row in store.outreach_log(db):
        if row.done_at < as_of:
            last_outreach[row.person_id] = max(last_outreach.get(row.person_id, 0), row.done_at)
    before = previous_week(week)
    last_week = store.planned_people(db, before) | {
        r.person_id for r in store.outreach_log(db) if r.week == before
    }
    return PlanContext(
        purpose=current_purpose(db),
        ledger=ledger,
        profile_text=store.profile_texts(db),
        position_changes={c.person_id: (c.before, c.after) for c in store.position_changes(db)},
        last_titles=store.last_titles(db, as_of),
        bridges_to_quiet=_quiet_bridges(network_structure(db, as_of, table), ties),
        last_outreach=last_outreach,
        last_week_people=frozenset(last_week),
        owner_organizations=tuple(org for kind, org in store.owner_organizations(db) if kind == "position"),
        cadence_days=cadence_days(db),
    )


def default_as_of(week: str, now: int) -> int:
    """A week in the past is judged as of its Monday; the current week as of now."""
    start = week_start(week)
    return now if start <= now < start + 7 * DAY else start


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One person to reach out to this week: why, an opener from the shared history, how to reach them,
    and whether it is done."""

    id: int
    name: str
    identities: tuple[str, ...]
    reach: tuple[str, ...]
    why: str
    opener: str
    done: bool

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "identities": list(self.identities), "reach": list(self.reach)}


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """``netvalue plan``: the week's people, when the plan was made, and the streak of weeks with
    outreach done."""

    week: str
    planned_at: int | None
    streak: int
    items: tuple[PlanItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "planned_at": self.planned_at,
            "streak": self.streak,
            "items": [i.to_json() for i in self.items],
        }


def plan_report(
    db: Database, *, week: str, as_of: int, allow_repeat: bool = False, replan: bool = False
) -> WeekPlan:
    """The week's plan: the one proposed before for this week if there is one (the same week shows the
    same plan, with the moment it was made as ``planned_at``), else a new one, saved."""
    saved = [] if replan else store.saved_plan(db, week)
    ledger = ledger_of(db)
    if not saved:
        table = load_ties(db, as_of)  # once, for the plan and for the structure it reads (1.3 s at 30,000)
        ties = tie_table(db, as_of, table)
        ctx = _plan_context(db, ties, week, as_of, ledger, table)
        items = plan_week(ties, ctx, week=week, as_of=as_of, size=plan_size(db), allow_repeat=allow_repeat)
        store.save_plan(db, week, [(i.person_id, i.why, i.opener) for i in items])
        saved = store.saved_plan(db, week)
    identities = store.identities_of(db, [row.person_id for row in saved])
    done = {r.person_id for r in store.outreach_log(db) if r.week == week}
    weeks_done = {r.week for r in store.outreach_log(db)}
    return WeekPlan(
        week=week,
        planned_at=saved[0].created_at if saved else None,
        streak=streak(weeks_done, week),
        items=tuple(
            PlanItem(
                id=row.person_id,
                name=row.name,
                identities=tuple(identities[row.person_id]),
                reach=tuple(reach(identities[row.person_id])),
                why=row.why,
                opener=row.opener,
                done=row.person_id in done,
            )
            for row in saved
        ),
    )


@dataclass(frozen=True, slots=True)
class Planned:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Done:
    id: int
    name: str
    outcome: str | None
    note: str | None
    at: int


@dataclass(frozen=True, slots=True)
class WeekRecord:
    """One week with a plan or outreach: who was planned, who was contacted."""

    week: str
    planned: tuple[Planned, ...]
    done: tuple[Done, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "planned": [asdict(p) for p in self.planned],
            "done": [asdict(d) for d in self.done],
        }


@dataclass(frozen=True, slots=True)
class OutreachHistory:
    """``netvalue plan history``: every week's plan and what was done, and the streak."""

    streak: int
    weeks: tuple[WeekRecord, ...]

    def to_json(self) -> dict[str, Any]:
        return {"streak": self.streak, "weeks": [w.to_json() for w in self.weeks]}


def history_report(db: Database, now: int) -> OutreachHistory:
    """Every week with a plan or outreach: who was planned, who was contacted, with outcomes; the streak."""
    planned: dict[str, list[Planned]] = {}
    done: dict[str, list[Done]] = {}
    for plan in store.plan_weeks(db):
        planned.setdefault(plan.week, []).append(Planned(plan.person_id, plan.name))
    for row in store.outreach_log(db):
        done.setdefault(row.week, []).append(
            Done(row.person_id, row.name, row.outcome, row.note, row.done_at)
        )
    weeks = sorted(planned.keys() | done.keys())
    return OutreachHistory(
        streak=streak(set(done), week_of(now)),
        weeks=tuple(WeekRecord(w, tuple(planned.get(w, ())), tuple(done.get(w, ()))) for w in weeks),
    )


def overdue_report(db: Database, as_of: int, ties: list[TieLike] | None = None) -> list[dict[str, object]]:
    """Ties silent for longer than their tier's cadence (for ``netvalue report``)."""
    return overdue_ties(ties if ties is not None else tie_table(db, as_of), as_of, cadence_days(db))


def plan_ics(plan: WeekPlan) -> bytes:
    """The week's plan as calendar reminders: one 15-minute VEVENT per person, Monday, Tuesday,
    Wednesday at 09:00 UTC; UIDs and stamps fixed by the week so a re-export replaces, not duplicates."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//netvalue//weekly outreach plan//EN")
    calendar.add("version", "2.0")
    start = dt.datetime.fromtimestamp(week_start(plan.week), dt.UTC)
    for rank, item in enumerate(plan.items):
        event = Event()
        event.add("uid", f"netvalue-{plan.week}-{item.id}@netvalue.local")
        event.add("dtstamp", start)
        begin = start + dt.timedelta(days=rank, hours=9)
        event.add("dtstart", begin)
        event.add("dtend", begin + dt.timedelta(minutes=15))
        event.add("summary", f"Reach out to {item.name}")
        lines = [f"Why: {item.why}", f"Opener: {item.opener}"]
        if item.reach:
            lines.append("Reach: " + "; ".join(item.reach))
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


# -- ledger -------------------------------------------------------------------------------------


def ledger_of(db: Database) -> Ledger:
    return build_ledger(store.ledger_entries(db))


@dataclass(frozen=True, slots=True)
class LedgerReport:
    """``netvalue ledger``: given and received per person and overall; who the user owes, who owes them."""

    ledger: Ledger

    def to_json(self) -> dict[str, Any]:
        ledger = self.ledger
        return {
            "given": ledger.given,
            "received": ledger.received,
            "balance": ledger.given - ledger.received,
            "people": [p.as_dict() for p in ledger.people],
            "you_owe": [{"id": p.person_id, "name": p.name, "balance": p.balance} for p in ledger.you_owe],
            "owe_you": [{"id": p.person_id, "name": p.name, "balance": p.balance} for p in ledger.owe_you],
        }


def ledger_report(db: Database) -> LedgerReport:
    """Balance per person and overall; the people you owe (they gave more) and who owe you."""
    return LedgerReport(ledger_of(db))
