"""One message's header block -> the few facts netvalue keeps about it (headers only, never the body).

A header block is the bytes from the start of a message up to its first empty line (RFC 5322 §2.1).
Only the fields in :data:`WANTED` are looked at; field names are matched case-insensitively and
folded lines (RFC 5322 §2.2.3: a line starting with a space or tab continues the field before it) are
unfolded.  Encoded words (RFC 2047) in display names and subjects are decoded with
:func:`email.header.decode_header`; address lists are split with :func:`email.utils.getaddresses`;
dates are read with :func:`email.utils.parsedate_to_datetime` and recorded as unknown (``None``) when
they cannot be read, never guessed.

The result is a compact :class:`MessageHeaders` tuple: it is what the mbox workers send back to the
main process and what is spooled to disk while the owner's address is inferred.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from netvalue.codes import DAY
from netvalue.importers.exchange_names import clean_name, pair_names, x_names
from netvalue.keys import normalize_email

WANTED = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"bcc",
        b"date",
        b"message-id",
        b"in-reply-to",
        b"references",
        b"list-id",
        b"list-unsubscribe",
        b"precedence",
        b"auto-submitted",
        b"x-gmail-labels",
        b"x-gm-thrid",
        b"subject",
        b"received",
        b"x-from",
        b"x-to",
        b"x-cc",
        b"x-bcc",
    }
)
# The fields that say where a message was delivered and whether a machine sent it (mail-owner).
WANTED |= {
    b"delivered-to",
    b"x-original-to",
    b"x-origin",
    b"x-folder",
    b"x-filename",
    b"feedback-id",
    b"list-post",
    b"x-mailer",
}

TITLE_LIMIT = 200  # characters of the subject kept as an interaction's title (our choice)

# Senders that are machines, not people.  Local parts by convention (RFC 2142 reserves
# postmaster; "noreply" and "notifications" are the bulk senders' own conventions).  Our list.
_AUTOMATED_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|mailer[-_.]?daemon|postmaster|bounces?)(?:[-+._].*)?$"
    r"|no[-_.]?reply|do[-_.]?not[-_.]?reply",
    re.IGNORECASE,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})  # RFC 3834 §3.1.8 / common practice
_FIRST_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:")
# Matched after a newline (a literal prefix lets the regex engine skip from line to line quickly).
_WANTED_FIELD = re.compile(
    rb"\n(" + b"|".join(re.escape(name) for name in sorted(WANTED)) + rb")[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)",
    re.IGNORECASE,
)
_FOLD = re.compile(rb"\r?\n[ \t]+")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")
_SIMPLE_ITEM = re.compile(
    r'\s*(?:(?:"((?:[^"\\]|\\.)*)"|([^,"<>()@:;\\]*?))\s*<([^<>\s,()"]+)>|([^\s,<>"()@:;]+@[^\s,<>"()@:;]+))?\s*(?:,|$)'
)
# The common RFC 5322 shape, read without the general parser: "Mon, 29 Oct 2001 16:34:23 -0800 (PST)".
_COMMON_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})\b"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
    )
}
_MSG_ID = re.compile(r"<([^<>\s]+)>")
_EARLIEST = 0  # 1970-01-01: anything before is a broken date
_LATEST = 4102444800  # 2100-01-01: anything after is a broken date
PLAUSIBLE_SINCE = 631152000
"""1990-01-01: a message without a ``Received`` field dated earlier is recorded as undated.  Ours: the
Enron corpus holds ``31 Dec 1979`` (a Lotus Notes null date) and ``1 Jan 1988`` in mail of 1999-2002;
personal e-mail before 1990 is too rare for an export to hold it."""
RECEIVED_TOLERANCE = 7 * DAY
"""A ``Date`` more than this away from the message's last ``Received`` time gives way to it (ours: a
week covers a queue, a draft sent days later, and a sender's clock in the wrong zone or day)."""
_PAREN_SUFFIX = re.compile(r"\s*\((?:[^()]*)\)")

Status = Literal[0, 1, 2]
"""What became of a message: read (``OK``), kept out as list or machine mail, or unreadable."""
OK: Final = 0
AUTOMATED: Final = 1
MALFORMED: Final = 2


class MessageHeaders(NamedTuple):
    """What one message says about who wrote to whom and when.

    ``recipients`` are ``(address, display name)`` of To, Cc and Bcc, addresses normalised and
    de-duplicated in order.  ``date_raw`` is the Date field as written (for de-duplication when it
    cannot be parsed).  ``labelled_sent``: Gmail's ``X-Gmail-Labels`` holds ``Sent``.
    """

    status: Status
    sender: str = ""
    sender_name: str = ""
    recipients: tuple[tuple[str, str], ...] = ()
    occurred_at: int | None = None
    date_raw: str = ""
    message_key: str = ""
    conversation_id: str = ""
    subject: str = ""
    labelled_sent: bool = False
    # mail-owner: what says who the owner is and whether a machine sent it (see the module's end).
    roles: tuple[str, ...] = ()  # "to" | "cc" | "bcc" of each of ``recipients``
    delivered_to: tuple[str, ...] = ()  # Delivered-To, X-Original-To
    folder_hints: tuple[tuple[str, str], ...] = ()  # (x-origin | x-folder | x-filename, value)
    machine_headers: str = ""  # evidence of list or bulk mail, comma-separated (machine_evidence)


