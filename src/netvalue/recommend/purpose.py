"""Why the user is networking: goals and targets, kept in ``purpose.toml`` beside the database.

Every recommendation names which part of the purpose it serves, so the purpose is plain data: goals
(``job-search``, ``business``, ``hiring``, ``fundraising``, ``learning``, ``known-only``), targets
(industries, roles, companies, places, keywords) and whether strangers are welcome.  The file is read
with :mod:`tomllib` and written by :func:`dump_purpose` (a small writer: the file has only strings,
arrays of strings and one boolean).

Matching (round 4): a target's word stems must appear close together in the text; the target also
matches through :data:`CONCEPTS` (synonyms, neighbouring roles, tools, other-language names: "data
engineer" ~ analytics engineer, dbt, Spark; "procurement" ~ sourcing, buyer, Einkäufer), through role
nouns and seniority words that stand for each other (developer ~ engineer; manager ~ lead ~ head), and a
concept with a seniority word matches the concept alone ("procurement manager" ~ "Senior Buyer").

Why the goal matters (science.md §6, the product's premise): networking for a job or for business —
and, in triage, every goal but ``known-only`` and an unset purpose — connects unless there is a solid reason
not to; targets rank requests and turn a match into "accept and reach out", they never gate acceptance; a
purpose of keeping up with people already known accepts only where there is evidence of a real
relationship (:mod:`netvalue.recommend.triage`).

``avoid`` names conflicts (a company, a person, a keyword): a request whose name, headline or company matches
one is ignored whatever the goal, since a conflict the user named is a solid reason not to connect
(science.md §6).  Avoid-terms are matched as targets are, and against the requester's name as a whole phrase.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from netvalue.errors import UsageError, map_errors
from netvalue.files import write_private

Goal = Literal["job-search", "business", "hiring", "fundraising", "learning", "known-only"]
GOALS: tuple[Goal, ...] = get_args(Goal)
TargetKind = Literal["industries", "roles", "companies", "places", "keywords"]
TARGET_KINDS: tuple[TargetKind, ...] = get_args(TargetKind)
FILE_NAME = "purpose.toml"

GOAL_LABELS: dict[Goal, str] = {
    "job-search": "job search",
    "business": "business development",
    "hiring": "hiring",
    "fundraising": "fundraising",
    "learning": "learning",
    "known-only": "staying in touch with people you know",
}
OPEN_GOALS: frozenset[Goal] = frozenset({"job-search", "business"})
"""Goals for which a weak tie with some shared context is worth accepting (Rajkumar et al. 2022)."""
TRUST_GOALS: frozenset[Goal] = frozenset({"fundraising", "hiring"})
"""Goals where embeddedness (many people in common) counts as trust (science.md §6, [ours])."""


@dataclass(frozen=True, slots=True)
class Purpose:
    """The user's networking purpose.  ``goals`` empty means none was set (general networking)."""

    goals: tuple[Goal, ...] = ()
    industries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    open_to_strangers: bool = True
    avoid: tuple[str, ...] = ()
    is_set: bool = field(default=False, compare=False)

    def targets(self, kind: TargetKind) -> tuple[str, ...]:
        value: tuple[str, ...] = getattr(self, kind)
        return value

    @property
    def known_only(self) -> bool:
        """True when staying in touch with people already known is the only goal."""
        return self.goals == ("known-only",)

    @property
    def label(self) -> str:
        """The goals in words, for reasons ("serves job search")."""
        if not self.goals:
            return "general networking (no purpose set: `netvalue purpose set`)"
        return " and ".join(GOAL_LABELS[g] for g in self.goals)

    def as_dict(self) -> dict[str, object]:
        return {
            "goals": list(self.goals),
            "targets": {kind: list(self.targets(kind)) for kind in TARGET_KINDS},
            "open_to_strangers": self.open_to_strangers,
            "avoid": list(self.avoid),
            "set": self.is_set,
        }


