"""Typed records the layers pass along.

Importers turn files into a stream of these records and nothing else (no SQL); the store
writes them; analysis reads them back.  Times are whole seconds since the Unix epoch, UTC
(``None`` where the source gives no date or an unparseable one: recorded as unknown, never
guessed).

An importer's stream is an iterable of :data:`ImportItem`.  After the records of each file it
yields a :class:`FileRead` (how many rows it read and skipped), and for every file of an export
it does not use, a :class:`FileIgnored`: the store attributes the rows it wrote to the file
named by the next marker, which is how the import report counts rows per file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any, Literal

MAX_NAME = 200
"""Characters of a name kept, for matching and in the database (ours: the longest names in use run to a
few dozen letters; a longer one is hostile input, and one-edit blocking keys grow with its square)."""

EARLIEST_TIME = -2_208_988_800
"""1900-01-01 00:00 UTC: no source dates anything of a living person's network earlier (ours)."""
LATEST_TIME = 7_258_118_400
"""2200-01-01 00:00 UTC: a time at or past it (``9999/12/31``) is not a date any source writes, but
hostile or broken input (ours; the LinkedIn parsers refuse the same years)."""


def plausible_time(value: int | None) -> int | None:
    """``value`` when it lies in [:data:`EARLIEST_TIME`, :data:`LATEST_TIME`), else ``None`` (unknown)."""
    if value is None or not EARLIEST_TIME <= value < LATEST_TIME:
        return None
    return value


IdentityKind = Literal[
    "linkedin",  # normalised profile URL: linkedin.com/in/<slug>
    "email",  # case-folded address
    "phone",  # E.164
    "facebook",  # Facebook display name within the user's export (no id is exported)
    "instagram",  # user name
    "twitter",  # numeric account id, as a string
    "whatsapp",  # display name or phone as the chat shows it
    "key",  # a stable hash for a person with no other key (name + company + date)
]

InteractionKind = Literal[
    "message",  # a chat or LinkedIn message
    "email",
    "meeting",
    "endorsement",
    "recommendation",
    "introduction",
]

Direction = Literal["sent", "received", "mutual"]
"""``sent``: the owner to the person; ``received``: the person to the owner; ``mutual``: both
took part on equal footing (a meeting)."""


