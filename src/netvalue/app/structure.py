"""The shape of the user's network, loaded once for the CLI, the web map, triage and outreach.

``load_structure(db, as_of, seed)`` returns a :class:`Structure`: communities among the user's contacts
(with labels, strongest ties, activity and redundancy), bridges, structurally valuable contacts, the
user's brokerage position and the edges of the map.  Models and their sources: science.md §2 (recency
half-life), §4 (Burt's measures), §8 (community detection tested against email-Eu-core); the module
docstrings of ``netvalue.analysis.cooccurrence``, ``brokerage`` and ``communities`` give each formula.
The graph and its communities are persisted per data version, as-of and seed (:func:`network_shape`);
what depends on tie strength is computed from the (persisted) tie table on every call.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netvalue.analysis.brokerage import (
    contact_redundancy,
    ego_network,
    proportional_strength,
    structural_holes,
)
from netvalue.analysis.communities import (
    LabelValue,
    community_reach,
    community_redundancy,
    detect_communities,
    label_community,
)
from netvalue.analysis.cooccurrence import (
    MAX_GROUP,
    CooccurrenceGraph,
    affiliation_graph,
    combine,
    cooccurrence_graph,
)
from netvalue.analysis.hangouts import Hangout, Member, group_hangouts, match_by_name
from netvalue.analysis.ties import TIERS
from netvalue.app.network_codec import (
    NetworkShape,
    PersonLabels,
    StoredAttributes,
    decode_network,
    encode_network,
)
from netvalue.app.persisted import fresh_or_compute
from netvalue.app.ties import TieTable, load_ties
from netvalue.store import Database
from netvalue.store.structure import (
    PersonAttributes,
    company_rows,
    contact_ids,
    event_rows,
    owner_affiliations,
    owner_domains,
)
from netvalue.store.structure import person_attributes as fetch_attributes

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
MIN_COMMUNITY = 2  # a "community" of one is no cluster [ours]
STRONGEST_SHOWN = 5  # ours
REDUNDANT_SHARE = 0.5  # ours: a cluster where half the user's ties are redundant is flagged


@dataclass(frozen=True, slots=True)
class Community:
    """One cluster of the user's contacts.

    ``strongest``: members by the user's tie strength, strongest first (at most 5, only tied ones);
    ``activity``: Σ over the user's interactions with members of 2^(−Δt/110 days) (science.md §2's
    current activity); ``ties``/``strong_ties``: the user's ties (any / strong) among members;
    ``redundancy``: share of those ties that are redundant (Burt), NaN with none; ``bridge``: the
    user's only strong link into it, if there is exactly one.
    """

    id: int
    label: str
    members: tuple[int, ...]
    size: int
    strongest: tuple[int, ...]
    activity: float
    basis: str = ""
    ties: int = 0
    strong_ties: int = 0
    redundancy: float = float("nan")
    bridge: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "basis": self.basis,
            "size": self.size,
            "members": list(self.members),
            "strongest": list(self.strongest),
            "activity": round(self.activity, 4),
            "ties": self.ties,
            "strong_ties": self.strong_ties,
            "redundancy": None if np.isnan(self.redundancy) else round(self.redundancy, 4),
            "bridge": self.bridge,
        }


@dataclass(frozen=True, slots=True)
class Brokerage:
    """Burt's measures of the user's weighted ego network (science.md §4); NaN without any tie."""

    constraint: float
    effective_size: float
    efficiency: float
    hierarchy: float
    contacts: int

    def as_dict(self) -> dict[str, object]:
        def clean(x: float) -> float | None:
            return None if np.isnan(x) else round(x, 4)

        return {
            "constraint": clean(self.constraint),
            "effective_size": clean(self.effective_size),
            "efficiency": clean(self.efficiency),
            "hierarchy": clean(self.hierarchy),
            "contacts": self.contacts,
        }


@dataclass(frozen=True, slots=True)
class Structure:
    """``edges``: contact–contact co-occurrence edges ``(person, person, weight)``, lower id first;
    ``community_of``: contact -> community id for members of the listed communities (2+ members);
    ``strength``: the user's tie strength per contact (0–1) used for the ego network."""

    as_of: int
    communities: list[Community]
    community_of: dict[int, int]
    bridges: set[int]
    structurally_valuable: set[int]
    brokerage: Brokerage
    edges: list[tuple[int, int, float]] = field(default_factory=list)
    strength: dict[int, float] = field(default_factory=dict)
    strong: set[int] = field(default_factory=set)
    real: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class TieWeights:
    strength: FloatArray  # 0–1 per contact
    strong: BoolArray
    real: BoolArray
    activity: FloatArray  # current activity A = Σ 2^(−Δt/110 d) (science.md §2)


