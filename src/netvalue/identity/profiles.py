"""What matching knows of one person, normalised once: parsed name, companies, e-mail domains and local
parts, profiles, phones.  Pure (no SQL)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from netvalue.identity.names import ParsedName, canonical_given, fold, local_part_key, parse_name
from netvalue.store.identity import PersonFacts

# Legal-form words dropped from company names, and web-mail providers whose domain says nothing about an
# employer.  Both lists are ours, from common usage.
_COMPANY_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "asa",
        "kg",
        "co",
        "corp",
        "corporation",
        "company",
        "group",
        "holding",
        "holdings",
        "pty",
        "the",
    ]
)
_FREEMAIL = frozenset(
    [
        "gmail",
        "googlemail",
        "yahoo",
        "ymail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "icloud",
        "me",
        "mac",
        "aol",
        "gmx",
        "web",
        "proton",
        "protonmail",
        "mail",
        "yandex",
        "qq",
        "163",
        "126",
        "zoho",
        "fastmail",
        "hey",
        "comcast",
        "verizon",
        "att",
        "btinternet",
        "orange",
        "free",
        "t-online",
    ]
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_SECOND_LEVEL = frozenset({"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"})


@dataclass(slots=True)
class Profile:
    """One person as matching compares them (built by :func:`profile_of`)."""

    id: int
    name: ParsedName
    email_names: list[ParsedName] = field(default_factory=list)
    companies: frozenset[str] = frozenset()
    corporate_domains: frozenset[str] = frozenset()
    domain_labels: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()
    locals: frozenset[str] = frozenset()
    linkedins: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    name_key: tuple[str, str] | None = field(init=False, default=None)
    """Family name and first canonical given name (``('smith', 'robert')`` for Bob Smith); ``None`` for
    an initial or an unusable name."""

    def __post_init__(self) -> None:
        self.name_key = name_key(self.name)


def name_key(name: ParsedName) -> tuple[str, str] | None:
    """Family name and first canonical given name (``('smith', 'robert')`` for Bob Smith); ``None`` for
    an initial or an unusable name."""
    if name.usable and not name.is_initial:
        return name.family, min(canonical_given(name.given))
    return None


def combined(group: Sequence[Profile]) -> Profile:
    """One profile for records already taken as one person: the first record's id and name, the union of
    everything else (so a check against it sees every company, address and profile of the group)."""
    first = group[0]
    if len(group) == 1:
        return first
    return Profile(
        id=first.id,
        name=first.name,
        email_names=[n for p in group for n in p.email_names],
        companies=frozenset().union(*(p.companies for p in group)),
        corporate_domains=frozenset().union(*(p.corporate_domains for p in group)),
        domain_labels=frozenset().union(*(p.domain_labels for p in group)),
        addresses=frozenset().union(*(p.addresses for p in group)),
        locals=frozenset().union(*(p.locals for p in group)),
        linkedins=frozenset().union(*(p.linkedins for p in group)),
        phones=frozenset().union(*(p.phones for p in group)),
        sources=frozenset().union(*(p.sources for p in group)),
    )


@lru_cache(maxsize=1 << 16)
def normalize_company(company: str) -> str:
    """``'Acme, Inc.'`` / ``'ACME GmbH'`` / ``'The Acme Group'`` -> ``'acme'`` (folded, legal suffixes
    dropped, spaces removed)."""
    tokens = re.findall(r"[a-z0-9]+", fold(company).replace(".", "").replace("&", " and "))
    kept = [t for t in tokens if t not in _COMPANY_SUFFIXES] or tokens
    return "".join(kept)


def _domain_label(domain: str) -> str:
    parts = domain.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def spelled_out(name: ParsedName, email_names: Sequence[ParsedName], locals_: Iterable[str]) -> ParsedName:
    """``name`` as the person's own address spells it out when the name shown is an initial or a nickname
    of several full forms: "C Jones" with ``carmen.jones@`` or ``carmenjones9@`` is Carmen Jones, "Chris
    Jonesson" with ``christopher.jonesson@`` is Christopher Jonesson.  The family name must be the same,
    and the given name the address spells must start with the initial, or be one of the full forms the
    nickname stands for; otherwise (or with two such addresses disagreeing) ``name`` as it is.  The result
    is marked ``derived``: it counts as that full name for the lone-name rule, never for the rare-name one
    (:mod:`netvalue.identity.matching`)."""
    if not (name.is_initial or len(canonical_given(name.given)) > 1):
        return name
    spelled = {n.given for n in email_names if n.family == name.family}
    family = name.family
    spelled.update(local[: -len(family)] for local in locals_ if local.endswith(family))
    fits = {g for g in spelled if len(g) >= 2 and g != name.given and _fuller(name.given, g)}
    if len(fits) != 1:
        return name
    return ParsedName(fits.pop(), family, name.middles, derived=True)


def _fuller(shown: str, spelled: str) -> bool:
    """Whether ``spelled`` is a fuller form of the given name ``shown``: the word an initial stands for,
    or one of the full forms of a nickname."""
    if len(shown) == 1:
        return spelled.startswith(shown)
    return spelled in canonical_given(shown)


def profile_of(facts: PersonFacts) -> Profile:
    """Parse and normalise what is known of one person; a person with no usable name takes the one their
    first name-like address spells (``john.smith@``)."""
    name = parse_name(facts.name, facts.first_name, facts.last_name)
    email_names: list[ParsedName] = []
    domains: set[str] = set()
    labels: set[str] = set()
    locals_: set[str] = set()
    for address in facts.emails:
        local, _, domain = address.rpartition("@")
        if not local:
            continue
        derived = parse_name(address)
        if derived.usable:
            email_names.append(derived)
        label = _domain_label(domain)
        if label not in _FREEMAIL:
            domains.add(domain)
            labels.add(_NOT_ALNUM.sub("", label))
        key = local_part_key(local)
        if len(key) >= 4:
            locals_.add(key)
    if not name.usable and email_names:
        name = email_names[0]
    elif name.usable:
        name = spelled_out(name, email_names, locals_)
    return Profile(
        id=facts.id,
        name=name,
        email_names=email_names,
        companies=frozenset(c for c in (normalize_company(x) for x in facts.companies) if c),
        corporate_domains=frozenset(domains),
        domain_labels=frozenset(labels),
        addresses=frozenset(facts.emails),
        locals=frozenset(locals_),
        linkedins=frozenset(facts.linkedins),
        phones=frozenset(facts.phones),
        sources=frozenset(facts.sources),
    )


FREEMAIL_LABELS = _FREEMAIL
"""The providers' labels (``gmail`` of ``gmail.com``), for other packages."""
domain_label = _domain_label
