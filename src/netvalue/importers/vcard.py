"""vCard address books (2.1, 3.0, 4.0: Apple Contacts, Google, Outlook, Android, Thunderbird).

A parser of our own rather than ``vobject``, which stops at the first card it cannot read: we
unfold lines (RFC 6350 §3.2: a leading space or tab continues the previous line), join 2.1
quoted-printable soft breaks (a line ending in ``=`` continues on the next one, without a leading
space), read ``itemN.`` groups and bare type parameters (``TEL;WORK;VOICE:``), and undo the
escapes ``\\,`` ``\\;`` ``\\n`` ``\\\\`` (and ``\\:`` that Apple writes inside URLs).  A card
that cannot be read is skipped and counted; only a file with no card at all is an error.

Text is UTF-8; a file that is not UTF-8 is read as Windows-1252, the charset Outlook 2003/2007
and BlackBerry write vCard 2.1 in (our choice: vCard 2.1 has no default charset).
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from netvalue.errors import ImportFormatError
from netvalue.importers.address_book import ContactFields, contact_person
from netvalue.importers.archive import read_file
from netvalue.importers.base import Importer, ImportOptions, one_of_many, read_head, sha256_of_bytes
from netvalue.records import FileRead, ImportItem, PersonRecord

SOURCE = "vcard"
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass(frozen=True, slots=True)
class ContentLine:
    """One unfolded vCard line: ``group.NAME;params:value`` with the value still encoded."""

    name: str
    params: tuple[tuple[str, str], ...]
    value: str

    def param_values(self, key: str) -> list[str]:
        return [v.upper() for k, v in self.params if k == key]


def read_vcards(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    """Every ``.vcf``/``.vcard`` file of ``path`` (a file, or a folder searched recursively)."""
    if path.is_file():
        files = [path]
    else:
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".vcf", ".vcard"))
    if not files:
        raise ImportFormatError(str(path), "holds no .vcf file")
    for file in files:
        name = str(file) if file == path else str(file.relative_to(path))
        data = read_file(file)
        digest = sha256_of_bytes(data)
        if digest in options.known_hashes and not options.force:
            yield FileRead(name, rows=0, sha256=digest, unchanged=True)
            continue
        if file == path:
            yield from read_vcard_bytes(data, name, options.region)
        else:
            yield from one_of_many(name, partial(read_vcard_bytes, data, name, options.region), options)


def read_vcard_bytes(data: bytes, name: str, region: str = "US") -> Iterator[ImportItem]:
    """Records of one vCard file's bytes, ending with its :class:`FileRead`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.removeprefix("\ufeff")
    cards = list(split_cards(text))
    if not cards:
        raise ImportFormatError(name, "is not a vCard file (no BEGIN:VCARD ... END:VCARD)")
    rows = skipped = 0
    for lines in cards:
        rows += 1
        person = _card_person(lines, region) if lines is not None else None
        if person is None:
            skipped += 1
            continue
        yield person
    yield FileRead(name, rows=rows, skipped=skipped, sha256=sha256_of_bytes(data))


def split_cards(text: str) -> Iterator[list[ContentLine] | None]:
    """The cards of ``text`` as lists of content lines; ``None`` for a card that cannot be read."""
    card: list[ContentLine] | None = None
    broken = False
    depth = 0
    for raw in unfold(text):
        if not raw.strip():
            continue
        line = parse_line(raw)
        upper_name = line.name.upper() if line else ""
        if line and upper_name == "BEGIN" and line.value.strip().upper() == "VCARD":
            depth += 1
            if depth == 1:
                card, broken = [], False
            continue
        if line and upper_name == "END" and line.value.strip().upper() == "VCARD":
            depth -= 1
            if depth == 0:
                yield None if broken else card
                card = None
            depth = max(depth, 0)
            continue
        if card is None or depth > 1:
            continue  # text between cards, or a nested AGENT card
        if line is None:
            broken = True
        else:
            card.append(line)
    if card is not None:
        yield None  # BEGIN:VCARD without its END


def unfold(text: str) -> Iterator[str]:
    """Logical lines: folded continuations joined, and quoted-printable soft breaks joined.

    A line's pieces are joined once it ends (joining piece by piece took time with the square of the
    line's length: 109 s for a card of 2.2 MB in soft breaks)."""
    line = _LogicalLine()
    for physical in text.splitlines():
        if not physical:
            continue  # blank lines carry nothing; iPhone writes CR CR LF, which reads as one
        if line.parts and physical[:1] in (" ", "\t"):
            line.add(physical[1:])
            continue
        if line.parts and line.soft_break():
            line.add("\n")  # decode_value drops the "=\n"
            line.add(physical)
            continue
        if line.parts:
            yield "".join(line.parts)
        line = _LogicalLine()
        line.add(physical)
    if line.parts:
        yield "".join(line.parts)


