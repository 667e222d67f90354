"""Any CSV of people, with the user's mapping of columns to fields: ``--map column=field``.

Used only by name (``netvalue import csv PATH --map "E-mail=email"``): :func:`detect` is always
``False``, since any CSV would match.  Several columns may map to one field (two e-mail columns).
A row with a ``connected_on`` date is a connection of the owner (relation ``connection``); other rows
are contacts, read like an address book (:func:`netvalue.importers.vcard.contact_person`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, get_args

from netvalue.errors import ImportFormatError, UsageError, map_errors
from netvalue.importers.address_book import ContactFields, contact_person
from netvalue.importers.archive import read_file
from netvalue.importers.base import Importer, ImportOptions, bad_csv, decode_text, sha256_of_bytes
from netvalue.records import FileRead, ImportItem, plausible_time

SOURCE = "csv"
MappedField = Literal[
    "name", "first_name", "last_name", "email", "phone", "company", "position", "linkedin", "connected_on"
]
FIELDS: tuple[str, ...] = get_args(MappedField)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d %b %Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%b %d, %Y",
)


def parse_mapping(pairs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``('E-mail=email', 'Org=company')`` -> ``(('E-mail', 'email'), ('Org', 'company'))``, checked."""
    mapping: list[tuple[str, str]] = []
    for pair in pairs:
        column, eq, target = pair.rpartition("=")
        if not eq or not column.strip():
            raise UsageError(f"--map {pair!r} is not COLUMN=FIELD (for example --map 'E-mail Address=email')")
        target = target.strip().lower()
        if target not in FIELDS:
            raise UsageError(f"--map {pair!r}: {target!r} is not a field; use one of {', '.join(FIELDS)}")
        mapping.append((column.strip(), target))
    return tuple(mapping)


def parse_date(text: str) -> int | None:
    """A date in one of the common forms (ISO first) as epoch seconds UTC; ``None`` when unreadable.

    Day-first ``DD/MM/YYYY`` is tried before month-first: an ambiguous date is read day-first (our choice).
    """
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return plausible_time(int(parsed.replace(tzinfo=UTC).timestamp()))
    return None


def read_csv(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """Records of one CSV read with ``options.mapping``, ending with its :class:`FileRead`."""
    name = str(path)
    if not options.mapping:
        raise UsageError("the csv source needs a mapping: --map COLUMN=FIELD (repeat it for each column)")
    if path.is_dir():
        raise ImportFormatError(name, "is a folder; give the .csv file")
    data = read_file(path)
    digest = sha256_of_bytes(data)
    if digest in options.known_hashes and not options.force:
        yield FileRead(name, rows=0, sha256=digest, unchanged=True)
        return
    yield from read_csv_bytes(data, name, options.mapping, options.region)


def read_csv_bytes(
    data: bytes, name: str, mapping: tuple[tuple[str, str], ...], region: str = "US"
) -> Iterator[ImportItem]:
    text = decode_text(data, name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = skipped = 0
    with map_errors(csv.Error, bad_csv(name, reader)):
        header = [h.strip() for h in reader.fieldnames or []]
        columns = {h.casefold(): raw for h, raw in zip(header, reader.fieldnames or [], strict=True)}
        for column, _ in mapping:
            if column.casefold() not in columns:
                raise ImportFormatError(
                    name, f"has no column {column!r} (its columns: {', '.join(header)[:300]})", 1
                )
        resolved = [(columns[column.casefold()], target) for column, target in mapping]
        for row in reader:
            rows += 1
            fields = ContactFields()
            connected_on: int | None = None
            for column, target in resolved:
                value = (row.get(column) or "").strip()
                if not value:
                    continue
                if target in ("email", "phone", "linkedin"):
                    {"email": fields.emails, "phone": fields.phones, "linkedin": fields.urls}[target].append(
                        value
                    )
                elif target == "connected_on":
                    connected_on = parse_date(value)
                else:
                    setattr(fields, target, value)
            person = contact_person(fields, SOURCE, region)
            if person is None:
                skipped += 1
                continue
            if connected_on is not None:
                person = dataclasses.replace(
                    person, is_connection=True, connected_on=connected_on, relation="connection"
                )
            yield person
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256_of_bytes(data))


def detect(path: Path) -> bool:
    """Never: a generic CSV is imported only by name, with a mapping."""
    return False


IMPORTER = Importer(
    source=SOURCE,
    description="Any CSV of people, with --map COLUMN=FIELD for each column to read.",
    read=read_csv,
    detect=detect,
    how_to_export="Save the spreadsheet as CSV (UTF-8) and name its columns with --map.",
    name_trust=5,
)