STRONG_TIERS: frozenset[str] = frozenset({"inner circle", "close", "active"})
"""Tiers whose ties count as strong for bridges: contact within the year, two-way (science.md §3)."""


def tie_weights(
    db: Database, as_of: int, contacts: npt.NDArray[np.int64], table: TieTable | None = None
) -> TieWeights:
    """The user's tie with each contact from ``netvalue.app.ties.load_ties`` (issue 4's model; pass
    ``table`` when it is already loaded).  Collected names (no two-way exchange) weigh 0, so they do not
    inflate brokerage (science.md §4)."""
    ties = load_ties(db, as_of) if table is None else table
    strength = np.zeros(len(contacts))
    strong = np.zeros(len(contacts), dtype=bool)
    real = np.zeros(len(contacts), dtype=bool)
    activity = np.zeros(len(contacts))
    strengths, tiers, present = ties.strengths, ties.columns["tier"], ties.present.tolist()
    activity_raw = ties.features.activity_raw.tolist()
    for k, pid in enumerate(contacts.tolist()):
        row = ties.people.index.get(pid)
        if row is None or not present[row]:  # only the present have a tie
            continue
        tier = TIERS[tiers[row]]
        strength[k] = float(strengths[row])
        strong[k] = tier in STRONG_TIERS
        real[k] = tier != "collected names"
        activity[k] = float(activity_raw[row])
    strength[~real] = 0.0
    return TieWeights(np.clip(strength, 0.0, 1.0), strong, real, activity)


def contact_graph(db: Database, as_of: int, *, affiliations: bool = True) -> CooccurrenceGraph:
    """The alter–alter co-occurrence graph over every contact (plus same-company ties when asked)."""
    contacts = contact_ids(db, as_of)
    events = event_rows(db, as_of, MAX_GROUP)
    graph = cooccurrence_graph(events.people, events.events, events.occurred_at, as_of, nodes=contacts)
    if affiliations:
        people, companies = company_rows(db, as_of)
        _, codes = np.unique(np.array([c.casefold() for c in companies], dtype=object), return_inverse=True)
        graph = combine(graph, affiliation_graph(people, codes.astype(np.int64), contacts))
    return graph


def network_shape(db: Database, as_of: int, seed: int, *, affiliations: bool = True) -> NetworkShape:
    """The contact graph, its communities and the people's attributes: persisted per data version, as-of,
    seed and ``affiliations`` (:mod:`netvalue.app.persisted`), so a rating never reruns them."""

    def compute() -> NetworkShape:
        graph = contact_graph(db, as_of, affiliations=affiliations)
        labels = detect_communities(graph.weights, seed=seed)
        return NetworkShape(graph, labels, fetch_attributes(db, as_of))

    parameters: dict[str, object] = {"as_of": as_of, "seed": seed, "affiliations": affiliations}
    return fresh_or_compute(db, "network", parameters, compute, encode_network, decode_network)


def load_structure(
    db: Database, as_of: int, seed: int = 0, *, ties: TieTable | None = None, affiliations: bool = True
) -> Structure:
    """The structure of the network as it stood at ``as_of`` (epoch seconds); ``seed`` fixes communities.

    ``ties``: the ``load_ties(db, as_of)`` table when the caller has it already (saves recomputing it);
    ``affiliations``: also link contacts at the same company (see ``analysis.cooccurrence``)."""
    return _structure_and_attributes(db, as_of, seed, ties=ties, affiliations=affiliations)[0]


