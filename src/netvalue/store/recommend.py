"""SQL of the recommend area: pending connection requests and the user's triage decisions, the outreach
log and the proposed weekly plans, the give-and-take ledger, and the facts about people the planner uses.

All writes go to ``user_*`` tables (the user's own data, never touched by an import).  Invitations are
named by ``(source, source_key)`` in decisions so a decision survives re-imports and re-resolution.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from netvalue.errors import UsageError
from netvalue.store.database import Database
from netvalue.store.structure import normalised_subject

TriageDecision = Literal["accept", "ignore"]
Outcome = Literal["replied", "met", "helped", "no-reply"]
LedgerDirection = Literal["give", "ask"]
LedgerKind = Literal["intro", "referral", "advice", "endorsement", "recommendation", "favour"]


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One connection request: an incoming invitation (``ref`` ``i<id>``) or one typed in (``m<id>``)."""

    ref: str
    name: str
    headline: str | None
    company: str | None
    message: str | None
    profile_url: str | None
    mutual_connections: int | None
    sent_at: int | None
    source: str
    source_key: str | None


@dataclass(frozen=True, slots=True)
class OutreachRow:
    id: int
    person_id: int
    name: str
    week: str
    done_at: int
    outcome: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    week: str
    person_id: int
    name: str
    rank: int
    why: str
    opener: str
    created_at: int  # when the plan was made


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One entry of the ledger: typed by the user (``origin`` ``user``) or read from an import."""

    person_id: int
    name: str
    direction: LedgerDirection
    kind: str
    note: str | None
    at: int | None
    origin: Literal["user", "import"]


@dataclass(frozen=True, slots=True)
class PositionChange:
    """A person seen at one company/position in an earlier import and at another in a later one."""

    person_id: int
    before: str
    after: str
    seen_at: int


_REQUEST_COLUMNS = "name, headline, company, message, profile_url, mutual_connections"


def pending_requests(db: Database) -> list[RequestRow]:
    """Incoming invitations and typed-in requests with no decision yet, oldest first."""
    invitations = db.conn.execute(
        f"SELECT id, {_REQUEST_COLUMNS}, sent_at, source, source_key FROM invitations v"
        " WHERE direction = 'incoming' AND NOT EXISTS (SELECT 1 FROM user_triage_decisions d"
        " WHERE d.invitation_source = v.source AND d.invitation_key = v.source_key)"
        " ORDER BY sent_at, id"
    ).fetchall()
    manual = db.conn.execute(
        f"SELECT id, {_REQUEST_COLUMNS}, created_at FROM user_triage_requests r"
        " WHERE NOT EXISTS (SELECT 1 FROM user_triage_decisions d WHERE d.request_id = r.id) ORDER BY id"
    ).fetchall()
    rows = [_request_row("i", r, r[8], r[9]) for r in invitations]
    rows += [_request_row("m", r, "manual", None) for r in manual]
    return rows


def _request_row(prefix: str, r: tuple[object, ...], source: object, key: object) -> RequestRow:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    mutual = r[6]
    sent = r[7]
    return RequestRow(
        ref=f"{prefix}{r[0]}",
        name=str(r[1]),
        headline=text(r[2]),
        company=text(r[3]),
        message=text(r[4]),
        profile_url=text(r[5]),
        mutual_connections=int(mutual) if isinstance(mutual, int) else None,
        sent_at=int(sent) if isinstance(sent, int) else None,
        source=str(source),
        source_key=text(key),
    )


def find_request(db: Database, ref: str) -> RequestRow:
    """The request a user names as ``i12`` / ``12`` (an invitation) or ``m3`` (typed in)."""
    text = ref.strip().lower()
    kind, digits = ("m", text[1:]) if text.startswith("m") else ("i", text.removeprefix("i"))
    if not digits.isdecimal():
        raise UsageError(f"{ref!r} is not a request id; `netvalue triage` lists them (e.g. i12, m3)")
    if kind == "i":
        r = db.conn.execute(
            f"SELECT id, {_REQUEST_COLUMNS}, sent_at, source, source_key FROM invitations"
            " WHERE id = ? AND direction = 'incoming'",
            (int(digits),),
        ).fetchone()
        if r:
            return _request_row("i", r, r[8], r[9])
    else:
        r = db.conn.execute(
            f"SELECT id, {_REQUEST_COLUMNS}, created_at FROM user_triage_requests WHERE id = ?",
            (int(digits),),
        ).fetchone()
        if r:
            return _request_row("m", r, "manual", None)
    raise UsageError(f"no connection request has the id {ref!r}; `netvalue triage` lists them")


def add_request(
    db: Database,
    *,
    name: str,
    headline: str | None = None,
    company: str | None = None,
    message: str | None = None,
    profile_url: str | None = None,
    mutual_connections: int | None = None,
    now: int | None = None,
) -> str:
    """Store a request typed in by hand; return its id (``m<n>``)."""
    if not name.strip():
        raise UsageError("a request needs the requester's name (--name)")
    if mutual_connections is not None and mutual_connections < 0:
        raise UsageError("--mutual cannot be negative")
    with db.transaction() as conn:
        cur = conn.execute(
            f"INSERT INTO user_triage_requests({_REQUEST_COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name.strip(), headline, company, message, profile_url, mutual_connections, _now(now)),
        )
    return f"m{cur.lastrowid}"


def record_decision(
    db: Database, request: RequestRow, decision: TriageDecision, snapshot: str, *, now: int | None = None
) -> None:
    """Record (or change) the user's decision on a request."""
    with db.transaction() as conn:
        if request.ref.startswith("m"):
            conn.execute("DELETE FROM user_triage_decisions WHERE request_id = ?", (int(request.ref[1:]),))
            conn.execute(
                "INSERT INTO user_triage_decisions(request_id, decision, snapshot, decided_at) VALUES (?, ?, ?, ?)",
                (int(request.ref[1:]), decision, snapshot, _now(now)),
            )
        else:
            conn.execute(
                "DELETE FROM user_triage_decisions WHERE invitation_source = ? AND invitation_key = ?",
                (request.source, request.source_key),
            )
            conn.execute(
                "INSERT INTO user_triage_decisions(invitation_source, invitation_key, decision, snapshot,"
                " decided_at) VALUES (?, ?, ?, ?, ?)",
                (request.source, request.source_key, decision, snapshot, _now(now)),
            )


