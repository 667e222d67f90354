"""Who in the team can reach whom: paths over the resolved pool (coverage and overlap: :mod:`netvalue.team.coverage`).

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

from netvalue.team.records import PooledContact, Resolution
from netvalue.team.salt import hash_key


@dataclass(frozen=True, slots=True)
class TeamView:
    """The pooled rows of every member, resolved; ``members[i]`` is member i's name."""

    members: tuple[str, ...]
    pool: tuple[PooledContact, ...]
    resolution: Resolution
    salt: bytes
    member_keys: tuple[frozenset[str], ...]

    def rows_of(self, human: int) -> tuple[int, ...]:
        return self.resolution.groups[human]

    def describe(self, human: int) -> dict[str, object]:
        """What the team shared of one human: the commonest name, company and role among its rows."""
        rows = [self.pool[r].contact for r in self.rows_of(human)]
        return {
            "name": commonest([c.name for c in rows]),
            "company": commonest([c.company for c in rows]),
            "role": commonest([c.role for c in rows]),
            "domains": sorted({d for c in rows for d in c.domains if "." in d}),
            "known_by": len({self.pool[r].member for r in self.rows_of(human)}),
        }


def commonest(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None


def month_of(value: str | None) -> str:
    return value or "0000-00"


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
                    (p.contact.strength, month_of(p.contact.last_two_way), member, human, ((p, None),), None)
                )
            for a, via in into.get(member, ()):
                weakest = min(via.contact.strength, p.contact.strength)
                own = direct.get(a)
                if a == member or weakest <= 0.0 or (own is not None and own.contact.strength >= weakest):
                    continue  # a hop of strength 0 (a collected name) is no way in [ours]
                month = min(month_of(via.contact.last_two_way), month_of(p.contact.last_two_way))
                found.append((weakest, month, member, human, ((via, member), (p, None)), a))
    found.sort(key=lambda f: (-f[0], descending(f[1]), view.members[f[2]], f[3]))
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


def descending(month: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in month)
