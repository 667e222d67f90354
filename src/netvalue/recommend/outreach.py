"""The weekly outreach plan: 1–3 people to contact this week, each with why, an opener built from real
evidence, and how to reach them; cadence per tier; the streak of weeks with outreach done.

Reasons and their weights (the weights are [ours]; the reasons are the research's):

* a dormant once-strong tie (silent 12 months or more) — weight 1.0 × peak strength, +0.2 when deep dormant
  (≥ 3 years): Levin, Walter & Murnighan (2011) found that reconnecting with ties dormant 3 years or more
  brings advice as useful as current ties', and more novel (science.md §2); they are cited for those only;
* a lapsing tie (silent past 8× its usual rhythm and 90 days, under a year) — Navarro et al. (2017): such a
  tie is most likely decaying; weight 0.8 × its strength or peak strength [ours];
* someone who helped you and has not heard from you since (the ledger) — 0.9;
* a bridge to a cluster going quiet (Burt 2002: bridges decay fastest, §2; §4 brokerage) — 0.7;
* a company or role change between imports — a natural, factual reason to write — 0.6;
* a moderately weak tie relevant to the purpose (Rajkumar et al. 2022, §6) — 0.6;
* overdue for its tier's cadence (Dunbar 2020, §3) — 0.4.

Against the comfort bias (Walter, Levin & Murnighan 2015: people prefer to reconnect with those they spent
most time with, but the most valuable reconnections are with people they spent *less* time with), the
score loses 0.5 × the person's percentile of current activity.  A small jitter seeded from the week
string rotates near-equal candidates from week to week while keeping a week's plan deterministic.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from netvalue.codes import DAY as DAY  # re-exported for the planner's callers
from netvalue.errors import UsageError
from netvalue.recommend.ledger import Ledger
from netvalue.recommend.purpose import GOAL_LABELS, Purpose, match_targets

ReasonKind = Literal["dormant", "lapsing", "helped", "bridge", "changed", "relevant", "overdue"]
DEFAULT_PLAN_SIZE = 3
DEFAULT_CADENCE_DAYS: dict[str, int] = {"inner circle": 30, "close": 91, "active": 365}
"""Dunbar (2020): each layer has its own typical contact frequency (inner layers about weekly and monthly,
the 150 about yearly: science.md §3).  Monthly / quarterly / yearly for inner circle / close / active is
our spacing of those figures [ours]; a setting (``cadence.<tier>`` in days)."""
RECENTLY_CONTACTED_DAYS = 30
"""Someone you logged outreach to in the last 30 days is not proposed again. [ours]"""
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WEIGHTS: dict[ReasonKind, float] = {
    "dormant": 1.0,
    "lapsing": 0.8,
    "helped": 0.9,
    "bridge": 0.7,
    "changed": 0.6,
    "relevant": 0.6,
    "overdue": 0.4,
}


class TieLike(Protocol):
    """What the planner reads of a tie (``netvalue.app.ties.TieScore`` has these and more)."""

    @property
    def person_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def activity(self) -> float: ...
    @property
    def history(self) -> float: ...
    @property
    def strength(self) -> float: ...
    @property
    def lapsing(self) -> bool: ...
    @property
    def dormant(self) -> bool: ...
    @property
    def deep_dormant(self) -> bool: ...
    @property
    def last_contact(self) -> int | None: ...
    @property
    def last_two_way(self) -> int | None: ...
    @property
    def company(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class PlanContext:
    """Everything besides the ties that the plan draws on (gathered by ``report.recommend``)."""

    purpose: Purpose
    ledger: Ledger
    profile_text: Mapping[int, str]  # company, position, headline per person (for purpose matching)
    position_changes: Mapping[int, tuple[str, str]]  # person -> (before, after)
    last_titles: Mapping[int, tuple[str, int]]  # person -> (title of last conversation, when)
    bridges_to_quiet: Mapping[int, str]  # person -> label of the quiet community they bridge to
    last_outreach: Mapping[int, int]  # person -> when the user last logged outreach
    last_week_people: frozenset[int]
    owner_organizations: tuple[str, ...] = ()
    cadence_days: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class PlanItem:
    person_id: int
    name: str
    reason: ReasonKind
    why: str
    opener: str
    score: float


def week_of(moment: int) -> str:
    """The ISO week (``YYYY-Www``) of an epoch time, UTC."""
    year, week, _ = dt.datetime.fromtimestamp(moment, dt.UTC).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> int:
    """Monday 00:00 UTC of an ISO week as epoch seconds."""
    match = _WEEK.match(week)
    if not match:
        raise UsageError(f"--week {week!r} is not an ISO week; write it as YYYY-Www (e.g. 2026-W47)")
    try:
        day = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise UsageError(f"--week {week!r} does not exist") from None
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def previous_week(week: str) -> str:
    return week_of(week_start(week) - DAY)


def streak(done_weeks: Iterable[str], current_week: str) -> int:
    """Consecutive weeks with at least one outreach done, ending this week (or last week, if nothing is
    logged yet this week: a streak is not broken before the week is over)."""
    weeks = set(done_weeks)
    cursor = current_week if current_week in weeks else previous_week(current_week)
    count = 0
    while cursor in weeks:
        count += 1
        cursor = previous_week(cursor)
    return count


def _span(seconds: int) -> str:
    days = seconds // DAY
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    if days >= 14:
        return f"{days // 7} weeks"
    return f"{days} days"


def overdue_ties(
    ties: Iterable[TieLike], as_of: int, cadence_days: Mapping[str, int] | None = None
) -> list[dict[str, object]]:
    """Ties silent for longer than their tier's cadence, most overdue (relative to cadence) first."""
    cadence = dict(cadence_days or DEFAULT_CADENCE_DAYS)
    found: list[tuple[float, dict[str, object]]] = []
    for tie in ties:
        days_limit = cadence.get(tie.tier)
        last = tie.last_two_way or tie.last_contact
        if days_limit is None or last is None:
            continue
        silent_days = (as_of - last) // DAY
        if silent_days > days_limit:
            item: dict[str, object] = {
                "id": tie.person_id,
                "name": tie.name,
                "tier": tie.tier,
                "days_since_contact": silent_days,
                "cadence_days": days_limit,
            }
            found.append((silent_days / days_limit, item))
    found.sort(key=lambda pair: (-pair[0], str(pair[1]["name"])))
    return [item for _, item in found]


