"""The team's resolution, kept beside the shares so that ``team paths`` need not resolve again.

``DIR/resolution-<engine>.parquet`` (0600) holds the human of every pooled row, in pool order, with the
fingerprint of the shares it was made from (the members' files' SHA-256) in its metadata; any change of
members makes it stale and it is made again.  It holds nothing the shares do not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from netvalue.team.folder import Team
from netvalue.team.resolve import FREE_MAIL, Engine, PooledContact, Resolution, resolve
from netvalue.team.salt import hash_key
from netvalue.team.share_file import write_table_privately

_KEY = b"netvalue.resolution"


def fingerprint(team: Team, engine: Engine) -> str:
    digest = hashlib.sha256(f"resolution 1 {engine}".encode())
    for member in team.members:
        digest.update(member.slug.encode() + b"\x00" + hashlib.sha256(member.path.read_bytes()).digest())
    return digest.hexdigest()


def free_mail_keys(salt: bytes) -> frozenset[str]:
    """Free mail domains in clear and as the team's hashes."""
    return FREE_MAIL | {hash_key(salt, "domain", d) for d in FREE_MAIL}


def cached_resolution(team: Team, pool: Sequence[PooledContact], engine: Engine) -> Resolution:
    """The cached resolution when it matches the shares, else a new one (then cached)."""
    path = team.folder / f"resolution-{engine}.parquet"
    stamp = fingerprint(team, engine)
    if path.is_file():
        try:
            table = pq.ParquetFile(path).read()  # read_table would import pyarrow.dataset (~1 s)
            meta = json.loads((table.schema.metadata or {}).get(_KEY, b"{}"))
        except (OSError, ValueError, pa.ArrowException):
            meta = {}
        if meta.get("fingerprint") == stamp and table.num_rows == len(pool):
            human = tuple(int(h) for h in table.column("human").to_pylist())
            groups: dict[int, list[int]] = {}
            for row, h in enumerate(human):
                groups.setdefault(h, []).append(row)
            return Resolution(
                human,
                {h: tuple(rows) for h, rows in groups.items()},
                int(meta.get("exact_links", 0)),
                int(meta.get("probable_links", 0)),
                engine,
            )
    resolution = resolve(pool, engine, free_mail=free_mail_keys(team.salt))
    meta = {
        "fingerprint": stamp,
        "engine": engine,
        "exact_links": resolution.exact_links,
        "probable_links": resolution.probable_links,
    }
    table = pa.table({"human": pa.array(resolution.human, pa.int64())}).replace_schema_metadata(
        {_KEY: json.dumps(meta).encode()}
    )
    write_table_privately(path, table)
    return resolution
