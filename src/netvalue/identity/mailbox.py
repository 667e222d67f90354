"""E-mail's normalised layer derived from its raw layer: the owner, the machines, and the interactions
and people of source ``email``, from every stored message at once.

:func:`derive` is pure.  How a message becomes records:

- From an owner's address, or from a delegate's address in a sent folder: ``sent``, one interaction
  per recipient (To, Cc, Bcc less the owner's addresses and the delegate), ``group_size`` the number of
  recipients.  Otherwise ``received``: the sender is the counterpart; the other recipients get
  ``bulk`` records (they co-occur, their tie is not evidenced).
- By default every message counts, its group size recorded: analysis weighs a message to n people 1/n
  (Newman 2001; :class:`netvalue.analysis.ties.TieSettings`).  With ``max_group`` (``import email
  --max-group N``) a message to more recipients is ``bulk`` (co-occurrence only), Kossinets & Watts'
  (2006) rule, whose cut-off was 4.
- A machine (:mod:`netvalue.identity.mail_machines`) is never a person: its messages and its address
  make no record.  A message with list or bulk headers makes none either (list mail is not a tie),
  unless the user said its sender is a person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.identity.mail_machines import SenderEvidence, classify_all, sender_evidence
from netvalue.identity.mail_owner import OwnerFinding, infer_owner
from netvalue.importers.base import NO_GROUP_LIMIT
from netvalue.importers.exchange_names import settle_name
from netvalue.importers.mail_timeline import plausible_span, within
from netvalue.records import Identity, InteractionRecord, PersonRecord
from netvalue.store.email import RawMessage

SOURCE = "email"


@dataclass(frozen=True, slots=True)
class Derivation:
    """Everything e-mail's raw layer gives: the owner, each sender's verdict, the records, and counts."""

    owner: OwnerFinding
    evidence: dict[str, SenderEvidence]
    verdicts: dict[str, tuple[Literal["person", "machine"], tuple[str, ...]]]
    records: list[PersonRecord | InteractionRecord]
    kept_out: int  # messages that made no record: from machines, or list mail

    @property
    def machines(self) -> set[str]:
        return {a for a, (v, _) in self.verdicts.items() if v == "machine"}


def derive(
    messages: Sequence[RawMessage],
    hints: Sequence[tuple[str, str]],
    *,
    decisions: Mapping[str, str],
    overrides: Mapping[str, str],
    known_name: str = "",
    max_group: int = NO_GROUP_LIMIT,
    now: int | None = None,
) -> Derivation:
    """The owner, the machines and the records of ``messages`` (see the module docstring).  A message
    dated far outside the mailbox's own timeline is recorded as undated
    (:func:`netvalue.importers.mail_timeline.plausible_span`, judged over every stored message)."""
    finding = infer_owner(messages, hints, decisions, known_name)
    owner = frozenset(finding.owner)
    delegates = frozenset(finding.delegates)
    owner_sent = [m.sender in owner or (m.in_sent and m.sender in delegates) for m in messages]
    evidence = sender_evidence(messages, owner, owner_sent, delegates)
    verdicts = classify_all(evidence, overrides)
    for address, wish in overrides.items():  # an address that never sent: the user's word still holds
        if address not in verdicts and address not in owner and wish in ("person", "machine"):
            verdicts[address] = ("machine" if wish == "machine" else "person", (f"you marked it a {wish}",))
    machines = frozenset(a for a, (v, _) in verdicts.items() if v == "machine")
    people = frozenset(a for a, (v, _) in verdicts.items() if v == "person" and a in overrides)
    records: list[PersonRecord | InteractionRecord] = []
    span = plausible_span([m.occurred_at for m in messages if m.occurred_at is not None], now)
    emitter = _Emitter(owner, machines, max_group, records, span=span)
    kept_out = 0
    for m, sent in zip(messages, owner_sent, strict=True):
        if sent:
            emitter.sent(m)
        elif m.sender in machines or (_list_mail(m) and m.sender not in people):
            kept_out += 1
        else:
            emitter.received(m)
    return Derivation(finding, evidence, verdicts, records, kept_out)


def _list_mail(m: RawMessage) -> bool:
    return bool(m.machine_headers)


@dataclass(slots=True)
class _Emitter:
    owner: frozenset[str]
    machines: frozenset[str]
    max_group: int
    out: list[PersonRecord | InteractionRecord]
    named: dict[str, str | None] | None = None  # address -> its name ('' none yet; None: names conflict)
    span: tuple[int | None, int | None] = (None, None)  # the mailbox's plausible dates

    def sent(self, m: RawMessage) -> None:
        drop = self.owner | {m.sender}
        people = [(a, n) for a, n, _ in m.recipients if a not in drop and a not in self.machines]
        bulk = len(people) > self.max_group
        when = within(m.occurred_at, self.span)
        for address, name in people:
            self._person(address, name)
            self.out.append(_interaction(m, when, address, name, "sent", len(people), bulk))

    def received(self, m: RawMessage) -> None:
        others = [
            (a, n)
            for a, n, _ in m.recipients
            if a not in self.owner and a != m.sender and a not in self.machines
        ]
        group = 1 + len(others)
        bulk = len(m.recipients) > self.max_group
        when = within(m.occurred_at, self.span)
        self._person(m.sender, m.sender_name)
        self.out.append(_interaction(m, when, m.sender, m.sender_name, "received", group, bulk))
        for address, name in others:
            self._person(address, name)
            self.out.append(_interaction(m, when, address, name, "received", group, True))

    def _person(self, address: str, name: str) -> None:
        if self.named is None:
            self.named = {}
        if address not in self.named:
            self.named[address] = name
            self.out.append(PersonRecord(source=SOURCE, identities=(Identity("email", address),), name=name))
            return
        known = self.named[address]
        if known is None or not name or name == known:
            return
        if not known:
            settled_name, conflict = name, False
        else:
            settled = settle_name(known, name)  # a fuller name, or what two conflicting names share
            if settled is None:
                return
            settled_name, conflict = settled.name, settled.conflict
        self.named[address] = None if conflict else settled_name
        self.out.append(PersonRecord(source=SOURCE, identities=(Identity("email", address),), name=settled_name))


def _interaction(
    m: RawMessage,
    when: int | None,
    address: str,
    name: str,
    direction: Literal["sent", "received"],
    group: int,
    bulk: bool,
) -> InteractionRecord:
    return InteractionRecord(
        source=SOURCE,
        source_key=f"{m.message_key}|{address}",
        person=Identity("email", address),
        kind="email",
        direction=direction,
        occurred_at=when,
        message_key=m.message_key,
        conversation_id=m.conversation_id,
        group_size=group,
        length=None,
        title=m.subject or None,
        person_name=name or None,
        bulk=bulk,
    )
