"""``Invitations.csv``, endorsements and recommendations of LinkedIn's export.

Invitations are pending requests: they become :class:`InvitationRecord`s, never people or
connections.  An endorsement (only ``ACCEPTED``) or a recommendation (only ``VISIBLE``, or from a
file with no status) is an interaction of its kind: a service given (``*_Given``: ``sent``) or
received (``*_Received``: ``received``).  The person is keyed by the public URL where the file has
one, else by a connection of that exact, unique name, else by a hash of the name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from netvalue.importers.linkedin.archive import Archive, Table
from netvalue.importers.linkedin.dates import DateFormatError, parse_linkedin_date
from netvalue.importers.linkedin.people import SOURCE, Directory, UrlIdentities, stable_key
from netvalue.records import FileRead, Identity, InteractionRecord, InvitationRecord, PersonRecord

Activity = Iterator[InteractionRecord | InvitationRecord | PersonRecord | FileRead]


def _date(table: Table, row: list[str], index: int, column: str) -> int | None:
    try:
        return parse_linkedin_date(row[index])
    except DateFormatError as exc:
        raise table.error(f"{column!r} is not a date ({exc})") from exc


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None else ""


def invitation_items(archive: Archive, name: str, urls: UrlIdentities, sha256: str) -> Activity:
    """``From,To,Sent At,Message,Direction[,inviterProfileUrl,inviteeProfileUrl]``; the record names
    the other side (the inviter of an incoming invitation, the invitee of an outgoing one)."""
    rows = skipped = 0
    with archive.table(name, ("From", "To", "Sent At", "Direction")) as table:
        i_from, i_to, i_at, i_dir = (table.columns[c] for c in ("from", "to", "sent at", "direction"))
        i_message = table.index("Message")
        i_inviter, i_invitee = table.index("inviterProfileUrl"), table.index("inviteeProfileUrl")
        for row in table.rows():
            rows += 1
            direction = row[i_dir].strip().lower()
            if direction not in ("incoming", "outgoing"):
                skipped += 1
                continue
            sender, recipient, at_text = row[i_from].strip(), row[i_to].strip(), row[i_at].strip()
            sent_at = _date(table, row, i_at, "Sent At")
            incoming = direction == "incoming"
            url = urls(_cell(row, i_inviter if incoming else i_invitee))
            yield InvitationRecord(
                source=SOURCE,
                source_key=stable_key("invitation", sender, recipient, at_text),
                direction="incoming" if incoming else "outgoing",
                name=sender if incoming else recipient,
                sent_at=sent_at,
                message=_cell(row, i_message) or None,
                profile_url=url.value if url is not None else None,
            )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256)


def _person(
    directory: Directory, url: Identity | None, full_name: str
) -> tuple[Identity, PersonRecord | None]:
    """The identity of an endorser or recommender, and a person record if the export has not named them yet."""
    identity = url or directory.for_name(full_name, connection_only=True)
    if identity.value in directory.known:
        return identity, None
    directory.known.add(identity.value)
    return identity, PersonRecord(source=SOURCE, identities=(identity,), name=full_name)


def endorsement_items(
    archive: Archive,
    name: str,
    direction: Literal["sent", "received"],
    urls: UrlIdentities,
    directory: Directory,
    sha256: str,
) -> Activity:
    """``Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,[Endorser Public Url,]Endorsement
    Status`` (``Endorsee ...`` in the given file); only ``ACCEPTED`` endorsements count."""
    role = "Endorser" if direction == "received" else "Endorsee"
    required = ("Endorsement Date", "Skill Name", f"{role} First Name", f"{role} Last Name")
    rows = skipped = 0
    with archive.table(name, required) as table:
        i_at, i_skill, i_first, i_last = (table.columns[c.lower()] for c in required)
        i_url, i_status = table.index(f"{role} Public Url"), table.index("Endorsement Status")
        for row in table.rows():
            rows += 1
            status = _cell(row, i_status).upper()
            full_name = f"{row[i_first].strip()} {row[i_last].strip()}".strip()
            url = urls(_cell(row, i_url))
            if (i_status is not None and status != "ACCEPTED") or (not full_name and url is None):
                skipped += 1
                continue
            occurred = _date(table, row, i_at, "Endorsement Date")
            skill = row[i_skill].strip()
            identity, person = _person(directory, url, full_name)
            if person is not None:
                yield person
            yield InteractionRecord(
                source=SOURCE,
                source_key=stable_key("endorsement", direction, row[i_at].strip(), skill, identity),
                person=identity,
                kind="endorsement",
                direction=direction,
                occurred_at=occurred,
                title=skill or None,
                person_name=full_name or None,
            )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256)


def recommendation_items(
    archive: Archive,
    name: str,
    direction: Literal["sent", "received"],
    directory: Directory,
    sha256: str,
) -> Activity:
    """``First Name,Last Name,[Company,Job Title,]Text,Creation Date,Status``; only ``VISIBLE`` ones (or
    all, in a file with no ``Status``) count.  ``length`` is the text's length in characters."""
    required = ("First Name", "Last Name", "Creation Date")
    rows = skipped = 0
    with archive.table(name, required) as table:
        i_first, i_last, i_at = (table.columns[c.lower()] for c in required)
        i_text, i_status, i_title = table.index("Text"), table.index("Status"), table.index("Job Title")
        for row in table.rows():
            rows += 1
            status = _cell(row, i_status).upper()
            full_name = f"{row[i_first].strip()} {row[i_last].strip()}".strip()
            if (status and status != "VISIBLE") or not full_name:
                skipped += 1
                continue
            occurred = _date(table, row, i_at, "Creation Date")
            text = row[i_text] if i_text is not None else ""
            identity, person = _person(directory, None, full_name)
            if person is not None:
                yield person
            yield InteractionRecord(
                source=SOURCE,
                source_key=stable_key(
                    "recommendation", direction, row[i_at].strip(), identity, stable_key(text)
                ),
                person=identity,
                kind="recommendation",
                direction=direction,
                occurred_at=occurred,
                length=len(text),
                title=_cell(row, i_title) or None,
                person_name=full_name,
            )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256)
