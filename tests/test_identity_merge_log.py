"""The log of automatic merges (``identity_merges``, migration 0004) and the error budget it carries
across resolution runs: every merge is logged with its rule, reasons and estimated chance of two
namesakes; a split takes a merge out of the budget; ``netvalue person`` shows why records were merged."""

from __future__ import annotations

import sqlite3

import pytest

from netvalue import identity
from netvalue.identity.matching import plan_resolution
from netvalue.identity.namesakes import accept_lone_names
from netvalue.records import Identity, PersonRecord
from netvalue.store import Database
from netvalue.store import identity as identity_store
from netvalue.store.database import migrations
from netvalue.store.identity import PersonFacts
from netvalue.store.ingest import import_stream

ROBERT = PersonRecord(
    source="linkedin",
    identities=(Identity("linkedin", "linkedin.com/in/robert-smith-1a"),),
    name="Robert Smith",
    company="Acme Inc.",
    is_connection=True,
)
BOB = PersonRecord(
    source="vcard", identities=(Identity("email", "bob.smith@acme.com"),), name="Bob Smith", company="ACME"
)


def load(db: Database, record: PersonRecord) -> None:
    import_stream(db, [record], source=record.source, path=f"{record.source}-export", sha256=record.source)


def owner_of(db: Database, kind: str, value: str) -> int:
    row = db.conn.execute("SELECT person_id FROM identities WHERE kind = ? AND value = ?", (kind, value))
    return int(row.fetchone()[0])


def test_the_migration_is_the_fourth_and_strict(db: Database) -> None:
    assert [name for _, name, _ in migrations()][3] == "0004_identity_merges.sql"
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute(
            "INSERT INTO identity_merges(run_id, kept_id, merged_id, rule, confidence, namesake_chance,"
            " linked_pairs, merged_at) VALUES (1, 1, 2, 'guess', 0.9, 0.0, 1, 0)"
        )


def test_an_automatic_merge_is_logged_and_shown_with_the_person(db: Database) -> None:
    load(db, ROBERT)
    load(db, BOB)
    report = identity.resolve(db, now=1_800_000_000)
    assert report.merged == 1
    rows = db.conn.execute(
        "SELECT run_id, identity_a, identity_b, rule, linked_pairs, merged_at FROM identity_merges"
    ).fetchall()
    assert rows == [
        (1, "linkedin:linkedin.com/in/robert-smith-1a", "email:bob.smith@acme.com", "sure", 1, 1_800_000_000)
    ]
    pid = owner_of(db, "email", "bob.smith@acme.com")
    shown = identity_store.person_record(db, pid)["automatic_merges"]
    assert isinstance(shown, list) and len(shown) == 1
    assert shown[0]["rule"] == "sure" and "same company" in shown[0]["reasons"]
    # the merge counts in the budget of later runs while it stands
    owners = identity_store.identity_owners(db.conn)
    assert identity_store.standing_merges(db.conn, owners)[0] == 1


def test_a_split_takes_the_merge_out_of_the_budget_and_the_record(db: Database) -> None:
    load(db, ROBERT)
    load(db, BOB)
    identity.resolve(db, now=1_800_000_000)
    pid = owner_of(db, "email", "bob.smith@acme.com")
    new = identity.split(db, pid, ["email:bob.smith@acme.com"])
    owners = identity_store.identity_owners(db.conn)
    assert identity_store.standing_merges(db.conn, owners) == (0, 0.0)
    assert identity_store.person_record(db, pid)["automatic_merges"] == []
    assert identity_store.person_record(db, new)["automatic_merges"] == []
    # the user's split holds on the next run, and nothing new is logged
    assert identity.resolve(db).merged == 0
    assert db.conn.execute("SELECT COUNT(*) FROM identity_merges").fetchone()[0] == 1


def test_the_budget_counts_the_errors_other_merges_already_expect() -> None:
    # chance 0.025 on one pair fits 0.01 * (5 + 1) = 0.06 alone, not after 0.05 expected elsewhere
    assert accept_lone_names([0.01], [2.5], [1], linked_pairs=5, tolerated=0.01) == [(0, 0.025)]
    assert accept_lone_names([0.01], [2.5], [1], linked_pairs=5, tolerated=0.01, expected_wrong=0.05) == []


def test_a_merge_of_several_record_pairs_counts_all_of_them() -> None:
    # chance 0.02 on 10 pairs: 0.2 expected fits 0.01 * (100 + 10) = 1.1, not 0.01 * (5 + 10) = 0.15
    assert accept_lone_names([0.01], [2.0], [10], linked_pairs=100, tolerated=0.01) == [(0, 0.02)]
    assert accept_lone_names([0.01], [2.0], [10], linked_pairs=5, tolerated=0.01) == []


def crowd(size: int = 200) -> list[PersonFacts]:
    return [
        PersonFacts(
            1000 + i, f"Given{i} Family{i}", linkedins=(f"linkedin.com/in/p{i}",), sources=("linkedin",)
        )
        for i in range(size)
    ]


def test_a_rare_name_merge_is_priced_for_the_budget_of_the_lone_names() -> None:
    # a crowd known from LinkedIn and from a mailbox, as after two imports: namesakes could fall apart
    correspondents = [
        PersonFacts(2000 + i, f"Other{i} Name{i}", emails=(f"o{i}@example.org",), sources=("email",))
        for i in range(50)
    ]
    people = [
        PersonFacts(1, "Zephyrine Quast", linkedins=("linkedin.com/in/zq",), sources=("linkedin",)),
        PersonFacts(2, "Zephyrine Quast", emails=("zq1984@gmail.com",), sources=("email",)),
        *crowd(),
        *correspondents,
    ]
    merged = plan_resolution(people, prior_links=10_000).merges
    assert [(m.a, m.b, m.rule) for m in merged] == [(1, 2, "rare_name")]
    assert 0.0 < merged[0].namesake_chance < 0.5 and merged[0].linked_pairs == 1


def test_forgetting_a_person_removes_them_from_the_merge_log(db: Database) -> None:
    from netvalue.store.people import forget_person

    load(db, ROBERT)
    load(db, BOB)
    identity.resolve(db, now=1_800_000_000)
    assert db.conn.execute("SELECT COUNT(*) FROM identity_merges").fetchone()[0] == 1
    forget_person(db, owner_of(db, "email", "bob.smith@acme.com"))
    assert db.conn.execute("SELECT COUNT(*) FROM identity_merges").fetchone()[0] == 0
