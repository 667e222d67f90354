"""Who owns a mailbox: every address of the owner, from both directions, each with its evidence, and the
delegates who send from the owner's sent folders under their own address.

Pure: a function of the stored messages (``store.email.RawMessage``), the folder headers, the owner's
name if another source gave it, and the user's decisions.  It reads all the mail in the database at
once, never one file, so importing a mailbox folder by folder gives the owner one import of the whole
folder gives.  Every rule and threshold here is ours.

- The owner's name: the folder headers that name the mailbox (Enron's ``X-Origin: Allen-P`` gives the
  surname and first initial, ``X-Folder: ...\\Allen, Phillip K.\\...`` the full name), else the display
  name on the owner's sent mail, else the name another source gave (LinkedIn's profile).
- The main address: the sender of sent mail (a sent folder, or Gmail's ``Sent`` label) whose address or
  display name carries the owner's name, else any sender of sent mail; of several, the one most inbox
  mail is addressed to (an assistant may send more than the owner), then the most frequent;
  failing that, the most frequent delivery address (``Delivered-To``); failing that, an address the
  user gave (``netvalue me add``, ``--me``); failing that, the address on the most messages (the owner is on nearly every message of their own mailbox).
- Another address is the owner's only with evidence beyond frequency (an announcement list is in the
  To of many inbox messages and is not the owner): it sends from a sent folder and carries the
  owner's name; or it is the delivery address of 2 or more messages; or it carries the owner's name
  (in its local part or its display name; or it is the first name or surname alone at the main
  address's domain, ``louise@enron.com``) and appears in the mailbox at all.
- A delegate sends from the owner's sent folders (2 messages or more) under an address that does not
  carry the owner's name, and corresponds with the owner (the owner writes to her, or she writes to the owner from
  elsewhere).  What she sent from those folders counts as the owner's; the rest of her mail is hers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from netvalue.store.email import RawMessage

_WORD = re.compile(r"[a-z]+")
_LOCAL_SPLIT = re.compile(r"[._\-+]+")
_FOLDER_PART = re.compile(r"[\\/]")
MIN_DELEGATE_SENT = 2
"""Messages from a sent folder under someone else's address that make her a delegate (one can be a
message filed there by mistake).  Ours."""


@dataclass(frozen=True, slots=True)
class OwnerName:
    """The owner's name as far as it is known: surname, first name (may be ''), initials."""

    surname: str
    first: str = ""
    initials: frozenset[str] = frozenset()

    def __str__(self) -> str:
        middle = " ".join(i.upper() + "." for i in sorted(self.initials - {self.first[:1]}))
        return " ".join(p for p in (self.first.title(), middle, self.surname.title()) if p)


@dataclass(frozen=True, slots=True)
class OwnerFinding:
    """The owner's addresses and delegates, each with its evidence (short phrases, strongest first)."""

    name: OwnerName | None
    owner: dict[str, tuple[str, ...]] = field(default_factory=dict)
    added: frozenset[str] = frozenset()  # the user's additions among ``owner``
    delegates: dict[str, tuple[str, ...]] = field(default_factory=dict)


def name_tokens(text: str) -> list[str]:
    """``"Allen, Phillip K."`` -> ``['phillip', 'k', 'allen']`` (``Last, First`` turned round)."""
    last, comma, first = text.partition(",")
    if comma and first.strip() and "," not in first:
        text = f"{first} {last}"
    return _WORD.findall(text.casefold())


def name_from_tokens(tokens: Sequence[str]) -> OwnerName | None:
    words = [t for t in tokens if t]
    if len(words) < 2:
        return None
    return OwnerName(surname=words[-1], first=words[0], initials=frozenset(w[0] for w in words[:-1]))


def name_from_hints(hints: Iterable[tuple[str, str]]) -> OwnerName | None:
    """The owner's name from folder headers: ``X-Origin: Allen-P`` (surname, first initial), refined by an
    ``X-Folder`` part written ``Allen, Phillip K.`` with that surname."""
    origins = Counter(v.strip().casefold() for k, v in hints if k == "x-origin" and v.strip())
    names = Counter(
        part.strip()
        for k, v in hints
        if k == "x-folder"
        for part in _FOLDER_PART.split(v)
        if "," in part and len(name_tokens(part)) >= 2
    )
    origin: tuple[str, str] | None = None
    if origins:
        surname, _, initial = origins.most_common(1)[0][0].partition("-")
        if _WORD.fullmatch(surname):
            origin = (surname, initial[:1])
    for text, _ in names.most_common():
        name = name_from_tokens(name_tokens(text))
        if name is not None and (origin is None or name.surname == origin[0]):
            return name
    if origin is not None:
        return OwnerName(surname=origin[0], initials=frozenset(origin[1]) if origin[1] else frozenset())
    return None


