"""What every importer is: a parser from an export on disk to a stream of records, with no SQL."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netvalue.errors import ImportFormatError
from netvalue.records import ImportItem


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Settings an import may need.

    ``known_hashes``: SHA-256 of files already imported completely; an importer may yield
    ``FileRead(unchanged=True)`` for such a file instead of parsing it again (``force`` turns this off).
    ``max_group``: messages to more recipients than this count as co-occurrence only (Kossinets &
    Watts 2006: 4).  ``region``: where phone numbers without a country code are read.
    ``mapping``: column -> field for the generic CSV importer.
    """

    known_hashes: frozenset[str] = frozenset()
    force: bool = False
    owner_emails: tuple[str, ...] = ()
    max_group: int = 4
    region: str = "US"
    mapping: tuple[tuple[str, str], ...] = ()
    now: int | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


Reader = Callable[[Path, ImportOptions], Iterator[ImportItem]]


@dataclass(frozen=True, slots=True)
class Importer:
    """One source netvalue can import: ``netvalue import <source> PATH``."""

    source: str
    description: str
    read: Reader
    detect: Callable[[Path], bool]
    how_to_export: str


def sha256_of_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text with a leading BOM dropped; anything else is the project's import error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            name, f"is not UTF-8 text (byte {exc.start}); re-export it or save it as UTF-8", line
        ) from exc
    return text[1:] if text.startswith("\ufeff") else text


def csv_error(name: str, exc: csv.Error, line: int | None) -> ImportFormatError:
    return ImportFormatError(name, f"is not valid CSV ({exc})", line)
