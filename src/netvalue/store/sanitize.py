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
from collections.abc import Callable
from dataclasses import fields, replace
from operator import attrgetter
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
_RECORDS = (
    PersonRecord,
    InteractionRecord,
    InvitationRecord,
    OwnerRecord,
    OwnerAffiliation,
    FileRead,
    FileIgnored,
)
_NAMED = (PersonRecord, InteractionRecord, InvitationRecord, OwnerRecord)
"""Records whose ``name`` is a person's (a :class:`FileRead`'s is a file's, never cut)."""
_FIELDS: dict[type, tuple[str, ...]] = {kind: tuple(f.name for f in fields(kind)) for kind in _RECORDS}


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the named attributes of a record as a tuple (``()`` for none)."""
    if not names:
        return lambda item: ()
    get = attrgetter(*names)
    return (lambda item: (get(item),)) if len(names) == 1 else get


def _kinds(kind: type) -> tuple[Callable[[Any], tuple[Any, ...]], ...]:
    """Getters of a record type's plain text fields, other fields holding text (identities, notes), name
    fields and time fields, from the fields' annotations."""
    annotated = {f.name: str(f.type) for f in fields(kind)}
    plain = [n for n, t in annotated.items() if t in ("str", "str | None")]
    nested = [n for n, t in annotated.items() if "Identity" in t or t.startswith("tuple[str")]
    return (
        _getter(plain),
        _getter(nested),
        _getter([n for n in plain if n in _NAME_FIELDS and kind in _NAMED]),
        _getter([n for n in annotated if n in _TIME_FIELDS]),
    )


_GETTERS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], ...]] = {kind: _kinds(kind) for kind in _RECORDS}


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


def _clean(text: str) -> bool:
    """Whether ``text`` holds none of the characters kept out (``isprintable`` first: C speed, and true
    of nearly all text; it is false of tabs and line breaks too, which the pattern then allows)."""
    return text.isprintable() or not _UNSAFE.search(text)


def _plausible(when: int | None) -> bool:
    return when is None or EARLIEST_TIME <= when < LATEST_TIME


def _short(name: str | None) -> bool:
    return name is None or len(name) <= MAX_NAME


def _interaction_safe(r: InteractionRecord) -> bool:
    """The check of :func:`sanitize` for the most frequent record, written out (a generic one over the
    fields cost ~10 times as much); ``tests/test_store_sanitize.py`` checks it misses no field."""
    return (
        _plausible(r.occurred_at)
        and _short(r.person_name)
        and _clean(
            f"{r.source}{r.source_key}{r.person.value}{r.message_key or ''}{r.conversation_id or ''}"
            f"{r.title or ''}{r.person_name or ''}"
        )
    )


def _person_safe(r: PersonRecord) -> bool:
    """As :func:`_interaction_safe`, for a person."""
    return (
        _plausible(r.connected_on)
        and _short(r.name)
        and _short(r.first_name)
        and _short(r.last_name)
        and _clean(
            f"{r.source}{r.name}{r.first_name or ''}{r.last_name or ''}{r.company or ''}{r.position or ''}"
            f"{r.headline or ''}{r.location or ''}{r.relation or ''}{''.join([i.value for i in r.identities])}"
        )
    )


def _generic_safe(item: Any) -> bool:
    plain, nested, names, times = _GETTERS[type(item)]
    return (
        _clean("".join(filter(None, plain(item))))
        and _clean("".join(_strings(v) for v in nested(item)))
        and all(_short(v) for v in names(item))
        and all(_plausible(v) for v in times(item))
    )


_SAFE: dict[type, Callable[[Any], bool]] = {kind: _generic_safe for kind in _RECORDS}
_SAFE[InteractionRecord] = _interaction_safe
_SAFE[PersonRecord] = _person_safe


def sanitize(item: ImportItem) -> tuple[ImportItem, int]:
    """``item`` with every text field made safe and every time plausible, and how many names were cut.

    The common case, a record already safe, costs one scan of its joined text and returns the record
    itself."""
    kind: type = type(item)
    safe_already = _SAFE.get(kind)
    if safe_already is None:
        return _safe_batch(item) if isinstance(item, InteractionBatch) else (item, 0)
    if safe_already(item):
        return item, 0
    changes: dict[str, Any] = {}
    cut = 0
    for name in _FIELDS[kind]:
        value = getattr(item, name)
        if name in _TIME_FIELDS:
            safe: Any = plausible_time(value) if isinstance(value, int) else value
        else:
            safe, was_cut = _safe(value, name in _NAME_FIELDS and kind in _NAMED)
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
            if not _clean("".join([p.value for p in column])):
                changes[name] = [_safe(p, False)[0] for p in column]
            continue
        strings = [v for v in column if isinstance(v, str)]
        if not strings:
            continue
        is_name = name == "person_names"
        if not _clean("".join(strings)) or (is_name and max(map(len, strings)) > MAX_NAME):
            made = [_safe(v, is_name) for v in column]
            changes[name] = [v for v, _ in made]
            cut += sum(was_cut for _, was_cut in made)
    if not changes:
        return batch, 0
    return replace(batch, **changes), cut
