"""The team's pool, made once per change of members.

``team add`` and ``team remove`` resolve the members' shares to one contact per human
(:mod:`netvalue.team.resolve`) and write every row with its human to ``DIR/pool.sqlite`` (0600,
:mod:`netvalue.store.team`), with the company each names as :func:`normalize_company` leaves it and the
answers that need the whole pool (coverage, overlap).  The queries (:mod:`netvalue.team.query`) read it
and resolve nothing; the file carries the fingerprint of the shares it was made from, and a query that
finds the members' files changed behind netvalue's back makes it again.
"""

from __future__ import annotations

from pathlib import Path

from netvalue.identity.profiles import normalize_company
from netvalue.store.team import PoolRow, write_team_pool
from netvalue.team.coverage import team_coverage, team_overlap
from netvalue.team.folder import Team, add_shares, load_team, remove_member
from netvalue.team.paths import TeamView
from netvalue.team.query import DEFAULT_ENGINE, POOL_FILE, files_fingerprint, pool_engine
from netvalue.team.records import Engine, PooledContact
from netvalue.team.resolve import FREE_MAIL, resolve
from netvalue.team.salt import hash_key


def free_mail_keys(salt: bytes) -> frozenset[str]:
    """Free mail domains in clear and as the team's hashes."""
    return FREE_MAIL | {hash_key(salt, "domain", d) for d in FREE_MAIL}


def pool_view(team: Team, engine: Engine = DEFAULT_ENGINE, steps: dict[str, float] | None = None) -> TeamView:
    """Every member's rows, resolved; ``steps`` gets the seconds of each step of the resolution."""
    pool: list[PooledContact] = []
    for index, member in enumerate(team.members):
        for contact in member.share.contacts:
            pool.append(PooledContact(len(pool), index, contact))
    return TeamView(
        members=tuple(m.share.info.member for m in team.members),
        pool=tuple(pool),
        resolution=resolve(pool, engine, free_mail=free_mail_keys(team.salt), steps=steps),
        salt=team.salt,
        member_keys=tuple(frozenset(m.share.info.member_keys) for m in team.members),
    )


def write_pool(
    folder: Path, engine: Engine = DEFAULT_ENGINE, steps: dict[str, float] | None = None
) -> TeamView:
    """Resolve the team's shares and write the pool; returns the resolved view."""
    view = pool_view(load_team(folder), engine, steps)
    owner = {key: index for index, keys in enumerate(view.member_keys) for key in keys}
    rows = (
        PoolRow(
            p.row,
            p.member,
            view.resolution.human[p.row],
            p.contact.keys,
            p.contact.domains,
            p.contact.name,
            p.contact.company,
            normalize_company(p.contact.company) if p.contact.company else None,
            p.contact.role,
            p.contact.tier,
            p.contact.strength,
            p.contact.last_two_way,
            any(owner.get(k, p.member) != p.member for k in p.contact.keys),
        )
        for p in view.pool
    )
    meta = {
        "fingerprint": files_fingerprint(folder),
        "engine": engine,
        "exact_links": str(view.resolution.exact_links),
        "probable_links": str(view.resolution.probable_links),
    }
    members = [(name, sorted(keys)) for name, keys in zip(view.members, view.member_keys, strict=True)]
    answers: dict[str, object] = {"coverage": team_coverage(view), "overlap": team_overlap(view)}
    write_team_pool(folder / POOL_FILE, meta, members, rows, answers)
    return view


def add_members(
    folder: Path, files: list[Path], engine: Engine | None = None
) -> tuple[list[tuple[str, int, bool]], TeamView]:
    """Add the members' shares (:func:`~netvalue.team.folder.add_shares`), then resolve the team once and
    keep the pool (with ``engine``, else the one the team used, else Splink)."""
    added = add_shares(folder, files)
    return added, write_pool(folder, engine or pool_engine(folder))


def remove_members(folder: Path, member: str) -> str:
    """Remove a member's share, then resolve the rest once and keep the pool."""
    name = remove_member(folder, member)
    write_pool(folder, pool_engine(folder))
    return name
