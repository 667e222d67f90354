"""The team's answers, read from the pool that ``team add`` made (:mod:`netvalue.team.pooled`).

Nothing here resolves, reads a share or imports Parquet, Splink or the identity resolver: ``team paths``
selects the rows of the humans asked about from ``DIR/pool.sqlite`` and ranks their paths
(:mod:`netvalue.team.paths`); coverage and overlap are read as ``team add`` computed them.  Only when the
members' files changed behind netvalue's back (or another engine is asked for) is the pool made again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from netvalue.errors import StoreError
from netvalue.store.team import POOL_VERSION, PoolRow, TeamPool
from netvalue.team.folder import team_salt
from netvalue.team.paths import TeamView, person_keys, team_paths
from netvalue.team.records import ENGINES, Engine, PooledContact, Resolution, SharedContact
from netvalue.team.salt import hash_key

POOL_FILE = "pool.sqlite"
DEFAULT_ENGINE: Engine = "splink"


def files_fingerprint(folder: Path) -> str:
    """The members' share files as they are now: names and SHA-256."""
    digest = hashlib.sha256(f"pool {POOL_VERSION}".encode())
    for path in sorted((folder / "members").glob("*.parquet")):
        digest.update(path.stem.encode() + b"\x00" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pool_engine(folder: Path) -> Engine:
    """The engine the team's pool was resolved with (Splink when there is no pool yet)."""
    path = folder / POOL_FILE
    if not path.is_file():
        return DEFAULT_ENGINE
    pool = TeamPool(path)
    engine = pool.meta.get("engine")
    pool.close()
    return _engine(engine)


def _engine(name: str | None) -> Engine:
    known: dict[str, Engine] = {e: e for e in ENGINES}
    return known.get(name or "", DEFAULT_ENGINE)


def open_pool(folder: Path, engine: Engine | None = None) -> TeamPool:
    """The team's pool, made again first if it is missing, stale, or of another engine than ``engine``."""
    team_salt(folder)  # a team folder of this version, its salt intact
    path = folder / POOL_FILE
    before = engine
    if path.is_file():
        try:
            pool = TeamPool(path)
        except StoreError:  # damaged: made again below
            path.unlink()
            return open_pool(folder, engine)
        meta = pool.meta
        if (
            meta.get("version") == str(POOL_VERSION)
            and meta.get("fingerprint") == files_fingerprint(folder)
            and engine in (None, meta.get("engine"))
        ):
            return pool
        pool.close()
        before = engine or _engine(meta.get("engine"))
    from netvalue.team.pooled import write_pool  # the slow path: resolve the whole team again

    write_pool(folder, before or DEFAULT_ENGINE)
    return TeamPool(path)


def paths_to(
    folder: Path,
    *,
    company: str | None = None,
    domain: str | None = None,
    person: str | None = None,
    from_member: str | None = None,
    limit: int | None = None,
    engine: Engine | None = None,
) -> dict[str, object]:
    """``{"contacts": n, "paths": [...]}``: the humans at the company or domain, or the person, and every
    path to them best first (:func:`netvalue.team.paths.team_paths`)."""
    salt = team_salt(folder)
    pool = open_pool(folder, engine)
    try:
        humans = _humans(pool, salt, company=company, domain=domain, person=person)
        view = _view(pool, pool.rows_for(humans), salt)
    finally:
        pool.close()
    return {"contacts": len(humans), "paths": team_paths(view, humans, from_member=from_member, limit=limit)}


def coverage(folder: Path, limit: int | None = None, engine: Engine | None = None) -> dict[str, object]:
    """:func:`netvalue.team.coverage.team_coverage` as ``team add`` computed it, each list cut to ``limit``."""
    found = _answer(folder, "coverage", engine)
    assert isinstance(found, dict)
    return {k: v[:limit] if isinstance(v, list) and limit is not None else v for k, v in found.items()}


def overlap(folder: Path, limit: int | None = None, engine: Engine | None = None) -> list[dict[str, object]]:
    """:func:`netvalue.team.coverage.team_overlap` as ``team add`` computed it, cut to ``limit``."""
    found = _answer(folder, "overlap", engine)
    assert isinstance(found, list)
    items = [dict(o) for o in found if isinstance(o, dict)]
    return items[:limit] if limit is not None else items


def _answer(folder: Path, name: str, engine: Engine | None) -> object:
    pool = open_pool(folder, engine)
    try:
        return pool.answer(name)
    finally:
        pool.close()


def _humans(
    pool: TeamPool, salt: bytes, *, company: str | None, domain: str | None, person: str | None
) -> list[int]:
    """As :func:`netvalue.team.coverage.find_humans` finds them, from the pool's indexes."""
    if company is not None:
        key = pool.company_key(company.strip().casefold())
        if key is None:  # a spelling no member used: normalise it as the pool's companies were
            from netvalue.identity.profiles import normalize_company

            key = normalize_company(company)
        return pool.humans_at_company(key)
    if domain is not None:
        wanted = domain.strip().lower().lstrip("@")
        return pool.humans_at_domain([wanted, hash_key(salt, "domain", wanted)], "." + wanted)
    if person is None:
        raise ValueError("give a company, a domain or a person")
    keys = person_keys(salt, person)
    found = pool.humans_with_keys(sorted(keys)) if keys else []
    return found or pool.humans_named(person.strip().casefold())


def _view(pool: TeamPool, rows: list[PoolRow], salt: bytes) -> TeamView:
    """A view of the selected rows alone, renumbered; humans keep their ids from the whole pool."""
    contacts: list[PooledContact] = []
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        shared = SharedContact(
            r.keys, r.domains, r.name, r.company, r.role, None, r.tier, r.strength, r.last_two_way
        )
        contacts.append(PooledContact(i, r.member, shared))
        groups.setdefault(r.human, []).append(i)
    members = pool.members()
    return TeamView(
        members=tuple(name for name, _ in members),
        pool=tuple(contacts),
        resolution=Resolution(
            tuple(r.human for r in rows),
            {h: tuple(found) for h, found in groups.items()},
            int(pool.meta.get("exact_links", "0")),
            int(pool.meta.get("probable_links", "0")),
            _engine(pool.meta.get("engine")),
        ),
        salt=salt,
        member_keys=tuple(keys for _, keys in members),
    )
