"""Getting data in: import an export (detected or named), and the user's word on their own addresses
and on machine senders, which re-derives the e-mail people without reading any file again.

:func:`import_export` is the one way in for ``netvalue import`` and the dashboard's upload: the same
importer, the same report, the same errors.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from netvalue.errors import UsageError
from netvalue.importers import IMPORTERS, ImportOptions
from netvalue.importers.base import NO_GROUP_LIMIT
from netvalue.importers.generic_csv import FIELDS, parse_mapping
from netvalue.importing import rederive_email, run_import
from netvalue.keys import normalize_email
from netvalue.store import Database
from netvalue.store import email as email_store
from netvalue.store.ingest import ImportReport
from netvalue.store.status import pending_matches

__all__ = [
    "CSV_FIELDS",
    "NO_GROUP_LIMIT",
    "ImportDone",
    "ImportOptions",
    "ImportReport",
    "MachineSenders",
    "OwnAddress",
    "OwnAddresses",
    "SenderVerdicts",
    "Source",
    "decide_own_addresses",
    "decide_senders",
    "import_export",
    "machine_senders",
    "own_addresses",
    "parse_mapping",
    "source_description",
    "sources",
]

CSV_FIELDS = FIELDS
"""The fields a column of a generic CSV can be mapped to (``netvalue import csv --map COLUMN=FIELD``)."""


@dataclass(frozen=True, slots=True)
class Source:
    """A kind of export netvalue reads: its name, what it is, and how to get it from the platform."""

    source: str
    description: str
    how_to_export: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "description": self.description, "how_to_export": self.how_to_export}


def sources() -> list[Source]:
    """Every source netvalue can import, in the registry's order."""
    return [Source(i.source, i.description, i.how_to_export) for i in IMPORTERS.values()]


def source_description(source: str) -> Source:
    """One source by name (``KeyError`` for a name that is none: callers check against :func:`sources`)."""
    importer = IMPORTERS[source]
    return Source(importer.source, importer.description, importer.how_to_export)


@dataclass(frozen=True, slots=True)
class ImportDone:
    """An import's report, and how many possible matches now wait for the user's review."""

    report: ImportReport
    matches_to_review: int

    def to_json(self) -> dict[str, Any]:
        return {**self.report.as_dict(), "matches_to_review": self.matches_to_review}


def import_export(
    db: Database,
    path: Path,
    *,
    source: str | None = None,
    options: ImportOptions | None = None,
    include_forgotten: bool = False,
    on_progress: Callable[[str, int], None] | None = None,
) -> ImportDone:
    """Import ``path`` (of ``source``, or detected); the report and the matches now waiting."""
    report = run_import(
        db, path, source=source, options=options, include_forgotten=include_forgotten, on_progress=on_progress
    )
    return ImportDone(report, pending_matches(db))


@dataclass(frozen=True, slots=True)
class OwnAddress:
    """One of the user's addresses (``role`` owner or delegate), or one they said is not theirs (``role``
    "not yours"); ``source`` says who decided: inferred, added by you, removed by you."""

    address: str
    role: Literal["owner", "delegate", "not yours"]
    source: Literal["inferred", "added by you", "removed by you"]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OwnAddresses:
    """``netvalue me``: the owner's addresses and delegates with the evidence, then those the user removed."""

    addresses: tuple[OwnAddress, ...]

    def to_json(self) -> list[dict[str, object]]:
        return [{**asdict(a), "evidence": list(a.evidence)} for a in self.addresses]


def own_addresses(db: Database) -> OwnAddresses:
    """``netvalue me``: the owner's addresses and delegates with the evidence, and those the user removed."""
    found = [
        OwnAddress(o.address, o.role, "added by you" if o.origin == "added" else "inferred", o.evidence)
        for o in email_store.owner_rows(db.conn)
    ]
    removed = sorted(a for a, d in email_store.owner_decisions(db.conn).items() if d == "remove")
    found += [OwnAddress(a, "not yours", "removed by you", ()) for a in removed]
    return OwnAddresses(tuple(found))


def _addresses(given: tuple[str, ...], problem: str) -> list[str]:
    wanted = [normalize_email(a) for a in given if a.strip()]
    if any("@" not in a for a in wanted):
        raise UsageError(problem)
    return wanted


def decide_own_addresses(
    db: Database, addresses: tuple[str, ...], decision: Literal["add", "remove"]
) -> None:
    """Say addresses are the user's (``add``) or not (``remove``), kept across imports; the e-mail
    people and interactions are re-derived at once."""
    problem = "give one or more e-mail addresses, e.g. netvalue me add jane@example.com"
    wanted = _addresses(addresses, problem)
    if not wanted:
        raise UsageError(problem)
    with db.transaction() as conn:
        email_store.decide_owner(conn, wanted, decision, int(time.time()))
        rederive_email(db)


@dataclass(frozen=True, slots=True)
class MachineSenders:
    """``netvalue people --machines``: the e-mail senders kept out of people as machines, and why."""

    senders: tuple[email_store.SenderRow, ...]

    def to_json(self) -> list[dict[str, object]]:
        return [
            {
                "address": r.address,
                "messages": r.messages,
                "source": "marked by you" if r.origin == "user" else "evidence",
                "reasons": list(r.reasons),
            }
            for r in self.senders
        ]


def machine_senders(db: Database) -> MachineSenders:
    """The e-mail senders kept out of people as machines, with the evidence."""
    return MachineSenders(tuple(email_store.sender_rows(db.conn, "machine")))


@dataclass(frozen=True, slots=True)
class SenderVerdicts:
    """``netvalue people --machine ADDRESS --person ADDRESS``: the addresses the user judged machines and
    people (as the store keeps them), and how many senders are kept out as machines now."""

    machines_named: tuple[str, ...]
    persons_named: tuple[str, ...]
    machines: int

    def to_json(self) -> dict[str, object]:
        return {
            "decided": {"machine": list(self.machines_named), "person": list(self.persons_named)},
            "machines": self.machines,
        }


def decide_senders(db: Database, machines: tuple[str, ...], persons: tuple[str, ...]) -> SenderVerdicts:
    """The user's word on senders: ``machines`` are machines, ``persons`` are people (kept across
    imports); the e-mail layer is re-derived."""
    now = int(time.time())
    with db.transaction() as conn:
        for given, verdict in ((machines, "machine"), (persons, "person")):
            wanted = _addresses(given, "--machine and --person take e-mail addresses")
            email_store.override_machine(conn, wanted, "machine" if verdict == "machine" else "person", now)
        summary = rederive_email(db)
    return SenderVerdicts(
        tuple(normalized_addresses(machines)), tuple(normalized_addresses(persons)), summary.machines
    )


def normalized_addresses(given: tuple[str, ...]) -> list[str]:
    """Addresses as the store keeps them (lower case, trimmed)."""
    return [normalize_email(a) for a in given]
