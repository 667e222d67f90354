"""E-mail: mbox (Gmail Takeout, Thunderbird, Apple Mail, Python-written), Maildir, ``.eml`` files.

Headers only: who wrote to whom, when, about what (the subject).  Bodies are never read into
records, stored or decoded.  How the records are drawn from a message:

- The owner's addresses are ``ImportOptions.owner_emails``, or else inferred: the most frequent
  ``From`` of the messages Gmail labels ``Sent`` or that sit in a folder named like *Sent*; failing
  that, the address on the most messages (see :func:`infer_owner`).  The :class:`OwnerRecord` comes first in the stream.
- From an owner's address: ``sent``, one interaction per recipient (To, Cc, Bcc less the owner's
  addresses), ``group_size`` the number of recipients.  Otherwise ``received``: the sender is the
  counterpart; the other recipients get ``bulk`` records (they co-occur, their tie is not evidenced).
- A message to more than ``max_group`` recipients is ``bulk`` (co-occurrence only): Kossinets & Watts
  (2006), "Empirical analysis of an evolving social network", Science 311, treat a message to n
  people as n one-to-one messages and set larger ones aside; 4 is their cut-off.
- List and machine mail (``List-Id``, ``List-Unsubscribe``, ``Precedence: bulk``, ``Auto-Submitted``,
  ``noreply@``-like senders) is kept out of people entirely.
- One interaction per message: the same Message-ID in several folders, or the same sender, Date and
  Subject under different Message-IDs (both happen), is read once, the first copy wins.
- Names: the display names, else the names Exchange and Lotus Notes keep in ``X-From``/``X-To``/
  ``X-cc``/``X-bcc`` (:mod:`netvalue.importers.exchange_names`).
- Dates: a ``Date`` far from the ``Received`` time gives way to it
  (:func:`netvalue.importers.email_headers.honest_date`); a date far outside the mailbox's own timeline
  is recorded as unknown (:mod:`netvalue.importers.mail_timeline`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions, sha256_of_file
from netvalue.importers.email_headers import MALFORMED, OK, MessageHeaders
from netvalue.importers.exchange_names import settle_name
from netvalue.importers.mail_timeline import plausible_span, within
from netvalue.importers.mbox_scan import SEPARATOR, read_message_headers, summarize_mbox
from netvalue.keys import normalize_email
from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    InteractionRecord,
    OwnerRecord,
    PersonRecord,
)

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
        try:
            yield from summarize_mbox(folder.path)
        except OSError as exc:
            raise ImportFormatError(folder.name, f"cannot be read ({exc.strerror or exc})") from exc
        return
    batch: list[MessageHeaders] = []
    for message in folder.messages:
        try:
            batch.append(read_message_headers(message))
        except OSError as exc:
            raise ImportFormatError(str(message), f"cannot be read ({exc.strerror or exc})") from exc
        if len(batch) >= 4096:
            yield batch
            batch = []
    if batch:
        yield batch


# -- turning headers into records ----------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """What one folder's messages came to (for its FileRead)."""

    messages: int = 0
    malformed: int = 0
    automated: int = 0
    duplicates: int = 0
    undated: int = 0  # dated outside the mailbox's timeline, recorded as undated


@dataclass(slots=True)
class _Emitter:
    """Records from messages: keeps which people were yielded and which messages were seen."""

    owner: frozenset[str]
    max_group: int
    people: dict[str, str | None] = field(default_factory=dict)  # address -> its name (None: names conflict)
    seen: set[int] = field(default_factory=set)  # hashes of (sender, date, subject) or Message-ID
    span: tuple[int | None, int | None] = (None, None)  # the mailbox's plausible dates (mail_timeline)

    def emit(self, messages: Iterable[MessageHeaders], tally: _Tally) -> Iterator[ImportItem]:
        for message in messages:
            tally.messages += 1
            if message.status != OK:
                if message.status == MALFORMED:
                    tally.malformed += 1
                else:
                    tally.automated += 1
                continue
            if self._is_duplicate(message):
                tally.duplicates += 1
                continue
            if message.occurred_at is not None and within(message.occurred_at, self.span) is None:
                tally.undated += 1
                message = message._replace(occurred_at=None)
            yield from self._records(message)

    def _is_duplicate(self, message: MessageHeaders) -> bool:
        """Seen before: the same sender, Date and Subject (which also catches the same Message-ID in
        several folders, and copies given new Message-IDs), or for an undated message the same
        Message-ID.  One 64-bit hash per message keeps a million messages in about 60 MB."""
        if message.date_raw:
            # the recipients too: two sent messages with one Date and Subject to different people are two
            key = hash(
                (
                    message.sender,
                    message.occurred_at or message.date_raw,
                    message.subject,
                    tuple(sorted(address for address, _ in message.recipients)),
                )
            )
        else:
            key = hash(message.message_key)
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    def _records(self, message: MessageHeaders) -> Iterator[ImportItem]:
        owner = self.owner
        if message.sender in owner:
            people = [(a, n) for a, n in message.recipients if a not in owner]
            bulk = len(people) > self.max_group
            for address, name in people:
                yield from self._person(address, name)
                yield self._interaction(message, address, name, "sent", len(people), bulk)
            return
        others = [(a, n) for a, n in message.recipients if a not in owner and a != message.sender]
        group = 1 + len(others)
        bulk = len(message.recipients) > self.max_group
        yield from self._person(message.sender, message.sender_name)
        yield self._interaction(message, message.sender, message.sender_name, "received", group, bulk)
        for address, name in others:
            yield from self._person(address, name)
            yield self._interaction(message, address, name, "received", group, True)

    def _person(self, address: str, name: str) -> Iterator[PersonRecord]:
        if address not in self.people:
            self.people[address] = name
            yield PersonRecord(source=SOURCE, identities=(Identity("email", address),), name=name)
            return
        known = self.people[address]
        if known is None or not name or name == known:
            return
        settled = settle_name(known, name)  # a fuller name, or what two conflicting names share
        if settled is not None:
            self.people[address] = None if settled.conflict else settled.name
            yield PersonRecord(source=SOURCE, identities=(Identity("email", address),), name=settled.name)

    @staticmethod
    def _interaction(
        message: MessageHeaders,
        address: str,
        name: str,
        direction: Literal["sent", "received"],
        group: int,
        bulk: bool,
    ) -> InteractionRecord:
        return InteractionRecord(
            source=SOURCE,
            source_key=f"{message.message_key}|{address}",
            person=Identity("email", address),
            kind="email",
            direction=direction,
            occurred_at=message.occurred_at,
            message_key=message.message_key,
            conversation_id=message.conversation_id,
            group_size=group,
            length=None,
            title=message.subject or None,
            person_name=name or None,
            bulk=bulk,
        )


