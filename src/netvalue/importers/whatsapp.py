"""WhatsApp "Export chat" text files (Android and iOS, any locale's date order).

Line shapes: Android ``DD/MM/YY, HH:MM - Name: text``; iOS ``[DD/MM/YY, HH:MM:SS] Name: text``;
US locales put the month first and write ``9:41 PM`` (often with a narrow no-break space U+202F
before ``PM``); some locales use dots (``31.12.19``) and four-digit years; iOS marks attachments
with U+200E.  Whether the day or the month comes first is inferred from the whole file: a first
number above 12 means day-first, a second above 12 month-first; when no date decides it, AM/PM
times mean the US month-first order, otherwise day-first (our choice: most locales are day-first).
A timestamped line without ``Name:`` is a system line ("Messages are end-to-end encrypted", "X
added Y") and is skipped; a line without a timestamp continues the previous message.

Times carry no zone in the export; they are read as UTC (our choice: the phone's zone is unknown).
The counterpart of a one-to-one chat is often only in the file name (``WhatsApp Chat with Name.txt``,
iOS ``WhatsApp Chat - Name.zip``).  The owner is ``ImportOptions.extra["whatsapp_me"]``, else the
one sender who is not that counterpart; when neither is known every message counts as received
from its sender.  People are ``Identity("whatsapp", name or number as the chat shows it)``, plus the
phone in E.164 when the sender is a number.  In a group of more than ``ImportOptions.max_group``
others, messages are ``bulk`` (co-occurrence only; Kossinets & Watts' e-mail rule extended to group
chats, our choice).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from netvalue.errors import ImportFormatError
from netvalue.importers.archive import DAMAGE, member_head, read_file
from netvalue.importers.base import (
    Importer,
    ImportOptions,
    decode_text,
    message_records,
    one_of_many,
    sha256_of_bytes,
)
from netvalue.importers.json_export import ExportArchive
from netvalue.keys import normalize_phone
from netvalue.records import (
    FileRead,
    Identity,
    ImportItem,
    OwnerRecord,
    PersonRecord,
    plausible_time,
)

SOURCE = "whatsapp"
_LINE = re.compile(
    r"^\[?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4}),?\s+"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?"
    r"(?:\]\s*|\s+-\s+)(?P<rest>.*)$"
)
_SENDER = re.compile(r"^(?P<name>[^:]{1,80}?):\s(?P<text>.*)$|^(?P<name2>[^:]{1,80}?):$")
_CHAT_NAME = re.compile(
    r"WhatsApp Chat (?:with|-|mit|con|avec|met|com)\s+(?P<name>.+?)(?:\.txt|\.zip)?$", re.IGNORECASE
)
_MARKS = str.maketrans(
    {"\u200e": None, "\u200f": None, "\u202a": None, "\u202c": None, "\u202f": " ", "\u00a0": " "}
)
_IOS_SYSTEM = re.compile(
    r"end-to-end encrypted|created (this )?group|changed (the subject|the group description|this group's icon)"
    r"|\badded\b|\bremoved\b|\bleft$|joined using this group's invite link",
    re.IGNORECASE,
)
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{7,}$")


@dataclass(frozen=True, slots=True)
class ChatLine:
    """One message as the file writes it, before the date order is known."""

    a: int
    b: int
    c: int
    hour: int
    minute: int
    second: int
    ampm: str | None
    sender: str
    text: str
    line: int


def parse_chat(text: str, name: str, title: str | None = None) -> tuple[list[ChatLine], int]:
    """Messages of a chat and how many system lines were skipped; the import error when none is found.

    ``title`` is the chat's name from the file name: iOS writes a group's system lines as sent by the
    group itself (``[…] Book club: ‎Maya created group``), with the text starting with U+200E.
    """
    messages: list[ChatLine] = []
    system = stamped = 0
    continues_message = False
    continued: list[str] = []  # lines continuing the last message, joined once (linear, not quadratic)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.translate(_MARKS)
        match = _LINE.match(line)
        if not match:
            if continues_message:
                continued.append(line)
            continue
        if continued:
            messages[-1] = replace(messages[-1], text="\n".join((messages[-1].text, *continued)))
            continued.clear()
        stamped += 1
        sender = _SENDER.match(match["rest"])
        if (
            sender
            and "\u200e" in raw
            and (
                (sender["name"] or sender["name2"]).strip() == title
                or _IOS_SYSTEM.search(sender["text"] or "")
            )
        ):
            sender = None  # an iOS group's system line, "sent" by the group itself
        if sender and not (sender["name"] or sender["name2"]).strip():
            sender = None  # ": text" names nobody
        continues_message = sender is not None
        if not sender:
            system += 1
            continue
        messages.append(
            ChatLine(
                a=int(match["a"]),
                b=int(match["b"]),
                c=int(match["c"]),
                hour=int(match["h"]),
                minute=int(match["m"]),
                second=int(match["s"] or 0),
                ampm=match["ampm"].upper() if match["ampm"] else None,
                sender=(sender["name"] or sender["name2"]).strip(),
                text=sender["text"] or "",
                line=number,
            )
        )
    if continued:
        messages[-1] = replace(messages[-1], text="\n".join((messages[-1].text, *continued)))
    if not stamped:
        raise ImportFormatError(
            name, "is not a WhatsApp chat export (no line starts with a date and time)", 1
        )
    return messages, system


def day_first(lines: list[ChatLine]) -> bool:
    """Whether dates are DD/MM (see the module docstring for the rule)."""
    if any(line.a > 12 for line in lines if line.a < 100):
        return True
    if any(line.b > 12 for line in lines):
        return False
    return not any(line.ampm for line in lines)


def timestamp(line: ChatLine, dayfirst: bool) -> int | None:
    """Epoch seconds of a chat line (read as UTC), or ``None`` when its date does not exist."""
    if line.a >= 100:  # ISO order: YYYY-MM-DD
        year, month, day = line.a, line.b, line.c
    else:
        day, month = (line.a, line.b) if dayfirst else (line.b, line.a)
        year = line.c + 2000 if line.c < 100 else line.c
    hour = line.hour
    if line.ampm and not 1 <= hour <= 12:
        return None  # "13:00 PM", "0:30 AM": no such 12-hour time
    if line.ampm == "P" and hour < 12:
        hour += 12
    elif line.ampm == "A" and hour == 12:
        hour = 0
    try:
        return plausible_time(
            int(datetime(year, month, day, hour, line.minute, line.second, tzinfo=UTC).timestamp())
        )
    except ValueError:
        return None


def chat_counterpart(name: str) -> str | None:
    """``'WhatsApp Chat with Jane Doe.txt'`` -> ``'Jane Doe'``."""
    match = _CHAT_NAME.search(Path(name).name)
    return match["name"].strip() if match else None


def _person(sender: str, region: str) -> PersonRecord:
    identities = [Identity("whatsapp", sender)]
    if _PHONE_LIKE.match(sender):
        phone = normalize_phone(sender, region)
        if phone:
            identities.append(Identity("phone", phone))
    return PersonRecord(SOURCE, tuple(identities), sender)


def read_chat_bytes(
    data: bytes, name: str, options: ImportOptions, chat: str | None = None
) -> Iterator[ImportItem]:
    """Records of one chat file, ending with its :class:`FileRead`; ``chat`` names it when the file name does not."""
    counterpart = chat_counterpart(chat or name)
    lines, system = parse_chat(decode_text(data, name), name, counterpart)
    dayfirst = day_first(lines)
    chat_name = chat or Path(name).stem
    senders = list(dict.fromkeys(line.sender for line in lines))
    owner = dict(options.extra).get("whatsapp_me")
    others = [s for s in senders if s != counterpart]
    one_to_one = counterpart is not None and len([s for s in others if s != owner]) <= 1
    if one_to_one and owner is None and len(others) == 1:
        owner = others[0]
    # the file name names the other person of a one-to-one chat; of a group it names the group
    named = [counterpart] if one_to_one and counterpart else []
    participants = [s for s in dict.fromkeys([*named, *senders]) if s != owner]
    if owner:
        yield OwnerRecord(SOURCE, identities=(Identity("whatsapp", owner),))
    for sender in participants:
        yield _person(sender, options.region)
    seen: dict[str, int] = {}
    skipped = 0
    for line in lines:
        when = timestamp(line, dayfirst)
        if when is None:
            skipped += 1
            continue
        base = f"{chat_name}|{when}|{line.sender}"
        seen[base] = seen.get(base, 0) + 1
        yield from message_records(
            source=SOURCE,
            identity_kind="whatsapp",
            message_key=f"{base}|{seen[base]}",
            sender=line.sender,
            owner=owner,
            others=participants,
            occurred_at=when,
            conversation_id=chat_name,
            max_group=options.max_group,
            length=len(line.text),
            names_are_keys=True,
        )
    yield FileRead(name, rows=len(lines) + system, skipped=skipped + system, sha256=sha256_of_bytes(data))


def read_whatsapp(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """A chat ``.txt``, a folder of them, or the zip iOS shares (``_chat.txt`` inside)."""
    # (name, bytes, chat title): read one at a time, so only one chat is in memory
    members: list[tuple[str, Callable[[], bytes], str | None]]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        # iOS unzipped: "WhatsApp Chat - Name/_chat.txt" -- the folder names the chat
        members = [
            (
                str(p.relative_to(path)),
                partial(read_file, p, str(p.relative_to(path))),
                p.parent.name if p.name == "_chat.txt" else None,
            )
            for p in files
        ]
    elif path.suffix.lower() == ".zip":
        archive = ExportArchive(path)
        members = [
            (archive.display(m), partial(archive.read, m), path.name)
            for m in archive.members()
            if m.endswith(".txt")
        ]
    else:
        members = [
            (str(path), partial(read_file, path), path.parent.name if path.name == "_chat.txt" else None)
        ]
    if not members:
        raise ImportFormatError(str(path), "holds no WhatsApp chat .txt file")
    for name, read, chat in members:
        data = read()
        digest = sha256_of_bytes(data)
        if digest in options.known_hashes and not options.force:
            yield FileRead(name, rows=0, sha256=digest, unchanged=True)
            continue
        if len(members) > 1:
            yield from one_of_many(name, partial(read_chat_bytes, data, name, options, chat), options)
        else:
            yield from read_chat_bytes(data, name, options, chat)


def _sniff_text(head: bytes) -> bool:
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return any(_LINE.match(line.translate(_MARKS)) for line in text.splitlines()[:5])


def detect(path: Path) -> bool:
    """A ``.txt`` whose first lines are WhatsApp's ``date, time - Name: text``; a folder or zip of them."""
    try:
        if path.is_file() and path.suffix.lower() == ".txt":
            with path.open("rb") as fh:
                return _sniff_text(fh.read(2048))
        if path.is_dir():
            first = next((p for p in sorted(path.glob("*.txt")) if p.is_file()), None)
            return first is not None and detect(first)
        if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                chats = [n for n in archive.namelist() if n.endswith(".txt")]
                return bool(chats) and _sniff_text(member_head(archive, chats[0], 2048))
    except DAMAGE:
        return False
    return False


IMPORTER = Importer(
    source=SOURCE,
    description="WhatsApp chat export (.txt, a folder of them, or the iOS zip).",
    read=read_whatsapp,
    detect=detect,
    how_to_export="WhatsApp: open the chat -> More (or the contact's name on iPhone) -> Export chat -> Without media.",
    name_trust=3,
)
