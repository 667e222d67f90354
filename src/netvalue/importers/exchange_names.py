"""Names that Exchange and Lotus Notes exports keep beside the addresses: ``X-From``, ``X-To``, ``X-cc``,
``X-bcc``.

Mail exported from Exchange or Lotus Notes (the Enron corpus, CMU's enron_mail_20150507, and mail that
passed through such servers) often carries no display name in ``From``/``To`` (``To:
a..shankman@enron.com``) but keeps the names the server showed in ``X-`` fields, in shapes no RFC
describes.  The shapes read here, all seen in the Enron corpus:

- Exchange: ``Shankman, Jeffrey A. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=JSHANKM>`` -- ``Last, First M``
  followed by the X.500 name, which is not an address and is dropped;
- Lotus Notes: ``Phillip K Allen <Phillip K Allen/HOU/ECT@ECT>``, ``Jeffrey A Shankman@ECT``,
  ``CN=Jeff Skilling/OU=HOU/O=ENRON``, and lists of bare names (``John Arnold, Hunter S Shively``);
- Internet mail that came in through the gateway: ``"Roach, Ann" <aroach@nrdc.org>@ENRON
  <IMCEANOTES-...>``, ``Jlmarques@aol.com @ ENRON``, ``'tstaggs@enron.com'``.

A list is split on the commas that end an item (after a closing ``>``, or between names of two or more
words when no item has brackets), never on the comma inside ``Last, First``.  Suffixes that are not part
of a name are dropped (``(E-mail)``, ``(Houston)``, `` - COO London``); names in capitals are
title-cased.  The names are then paired with the addresses of ``From``/``To``/``Cc``/``Bcc``
(:func:`pair_names`): by an address the item carries, else in order when the two lists have the same
length and the pair does not contradict the address, else only where a name evidently fits one address's
local part.  Never raises: an unreadable field gives no names.  The pairing rules are ours.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Settled", "XName", "clean_name", "fits_address", "pair_names", "settle_name", "x_names"]


class XName(NamedTuple):
    """One item of an ``X-`` field: the person's name (``''`` when it gave none) and the Internet address
    it carries (``''`` when it carries none; an X.500 or Notes name is not one)."""

    name: str
    address: str


_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_BRACKET = re.compile(r"<([^<>]*)>")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DASH_SUFFIX = re.compile(r"\s+-\s+.*$")  # "Brown, Michael - COO London"
_AT_SUFFIX = re.compile(r"\s*@\s*[A-Za-z][\w.-]*$")  # "Jeffrey A Shankman@ECT", "... @ ENRON"
_CN = re.compile(r"(?:^|/)CN=([^/<>]+)", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'.\-]*$")
_SEPARATORS = re.compile(r"[._\-+]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_SPECIAL = re.compile(r'[",<>]')
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words that mark a list, a mailbox or a machine, not a person (ours, from the Enron X- fields).
_NOT_PERSON = frozenset(
    {
        "enron",
        "team",
        "group",
        "list",
        "all",
        "dept",
        "department",
        "news",
        "newsletter",
        "announcements",
        "announcement",
        "mailbox",
        "recipients",
        "undisclosed",
        "administrator",
        "admin",
        "office",
        "desk",
        "support",
        "services",
        "service",
        "center",
        "committee",
        "the",
        "and",
        "of",
        "inc",
        "corp",
        "llc",
        "online",
        "customer",
        "editor",
        "info",
        "alumni",
        "school",
        "club",
        "association",
        "society",
        "foundation",
        "council",
        "university",
        "college",
        "institute",
        "members",
        "staff",
        "digest",
        "alert",
        "alerts",
        "update",
        "updates",
    }
)


def x_names(raw: str) -> tuple[XName, ...]:
    """The items of an ``X-From``/``X-To``/``X-cc``/``X-bcc`` field, in order (see the module docstring).
    Never raises; a field it cannot read gives ``()``."""
    try:
        return _x_names(raw)
    except (ValueError, IndexError, TypeError, UnicodeError):
        return ()


@lru_cache(maxsize=16384)
def _x_names(raw: str) -> tuple[XName, ...]:
    text = " ".join(raw.split())
    if not text or text.endswith(":,") or text.endswith(":;"):
        return ()
    return tuple(_item(piece) for piece in _split_items(text) if piece.strip())


def _split_items(text: str) -> list[str]:
    """The items of a list: a comma ends an item when the item so far closed a bracket or is an address;
    without brackets anywhere, a list of bare names is split when every part has two words or more."""
    if "<" not in text:
        parts = [p.strip() for p in _split_outside_quotes(text)]
        if len(parts) > 1 and not any("@" in p for p in parts):
            if all(len(p.split()) >= 2 for p in parts):
                return parts  # "John Arnold, Hunter S Shively" (Lotus Notes)
            if len(parts) == 2:
                return [text]  # "Williams III, Bill": one name, family name first
            return []  # several parts of one word: which are names cannot be told
        return parts
    items: list[str] = []
    start = 0
    depth = 0
    quoted = False
    closed = False
    for mark in _SPECIAL.finditer(text):  # only the characters that matter, not every one
        char = mark.group(0)
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "<":
            depth += 1
        elif char == ">":
            if depth:
                depth -= 1
                closed = depth == 0
        elif depth == 0:  # a comma outside brackets and quotes
            piece = text[start : mark.start()]
            if closed or (" " not in piece.strip() and _ADDRESS.search(piece)):
                items.append(piece)
                start, closed = mark.end(), False
    items.append(text[start:])
    return items


def _split_outside_quotes(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


@lru_cache(maxsize=16384)
def _item(piece: str) -> XName:
    """One item -> (name, address)."""
    piece = piece.strip().strip("'").strip()
    address = ""
    head = piece
    brackets = _BRACKET.findall(piece)
    if brackets:
        head = piece[: piece.index("<")]
        for inner in brackets:
            inner = inner.strip().strip("'\"")
            if inner.upper().startswith("IMCEA") or not _ADDRESS.fullmatch(inner):
                continue
            address = inner.lower()
            break
        if not head.strip():  # "<Phillip K Allen/HOU/ECT@ECT>" alone: the Notes name inside
            head = brackets[0]
    head = head.strip().strip("'").strip()
    cn = _CN.search(head)
    if cn is not None:  # "CN=Jeff Skilling/OU=HOU/O=ENRON"
        head = cn.group(1)
    elif "/" in head and "@" not in head.split("/", 1)[0]:  # "Phillip K Allen/HOU/ECT@ECT"
        head = head.split("/", 1)[0]
    if head.startswith('"') and '"' in head[1:]:
        head = head[1 : head.index('"', 1)]
    head = head.strip().strip("'\"").strip()
    bare = _ADDRESS.fullmatch(_AT_SUFFIX.sub("", head)) or _ADDRESS.fullmatch(head)
    if bare is not None or (_ADDRESS.search(head) and " " not in head):
        # "Jana.Morse@dynegy.com@ENRON", "Jlmarques@aol.com @ ENRON": an address, no name
        found = _ADDRESS.search(head)
        if found is not None and not address:
            address = found.group(0).lower()
        return XName("", address)
    return XName(clean_name(_AT_SUFFIX.sub("", head)), address)


@lru_cache(maxsize=16384)
def clean_name(text: str) -> str:
    """A person's name from a display name or an ``X-`` item, or ``''`` when it is not one: brackets and
    `` - department`` suffixes dropped, capitals title-cased, ``Last, First`` kept as written (the caller
    turns it round).  Two to five words of letters, none of them a word lists and mailboxes use."""
    name = _PAREN.sub(" ", text.replace('"', " "))
    name = _DASH_SUFFIX.sub("", name)
    name = " ".join(name.split()).strip(" ,;'")
    if not name or "@" in name or "/" in name or "=" in name:
        return ""
    words = name.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return ""
    if any(w.lower().strip(".") in _NOT_PERSON for w in words) or words[0].upper().startswith("DL-"):
        return ""  # DL-: Exchange's prefix for distribution lists
    if sum(1 for w in words if len(w.strip(".")) >= 2) < 2 and "," not in name:
        return ""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        name = " ".join(_title(w) for w in name.split())
    return name


def _title(word: str) -> str:
    if word.strip(".,").lower() in _SUFFIXES:
        return word.upper() if word.strip(".,").lower() != "jr" else word.capitalize()
    return "-".join(part.capitalize() for part in word.split("-"))


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def _name_parts(name: str) -> tuple[str, str]:
    """(given, family) of a name in either order, folded, suffixes dropped; ``('', '')`` when it has no
    two parts."""
    last, comma, first = name.partition(",")
    ordered = f"{first} {last}" if comma else name
    words = [w for w in re.findall(r"[a-z]+", _fold(ordered).replace("'", "")) if w not in _SUFFIXES]
    if len(words) < 2:
        return "", ""
    return words[0], words[-1]


@lru_cache(maxsize=16384)
def _local_tokens(address: str) -> tuple[tuple[str, ...], str]:
    local = _fold(address.partition("@")[0])
    tokens = tuple(t for t in (_NOT_LETTER.sub("", t) for t in _SEPARATORS.split(local)) if t)
    return tokens, "".join(tokens)


@lru_cache(maxsize=65536)
def fits_address(name: str, address: str) -> bool | None:
    """Whether ``name`` evidently belongs to ``address``: ``True`` when the local part holds the family
    name (``phillip.allen@``, ``k..allen@``, ``pallen@`` for Phillip K. Allen), ``False`` when the local
    part is two or more words (``first.last``) none of which is the family name, ``None`` when it cannot
    tell (``rdyk@`` beside Russell Dyk reads as True; ``boethia@`` beside Woody Berry as None)."""
    _, family = _name_parts(name)
    if not family:
        return None
    tokens, compact = _local_tokens(address)
    if family in tokens or (len(family) >= 3 and family in compact):
        return True
    if len(tokens) >= 2 and len(tokens[-1]) >= 2:
        return False
    return None


_SCAN_LIMIT = 50
"""Longer lists are searched through an index of local-part words: an address whose local part only
contains the family name inside a word (``pallen@``) is then left unpaired (ours, for speed)."""


def pair_names(addresses: Sequence[str], names: Sequence[XName]) -> dict[str, str]:
    """``address -> name`` for the addresses of one field and the items of its ``X-`` field.

    By an address the item carries first; then, when both lists are as long, in order, each pair
    unless the name contradicts its address (:func:`fits_address` is ``False``); otherwise only a name
    that fits exactly one address, and that address no other name.  Unpaired addresses get no name:
    a wrong name is worse than none (it could merge two humans)."""
    found: dict[str, str] = {}
    wanted = set(addresses)
    for item in names:
        if item.address and item.address in wanted and item.name:
            found.setdefault(item.address, item.name)
    if len(names) == len(addresses):
        for address, item in zip(addresses, names, strict=True):
            if item.address and item.address != address:
                continue
            if item.name and address not in found and fits_address(item.name, address) is not False:
                found[address] = item.name
        return found
    fitting: dict[str, list[str]] = {}
    claimed: dict[str, int] = {}
    by_token: dict[str, list[str]] = {}
    for address in addresses:
        if address not in found:
            for token in set(_local_tokens(address)[0]):
                by_token.setdefault(token, []).append(address)
    for item in names:
        if not item.name or item.address:
            continue
        family = _name_parts(item.name)[1]
        near = by_token.get(family, []) if len(addresses) > _SCAN_LIMIT else addresses
        hits = [a for a in near if a not in found and fits_address(item.name, a)]
        fitting[item.name] = hits
        for a in hits:
            claimed[a] = claimed.get(a, 0) + 1
    for name, hits in fitting.items():
        if len(hits) == 1 and claimed[hits[0]] == 1:
            found[hits[0]] = name
    return found


class Settled(NamedTuple):
    """The name an address should now carry, and whether it came from two names that conflict."""

    name: str
    conflict: bool = False


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", _fold(name).replace("'", "")) if w]


def settle_name(known: str, offered: str) -> Settled | None:
    """What an address that carried ``known`` should carry once it is also given ``offered`` (both in
    "First M Last" order), or ``None`` to keep ``known``.

    The first name an address was given stays, unless the new one says more of the same (``Liz Taylor``
    then ``Liz M Taylor``: the fuller one), or the two agree on the given and family name but not on the
    rest (``John L Wilson`` and ``John T Wilson`` on one ``john.wilson@``: two namesakes shared a Notes
    address, so it keeps only what both say, ``John Wilson``, and marks the conflict so that no later
    name settles it; a middle initial must not corroborate a merge it does not support).  Ours."""
    if not known:
        return Settled(offered) if offered else None
    old, new = _words(known), _words(offered)
    if not old or not new or old == new:
        return None
    if len(new) > len(old) and new[0] == old[0] and _subsequence(old, new):  # not "Mr" before the name
        return Settled(offered)
    if len(old) >= 2 and len(new) >= 2 and old[0] == new[0] and old[-1] == new[-1] and old[1:-1] != new[1:-1]:
        if _subsequence(new, old):
            return None  # the new one says less of the same: keep the fuller one
        shared = known.split()
        return Settled(f"{shared[0]} {shared[-1]}", conflict=True)
    return None


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)