MALFORMED_MESSAGE = MessageHeaders(MALFORMED)
AUTOMATED_MESSAGE = MessageHeaders(AUTOMATED)


def split_fields(block: bytes) -> dict[bytes, bytes] | None:
    """The wanted fields of a header block (names lower-cased, folded lines joined), or ``None``
    when the block does not start with a header field.  The first occurrence of a field wins."""
    if not _FIRST_FIELD.match(block):
        return None
    fields: dict[bytes, bytes] = {}
    for raw_name, value in _WANTED_FIELD.findall(b"\n" + block):
        name = raw_name.lower()
        if name not in fields:
            if b"\n" in value:
                value = _FOLD.sub(b" ", value)
            fields[name] = value.strip()
    return fields


def parse_header_block(block: bytes) -> MessageHeaders:
    """A header block -> :class:`MessageHeaders` (status ``MALFORMED`` when it has no usable sender
    or cannot be read at all, ``AUTOMATED`` for list and machine mail, which is kept out of people
    entirely).  Never raises: one bad message is skipped and counted, not fatal."""
    try:
        return _parse_header_block(block)
    except (ValueError, LookupError, UnicodeError, TypeError, IndexError, OverflowError, MessageError):
        return MALFORMED_MESSAGE


def _parse_header_block(block: bytes) -> MessageHeaders:
    fields = split_fields(block)
    if fields is None:
        return MALFORMED_MESSAGE
    senders = addresses(fields.get(b"from", b""))
    if not senders:
        return MALFORMED_MESSAGE
    sender, sender_name = senders[0]
    if not sender_name and b"x-from" in fields:
        sender_name = x_named((senders[0],), fields[b"x-from"])[0][1]
    recipients: list[tuple[str, str]] = []
    roles: list[str] = []
    seen: set[str] = set()
    for name in (b"to", b"cc", b"bcc"):
        listed = addresses(fields.get(name, b""))
        x_field = fields.get(b"x-" + name)
        if x_field and listed and not all(display for _, display in listed):
            listed = x_named(listed, x_field)
        for address, display in listed:
            if address not in seen:
                seen.add(address)
                recipients.append((address, display))
                roles.append(name.decode())
    date_raw = text_of(fields.get(b"date", b""))
    subject = decode_words(text_of(fields.get(b"subject", b"")))
    message_id = first_message_id(text_of(fields.get(b"message-id", b"")))
    message_key = (
        message_id
        or "h:"
        + hashlib.sha1(
            f"{sender}\x00{date_raw}\x00{subject}".encode("utf-8", "replace"), usedforsecurity=False
        ).hexdigest()[:24]
    )
    evidence = machine_evidence(fields, sender)
    return MessageHeaders(
        status=AUTOMATED if evidence else OK,
        sender=sender,
        sender_name=sender_name,
        recipients=tuple(recipients),
        occurred_at=honest_date(parse_date(date_raw), received_date(fields.get(b"received", b""))),
        date_raw=date_raw,
        message_key=message_key,
        conversation_id=conversation_of(fields, message_key),
        subject=subject[:TITLE_LIMIT],
        labelled_sent=labelled_sent(fields.get(b"x-gmail-labels", b"")),
        roles=tuple(roles),
        delivered_to=delivered_to(fields),
        folder_hints=folder_hints(fields),
        machine_headers=evidence,
    )


def is_automated(fields: dict[bytes, bytes]) -> bool:
    """List and machine mail: ``List-Id``/``List-Unsubscribe`` (RFC 2919, RFC 2369), ``Precedence:
    bulk|list|junk``, ``Auto-Submitted`` other than ``no`` (RFC 3834 §5)."""
    if b"list-id" in fields or b"list-unsubscribe" in fields:
        return True
    precedence = fields.get(b"precedence")
    if precedence is not None and precedence.strip().lower().decode("ascii", "replace") in _BULK_PRECEDENCE:
        return True
    auto = fields.get(b"auto-submitted")
    return auto is not None and auto.strip().lower() not in (b"no", b"")


