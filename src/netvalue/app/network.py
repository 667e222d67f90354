"""``netvalue report``: the question users come with (of my N connections, how many do I actually talk
to?), answered with the tiers beside Dunbar's layers, dormant ties, the monthly trend, the indicative
value and the ties overdue for their cadence - one typed result the CLI prints and the overview shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from netvalue.analysis.contact import ContactSummary, contact_summary
from netvalue.analysis.ties import DUNBAR_LAYERS, TIERS, Tier, monthly_active
from netvalue.analysis.value import NetworkValue
from netvalue.app.cadence import cadence_days
from netvalue.app.ties import (
    ACTIVE_CAPACITY,
    EvidenceAge,
    TieScore,
    TieTable,
    evidence_age,
    load_ties,
    table_value,
    value_coefficient,
)
from netvalue.codes import DAY
from netvalue.recommend.outreach import overdue_ties
from netvalue.store import Database
from netvalue.store.status import connection_message_stats, counts

ACTIVE_TIERS: tuple[Tier, ...] = ("inner circle", "close", "active")
"""The tiers of two-way contact in the last 12 months: working relationships, one definition."""
REVIVE_LIMIT = 10  # dormant ties the report lists [ours]


@dataclass(frozen=True, slots=True)
class TierCount:
    """How many people a tier holds, cumulatively from the closest, beside Dunbar's layer of its size."""

    tier: Tier
    count: int
    cumulative: int
    dunbar: int | None


@dataclass(frozen=True, slots=True)
class DunbarLayer:
    """One of Dunbar's layers (5, 15, 50, 150) and how many of the user's ties fill it, measured how."""

    dunbar: int
    yours: int
    measured_as: str


@dataclass(frozen=True, slots=True)
class Relationships:
    """Names collected against working relationships (two-way in the last 12 months)."""

    names: int
    collected_names: int
    working_relationships: int
    ever_two_way: int


@dataclass(frozen=True, slots=True)
class RevivableTie:
    """A dormant tie worth reviving: a strong history, silent now."""

    id: int
    name: str
    history: float
    last_two_way: int | None
    deep_dormant: bool
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class DormantTies:
    lapsing: int
    count: int
    deep: int
    worth_reviving: tuple[RevivableTie, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "lapsing": self.lapsing,
            "count": self.count,
            "deep": self.deep,
            "worth_reviving": [t.to_json() for t in self.worth_reviving],
        }


@dataclass(frozen=True, slots=True)
class MonthActive:
    """People in two-way contact in one month (``YYYY-MM``)."""

    month: str
    active: int


@dataclass(frozen=True, slots=True)
class OverdueTie:
    """A tie silent for longer than its tier's cadence."""

    id: int
    name: str
    tier: str
    days_since_contact: int
    cadence_days: int


@dataclass(frozen=True, slots=True)
class NetworkReport:
    """``netvalue report`` as of ``as_of``."""

    as_of: int
    evidence: EvidenceAge
    counts: dict[str, int]
    contact: ContactSummary
    tiers: tuple[TierCount, ...]
    dunbar_layers: tuple[DunbarLayer, ...]
    active_ties: int
    relationships: Relationships
    dormant: DormantTies
    trend: tuple[MonthActive, ...]
    value: NetworkValue
    overdue: tuple[OverdueTie, ...]

    @property
    def active_warning(self) -> bool:
        """More active ties than the ~150 people can keep up with (Dunbar 2020)."""
        return self.active_ties > ACTIVE_CAPACITY

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "evidence": self.evidence.as_dict(),
            "counts": self.counts,
            "contact": self.contact.as_dict(),
            "tiers": [asdict(t) for t in self.tiers],
            "dunbar_layers": [asdict(layer) for layer in self.dunbar_layers],
            "active_ties": self.active_ties,
            "active_warning": self.active_warning,
            "relationships": asdict(self.relationships),
            "dormant": self.dormant.to_json(),
            "trend": [asdict(m) for m in self.trend],
            "value": self.value.as_dict(),
            "overdue": [asdict(o) for o in self.overdue],
        }


