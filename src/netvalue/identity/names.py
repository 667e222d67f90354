"""Names as identity resolution compares them: accents folded, order fixed, nicknames and initials known.

Pure functions, no SQL.  A name is parsed into a :class:`ParsedName` (given name, family name, middle
names); :func:`compare_names` then says how closely two parsed names agree, on a small ordinal scale
(:data:`NameLevel`) that :mod:`netvalue.identity.matching` turns into a confidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA

from netvalue.records import MAX_NAME

NameLevel = Literal["exact", "nickname", "initial", "typo", "none"]
"""``exact``: same given and family name (after folding accents, case and order); ``nickname``: the
given names are a known nickname pair or one is a prefix of the other; ``initial``: one given name is
an initial of the other; ``typo``: one of the two parts differs by one edit (optimal string alignment),
the other agrees; ``none``: anything looser."""

# Diminutives and short forms of English (and a few other) given names.  The table is ours, assembled
# by hand for this project from common usage; it is deliberately small and conservative (no pair that
# commonly names two different people in one office, such as Jon/John or Ann/Anna).
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "william": ("bill", "billy", "will", "willy", "liam"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza", "libby"),
    "james": ("jim", "jimmy", "jamie"),
    "michael": ("mike", "mikey", "mick"),
    "katherine": ("kate", "kathy", "katie", "kat", "catherine", "kathryn", "cathy", "cate", "katharine"),
    "alexander": ("alex", "sasha", "xander", "alejandro"),
    "alexandra": ("alex", "sasha", "sandra", "lexi"),
    "david": ("dave", "davey"),
    "christopher": ("chris", "kit"),
    "christine": ("chris", "christina", "tina"),
    "thomas": ("tom", "tommy"),
    "richard": ("rick", "rich", "dick", "richie", "ricky"),
    "joseph": ("joe", "joey"),
    "daniel": ("dan", "danny"),
    "matthew": ("matt",),
    "anthony": ("tony",),
    "andrew": ("andy", "drew"),
    "benjamin": ("ben", "benny"),
    "nicholas": ("nick", "nicky", "nicolas"),
    "jonathan": ("jon", "jonny"),
    "john": ("johnny", "jack"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "charles": ("charlie", "chuck"),
    "samuel": ("sam", "sammy"),
    "samantha": ("sam", "sammy"),
    "stephen": ("steve", "steven", "stevie"),
    "timothy": ("tim", "timmy"),
    "patrick": ("pat", "paddy"),
    "patricia": ("pat", "patty", "trish", "tricia"),
    "susan": ("sue", "susie", "suzy"),
    "margaret": ("maggie", "meg", "peggy", "marge", "greta"),
    "jennifer": ("jen", "jenny"),
    "jessica": ("jess", "jessie"),
    "rebecca": ("becky", "becca"),
    "deborah": ("deb", "debbie", "debra"),
    "victoria": ("vicky", "tori"),
    "gregory": ("greg",),
    "jeffrey": ("jeff", "geoffrey"),
    "kenneth": ("ken", "kenny"),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donny"),
    "lawrence": ("larry", "laurence"),
    "gerald": ("gerry", "jerry"),
    "peter": ("pete",),
    "philip": ("phil", "phillip"),
    "frederick": ("fred", "freddie"),
    "henry": ("hank", "harry"),
    "harold": ("harry", "hal"),
    "nathaniel": ("nate", "nat", "nathan"),
    "zachary": ("zach", "zack"),
    "jacob": ("jake",),
    "joshua": ("josh",),
    "abigail": ("abby", "abbie"),
    "anne": ("ann", "annie"),
    "dorothy": ("dot", "dottie"),
    "theodore": ("ted", "teddy", "theo"),
    "raymond": ("ray",),
    "douglas": ("doug",),
    "gabriel": ("gabe",),
    "gabrielle": ("gabby", "gabi"),
    "leonard": ("leo", "len", "lenny"),
    "francis": ("frank",),
    "frances": ("fran", "frankie"),
    "maximilian": ("max",),
    "eugene": ("gene",),
    "vincent": ("vince", "vinny"),
    "walter": ("walt", "wally"),
    "sebastian": ("seb", "bastian"),
    "stephanie": ("steph",),
    "pamela": ("pam",),
    "cynthia": ("cindy",),
    "kimberly": ("kim",),
    "jacqueline": ("jackie",),
    "manuel": ("manny",),
    "francisco": ("paco", "pancho"),
    "jose": ("pepe",),
    "mohammed": ("mohamed", "muhammad", "mohammad"),
    "giuseppe": ("beppe", "peppe"),
    "johannes": ("hans", "jan"),
    "wolfgang": ("wolf",),
}

_CANONICAL: dict[str, frozenset[str]] = {}
for _full, _shorts in _NICKNAMES.items():
    for _form in (_full, *_shorts):
        _CANONICAL[_form] = _CANONICAL.get(_form, frozenset()) | {_full}

# Letters NFKD does not decompose into a base letter plus a mark.
_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "m"}
)
_SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "cpa", "esq", "dds", "pe", "msc", "bsc"}
)
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>|\"[^\"]*\"|“[^”]*”")
_HYPHENATED = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)*")
_LOCAL_SPLIT = re.compile(r"[._\-+]+")
_DIGITS = re.compile(r"\d+")
_NOT_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII-ish form: ``'José Müller-Łukasz'`` -> ``'jose muller-lukasz'`` (NFKD, marks dropped)."""
    if text.isascii():  # nothing to decompose: the same result, without the per-character pass
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person's name split for comparison; every part folded (:func:`fold`), apostrophes dropped.

    ``derived`` is true when the name was read from an e-mail address's local part, not given by a source.
    """

    given: str
    family: str
    middles: tuple[str, ...] = ()
    derived: bool = False
    is_initial: bool = field(init=False, compare=False)
    usable: bool = field(init=False, compare=False)
    """Both a given and a family name: a bare handle or single word is never matched on."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_initial", len(self.given) == 1)
        object.__setattr__(self, "usable", bool(self.given) and len(self.family) >= 2)