def _structure_and_attributes(
    db: Database, as_of: int, seed: int, *, ties: TieTable | None = None, affiliations: bool = True
) -> tuple[Structure, Mapping[int, PersonAttributes]]:
    shape = network_shape(db, as_of, seed, affiliations=affiliations)
    graph, labels, attributes = shape.graph, shape.labels, shape.attributes
    contacts = graph.people
    weights = tie_weights(db, as_of, contacts, ties)
    activity = weights.activity
    own = frozenset(
        value.casefold() for value in (*owner_domains(db), *owner_affiliations(db, "position")) if value
    )

    ego = ego_network(graph.weights, weights.strength)
    holes = structural_holes(ego, rows=np.array([0], dtype=np.int64))
    brokerage = Brokerage(
        constraint=float(holes.constraint[0]),
        effective_size=float(holes.effective_size[0]),
        efficiency=float(holes.efficiency[0]),
        hierarchy=float(holes.hierarchy[0]),
        contacts=int(holes.degree[0]),
    )
    redundancy_row = contact_redundancy(ego, sp.csr_array(proportional_strength(ego)[[0]]))
    per_contact = np.zeros(len(contacts))
    dense = redundancy_row.toarray().ravel()[1:]
    per_contact[: len(dense)] = dense

    tied = weights.strength > 0
    reach = community_reach(graph.weights, labels, weights.strength, weights.strong)
    redundancy = community_redundancy(labels, per_contact, tied)
    bridge_by_community = {c: node for node, c in reach.bridge_of.items()}

    communities: list[Community] = []
    community_of: dict[int, int] = {}
    label_values = _label_values(contacts, attributes, own)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(int(labels.max()) + 2 if len(labels) else 1))
    for c in range(len(bounds) - 1):
        members = order[bounds[c] : bounds[c + 1]]
        if len(members) < MIN_COMMUNITY:
            continue
        label, basis = label_community(members.tolist(), label_values)
        ranked = members[np.lexsort((contacts[members], -weights.strength[members]))]
        strongest = tuple(int(contacts[m]) for m in ranked[:STRONGEST_SHOWN] if weights.strength[m] > 0)
        if not label:
            anchor = ranked[0]
            label = (
                f"around {attributes[int(contacts[anchor])].name}"
                if int(contacts[anchor]) in attributes
                else ""
            )
        bridge = bridge_by_community.get(c)
        member_ids = tuple(int(p) for p in np.sort(contacts[members]))
        communities.append(
            Community(
                id=c,
                label=label,
                members=member_ids,
                size=len(members),
                strongest=strongest,
                activity=float(activity[members].sum()),
                basis=basis,
                ties=int(tied[members].sum()),
                strong_ties=int(reach.strong_ties[c]),
                redundancy=float(redundancy[c]),
                bridge=None if bridge is None else int(contacts[bridge]),
            )
        )
        community_of.update(dict.fromkeys(member_ids, c))
    structure = Structure(
        as_of=as_of,
        communities=communities,
        community_of=community_of,
        bridges={int(contacts[b]) for b in reach.bridges},
        structurally_valuable={int(contacts[v]) for v in reach.structurally_valuable},
        brokerage=brokerage,
        edges=graph.edges(),
        strength={int(p): float(s) for p, s in zip(contacts, weights.strength, strict=True) if s > 0},
        strong={int(p) for p in contacts[weights.strong]},
        real={int(p) for p in contacts[weights.real]},
    )
    return structure, attributes


def _label_values(
    contacts: npt.NDArray[np.int64], attributes: Mapping[int, PersonAttributes], own: frozenset[str]
) -> dict[str, list[LabelValue]]:
    """Per node index, the values clusters are labelled by, in order of preference (the e-mail domain
    stands in for an unknown company).  ``own`` (the owner's organisations and e-mail domains, case
    folded) is left out: what every cluster shares distinguishes none (issue 15)."""
    pids = contacts.tolist()
    if isinstance(attributes, StoredAttributes):  # the stored rows as they are: no PersonAttributes made
        rows = [attributes.labels_of(p) for p in pids]
    else:
        found = (attributes.get(p) for p in pids)
        rows = [None if a is None else (a.company, a.domain, a.location, a.topics) for a in found]

    def company(a: PersonLabels | None) -> str | None:
        value = (a[0] or a[1]) if a else None
        return None if value is None or value.casefold() in own else value

    return {
        "company": [company(a) for a in rows],
        "place": [a[2] if a else None for a in rows],
        "topic": [frozenset(a[3]) if a else None for a in rows],
    }


# --- the dicts the CLI and the web render ------------------------------------------------------------

