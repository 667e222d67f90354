"""One contact per human across members' shares.

1. **Exact keys**: rows that share a salted key (the same e-mail address, phone or profile URL under the
   team's salt) are one human, whatever else differs.
2. **Probabilistic**, on what was shared in clear (name, company): by default Splink (MIT; Fellegi &
   Sunter 1969 record linkage with m/u probabilities trained by expectation maximisation; Linacre et al.
   2022, *Splink: Free software for probabilistic record linkage at scale*, IJPDS 7(3)) on DuckDB, fed
   the names as netvalue's own resolver normalises them (:func:`netvalue.identity.names.parse_name`,
   nicknames to their full forms with :func:`~netvalue.identity.names.canonical_given`, companies with
   :func:`~netvalue.identity.profiles.normalize_company`).  Three comparisons: first name, family name
   (Splink's ``NameComparison``: exact, Jaro-Winkler bands) and the organisation (the company, else the
   work e-mail domain: one comparison, so that two agreeing facts about one employer never count twice),
   each with term-frequency adjustment where the frequencies are counted over distinct people rather
   than rows (:func:`_frequencies`); u by random sampling, m by EM blocked on family name and on first
   name with organisation; links at match probability >= :data:`SPLINK_THRESHOLD`.  Then netvalue's
   lone-name rule (:func:`_join_lone_names`).  ``engine="netvalue"`` runs the project's own
   resolver (:func:`netvalue.identity.matching.plan_resolution`) instead, each member a source that lists
   a human once; ``benchmarks/team.py`` measures both on the same data.
3. **One member lists a human once** [ours]: each member's database already made one person per human,
   so two rows of one member are two humans.  Probable links are taken strongest first and a link that
   would put two rows of one member into one human is refused (exact keys always join).
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.identity.frequency import COINCIDENCE_LIMIT
from netvalue.identity.matching import plan_resolution
from netvalue.identity.names import canonical_given, fold, parse_name
from netvalue.identity.profiles import normalize_company
from netvalue.keys import PUBLIC_MAIL_DOMAINS
from netvalue.store.identity import PersonFacts
from netvalue.team.share_file import SharedContact

Engine = Literal["splink", "netvalue", "exact"]
ENGINES: tuple[Engine, ...] = ("splink", "netvalue", "exact")
LONE_NAME_LIMIT = COINCIDENCE_LIMIT
SPLINK_THRESHOLD = 0.95  # match probability to link two members' rows; ours, set on benchmarks/team.py


@dataclass(frozen=True, slots=True)
class PooledContact:
    """One row of one member's share, as the team pools them."""

    row: int
    member: int
    contact: SharedContact


@dataclass(frozen=True, slots=True)
class Resolution:
    """``human[row]``: the human (a representative row) of each pooled row; ``groups`` the rows of each."""

    human: tuple[int, ...]
    groups: dict[int, tuple[int, ...]]
    exact_links: int
    probable_links: int
    engine: Engine


class _Groups:
    """Union-find whose groups remember which members they hold."""

    def __init__(self, members: Sequence[int]) -> None:
        self.parent = list(range(len(members)))
        self.members: list[set[int]] = [{m} for m in members]
        self.items: list[list[int]] = [[i] for i in range(len(members))]

    def rows(self, x: int) -> list[int]:
        """Every row in ``x``'s group."""
        return self.items[self.find(x)]

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int, *, exclusive: bool) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if exclusive and self.members[ra] & self.members[rb]:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members[rb]
        self.items[ra].extend(self.items[rb])
        self.items[rb] = []
        return True


def resolve(
    pool: Sequence[PooledContact],
    engine: Engine = "splink",
    *,
    threshold: float = SPLINK_THRESHOLD,
    free_mail: frozenset[str] | None = None,
) -> Resolution:
    """Group the pooled rows into humans (see the module's docstring)."""
    free_mail = FREE_MAIL if free_mail is None else free_mail
    groups = _Groups([p.member for p in pool])
    owner: dict[str, int] = {}
    exact = 0
    for p in pool:
        for key in p.contact.keys:
            first = owner.setdefault(key, p.row)
            if first != p.row and groups.join(first, p.row, exclusive=False):
                exact += 1
    probable = 0
    if engine != "exact":
        links = (
            _splink_links(pool, groups, threshold, free_mail)
            if engine == "splink"
            else _netvalue_links(pool, groups)
        )
        for _score, a, b in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
            if groups.join(a, b, exclusive=True):
                probable += 1
        if engine == "splink":
            probable += _join_lone_names(pool, groups, free_mail)
    human = tuple(groups.find(p.row) for p in pool)
    members: dict[int, list[int]] = {}
    for p in pool:
        members.setdefault(human[p.row], []).append(p.row)
    return Resolution(human, {h: tuple(rows) for h, rows in members.items()}, exact, probable, engine)