def _first_matches(token: str, name: OwnerName) -> bool:
    if not name.first:
        return len(token) > 1 and token[0] in name.initials
    short, long = sorted((token, name.first), key=len)
    return len(short) >= 3 and long.startswith(short)


def display_carries(display: str, name: OwnerName) -> bool:
    """The display name is the owner's: the surname and the first name (or, when only initials are
    known, a word with the first initial)."""
    tokens = name_tokens(display)
    if name.surname not in tokens:
        return False
    rest = [t for t in tokens if t != name.surname]
    return bool(rest) and _first_matches(rest[0], name)


def local_carries(local: str, name: OwnerName) -> bool:
    """The local part carries the owner's name: ``phillip.allen``, ``k..allen``, ``pallen70``, ``allenp``,
    ``jskillin`` (an initial and the first 5+ letters of the surname) -- never the surname alone."""
    parts = [p.rstrip("0123456789") for p in _LOCAL_SPLIT.split(local.casefold())]
    parts = [p for p in parts if p]
    surname = name.surname
    if surname in parts and len(parts) >= 2:
        others = [p for p in parts if p != surname]
        return all(
            (len(p) == 1 and p in name.initials) or (len(p) > 1 and _first_matches(p, name)) for p in others
        )
    if len(parts) != 1:
        return False
    word = parts[0]
    firsts = {name.first} if name.first else set()
    for lead in firsts | set(name.initials):
        for cut in range(len(surname), min(len(surname), 5) - 1, -1):
            stem = surname[:cut]
            if word in (lead + stem, stem + lead):
                return True
    return False


@dataclass(slots=True)
class _Tallies:
    """Who appears where in the mailbox: senders of sent mail (and the names they sent under), every
    address's appearances, recipients of received mail, Delivered-To, and display names."""

    sent_from: Counter[str] = field(default_factory=Counter)
    sent_names: dict[str, Counter[str]] = field(default_factory=dict)
    appears: Counter[str] = field(default_factory=Counter)
    as_recipient: Counter[str] = field(default_factory=Counter)
    delivered: Counter[str] = field(default_factory=Counter)
    displays: dict[str, Counter[str]] = field(default_factory=dict)


def _tally(messages: Sequence[RawMessage]) -> _Tallies:
    found = _Tallies()
    for m in messages:
        found.appears[m.sender] += 1
        if m.sender_name:
            found.displays.setdefault(m.sender, Counter())[m.sender_name] += 1
        if m.in_sent:
            found.sent_from[m.sender] += 1
            if m.sender_name:
                found.sent_names.setdefault(m.sender, Counter())[m.sender_name] += 1
        for address, display, _ in m.recipients:
            found.appears[address] += 1
            if not m.in_sent:
                found.as_recipient[address] += 1
            if display:
                found.displays.setdefault(address, Counter())[display] += 1
        for address in m.delivered_to:
            found.delivered[address] += 1
    return found


def infer_owner(
    messages: Sequence[RawMessage],
    hints: Sequence[tuple[str, str]],
    decisions: Mapping[str, Literal["add", "remove"] | str],
    known_name: str = "",
) -> OwnerFinding:
    """The owner's addresses and delegates (see the module docstring)."""
    tallies = _tally(messages)
    removed = {a for a, d in decisions.items() if d == "remove"}
    name = name_from_hints(hints)
    if name is None and tallies.sent_from:
        top = tallies.sent_from.most_common(1)[0][0]
        if top in tallies.sent_names:
            name = name_from_tokens(name_tokens(tallies.sent_names[top].most_common(1)[0][0]))
    if name is None and known_name:
        name = name_from_tokens(name_tokens(known_name))
    primary = _primary_address(tallies, decisions, removed, name)
    if name is None and primary and primary in tallies.displays:
        name = name_from_tokens(name_tokens(tallies.displays[primary].most_common(1)[0][0]))
    owner = _owner_addresses(tallies, removed, name, primary, decisions)
    added = {a for a, d in decisions.items() if d == "add"}
    for address in sorted(added):
        owner.setdefault(address, []).insert(0, "added by you")
    return OwnerFinding(
        name=name,
        owner={a: tuple(w) for a, w in owner.items()},
        added=frozenset(added),
        delegates=_delegates(messages, tallies, set(owner), removed),
    )


def _carries(address: str, name: OwnerName | None, tallies: _Tallies) -> str:
    """Why ``address`` carries the owner's name ('' when it does not)."""
    if name is None:
        return ""
    local = address.partition("@")[0]
    if local_carries(local, name):
        return f"the address carries your name ({name})"
    for display, _ in tallies.displays.get(address, Counter()).most_common(3):
        if display_carries(display, name):
            return f"its display name {display!r} is your name"
    return ""


