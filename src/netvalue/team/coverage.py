"""What the whole pool answers: the companies and domains the team reaches, the contacts several members
know, and the humans at a company, domain or person in memory.  ``team add`` computes these once and keeps
the answers in the pool (:mod:`netvalue.team.pooled`); :mod:`netvalue.team.paths` needs none of this.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from netvalue.identity.profiles import FREEMAIL_LABELS, domain_label, normalize_company
from netvalue.team.paths import TeamView, descending, month_of, person_keys
from netvalue.team.records import PooledContact
from netvalue.team.salt import hash_key

ACTIVE_TIERS = frozenset({"inner circle", "close", "active"})


def find_humans(
    view: TeamView, *, company: str | None = None, domain: str | None = None, person: str | None = None
) -> list[int]:
    """The humans at a company (compared as :func:`normalize_company` leaves it), at an e-mail domain (in
    clear or as the team's hash), or named by an identity key (an e-mail address, a phone, a profile URL,
    ``kind:value``, hashed with the team's salt) or, where names were shared, by their exact name."""
    found: set[int] = set()
    human = view.resolution.human
    if company is not None:
        wanted = normalize_company(company)
        spelt = {p.contact.company for p in view.pool if p.contact.company}
        matching = {c for c in spelt if normalize_company(c) == wanted}
        found = {human[p.row] for p in view.pool if p.contact.company in matching}
    elif domain is not None:
        wanted_domain = domain.strip().lower().lstrip("@")
        hashed = hash_key(view.salt, "domain", wanted_domain)
        spelt_domains = {d for p in view.pool for d in p.contact.domains}
        matching = {
            d for d in spelt_domains if d in (wanted_domain, hashed) or d.endswith("." + wanted_domain)
        }
        found = {human[p.row] for p in view.pool if not matching.isdisjoint(p.contact.domains)}
    elif person is not None:
        keys = person_keys(view.salt, person)
        folded = person.strip().casefold()
        found = {human[p.row] for p in view.pool if keys & set(p.contact.keys)}
        if not found:
            found = {
                human[p.row] for p in view.pool if p.contact.name and p.contact.name.casefold() == folded
            }
    return sorted(found)


def team_coverage(view: TeamView, limit: int | None = None) -> dict[str, object]:
    """The companies and e-mail domains (where shared in clear; free mail services left out, as netvalue's
    resolver lists them) the team reaches: per organisation the
    humans known there, how many of them through an active-or-closer tie, the members who reach it and the
    strongest tie."""
    companies: dict[str, dict[int, list[PooledContact]]] = defaultdict(lambda: defaultdict(list))
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    domains: dict[str, dict[int, list[PooledContact]]] = defaultdict(lambda: defaultdict(list))
    for p in view.pool:
        human = view.resolution.human[p.row]
        if p.contact.company:
            key = normalize_company(p.contact.company)
            if key:
                companies[key][human].append(p)
                shown[key][p.contact.company] += 1
        for d in p.contact.domains:
            # A clear domain (hashed ones cannot be listed), and not a free mail service's.
            if "." in d and domain_label(d) not in FREEMAIL_LABELS:
                domains[d][human].append(p)

    def summary(name: str, humans: dict[int, list[PooledContact]]) -> dict[str, object]:
        rows = [p for ps in humans.values() for p in ps]
        return {
            "name": name,
            "contacts": len(humans),
            "active_contacts": sum(
                1 for ps in humans.values() if any(p.contact.tier in ACTIVE_TIERS for p in ps)
            ),
            "members": len({p.member for p in rows}),
            "strongest": round(max(p.contact.strength for p in rows), 4),
        }

    def ranked(items: list[dict[str, object]]) -> list[dict[str, object]]:
        items.sort(
            key=lambda s: (
                -int(str(s["active_contacts"])),
                -int(str(s["contacts"])),
                -float(str(s["strongest"])),
                str(s["name"]),
            )
        )
        return items[:limit] if limit is not None else items

    return {
        "members": len(view.members),
        "contacts": len(view.resolution.groups),
        "companies": ranked([summary(shown[k].most_common(1)[0][0], h) for k, h in companies.items()]),
        "domains": ranked([summary(d, h) for d, h in domains.items()]),
    }


def team_overlap(view: TeamView, limit: int | None = None) -> list[dict[str, object]]:
    """Contacts several members know, most members first, with the member best placed to own the
    relationship: the strongest tie, then the most recent two-way contact [ours]."""
    found: list[tuple[tuple[int, float], dict[str, object]]] = []
    for human, rows in view.resolution.groups.items():
        ties: dict[int, PooledContact] = {}
        for r in rows:
            p = view.pool[r]
            if p.member not in ties or p.contact.strength > ties[p.member].contact.strength:
                ties[p.member] = p
        if len(ties) < 2:
            continue
        ordered = sorted(
            ties.values(),
            key=lambda p: (
                -p.contact.strength,
                descending(month_of(p.contact.last_two_way)),
                view.members[p.member],
            ),
        )
        found.append(
            (
                (len(ties), ordered[0].contact.strength),
                {
                    "contact": view.describe(human),
                    "owner": view.members[ordered[0].member],
                    "ties": [
                        {
                            "member": view.members[p.member],
                            "tier": p.contact.tier,
                            "strength": round(p.contact.strength, 4),
                            "last_two_way": p.contact.last_two_way,
                        }
                        for p in ordered
                    ],
                },
            )
        )
    found.sort(key=lambda item: (-item[0][0], -item[0][1]))
    items = [f for _, f in found]
    return items[:limit] if limit is not None else items
