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

import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions
from netvalue.importers.linkedin_activity import endorsement_items, invitation_items, recommendation_items
from netvalue.importers.linkedin_archive import ROOT_FILE, Archive
from netvalue.importers.linkedin_dates import DateFormatError, month_label, parse_unix_date
from netvalue.importers.linkedin_message_file import MessageColumns, MessagesFile, read_messages
from netvalue.importers.linkedin_messages import MessageScan, message_items, scan
from netvalue.importers.linkedin_people import (
    SOURCE,
    ConnectionsFile,
    Directory,
    UrlIdentities,
    connection_records,
    read_connections,
)
from netvalue.records import FileIgnored, FileRead, ImportItem, OwnerAffiliation, OwnerRecord

USED = (
    "profile.csv",
    "positions.csv",
    "education.csv",
    "company follows.csv",
    "connections.csv",
    "messages.csv",
    "invitations.csv",
    "endorsement_received_info.csv",
    "endorsement_given_info.csv",
    "recommendations_received.csv",
    "recommendations_given.csv",
)
"""The files read, in the order they are read (lower-cased)."""

IGNORED_ON_PURPOSE = {
    "ad_targeting.csv": "advertising profile",
    "ads clicked.csv": "advertising",
    "inferences_about_you.csv": "advertising profile",
    "contacts.csv": "your uploaded address book: import its source instead",
    "email addresses.csv": "your own addresses",
    "phonenumbers.csv": "your own numbers",
    "registration.csv": "your account",
    "logins.csv": "your account",
    "security challenges.csv": "your account",
    "member_follows.csv": "people you follow, not ties",
    "reactions.csv": "your activity",
    "votes.csv": "your activity",
    "shares.csv": "your activity",
    "comments.csv": "your activity",
    "rich media.csv": "your activity",
    "searchqueries.csv": "your activity",
    "learning.csv": "your activity",
    "skills.csv": "your profile",
    "languages.csv": "your profile",
    "certifications.csv": "your profile",
    "courses.csv": "your profile",
    "projects.csv": "your profile",
    "publications.csv": "your profile",
    "honors.csv": "your profile",
    "savedjobalerts.csv": "job search",
    "job applicant saved answers.csv": "job search",
    "job applicant saved screening question responses.csv": "job search",
}
"""Files of the export that carry nothing about relationships (``formats.md``); any other unknown file
is listed as ignored too, as ``not used``."""

_Parse = Callable[[str, str], Iterator[ImportItem]]

AffiliationKind = Literal["position", "education", "follow"]
_AFFILIATION_SHAPES: dict[str, tuple[AffiliationKind, str, str | None, str, str | None]] = {
    # file: (kind, organization column, title column, start column, end column), formats.md
    "positions.csv": ("position", "Company Name", "Title", "Started On", "Finished On"),
    "education.csv": ("education", "School Name", "Degree Name", "Start Date", "End Date"),
    "company follows.csv": ("follow", "Organization", None, "Followed On", None),
}
"""Parses one file: ``(name, sha256)`` -> its records and :class:`FileRead`."""


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
        archive, urls = self.archive, self.urls
        owner = self._read_profile()
        connections_name = self.names["connections.csv"]
        if connections_name is None:  # Archive refuses such an export already; this keeps the type exact
            raise UnsupportedExportError(str(archive.path), "has no Connections.csv")
        messages_name = self.names["messages.csv"]
        scan_result = MessageScan(None, frozenset({owner.name} if owner.name else ()), {}, {})
        messages: MessagesFile | None = None
        # Connections.csv is read on a thread of its own, through its own handle on the export, while this
        # one reads messages.csv (mostly waiting for the worker processes, see linkedin_message_file):
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
        yield OwnerRecord(
            source=SOURCE,
            name=owner.name,
            identities=(scan_result.owner,) if scan_result.owner is not None else (),
            headline=owner.headline,
            industry=owner.industry,
            location=owner.location,
            summary=owner.summary,
        )
        yield from self._maybe("profile.csv", lambda n, h: iter([FileRead(n, rows=1, sha256=h)]))
        for lower in ("positions.csv", "education.csv", "company follows.csv"):
            yield from self._maybe(lower, self._affiliations)
        directory = Directory(connections.connections, scan_result.name_urls)

        def connection_items(name: str, sha256: str) -> Iterator[ImportItem]:
            yield from connection_records(connections.connections, directory)
            note = () if connections.has_url else ("no URL column: people keyed by name, company and date",)
            yield FileRead(
                name, rows=connections.rows, skipped=connections.skipped, sha256=sha256, notes=note
            )

        yield from self._maybe("connections.csv", connection_items)
        yield from self._maybe(
            "messages.csv",
            lambda n, h: message_items(messages, n, urls, scan_result, directory, self.options, h),
        )
        yield from self._maybe("invitations.csv", lambda n, h: invitation_items(archive, n, urls, h))
        yield from self._maybe(
            "endorsement_received_info.csv",
            lambda n, h: endorsement_items(archive, n, "received", urls, directory, h),
        )
        yield from self._maybe(
            "endorsement_given_info.csv",
            lambda n, h: endorsement_items(archive, n, "sent", urls, directory, h),
        )
        yield from self._maybe(
            "recommendations_received.csv",
            lambda n, h: recommendation_items(archive, n, "received", directory, h),
        )
        yield from self._maybe(
            "recommendations_given.csv", lambda n, h: recommendation_items(archive, n, "sent", directory, h)
        )

    def _maybe(self, lower: str, parse: _Parse) -> Iterator[ImportItem]:
        """``parse(name, sha256)``'s items when the file must be parsed, its unchanged marker otherwise
        (a plain function returning the parser's own iterator: one generator less per record)."""
        name = self._fresh(lower)
        if name is not None:
            return parse(name, self.hashes[name])
        marker = self._unchanged(lower)
        return iter([marker] if marker is not None else [])

    def _read_profile(self) -> OwnerRecord:
        name = self.names["profile.csv"]
        if name is None:
            return OwnerRecord(source=SOURCE)
        with self.archive.table(name, ("First Name", "Last Name")) as table:
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

    def _affiliations(self, name: str, sha256: str) -> Iterator[ImportItem]:
        """``Positions.csv``, ``Education.csv`` and ``Company Follows.csv`` as owner affiliations."""
        lower = name.lower()
        shape = _AFFILIATION_SHAPES[lower]
        kind, org_column, title_column, start_column, end_column = shape
        rows = skipped = 0
        with self.archive.table(name, (org_column,)) as table:
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

    def ignored(self) -> Iterator[FileIgnored]:
        used = {name for name in self.names.values() if name is not None}
        for lower, name in sorted(self.archive.members.items()):
            if name in used:
                continue
            reason = IGNORED_ON_PURPOSE.get(lower)
            if reason is None and lower.startswith("jobs/"):
                reason = "job search"
            yield FileIgnored(name, reason or "not used")


def _read_connections_apart(path: Path, name: str, urls: UrlIdentities) -> ConnectionsFile:
    """``Connections.csv`` read through a handle of its own on the export (a zip's handle is not made to
    be shared between threads)."""
    with Archive(path) as own:
        return read_connections(own, name, urls)


def _day_label(epoch: int) -> str:
    """Epoch seconds -> ``'2021-09-28'`` (how a followed company's date is stored)."""
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


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