def _name_parts(contact: SharedContact) -> tuple[str, str, str] | None:
    """(canonical first name, family name, full folded name), or None when no usable name was shared."""
    if contact.name is None:
        return None
    name = parse_name(contact.name)
    if not name.usable:
        return None
    given = name.given if name.is_initial else min(canonical_given(name.given))
    return given, name.family, fold(contact.name)


def _representatives(pool: Sequence[PooledContact], groups: _Groups) -> dict[int, PooledContact]:
    """One named row per exact-key group (the first with a usable name)."""
    chosen: dict[int, PooledContact] = {}
    for p in pool:
        root = groups.find(p.row)
        if root not in chosen and _name_parts(p.contact) is not None:
            chosen[root] = p
    return chosen


TF_COLUMNS: tuple[str, ...] = ("first_name", "surname", "company")  # term frequencies per distinct person
FREE_MAIL = PUBLIC_MAIL_DOMAINS
"""Free mail services' domains (ours, the domains behind the resolver's list of free mail labels): an
address there says nothing of where a person works."""


def work_domains(domains: Sequence[str], free_mail: frozenset[str]) -> tuple[str, ...]:
    """The domains (clear or hashed) that are not a free mail service's; ``free_mail`` holds both forms."""
    return tuple(d for d in domains if d not in free_mail)


def _label(domain: str) -> str:
    """``acme`` of ``mail.acme.co.uk``; a hashed domain as it is."""
    if "." not in domain:
        return domain
    parts = domain.split(".")
    if len(parts) >= 3 and parts[-2] in ("co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"):
        return normalize_company(parts[-3])
    return normalize_company(parts[-2])


def _frequencies(values: Sequence[str | None], signatures: Sequence[tuple[object, ...]]) -> dict[str, float]:
    """Each value's share of distinct name-and-company signatures, not of rows: a human that ten members
    know is ten rows but one bearer of the name, and counting rows would make a popular human's name look
    common and block the links that matter most [ours]."""
    bearers: dict[str, set[tuple[object, ...]]] = {}
    for value, signature in zip(values, signatures, strict=True):
        if value is not None:
            bearers.setdefault(value, set()).add(signature)
    total = len(set(signatures)) or 1
    return {value: len(found) / total for value, found in bearers.items()}


