"""LinkedIn's data export: ``netvalue import linkedin PATH``.

PATH is the zip as downloaded (``Basic_LinkedInDataExport_*.zip``, ``Complete_LinkedInDataExport_*.zip``,
or any zip holding ``Connections.csv``, possibly inside one folder) or its unpacked folder.  The file
shapes are in ``../shared/reference/formats.md`` ("LinkedIn data export").

The stream, in order: the owner (``Profile.csv``, and the URL ``messages.csv`` shows for them), so the
store never makes the owner a person; the owner's positions, schools and followed companies;
connections; messages; invitations; endorsements and recommendations; then every other file of the
export as ignored.  After each file a :class:`FileRead`; a file whose SHA-256 was imported before is
not parsed again (``FileRead(unchanged=True)``) unless ``options.force``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions
from netvalue.importers.linkedin.archive import ROOT_FILE, Archive
from netvalue.importers.linkedin.files import (
    IGNORED_ON_PURPOSE,
    PARSERS,
    USED,
    Export,
    Parser,
    ignored_reason,
)
from netvalue.importers.linkedin.message_file import MessageColumns, MessagesFile, read_messages
from netvalue.importers.linkedin.messages import MessageScan, scan
from netvalue.importers.linkedin.people import (
    SOURCE,
    ConnectionsFile,
    Directory,
    UrlIdentities,
    read_connections,
)
from netvalue.importers.linkedin.profile import read_profile
from netvalue.records import FileIgnored, FileRead, ImportItem, OwnerRecord

__all__ = ["IGNORED_ON_PURPOSE", "IMPORTER", "USED", "detect", "read_export"]


def detect(path: Path) -> bool:
    """A zip or folder holding ``Connections.csv`` (at its top or one folder down), or a zip named as
    LinkedIn names its exports."""
    if path.is_dir():
        return any(p.name.lower() == ROOT_FILE for p in (*path.iterdir(), *path.glob("*/*")) if p.is_file())
    if "LinkedInDataExport" in path.name and path.suffix.lower() == ".zip":
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return any(n.lower().rsplit("/", 1)[-1] == ROOT_FILE for n in archive.namelist())
    except (OSError, zipfile.BadZipFile, EOFError):
        return False


def read_export(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """The export at ``path`` as records (see the module docstring for the order)."""
    with Archive(path) as archive:
        reader = _ExportReader(archive, options)
        yield from reader.parsed_items() if reader.anything_to_parse() else reader.unchanged_markers()
        yield from reader.ignored()


class _ExportReader:
    """One reading of an export: its files' hashes (read first, or for ``messages.csv`` during its one
    read, which also precedes the first record: a damaged or non-UTF-8 file fails before any record is
    yielded), which of them must be parsed, and the parsers in stream order."""

    def __init__(self, archive: Archive, options: ImportOptions) -> None:
        self.archive = archive
        self.options = options
        self.urls = UrlIdentities()
        self.names = {lower: archive.find(lower) for lower in USED}
        # messages.csv, by far the largest file, is hashed during the one read that parses it when it is
        # parsed whatever its hash (a first import, or forced): a read of its own cost ~0.4x the bare
        # read of the whole export (benchmarks/import_linkedin.py).  Otherwise its hash decides.
        self.messages_hashed_late = options.force or not options.known_hashes
        self.hashes = {
            name: archive.sha256(name)
            for lower, name in self.names.items()
            if name is not None and not (lower == "messages.csv" and self.messages_hashed_late)
        }

    def _fresh(self, lower: str) -> str | None:
        """The file's name when it is present and must be parsed (new, changed, or forced)."""
        name = self.names[lower]
        if name is None:
            return None
        if (
            self.options.force
            or name not in self.hashes
            or self.hashes[name] not in self.options.known_hashes
        ):
            return name
        return None

    def _unchanged(self, lower: str) -> FileRead | None:
        name = self.names[lower]
        return FileRead(name, rows=0, sha256=self.hashes[name], unchanged=True) if name is not None else None

    def anything_to_parse(self) -> bool:
        return any(self._fresh(lower) for lower in USED)

    def unchanged_markers(self) -> Iterator[FileRead]:
        return iter([marker for lower in USED if (marker := self._unchanged(lower)) is not None])

    def parsed_items(self) -> Iterator[ImportItem]:
        owner = read_profile(self.archive, self.names["profile.csv"])
        export = self._read_people(owner)
        yield OwnerRecord(
            source=SOURCE,
            name=owner.name,
            identities=(export.scan.owner,) if export.scan.owner is not None else (),
            headline=owner.headline,
            industry=owner.industry,
            location=owner.location,
            summary=owner.summary,
        )
        for lower, parse in PARSERS.items():
            yield from self._maybe(lower, parse, export)

    def _read_people(self, owner: OwnerRecord) -> Export:
        """``Connections.csv`` and ``messages.csv`` (read once, scanned for the owner and the URLs the
        other files' names stand for): what every file's parser may need."""
        archive, urls = self.archive, self.urls
        connections_name = self.names["connections.csv"]
        if connections_name is None:  # Archive refuses such an export already; this keeps the type exact
            raise UnsupportedExportError(str(archive.path), "has no Connections.csv")
        messages_name = self.names["messages.csv"]
        scan_result = MessageScan(None, frozenset({owner.name} if owner.name else ()), {}, {})
        messages: MessagesFile | None = None
        # Connections.csv is read on a thread of its own, through its own handle on the export, while this
        # one reads messages.csv (mostly waiting for the worker processes, see linkedin.message_file):
        # ~0.3 s less of the ~6 s import of benchmarks/import_linkedin.py.
        with ThreadPoolExecutor(1, thread_name_prefix="Connections.csv") as reading:
            connections_read = reading.submit(_read_connections_apart, archive.path, connections_name, urls)
            if messages_name is not None and (self._fresh("messages.csv") or self._fresh("connections.csv")):
                late = messages_name not in self.hashes
                try:
                    messages = read_messages(
                        archive,
                        messages_name,
                        keep_messages=self._fresh("messages.csv") is not None,
                        hashed=late,
                    )
                except ImportFormatError:
                    connections_read.result()  # an error in Connections.csv, read first, is reported first
                    raise
                if late:
                    self.hashes[messages_name] = messages.sha256
            connections = connections_read.result()
        if messages is not None:
            scan_result = scan(messages, urls, owner.name)
        else:
            messages = MessagesFile([], {}, MessageColumns(), 0, 0, "")
        directory = Directory(connections.connections, scan_result.name_urls)
        return Export(archive, self.options, urls, connections, directory, messages, scan_result)

    def _maybe(self, lower: str, parse: Parser, export: Export) -> Iterator[ImportItem]:
        """``parse``'s items when the file must be parsed, its unchanged marker otherwise (a plain function
        returning the parser's own iterator: one generator less per record)."""
        name = self._fresh(lower)
        if name is not None:
            return parse(export, name, self.hashes[name])
        marker = self._unchanged(lower)
        return iter([marker] if marker is not None else [])

    def ignored(self) -> Iterator[FileIgnored]:
        used = {name for name in self.names.values() if name is not None}
        for lower, name in sorted(self.archive.members.items()):
            if name in used:
                continue
            yield FileIgnored(name, ignored_reason(lower))


def _read_connections_apart(path: Path, name: str, urls: UrlIdentities) -> ConnectionsFile:
    """``Connections.csv`` read through a handle of its own on the export (a zip's handle is not made to
    be shared between threads)."""
    with Archive(path) as own:
        return read_connections(own, name, urls)


IMPORTER = Importer(
    source="linkedin",
    description="LinkedIn data export (the zip as downloaded, or its unpacked folder).",
    read=read_export,
    detect=detect,
    how_to_export=(
        "LinkedIn: Settings -> Data privacy -> Get a copy of your data; choose the full archive or at least "
        "Connections and Messages, then give the zip LinkedIn e-mails you (or its unpacked folder)."
    ),
    name_trust=8,
)
