"""Fixtures of the recommend tests: a small network imported through the real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from netvalue.records import (
    Identity,
    ImportItem,
    InteractionRecord,
    InvitationRecord,
    OwnerAffiliation,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store import Database
from netvalue.store.ingest import import_stream

DAY = 86_400


def epoch(day: str) -> int:
    d = dt.date.fromisoformat(day)
    return int(dt.datetime(d.year, d.month, d.day, 12, tzinfo=dt.UTC).timestamp())


AS_OF = epoch("2026-11-18")  # a Wednesday of ISO week 2026-W47


@dataclass(frozen=True, slots=True)
class Network:
    db: Database
    ids: dict[str, int]


def li(slug: str) -> Identity:
    return Identity("linkedin", f"linkedin.com/in/{slug}")


def _messages(
    slug: str, name: str, start: str, count: int, gap_days: int, title: str | None = None
) -> list[ImportItem]:
    items: list[ImportItem] = []
    t0 = epoch(start)
    for i in range(count):
        for direction in ("sent", "received"):
            items.append(
                InteractionRecord(
                    source="linkedin",
                    source_key=f"{slug}-{i}-{direction}",
                    person=li(slug),
                    kind="message",
                    direction=direction,  # type: ignore[arg-type]
                    occurred_at=t0 + i * gap_days * DAY + (3600 if direction == "received" else 0),
                    conversation_id=f"conv-{slug}",
                    title=title,
                    person_name=name,
                )
            )
    return items


def network_items() -> list[ImportItem]:
    people = [
        ("alice-close", "Alice Close", "Acme Analytics", "Product Lead"),
        ("bob-dormant", "Bob Dormant", "Globex", "CTO"),
        ("carol-helper", "Carol Helper", "Initech", "Recruiter"),
        ("dan-mover", "Dan Mover", "Hooli", "Engineer"),
        ("eve-data", "Eve Data", "Monzo", "Senior Data Engineer"),
        ("frank-names", "Frank Names", "Umbrella", "Sales"),
    ]
    items: list[ImportItem] = [
        OwnerRecord(
            source="linkedin",
            name="Sam Owner",
            headline="Data engineer",
            industry="Fintech",
            location="London",
        ),
        OwnerAffiliation(
            source="linkedin", kind="position", organization="Acme Analytics", title="Data Engineer"
        ),
        OwnerAffiliation(source="linkedin", kind="education", organization="University of Leeds"),
    ]
    for slug, name, company, position in people:
        items.append(
            PersonRecord(
                source="linkedin",
                identities=(li(slug),),
                name=name,
                company=company,
                position=position,
                is_connection=True,
                connected_on=epoch("2019-01-01"),
            )
        )
    items.append(
        PersonRecord(
            source="linkedin",
            identities=(li("alice-close"), Identity("email", "alice@acme.example")),
            name="Alice Close",
            company="Acme Analytics",
            position="Product Lead",
        )
    )
    items += _messages("alice-close", "Alice Close", "2026-06-01", 40, 4, "Quarterly roadmap")
    items += _messages("bob-dormant", "Bob Dormant", "2022-01-10", 60, 6, "Kafka migration")
    items += _messages("carol-helper", "Carol Helper", "2025-10-01", 3, 20)
    items += _messages("dan-mover", "Dan Mover", "2025-01-01", 4, 30)
    items += _messages("eve-data", "Eve Data", "2025-08-01", 2, 60)
    items.append(
        InteractionRecord(
            source="linkedin",
            source_key="endorse-carol",
            person=li("carol-helper"),
            kind="endorsement",
            direction="received",
            occurred_at=epoch("2026-05-01"),
            title="Python",
            person_name="Carol Helper",
        )
    )
    items.append(
        InvitationRecord(
            source="linkedin",
            source_key="inv-1",
            direction="incoming",
            name="Greta Growth",
            sent_at=epoch("2026-11-10"),
            message="Grow your network fast! Click here: http://spam.example",
            profile_url="https://www.linkedin.com/in/greta-growth",
        )
    )
    items.append(
        InvitationRecord(
            source="linkedin",
            source_key="inv-2",
            direction="incoming",
            name="Hana Data",
            sent_at=epoch("2026-11-11"),
            message="Hi Sam, I enjoyed your talk on streaming pipelines at PyData London.",
            profile_url="https://www.linkedin.com/in/hana-data",
            headline="Data Engineer at Monzo",
        )
    )
    return items


def import_items(db: Database, items: list[ImportItem], now: int) -> None:
    import_stream(db, items, source="linkedin", path="fixture", sha256="x", now=now)


def person_id(db: Database, slug: str) -> int:
    row = db.conn.execute(
        "SELECT person_id FROM identities WHERE kind = 'linkedin' AND value = ?", (f"linkedin.com/in/{slug}",)
    ).fetchone()
    return int(row[0])


@pytest.fixture
def network(db: Database) -> Iterator[Network]:
    import_items(db, network_items(), epoch("2026-01-01"))
    # a later import shows Dan at a new company: a change between imports
    import_items(
        db,
        [
            PersonRecord(
                source="linkedin",
                identities=(li("dan-mover"),),
                name="Dan Mover",
                company="Stripe",
                position="Staff Engineer",
                is_connection=True,
                connected_on=epoch("2019-01-01"),
            )
        ],
        epoch("2026-11-01"),
    )
    slugs = ("alice-close", "bob-dormant", "carol-helper", "dan-mover", "eve-data", "frank-names")
    yield Network(db, {slug: person_id(db, slug) for slug in slugs})


@pytest.fixture
def reimport(db: Database) -> Callable[[], None]:
    """Import the network's export again, as a later run would."""
    return lambda: import_items(db, network_items(), epoch("2026-11-19"))
