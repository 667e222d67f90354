"""The files of a LinkedIn export: each file netvalue reads, with the one small parser that reads it, in
the order of the stream; and beside them the files left out on purpose, with why.

A parser takes the :class:`Export` read so far (the archive, the URLs seen, the connections' directory,
``messages.csv`` read once and scanned for the owner) and the file's name and SHA-256, and yields the
file's records and its :class:`~netvalue.records.FileRead`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from netvalue.importers.base import ImportOptions
from netvalue.importers.linkedin.activity import endorsement_items, invitation_items, recommendation_items
from netvalue.importers.linkedin.archive import Archive
from netvalue.importers.linkedin.message_file import MessagesFile
from netvalue.importers.linkedin.messages import MessageScan, message_items
from netvalue.importers.linkedin.people import ConnectionsFile, Directory, UrlIdentities, connection_records
from netvalue.importers.linkedin.profile import affiliation_items
from netvalue.records import FileRead, ImportItem


@dataclass(frozen=True, slots=True)
class Export:
    """What every file's parser may need: the export and what its first files told."""

    archive: Archive
    options: ImportOptions
    urls: UrlIdentities
    connections: ConnectionsFile
    directory: Directory
    messages: MessagesFile
    scan: MessageScan


Parser = Callable[[Export, str, str], Iterator[ImportItem]]


def _profile(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return iter([FileRead(name, rows=1, sha256=sha256)])  # read first, for the owner: see read_profile


def _affiliations(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return affiliation_items(export.archive, name, sha256)


def _connections(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    connections = export.connections
    yield from connection_records(connections.connections, export.directory)
    note = () if connections.has_url else ("no URL column: people keyed by name, company and date",)
    yield FileRead(name, rows=connections.rows, skipped=connections.skipped, sha256=sha256, notes=note)


def _messages(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return message_items(
        export.messages, name, export.urls, export.scan, export.directory, export.options, sha256
    )


def _invitations(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return invitation_items(export.archive, name, export.urls, sha256)


def _endorsements_received(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return endorsement_items(export.archive, name, "received", export.urls, export.directory, sha256)


def _endorsements_given(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return endorsement_items(export.archive, name, "sent", export.urls, export.directory, sha256)


def _recommendations_received(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return recommendation_items(export.archive, name, "received", export.directory, sha256)


def _recommendations_given(export: Export, name: str, sha256: str) -> Iterator[ImportItem]:
    return recommendation_items(export.archive, name, "sent", export.directory, sha256)


PARSERS: dict[str, Parser] = {
    "profile.csv": _profile,
    "positions.csv": _affiliations,
    "education.csv": _affiliations,
    "company follows.csv": _affiliations,
    "connections.csv": _connections,
    "messages.csv": _messages,
    "invitations.csv": _invitations,
    "endorsement_received_info.csv": _endorsements_received,
    "endorsement_given_info.csv": _endorsements_given,
    "recommendations_received.csv": _recommendations_received,
    "recommendations_given.csv": _recommendations_given,
}
"""Each file read (lower-cased) -> its parser, in the order of the stream."""

USED = tuple(PARSERS)
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
is listed as ignored too, as ``not used`` (and anything under ``jobs/`` as job search)."""


def ignored_reason(lower: str) -> str:
    """Why a file the export holds and no parser reads is left out."""
    reason = IGNORED_ON_PURPOSE.get(lower)
    if reason is None and lower.startswith("jobs/"):
        reason = "job search"
    return reason or "not used"