@dataclass(frozen=True, slots=True, order=True)
class Identity:
    """One key that names a person in one namespace: an e-mail address, a profile URL, a phone."""

    kind: IdentityKind
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person as one source sees them.

    ``identities[0]`` is the source's own key for the person; the rest are further keys the source
    gives (more e-mail addresses, phones).  ``connected_on`` is set when the source says the person
    is a connection of the owner (LinkedIn connection, Facebook friend, follower): a connection
    row is written for ``(person, source)``.
    """

    source: str
    identities: tuple[Identity, ...]
    name: str
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    position: str | None = None
    headline: str | None = None
    location: str | None = None
    is_connection: bool = False
    connected_on: int | None = None
    relation: str | None = None  # e.g. "follower", "following", "friend", "contact"


@dataclass(frozen=True, slots=True, init=False)
class InteractionRecord:
    """One interaction between the owner and one other person.

    A message to n people is n records sharing one ``message_key`` with ``group_size`` n
    (Kossinets & Watts 2006: treat a message with n recipients as n one-to-one messages).
    ``source_key`` is unique within ``source`` and stable across re-imports; it is what makes an
    import idempotent.  ``person`` must name a person yielded earlier in the stream or already in
    the database; otherwise a person is created with ``person_name``.

    ``__init__`` is written out rather than generated: the generated one of a frozen dataclass sets
    each field through ``object.__setattr__``, and an import builds one record per message and
    counterpart (330,000 for ``benchmarks/import_linkedin.py``); setting the slots through their
    descriptors takes about half the time (~1.2 instead of ~2.5 us a record).  Same signature,
    defaults, equality, hashing and immutability as the generated one.
    """

    source: str
    source_key: str
    person: Identity
    kind: InteractionKind
    direction: Direction
    occurred_at: int | None
    message_key: str | None = None
    conversation_id: str | None = None
    group_size: int = 1
    length: int | None = None
    title: str | None = None
    person_name: str | None = None
    bulk: bool = False  # counts as co-occurrence, not toward tie strength

    def __init__(
        self,
        source: str,
        source_key: str,
        person: Identity,
        kind: InteractionKind,
        direction: Direction,
        occurred_at: int | None,
        message_key: str | None = None,
        conversation_id: str | None = None,
        group_size: int = 1,
        length: int | None = None,
        title: str | None = None,
        person_name: str | None = None,
        bulk: bool = False,
    ) -> None:
        _set_source(self, source)
        _set_source_key(self, source_key)
        _set_person(self, person)
        _set_kind(self, kind)
        _set_direction(self, direction)
        _set_occurred_at(self, occurred_at)
        _set_message_key(self, message_key)
        _set_conversation_id(self, conversation_id)
        _set_group_size(self, group_size)
        _set_length(self, length)
        _set_title(self, title)
        _set_person_name(self, person_name)
        _set_bulk(self, bulk)


_SlotSetter = Callable[[InteractionRecord, object], None]


def _slot_setter(name: str) -> _SlotSetter:
    """The ``__set__`` of a slot of :class:`InteractionRecord` (it bypasses the frozen ``__setattr__``)."""
    setter: _SlotSetter = getattr(InteractionRecord, name).__set__
    return setter


_set_source = _slot_setter("source")
_set_source_key = _slot_setter("source_key")
_set_person = _slot_setter("person")
_set_kind = _slot_setter("kind")
_set_direction = _slot_setter("direction")
_set_occurred_at = _slot_setter("occurred_at")
_set_message_key = _slot_setter("message_key")
_set_conversation_id = _slot_setter("conversation_id")
_set_group_size = _slot_setter("group_size")
_set_length = _slot_setter("length")
_set_title = _slot_setter("title")
_set_person_name = _slot_setter("person_name")
_set_bulk = _slot_setter("bulk")


@dataclass(frozen=True, slots=True)
class InteractionBatch:
    """Many interactions of one source and kind, field by field: item ``i`` of every list is one
    interaction, with the meaning of the :class:`InteractionRecord` field of that name (the lists are
    of one length).  :meth:`records` gives them as records; the store writes them as it would those.

    How the LinkedIn importer hands over its messages: a record per message and counterpart cost
    ~1.2 us to build and about as much again to take apart in the store, ~0.6 s of the 6 s import of
    300,000 messages (``benchmarks/import_linkedin.py``); appending to these lists costs a fraction.
    """

    source: str
    kind: InteractionKind
    source_keys: list[str] = field(default_factory=list)
    people: list[Identity] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    occurred_at: list[int | None] = field(default_factory=list)
    message_keys: list[str | None] = field(default_factory=list)
    conversation_ids: list[str | None] = field(default_factory=list)
    group_sizes: list[int] = field(default_factory=list)
    lengths: list[int | None] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    person_names: list[str | None] = field(default_factory=list)
    bulk: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.source_keys)

    def columns_by_field(self) -> dict[str, list[Any]]:
        """Each list by its field's name (``source_keys`` ... ``bulk``)."""
        return dict(zip(_BATCH_FIELDS, self._lists(), strict=True))

    def _lists(self) -> tuple[list[Any], ...]:
        return tuple(getattr(self, name) for name in _BATCH_FIELDS)

    def appenders(self) -> tuple[Callable[[Any], None], ...]:
        """The ``append`` of each list, from ``source_keys`` to ``bulk``: how an importer fills a batch."""
        return tuple(column.append for column in self._lists())

    def taken(self) -> InteractionBatch:
        """A batch of the interactions so far, leaving this one empty (its :meth:`appenders` still
        fill it)."""
        lists = self._lists()
        batch = InteractionBatch(self.source, self.kind, *(list(column) for column in lists))
        for column in lists:
            column.clear()
        return batch

    def records(self) -> Iterator[InteractionRecord]:
        """The interactions as :class:`InteractionRecord`, in order."""
        source, kind = self.source, self.kind
        # each row: source_key, person, then the record's fields from direction on, in order
        for key, person, *rest in zip(*self._lists(), strict=True):
            yield InteractionRecord(source, key, person, kind, *rest)


