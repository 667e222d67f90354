"""``messages.csv`` of LinkedIn's export: who the owner is, and one interaction per message and counterpart.

The file is read once (:mod:`netvalue.importers.linkedin.message_file`): every message is keyed and
dated and kept as a compact tuple, and the distinct sender/recipient cells are numbered.  :func:`scan` then finds the owner, who is
named nowhere: the sender URL that takes part in the most conversations is the owner's (``formats.md``),
confirmed by ``Profile.csv``'s name when a ``FROM`` matches it; it also collects the URL each name is
shown with, for exports that give names without URLs.  :func:`message_items` then turns every message
into interactions.  A message the owner sent to n people is n records sharing ``message_key``, each
with ``group_size`` n (Kossinets & Watts 2006, via ``ARCHITECTURE.md``); a message the owner received
is one record with the sender, ``group_size`` the number of participants other than the owner.
Drafts (``IS MESSAGE DRAFT`` / ``IS CONVERSATION DRAFT`` = ``Yes``) are not interactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from netvalue.importers.base import ImportOptions
from netvalue.importers.linkedin.message_file import Combination, MessagesFile
from netvalue.importers.linkedin.people import SOURCE, Directory, UrlIdentities
from netvalue.records import FileRead, Identity, InteractionBatch, PersonRecord


@dataclass(frozen=True, slots=True)
class MessageScan:
    """What the first read of ``messages.csv`` learnt."""

    owner: Identity | None
    owner_names: frozenset[str]  # the names the owner's messages show in FROM, and Profile.csv's
    name_urls: dict[str, Identity]  # a name -> the one URL the file shows for it
    url_names: dict[str, str]  # a URL's value -> a name the file shows for it


def split_names(cell: str, known: dict[str, Identity]) -> list[str]:
    """The names of a ``TO`` cell: comma-separated, unless the whole cell is one name the file knows
    (``"Smith, John"``)."""
    text = cell.strip()
    if not text:
        return []
    if "," not in text or text in known:
        return [text]
    return [n for n in (part.strip() for part in text.split(",")) if n]


def _urls_of(cell: str, urls: UrlIdentities) -> list[Identity]:
    if "," not in cell:
        one = urls(cell.strip())
        return [one] if one is not None else []
    return [u for u in (urls(part.strip()) for part in cell.split(",")) if u is not None]


def scan(file: MessagesFile, urls: UrlIdentities, profile_name: str | None) -> MessageScan:
    """Find the owner's URL and the URL each name is shown with, from each distinct pair of conversation
    and sender/recipient cells of :func:`~netvalue.importers.linkedin.message_file.read_messages`."""
    conversations_of: dict[str, set[str]] = {}  # a URL's value -> the conversations it takes part in
    names_of: dict[str, set[str]] = {}  # a URL's value -> the names shown with it
    urls_of: dict[str, set[Identity]] = {}
    conversations_named: dict[str, set[str]] = {}  # a TO name -> its conversations (files without URLs)
    identities: dict[str, Identity] = {}
    all_conversations: set[str] = set()
    combinations = file.combinations
    for conversation, number in file.conversations_of_combination:
        sender_cell, sender_url_cell, recipients_cell, recipient_urls_cell = combinations[number]
        all_conversations.add(conversation)
        sender_name = sender_cell.strip()
        sender = urls(sender_url_cell.strip())
        if sender is not None:
            identities[sender.value] = sender
            conversations_of.setdefault(sender.value, set()).add(conversation)
            if sender_name:
                names_of.setdefault(sender.value, set()).add(sender_name)
                urls_of.setdefault(sender_name, set()).add(sender)
        if recipient_urls_cell:
            recipients = _urls_of(recipient_urls_cell, urls)
            names = split_names(recipients_cell, {}) if len(recipients) > 1 else [recipients_cell.strip()]
            paired = len(names) == len(recipients)
            for position, recipient in enumerate(recipients):
                identities[recipient.value] = recipient
                conversations_of.setdefault(recipient.value, set()).add(conversation)
                if paired and names[position]:
                    names_of.setdefault(recipient.value, set()).add(names[position])
                    urls_of.setdefault(names[position], set()).add(recipient)
        else:
            for to_name in split_names(recipients_cell, {}):
                conversations_named.setdefault(to_name, set()).add(conversation)
    name_urls = {n: next(iter(found)) for n, found in urls_of.items() if len(found) == 1}
    url_names = {value: min(names) for value, names in names_of.items()}
    owner_value = _pick_owner(
        conversations_of, names_of, conversations_named, len(all_conversations), profile_name
    )
    owner = identities[owner_value] if owner_value is not None else None
    owner_names = set(names_of.get(owner_value, ())) if owner_value is not None else set()
    if profile_name:
        owner_names.add(profile_name)
    return MessageScan(owner, frozenset(owner_names), name_urls, url_names)


def _pick_owner(
    conversations_of: dict[str, set[str]],
    names_of: dict[str, set[str]],
    conversations_named: dict[str, set[str]],
    total: int,
    profile_name: str | None,
) -> str | None:
    """The owner's URL: a URL whose ``FROM`` is Profile.csv's name (the full name before the first
    name), taking part in the most conversations; without such a match, the URL taking part in the
    most conversations, if there is no Profile name to contradict it or it takes part in all."""
    if not conversations_of:
        return None
    full = (profile_name or "").casefold()
    first = full.split()[0] if full.split() else full

    def score(url: str) -> int:
        seen = conversations_of[url]
        for sender_name in names_of.get(url, ()):
            extra = conversations_named.get(sender_name)
            if extra:
                seen = seen | extra
        return len(seen)

    def name_match(url: str) -> int:
        if not full:
            return 0
        names = {n.casefold() for n in names_of.get(url, ())}
        return 2 if full in names else 1 if first in names else 0

    ranked = sorted(conversations_of, key=lambda u: (-name_match(u), -score(u), u))
    best = ranked[0]
    if name_match(best) > 0 or not full or score(best) >= total:
        return best
    return None


@dataclass(frozen=True, slots=True)
class _Participants:
    """Who a message is between, resolved once per combination of FROM, SENDER PROFILE URL, TO and
    RECIPIENT PROFILE URLS: the direction, the counterparts ``(identity, name, "|kind:value")`` that get
    a record, and the number of participants other than the owner."""

    direction: Literal["sent", "received"]
    counterparts: tuple[tuple[Identity, str, str], ...]
    group_size: int


def _participants(
    combination: Combination, urls: UrlIdentities, scan: MessageScan, directory: Directory
) -> _Participants:
    sender_cell, sender_url_cell, recipients_cell, recipient_urls_cell = combination
    owner_value = scan.owner.value if scan.owner is not None else None
    sender_name = sender_cell.strip()
    sender = urls(sender_url_cell.strip())
    sent = sender.value == owner_value if sender is not None else sender_name in scan.owner_names
    others: dict[str, tuple[Identity, str]] = {}  # the participants other than the owner
    if not sent:
        if sender is None:
            if not sender_name:
                return _Participants("received", (), 0)
            sender = directory.for_name(sender_name)
        others[sender.value] = (sender, sender_name)
    if recipient_urls_cell.strip():
        recipients = _urls_of(recipient_urls_cell, urls)
        names = (
            split_names(recipients_cell, scan.name_urls) if len(recipients) > 1 else [recipients_cell.strip()]
        )
        paired = len(names) == len(recipients)
        for position, recipient in enumerate(recipients):
            if recipient.value != owner_value and recipient.value not in others:
                others[recipient.value] = (recipient, names[position] if paired else "")
    else:
        for to_name in split_names(recipients_cell, scan.name_urls):
            if to_name not in scan.owner_names:
                identity = directory.for_name(to_name)
                others.setdefault(identity.value, (identity, to_name))
    chosen = list(others.values()) if sent else list(others.values())[:1]
    counterparts = tuple(
        (identity, shown or scan.url_names.get(identity.value, ""), f"|{identity.kind}:{identity.value}")
        for identity, shown in chosen
    )
    return _Participants("sent" if sent else "received", counterparts, len(others))


BATCH_ROWS = 16_384
"""Interactions per :class:`~netvalue.records.InteractionBatch` (ours: bounded memory, a progress update
every few thousand messages)."""

_Target = tuple[Identity, str, Literal["sent", "received"], int, str | None, bool]
"""What every message of one combination gives the record of one counterpart: the identity, the
``source_key`` suffix, direction, group size, the counterpart's name (``None`` for none) and ``bulk``."""