def text_of(raw: bytes) -> str:
    """Header bytes as text: UTF-8 when valid (RFC 6532 allows it), else Latin-1 (never fails)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_words(text: str) -> str:
    """RFC 2047 encoded words decoded (``=?utf-8?q?J=C3=B6rg?=`` -> ``Jörg``); text without them,
    or with broken ones, is returned as it is."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, AssertionError, MessageError):
        return text


@lru_cache(maxsize=16384)
def addresses(raw: bytes) -> tuple[tuple[str, str], ...]:
    """``(normalised address, display name)`` for every address in an address-list field.

    Plain lists (``a@x, "Name" <b@y>, Name <c@z>``) are split by a regular expression; anything
    else (comments, groups, quoted commas) goes to :func:`email.utils.getaddresses`, which is exact
    but about ten times slower.  Cached: the same From and To lines recur throughout a mailbox.
    """
    if not raw:
        return ()
    text = text_of(raw)
    pairs = _simple_addresses(text)
    if pairs is None:
        try:
            pairs = getaddresses([text])
        except (ValueError, IndexError, TypeError):
            return ()
    found = [_address_pair(display, address) for display, address in pairs]
    return tuple(pair for pair in found if pair is not None)


@lru_cache(maxsize=16384)
def _address_pair(display: str, address: str) -> tuple[str, str] | None:
    """``(normalised address, display name)``, or ``None`` when ``address`` is not an address."""
    normalised = normalize_email(address)
    if not _ADDRESS.match(normalised):
        return None
    return normalised, person_name(decode_words(display), normalised)


def _simple_addresses(text: str) -> list[tuple[str, str]] | None:
    """``(display, address)`` pairs of a plain address list, or ``None`` when it is not plain."""
    out: list[tuple[str, str]] = []
    pos, end = 0, len(text)
    while pos < end:
        match = _SIMPLE_ITEM.match(text, pos)
        if match is None or match.end() == pos:
            return None
        quoted, phrase, angled, bare = match.groups()
        if angled is not None:
            display = quoted.replace('\\"', '"') if quoted is not None else (phrase or "").strip()
            out.append((display, angled))
        elif bare is not None:
            out.append(("", bare))
        pos = match.end()
    return out


@lru_cache(maxsize=16384)
def x_named(listed: tuple[tuple[str, str], ...], x_field: bytes) -> tuple[tuple[str, str], ...]:
    """``listed`` (address, display name) pairs with the names of the matching ``X-`` field
    (``X-From``, ``X-To``, ``X-cc``, ``X-bcc``) filled in where the display name is empty and the
    pairing is safe (:func:`netvalue.importers.exchange_names.pair_names`)."""
    paired = pair_names([address for address, _ in listed], x_names(text_of(x_field)))
    if not paired:
        return listed
    return tuple(
        (address, person_name(paired[address], address) if not display and address in paired else display)
        for address, display in listed
    )


def person_name(display: str, address: str) -> str:
    """The display name when it looks like a person's name, else ``''`` (an address, or empty).
    ``Last, First`` is turned round; bracketed notes (``(E-mail)``, ``(Houston)``) are dropped and a name
    in capitals is title-cased (:func:`netvalue.importers.exchange_names.clean_name`)."""
    name = " ".join(display.replace('"', " ").split()).strip("'")
    if not name or "@" in name or name.casefold() == address:
        return ""
    if "(" in name or name.isupper():
        name = clean_name(name) or _PAREN_SUFFIX.sub("", name).strip()
        if not name:
            return ""
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first:  # "Stone, Bob" (Outlook's order) -> "Bob Stone"
        return f"{first.strip()} {last.strip()}"
    return name


def parse_date(raw: str) -> int | None:
    """Epoch seconds of a Date field, or ``None`` when it cannot be read (never guessed).

    A date with no zone (``-0000``) is read as UTC (RFC 5322 §3.3 says the time is then UTC-based).
    Dates outside 1970-2100 are treated as broken.
    """
    if not raw:
        return None
    match = _COMMON_DATE.match(raw)
    if match is not None and match.group(2) in _MONTHS:
        day, month, year, hour, minute, second, sign, zone_h, zone_m = match.groups()
        try:
            moment = datetime(
                int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
            )
        except ValueError:
            return None
        offset = (int(zone_h) * 3600 + int(zone_m) * 60) * (-1 if sign == "-" else 1)
        seconds = int(moment.timestamp()) - offset
        return seconds if _EARLIEST <= seconds < _LATEST else None
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        seconds = int(moment.timestamp())
    except (OverflowError, OSError, ValueError):
        return None
    return seconds if _EARLIEST <= seconds < _LATEST else None


def received_date(raw: bytes) -> int | None:
    """The time of the topmost ``Received`` field (the last hop, the delivery; RFC 5321 §4.4: each relay
    prepends its own), read after its last ``;``; ``None`` when there is none or it cannot be read."""
    if not raw:
        return None
    _, semicolon, stamp = text_of(raw).rpartition(";")
    return parse_date(stamp.strip()) if semicolon else None


