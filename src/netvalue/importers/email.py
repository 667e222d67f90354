"""E-mail: mbox (Gmail Takeout, Thunderbird, Apple Mail, Python-written), Maildir, ``.eml`` files.

Headers only: who wrote to whom, when, about what (the subject).  Bodies are never read into
records, stored or decoded.  The importer only parses: every message becomes one
:class:`~netvalue.records.EmailMessageRecord` (the raw layer, with the folder it sat in, whether that
is a sent folder, its delivery addresses and its list or bulk header evidence), plus the folder
headers that name the mailbox (:class:`~netvalue.records.EmailFolderHints`).  Copies of one message
(the same Message-ID in several folders, or the same sender, Date, Subject and recipients under
different Message-IDs: both happen) are one message (:func:`dedupe_key`).

Who the owner is (every address, and delegates), which senders are machines, and the interactions
are derived from all the raw rows in the database after the import (``netvalue.identity.mailbox``,
``netvalue.importing.derive_email``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from netvalue.errors import ImportFormatError, UnsupportedExportError, map_errors
from netvalue.importers.archive import unreadable
from netvalue.importers.base import Importer, ImportOptions, sha256_of_file
from netvalue.importers.email_headers import MALFORMED, MessageHeaders
from netvalue.importers.mbox_scan import SEPARATOR, read_message_headers, summarize_mbox
from netvalue.records import EmailFolderHints, EmailMessageRecord, FileIgnored, FileRead, ImportItem

SOURCE = "email"
OUTLOOK_SUFFIXES = frozenset({".pst", ".ost", ".olm", ".msg"})
CONVERT_HINT = (
    "is an Outlook file, not mail netvalue can read; convert it to mbox first: for .pst/.ost "
    "`readpst -r -o OUTDIR FILE` (package pst-utils), for .olm export from Outlook for Mac as .mbox "
    "(File > Export) or import it into Apple Mail, for .msg save the messages as .eml; then "
    "netvalue import email OUTDIR"
)
# Folder names that hold the owner's own mail (Gmail, Thunderbird, Apple Mail, Outlook, Enron). Ours.
SENT_FOLDERS = frozenset({"sent", "sent mail", "sent items", "sent messages", "outbox sent"})
_HASH_BLOCK = 8 << 20


@dataclass(frozen=True, slots=True)
class MailFolder:
    """One unit of the report: an mbox file, a Maildir, or the ``.eml`` files of one folder."""

    kind: Literal["mbox", "maildir", "eml"]
    path: Path
    name: str
    messages: tuple[Path, ...] = ()  # the message files of a Maildir or an .eml folder
    sent: bool = False  # a folder of the owner's sent mail


# -- finding the mail ----------------------------------------------------------------------------


def folder_label(path: Path) -> str:
    """``Sent Messages.mbox/mbox`` -> ``sent messages``; ``enron.allen-p._sent_mail`` -> ``sent mail``;
    ``.INBOX.Sent`` -> ``sent``."""
    name = path.parent.name if path.name == "mbox" else path.name
    name = name.removesuffix(".mbox").removesuffix(".eml").lstrip(".")
    name = name.rsplit(".", 1)[-1]
    return " ".join(name.replace("_", " ").replace("-", " ").lower().split())


def looks_like_mbox(path: Path) -> bool:
    """The file starts (after blank lines) with an mbox separator line followed by a header."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    return SEPARATOR.match(head.lstrip(b"\r\n")) is not None