def _splink_links(
    pool: Sequence[PooledContact], groups: _Groups, threshold: float, free_mail: frozenset[str] = FREE_MAIL
) -> list[tuple[float, int, int]]:
    """Pairs of rows from different members whose Splink match probability reaches ``threshold``."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.internals.exceptions import SplinkException

    chosen = _representatives(pool, groups)
    if len(chosen) < 2:
        return []
    columns: dict[str, list[object]] = {
        "unique_id": [],
        "member": [],
        "first_name": [],
        "surname": [],
        "company": [],
    }
    for root, p in chosen.items():
        given, family, _ = _name_parts(p.contact) or ("", "", "")
        company = normalize_company(p.contact.company) if p.contact.company else None
        domains = sorted(
            {d for r in groups.rows(root) for d in work_domains(pool[r].contact.domains, free_mail)}
        )
        columns["unique_id"].append(root)
        columns["member"].append(p.member)
        columns["first_name"].append(given)
        columns["surname"].append(family)
        # The organisation: the company as shared, else the label of a work domain ("acme" of acme.com),
        # else the (hashed) work domain itself; one comparison, so that the two never count twice.
        columns["company"].append(company or (_label(domains[0]) if domains else None))
    signatures = list(zip(columns["first_name"], columns["surname"], columns["company"], strict=True))
    db_api = DuckDBAPI()
    table = pa.table(columns)
    settings = SettingsCreator(
        link_type="dedupe_only",
        # m probabilities to start from (ours); EM re-estimates them where the data allow.
        comparisons=[
            cl.NameComparison("first_name").configure(
                term_frequency_adjustments=True, m_probabilities=[0.85, 0.06, 0.03, 0.03, 0.03]
            ),
            cl.NameComparison("surname").configure(
                term_frequency_adjustments=True, m_probabilities=[0.9, 0.05, 0.02, 0.02, 0.01]
            ),
            cl.ExactMatch("company").configure(term_frequency_adjustments=True, m_probabilities=[0.6, 0.4]),
        ],
        blocking_rules_to_generate_predictions=[
            {"blocking_rule": "l.surname = r.surname AND l.member <> r.member"},
            {
                "blocking_rule": "l.first_name = r.first_name AND l.company = r.company AND l.member <> r.member"
            },
        ],
        probability_two_random_records_match=_prior(columns),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = Linker(db_api.register(table), settings, log_level=None)
    for column in TF_COLUMNS:
        values = columns[column]
        shares = _frequencies([v if isinstance(v, str) else None for v in values], signatures)
        lookup = pa.table({column: list(shares), f"tf_{column}": list(shares.values())})
        linker.table_management.register_term_frequency_lookup(db_api.register(lookup), column)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("surname"), block_on("first_name", "company")):
        # Too few pairs under this rule for EM: the starting m probabilities stand.
        with contextlib.suppress(ValueError, ArithmeticError, SplinkException):
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
    scored = linker.inference.predict(threshold_match_probability=threshold).as_record_list()
    return [(float(r["match_probability"]), int(r["unique_id_l"]), int(r["unique_id_r"])) for r in scored]


def _prior(columns: dict[str, list[object]]) -> float:
    """The chance that two random records are one human: pairs that agree on first and family name,
    taken as 70 % of the true pairs (Splink's ``estimate_probability_two_random_records_match`` reasoning,
    done here so that a pool with no such pair still gets a usable prior), over all pairs; at least one
    pair."""
    names = Counter(zip(columns["first_name"], columns["surname"], strict=True))
    agreeing = sum(c * (c - 1) // 2 for c in names.values())
    n = len(columns["first_name"])
    total = max(n * (n - 1) // 2, 1)
    return min(0.5, max(agreeing / 0.7, 1.0) / total)


def _organisation(contact: SharedContact, free_mail: frozenset[str]) -> str | None:
    if contact.company:
        return normalize_company(contact.company) or None
    domains = work_domains(contact.domains, free_mail)
    return _label(domains[0]) if domains else None


def _join_lone_names(pool: Sequence[PooledContact], groups: _Groups, free_mail: frozenset[str]) -> int:
    """The lone-name rule of netvalue's resolver (:mod:`netvalue.identity.matching`), for the team: the
    contacts left under one full name (first name as its full form, family name) where at most one of them
    says where the person works join that one, when the name is rare enough that fewer than
    :data:`~netvalue.identity.frequency.COINCIDENCE_LIMIT` namesakes are expected among the team's
    contacts (the expectation from first- and family-name frequencies counted over distinct
    name-and-organisation signatures, as for Splink).  Initials never count as a full name."""
    keys: dict[int, tuple[str, str]] = {}
    signature: set[tuple[str, str, str | None]] = set()
    for p in pool:
        parts = _name_parts(p.contact)
        if parts is None or len(parts[0]) < 2:
            continue
        keys[p.row] = (parts[0], parts[1])
        signature.add((parts[0], parts[1], _organisation(p.contact, free_mail)))
    total = len(signature) or 1
    first = Counter(s[0] for s in signature)
    family = Counter(s[1] for s in signature)
    clusters: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row, key in keys.items():
        clusters[key].add(groups.find(row))
    joined = 0
    for key, roots in clusters.items():
        if len(roots) < 2:
            continue
        expected = total * (first[key[0]] / total) * (family[key[1]] / total)
        if expected >= LONE_NAME_LIMIT:
            continue
        placed = [r for r in roots if any(_organisation(pool[x].contact, free_mail) for x in groups.rows(r))]
        if len(placed) > 1:
            continue
        anchor = placed[0] if placed else min(roots)
        for root in sorted(roots):
            if root != anchor and groups.join(anchor, root, exclusive=True):
                joined += 1
    return joined


def _netvalue_links(pool: Sequence[PooledContact], groups: _Groups) -> list[tuple[float, int, int]]:
    """Merges the project's own resolver plans, one person per exact-key group, each member a source."""
    chosen = _representatives(pool, groups)
    facts = []
    for root, p in chosen.items():
        facts.append(
            PersonFacts(
                id=root,
                name=p.contact.name or "",
                companies=(p.contact.company,) if p.contact.company else (),
                sources=tuple(sorted({f"member{m}" for m in groups.members[groups.find(root)]})),
            )
        )
    plan = plan_resolution(facts)
    # The plan's merges are its automatic ones (confidence >= AUTO_MERGE or a frequency rule's merge).
    return [(m.confidence, m.a, m.b) for m in plan.merges]