_EMPTY = ParsedName("", "")


def _tokens(text: str) -> list[str]:
    """The words of ``text``, folded, apostrophes dropped, a hyphenated word kept whole (``min-jun``)."""
    return [t for t in (w.replace("'", "") for w in _HYPHENATED.findall(fold(text))) if t.strip("-")]


def _assembled(given: str, middles: list[str], family: str) -> ParsedName:
    """A name from its words: the given name's syllables joined (``Min-jun``, ``Jean-Pierre`` are one
    given name each, written ``Minjun`` too), a hyphenated family name's last part the family name and the
    others middles (``García-López``: ``lopez``, middle ``garcia``)."""
    family_parts = [p for p in family.split("-") if p]
    inner = [p for word in middles for p in word.split("-") if p]
    return ParsedName(given.replace("-", ""), family_parts[-1], tuple(inner + family_parts[:-1]))


@lru_cache(maxsize=1 << 17)
def parse_name(name: str, first_name: str | None = None, last_name: str | None = None) -> ParsedName:
    """Parse a display name (``'Smith, John'``, ``'Dr. José García-López'``, ``'J. Smith'``).

    ``first_name``/``last_name``, when a source gives both, win over splitting ``name``.  Titles and
    suffixes (Dr, Jr, PhD ...) are dropped; a hyphenated given name is one word (``Min-jun`` = ``Minjun``),
    a hyphenated family name becomes its last part plus middles.
    A name that is an e-mail address is read from its local part (:func:`name_from_local_part`).
    Each of the three is cut to :data:`~netvalue.records.MAX_NAME` characters first (the store cuts names
    it writes, but a name typed in or stored before may be longer): matching a name costs time and
    memory with the square of its length (:mod:`netvalue.identity.blocking`).
    """
    name = name[:MAX_NAME]
    first_name = first_name[:MAX_NAME] if first_name else first_name
    last_name = last_name[:MAX_NAME] if last_name else last_name
    if first_name and last_name:
        given_tokens = [t for t in _tokens(first_name) if t not in _TITLES]
        family_tokens = [t for t in _tokens(last_name) if t not in _SUFFIXES]
        if given_tokens and family_tokens:
            return _assembled(given_tokens[0], given_tokens[1:] + family_tokens[:-1], family_tokens[-1])
    text = name.strip()
    if "@" in text and " " not in text:
        return name_from_local_part(text.split("@", 1)[0])
    text = _BRACKETED.sub(" ", text)
    if "," in text:
        head, _, tail = text.partition(",")
        tail_tokens = _tokens(tail)
        text = f"{tail} {head}" if tail_tokens and not all(t in _SUFFIXES for t in tail_tokens) else head
    tokens = _tokens(text)
    while tokens and tokens[0] in _TITLES and len(tokens) > 2:
        tokens = tokens[1:]
    tokens = [t for i, t in enumerate(tokens) if i == 0 or t not in _SUFFIXES]
    if not tokens:
        return _EMPTY
    if len(tokens) == 1:
        return ParsedName(tokens[0].replace("-", ""), "")
    return _assembled(tokens[0], tokens[1:-1], tokens[-1])


