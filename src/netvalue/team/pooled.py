"""The pooled, resolved rows of the whole team in one Parquet file, so that a query reads columns, not shares.

``netvalue team add`` writes ``DIR/pool-<engine>.parquet`` (0600): every member's rows with the human each
was resolved to, the company as :func:`~netvalue.identity.profiles.normalize_company` leaves it, and the
members' own hashed keys in the metadata (nothing the shares do not hold).  ``team paths`` then selects
the rows of the humans asked about with Arrow compute and builds a :class:`TeamView` of those rows alone
(with the rows that show one member knowing another, for two-hop paths): on 100,000 pooled contacts that
takes a fraction of reading and checking every share (``benchmarks/team.py``).  The file carries the
fingerprint of the shares; when they change it is made again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from netvalue.identity.profiles import normalize_company
from netvalue.team.folder import load_team, team_salt
from netvalue.team.paths import TeamView, find_humans, person_keys
from netvalue.team.resolve import Engine, PooledContact, Resolution
from netvalue.team.salt import hash_key
from netvalue.team.share_file import SharedContact, write_table_privately

_KEY = b"netvalue.pool"
_VERSION = 1


def files_fingerprint(folder: Path, engine: Engine) -> str:
    """The members' share files as they are now (names and SHA-256), and the engine."""
    digest = hashlib.sha256(f"pool {_VERSION} {engine}".encode())
    for path in sorted((folder / "members").glob("*.parquet")):
        digest.update(path.stem.encode() + b"\x00" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_pool(view: TeamView, folder: Path, engine: Engine) -> None:
    contacts = [p.contact for p in view.pool]
    table = pa.table(
        {
            "member": pa.array([p.member for p in view.pool], pa.int32()),
            "human": pa.array(view.resolution.human, pa.int64()),
            "keys": pa.array([list(c.keys) for c in contacts], pa.list_(pa.string())),
            "domains": pa.array([list(c.domains) for c in contacts], pa.list_(pa.string())),
            "name": pa.array([c.name for c in contacts], pa.string()),
            "company": pa.array([c.company for c in contacts], pa.string()),
            "company_key": pa.array(
                [normalize_company(c.company) if c.company else None for c in contacts], pa.string()
            ),
            "role": pa.array([c.role for c in contacts], pa.string()),
            "tier": pa.array([c.tier for c in contacts], pa.string()),
            "strength": pa.array([c.strength for c in contacts], pa.float64()),
            "last_two_way": pa.array([c.last_two_way for c in contacts], pa.string()),
        }
    )
    meta = {
        "version": _VERSION,
        "fingerprint": files_fingerprint(folder, engine),
        "members": list(view.members),
        "member_keys": [sorted(k) for k in view.member_keys],
        "exact_links": view.resolution.exact_links,
        "probable_links": view.resolution.probable_links,
    }
    write_table_privately(
        folder / f"pool-{engine}.parquet", table.replace_schema_metadata({_KEY: json.dumps(meta).encode()})
    )


def query_view(
    folder: Path,
    engine: Engine,
    *,
    company: str | None = None,
    domain: str | None = None,
    person: str | None = None,
) -> tuple[TeamView, list[int]]:
    """A view holding the humans asked about (and the rows linking members), and those humans."""
    salt = team_salt(folder)
    path = folder / f"pool-{engine}.parquet"
    table, meta = _read(path)
    if table is None or meta.get("fingerprint") != files_fingerprint(folder, engine):
        view = TeamView.of(load_team(folder), engine)
        write_pool(view, folder, engine)
        return view, find_humans(view, company=company, domain=domain, person=person)
    rows = _matching_rows(table, salt, company=company, domain=domain, person=person)
    humans = pc.unique(pc.take(table.column("human"), rows))
    stored = meta.get("member_keys")
    member_keys = [frozenset(str(k) for k in keys) for keys in stored] if isinstance(stored, list) else []
    # The rows that show one member knowing another: the two-hop paths go through them.
    keys = table.column("keys")
    flat_hits = pc.is_in(
        pc.list_flatten(keys), value_set=pa.array(sorted(set().union(*member_keys)), pa.string())
    )
    knows_member = np.zeros(len(table), dtype=np.bool_)
    knows_member[pc.take(pc.list_parent_indices(keys), pc.indices_nonzero(flat_hits)).to_numpy()] = True
    selected = pc.or_(pc.is_in(table.column("human"), value_set=humans), pa.array(knows_member))
    view = _view(table.filter(selected), meta, salt, member_keys, engine)
    return view, sorted(humans.to_pylist())


def _read(path: Path) -> tuple[pa.Table | None, dict[str, object]]:
    if not path.is_file():
        return None, {}
    try:
        table = pq.ParquetFile(path).read()
        meta = json.loads((table.schema.metadata or {}).get(_KEY, b"{}"))
    except (OSError, ValueError, pa.ArrowException):
        return None, {}
    return (table, meta) if isinstance(meta, dict) and meta.get("version") == _VERSION else (None, {})


def _matching_rows(
    table: pa.Table, salt: bytes, *, company: str | None, domain: str | None, person: str | None
) -> pa.Array:
    """Row numbers (int64) of the rows naming the company, domain or person."""
    if company is not None:
        return pc.indices_nonzero(
            pc.fill_null(pc.equal(table.column("company_key"), normalize_company(company)), False)
        )
    if domain is not None:
        wanted = domain.strip().lower().lstrip("@")
        lists = table.column("domains")
        flat = pc.list_flatten(lists)
        hit = pc.or_(
            pc.is_in(flat, value_set=pa.array([wanted, hash_key(salt, "domain", wanted)])),
            pc.ends_with(flat, "." + wanted),
        )
        return pc.unique(pc.take(pc.list_parent_indices(lists), pc.indices_nonzero(hit)))
    assert person is not None
    lists = table.column("keys")
    flat = pc.list_flatten(lists)
    hit = pc.is_in(flat, value_set=pa.array(sorted(person_keys(salt, person)), pa.string()))
    rows = pc.unique(pc.take(pc.list_parent_indices(lists), pc.indices_nonzero(hit)))
    if len(rows):
        return rows
    folded = person.strip().casefold()
    return pc.indices_nonzero(pc.fill_null(pc.equal(pc.utf8_lower(table.column("name")), folded), False))


def _view(
    table: pa.Table, meta: dict[str, object], salt: bytes, member_keys: list[frozenset[str]], engine: Engine
) -> TeamView:
    columns = {c: table.column(c).to_pylist() for c in table.column_names}
    pool = [
        PooledContact(
            i,
            member,
            SharedContact(tuple(keys), tuple(domains), name, company, role, None, tier, strength, month),
        )
        for i, (member, keys, domains, name, company, role, tier, strength, month) in enumerate(
            zip(
                columns["member"],
                columns["keys"],
                columns["domains"],
                columns["name"],
                columns["company"],
                columns["role"],
                columns["tier"],
                columns["strength"],
                columns["last_two_way"],
                strict=True,
            )
        )
    ]
    by_human: dict[int, list[int]] = {}
    for i, h in enumerate(columns["human"]):
        by_human.setdefault(h, []).append(i)
    # Rows are renumbered; humans keep their ids from the whole pool.
    human = tuple(columns["human"])
    groups = {h: tuple(rows) for h, rows in by_human.items()}
    members = meta["members"]
    assert isinstance(members, list)
    return TeamView(
        members=tuple(str(m) for m in members),
        pool=tuple(pool),
        resolution=Resolution(
            human,
            groups,
            int(str(meta.get("exact_links", 0))),
            int(str(meta.get("probable_links", 0))),
            engine,
        ),
        salt=salt,
        member_keys=tuple(member_keys),
    )