_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_COMPOUND = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?(?:-[a-z0-9]+)*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ors", "or", "s")
ABBREVIATIONS: dict[str, str] = {
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "vc": "venture capital",
    "vcs": "venture capital",
    "swe": "software engineer",
    "sde": "software engineer",
    "ux": "user experience",
    "hr": "human resources",
    "pv": "photovoltaic",
    "ngs": "sequencing",
    "nlp": "natural language processing",
    "bess": "battery storage",
}
"""Common abbreviations in headlines, matched as their expansion too (in texts and in targets).  [ours];
not ones that are words elsewhere ("de", "pe", "gp": a family doctor in the UK, "cv")."""
SENIORITY = frozenset(
    {"manager", "lead", "head", "director", "senior", "officer", "specialist", "chief", "vp"}
)
"""Seniority words: a target of a concept and a seniority word also matches the concept alone
("procurement manager" matches "Senior Buyer"). [ours]"""
_ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "developer": ("engineer", "dev", "programmer"),
    "engineer": ("developer", "dev"),
    "manager": ("lead", "head", "director", "officer", "specialist", "vp", "chief"),
    "lead": ("manager", "head", "director"),
    "head": ("lead", "manager", "director"),
}
"""Role nouns and seniority words that stand for each other inside a target ("procurement manager" matches
"Head of Procurement", "frontend developer" matches "Frontend Engineer").  [ours]"""
# fmt: off
CONCEPTS: dict[str, tuple[str, ...]] = {
    # data engineering
    "data engineer": (
        "analytics engineer", "data platform", "data infrastructure", "data pipelines", "etl", "elt", "dbt",
        "spark", "airflow", "big data", "dataops", "data warehouse", "databricks", "snowflake", "kafka",
        "lakehouse", "ingeniero de datos", "ingénieur data", "ingénieur de données", "dateningenieur",
        "data ingenieur", "engenheiro de dados",
    ),
    "machine learning engineer": (
        "machine learning", "deep learning", "mlops", "artificial intelligence engineer",
        "applied scientist", "computer vision engineer", "natural language processing engineer",
        "llm engineer", "ml platform", "machine learning platform", "research engineer machine learning",
    ),
    "fintech": (
        "payments", "neobank", "challenger bank", "financial technology", "insurtech", "regtech",
        "wealthtech", "open banking", "digital bank", "monzo", "revolut", "stripe", "klarna", "starling",
        "adyen", "plaid", "n26", "nubank", "checkout.com", "gocardless",
    ),
    # energy and procurement
    "renewable energy": (
        "renewables", "renewable", "solar", "photovoltaic", "photovoltaics", "wind energy", "wind power",
        "offshore wind", "onshore wind", "wind farm", "wind turbine", "energy transition", "clean energy",
        "cleantech", "clean tech", "green energy", "sustainable energy", "green hydrogen", "energy storage",
        "battery storage", "geothermal", "hydropower", "erneuerbare energien", "énergies renouvelables",
        "energías renovables", "energie rinnovabili", "photovoltaik", "windenergie", "solaire", "éolien",
    ),
    "solar": (
        "photovoltaic", "photovoltaics", "photovoltaik", "solaire", "solar energy",
    ),
    "procurement": (
        "sourcing", "buyer", "purchasing", "purchaser", "category manager", "category buyer",
        "supply chain", "supplier", "vendor management", "einkauf", "einkäufer", "achats", "acheteur",
        "acheteuse", "compras", "comprador", "approvisionnement",
    ),
    # frontend and design
    "frontend": (
        "front end", "ui engineer", "ui developer", "web developer", "react", "vue", "angular", "svelte",
        "typescript", "javascript", "nextjs", "next.js",
    ),
    "react": (
        "reactjs", "react.js", "react native", "nextjs", "next.js",
    ),
    "product designer": (
        "ux designer", "ui designer", "ux/ui designer", "ui/ux designer", "interaction designer",
        "user experience designer", "experience designer", "product design", "user experience", "ux design",
        "ui design", "diseñador de producto", "produktdesigner",
    ),
    # investors
    "investor": (
        "business angel", "angel", "venture capital", "venture capitalist", "general partner",
        "limited partner", "partner capital", "partner ventures", "partner fund", "principal fund",
        "principal ventures", "principal capital", "associate fund", "associate ventures",
        "investment manager", "investment director", "family office", "private equity", "investing",
        "fund manager", "inversor", "investisseur", "investorin", "northzone", "index ventures",
        "balderton", "atomico", "accel", "sequoia", "a16z", "andreessen horowitz", "localglobe", "seedcamp",
        "octopus ventures", "lightspeed", "kindred capital", "hoxton ventures", "speedinvest", "creandum",
        "point nine", "y combinator", "techstars",
    ),
    "venture partner": (
        "venture capital", "partner ventures", "partner capital", "general partner",
    ),
    "climate tech": (
        "climate", "climatetech", "cleantech", "clean tech", "decarbonisation", "decarbonization",
        "net zero", "carbon",
    ),
    # life sciences
    "bioinformatics": (
        "bioinformatician", "computational biology", "computational biologist", "genomics", "sequencing",
        "omics", "bioinformática", "bioinformatique", "bioinformatik",
    ),
    "genomics": (
        "genome", "genomic", "sequencing", "omics", "single cell", "genetics", "génomique", "genómica",
        "genomik",
    ),
}
# fmt: on
"""Concepts: a target containing the key (as whole words) also matches any of the alternatives, in place of
the key ("procurement manager" matches "Head of Purchasing"; "investor" matches "Partner, climate fund").
[ours]: a table of synonyms, neighbouring roles, tools, other-language names and (for investors, whose
associates rarely say "investor") well-known venture firms, written from general knowledge of job titles; development data only (the benchmark's pools,
never its blind set)."""
RELATED_TERMS = CONCEPTS  # the former name
_MAX_VARIANTS = 400
MATCH_SLACK = 2
"""A target's words may be spread over its own length plus two words, in any order ("Engineer, Data
Platform" matches "data engineer"; "Data Scientist and Software Engineer" does not). [ours]"""


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude suffix-stripping stem, applied until stable, so "engineering", "engineers" and
    "engineer" meet.  [ours]: a few English suffixes, no dictionary; stems keep at least 4 letters."""
    for _ in range(3):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            return word
    return word


def text_stems(text: str) -> list[str]:
    """The stems of the words of ``text`` in order (lower-cased; hyphenated words joined, "front-end" is
    "frontend"; ``c++``/``c#`` kept whole)."""
    return [stem(w) for w in _WORD.findall(_HYPHEN.sub("", text.casefold()))]


def _expanded_stems(text: str) -> list[str]:
    """Stems of a text to match targets in: abbreviations expanded, and a hyphenated word both as its parts
    and joined ("pre-seed" gives "pre", "seed", "preseed")."""
    words: list[str] = []
    for compound in _COMPOUND.findall(text.casefold()):
        parts = compound.split("-")
        if len(parts) > 1:
            parts.append("".join(parts))
        for word in parts:
            words.extend(text_stems(ABBREVIATIONS[word]) if word in ABBREVIATIONS else [stem(word)])
            if word.endswith(("omics", "omic")) and len(word) > 6:
                words.append("omic")  # transcriptomics, proteomics, metagenomics …: the omics family
    return words


@functools.lru_cache(maxsize=16_384)
def _target_stems(target: str) -> tuple[str, ...]:
    """The stems of a target as texts are stemmed: hyphenated words joined, abbreviations expanded."""
    words: list[str] = []
    for word in _WORD.findall(_HYPHEN.sub("", target.casefold())):
        words.extend(text_stems(ABBREVIATIONS[word]) if word in ABBREVIATIONS else [stem(word)])
    return tuple(words)


def match_targets(purpose: Purpose, text: str) -> list[tuple[TargetKind, str]]:
    """The targets of ``purpose`` found in ``text``: a target matches when all its word stems appear
    within a window of its length plus :data:`MATCH_SLACK` words ("data engineer" matches "Data
    Engineering Lead" and "Engineer, Data Platform"); abbreviations count as their expansion."""
    words = _expanded_stems(text)
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    found: list[tuple[TargetKind, str]] = []
    for kind in TARGET_KINDS:
        for target in purpose.targets(kind):
            for variant in _target_variants(target):
                if all(s in positions for s in variant) and _within_window(variant, positions):
                    found.append((kind, target))
                    break
    return found


def match_avoid(purpose: Purpose, name: str, text: str) -> list[str]:
    """The avoid-terms of ``purpose`` found in ``text`` (headline, company: matched as targets are) or in
    ``name`` (the requester's name, as a whole phrase: "Dana Lee" avoids Dana Lee, not Dana Leeds)."""
    found: list[str] = []
    as_targets = match_targets(Purpose(keywords=purpose.avoid), text) if text.strip() else []
    hits = {term for _, term in as_targets}
    name_words = f" {' '.join(_WORD.findall(name.casefold()))} "
    for term in purpose.avoid:
        words = " ".join(_WORD.findall(term.casefold()))
        if term in hits or (words and f" {words} " in name_words):
            found.append(term)
    return found


@functools.lru_cache(maxsize=4096)
def _target_variants(target: str) -> tuple[tuple[str, ...], ...]:
    """The stems of a target and of its variants: each :data:`CONCEPTS` key it contains replaced by an
    alternative, and role nouns by their equivalents (:data:`_ROLE_NOUNS`), up to two replacements."""
    padded = f" {' '.join(target.casefold().split())} "
    seen = {padded}
    words = padded.split()
    concept = " ".join(w for w in words if w not in SENIORITY)
    if len(words) > 1 and concept in CONCEPTS:
        seen.add(f" {concept} ")
    frontier = list(seen)
    table = {**{k: v for k, v in _ROLE_NOUNS.items()}, **CONCEPTS}
    for _ in range(2):
        grown: list[str] = []
        for padded in frontier:
            for term, alternatives in table.items():
                if f" {term} " not in padded:
                    continue
                for alternative in alternatives:
                    variant = padded.replace(f" {term} ", f" {alternative} ")
                    if variant not in seen and len(seen) < _MAX_VARIANTS:
                        seen.add(variant)
                        grown.append(variant)
        frontier = grown
    variants = {_target_stems(v) for v in seen}
    return tuple(sorted(v for v in variants if v))


def _within_window(stems: tuple[str, ...], positions: dict[str, list[int]]) -> bool:
    width = len(stems) + MATCH_SLACK
    for start in positions[stems[0]]:
        lo, hi = start - width + 1, start + width - 1
        spots = [start]
        for s in stems[1:]:
            near = [p for p in positions[s] if lo <= p <= hi]
            if not near:
                break
            spots.append(min(near, key=lambda p: abs(p - start)))
        else:
            if max(spots) - min(spots) < width:
                return True
    return False


def purpose_path(db_path: Path) -> Path:
    """``purpose.toml`` in the data dir (the folder of the database file) for ``netvalue.db``;
    ``<name>.purpose.toml`` beside any other database, so the demo's purpose is not the user's."""
    if db_path.stem == "netvalue":
        return db_path.parent / FILE_NAME
    return db_path.parent / f"{db_path.stem}.{FILE_NAME}"


def make_purpose(
    goals: tuple[str, ...],
    *,
    industries: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    companies: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    open_to_strangers: bool | None = None,
    avoid: tuple[str, ...] = (),
) -> Purpose:
    """A validated purpose.  ``known-only`` alone implies not open to strangers unless said otherwise."""
    checked: list[Goal] = []
    for goal in goals:
        if goal not in GOALS:
            raise UsageError(f"unknown goal {goal!r}; choose from {', '.join(GOALS)}")
        if goal not in checked:
            checked.append(goal)
    open_flag = open_to_strangers if open_to_strangers is not None else checked != ["known-only"]

    def clean(values: tuple[str, ...]) -> tuple[str, ...]:
        seen: list[str] = []
        for value in values:
            text = " ".join(value.split())
            if text and text.casefold() not in {s.casefold() for s in seen}:
                seen.append(text)
        return tuple(seen)

    return Purpose(
        goals=tuple(checked),
        industries=clean(industries),
        roles=clean(roles),
        companies=clean(companies),
        places=clean(places),
        keywords=clean(keywords),
        open_to_strangers=open_flag,
        avoid=clean(avoid),
        is_set=True,
    )


def load_purpose(path: Path) -> Purpose:
    """Read ``purpose.toml``; a missing file is the unset purpose, a broken one a :class:`UsageError`."""
    if not path.exists():
        return Purpose()
    with map_errors(
        (tomllib.TOMLDecodeError, UnicodeDecodeError),
        lambda exc: UsageError(f"{path}: not valid TOML ({exc}); fix it or run `netvalue purpose set`"),
    ):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    goals = data.get("goals", [])
    targets = data.get("targets", {})
    open_flag = data.get("open_to_strangers")
    if (
        not isinstance(goals, list)
        or not isinstance(targets, dict)
        or not isinstance(open_flag, (bool, type(None)))
    ):
        raise UsageError(f"{path}: goals must be a list, [targets] a table, open_to_strangers true or false")

    def strings(kind: str) -> tuple[str, ...]:
        values = targets.get(kind, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise UsageError(f"{path}: targets.{kind} must be a list of strings")
        return tuple(values)

    avoid = data.get("avoid", [])
    if not isinstance(avoid, list) or not all(isinstance(v, str) for v in avoid):
        raise UsageError(f"{path}: avoid must be a list of strings")
    return make_purpose(
        tuple(str(g) for g in goals),
        industries=strings("industries"),
        roles=strings("roles"),
        companies=strings("companies"),
        places=strings("places"),
        keywords=strings("keywords"),
        open_to_strangers=open_flag,
        avoid=tuple(avoid),
    )


def dump_purpose(purpose: Purpose) -> str:
    """The TOML text of a purpose.  Strings are written as JSON strings, which are valid TOML basic
    strings (the same escapes), with DEL escaped too (JSON allows it raw, TOML does not)."""

    def array(values: tuple[str, ...]) -> str:
        return (
            "["
            + ", ".join(json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f") for v in values)
            + "]"
        )

    lines = [
        "# netvalue: why you are networking.  Edit freely or run `netvalue purpose set`.",
        f"goals = {array(tuple(purpose.goals))}",
        f"open_to_strangers = {'true' if purpose.open_to_strangers else 'false'}",
        "# companies, people or keywords to avoid: a request matching one is ignored",
        f"avoid = {array(purpose.avoid)}",
        "",
        "[targets]",
    ]
    lines += [f"{kind} = {array(purpose.targets(kind))}" for kind in TARGET_KINDS]
    return "\n".join(lines) + "\n"


def save_purpose(path: Path, purpose: Purpose) -> None:
    """Write ``purpose.toml`` (mode 0600, like the database: it says what the user is after)."""
    with map_errors(OSError, lambda exc: UsageError(f"{path}: cannot write the purpose ({exc.strerror})")):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, dump_purpose(purpose))
