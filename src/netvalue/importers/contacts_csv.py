"""Address books as CSV: Google Contacts (current and legacy header sets) and Outlook.

Both start ``First Name,Middle Name,Last Name,…`` in their current forms, so they are told apart by
later columns: Google numbers its groups (``E-mail 1 - Value``, ``Phone 2 - Value``; the legacy
set starts ``Name,Given Name,…``), Outlook names them (``E-mail Address``, ``Business Phone``,
``Job Title``).  Columns are found by name, never by position; numbered groups are read as far as
the file goes.  Google puts several values in one cell separated by `` ::: `` and marks the primary
one with a ``* `` prefix.  Each row becomes a :class:`PersonRecord` like a vCard
(:func:`netvalue.importers.vcard.contact_person`).

Google writes UTF-8; Outlook writes the Windows ANSI code page, so an Outlook file that is not
UTF-8 is read as Windows-1252 (our choice: the code page of the Western-European and US versions).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from netvalue.errors import ImportFormatError, map_errors
from netvalue.importers.address_book import ContactFields, contact_person
from netvalue.importers.archive import read_file
from netvalue.importers.base import Importer, ImportOptions, bad_csv, decode_text, sha256_of_bytes
from netvalue.records import FileRead, ImportItem

CsvKind = Literal["google", "outlook"]

_GOOGLE_GROUP = re.compile(r"^(E-mail|Phone|Website) \d+ - Value$")
_OUTLOOK_EMAIL = re.compile(r"^E-mail( \d)? Address$")
_OUTLOOK_MARKERS = frozenset({"E-mail Address", "Business Phone", "Job Title", "Mobile Phone", "Home Phone"})
_MULTI_VALUE = " ::: "


def csv_kind(header: list[str]) -> CsvKind | None:
    """Which address book wrote a CSV with this header row, or ``None`` when neither did."""
    columns = {h.strip() for h in header}
    if any(_GOOGLE_GROUP.match(c) for c in columns) or {"Name", "Given Name", "Family Name"} <= columns:
        return "google"
    if {"First Name", "Last Name"} <= columns and columns & _OUTLOOK_MARKERS:
        return "outlook"
    return None


def split_values(cell: str) -> list[str]:
    """``'* a@x.com ::: b@y.com'`` -> ``['a@x.com', 'b@y.com']`` (the primary first, as Google writes it)."""
    return [v.strip().removeprefix("* ").strip() for v in cell.split(_MULTI_VALUE) if v.strip()]


def _fields_of(row: dict[str, str]) -> ContactFields:
    def cell(*names: str) -> str | None:
        for name in names:
            value = (row.get(name) or "").strip()
            if value:
                return value
        return None

    fields = ContactFields()
    first, middle, last = (
        cell("First Name", "Given Name"),
        cell("Middle Name", "Additional Name"),
        cell("Last Name", "Family Name"),
    )
    fields.first_name, fields.last_name = first, last
    fields.name = (
        cell("Name") or " ".join(p for p in (first, middle, last) if p) or cell("Nickname", "File As")
    )
    fields.company = cell("Organization Name", "Organization 1 - Name", "Company")
    fields.position = cell("Organization Title", "Organization 1 - Title", "Job Title")
    for column, value in row.items():
        if not value or column is None:
            continue
        column = column.strip()
        values = split_values(value)
        if column.startswith("E-mail") and (column.endswith(" - Value") or _OUTLOOK_EMAIL.match(column)):
            fields.emails.extend(values)
        elif (column.startswith("Phone") and column.endswith(" - Value")) or (
            "Phone" in column and not column.startswith("Phone") and "Fax" not in column
        ):
            fields.phones.extend(values)
        elif (column.startswith("Website") and column.endswith(" - Value")) or column in (
            "Web Page",
            "Personal Web Page",
        ):
            fields.urls.extend(values)
    return fields


def read_contacts_csv(path: Path, options: ImportOptions, source: CsvKind) -> Iterator[ImportItem]:
    """Records of one Google or Outlook contacts CSV, ending with its :class:`FileRead`."""
    name = str(path)
    if path.is_dir():
        raise ImportFormatError(name, f"is a folder; give the {source} contacts .csv file")
    data = read_file(path)
    digest = sha256_of_bytes(data)
    if digest in options.known_hashes and not options.force:
        yield FileRead(name, rows=0, sha256=digest, unchanged=True)
        return
    yield from read_contacts_bytes(data, name, source, options.region)


def read_contacts_bytes(data: bytes, name: str, source: CsvKind, region: str = "US") -> Iterator[ImportItem]:
    try:
        text = decode_text(data, name)
    except ImportFormatError:
        if source != "outlook":
            raise
        text = data.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = skipped = 0
    with map_errors(csv.Error, bad_csv(name, reader)):
        header = reader.fieldnames
        if not header or csv_kind(list(header)) is None:
            raise ImportFormatError(
                name, f"is not a {source.title()} contacts CSV (its header row is not one)", 1
            )
        for row in reader:
            rows += 1
            person = contact_person(_fields_of(row), source, region)
            if person is None:
                skipped += 1
                continue
            yield person
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256_of_bytes(data))


def read_google(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    return read_contacts_csv(path, options, "google")


def read_outlook(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    return read_contacts_csv(path, options, "outlook")


def sniff_kind(path: Path) -> CsvKind | None:
    """The kind of a ``.csv`` file from its first line; ``None`` quickly for anything else."""
    if not path.is_file() or path.suffix.lower() != ".csv":
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    first = head.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()[:1]
    if not first:
        return None
    try:
        header = next(csv.reader(first))
    except (csv.Error, StopIteration):
        return None
    return csv_kind(header)


GOOGLE_IMPORTER = Importer(
    source="google",
    description="Google Contacts CSV (the current 'Google CSV' export, or the legacy one starting Name,Given Name).",
    read=read_google,
    detect=lambda path: sniff_kind(path) == "google",
    how_to_export="Google Contacts (contacts.google.com): Export -> Google CSV.",
    name_trust=6,
)

OUTLOOK_IMPORTER = Importer(
    source="outlook",
    description="Outlook contacts CSV (First Name,Middle Name,Last Name,Title,... E-mail Address,...).",
    read=read_outlook,
    detect=lambda path: sniff_kind(path) == "outlook",
    how_to_export="Outlook: File -> Open & Export -> Import/Export -> Export to a file -> Comma Separated Values.",
    name_trust=6,
)

IMPORTERS = (GOOGLE_IMPORTER, OUTLOOK_IMPORTER)