def decision_examples(db: Database) -> list[tuple[str, TriageDecision]]:
    """Every decision the user made, as ``(text of the request, decision)``, oldest first."""
    rows = db.conn.execute("SELECT snapshot, decision FROM user_triage_decisions ORDER BY decided_at, id")
    return [(str(r[0]), "accept" if r[1] == "accept" else "ignore") for r in rows]


# -- the owner and people -----------------------------------------------------------------------


def owner_facts(db: Database) -> dict[str, str]:
    """The owner's name, headline, industry, location (whatever the imports gave)."""
    return {str(k): str(v) for k, v in db.conn.execute("SELECT key, value FROM owner")}


def owner_organizations(db: Database) -> list[tuple[str, str]]:
    """``(kind, organization)`` of the owner's positions and schools (follows are not shared context)."""
    rows = db.conn.execute(
        "SELECT DISTINCT kind, organization FROM owner_affiliations WHERE kind IN ('position', 'education')"
        " ORDER BY kind, organization"
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def person_by_profile(db: Database, linkedin_value: str) -> int | None:
    row = db.conn.execute(
        "SELECT person_id FROM identities WHERE kind = 'linkedin' AND value = ?", (linkedin_value,)
    ).fetchone()
    return int(row[0]) if row else None


def company_roster(db: Database) -> dict[str, list[int]]:
    """Every company (case-folded) any person was seen at, with the ids of the people seen there."""
    roster: dict[str, set[int]] = {}
    for pid, company in db.conn.execute(
        "SELECT id, company FROM people WHERE company IS NOT NULL AND company != ''"
        " UNION SELECT person_id, company FROM person_positions WHERE company != ''"
    ):
        roster.setdefault(str(company).strip().casefold(), set()).add(int(pid))
    return {company: sorted(ids) for company, ids in roster.items()}


def two_way_counts(db: Database, person_id: int) -> tuple[int, int]:
    """Messages, e-mails and meetings ``(sent, received)`` with a person (meetings count both ways)."""
    row = db.conn.execute(
        "SELECT COALESCE(SUM(direction IN ('sent', 'mutual')), 0), COALESCE(SUM(direction IN ('received', 'mutual')), 0)"
        " FROM interactions WHERE person_id = ? AND kind IN ('message', 'email', 'meeting') AND bulk = 0",
        (person_id,),
    ).fetchone()
    return int(row[0]), int(row[1])


def position_changes(db: Database) -> list[PositionChange]:
    """People whose company or position in a later import differs from an earlier one (newest change each)."""
    rows = db.conn.execute(
        "SELECT person_id, company, position, first_seen, last_seen FROM person_positions"
        " ORDER BY person_id, first_seen, last_seen"
    ).fetchall()
    by_person: dict[int, list[tuple[str, int, int]]] = {}
    for pid, company, position, first, last in rows:
        label = " · ".join(part for part in (str(position), str(company)) if part)
        by_person.setdefault(int(pid), []).append((label, int(first), int(last)))
    changes: list[PositionChange] = []
    for pid, seen in by_person.items():
        if len(seen) < 2:
            continue
        newest = max(seen, key=lambda s: (s[1], s[2]))
        older = [s for s in seen if s[1] < newest[1]]
        if older:
            before = max(older, key=lambda s: (s[2], s[1]))
            changes.append(PositionChange(pid, before[0], newest[0], newest[1]))
    return changes


QUOTABLE_GROUP = 4
"""An opener quotes only a one-to-one or small-group thread: at most 4 people besides you (issue 15;
Kossinets & Watts' 95 % of e-mail), never a broadcast."""


def last_titles(db: Database, as_of: int) -> dict[int, tuple[str, int]]:
    """Per person, the subject of the latest titled one-to-one or small-group interaction (at most
    :data:`QUOTABLE_GROUP` people, not co-occurrence) before ``as_of``, and its time.  A subject that says
    nothing once its ``Re:``/``Fw:`` is taken off ("Re:", "FYI", "hi") is passed over for an earlier one
    (``structure.normalised_subject``): an opener never says "we talked about “Re:”"."""
    rows = db.conn.execute(
        "SELECT person_id, title, occurred_at FROM interactions WHERE title IS NOT NULL AND title != ''"
        " AND occurred_at IS NOT NULL AND occurred_at < ? AND kind IN ('message', 'email', 'meeting')"
        " AND bulk = 0 AND group_size <= ? ORDER BY person_id, occurred_at DESC",
        (as_of, QUOTABLE_GROUP),
    )
    found: dict[int, tuple[str, int]] = {}
    for pid, title, at in rows:
        person = int(pid)
        if person not in found:
            subject = normalised_subject(str(title))
            if subject:
                found[person] = (subject, int(at))
    return found


def identities_of(db: Database, person_ids: list[int]) -> dict[int, list[str]]:
    """``kind:value`` identities per person."""
    found: dict[int, list[str]] = {pid: [] for pid in person_ids}
    for pid in person_ids:
        for kind, value in db.conn.execute(
            "SELECT kind, value FROM identities WHERE person_id = ? ORDER BY kind, value", (pid,)
        ):
            found[pid].append(f"{kind}:{value}")
    return found


def profile_texts(db: Database) -> dict[int, str]:
    """Company, position and headline of every person, joined (what the purpose is matched against)."""
    rows = db.conn.execute("SELECT id, company, position, headline FROM people")
    return {int(r[0]): "\n".join(str(v) for v in r[1:] if v) for r in rows}


def person_companies(db: Database, person_id: int) -> list[str]:
    rows = db.conn.execute(
        "SELECT company FROM people WHERE id = ? AND company IS NOT NULL AND company != ''"
        " UNION SELECT company FROM person_positions WHERE person_id = ? AND company != ''",
        (person_id, person_id),
    )
    return sorted({str(r[0]) for r in rows})


# -- outreach log and plans ---------------------------------------------------------------------


def log_outreach(
    db: Database,
    person_id: int,
    week: str,
    *,
    outcome: Outcome | None = None,
    note: str | None = None,
    now: int | None = None,
) -> int:
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO user_outreach_log(person_id, week, done_at, outcome, note) VALUES (?, ?, ?, ?, ?)",
            (person_id, week, _now(now), outcome, note),
        )
    return int(cur.lastrowid or 0)