def _bare_name(address: str, name: OwnerName | None, primary: str) -> str:
    """Why ``address`` is the owner's first name or surname alone at the main address's domain."""
    domain = primary.partition("@")[2]
    local, _, host = address.partition("@")
    local = local.strip("._-").casefold()  # Enron's broken ".ward@enron.com"
    if name is None or host != domain or address == primary:
        return ""
    if local in {name.first, name.surname} - {""} and len(local) >= 3:
        return f"your {'first name' if local == name.first else 'surname'} at {domain}"
    return ""


def _primary_address(
    tallies: _Tallies, decisions: Mapping[str, str], removed: set[str], name: OwnerName | None
) -> str:
    """The owner's main address: among the senders of sent mail, one that carries their name, else the
    one the inbox is addressed to most (an assistant may send more); failing sent mail, Delivered-To, the
    user's word, then the most frequent address."""
    sent_from, delivered, appears = tallies.sent_from, tallies.delivered, tallies.appears
    candidates = sorted(
        (a for a in sent_from if a not in removed), key=lambda a: (-tallies.as_recipient[a], -sent_from[a], a)
    )
    named = [a for a in candidates if _carries(a, name, tallies)]
    if named:
        return named[0]
    if candidates:
        return candidates[0]
    if delivered:
        return next((a for a, _ in delivered.most_common() if a not in removed), "")
    if any(d == "add" for d in decisions.values()):
        return min(a for a, d in decisions.items() if d == "add")  # the user's word over frequency
    if appears:
        return next((a for a, _ in appears.most_common() if a not in removed), "")
    return ""


def _owner_addresses(
    tallies: _Tallies, removed: set[str], name: OwnerName | None, primary: str, decisions: Mapping[str, str]
) -> dict[str, list[str]]:
    """The owner's addresses, each with the evidence for it in words (the main address first)."""
    sent_from, delivered, appears = tallies.sent_from, tallies.delivered, tallies.appears
    owner: dict[str, list[str]] = {}

    def note(address: str, why: str) -> None:
        owner.setdefault(address, []).append(why)

    if primary:
        if sent_from[primary]:
            note(primary, f"From of {_count(sent_from[primary])} in sent folders")
        elif delivered[primary]:
            note(primary, f"in Delivered-To of {_count(delivered[primary])}")
        elif decisions.get(primary) != "add":
            note(primary, f"on {_count(appears[primary])}, more than any other address (no sent mail)")
    for address in sorted(appears.keys() | delivered.keys()):
        if address in removed:
            continue
        why = _carries(address, name, tallies) or _bare_name(address, name, primary)
        if address != primary and sent_from[address] and why:
            note(address, f"From of {_count(sent_from[address])} in sent folders")
        if delivered[address] >= 2:
            note(address, f"in Delivered-To of {delivered[address]:,} messages")
        if why and (address in owner or appears[address]):
            if address not in owner:
                if tallies.as_recipient[address]:
                    note(address, f"To/Cc of {_count(tallies.as_recipient[address])} in your folders")
                else:
                    note(address, f"on {_count(appears[address])}")
            owner[address].append(why)
    return owner


def _delegates(
    messages: Sequence[RawMessage], tallies: _Tallies, owned: set[str], removed: set[str]
) -> dict[str, tuple[str, ...]]:
    """Addresses that sent mail from the owner's sent folders under their own address and corresponded
    with the owner: an assistant's, each with the evidence in words."""
    wrote_to: Counter[str] = Counter()
    wrote_to_owner: Counter[str] = Counter()
    for m in messages:
        if m.sender in owned:
            wrote_to.update({a for a, _, _ in m.recipients})
        elif not m.in_sent and any(a in owned for a, _, _ in m.recipients):
            wrote_to_owner[m.sender] += 1
    delegates: dict[str, tuple[str, ...]] = {}
    for address, count in tallies.sent_from.items():
        if address in owned or address in removed or count < MIN_DELEGATE_SENT:
            continue
        if wrote_to[address] or wrote_to_owner[address]:
            reasons = [f"From of {_count(count)} in your sent folders, under her own address"]
            if wrote_to[address]:
                reasons.append(f"you wrote to this address in {_count(wrote_to[address])}")
            if wrote_to_owner[address]:
                reasons.append(f"it wrote to you in {_count(wrote_to_owner[address])}")
            delegates[address] = tuple(reasons)
    return delegates


def _count(n: int) -> str:
    return f"{n:,} message" if n == 1 else f"{n:,} messages"