def find_mail(root: Path) -> tuple[list[MailFolder], list[FileIgnored]]:
    """The mail under ``root`` (a file or a folder), and the files found there that are not mail."""
    if root.is_file():
        if root.suffix.lower() in OUTLOOK_SUFFIXES:
            raise UnsupportedExportError(root.name, CONVERT_HINT)
        if root.suffix.lower() == ".eml":
            return [MailFolder("eml", root, root.name, (root,))], []
        if not looks_like_mbox(root):
            raise ImportFormatError(
                root.name, "is not mail: an mbox file starts with a 'From <sender> <date>' line, then headers"
            )
        return [MailFolder("mbox", root, root.name, sent=folder_label(root) in SENT_FOLDERS)], []
    found: list[MailFolder] = []
    ignored: list[FileIgnored] = []
    outlook: list[str] = []
    for here, dirs, files in os.walk(root):
        dirs.sort()
        folder = Path(here)
        shown = str(folder.relative_to(root)) if folder != root else root.name
        if {"cur", "new"} & set(dirs) and all((folder / d).is_dir() for d in {"cur", "new"} & set(dirs)):
            messages = tuple(
                sorted(
                    p
                    for d in ("cur", "new")
                    if (folder / d).is_dir()
                    for p in (folder / d).iterdir()
                    if p.is_file()
                )
            )
            found.append(MailFolder("maildir", folder, shown, messages, folder_label(folder) in SENT_FOLDERS))
            dirs[:] = [d for d in dirs if d not in ("cur", "new", "tmp")]
        emls: list[Path] = []
        for file_name in sorted(files):
            file = folder / file_name
            rel = str(file.relative_to(root))
            suffix = file.suffix.lower()
            if suffix == ".eml":
                emls.append(file)
            elif suffix in OUTLOOK_SUFFIXES:
                outlook.append(rel)
                ignored.append(
                    FileIgnored(rel, "Outlook file: convert it to mbox with readpst (pst-utils) first")
                )
            elif suffix == ".msf":
                ignored.append(FileIgnored(rel, "Thunderbird index"))
            elif not file_name.startswith(".") and looks_like_mbox(file):
                found.append(MailFolder("mbox", file, rel, sent=folder_label(file) in SENT_FOLDERS))
            else:
                ignored.append(FileIgnored(rel, "not mail"))
        if emls:
            found.append(MailFolder("eml", folder, shown, tuple(emls), folder_label(folder) in SENT_FOLDERS))
    if not found:
        if outlook:
            raise UnsupportedExportError(outlook[0], CONVERT_HINT)
        raise ImportFormatError(root.name, "holds no mail: no mbox file, Maildir (cur/, new/) or .eml files")
    return found, ignored


def folder_sha256(folder: MailFolder) -> str:
    """SHA-256 of an mbox file, or of a folder's message files (relative name and content)."""
    if folder.kind == "mbox":
        return sha256_of_file(folder.path, _HASH_BLOCK)
    digest = hashlib.sha256()
    for message in folder.messages:
        digest.update(
            str(message.relative_to(folder.path) if folder.path.is_dir() else message.name).encode()
        )
        digest.update(sha256_of_file(message).encode())
    return digest.hexdigest()


def messages_of(folder: MailFolder) -> Iterator[list[MessageHeaders]]:
    """The headers of a folder's messages, in batches, in file order."""
    if folder.kind == "mbox":
        with map_errors(OSError, unreadable(folder.name)):
            yield from summarize_mbox(folder.path)
        return
    batch: list[MessageHeaders] = []
    for message in folder.messages:
        with map_errors(OSError, unreadable(str(message))):
            batch.append(read_message_headers(message))
        if len(batch) >= 4096:
            yield batch
            batch = []
    if batch:
        yield batch


# -- turning headers into raw message records ----------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """What one folder's messages came to (for its FileRead)."""

    messages: int = 0
    malformed: int = 0
    duplicates: int = 0
    undated: int = 0  # dated outside the mailbox's timeline, recorded as undated


def dedupe_key(message: MessageHeaders) -> str:
    """The key under which copies of one message are one row: the same sender, Date, Subject and
    recipients (which also catches the same Message-ID in several folders, and copies given new
    Message-IDs: both happen), or for an undated message its Message-ID.  The recipients count too: two
    sent messages with one Date and Subject to different people are two."""
    if not message.date_raw:
        return "m:" + message.message_key
    text = "\x00".join(
        (
            message.sender,
            str(message.occurred_at) if message.occurred_at is not None else message.date_raw,
            message.subject,
            *sorted(address for address, _ in message.recipients),
        )
    )
    return "d:" + hashlib.sha1(text.encode("utf-8", "replace"), usedforsecurity=False).hexdigest()