GraphFormat = Literal["graphml", "gexf", "json"]
HangoutBy = Literal["company", "place", "school", "community", "follow"]


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A contact as the structure reports name them: id, name, company, tie strength."""

    id: int
    name: str
    company: str | None
    strength: float


def _person(pid: int, attributes: Mapping[int, PersonAttributes], structure: Structure) -> PersonRef:
    a = attributes.get(pid)
    return PersonRef(
        id=pid,
        name=a.name if a else str(pid),
        company=a.company if a else None,
        strength=round(structure.strength.get(pid, 0.0), 4),
    )


def _people_json(people: tuple[PersonRef, ...]) -> list[dict[str, object]]:
    return [asdict(p) for p in people]


@dataclass(frozen=True, slots=True)
class CommunityEntry:
    """A community as ``netvalue communities`` lists it (or the pooled small groups, ``id`` ``None``,
    with the ``clusters`` pooled)."""

    id: int | None
    label: str
    basis: str
    size: int
    members: tuple[int, ...]
    strongest: tuple[PersonRef, ...]
    activity: float
    ties: int
    strong_ties: int
    redundancy: float | None
    bridge: PersonRef | None
    redundant: bool
    clusters: tuple[int, ...] | None = None

    @classmethod
    def of(
        cls, community: Community, attributes: Mapping[int, PersonAttributes], structure: Structure
    ) -> CommunityEntry:
        return cls(
            id=community.id,
            label=community.label,
            basis=community.basis,
            size=community.size,
            members=community.members,
            strongest=tuple(_person(p, attributes, structure) for p in community.strongest),
            activity=round(community.activity, 4),
            ties=community.ties,
            strong_ties=community.strong_ties,
            redundancy=None if np.isnan(community.redundancy) else round(community.redundancy, 4),
            bridge=None if community.bridge is None else _person(community.bridge, attributes, structure),
            redundant=community.ties >= 3 and community.redundancy >= REDUNDANT_SHARE,
        )

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "id": self.id,
            "label": self.label,
            "basis": self.basis,
            "size": self.size,
            "members": list(self.members),
            "strongest": _people_json(self.strongest),
            "activity": self.activity,
            "ties": self.ties,
            "strong_ties": self.strong_ties,
            "redundancy": self.redundancy,
            "bridge": asdict(self.bridge) if self.bridge is not None else None,
            "redundant": self.redundant,
        }
        if self.clusters is not None:
            found["clusters"] = list(self.clusters)
        return found


@dataclass(frozen=True, slots=True)
class CommunitiesReport:
    """``netvalue communities``: every community of 2+ contacts, bridges and structurally valuable ties."""

    as_of: int
    seed: int
    tied_contacts: int
    communities: tuple[CommunityEntry, ...]
    in_communities: int
    bridges: tuple[PersonRef, ...]
    structurally_valuable: tuple[PersonRef, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of,
            "seed": self.seed,
            "tied_contacts": self.tied_contacts,
            "communities": [c.to_json() for c in self.communities],
            "in_communities": self.in_communities,
            "bridges": _people_json(self.bridges),
            "structurally_valuable": _people_json(self.structurally_valuable),
        }


def communities_report(db: Database, as_of: int, seed: int = 0) -> CommunitiesReport:
    """Every community of 2+ contacts: label, size, strongest ties, activity, redundancy and bridge."""
    structure, attributes = _structure_and_attributes(db, as_of, seed)
    listed = [CommunityEntry.of(c, attributes, structure) for c in structure.communities]
    return CommunitiesReport(
        as_of=as_of,
        seed=seed,
        tied_contacts=len(structure.strength),
        communities=tuple(c for c in listed if c.size >= SMALL_GROUP) + _small_groups(listed),
        in_communities=len(structure.community_of),
        bridges=tuple(_person(p, attributes, structure) for p in sorted(structure.bridges)),
        structurally_valuable=tuple(
            _person(p, attributes, structure) for p in sorted(structure.structurally_valuable)
        ),
    )


SMALL_GROUP = 4
"""Clusters of 1–3 people are listed together as "small groups": too small to describe (issue 15) [ours]."""


def _small_groups(listed: list[CommunityEntry]) -> tuple[CommunityEntry, ...]:
    """The clusters under :data:`SMALL_GROUP` people, pooled into one entry (none when there are none)."""
    small = [c for c in listed if c.size < SMALL_GROUP]
    if not small:
        return ()
    strongest = sorted((p for c in small for p in c.strongest), key=lambda p: (-p.strength, p.name))
    pooled = CommunityEntry(
        id=None,
        label=f"small groups ({len(small)} clusters of 2–3)",
        basis="clusters of fewer than 4 people",
        size=sum(c.size for c in small),
        members=tuple(sorted(m for c in small for m in c.members)),
        strongest=tuple(strongest[:3]),
        activity=round(sum(c.activity for c in small), 4),
        ties=sum(c.ties for c in small),
        strong_ties=sum(c.strong_ties for c in small),
        redundancy=0.0,
        bridge=None,
        redundant=False,
        clusters=tuple(c.id for c in small if c.id is not None),
    )
    return (pooled,)


@dataclass(frozen=True, slots=True)
class RedundantCommunity:
    id: int
    label: str
    ties: int
    redundancy: float


@dataclass(frozen=True, slots=True)
class BrokerageReport:
    """``netvalue brokerage``: Burt's measures of the user's ego network, what they mean, the bridges,
    the structurally valuable contacts and the redundant clusters."""

    as_of: int
    brokerage: Brokerage
    meaning: str
    bridges: tuple[PersonRef, ...]
    structurally_valuable: tuple[PersonRef, ...]
    redundant_communities: tuple[RedundantCommunity, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of,
            **self.brokerage.as_dict(),
            "meaning": self.meaning,
            "bridges": _people_json(self.bridges),
            "structurally_valuable": _people_json(self.structurally_valuable),
            "redundant_communities": [asdict(c) for c in self.redundant_communities],
        }


def brokerage_report(db: Database, as_of: int, seed: int = 0) -> BrokerageReport:
    """The user's constraint, effective size, efficiency and hierarchy, with bridges and what they mean."""
    structure, attributes = _structure_and_attributes(db, as_of, seed)
    return BrokerageReport(
        as_of=as_of,
        brokerage=structure.brokerage,
        meaning=brokerage_meaning(structure.brokerage),
        bridges=tuple(_person(p, attributes, structure) for p in sorted(structure.bridges)),
        structurally_valuable=tuple(
            _person(p, attributes, structure) for p in sorted(structure.structurally_valuable)
        ),
        redundant_communities=tuple(
            RedundantCommunity(c.id, c.label, c.ties, round(c.redundancy, 4))
            for c in structure.communities
            if c.ties >= 3 and c.redundancy >= REDUNDANT_SHARE
        ),
    )