def _reasons(tie: TieLike, ctx: PlanContext, as_of: int) -> list[tuple[ReasonKind, float, str]]:
    pid = tie.person_id
    found: list[tuple[ReasonKind, float, str]] = []
    last = tie.last_two_way or tie.last_contact
    if tie.dormant and tie.history > 0:
        weight = _WEIGHTS["dormant"] * tie.history + (0.2 if tie.deep_dormant else 0.0)
        since = f" for {_span(as_of - last)}" if last else ""
        if tie.deep_dormant:
            why = (
                f"a once-strong tie, dormant{since}: reconnecting with ties dormant 3 years or more brought "
                "advice as useful as current ties', and more novel (Levin, Walter & Murnighan 2011)"
            )
        else:
            why = f"a once-strong tie, silent{since}: a year or more without contact, worth reviving [ours]"
        found.append(("dormant", weight, why))
    elif tie.lapsing:
        since = f" for {_span(as_of - last)}" if last else ""
        found.append(
            (
                "lapsing",
                _WEIGHTS["lapsing"] * max(tie.strength, tie.history),
                f"silent{since}, far past your usual rhythm: such ties are most likely decaying "
                "(Navarro et al. 2017); a note now keeps it",
            )
        )
    balance = ctx.ledger.by_person.get(pid)
    if balance and balance.last_received_at is not None:
        heard_since = max(
            filter(None, (balance.last_given_at, ctx.last_outreach.get(pid), tie.last_contact)), default=None
        )
        if heard_since is None or heard_since <= balance.last_received_at:
            kinds = ", ".join(balance.kinds)
            found.append(
                ("helped", _WEIGHTS["helped"], f"helped you ({kinds}) and has not heard from you since")
            )
    if pid in ctx.bridges_to_quiet:
        label = ctx.bridges_to_quiet[pid]
        found.append(("bridge", _WEIGHTS["bridge"], f"your bridge to {label}, a cluster going quiet"))
    if pid in ctx.position_changes:
        before, after = ctx.position_changes[pid]
        found.append(
            ("changed", _WEIGHTS["changed"], f"moved from {before} to {after} (seen between imports)")
        )
    if tie.tier in ("active", "meaningful", "known"):
        matches = match_targets(ctx.purpose, ctx.profile_text.get(pid, ""))
        if matches:
            listed = ", ".join(t for _, t in matches)
            goals = ctx.purpose.label if ctx.purpose.goals else "your targets"
            found.append(
                (
                    "relevant",
                    _WEIGHTS["relevant"],
                    f"a moderately weak tie relevant to {goals} ({listed}): Rajkumar et al. 2022",
                )
            )
    cadence = dict(ctx.cadence_days or DEFAULT_CADENCE_DAYS)
    if tie.tier in cadence and last is not None and (as_of - last) // DAY > cadence[tie.tier]:
        found.append(
            (
                "overdue",
                _WEIGHTS["overdue"],
                f"{tie.tier}, no contact for {_span(as_of - last)} (cadence: every {cadence[tie.tier]} days)",
            )
        )
    return found


