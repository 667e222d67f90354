"""LinkedIn data export (placeholder while the importer is written)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from netvalue.errors import UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions
from netvalue.records import ImportItem


def read_export(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    raise UnsupportedExportError(str(path), "the LinkedIn importer is not written yet")
    yield  # pragma: no cover


def detect(path: Path) -> bool:
    return path.name.endswith(".zip") and "LinkedInDataExport" in path.name


IMPORTER = Importer(
    source="linkedin",
    description="LinkedIn data export (the zip as downloaded, or its unpacked folder).",
    read=read_export,
    detect=detect,
    how_to_export="LinkedIn: Settings -> Data privacy -> Get a copy of your data.",
)
