"""What the dashboard's pages show, assembled from the analysis the CLI computes: typed results, each
with ``to_json()`` for the page's ``.json`` twin (the HTML templates read the same keys).

The analysis itself (the tie table, the structure) is handed in: the dashboard keeps it between page
views (``netvalue.web.cache``), and a page shows what it can when one part could not be computed
(``None``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from netvalue.analysis.ties import TIERS, Tier
from netvalue.app.moments import day
from netvalue.app.network import NetworkReport
from netvalue.app.people import person_detail, person_rating
from netvalue.app.structure import Structure
from netvalue.app.ties import TieScore, TieTable
from netvalue.store import Database
from netvalue.store.recommend import LedgerRow, ledger_entries
from netvalue.store.status import ImportRun, import_runs
from netvalue.store.web_queries import PersonIndexRow, search_person_ids

TIMELINE_LIMIT = 100  # newest interactions the person page shows [ours]


def tier_names(ties: TieTable | None) -> list[str]:
    """The tiers present in ``ties``, in the analysis' order (inner circle first)."""
    present = {t.tier for t in ties.by_person.values()} if ties is not None else set()
    return [t for t in TIERS if t in present]


def community_labels(structure: Structure | None) -> dict[int, str]:
    """Community id -> label (none when the structure could not be computed)."""
    return {c.id: c.label for c in structure.communities} if structure is not None else {}


# -- overview ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportSeen:
    """An import as the overview lists it."""

    id: int
    source: str
    file: str
    finished_at: str


@dataclass(frozen=True, slots=True)
class Overview:
    """The overview page: ``netvalue report`` and ``netvalue status`` as one page."""

    as_of: str
    report: NetworkReport
    imports: tuple[ImportSeen, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "report": self.report.to_json(),
            "counts": self.report.counts,
            "trend": [asdict(m) for m in self.report.trend],
            "imports": [asdict(i) for i in self.imports],
        }


def overview(db: Database, as_of: int, report: NetworkReport) -> Overview:
    """The overview as of ``as_of`` from ``netvalue report``'s ``report`` (computed by the caller, who
    keeps it)."""
    runs: list[ImportRun] = import_runs(db)
    return Overview(
        as_of=day(as_of - 1),
        report=report,
        imports=tuple(ImportSeen(r.id, r.source, r.file_name, day(r.finished_at)) for r in runs),
    )


