"""One contact per human across members' shares.

1. **Exact keys**: rows that share a salted key (the same e-mail address, phone or profile URL under the
   team's salt) are one human, whatever else differs.
2. **Probabilistic**, on what was shared in clear (name, company): by default Splink (MIT; Fellegi &
   Sunter 1969 record linkage with m/u probabilities trained by expectation maximisation; Linacre et al.
   2022, *Splink: Free software for probabilistic record linkage at scale*, IJPDS 7(3)) on DuckDB, fed
   the names as netvalue's own resolver normalises them (:func:`netvalue.identity.names.parse_name`,
   nicknames to their full forms with :func:`~netvalue.identity.names.canonical_given`, companies with
   :func:`~netvalue.identity.profiles.normalize_company`).  ``engine="netvalue"`` runs the project's own
   resolver (:func:`netvalue.identity.matching.plan_resolution`) instead, each member a source that lists
   a human once; ``benchmarks/team.py`` measures both on the same data.
3. **One member lists a human once** [ours]: each member's database already made one person per human,
   so two rows of one member are two humans.  Probable links are taken strongest first and a link that
   would put two rows of one member into one human is refused (exact keys always join).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.identity.matching import plan_resolution
from netvalue.identity.names import canonical_given, fold, parse_name
from netvalue.identity.profiles import normalize_company
from netvalue.store.identity import PersonFacts
from netvalue.team.share_file import SharedContact

Engine = Literal["splink", "netvalue", "exact"]
ENGINES: tuple[Engine, ...] = ("splink", "netvalue", "exact")
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
        return True


def resolve(
    pool: Sequence[PooledContact], engine: Engine = "splink", *, threshold: float = SPLINK_THRESHOLD
) -> Resolution:
    """Group the pooled rows into humans (see the module's docstring)."""
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
            _splink_links(pool, groups, threshold) if engine == "splink" else _netvalue_links(pool, groups)
        )
        for _score, a, b in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
            if groups.join(a, b, exclusive=True):
                probable += 1
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


def _splink_links(
    pool: Sequence[PooledContact], groups: _Groups, threshold: float
) -> list[tuple[float, int, int]]:
    """Pairs of rows from different members whose Splink match probability reaches ``threshold``."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.internals.exceptions import SplinkException

    chosen = _representatives(pool, groups)
    if len(chosen) < 2:
        return []
    rows: dict[str, list[object]] = {
        "unique_id": [],
        "member": [],
        "first_name": [],
        "surname": [],
        "company": [],
    }
    for root, p in chosen.items():
        given, family, _ = _name_parts(p.contact) or ("", "", "")
        company = normalize_company(p.contact.company) if p.contact.company else None
        rows["unique_id"].append(root)
        rows["member"].append(p.member)
        rows["first_name"].append(given)
        rows["surname"].append(family)
        rows["company"].append(company or None)
    table = pa.table(rows)
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
        probability_two_random_records_match=1.0 / len(chosen),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = Linker(DuckDBAPI().register(table), settings, log_level=None)
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("first_name", "surname")], recall=0.7
        )
    except (ValueError, ArithmeticError, SplinkException):
        pass  # too few agreeing pairs to estimate: keep one match per record as the prior
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("surname"), block_on("first_name", "company")):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except (ValueError, ArithmeticError, SplinkException):
            pass  # too few pairs under this rule for EM: the starting m probabilities stand
    scored = linker.inference.predict(threshold_match_probability=threshold).as_record_list()
    return [(float(r["match_probability"]), int(r["unique_id_l"]), int(r["unique_id_r"])) for r in scored]


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
