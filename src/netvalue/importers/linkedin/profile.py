"""The owner's own files: ``Profile.csv`` (who the owner is, so that the store never makes them a person)
and ``Positions.csv``, ``Education.csv``, ``Company Follows.csv`` (their affiliations).  Shapes in
``../shared/reference/formats.md``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Literal

from netvalue.importers.linkedin.archive import Archive
from netvalue.importers.linkedin.dates import DateFormatError, month_label, parse_unix_date
from netvalue.importers.linkedin.people import SOURCE
from netvalue.records import FileRead, ImportItem, OwnerAffiliation, OwnerRecord

AffiliationKind = Literal["position", "education", "follow"]
AFFILIATION_SHAPES: dict[str, tuple[AffiliationKind, str, str | None, str, str | None]] = {
    # file: (kind, organization column, title column, start column, end column), formats.md
    "positions.csv": ("position", "Company Name", "Title", "Started On", "Finished On"),
    "education.csv": ("education", "School Name", "Degree Name", "Start Date", "End Date"),
    "company follows.csv": ("follow", "Organization", None, "Followed On", None),
}


def read_profile(archive: Archive, name: str | None) -> OwnerRecord:
    """The owner as ``Profile.csv`` (``name``, when the export has it) describes them."""
    if name is None:
        return OwnerRecord(source=SOURCE)
    with archive.table(name, ("First Name", "Last Name")) as table:
        row = next(table.rows(), None)
        if row is None:
            return OwnerRecord(source=SOURCE)

        def cell(column: str) -> str | None:
            index = table.index(column)
            return (row[index].strip() or None) if index is not None else None

        full = " ".join(p for p in (cell("First Name"), cell("Last Name")) if p)
        return OwnerRecord(
            source=SOURCE,
            name=full or None,
            headline=cell("Headline"),
            industry=cell("Industry"),
            location=cell("Geo Location"),
            summary=cell("Summary"),
        )


def affiliation_items(archive: Archive, name: str, sha256: str) -> Iterator[ImportItem]:
    """``Positions.csv``, ``Education.csv`` and ``Company Follows.csv`` as owner affiliations."""
    kind, org_column, title_column, start_column, end_column = AFFILIATION_SHAPES[name.lower()]
    rows = skipped = 0
    with archive.table(name, (org_column,)) as table:
        i_org = table.columns[org_column.lower()]
        i_title = table.index(title_column) if title_column else None
        i_start = table.index(start_column)
        i_end = table.index(end_column) if end_column else None
        i_location = table.index("Location")
        for row in table.rows():
            rows += 1
            organization = row[i_org].strip()
            if not organization:
                skipped += 1
                continue
            try:
                if kind == "follow":
                    text = row[i_start].strip() if i_start is not None else ""
                    started = _day_label(parse_unix_date(text)) if text else None
                    finished = None
                else:
                    started = month_label(row[i_start]) if i_start is not None else None
                    finished = month_label(row[i_end]) if i_end is not None else None
            except DateFormatError as exc:
                raise table.error(f"a date is not in the export's format ({exc})") from exc
            yield OwnerAffiliation(
                source=SOURCE,
                kind=kind,
                organization=organization,
                title=(row[i_title].strip() or None) if i_title is not None else None,
                location=(row[i_location].strip() or None) if i_location is not None else None,
                started_on=started,
                finished_on=finished,
            )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256)


def _day_label(epoch: int) -> str:
    """Epoch seconds -> ``'2021-09-28'`` (how a followed company's date is stored)."""
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))
