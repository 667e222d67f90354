"""LinkedIn's export on disk: the zip as downloaded, or its unpacked folder, read as CSV tables.

The export's files may sit at the top of the zip or inside one folder; the folder holding
``Connections.csv`` is the export's root and every file is named relative to it
(``Connections.csv``, ``jobs/Saved Jobs.csv``).  Files are streamed, never read whole: a
``messages.csv`` of a heavy user runs to hundreds of megabytes.  Every way the bytes can be wrong (a
truncated or corrupt zip, text that is not UTF-8, broken CSV quoting) becomes an
:class:`~netvalue.errors.ImportFormatError` naming the file and, where known, the line.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers.archive import DAMAGE, MAX_STREAMED, open_member
from netvalue.importers.base import csv_error

_CHUNK = 1 << 20
ROOT_FILE = "connections.csv"
EXPECTED = (
    "expected LinkedIn's data export: the zip as downloaded (Basic_LinkedInDataExport_*.zip or "
    "Complete_LinkedInDataExport_*.zip) or its unpacked folder, holding Connections.csv"
)

# A message body can exceed the csv module's default field limit of 128 KiB (long pasted texts); 16 MiB
# is far above any (LinkedIn caps a message at a few thousand characters) and keeps one hostile field of
# gigabytes out of memory: past it the csv module raises, which is the project's error (ours).
FIELD_LIMIT = 16 << 20
csv.field_size_limit(FIELD_LIMIT)


class Digest(Protocol):
    """What :class:`Table` needs of a ``hashlib`` object to hash a file while reading it."""

    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


class _DigestingReader(io.RawIOBase):
    """A binary stream that feeds every byte read through it to ``digest`` (hashing a file during the
    one read that parses it, instead of in a read of its own)."""

    def __init__(self, raw: IO[bytes], digest: Digest) -> None:
        super().__init__()
        self._raw = raw
        self._digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self._digest.update(data)
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


class Archive:
    """An opened export: its files by lower-cased relative name, and ways to hash and read them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self.members: dict[str, str] = {}  # lower-cased relative name -> relative name as written
        self._where: dict[str, str] = {}  # relative name -> zip member name or file path
        if path.is_dir():
            self._open_folder(path)
        else:
            self._open_zip(path)

    # -- opening -------------------------------------------------------------------------------

    def _open_folder(self, path: Path) -> None:
        files = sorted(p for p in path.rglob("*") if p.is_file())
        roots = sorted(
            (p.parent for p in files if p.name.lower() == ROOT_FILE), key=lambda p: (len(p.parts), str(p))
        )
        if not roots:
            raise UnsupportedExportError(str(path), f"has no Connections.csv; {EXPECTED}")
        root = roots[0]
        for file in files:
            if root in file.parents:
                self._add(file.relative_to(root).as_posix(), str(file))

    def _open_zip(self, path: Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            names = [info.filename for info in self._zip.infolist() if not info.is_dir()]
        except DAMAGE as exc:
            raise ImportFormatError(
                str(path), f"is not a readable zip ({exc}); download the export again. {EXPECTED}"
            ) from exc
        roots = sorted(
            (str(PurePosixPath(n).parent) for n in names if PurePosixPath(n).name.lower() == ROOT_FILE),
            key=lambda r: (0 if r == "." else r.count("/") + 1, r),
        )
        if not roots:
            self.close()
            raise UnsupportedExportError(str(path), f"has no Connections.csv; {EXPECTED}")
        prefix = "" if roots[0] == "." else roots[0] + "/"
        for name in names:
            if name.startswith(prefix) and not name.startswith("__MACOSX/"):
                self._add(name[len(prefix) :], name)

    def _add(self, relative: str, where: str) -> None:
        self.members[relative.lower()] = relative
        self._where[relative] = where

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def label(self, name: str) -> str:
        """How errors name a file: ``export.zip:Connections.csv``, or the file's path in a folder."""
        if self._zip is not None:
            return f"{self.path.name}:{self._where[name]}"
        return self._where[name]

    def find(self, lower_name: str) -> str | None:
        """The relative name of a file of the export (case-insensitive), or ``None``."""
        return self.members.get(lower_name)

    def open_member(self, name: str) -> IO[bytes]:
        """A file of the export as a binary stream (the caller closes it)."""
        if self._zip is not None:
            return open_member(self._zip, self._where[name], self.label(name), MAX_STREAMED)
        return open(self._where[name], "rb")

    def size(self, name: str) -> int:
        """A file's size in bytes, uncompressed (as the zip's directory gives it)."""
        if self._zip is not None:
            return self._zip.getinfo(self._where[name]).file_size
        return Path(self._where[name]).stat().st_size

    def sha256(self, name: str) -> str:
        """SHA-256 of a file's bytes, checking on the way that it is UTF-8 text (it is read once)."""
        digest = hashlib.sha256()
        decoder = codecs.getincrementaldecoder("utf-8")()
        lines = 0
        offset = 0
        try:
            with self.open_member(name) as fh:
                while block := fh.read(_CHUNK):
                    digest.update(block)
                    try:
                        decoder.decode(block)
                    except UnicodeDecodeError as exc:
                        raise self._not_utf8(
                            name, offset + exc.start, lines + block[: exc.start].count(b"\n")
                        ) from exc
                    lines += block.count(b"\n")
                    offset += len(block)
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError as exc:
                    raise self._not_utf8(name, offset, lines) from exc
        except DAMAGE as exc:
            raise self.damaged(name, exc, None) from exc
        return digest.hexdigest()

    def _not_utf8(self, name: str, offset: int, lines_before: int) -> ImportFormatError:
        return ImportFormatError(
            self.label(name),
            f"is not UTF-8 text (byte {offset}); re-export it or save it as UTF-8",
            lines_before + 1,
        )

    def damaged(self, name: str, exc: BaseException, line: int | None) -> ImportFormatError:
        """The error for bytes that cannot be read (a truncated or corrupt zip member)."""
        return ImportFormatError(
            self.label(name), f"cannot be read from the export ({exc}); download the export again", line
        )

    def table(
        self,
        name: str,
        required: tuple[str, ...],
        *,
        header_hint: str | None = None,
        digest: Digest | None = None,
    ) -> Table:
        """A CSV file of the export as a :class:`Table` (its header found, ``required`` columns checked).

        With ``digest``, every byte of the file is fed to it as it is read: read the table to its end and
        ``digest.hexdigest()`` is the file's hash, as :meth:`sha256` would give it."""
        return Table(self, name, required, header_hint or (required[0] if required else None), digest)


class Table:
    """The rows of one CSV file, after its header; columns are found by name, never by position.

    ``header_hint`` is a column name the header row holds: rows before it (``Connections.csv``'s
    ``Notes:`` preamble) are skipped.  ``line`` is the 1-based line on which the row being read began.
    """

    def __init__(
        self,
        archive: Archive,
        name: str,
        required: tuple[str, ...],
        header_hint: str | None,
        digest: Digest | None = None,
    ) -> None:
        self.archive = archive
        self.name = name
        self.label = archive.label(name)
        self.line = 0
        raw = archive.open_member(name)
        self._raw: IO[bytes] = (
            raw if digest is None else io.BufferedReader(_DigestingReader(raw, digest), _CHUNK)
        )
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._text)
        self.columns: dict[str, int] = {}
        try:
            self._read_header(required, header_hint)
            self.header_lines = (
                self._reader.line_num
            )  # the lines read through the header row, preamble included
        except BaseException:
            self.close()
            raise

    def _read_header(self, required: tuple[str, ...], hint: str | None) -> None:
        first: list[str] | None = None
        for _ in range(20):
            row = self._next_raw()
            if row is None:
                break
            cells = [c.strip().lower() for c in row]
            if first is None and sum(1 for c in cells if c) > 1:
                first = row
            if hint is None or hint.lower() in cells:
                first = row
                break
        if first is None:
            if self.line == 0:  # an empty file (no line at all) holds no rows: nothing to read, not an error
                first = list(required)
            else:
                raise ImportFormatError(self.label, "has no header row", self.line)
        for index, cell in enumerate(first):
            self.columns.setdefault(cell.strip().lower(), index)
        missing = [c for c in required if c.lower() not in self.columns]
        if missing:
            raise ImportFormatError(
                self.label,
                f"has no {', '.join(repr(m) for m in missing)} column (its header is: {', '.join(first)[:200]})",
                self.line,
            )

    def _next_raw(self) -> list[str] | None:
        before = self._reader.line_num
        try:
            row = next(self._reader)
        except StopIteration:
            return None
        except (csv.Error, UnicodeDecodeError, *DAMAGE) as exc:
            raise self._read_error(exc, before + 1) from exc
        self.line = before + 1
        return row

    def index(self, column: str) -> int | None:
        """The position of ``column`` (case-insensitive, trimmed) in this file, or ``None``."""
        return self.columns.get(column.lower())

    @property
    def width(self) -> int:
        return max(self.columns.values(), default=-1) + 1

    def rows(self) -> Iterator[list[str]]:
        """Data rows, each padded to the header's width (a short row reads as empty cells)."""
        reader = self._reader
        width = self.width
        last = reader.line_num
        try:
            for row in reader:
                self.line = last + 1
                last = reader.line_num
                if len(row) < width:
                    row.extend([""] * (width - len(row)))
                yield row
        except (csv.Error, UnicodeDecodeError, *DAMAGE) as exc:
            raise self._read_error(exc, last + 1) from exc

    def _read_error(self, exc: Exception, line: int) -> ImportFormatError:
        """What went wrong reading line ``line``: bad CSV, text that is not UTF-8, or a damaged zip."""
        if isinstance(exc, csv.Error):
            return csv_error(self.label, exc, line)
        if isinstance(exc, UnicodeDecodeError):
            return ImportFormatError(self.label, "is not UTF-8 text; re-export it or save it as UTF-8", line)
        return self.archive.damaged(self.name, exc, line)

    def error(self, message: str) -> ImportFormatError:
        """An error about the row being read, naming this file and the row's line."""
        return ImportFormatError(self.label, message, self.line)

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