def build_opener(tie: TieLike, reason: ReasonKind, ctx: PlanContext, as_of: int) -> str:
    """A first line made only of facts in the data: time since contact, the last conversation's title,
    a shared company, a company change, a favour received, and an ask or offer from the user's purpose."""
    first = greeting_name(tie.name)
    parts = [f"Hi {first}," if first else "Hi,"]
    last = tie.last_two_way or tie.last_contact
    title = ctx.last_titles.get(tie.person_id)
    if reason == "changed" and tie.person_id in ctx.position_changes:
        parts.append(f"I saw you are now {ctx.position_changes[tie.person_id][1]}: congratulations.")
    elif reason == "helped":
        balance = ctx.ledger.by_person.get(tie.person_id)
        kinds = " and ".join(balance.kinds) if balance else "help"
        parts.append(f"thank you again for the {kinds}. Is there anything I can do for you in return?")
    if last is not None and as_of - last >= 60 * DAY:
        parts.append(f"it has been {_span(as_of - last)} since we were last in touch.")
    if title:
        parts.append(f"Last time we talked about “{title[0]}”.")
    shared = [
        org for org in ctx.owner_organizations if tie.company and org.casefold() == tie.company.casefold()
    ]
    if shared:
        parts.append(f"How are things at {shared[0]}?")
    parts.append(_purpose_line(ctx.purpose, reason))
    sentences = [p for p in parts[1:] if p]
    sentences[1:] = [p[0].upper() + p[1:] for p in sentences[1:]]
    return " ".join([parts[0], *sentences])


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})


def greeting_name(name: str) -> str:
    """The first name to greet someone by, or ``''`` when the name gives none: an address (people known
    only by their e-mail are named by it), a single initial, a name of one letter.  ``"Shankman, Jeffrey
    A."`` gives ``Jeffrey``; titles are skipped (``Mr Mark E Haedicke`` gives ``Mark``).  Ours: an opener
    that says "Hi ina.rangel@enron.com" reads as a machine's."""
    text = name.strip()
    if not text or "@" in text:
        return ""
    _, comma, given = text.partition(",")
    words = (given if comma and given.strip() else text).replace('"', " ").split()
    while len(words) > 1 and words[0].lower().strip(".") in _TITLES:
        words = words[1:]
    cleaned = [w.strip(".,;:'()") for w in words]
    if len(cleaned) > 2 and len(cleaned[0]) == 1:  # "D. Todd Hall" goes by Todd
        cleaned = cleaned[1:]
    first = cleaned[0] if cleaned else ""
    if len(first) < 2 or not first.replace("-", "").isalpha():
        return ""
    return first