def brokerage_meaning(brokerage: Brokerage) -> str:
    """One sentence on what the user's constraint means; the bands (0.15, 0.4) are ours, for reading only."""
    if brokerage.contacts == 0 or np.isnan(brokerage.constraint):
        return "No two-way ties yet: brokerage needs contacts you actually exchange with."
    if brokerage.constraint < 0.15:
        return (
            "Low constraint: your ties reach people who mostly do not know one another, so you broker "
            "between groups; Burt (2004) found such networks go with better ideas, pay and promotions."
        )
    if brokerage.constraint < 0.4:
        return (
            "Moderate constraint: some of your contacts know one another; a few clusters hold much of "
            "your time."
        )
    return (
        "High constraint: most of your ties know one another or you depend on a few of them; new information "
        "reaches you late.  A contact in a cluster you barely reach would open it up."
    )


@dataclass(frozen=True, slots=True)
class HangoutsReport:
    """``netvalue hangouts --by BY``: the groups where the user's contacts gather, largest first."""

    as_of: int
    by: HangoutBy
    contacts: int
    groups: tuple[Hangout, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of,
            "by": self.by,
            "contacts": self.contacts,
            "groups": [g.as_dict() for g in self.groups],
        }


def hangouts_report(db: Database, as_of: int, by: HangoutBy = "company", seed: int = 0) -> HangoutsReport:
    """The user's contacts grouped by ``by``, each with real relationships vs collected names, and trend."""
    structure: Structure | None = None
    if by == "community":
        structure, attributes = _structure_and_attributes(db, as_of, seed)
        contacts = contact_ids(db, as_of)
        real = np.isin(contacts, np.array(sorted(structure.real), dtype=np.int64))
    else:
        shape = network_shape(db, as_of, seed)  # persisted: its attributes and contacts are the ones needed
        attributes, contacts = shape.attributes, shape.graph.people
        real = tie_weights(db, as_of, contacts).real
    members = {
        int(p): Member(int(p), bool(r), attributes[int(p)].connected_on if int(p) in attributes else None)
        for p, r in zip(contacts, real, strict=True)
    }
    pairs: list[tuple[str, Member]]
    if by == "company":
        pairs = [(attributes[p].company or "", m) for p, m in members.items() if p in attributes]
    elif by == "place":
        pairs = [(attributes[p].location or "", m) for p, m in members.items() if p in attributes]
    elif structure is not None:
        names = {c.id: f"{c.label} (#{c.id})" for c in structure.communities}
        pairs = [(names[c], members[p]) for p, c in structure.community_of.items() if p in members]
    else:
        texts = {p: f"{a.headline or ''} | {a.company or ''}" for p, a in attributes.items()}
        if by == "follow":
            texts = {p: a.company or "" for p, a in attributes.items()}
        pairs = match_by_name(
            owner_affiliations(db, "education" if by == "school" else "follow"), texts, members
        )
    groups = group_hangouts(by, pairs, as_of, min_size=1 if by in ("school", "follow") else 2)
    return HangoutsReport(as_of, by, len(members), tuple(groups))


