"""The give-and-take ledger: what you gave each person and what they gave you (or you asked of them).

Entries are the user's own (``netvalue give`` / ``netvalue ask``) plus, from the imports, endorsements and
recommendations given (give) and received (they helped you).  Reciprocal services are one of the
dimensions of tie strength (Granovetter 1973; Gilbert & Karahalios 2009, science.md §1); the balance is
a plain count of entries, every kind weighing one [ours].  Someone who helped you and has not heard from
you since is a reason for the weekly plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol


class LedgerEntryLike(Protocol):
    @property
    def person_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def direction(self) -> Literal["give", "ask"]: ...
    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class PersonBalance:
    """``balance`` = given − received: above zero they owe you, below zero you owe them."""

    person_id: int
    name: str
    given: int
    received: int
    last_given_at: int | None
    last_received_at: int | None
    kinds: tuple[str, ...]

    @property
    def balance(self) -> int:
        return self.given - self.received

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.person_id,
            "name": self.name,
            "given": self.given,
            "received": self.received,
            "balance": self.balance,
            "last_given_at": self.last_given_at,
            "last_received_at": self.last_received_at,
            "kinds": list(self.kinds),
        }


@dataclass(frozen=True, slots=True)
class Ledger:
    people: tuple[PersonBalance, ...]
    by_person: dict[int, PersonBalance] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.by_person:
            self.by_person.update((p.person_id, p) for p in self.people)

    @property
    def given(self) -> int:
        return sum(p.given for p in self.people)

    @property
    def received(self) -> int:
        return sum(p.received for p in self.people)

    @property
    def you_owe(self) -> tuple[PersonBalance, ...]:
        """People who gave you more than you gave them, most owed first."""
        return tuple(sorted((p for p in self.people if p.balance < 0), key=lambda p: (p.balance, p.name)))

    @property
    def owe_you(self) -> tuple[PersonBalance, ...]:
        return tuple(sorted((p for p in self.people if p.balance > 0), key=lambda p: (-p.balance, p.name)))

    def as_dict(self) -> dict[str, object]:
        return {
            "given": self.given,
            "received": self.received,
            "balance": self.given - self.received,
            "people": [p.as_dict() for p in self.people],
            "you_owe": [p.person_id for p in self.you_owe],
            "owe_you": [p.person_id for p in self.owe_you],
        }


def build_ledger(entries: Iterable[LedgerEntryLike]) -> Ledger:
    """Balances per person (ordered by name, then id) from ledger entries."""
    given: dict[int, int] = {}
    received: dict[int, int] = {}
    names: dict[int, str] = {}
    last_given: dict[int, int | None] = {}
    last_received: dict[int, int | None] = {}
    kinds: dict[int, set[str]] = {}
    for entry in entries:
        pid = entry.person_id
        names[pid] = entry.name
        kinds.setdefault(pid, set()).add(entry.kind)
        if entry.direction == "give":
            given[pid] = given.get(pid, 0) + 1
            last_given[pid] = _latest(last_given.get(pid), entry.at)
        else:
            received[pid] = received.get(pid, 0) + 1
            last_received[pid] = _latest(last_received.get(pid), entry.at)
    people = [
        PersonBalance(
            pid,
            names[pid],
            given.get(pid, 0),
            received.get(pid, 0),
            last_given.get(pid),
            last_received.get(pid),
            tuple(sorted(kinds[pid])),
        )
        for pid in names
    ]
    return Ledger(tuple(sorted(people, key=lambda p: (p.name.casefold(), p.person_id))))


def _latest(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)