def file_read(folder: MailFolder, tally: _Tally, sha256: str, first_note: str = "") -> FileRead:
    notes = [first_note] if first_note else []
    if tally.automated:
        notes.append(f"{tally.automated:,} list or automated messages kept out")
    if tally.duplicates:
        notes.append(f"{tally.duplicates:,} duplicates read once")
    if tally.undated:
        notes.append(f"{tally.undated:,} dated far outside the mailbox's timeline, recorded as undated")
    return FileRead(folder.name, tally.messages, tally.malformed, sha256, notes=tuple(notes))


# -- the import ----------------------------------------------------------------------------------


def infer_owner(sent_senders: Counter[str], participants: Counter[str]) -> tuple[str, ...]:
    """The owner's address: the most frequent sender of sent mail; failing that (no folder or label
    says which mail was sent), the address on the most messages as sender or recipient: the owner
    is on nearly every message of their own mailbox.  The fallback is our choice: the most frequent
    sender of a mailbox that holds only received mail is a correspondent, not its owner."""
    for counts in (sent_senders, participants):
        if counts:
            return (counts.most_common(1)[0][0],)
    return ()


def read_mail(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """Every record of the mail at ``path`` (see the module docstring)."""
    folders, ignored = find_mail(path)
    hashes = [folder_sha256(f) for f in folders]
    changed = [options.force or h not in options.known_hashes for h in hashes]
    given = tuple(dict.fromkeys(normalize_email(a) for a in options.owner_emails if a.strip()))
    with tempfile.TemporaryFile(prefix="netvalue-mail-") as spool:
        batches, inferred, dates = _spool_and_infer(folders, changed, spool)
        owner = given or inferred
        if owner:
            yield OwnerRecord(source=SOURCE, identities=tuple(Identity("email", a) for a in owner))
        emitter = _Emitter(frozenset(owner), options.max_group, span=plausible_span(dates, options.now))
        note = (
            f"your address, inferred from the mail: {inferred[0]} (set it with --me)"
            if inferred and not given
            else ""
        )
        spool.seek(0)
        for folder, sha, fresh, count in zip(folders, hashes, changed, batches, strict=True):
            if not fresh:
                yield FileRead(folder.name, 0, 0, sha, unchanged=True)
                continue
            tally = _Tally()
            for _ in range(count):
                yield from emitter.emit(pickle.load(spool), tally)
            yield file_read(folder, tally, sha, note)
            note = ""
    yield from ignored


def _spool_and_infer(
    folders: list[MailFolder], changed: list[bool], spool: IO[bytes]
) -> tuple[list[int], tuple[str, ...], array[int]]:
    """First pass: parse every changed folder's headers once, write them to ``spool`` (bounded
    memory: headers only, on disk), count senders to infer the owner's address, and collect the dates
    (the mailbox's timeline, :mod:`netvalue.importers.mail_timeline`)."""
    dates: array[int] = array("q")
    sent_senders: Counter[str] = Counter()
    participants: Counter[str] = Counter()
    batches: list[int] = []
    for folder, fresh in zip(folders, changed, strict=True):
        count = 0
        if fresh:
            for batch in messages_of(folder):
                for message in batch:
                    if message.status == OK:
                        if message.occurred_at is not None:
                            dates.append(message.occurred_at)
                        participants[message.sender] += 1
                        participants.update(address for address, _ in message.recipients)
                        if folder.sent or message.labelled_sent:
                            sent_senders[message.sender] += 1
                pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
        batches.append(count)
    return batches, infer_owner(sent_senders, participants), dates


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
)
