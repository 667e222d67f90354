"""Records as the database keeps them: no control characters, no name longer than any real name, no
time outside any real date.

Every record an import writes passes :func:`sanitize` in :func:`netvalue.store.ingest.import_stream`,
the one place all sources meet before SQL (the importers stay faithful to their files; the mail importer,
for one, decodes RFC 2047 names into whatever they encode).  So nothing read back from the database,
by ``person``, the web pages or ``graph export``, holds:

- control characters other than tab, line feed and carriage return (ESC starts the terminal escape
  sequences ``person`` would print; NUL and the rest are not allowed in XML 1.0, so GraphML and GEXF
  exports would not parse), C1 controls (U+0080-U+009F: some terminals read U+009B as ESC [), lone
  surrogates (JSON's ``"\\ud800"``: not encodable as UTF-8) and the non-characters U+FFFE and U+FFFF
  (not allowed in XML either).  They are deleted.
- names longer than :data:`~netvalue.records.MAX_NAME` characters: cut there, and counted in the
  file's note of the import report ("2 names longer than 200 characters cut").
- times outside :func:`~netvalue.records.plausible_time`'s range (``9999-12-31``): recorded as unknown.
  Each importer refuses or drops such dates itself; this is the net under all of them.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from netvalue.records import (
    EARLIEST_TIME,
    LATEST_TIME,
    MAX_NAME,
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    InteractionBatch,
    InteractionRecord,
    InvitationRecord,
    OwnerAffiliation,
    OwnerRecord,
    PersonRecord,
    plausible_time,
)

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NAME_FIELDS = frozenset({"name", "first_name", "last_name", "person_name"})
_TIME_FIELDS = frozenset({"connected_on", "occurred_at", "sent_at"})
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(kind))
    for kind in (
        PersonRecord,
        InteractionRecord,
        InvitationRecord,
        OwnerRecord,
        OwnerAffiliation,
        FileRead,
        FileIgnored,
    )
}


def safe_text(text: str) -> str:
    """``text`` without the characters this module keeps out of the database."""
    return _UNSAFE.sub("", text)


def _cut(name: str) -> str:
    return name[:MAX_NAME].rstrip()


def _safe(value: Any, name_field: bool) -> tuple[Any, bool]:
    """A field's value made safe, and whether a name was cut."""
    if isinstance(value, str):
        value = _UNSAFE.sub("", value)
        if name_field and len(value) > MAX_NAME:
            return _cut(value), True
        return value, False
    if isinstance(value, Identity):
        return Identity(value.kind, _UNSAFE.sub("", value.value)), False
    if isinstance(value, tuple):
        return tuple(_safe(v, False)[0] for v in value), False
    return value, False


def _strings(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Identity):
        return value.value
    if isinstance(value, tuple):
        return "".join(_strings(v) for v in value)
    return ""


def sanitize(item: ImportItem) -> tuple[ImportItem, int]:
    """``item`` with every text field made safe and every time plausible, and how many names were cut.

    The common case, a record already safe, costs one scan of its joined text and returns the record
    itself."""
    if isinstance(item, InteractionBatch):
        return _safe_batch(item)
    names = _TEXT_FIELDS.get(type(item))
    if names is None:
        return item, 0
    values = [getattr(item, name) for name in names]
    long_name = any(
        isinstance(v, str) and len(v) > MAX_NAME
        for n, v in zip(names, values, strict=True)
        if n in _NAME_FIELDS
    )
    bad_time = any(
        isinstance(v, int) and plausible_time(v) is None
        for n, v in zip(names, values, strict=True)
        if n in _TIME_FIELDS
    )
    if not long_name and not bad_time and not _UNSAFE.search("".join(_strings(v) for v in values)):
        return item, 0
    changes: dict[str, Any] = {}
    cut = 0
    for name, value in zip(names, values, strict=True):
        if name in _TIME_FIELDS:
            safe: Any = plausible_time(value) if isinstance(value, int) else value
        else:
            safe, was_cut = _safe(value, name in _NAME_FIELDS)
            cut += was_cut
        if safe != value:
            changes[name] = safe
    return replace(item, **changes), cut


def _safe_batch(batch: InteractionBatch) -> tuple[InteractionBatch, int]:
    columns = batch.columns_by_field()
    changes: dict[str, Any] = {}
    cut = 0
    for name, column in columns.items():
        if name == "occurred_at":
            known = [t for t in column if t is not None]
            if known and (min(known) < EARLIEST_TIME or max(known) >= LATEST_TIME):
                changes[name] = [plausible_time(t) for t in column]
            continue
        if name == "people":
            if _UNSAFE.search("".join(p.value for p in column)):
                changes[name] = [_safe(p, False)[0] for p in column]
            continue
        strings = [v for v in column if isinstance(v, str)]
        if not strings:
            continue
        is_name = name == "person_names"
        if _UNSAFE.search("".join(strings)) or (is_name and max(map(len, strings)) > MAX_NAME):
            made = [_safe(v, is_name) for v in column]
            changes[name] = [v for v, _ in made]
            cut += sum(was_cut for _, was_cut in made)
    if not changes:
        return batch, 0
    return replace(batch, **changes), cut