def graph_export(db: Database, as_of: int, fmt: GraphFormat, seed: int = 0) -> str:
    """The user's network for Gephi and others: the user (node ``me``), every contact with a tie or a
    co-occurrence edge, user–contact edges weighted by tie strength, contact–contact edges by
    co-occurrence."""
    structure, attributes = _structure_and_attributes(db, as_of, seed)
    linked = {p for a, b, _ in structure.edges for p in (a, b)} | set(structure.strength)
    nodes: list[dict[str, object]] = [{"id": "me", "label": "me", "community": -1, "strength": 1.0}]
    for pid in sorted(linked):
        a = attributes.get(pid)
        nodes.append(
            {
                "id": str(pid),
                "label": a.name if a else str(pid),
                "community": structure.community_of.get(pid, -1),
                "strength": round(structure.strength.get(pid, 0.0), 6),
            }
        )
    edges = [("me", str(p), s) for p, s in sorted(structure.strength.items())]
    edges += [(str(a), str(b), w) for a, b, w in structure.edges]
    if fmt == "json":
        return json.dumps(
            {
                "nodes": nodes,
                "edges": [{"source": a, "target": b, "weight": round(w, 6)} for a, b, w in edges],
            },
            indent=2,
            ensure_ascii=False,
        )
    return _graphml(nodes, edges) if fmt == "graphml" else _gexf(nodes, edges)


_NODE_KEYS = (("label", "string"), ("community", "int"), ("strength", "double"))


def _graphml(nodes: list[dict[str, object]], edges: list[tuple[str, str, float]]) -> str:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name, "attr.type": kind})
    ET.SubElement(root, "key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "double"})
    graph = ET.SubElement(root, "graph", id="netvalue", edgedefault="undirected")
    for node in nodes:
        element = ET.SubElement(graph, "node", id=str(node["id"]))
        for name, _ in _NODE_KEYS:
            ET.SubElement(element, "data", key=name).text = str(node[name])
    for a, b, w in edges:
        ET.SubElement(ET.SubElement(graph, "edge", source=a, target=b), "data", key="weight").text = repr(
            float(w)
        )
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _gexf(nodes: list[dict[str, object]], edges: list[tuple[str, str, float]]) -> str:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="undirected", mode="static")
    declared = ET.SubElement(graph, "attributes", {"class": "node", "mode": "static"})
    kinds = {"int": "integer", "double": "double"}
    for index, (name, kind) in enumerate(_NODE_KEYS[1:]):
        ET.SubElement(declared, "attribute", id=str(index), title=name, type=kinds[kind])
    node_list = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(node_list, "node", id=str(node["id"]), label=str(node["label"]))
        values = ET.SubElement(element, "attvalues")
        for index, (name, _) in enumerate(_NODE_KEYS[1:]):
            ET.SubElement(values, "attvalue", {"for": str(index), "value": str(node[name])})
    edge_list = ET.SubElement(graph, "edges")
    for k, (a, b, w) in enumerate(edges):
        ET.SubElement(edge_list, "edge", id=str(k), source=a, target=b, weight=repr(float(w)))
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