def network_report(db: Database, as_of: int) -> NetworkReport:
    """Connections in total; exchanged messages with (two-way) in the last 7 days, 30 days, 12 months
    and ever; only one side ever wrote; never - and the tie table's overview."""
    table = load_ties(db, as_of)
    cadence = cadence_days(db)
    overdue = overdue_ties(silent_ties(table, cadence), as_of, cadence)  # issue 6
    return NetworkReport(
        as_of=as_of,
        evidence=evidence_age(db, as_of),
        counts=counts(db),
        contact=contact_summary(connection_message_stats(db, as_of), as_of),
        tiers=tier_counts(table),
        dunbar_layers=dunbar_layers(table),
        active_ties=sum(table.tier_counts[t] for t in ACTIVE_TIERS),
        relationships=relationships(table),
        dormant=dormant_ties(table),
        trend=tuple(MonthActive(m, n) for m, n in monthly_active(table.features.two_way_moments, as_of)),
        value=table_value(table, value_coefficient(db)),
        overdue=tuple(_overdue(item) for item in overdue),
    )


def silent_ties(table: TieTable, cadence: dict[str, int]) -> list[TieScore]:
    """The present ties, strongest first, silent (two-way, else any contact) for longer than their tier's
    cadence: the only ones :func:`overdue_ties` keeps (the others are never built)."""
    f = table.features
    last = np.where(f.last_two_way > 0, f.last_two_way, f.last_contact)  # `or`, as overdue_ties reads it
    limit = np.array([cadence.get(tier, -1) for tier in TIERS])[table.judgment.tier]
    silent = (limit >= 0) & (last >= 0) & ((table.as_of - last) // DAY > limit)
    return [table.score(i) for i in table.ranked_rows(silent)]


def _overdue(item: dict[str, object]) -> OverdueTie:
    return OverdueTie(
        id=int(str(item["id"])),
        name=str(item["name"]),
        tier=str(item["tier"]),
        days_since_contact=int(str(item["days_since_contact"])),
        cadence_days=int(str(item["cadence_days"])),
    )


def tier_counts(table: TieTable) -> tuple[TierCount, ...]:
    """Every tier, closest first, with the cumulative count beside Dunbar's layer."""
    rows = []
    cumulative = 0
    for tier in TIERS:
        cumulative += table.tier_counts[tier]
        rows.append(TierCount(tier, table.tier_counts[tier], cumulative, DUNBAR_LAYERS.get(tier)))
    return tuple(rows)


def dunbar_layers(table: TieTable) -> tuple[DunbarLayer, ...]:
    """Dunbar's layers filled with the user's ties: weekly, monthly, quarterly, yearly two-way contact."""
    f = table.features
    quiet = np.nan_to_num(f.days_since(f.last_two_way)[table.present], nan=np.inf)
    inner, close = table.tier_counts["inner circle"], table.tier_counts["close"]
    working = sum(table.tier_counts[t] for t in ACTIVE_TIERS)
    return (
        DunbarLayer(5, inner, "inner circle (about weekly)"),
        DunbarLayer(15, inner + close, "inner circle + close (about monthly)"),
        DunbarLayer(50, int((quiet <= 91).sum()), "two-way in the last 3 months [ours]"),
        DunbarLayer(150, working, "two-way in the last 12 months (yearly)"),
    )


def relationships(table: TieTable) -> Relationships:
    """Names against working relationships: one definition, two-way in the last 12 months (the active
    tiers)."""
    present = table.present
    return Relationships(
        names=int(present.sum()),
        collected_names=table.tier_counts["collected names"],
        working_relationships=sum(table.tier_counts[t] for t in ACTIVE_TIERS),
        ever_two_way=int(table.features.two_way_ever[present].sum()),
    )


def dormant_ties(table: TieTable) -> DormantTies:
    """Lapsing and dormant ties, and the :data:`REVIVE_LIMIT` with the strongest history."""
    judgment, history, names = table.judgment, table.columns["history"], table.people.names
    dormant = sorted(table.ranked_rows(judgment.dormant), key=lambda i: (-history[i], names[i].casefold()))
    reviving = [table.score(i) for i in dormant[:REVIVE_LIMIT]]
    return DormantTies(
        lapsing=int(judgment.lapsing[table.present].sum()),
        count=len(dormant),
        deep=int((judgment.deep_dormant & judgment.dormant)[table.present].sum()),
        worth_reviving=tuple(
            RevivableTie(s.person_id, s.name, round(s.history, 4), s.last_two_way, s.deep_dormant, s.reasons)
            for s in reviving
        ),
    )