_QP = "QUOTED-PRINTABLE"


class _LogicalLine:
    """The pieces of one logical line, and what a soft break needs to know of it: whether its head
    (before the first colon, or all of it while it has none) says quoted-printable, its last character."""

    __slots__ = ("head_open", "last", "parts", "qp", "tail")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.head_open = True
        self.qp = False
        self.tail = ""  # the head's last characters, to find the marker across two pieces
        self.last = ""

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        if piece:
            self.last = piece[-1]
        if self.head_open:
            colon = piece.find(":")
            window = (self.tail + (piece if colon < 0 else piece[:colon])).upper()
            self.qp = self.qp or _QP in window
            self.tail = window[-(len(_QP) - 1) :]
            self.head_open = colon < 0

    def soft_break(self) -> bool:
        return self.last == "=" and self.qp


def parse_line(raw: str) -> ContentLine | None:
    """``group.NAME;P=V;BARE:value`` -> :class:`ContentLine`; ``None`` when the line has no name."""
    colon = _value_colon(raw)
    if colon < 0:
        return None
    head, value = raw[:colon], raw[colon + 1 :]
    parts = head.split(";")
    name = parts[0].rsplit(".", 1)[-1].strip()
    if not name or not _NAME.fullmatch(name):
        return None
    params: list[tuple[str, str]] = []
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if not eq:
            params.append(("TYPE", key.strip()))  # vCard 2.1 bare type: TEL;WORK;VOICE
            continue
        for one in val.split(","):
            params.append((key.strip().upper(), one.strip().strip('"')))
    return ContentLine(name.upper(), tuple(params), value)


def _value_colon(raw: str) -> int:
    first = raw.find(":")
    if first < 0 or '"' not in raw[:first]:
        return first  # the common case: no quoted parameter value before the first colon
    quoted = False
    for index, char in enumerate(raw):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def decode_value(line: ContentLine) -> str:
    """The value with quoted-printable and charset undone (escapes are undone per component)."""
    value = line.value
    if "QUOTED-PRINTABLE" in line.param_values("ENCODING") or "QUOTED-PRINTABLE" in line.param_values("TYPE"):
        charset = (line.param_values("CHARSET") or ["UTF-8"])[0]
        raw = quopri.decodestring(value.replace("=\n", "").encode("latin-1", errors="replace"))
        try:
            value = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = raw.decode("cp1252", errors="replace")
    return value


def components(value: str, separator: str = ";") -> list[str]:
    """Split a structured value on unescaped ``separator`` and undo the escapes of each part."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [unescape(p) for p in parts]


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _card_person(lines: Iterable[ContentLine], region: str) -> PersonRecord | None:
    fields = ContactFields()
    structured: list[str] = []
    for line in lines:
        if line.name == "PHOTO":
            continue
        value = decode_value(line)
        if line.name == "FN":
            fields.name = unescape(value)
        elif line.name == "N":
            structured = components(value)
        elif line.name == "ORG":
            fields.company = components(value)[0]
        elif line.name == "TITLE":
            fields.position = unescape(value)
        elif line.name == "EMAIL":
            fields.emails.append(unescape(value))
        elif line.name == "TEL":
            fields.phones.append(unescape(value).removeprefix("tel:"))
        elif line.name in ("URL", "X-SOCIALPROFILE"):
            fields.urls.append(unescape(value))
    if structured:
        fields.last_name = structured[0] or None
        fields.first_name = structured[1] if len(structured) > 1 and structured[1] else None
    return contact_person(fields, SOURCE, region)


def detect(path: Path) -> bool:
    """A ``.vcf``/``.vcard`` file (or a folder holding one) that starts with ``BEGIN:VCARD``."""
    if path.is_dir():
        # the first few: one unreadable file among many must not hide the folder (it is skipped on import)
        candidates = [p for p in sorted(path.glob("*")) if p.suffix.lower() in (".vcf", ".vcard")][:8]
        return any(_sniff(candidate) for candidate in candidates)
    return path.suffix.lower() in (".vcf", ".vcard") and _sniff(path)


def _sniff(path: Path) -> bool:
    return b"BEGIN:VCARD" in read_head(path, 256).upper()


IMPORTER = Importer(
    source=SOURCE,
    description="Address book as vCard (.vcf from Apple Contacts, Google Contacts, Outlook, Android).",
    read=read_vcards,
    detect=detect,
    how_to_export=(
        "Apple Contacts: select all -> File -> Export -> Export vCard. Google Contacts: Export -> vCard. "
        "Outlook: save contacts as .vcf. Android Contacts: Settings -> Export to .vcf file."
    ),
    name_trust=6,
)
