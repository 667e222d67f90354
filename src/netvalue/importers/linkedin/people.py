"""Who is who in one LinkedIn export: the connections of ``Connections.csv`` and how a bare name or a
profile URL anywhere in the export becomes the :class:`~netvalue.records.Identity` that keys a person.

A person is keyed by their profile URL where the export gives one, so two "John Smith"s with
different URLs are two people.  Exports of 2021 and before have no ``URL`` column: a connection is
then keyed by a stable hash of name, company and connected-on (``Identity("key", ...)``), and also
by the profile URL that ``messages.csv`` shows for the same exact name, when that name belongs to
one connection only.  A name nothing else identifies is keyed by a hash of the name alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from netvalue.importers.linkedin.archive import Archive
from netvalue.importers.linkedin.dates import DateFormatError, parse_linkedin_date
from netvalue.keys import normalize_email, normalize_linkedin_url
from netvalue.records import Identity, PersonRecord

SOURCE = "linkedin"
CONNECTIONS_REQUIRED = ("First Name", "Last Name", "Connected On")


def stable_key(*parts: object) -> str:
    """A short stable hash of ``parts`` (SHA-1, hex): the key of a row that has no id of its own."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def name_identity(name: str) -> Identity:
    """The key of a person known only by a name (no URL, no unique connection of that name)."""
    return Identity("key", stable_key("name", name))


class UrlIdentities:
    """Profile URL text -> its ``linkedin`` identity, normalised once per distinct text.

    Every text naming the same profile gets the same :class:`Identity` object, so the hot loops can
    key their dictionaries by ``identity.value`` (a string, whose hash Python caches).
    """

    def __init__(self) -> None:
        self._by_text: dict[str, Identity | None] = {"": None}
        self._by_value: dict[str, Identity] = {}

    def __call__(self, raw: str) -> Identity | None:
        found = self._by_text.get(raw, False)
        if found is not False:
            return found  # type: ignore[return-value]
        value = normalize_linkedin_url(raw) if "linkedin.com/" in raw.lower() else ""
        identity = self._by_value.setdefault(value, Identity("linkedin", value)) if value else None
        self._by_text[raw] = identity
        return identity


@dataclass(frozen=True, slots=True)
class Connection:
    """One row of ``Connections.csv``."""

    name: str
    first_name: str
    last_name: str
    url: Identity | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: int | None


@dataclass(slots=True)
class ConnectionsFile:
    """What ``Connections.csv`` holds: its connections and how many rows it read and skipped."""

    connections: list[Connection]
    rows: int
    skipped: int
    has_url: bool


def read_connections(archive: Archive, name: str, urls: UrlIdentities) -> ConnectionsFile:
    """Parse ``Connections.csv`` (with or without the ``Notes:`` preamble and the ``URL`` column).

    Rows holding only commas (members who hide their profile) are skipped and counted.
    """
    found: list[Connection] = []
    rows = skipped = 0
    dates: dict[str, int | None] = {}  # 'Connected On' text -> epoch: a few thousand days for 30,000 rows
    with archive.table(name, CONNECTIONS_REQUIRED) as table:
        i_first, i_last, i_on = (table.columns[c.lower()] for c in CONNECTIONS_REQUIRED)
        i_url, i_email = table.index("URL"), table.index("Email Address")
        i_company, i_position = table.index("Company"), table.index("Position")
        for row in table.rows():
            rows += 1
            first, last = row[i_first].strip(), row[i_last].strip()
            url = urls(row[i_url].strip()) if i_url is not None else None
            if not first and not last and url is None:
                skipped += 1
                continue
            date_text = row[i_on]
            if date_text in dates:
                connected_on = dates[date_text]
            else:
                try:
                    connected_on = dates[date_text] = parse_linkedin_date(date_text)
                except DateFormatError as exc:
                    raise table.error(f"'Connected On' is not a date ({exc})") from exc
            email = row[i_email].strip() if i_email is not None else ""
            company = row[i_company].strip() if i_company is not None else ""
            position = row[i_position].strip() if i_position is not None else ""
            found.append(
                Connection(
                    name=f"{first} {last}".strip(),
                    first_name=first,
                    last_name=last,
                    url=url,
                    email=normalize_email(email) if "@" in email else None,
                    company=company or None,
                    position=position or None,
                    connected_on=connected_on,
                )
            )
    return ConnectionsFile(found, rows, skipped, i_url is not None)


class Directory:
    """Names and URLs of one export -> identities.

    ``message_urls`` maps a name to the one profile URL ``messages.csv`` shows for it (names shown
    with several URLs are left out: they are several people).
    """

    def __init__(self, connections: list[Connection], message_urls: dict[str, Identity]) -> None:
        self.message_urls = message_urls
        self.connection_identities: dict[Connection, tuple[Identity, ...]] = {}
        by_name: dict[str, list[Connection]] = {}
        for conn in connections:
            by_name.setdefault(conn.name, []).append(conn)
        self._unique: dict[str, Connection] = {n: c[0] for n, c in by_name.items() if len(c) == 1}
        for conn in connections:
            self.connection_identities[conn] = self._identities_of(conn)
        self.known: set[str] = {i.value for ids in self.connection_identities.values() for i in ids}
        """The ``value`` of every identity yielded so far (values of different kinds cannot collide: a
        URL holds ``linkedin.com/``, an e-mail ``@``, a key is 40 hex digits)."""
        self._by_name: dict[tuple[str, bool], Identity] = {}

    def _identities_of(self, conn: Connection) -> tuple[Identity, ...]:
        found: list[Identity] = []
        if conn.url is not None:
            found.append(conn.url)
        else:
            found.append(Identity("key", stable_key(conn.name, conn.company or "", conn.connected_on or "")))
            url = self.message_urls.get(conn.name) if self._unique.get(conn.name) is conn else None
            if url is not None:
                found.append(url)
        if conn.email:
            found.append(Identity("email", conn.email))
        return tuple(found)

    def for_name(self, name: str, *, connection_only: bool = False) -> Identity:
        """The identity of a person the export names without a URL.

        ``messages.csv`` recipients try the URL the file shows for that name first, then a connection
        of that exact, unique name; endorsements and recommendations (``connection_only``) only the
        connection.  Otherwise the name's own key.
        """
        found = self._by_name.get((name, connection_only))
        if found is None:
            conn = self._unique.get(name)
            by_connection = self.connection_identities[conn][0] if conn is not None else None
            by_message = None if connection_only else self.message_urls.get(name)
            found = by_message or by_connection or name_identity(name)
            self._by_name[(name, connection_only)] = found
        return found


def connection_records(connections: list[Connection], directory: Directory) -> Iterator[PersonRecord]:
    for conn in connections:
        yield PersonRecord(
            source=SOURCE,
            identities=directory.connection_identities[conn],
            name=conn.name,
            first_name=conn.first_name or None,
            last_name=conn.last_name or None,
            company=conn.company,
            position=conn.position,
            is_connection=True,
            connected_on=conn.connected_on,
        )