@lru_cache(maxsize=1 << 17)
def name_from_local_part(local: str) -> ParsedName:
    """``'john.smith'`` / ``'john_smith2'`` -> John Smith (``derived``); a local part without a separator
    (``'jsmith'``, ``'info'``) names nobody we can compare."""
    parts = [p for p in (_DIGITS.sub("", x) for x in _LOCAL_SPLIT.split(fold(local[:MAX_NAME]))) if p]
    if len(parts) < 2 or len(parts[-1]) < 2:
        return _EMPTY
    return ParsedName(parts[0], parts[-1], tuple(parts[1:-1]), derived=True)


def canonical_given(given: str) -> frozenset[str]:
    """Every full form a given name may stand for: ``'bob'`` -> ``{'robert'}``, ``'alex'`` ->
    ``{'alexander', 'alexandra'}``, an unknown name -> itself."""
    return _CANONICAL.get(given, frozenset({given}))


def _given_level(a: str, b: str) -> NameLevel:
    if a == b:
        return "exact"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else "none"
    if canonical_given(a) & canonical_given(b):
        return "nickname"
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) >= 2:
        return "nickname"
    if min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= 1:
        return "typo"
    return "none"


def _family_level(a: str, b: str) -> NameLevel:
    if a == b:
        return "exact"
    if min(len(a), len(b)) >= 5 and OSA.distance(a, b) <= 1:
        return "typo"
    return "none"


def _joined_given(name: ParsedName) -> str | None:
    """The given name written with the first middle name as one word: ``Min Jun Kim`` is Minjun Kim
    (Korean and Chinese given names of two syllables are written apart, hyphenated or as one word)."""
    return name.given + name.middles[0] if name.middles else None


_RANK: dict[NameLevel, int] = {"exact": 4, "nickname": 3, "initial": 2, "typo": 1, "none": 0}


def compare_names(a: ParsedName, b: ParsedName) -> tuple[NameLevel, str]:
    """How closely two names agree, and a short reason (``'nickname: bob ~ robert'``).

    The family names must agree exactly for anything above ``typo``; a typo is allowed in one part
    only, never both (so "John Smith" and "Jon Smyth" are ``none``).  Reversed order ("Smith John")
    counts as exact only when both parts agree exactly.  A given name written in two words is the same
    as written in one (``Min Jun Kim``, ``Min-jun Kim``, ``Minjun Kim``: :func:`_joined_given`).
    """
    if not (a.usable and b.usable):
        return "none", ""
    family = _family_level(a.family, b.family)
    joined = _joined_given(a) == b.given or _joined_given(b) == a.given
    given: NameLevel = "exact" if joined else _given_level(a.given, b.given)
    if family == "exact" and given != "none":
        level: NameLevel = given
    elif family == "typo" and given in ("exact", "nickname"):
        level = "typo"
    elif a.given == b.family and a.family == b.given:
        return "exact", f"same name in reversed order: {a.given} {a.family}"
    else:
        return "none", ""
    reason = {
        "exact": f"same name: {a.given} {a.family}",
        "nickname": f"nickname: {a.given} ~ {b.given} {a.family}",
        "initial": f"initial: {a.given} ~ {b.given} {a.family}",
        "typo": f"one letter apart: {a.given} {a.family} ~ {b.given} {b.family}",
        "none": "",
    }[level]
    return level, reason


def better(a: NameLevel, b: NameLevel) -> bool:
    """True when ``a`` is a closer agreement than ``b``."""
    return _RANK[a] > _RANK[b]


@lru_cache(maxsize=1 << 16)
def local_part_patterns(name: ParsedName) -> frozenset[str]:
    """The local parts a person of this name commonly uses, separators removed: ``john smith`` ->
    ``johnsmith``, ``jsmith``, ``smithjohn``, ``smithj``, ``johns``.  Ours, from common corporate
    address schemes."""
    if not name.usable or name.is_initial:
        return frozenset()
    g, f = name.given, name.family
    return frozenset({g + f, g[0] + f, f + g, f + g[0], g + f[0]})


def local_part_key(local: str) -> str:
    """A local part with separators and digits removed (``'john.smith42'`` -> ``'johnsmith'``)."""
    return _NOT_LETTER.sub("", fold(local))
