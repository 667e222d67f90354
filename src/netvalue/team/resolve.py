"""One contact per human across members' shares.

1. **Exact keys**: rows that share a salted key (the same e-mail address, phone or profile URL under the
   team's salt) are one human, whatever else differs.
2. **Probabilistic**, on what was shared in clear (name, company): by default Splink (MIT; Fellegi &
   Sunter 1969 record linkage with m/u probabilities trained by expectation maximisation; Linacre et al.
   2022, *Splink: Free software for probabilistic record linkage at scale*, IJPDS 7(3)) on DuckDB, fed
   the names as netvalue's own resolver normalises them (:func:`netvalue.identity.names.parse_name`,
   nicknames to their full forms with :func:`~netvalue.identity.names.canonical_given`, companies with
   :func:`~netvalue.identity.profiles.normalize_company`), one record per distinct name and
   organisation of each exact-key group (:func:`_splink_records`).  Three comparisons: first name
   (exact, one edit, an initial against a name it begins), family name (Splink's ``NameComparison``:
   exact, Jaro-Winkler bands) and the organisation (the company, else the work e-mail domain: one
   comparison, so that two agreeing facts about one employer never count twice), each with
   term-frequency adjustment where the frequencies are counted over distinct people rather than rows
   (:func:`_frequencies`); u by random sampling, m by EM blocked on family name and on first name with
   organisation; links at match probability >= :data:`SPLINK_THRESHOLD`.  Then the lone-name rule for a
   team (:func:`_join_lone_names`).  ``engine="netvalue"`` runs the project's own resolver
   (:func:`netvalue.identity.matching.plan_resolution`) instead, each member a source that lists a human
   once; ``benchmarks/team.py`` measures both on the same data.
3. **One member lists a human once** [ours]: each member's database already made one person per human,
   so two rows of one member are two humans.  Probable links are taken strongest first and a link that
   would put two rows of one member into one human is refused (exact keys always join).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from netvalue.identity.matching import plan_resolution
from netvalue.identity.names import canonical_given, fold, parse_name
from netvalue.identity.profiles import normalize_company
from netvalue.keys import PUBLIC_MAIL_DOMAINS
from netvalue.store.identity import PersonFacts
from netvalue.team.records import Engine, PooledContact, Resolution, SharedContact

if TYPE_CHECKING:
    from splink.internals.comparison_creator import ComparisonCreator

LONE_NAME_LIMIT = 0.05
"""Namesakes expected per member who knows a bearer, below which the team's lone-name rule joins (ours).
Set on ``benchmarks/team.py`` at 20 members x 2,000 contacts, seed 1: 0.02 -> precision 0.9927, recall
0.9235; 0.05 -> 0.9926 / 0.9373; 0.1 -> 0.9904 / 0.9429; 0.2 -> 0.9877 / 0.9474 (before the initials
rule); at 50 x 2,000, 0.1 fell to precision 0.9888 (recall 0.9381), so 0.05 keeps precision first.  Above netvalue's own :data:`~netvalue.identity.frequency.COINCIDENCE_LIMIT` (0.02, for one
person's database) because the divisor already asks much more than one member's word."""
SPLINK_THRESHOLD = 0.95  # match probability to link two members' rows; ours, set on benchmarks/team.py


class _Groups:
    """Union-find whose groups remember which members they hold."""

    def __init__(self, members: Sequence[int]) -> None:
        self.parent = list(range(len(members)))
        self.members: list[set[int]] = [{m} for m in members]
        self.items: list[list[int]] = [[i] for i in range(len(members))]
        # Private keys the group holds ("phone", "personal mail"): two groups that both hold one, and are
        # apart, hold different ones (exact keys joined every shared key).
        self.private: list[frozenset[str]] = [frozenset()] * len(members)

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
        self.private[ra] |= self.private[rb]
        return True


def resolve(
    pool: Sequence[PooledContact],
    engine: Engine = "splink",
    *,
    threshold: float = SPLINK_THRESHOLD,
    free_mail: frozenset[str] | None = None,
    steps: dict[str, float] | None = None,
) -> Resolution:
    """Group the pooled rows into humans (see the module's docstring); ``steps`` gets the seconds each
    step took."""
    free_mail = FREE_MAIL if free_mail is None else free_mail
    clock = _Clock(steps)
    groups = _Groups([p.member for p in pool])
    owner: dict[str, int] = {}
    exact = 0
    for p in pool:
        for key in p.contact.keys:
            first = owner.setdefault(key, p.row)
            if first != p.row and groups.join(first, p.row, exclusive=False):
                exact += 1
    clock.lap("exact keys")
    for p in pool:
        private = _private_keys(p.contact, free_mail)
        if private:
            root = groups.find(p.row)
            groups.private[root] |= private
    probable = 0
    if engine != "exact":
        links = (
            _splink_links(pool, groups, threshold, free_mail, clock)
            if engine == "splink"
            else _netvalue_links(pool, groups)
        )
        clock.lap("netvalue's resolver" if engine == "netvalue" else "predict")
        for _score, a, b in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
            if groups.join(a, b, exclusive=True):
                probable += 1
        if engine == "splink":
            probable += _join_lone_names(pool, groups, free_mail)
        clock.lap("join links, lone names")
    human = tuple(groups.find(p.row) for p in pool)
    members: dict[int, list[int]] = {}
    for p in pool:
        members.setdefault(human[p.row], []).append(p.row)
    return Resolution(human, {h: tuple(rows) for h, rows in members.items()}, exact, probable, engine)


def _private_keys(contact: SharedContact, free_mail: frozenset[str]) -> frozenset[str]:
    """The kinds of private key the row holds: a phone, an address at a free mail service."""
    kinds = {"phone"} if any(k.startswith("phone:") for k in contact.keys) else set()
    if any(d in free_mail for d in contact.domains):
        kinds.add("personal mail")
    return frozenset(kinds)


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


def _splink_records(
    pool: Sequence[PooledContact], groups: _Groups, free_mail: frozenset[str]
) -> dict[str, list[object]]:
    """One record per distinct (first name, family name, organisation) of each exact-key group: a group
    whose first row says "A. Russoez" and whose second says "Arjun Russoez, Blue Analytics" is compared
    under both, so that one terse row cannot hide what the group's others say."""
    columns: dict[str, list[object]] = {
        "unique_id": [],
        "root": [],
        "member": [],
        "first_name": [],
        "surname": [],
        "company": [],
    }
    seen: set[tuple[int, str, str, str | None]] = set()
    for p in pool:
        parts = _name_parts(p.contact)
        if parts is None:
            continue
        root = groups.find(p.row)
        organisation = _organisation(p.contact, free_mail)
        signature = (root, parts[0], parts[1], organisation)
        if signature in seen:
            continue
        seen.add(signature)
        held = groups.members[root]
        columns["unique_id"].append(len(seen))
        columns["root"].append(root)
        # A group one member holds cannot be one human with another of theirs: never compared.
        columns["member"].append(next(iter(held)) if len(held) == 1 else -1 - root)
        columns["first_name"].append(parts[0])
        columns["surname"].append(parts[1])
        columns["company"].append(organisation)
    return columns


def _first_name_comparison() -> ComparisonCreator:
    """First names (nicknames already at their full form): exact, one letter transposed or mistyped
    (Jaro-Winkler >= 0.9), an initial against a name that starts with it, or else."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name", term_frequency_adjustments=True),
            cll.DamerauLevenshteinLevel("first_name", 1),
            cll.CustomLevel(
                "(length(first_name_l) = 1 OR length(first_name_r) = 1)"
                " AND substr(first_name_l, 1, 1) = substr(first_name_r, 1, 1)",
                label_for_charts="an initial and a name it begins",
            ),
            cll.ElseLevel(),
        ],
        output_column_name="first_name",
    ).configure(m_probabilities=[0.8, 0.08, 0.07, 0.05])


def _splink_links(
    pool: Sequence[PooledContact],
    groups: _Groups,
    threshold: float,
    free_mail: frozenset[str],
    clock: _Clock,
) -> list[tuple[float, int, int]]:
    """Pairs of exact-key groups of different members whose Splink match probability reaches
    ``threshold``, as ``(probability, root, root)``; ``clock`` times each step."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.internals.exceptions import SplinkException

    clock.lap("import splink")
    columns = _splink_records(pool, groups, free_mail)
    clock.lap("splink records")
    if not _candidates_exist(columns):
        return []  # nothing to compare (and Splink's SQL needs a pair to score)
    signatures = list(zip(columns["first_name"], columns["surname"], columns["company"], strict=True))
    db_api = DuckDBAPI()
    table = pa.table(columns)
    different = "l.root <> r.root AND (l.member <> r.member OR l.member < 0)"
    settings = SettingsCreator(
        link_type="dedupe_only",
        # m probabilities to start from (ours); EM re-estimates them where the data allow.
        comparisons=[
            _first_name_comparison(),
            cl.NameComparison("surname").configure(
                term_frequency_adjustments=True, m_probabilities=[0.9, 0.05, 0.02, 0.02, 0.01]
            ),
            cl.ExactMatch("company").configure(term_frequency_adjustments=True, m_probabilities=[0.6, 0.4]),
        ],
        blocking_rules_to_generate_predictions=[
            {"blocking_rule": f"l.surname = r.surname AND {different}"},
            {"blocking_rule": f"l.first_name = r.first_name AND l.company = r.company AND {different}"},
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
    clock.lap("splink set-up")
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    clock.lap("train u (random pairs)")
    # EM without term frequencies: the m probabilities alone, at less than half the time (benchmarks/team.py).
    for rule in (block_on("surname"), block_on("first_name", "company")):
        # Too few pairs under this rule for EM: the starting m probabilities stand.
        with contextlib.suppress(ValueError, ArithmeticError, SplinkException):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
    clock.lap("train m (EM)")
    scored = linker.inference.predict(threshold_match_probability=threshold).as_record_list()
    roots, organisations = columns["root"], columns["company"]
    best: dict[tuple[int, int], float] = {}
    for r in scored:
        left, right = int(r["unique_id_l"]) - 1, int(r["unique_id_r"]) - 1
        if (
            None not in (organisations[left], organisations[right])
            and organisations[left] != organisations[right]
        ):
            # Two employers: on benchmarks/team.py such links joined namesakes more often than movers.
            continue
        a, b = roots[left], roots[right]
        assert isinstance(a, int) and isinstance(b, int)
        pair = (min(a, b), max(a, b))
        best[pair] = max(best.get(pair, 0.0), float(r["match_probability"]))
    return [(score, a, b) for (a, b), score in best.items()]


def _candidates_exist(columns: dict[str, list[object]]) -> bool:
    """Whether two groups that may be one human (not one member's both) share a family name, or a first
    name and an organisation: the pairs Splink's blocking rules compare."""
    held: dict[tuple[object, ...], dict[object, object]] = defaultdict(dict)  # block -> root -> member
    for root, member, first, family, company in zip(
        columns["root"],
        columns["member"],
        columns["first_name"],
        columns["surname"],
        columns["company"],
        strict=True,
    ):
        held[("surname", family)][root] = member
        if company is not None:
            held[("first_name", first, company)][root] = member
    for roots in held.values():
        members = set(roots.values())
        if len(roots) > 1 and (len(members) > 1 or any(isinstance(m, int) and m < 0 for m in members)):
            return True
    return False


class _Clock:
    """Seconds per step into ``steps`` (when given)."""

    def __init__(self, steps: dict[str, float] | None) -> None:
        self.steps = steps
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        if self.steps is not None:
            self.steps[step] = self.steps.get(step, 0.0) + now - self.last
        self.last = now


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


def _organisations(
    pool: Sequence[PooledContact], groups: _Groups, root: int, free_mail: frozenset[str]
) -> set[str]:
    found = (_organisation(pool[row].contact, free_mail) for row in groups.rows(root))
    return {o for o in found if o}


def _join_lone_names(pool: Sequence[PooledContact], groups: _Groups, free_mail: frozenset[str]) -> int:
    """The lone-name rule of netvalue's resolver (:mod:`netvalue.identity.matching`), for a team: the
    contacts left under one full name (first name as its full form, family name) whose rows name at most
    one organisation join one contact, when the namesakes expected among the team's contacts, per member
    who knows someone of that name, are fewer than :data:`LONE_NAME_LIMIT`.

    The expectation ``E`` is netvalue's (:mod:`netvalue.identity.frequency`: first- and family-name
    frequencies, here over distinct name-and-organisation signatures, as for Splink).  Dividing it by the
    ``n`` members who know a bearer is ours: each of those ``n`` rows belongs to another bearer with
    probability about ``E / (E + n)`` when strangers are known by one member each, so a human the whole
    team knows is not kept in pieces for a name that a lone contact would not be trusted with.  Initials
    never count as a full name."""
    counts = _NameCounts(pool, free_mail)
    return _join_at_employers(pool, groups, free_mail, counts) + _join_under_names(
        pool, groups, free_mail, counts
    )


class _NameCounts:
    """Full names of the pooled rows (initials left out) and the frequencies of first names, family names
    and organisations over distinct name-and-organisation signatures."""

    def __init__(self, pool: Sequence[PooledContact], free_mail: frozenset[str]) -> None:
        self.keys: dict[int, tuple[str, str]] = {}
        signature: set[tuple[str, str, str | None]] = set()
        for p in pool:
            parts = _name_parts(p.contact)
            if parts is None or len(parts[0]) < 2:
                continue
            self.keys[p.row] = (parts[0], parts[1])
            signature.add((parts[0], parts[1], _organisation(p.contact, free_mail)))
        self.total = len(signature) or 1
        self.first = Counter(s[0] for s in signature)
        self.family = Counter(s[1] for s in signature)
        self.employer = Counter(s[2] for s in signature)

    def namesakes(self, given: str, surname: str) -> float:
        """Expected bearers of the name among the signatures (Winkler's independence of the two names)."""
        return self.first[given] * self.family[surname] / self.total


def _join_at_employers(
    pool: Sequence[PooledContact], groups: _Groups, free_mail: frozenset[str], counts: _NameCounts
) -> int:
    """One full name at one employer: namesakes expected there, per member who knows one."""
    at: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for row, key in counts.keys.items():
        organisation = _organisation(pool[row].contact, free_mail)
        if organisation:
            at[(*key, organisation)].add(groups.find(row))
    joined = 0
    for (given, surname, organisation), roots in at.items():
        if len(roots) > 1:
            there = counts.namesakes(given, surname) * counts.employer[organisation] / counts.total
            joined += _join_all(groups, sorted(roots), there / _knowing(groups, roots))
    return joined + _join_initials(pool, groups, free_mail, counts, at)


def _join_initials(
    pool: Sequence[PooledContact],
    groups: _Groups,
    free_mail: frozenset[str],
    counts: _NameCounts,
    at: dict[tuple[str, str, str], set[int]],
) -> int:
    """ "T. Smith" at an employer where one full name of that family begins with T: namesakes expected
    there are the bearers of any such first name."""
    full: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in at:
        full[(key[0][0], key[1], key[2])].append(key)
    letters: Counter[str] = Counter()
    for given, count in counts.first.items():
        letters[given[0]] += count
    joined = 0
    for p in pool:
        parts = _name_parts(p.contact)
        organisation = _organisation(p.contact, free_mail)
        if parts is None or len(parts[0]) != 1 or not organisation:
            continue
        keys = full.get((parts[0], parts[1], organisation), [])
        if len(keys) != 1:
            continue
        roots = [groups.find(p.row), *at[keys[0]]]
        there = letters[parts[0]] * counts.family[parts[1]] / counts.total * counts.employer[organisation]
        joined += _join_all(groups, roots, there / counts.total / _knowing(groups, roots), anchor=roots[1])
    return joined


def _join_under_names(
    pool: Sequence[PooledContact], groups: _Groups, free_mail: frozenset[str], counts: _NameCounts
) -> int:
    """One full name: groups that name at most one employer join; where bearers work at several, the
    groups that name none go to the one most members know, when the others (and the namesakes expected)
    are few beside it."""
    named: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row, key in counts.keys.items():
        named[key].add(groups.find(row))
    joined = 0
    for (given, surname), found in named.items():
        roots = sorted({groups.find(r) for r in found})  # as joined so far
        if len(roots) < 2:
            continue
        expected = counts.namesakes(given, surname)
        placed = [r for r in roots if _organisations(pool, groups, r, free_mail)]
        if len(placed) < 2:
            joined += _join_all(groups, roots, expected / _knowing(groups, roots))
            continue
        dominant = max(placed, key=lambda r: (len(groups.members[r]), -r))
        elsewhere = sum(len(groups.members[r]) for r in placed if r != dominant)
        unplaced = [dominant, *(r for r in roots if r not in placed)]
        if len(unplaced) > 1:
            risk = (expected + elsewhere) / _knowing(groups, unplaced)
            joined += _join_all(groups, unplaced, risk, anchor=dominant)
    return joined


def _knowing(groups: _Groups, roots: Iterable[int]) -> int:
    """How many members hold a row of these groups."""
    return len(set().union(*(groups.members[groups.find(r)] for r in roots)))


def _join_all(groups: _Groups, roots: Sequence[int], strangers: float, anchor: int | None = None) -> int:
    """Join the groups into ``anchor`` (by default the one most members hold), when fewer than
    :data:`LONE_NAME_LIMIT` strangers are expected per member among them."""
    if strangers >= LONE_NAME_LIMIT:
        return 0
    found = sorted({groups.find(r) for r in roots})
    if anchor is None:
        anchor = max(found, key=lambda r: (len(groups.members[r]), -r))
    anchor = groups.find(anchor)
    joined = 0
    for r in found:
        if r != anchor and not groups.private[groups.find(anchor)] & groups.private[r]:
            joined += groups.join(anchor, r, exclusive=True)
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