_BATCH_FIELDS = tuple(f.name for f in fields(InteractionBatch))[2:]
"""The lists of :class:`InteractionBatch`, in order (``source`` and ``kind`` left out)."""


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    """A pending connection request (LinkedIn ``Invitations.csv``, or typed in by hand)."""

    source: str
    source_key: str
    direction: Literal["incoming", "outgoing"]
    name: str
    sent_at: int | None
    message: str | None = None
    profile_url: str | None = None
    headline: str | None = None
    company: str | None = None
    mutual_connections: int | None = None


@dataclass(frozen=True, slots=True)
class OwnerRecord:
    """What the export says about its owner (LinkedIn ``Profile.csv``; e-mail addresses seen as sender)."""

    source: str
    name: str | None = None
    identities: tuple[Identity, ...] = ()
    headline: str | None = None
    industry: str | None = None
    location: str | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class OwnerAffiliation:
    """A position, school or followed organisation of the owner (``Positions.csv``, ``Education.csv``,
    ``Company Follows.csv``)."""

    source: str
    kind: Literal["position", "education", "follow"]
    organization: str
    title: str | None = None
    location: str | None = None
    started_on: str | None = None
    finished_on: str | None = None


@dataclass(frozen=True, slots=True)
class FileRead:
    """Marker: the records yielded since the previous marker came from ``name``."""

    name: str
    rows: int
    skipped: int = 0
    sha256: str | None = None
    unchanged: bool = False  # byte-identical to a file imported before: not parsed again
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class FileIgnored:
    """Marker: ``name`` is part of the export but carries nothing netvalue uses."""

    name: str
    reason: str = "not used"


@dataclass(frozen=True, slots=True)
class EmailMessageRecord:
    """One e-mail message as the mailbox holds it: the raw layer of e-mail (store/email.py), from which
    the owner, the machines, and the interactions and people of source ``email`` are derived.

    ``dedupe_key`` is the same for every copy of one message (several folders, a new Message-ID);
    ``recipients`` are ``(address, display name, role)`` with role ``to``, ``cc`` or ``bcc``;
    ``in_sent``: this copy sat in a sent folder or was labelled Sent; ``machine_headers``: list or
    bulk header evidence, comma-separated (``email_headers.machine_evidence``)."""

    dedupe_key: str
    message_key: str
    conversation_id: str
    sender: str
    sender_name: str
    occurred_at: int | None
    subject: str
    folder: str
    in_sent: bool
    recipients: tuple[tuple[str, str, str], ...]
    delivered_to: tuple[str, ...] = ()
    machine_headers: str = ""


@dataclass(frozen=True, slots=True)
class EmailFolderHints:
    """The distinct folder headers of a mail folder (``(x-origin | x-folder | x-filename, value)``)."""

    hints: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class FileUnreadable:
    """Marker: ``name``, one file among several of an import (a folder's or a zip's), could not be read
    (``reason``); none of its records were yielded, and the other files were imported."""

    name: str
    reason: str


ImportItem = (
    PersonRecord
    | InteractionRecord
    | InteractionBatch
    | InvitationRecord
    | OwnerRecord
    | OwnerAffiliation
    | FileRead
    | FileIgnored
    | EmailMessageRecord
    | EmailFolderHints
    | FileUnreadable
)