def _purpose_line(purpose: Purpose, reason: ReasonKind) -> str:
    """A concrete ask or offer from the user's own stated purpose (never a fact about the other person)."""
    if not purpose.goals:
        return "what are you working on these days? I would love to hear."
    role = purpose.roles[0] if purpose.roles else None
    field = next(iter(purpose.industries + purpose.keywords), None)
    lines: dict[str, str] = {
        "job-search": (
            f"I am exploring new {role} roles"
            if role
            else f"I am exploring new roles{f' in {field}' if field else ''}"
        )
        + " and would value your view.",
        "business": f"I am working on {field or 'new business'} and would like to compare notes.",
        "hiring": f"I am hiring{f' for {role} roles' if role else ''} and would welcome your advice or an introduction.",
        "fundraising": f"I am raising a round{f' in {field}' if field else ''} and would value your advice.",
        "learning": f"I am learning about {field or role or 'your field'} and would value your perspective.",
        "known-only": "I would love to catch up.",
    }
    return lines[purpose.goals[0]]


def plan_week(
    ties: Iterable[TieLike],
    ctx: PlanContext,
    *,
    week: str,
    as_of: int,
    size: int = DEFAULT_PLAN_SIZE,
    allow_repeat: bool = False,
) -> list[PlanItem]:
    """Choose ``size`` (1–3) people for ``week``.  Deterministic for the same inputs and week."""
    if not 1 <= size <= 3:
        raise UsageError("the plan size must be 1, 2 or 3 people")
    helpers = {p.person_id for p in ctx.ledger.people if p.received}
    pool = [
        t
        for t in ties
        if t.tier != "collected names" or t.person_id in ctx.position_changes or t.person_id in helpers
    ]
    activities = sorted(t.activity for t in pool)
    rng = random.Random(int.from_bytes(hashlib.sha256(week.encode()).digest()[:8], "big"))
    scored: list[tuple[float, int, TieLike, ReasonKind, str]] = []
    for tie in sorted(pool, key=lambda t: t.person_id):
        jitter = rng.random() * 0.05
        if tie.person_id in ctx.last_week_people and not allow_repeat:
            continue
        contacted = ctx.last_outreach.get(tie.person_id)
        if contacted is not None and as_of - contacted < RECENTLY_CONTACTED_DAYS * DAY:
            continue
        reasons = _reasons(tie, ctx, as_of)
        if not reasons:
            continue
        reasons.sort(key=lambda r: -r[1])
        percentile = _percentile(activities, tie.activity)
        score = reasons[0][1] + 0.1 * (len(reasons) - 1) - 0.5 * percentile + jitter
        why = "; ".join(text for _, _, text in reasons[:2])
        scored.append((score, tie.person_id, tie, reasons[0][0], why))
    scored.sort(key=lambda s: (-s[0], s[1]))
    picked: list[tuple[float, int, TieLike, ReasonKind, str]] = []
    per_reason: dict[str, int] = {}
    for entry in scored:  # at most two people for the same reason while others are available
        if per_reason.get(entry[3], 0) < 2 and len(picked) < size:
            per_reason[entry[3]] = per_reason.get(entry[3], 0) + 1
            picked.append(entry)
    for entry in scored:
        if len(picked) >= size:
            break
        if entry not in picked:
            picked.append(entry)
    picked.sort(key=lambda s: (-s[0], s[1]))
    return [
        PlanItem(
            tie.person_id,
            tie.name,
            reason,
            f"{why} — serves {_serves(ctx.purpose)}",
            build_opener(tie, reason, ctx, as_of),
            round(score, 3),
        )
        for score, _, tie, reason, why in picked
    ]


def _serves(purpose: Purpose) -> str:
    if not purpose.goals:
        return purpose.label
    return " and ".join(GOAL_LABELS[g] for g in purpose.goals)


def _percentile(sorted_values: list[float], value: float) -> float:
    """Share of values strictly below ``value`` (0 for the least active, near 1 for the most)."""
    if len(sorted_values) <= 1:
        return 0.0
    return bisect.bisect_left(sorted_values, value) / (len(sorted_values) - 1)
