"""Who in the team can reach whom: paths, coverage and overlap over the resolved pool.

A *path* to a contact is a chain of ties from a member; its worth is its **weakest link** (the chain is
only as warm as its coolest tie [ours], the usual reading of an introduction chain's strength), ties
judged by each member's own tie strength, and equal weakest links ranked by recency: the older of the
links' months of last two-way contact, later first.

- direct: member → contact (ask the member);
- two-hop: member A → member B → contact, when A's share holds B (A's contact whose keys are among B's
  own keys in B's share metadata): A asks B for the introduction.  Listed when it beats A's own direct
  tie to the contact, if any, and no link has strength 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from netvalue.identity.profiles import FREEMAIL_LABELS, domain_label, normalize_company
from netvalue.team.cache import cached_resolution
from netvalue.team.folder import Team
from netvalue.team.resolve import Engine, PooledContact, Resolution
from netvalue.team.salt import hash_key

ACTIVE_TIERS = frozenset({"inner circle", "close", "active"})


@dataclass(frozen=True, slots=True)
class TeamView:
    """The pooled rows of every member, resolved; ``members[i]`` is member i's name."""

    members: tuple[str, ...]
    pool: tuple[PooledContact, ...]
    resolution: Resolution
    salt: bytes
    member_keys: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, team: Team, engine: Engine = "splink") -> TeamView:
        pool: list[PooledContact] = []
        for index, member in enumerate(team.members):
            for contact in member.share.contacts:
                pool.append(PooledContact(len(pool), index, contact))
        return cls(
            members=tuple(m.share.info.member for m in team.members),
            pool=tuple(pool),
            resolution=cached_resolution(team, pool, engine),
            salt=team.salt,
            member_keys=tuple(frozenset(m.share.info.member_keys) for m in team.members),
        )

    def rows_of(self, human: int) -> tuple[int, ...]:
        return self.resolution.groups[human]

    def describe(self, human: int) -> dict[str, object]:
        """What the team shared of one human: the commonest name, company and role among its rows."""
        rows = [self.pool[r].contact for r in self.rows_of(human)]
        return {
            "name": _commonest([c.name for c in rows]),
            "company": _commonest([c.company for c in rows]),
            "role": _commonest([c.role for c in rows]),
            "domains": sorted({d for c in rows for d in c.domains if "." in d}),
            "known_by": len({self.pool[r].member for r in self.rows_of(human)}),
        }


def _commonest(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None


def _month(value: str | None) -> str:
    return value or "0000-00"


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


def person_keys(salt: bytes, text: str) -> set[str]:
    from netvalue.keys import normalize_email, normalize_linkedin_url, normalize_phone

    value = text.strip()
    kind, sep, rest = value.partition(":")
    if sep and kind in ("email", "phone", "linkedin") and not rest.startswith("//"):
        return {hash_key(salt, kind, rest)}
    keys: set[str] = set()
    if "@" in value:
        keys.add(hash_key(salt, "email", normalize_email(value)))
    if "linkedin.com/" in value.lower():
        keys.add(hash_key(salt, "linkedin", normalize_linkedin_url(value)))
    phone = normalize_phone(value) if any(ch.isdigit() for ch in value) and "@" not in value else None
    if phone:
        keys.add(hash_key(salt, "phone", phone))
    return keys


def _member_contacts(view: TeamView) -> dict[tuple[int, int], PooledContact]:
    """``(A, B) -> A's row for member B`` wherever A's share holds B (by B's own keys)."""
    found: dict[tuple[int, int], PooledContact] = {}
    owners: dict[str, int] = {}
    for index, keys in enumerate(view.member_keys):
        for key in keys:
            owners[key] = index
    for p in view.pool:
        for key in p.contact.keys:
            b = owners.get(key)
            if b is not None and b != p.member:
                best = found.get((p.member, b))
                if best is None or p.contact.strength > best.contact.strength:
                    found[(p.member, b)] = p
    return found


def _link(view: TeamView, p: PooledContact, to: str) -> dict[str, object]:
    return {
        "from": view.members[p.member],
        "to": to,
        "tier": p.contact.tier,
        "strength": round(p.contact.strength, 4),
        "last_two_way": p.contact.last_two_way,
    }


def team_paths(
    view: TeamView, humans: Sequence[int], *, from_member: str | None = None, limit: int | None = None
) -> list[dict[str, object]]:
    """Every path to the ``humans``, best first (see the module's docstring)."""
    start: int | None = None
    if from_member is not None:
        folded = from_member.strip().casefold()
        matches = [i for i, m in enumerate(view.members) if m.casefold() == folded]
        if not matches:
            from netvalue.errors import UsageError

            raise UsageError(f"no member {from_member!r} in the team (members: {', '.join(view.members)})")
        start = matches[0]
    into: dict[int, list[tuple[int, PooledContact]]] = defaultdict(list)  # member B -> (A, A's row for B)
    for (a, b), via in _member_contacts(view).items():
        if start is None or a == start:
            into[b].append((a, via))
    # (weakest, month, ask, human, links as (row, to-member or None for the contact), for-member)
    found: list[tuple[float, str, int, int, tuple[tuple[PooledContact, int | None], ...], int | None]] = []
    for human in humans:
        direct: dict[int, PooledContact] = {}
        for r in view.rows_of(human):
            p = view.pool[r]
            if p.member not in direct or p.contact.strength > direct[p.member].contact.strength:
                direct[p.member] = p
        for member, p in direct.items():
            if start is None or member == start:
                found.append(
                    (p.contact.strength, _month(p.contact.last_two_way), member, human, ((p, None),), None)
                )
            for a, via in into.get(member, ()):
                weakest = min(via.contact.strength, p.contact.strength)
                own = direct.get(a)
                if a == member or weakest <= 0.0 or (own is not None and own.contact.strength >= weakest):
                    continue  # a hop of strength 0 (a collected name) is no way in [ours]
                month = min(_month(via.contact.last_two_way), _month(p.contact.last_two_way))
                found.append((weakest, month, member, human, ((via, member), (p, None)), a))
    found.sort(key=lambda f: (-f[0], _negated(f[1]), view.members[f[2]], f[3]))
    chosen = found[:limit] if limit is not None else found
    described: dict[int, dict[str, object]] = {}
    paths: list[dict[str, object]] = []
    for weakest, _, ask, human, links, for_member in chosen:
        if human not in described:
            described[human] = view.describe(human)
        about = described[human]
        label = str(about["name"] or "the contact")
        path: dict[str, object] = {
            "ask": view.members[ask],
            "contact": about,
            "weakest": round(weakest, 4),
            "hops": len(links),
            "links": [_link(view, p, label if to is None else view.members[to]) for p, to in links],
        }
        if for_member is not None:
            path["for"] = view.members[for_member]
        paths.append(path)
    return paths


def _negated(month: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in month)


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
                _negated(_month(p.contact.last_two_way)),
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