def outreach_log(db: Database) -> list[OutreachRow]:
    rows = db.conn.execute(
        "SELECT o.id, o.person_id, p.name, o.week, o.done_at, o.outcome, o.note FROM user_outreach_log o"
        " JOIN people p ON p.id = o.person_id ORDER BY o.done_at, o.id"
    )
    return [OutreachRow(*r) for r in rows]


def saved_plan(db: Database, week: str) -> list[PlanRow]:
    rows = db.conn.execute(
        "SELECT w.week, w.person_id, p.name, w.rank, w.why, w.opener, w.created_at FROM user_plan_weeks w"
        " JOIN people p ON p.id = w.person_id WHERE w.week = ? ORDER BY w.rank",
        (week,),
    )
    return [PlanRow(*r) for r in rows]


def save_plan(db: Database, week: str, items: list[tuple[int, str, str]], *, now: int | None = None) -> None:
    """Store a week's plan as proposed (``(person_id, why, opener)`` in rank order), replacing any earlier one."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM user_plan_weeks WHERE week = ?", (week,))
        conn.executemany(
            "INSERT INTO user_plan_weeks(week, person_id, rank, why, opener, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(week, pid, rank, why, opener, _now(now)) for rank, (pid, why, opener) in enumerate(items, 1)],
        )


def planned_people(db: Database, week: str) -> set[int]:
    return {
        int(r[0]) for r in db.conn.execute("SELECT person_id FROM user_plan_weeks WHERE week = ?", (week,))
    }


def plan_weeks(db: Database) -> list[PlanRow]:
    rows = db.conn.execute(
        "SELECT w.week, w.person_id, p.name, w.rank, w.why, w.opener, w.created_at FROM user_plan_weeks w"
        " JOIN people p ON p.id = w.person_id ORDER BY w.week, w.rank"
    )
    return [PlanRow(*r) for r in rows]


# -- ledger -------------------------------------------------------------------------------------


def add_ledger_entry(
    db: Database,
    person_id: int,
    direction: LedgerDirection,
    kind: LedgerKind,
    *,
    note: str | None = None,
    now: int | None = None,
) -> int:
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO user_ledger(person_id, direction, kind, note, at) VALUES (?, ?, ?, ?, ?)",
            (person_id, direction, kind, note, _now(now)),
        )
    return int(cur.lastrowid or 0)


def ledger_entries(db: Database) -> list[LedgerRow]:
    """The user's entries and, from the imports, endorsements and recommendations given (``give``) and
    received (``ask``: they helped you)."""
    user = db.conn.execute(
        "SELECT l.person_id, p.name, l.direction, l.kind, l.note, l.at FROM user_ledger l"
        " JOIN people p ON p.id = l.person_id ORDER BY l.at, l.id"
    )
    rows = [
        LedgerRow(r[0], r[1], "give" if r[2] == "give" else "ask", r[3], r[4], r[5], "user") for r in user
    ]
    imported = db.conn.execute(
        "SELECT x.person_id, p.name, x.direction, x.kind, x.title, x.occurred_at FROM interactions x"
        " JOIN people p ON p.id = x.person_id WHERE x.kind IN ('endorsement', 'recommendation')"
        " AND x.direction IN ('sent', 'received') ORDER BY x.occurred_at, x.id"
    )
    rows += [
        LedgerRow(r[0], r[1], "give" if r[2] == "sent" else "ask", r[3], r[4], r[5], "import")
        for r in imported
    ]
    return rows


# -- settings -----------------------------------------------------------------------------------


def get_setting(db: Database, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM user_settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO user_settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _now(now: int | None) -> int:
    return int(now if now is not None else time.time())