# -- one person -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TieSummary:
    """A person's row of ``netvalue ties``: tier, strength, activity, history, dormancy, reasons."""

    tier: Tier
    strength: float
    activity: float
    history: float
    dormant: bool
    deep_dormant: bool
    reasons: tuple[str, ...]
    last_contact: int | None
    rating: int | None

    @classmethod
    def of(cls, score: TieScore) -> TieSummary:
        return cls(
            tier=score.tier,
            strength=score.strength,
            activity=score.activity,
            history=score.history,
            dormant=score.dormant,
            deep_dormant=score.deep_dormant,
            reasons=score.reasons,
            last_contact=score.last_contact,
            rating=score.rating,
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class CommunityRef:
    id: int
    label: str


@dataclass(frozen=True, slots=True)
class PersonPage:
    """The person page: ``netvalue person``'s record with the user's rating, the person's tie, their
    community (and whether they bridge communities), and the ledger entries with them."""

    person: dict[str, object]
    tie: TieSummary | None
    community: CommunityRef | None
    bridge: bool
    ledger: tuple[LedgerRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "tie": self.tie.to_json() if self.tie is not None else None,
            "community": asdict(self.community) if self.community is not None else None,
            "bridge": self.bridge,
            "ledger": [asdict(e) for e in self.ledger],
        }


def person_view(db: Database, person_id: int) -> dict[str, object]:
    """``netvalue person``'s record (the newest :data:`TIMELINE_LIMIT` interactions) and the user's rating;
    :class:`~netvalue.errors.PersonNotFoundError` for an unknown id."""
    record = person_detail(db, person_id, timeline_limit=TIMELINE_LIMIT)
    return {**record, "rating": person_rating(db, person_id)}


def ledger_with(db: Database, person_id: int) -> list[LedgerRow]:
    """The ledger entries (given and received) with one person."""
    return [e for e in ledger_entries(db) if e.person_id == person_id]


def person_page(
    person_id: int,
    detail: dict[str, object],
    ties: TieTable | None,
    structure: Structure | None,
    ledger: list[LedgerRow] | None,
) -> PersonPage:
    """The person page from :func:`person_view`'s ``detail``, the tie table and the structure (either
    ``None`` when not computed) and the ledger entries with the person (``None`` when not read)."""
    score = ties.by_person.get(person_id) if ties is not None else None
    community = None
    if structure is not None and person_id in structure.community_of:
        cid = structure.community_of[person_id]
        community = next((CommunityRef(c.id, c.label) for c in structure.communities if c.id == cid), None)
    return PersonPage(
        person=detail,
        tie=TieSummary.of(score) if score is not None else None,
        community=community,
        bridge=structure is not None and person_id in structure.bridges,
        ledger=tuple(ledger or ()),
    )


# -- people -----------------------------------------------------------------------------------------

SortKey = Literal["name", "strength", "last_contact", "company", "interactions"]
SORT_KEYS: tuple[SortKey, ...] = ("strength", "name", "last_contact", "company", "interactions")


@dataclass(frozen=True, slots=True)
class PeopleQuery:
    """What the people table is asked for: a search, filters, a sort, a page."""

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


@dataclass(frozen=True, slots=True)
class PeopleRow:
    """One person in the people table: the index row with tier, strength and community."""

    id: int
    name: str
    company: str | None
    position: str | None
    last_contact: str | None
    interactions: int
    sources: tuple[str, ...]
    tier: Tier | None
    strength: float | None
    dormant: bool | None
    community: str | None
    community_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class PeoplePage:
    """One page of the people table, and how many match in all."""

    total: int
    page: int
    per_page: int
    query: PeopleQuery
    people: tuple[PeopleRow, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "query": asdict(self.query),
            "people": [p.to_json() for p in self.people],
        }


def people_page(
    db: Database,
    index: list[PersonIndexRow],
    query: PeopleQuery,
    ties: TieTable | None,
    structure: Structure | None,
) -> PeoplePage:
    """The page of people ``query`` asks for, from the people index and the analysis (if computed)."""
    by_person = ties.by_person if ties is not None else {}
    community_of = structure.community_of if structure is not None else {}
    labels = community_labels(structure)
    rows = select_people(db, index, query, by_person, community_of)
    start = (query.page - 1) * query.per_page
    shown = rows[start : start + query.per_page]
    return PeoplePage(
        total=len(rows),
        page=query.page,
        per_page=query.per_page,
        query=query,
        people=tuple(_people_row(r, by_person.get(r.id), community_of.get(r.id), labels) for r in shown),
    )


def select_people(
    db: Database,
    rows: list[PersonIndexRow],
    query: PeopleQuery,
    by_person: dict[int, TieScore],
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
        found = [r for r in found if (t := by_person.get(r.id)) is not None and t.tier == query.tier]
    if query.dormant:
        want = query.dormant == "yes"
        found = [r for r in found if _is_dormant(by_person.get(r.id)) == want]
    if query.community is not None:
        found = [r for r in found if community_of.get(r.id) == query.community]
    return sorted(found, key=_sort_key(query.sort, by_person), reverse=query.descending)


def _is_dormant(tie: TieScore | None) -> bool:
    return tie is not None and bool(tie.dormant)


def _sort_key(sort: SortKey, by_person: dict[int, TieScore]) -> Callable[[PersonIndexRow], Any]:
    if sort == "strength":

        def strength(r: PersonIndexRow) -> tuple[float, int]:
            tie = by_person.get(r.id)
            return (float(tie.strength) if tie is not None else 0.0, r.last_contact or 0)

        return strength
    if sort == "last_contact":
        return lambda r: (r.last_contact or 0, r.id)
    if sort == "interactions":
        return lambda r: (r.interactions, r.id)
    if sort == "company":
        return lambda r: ((r.company or "").casefold(), r.name.casefold())
    return lambda r: (r.name.casefold(), r.id)


def _people_row(
    row: PersonIndexRow, tie: TieScore | None, community: int | None, labels: dict[int, str]
) -> PeopleRow:
    return PeopleRow(
        id=row.id,
        name=row.name,
        company=row.company,
        position=row.position,
        last_contact=day(row.last_contact) or None,
        interactions=row.interactions,
        sources=row.sources,
        tier=tie.tier if tie is not None else None,
        strength=tie.strength if tie is not None else None,
        dormant=tie.dormant if tie is not None else None,
        community=labels.get(community) if community is not None else None,
        community_id=community,
    )


# -- the map ----------------------------------------------------------------------------------------

EDGES_PER_NODE = 4  # the heaviest edges among the shown nodes, on average per node [ours]


@dataclass(frozen=True, slots=True)
class MapNode:
    id: int
    label: str
    strength: float
    tier: str
    dormant: bool
    community: int | None
    community_label: str | None


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """``/map.json``: the strongest ties as nodes, and the heaviest edges among them, for sigma.js."""

    as_of: int
    tiers: tuple[str, ...]
    total: int
    nodes: tuple[MapNode, ...]
    edges: tuple[tuple[int, int, float], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "tiers": list(self.tiers),
            "total": self.total,
            "shown": len(self.nodes),
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [[a, b, w] for a, b, w in self.edges],
        }


def network_map(
    as_of: int,
    ties: TieTable | None,
    structure: Structure | None,
    index: Sequence[PersonIndexRow],
    *,
    tier: str = "",
    community: str = "",
    limit: int,
) -> NetworkMap:
    """At most ``limit`` people, strongest first (by interactions when the ties could not be computed),
    after the ``tier`` and ``community`` filters, and at most :data:`EDGES_PER_NODE` edges per node."""
    community_of = structure.community_of if structure is not None else {}
    labels = community_labels(structure)
    names = {r.id: r.name for r in index}
    scored = _map_candidates(ties, community_of, index)
    if tier:
        scored = [s for s in scored if s[2] == tier]
    if community:
        scored = [s for s in scored if str(community_of.get(s[0], "")) == community]
    scored.sort(key=lambda s: s[1], reverse=True)
    chosen = scored[:limit]
    ids = {s[0] for s in chosen}
    edges = [e for e in (structure.edges if structure is not None else []) if e[0] in ids and e[1] in ids]
    edges.sort(key=lambda e: e[2], reverse=True)
    return NetworkMap(
        as_of=as_of,
        tiers=tuple(tier_names(ties)),
        total=len(scored),
        nodes=tuple(
            MapNode(
                id=pid,
                label=names.get(pid, str(pid)),
                strength=round(strength, 4),
                tier=tier_name,
                dormant=dormant,
                community=community_of.get(pid),
                community_label=labels.get(community_of.get(pid, -1)),
            )
            for pid, strength, tier_name, dormant in chosen
        ),
        edges=tuple((a, b, round(float(w), 4)) for a, b, w in edges[: EDGES_PER_NODE * len(chosen)]),
    )


def _map_candidates(
    ties: TieTable | None, community_of: dict[int, int], index: Sequence[PersonIndexRow]
) -> list[tuple[int, float, str, bool]]:
    """(person, strength, tier, dormant) of everyone the map may show: every tie but collected names
    outside any community; by interactions (strength = share of the most) without a tie table."""
    if ties is not None:
        return [
            (t.person_id, float(t.strength), str(t.tier), bool(t.dormant))
            for t in ties.ranked
            if t.tier != "collected names" or community_of.get(t.person_id) is not None
        ]
    rows = sorted(index, key=lambda r: r.interactions, reverse=True)
    top = max((r.interactions for r in rows), default=1) or 1
    return [(r.id, r.interactions / top, "", False) for r in rows if r.interactions > 0]