@dataclass(slots=True)
class _Emitter:
    """Raw message records from parsed headers; a copy seen before in this import is skipped (counted),
    unless it is the first copy found in a sent folder or has a smaller Message-ID (the store keeps both
    facts, so that the stored row does not depend on which copy came first)."""

    seen: dict[str, tuple[bool, str]] = field(default_factory=dict)  # key -> (in a sent folder, least id)
    hints: set[tuple[str, str]] = field(default_factory=set)

    def emit(
        self, folder: MailFolder, messages: Iterable[MessageHeaders], tally: _Tally
    ) -> Iterator[EmailMessageRecord]:
        for message in messages:
            tally.messages += 1
            if message.status == MALFORMED:
                tally.malformed += 1
                continue
            if message.folder_hints:
                self.hints.update(message.folder_hints)
            key = dedupe_key(message)
            in_sent = folder.sent or message.labelled_sent
            known = self.seen.get(key)
            if known is not None:
                tally.duplicates += 1
                was_sent, least = known
                if (was_sent or not in_sent) and message.message_key >= least:
                    continue
                self.seen[key] = (was_sent or in_sent, min(least, message.message_key))
            else:
                self.seen[key] = (in_sent, message.message_key)
            yield EmailMessageRecord(
                dedupe_key=key,
                message_key=message.message_key,
                conversation_id=message.conversation_id,
                sender=message.sender,
                sender_name=message.sender_name,
                occurred_at=message.occurred_at,
                subject=message.subject,
                folder=folder.name,
                in_sent=in_sent,
                recipients=tuple(
                    (address, name, role)
                    for (address, name), role in zip(
                        message.recipients, message.roles or ("to",) * len(message.recipients), strict=True
                    )
                ),
                delivered_to=message.delivered_to,
                machine_headers=message.machine_headers,
            )

    def folder_hints(self) -> Iterator[EmailFolderHints]:
        if self.hints:
            yield EmailFolderHints(tuple(sorted(self.hints)))
            self.hints.clear()


def file_read(folder: MailFolder, tally: _Tally, sha256: str) -> FileRead:
    notes = [f"{tally.duplicates:,} duplicates read once"] if tally.duplicates else []
    return FileRead(folder.name, tally.messages, tally.malformed, sha256, notes=tuple(notes))


# -- the import ----------------------------------------------------------------------------------


def read_mail(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """Every message of the mail at ``path`` as an :class:`EmailMessageRecord` (the raw layer), with
    each folder's hints and a :class:`FileRead`; a folder imported before unchanged is not parsed.
    Who the owner is, which senders are machines, and the interactions follow from every message in
    the database, not from one import (``netvalue.importing.derive_email``)."""
    folders, ignored = find_mail(path)
    emitter = _Emitter()
    for folder in folders:
        sha = folder_sha256(folder)
        if not options.force and sha in options.known_hashes:
            yield FileRead(folder.name, 0, 0, sha, unchanged=True)
            continue
        tally = _Tally()
        for batch in messages_of(folder):
            yield from emitter.emit(folder, batch, tally)
        yield from emitter.folder_hints()
        yield file_read(folder, tally, sha)
    yield from ignored


def detect(path: Path) -> bool:
    """An mbox file, an ``.eml``, an Outlook file (to explain how to convert it), an Apple Mail
    ``.mbox`` folder, a Maildir, or a folder whose files are mbox or ``.eml``."""
    if path.is_file():
        suffix = path.suffix.lower()
        return suffix in OUTLOOK_SUFFIXES or suffix == ".eml" or looks_like_mbox(path)
    if not path.is_dir():
        return False
    if (path / "cur").is_dir() and (path / "new").is_dir():
        return True
    if path.name.endswith(".mbox") and (path / "mbox").is_file():
        return True
    try:
        children = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))[:50]
    except OSError:
        return False
    return any(p.suffix.lower() == ".eml" or looks_like_mbox(p) for p in children)


IMPORTER = Importer(
    source=SOURCE,
    description="E-mail headers: an mbox file (Gmail Takeout, Thunderbird, Apple Mail), a Maildir, or .eml files.",
    read=read_mail,
    detect=detect,
    how_to_export=(
        "Gmail: takeout.google.com -> Mail -> the 'All mail Including Spam and Trash.mbox' file. "
        "Thunderbird: the profile's Mail/ folder (files without extension). "
        "Apple Mail: Mailbox -> Export Mailbox (a Name.mbox folder). "
        "Outlook .pst: convert with readpst (pst-utils) to mbox first."
    ),
    name_trust=2,
)
