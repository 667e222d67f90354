"""The share file: one member's contacts as they agreed to share them, a Parquet file that describes itself.

Columns (schema version 1), one row per contact:

``contact``       int32, 1..n within this file (not the member's database id)
``keys``          list of ``kind:hash`` (:func:`netvalue.team.salt.hash_key`): e-mail, phone, profile
``domains``       list of e-mail domains, in clear when the member chose ``domain``, else hashed as keys are
``name``          the contact's name, when the member chose ``name``; else null
``company``       when chosen; else null
``role``          the position held, when chosen; else null
``profile_url``   list of profile URLs in clear, when chosen; else null
``tier``          the member's tier of the tie (``netvalue ties``)
``strength``      0..1, the member's tie strength
``last_two_way``  ``YYYY-MM`` of the last two-way contact, null when never

The file's key-value metadata ``netvalue.share`` is JSON: the schema version, the member's name and own
hashed keys, the salt's fingerprint, when and as of when it was made, the minimum tier and excluded tags,
the clear fields, the count of contacts and a description of every column.  A file of another schema
version is refused with what to do.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from netvalue.analysis.ties import TIERS
from netvalue.errors import ImportFormatError, UsageError
from netvalue.team.records import SharedContact

SCHEMA_VERSION = 1
METADATA_KEY = b"netvalue.share"
CLEAR_FIELDS = ("name", "company", "role", "profile_url", "domain")
KEY_KINDS = ("email", "phone", "linkedin")

COLUMNS: dict[str, str] = {
    "contact": "row number within this share, 1..n (not a database id)",
    "keys": "identity keys as kind:HMAC-SHA256(team salt, kind:value), 128 bits, hex",
    "domains": "e-mail domains of the contact: clear when 'domain' was chosen, else hashed like keys",
    "name": "the contact's name when 'name' was chosen, else null",
    "company": "the contact's company when 'company' was chosen, else null",
    "role": "the contact's position when 'role' was chosen, else null",
    "profile_url": "profile URLs when 'profile_url' was chosen, else null",
    "tier": "the member's tier of the tie",
    "strength": "the member's tie strength, 0..1",
    "last_two_way": "month (YYYY-MM) of the last two-way contact, null when never",
}

SCHEMA = pa.schema(
    [
        pa.field("contact", pa.int32(), nullable=False),
        pa.field("keys", pa.list_(pa.string()), nullable=False),
        pa.field("domains", pa.list_(pa.string()), nullable=False),
        pa.field("name", pa.string()),
        pa.field("company", pa.string()),
        pa.field("role", pa.string()),
        pa.field("profile_url", pa.list_(pa.string())),
        pa.field("tier", pa.string(), nullable=False),
        pa.field("strength", pa.float64(), nullable=False),
        pa.field("last_two_way", pa.string()),
    ]
)
_HASHED = re.compile(r"^(email|phone|linkedin|domain):[0-9a-f]{32}$")
_WORD = re.compile(r"\S+")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, slots=True)
class ShareInfo:
    """The metadata of a share file."""

    member: str
    member_keys: tuple[str, ...]
    salt_id: str
    created_at: str
    as_of: str
    min_tier: str
    excluded_tags: tuple[str, ...]
    clear_fields: tuple[str, ...]
    contacts: int

    def as_dict(self) -> dict[str, object]:
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "member_keys": list(self.member_keys),
            "salt_id": self.salt_id,
            "created_at": self.created_at,
            "as_of": self.as_of,
            "min_tier": self.min_tier,
            "excluded_tags": list(self.excluded_tags),
            "clear_fields": list(self.clear_fields),
            "contacts": self.contacts,
            "columns": COLUMNS,
        }


@dataclass(frozen=True, slots=True)
class Share:
    info: ShareInfo
    contacts: tuple[SharedContact, ...]


def write_share(path: Path, info: ShareInfo, contacts: Sequence[SharedContact]) -> None:
    """Write the share to ``path`` (mode 0600), whole or not at all: a temporary file beside it is
    renamed over it once complete."""
    table = pa.table(
        {
            "contact": pa.array(range(1, len(contacts) + 1), pa.int32()),
            "keys": pa.array([list(c.keys) for c in contacts], pa.list_(pa.string())),
            "domains": pa.array([list(c.domains) for c in contacts], pa.list_(pa.string())),
            "name": pa.array([c.name for c in contacts], pa.string()),
            "company": pa.array([c.company for c in contacts], pa.string()),
            "role": pa.array([c.role for c in contacts], pa.string()),
            "profile_url": pa.array(
                [None if c.profile_urls is None else list(c.profile_urls) for c in contacts],
                pa.list_(pa.string()),
            ),
            "tier": pa.array([c.tier for c in contacts], pa.string()),
            "strength": pa.array([c.strength for c in contacts], pa.float64()),
            "last_two_way": pa.array([c.last_two_way for c in contacts], pa.string()),
        },
        schema=SCHEMA,
    ).replace_schema_metadata({METADATA_KEY: json.dumps(info.as_dict(), ensure_ascii=False).encode()})
    write_table_privately(path, table)


def write_table_privately(path: Path, table: pa.Table) -> None:
    """Write a Parquet table to ``path`` with mode 0600 through a temporary file and a rename."""
    path = path.resolve()
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            pq.write_table(table, handle, compression="zstd")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_share(path: Path) -> Share:
    """Read and check a share file; any fault is an :class:`ImportFormatError` naming the file and row."""
    name = str(path)
    try:
        parquet = pq.ParquetFile(path)
        metadata = parquet.schema_arrow.metadata or {}
    except FileNotFoundError as exc:
        raise UsageError(f"{name}: no such file") from exc
    except (OSError, pa.ArrowException) as exc:
        raise ImportFormatError(name, f"not a Parquet file ({exc.__class__.__name__})") from exc
    if METADATA_KEY not in metadata:
        raise ImportFormatError(name, "not a netvalue share file (no netvalue.share metadata)")
    try:
        meta = json.loads(metadata[METADATA_KEY])
    except ValueError as exc:
        raise ImportFormatError(name, "its netvalue.share metadata is not JSON") from exc
    if not isinstance(meta, dict):
        raise ImportFormatError(name, "its netvalue.share metadata is not a JSON object")
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ImportFormatError(
            name,
            f"share schema version {version!r}, this netvalue reads version {SCHEMA_VERSION}: "
            "ask the member to run `netvalue share` again with the team's netvalue version",
        )
    info = _info(name, meta)
    try:
        table = parquet.read()
    except (OSError, pa.ArrowException) as exc:
        raise ImportFormatError(name, f"cannot be read ({exc.__class__.__name__})") from exc
    missing = [f.name for f in SCHEMA if f.name not in table.column_names]
    if missing:
        raise ImportFormatError(name, f"missing columns: {', '.join(missing)}")
    extra = [c for c in table.column_names if c not in COLUMNS]
    if extra:
        raise ImportFormatError(name, f"columns a share never holds: {', '.join(extra)}")
    for field in SCHEMA:
        if not table.schema.field(field.name).type.equals(field.type):
            raise ImportFormatError(name, f"column {field.name} is {table.schema.field(field.name).type}")
    columns = {c: table.column(c).to_pylist() for c in COLUMNS}
    clear = set(info.clear_fields)
    _check_columns(name, columns, clear)
    contacts = [
        SharedContact(
            tuple(keys),
            tuple(domains),
            _optional(person),
            _optional(company),
            _optional(role),
            tuple(urls) if isinstance(urls, list) else None,
            str(tier),
            strength,
            month if isinstance(month, str) else None,
        )
        for keys, domains, person, company, role, urls, tier, strength, month in zip(
            columns["keys"],
            columns["domains"],
            columns["name"],
            columns["company"],
            columns["role"],
            columns["profile_url"],
            columns["tier"],
            columns["strength"],
            columns["last_two_way"],
            strict=True,
        )
    ]
    if len(contacts) != info.contacts:
        raise ImportFormatError(
            name, f"metadata counts {info.contacts} contacts, the file holds {len(contacts)}"
        )
    return Share(info, tuple(contacts))


def _text(name: str, meta: dict[str, object], key: str) -> str:
    value = meta.get(key)
    if not isinstance(value, str):
        raise ImportFormatError(name, f"metadata field {key!r} is missing or not text")
    return value


def _texts(name: str, meta: dict[str, object], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportFormatError(name, f"metadata field {key!r} is missing or not a list of text")
    return tuple(value)


def _info(name: str, meta: dict[str, object]) -> ShareInfo:
    clear = _texts(name, meta, "clear_fields")
    unknown = [f for f in clear if f not in CLEAR_FIELDS]
    if unknown:
        raise ImportFormatError(name, f"unknown clear fields in metadata: {', '.join(unknown)}")
    count = meta.get("contacts")
    if not isinstance(count, int):
        raise ImportFormatError(name, "metadata field 'contacts' is missing or not a number")
    keys = _texts(name, meta, "member_keys")
    bad = [k for k in keys if not _HASHED.match(k)]
    if bad:
        raise ImportFormatError(name, "metadata field 'member_keys' holds a key that is not a salted hash")
    info = ShareInfo(
        member=_text(name, meta, "member").strip(),
        member_keys=keys,
        salt_id=_text(name, meta, "salt_id"),
        created_at=_text(name, meta, "created_at"),
        as_of=_text(name, meta, "as_of"),
        min_tier=_text(name, meta, "min_tier"),
        excluded_tags=_texts(name, meta, "excluded_tags"),
        clear_fields=clear,
        contacts=count,
    )
    if not info.member:
        raise ImportFormatError(name, "metadata names no member")
    return info


def _first_bad(values: list[object], good: Callable[[object], bool]) -> int | None:
    """The 1-based row of the first value that is not ``good``, or None; a whole column checked in one
    pass first (a share of 100,000 rows is read in well under a second)."""
    if all(map(good, values)):
        return None
    return next(i + 1 for i, v in enumerate(values) if not good(v))


def _hashed_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(k, str) and _HASHED.match(k) for k in value)


def _domain_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(d, str) and _WORD.fullmatch(d) is not None for d in value
    )


def _fixed(text: str) -> Callable[[object], str]:
    return lambda _value: text


def _is_none(value: object) -> bool:
    return value is None


def _strength(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and 0.0 <= value <= 1.0


def _check_columns(name: str, columns: dict[str, list[object]], clear: set[str]) -> None:
    """Every value of every column as schema version 1 allows, and nothing the metadata does not list among
    the clear fields; the first fault is an :class:`ImportFormatError` naming the file and the row."""
    checks: list[tuple[str, Callable[[object], bool], Callable[[object], str]]] = [
        ("keys", _hashed_list, lambda v: "keys must be salted hashes (kind:32 hex digits)"),
        (
            "domains",
            _hashed_list if "domain" not in clear else _domain_list,
            _fixed("domains must be e-mail domains, one word each")
            if "domain" in clear
            else _fixed("domains must be hashed: the metadata does not list 'domain' among the clear fields"),
        ),
        ("tier", lambda v: v in TIERS, lambda v: f"tier {v!r} is none of {', '.join(TIERS)}"),
        ("strength", _strength, lambda v: f"strength {v!r} is not between 0 and 1"),
        (
            "last_two_way",
            lambda v: v is None or (isinstance(v, str) and _MONTH.match(v) is not None),
            lambda v: f"last_two_way {v!r} is not a month (YYYY-MM)",
        ),
    ]
    for field in ("name", "company", "role", "profile_url"):
        if field not in clear:
            unlisted = f"{field} holds a value the metadata does not list among the clear fields"
            checks.append((field, _is_none, _fixed(unlisted)))
    for column, good, message in checks:
        row = _first_bad(columns[column], good)
        if row is not None:
            raise ImportFormatError(name, f"row {row}: {message(columns[column][row - 1])}")


def _optional(value: object) -> str | None:
    return value if isinstance(value, str) and value and not value.isspace() else None