def message_items(
    file: MessagesFile,
    name: str,
    urls: UrlIdentities,
    scan: MessageScan,
    directory: Directory,
    options: ImportOptions,
    sha256: str,
) -> Iterator[InteractionBatch | PersonRecord | FileRead]:
    """Every message of :func:`~netvalue.importers.linkedin.message_file.read_messages` as interactions
    (in :class:`~netvalue.records.InteractionBatch` es of up to :data:`BATCH_ROWS`), people for
    counterparts who are not connections (each before the batch holding its first interaction), and the
    file's :class:`FileRead`."""
    known = directory.known
    combinations = file.combinations
    targets: list[tuple[_Target, ...] | None] = [None] * len(combinations)  # by combination number
    skipped = file.drafts
    batch = InteractionBatch(SOURCE, "message")
    (
        add_key,
        add_person,
        add_direction,
        add_occurred,
        add_message,
        add_conversation,
        add_size,
        add_length,
        add_title,
        add_name,
        add_bulk,
    ) = batch.appenders()
    for number, occurred, message_key, conversation, length, title in file.messages:
        found = targets[number]
        if found is None:
            resolved = _participants(combinations[number], urls, scan, directory)
            for identity, person_name, _ in resolved.counterparts:
                if identity.value not in known:
                    known.add(identity.value)
                    yield PersonRecord(source=SOURCE, identities=(identity,), name=person_name)
            bulk = resolved.group_size > options.max_group
            found = targets[number] = tuple(
                (identity, suffix, resolved.direction, resolved.group_size, person_name or None, bulk)
                for identity, person_name, suffix in resolved.counterparts
            )
        if not found:
            skipped += 1
            continue
        for identity, suffix, direction, group_size, shown_name, bulk in found:
            add_key(message_key + suffix)
            add_person(identity)
            add_direction(direction)
            add_occurred(occurred)
            add_message(message_key)
            add_conversation(conversation)
            add_size(group_size)
            add_length(length)
            add_title(title)
            add_name(shown_name)
            add_bulk(bulk)
        if len(batch.source_keys) >= BATCH_ROWS:
            yield batch.taken()
    if len(batch):
        yield batch
    yield FileRead(name, rows=file.rows, skipped=skipped, sha256=sha256)