def honest_date(date: int | None, received: int | None) -> int | None:
    """When the message happened: its ``Date``, unless the delivery time says otherwise.  A ``Date``
    more than :data:`RECEIVED_TOLERANCE` from the ``Received`` time (or missing) gives way to it; without
    a ``Received`` time, a ``Date`` before :data:`PLAUSIBLE_SINCE` is unknown (``None``).  Dates far
    outside the rest of the mailbox are judged later, over the whole mailbox
    (:func:`netvalue.importers.mail_timeline.plausible_span`)."""
    if received is not None:
        if date is None or abs(date - received) > RECEIVED_TOLERANCE:
            return received
        return date
    if date is not None and date < PLAUSIBLE_SINCE:
        return None
    return date


def first_message_id(text: str) -> str:
    """The first ``<id>`` of a Message-ID-like field, brackets stripped ('' when there is none).
    A bare id without brackets is accepted too (some writers omit them)."""
    match = _MSG_ID.search(text)
    if match:
        return match.group(1)
    bare = text.strip()
    return bare if bare and " " not in bare else ""


def conversation_of(fields: dict[bytes, bytes], message_key: str) -> str:
    """Gmail's thread id (``X-GM-THRID``), else the root of ``References`` (its first id), else
    ``In-Reply-To``, else the message itself (it starts its own thread)."""
    thread = fields.get(b"x-gm-thrid")
    if thread:
        return "gm:" + text_of(thread).strip()
    root = first_message_id(text_of(fields.get(b"references", b"")))
    if root:
        return root
    parent = first_message_id(text_of(fields.get(b"in-reply-to", b"")))
    return parent or message_key


def labelled_sent(raw: bytes) -> bool:
    """Gmail Takeout's ``X-Gmail-Labels: Important,Sent,Opened`` holds ``Sent``."""
    if not raw:
        return False
    return any(label.strip().lower() == b"sent" for label in raw.split(b","))


# -- mail-owner: delivery, folder and machine evidence ---------------------------------------------

_BULK_MAILERS = re.compile(
    r"mailchimp|sendgrid|exacttarget|marketo|constant ?contact|campaign|mailgun|sparkpost|phplist"
    r"|listserv|lyris|majordomo|mailman|bulk|newsletter|list ?manager",
    re.IGNORECASE,
)
"""``X-Mailer`` values of bulk and list software (their own product names).  Our list."""


def machine_evidence(fields: dict[bytes, bytes], sender: str) -> str:
    """What in a header block says list or machine mail, comma-separated ('' for none): ``List-Id``,
    ``List-Unsubscribe``, ``List-Post`` (RFC 2919, RFC 2369), ``Precedence: bulk|list|junk`` (RFC 3834
    §3.1.8 calls it common practice), ``Auto-Submitted`` other than ``no`` (RFC 3834 §5),
    ``Feedback-ID`` (a bulk sender's campaign id, Google's postmaster convention), a bulk mailer in
    ``X-Mailer``, a ``noreply``-like sender (:data:`_AUTOMATED_LOCAL`)."""
    found: list[str] = []
    for name in (b"list-id", b"list-unsubscribe", b"list-post", b"feedback-id"):
        if name in fields:
            found.append(name.decode())
    if is_automated(fields) and not found:
        precedence = fields.get(b"precedence", b"").strip().lower().decode("ascii", "replace")
        if precedence in _BULK_PRECEDENCE:
            found.append(f"precedence:{precedence}")
        else:
            found.append("auto-submitted")
    mailer = fields.get(b"x-mailer")
    if mailer and _BULK_MAILERS.search(text_of(mailer)):
        found.append("bulk-mailer")
    if _AUTOMATED_LOCAL.search(sender.partition("@")[0]):
        found.append("noreply-sender")
    return ",".join(found)


def delivered_to(fields: dict[bytes, bytes]) -> tuple[str, ...]:
    """The addresses of ``Delivered-To`` and ``X-Original-To`` (the mailbox a message was delivered to)."""
    out: list[str] = []
    for name in (b"delivered-to", b"x-original-to"):
        for address, _ in addresses(fields.get(name, b"")):
            if address not in out:
                out.append(address)
    return tuple(out)


def folder_hints(fields: dict[bytes, bytes]) -> tuple[tuple[str, str], ...]:
    """Folder headers that name the mailbox (Enron's ``X-Origin: Allen-P``, ``X-Folder:
    \\Phillip_Allen_Dec2000\\Notes Folders\\Sent``, ``X-FileName: pallen.nsf``)."""
    return tuple(
        (name.decode(), text_of(fields[name]).strip())
        for name in (b"x-origin", b"x-folder", b"x-filename")
        if fields.get(name)
    )
