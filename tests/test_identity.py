"""Identity resolution over a real database: e-mail ties across sources, and the user's merge, split and
reject decisions surviving re-imports and re-resolution."""

from __future__ import annotations

from collections.abc import Iterable

from netvalue import identity
from netvalue.records import Identity, ImportItem, InteractionRecord, PersonRecord
from netvalue.store import Database
from netvalue.store import identity as identity_store
from netvalue.store.ingest import import_stream
from netvalue.store.people import add_note, find_person

LINKEDIN_BOB = PersonRecord(
    source="linkedin",
    identities=(Identity("linkedin", "linkedin.com/in/robert-smith-1a"),),
    name="Robert Smith",
    first_name="Robert",
    last_name="Smith",
    company="Acme Inc.",
    position="CTO",
    is_connection=True,
    connected_on=1_600_000_000,
)
VCARD_BOB = PersonRecord(
    source="vcard",
    identities=(Identity("email", "bob.smith@acme.com"), Identity("phone", "+14155550100")),
    name="Bob Smith",
    company="ACME",
)
MAIL_BOB = InteractionRecord(
    source="email",
    source_key="<m1@acme.com>:bob.smith@acme.com",
    person=Identity("email", "bob.smith@acme.com"),
    kind="email",
    direction="received",
    occurred_at=1_700_000_000,
    person_name="Bob Smith",
    title="Lunch?",
)
MEETING_BOB = InteractionRecord(
    source="calendar",
    source_key="evt-1@google.com:1700100000:bob.smith@acme.com",
    person=Identity("email", "bob.smith@acme.com"),
    kind="meeting",
    direction="mutual",
    occurred_at=1_700_100_000,
    person_name="Smith, Bob",
)


def load(db: Database, items: Iterable[ImportItem], source: str) -> None:
    import_stream(db, items, source=source, path=f"{source}-export", sha256=source)


def people(db: Database) -> int:
    return int(db.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])


def owner_of(db: Database, kind: str, value: str) -> int:
    return int(
        db.conn.execute(
            "SELECT person_id FROM identities WHERE kind = ? AND value = ?", (kind, value)
        ).fetchone()[0]
    )


def import_all(db: Database) -> None:
    load(db, [LINKEDIN_BOB], "linkedin")
    load(db, [VCARD_BOB], "vcard")
    load(db, [MAIL_BOB], "email")
    load(db, [MEETING_BOB], "calendar")
    identity.resolve(db, now=1_800_000_000)


def test_one_person_across_linkedin_vcard_mail_and_calendar(db: Database) -> None:
    import_all(db)
    assert people(db) == 1
    pid = owner_of(db, "linkedin", "linkedin.com/in/robert-smith-1a")
    assert owner_of(db, "email", "bob.smith@acme.com") == pid
    record = identity_store.person_record(db, pid)
    assert record["name"] == "Robert Smith"  # LinkedIn's name wins (most trusted source)
    assert record["sources"] == ["calendar", "email", "linkedin", "vcard"]
    assert [t["source"] for t in record["timeline"]] == ["calendar", "email"]  # type: ignore[attr-defined]


def test_resolution_is_idempotent(db: Database) -> None:
    import_all(db)
    again = identity.resolve(db)
    assert (again.merged, again.people_before, again.people_after) == (0, 1, 1)


def test_the_users_merge_survives_reimports(db: Database) -> None:
    unrelated_a = PersonRecord("linkedin", (Identity("linkedin", "linkedin.com/in/kim-w"),), "Kim Wong")
    unrelated_b = PersonRecord("vcard", (Identity("email", "kimmy@example.org"),), "K. W.")
    load(db, [unrelated_a], "linkedin")
    load(db, [unrelated_b], "vcard")
    identity.resolve(db)
    assert people(db) == 2
    a, b = owner_of(db, "linkedin", "linkedin.com/in/kim-w"), owner_of(db, "email", "kimmy@example.org")
    keep = identity.merge(db, a, b)
    add_note(db, keep, "met in Lisbon")
    for _ in range(2):
        load(db, [unrelated_a], "linkedin")
        load(db, [unrelated_b], "vcard")
        identity.resolve(db)
    assert people(db) == 1
    assert owner_of(db, "email", "kimmy@example.org") == keep
    notes = db.conn.execute("SELECT text FROM user_notes WHERE person_id = ?", (keep,)).fetchall()
    assert notes == [("met in Lisbon",)]


def test_a_merge_undone_by_forgetting_is_redone_by_resolution(db: Database) -> None:
    a = PersonRecord("linkedin", (Identity("linkedin", "linkedin.com/in/kim-w"),), "Kim Wong")
    b = PersonRecord("vcard", (Identity("email", "kimmy@example.org"),), "K. W.")
    load(db, [a], "linkedin")
    load(db, [b], "vcard")
    identity.merge(
        db, owner_of(db, "linkedin", "linkedin.com/in/kim-w"), owner_of(db, "email", "kimmy@example.org")
    )
    db.conn.execute("DELETE FROM people")  # as if the database were rebuilt from the exports
    load(db, [a], "linkedin")
    load(db, [b], "vcard")
    assert people(db) == 2
    report = identity.resolve(db)
    assert report.user_merges == 1 and people(db) == 1


def test_a_split_survives_reimport_and_reresolution(db: Database) -> None:
    import_all(db)
    pid = owner_of(db, "linkedin", "linkedin.com/in/robert-smith-1a")
    add_note(db, pid, "the CTO")
    new = identity.split(db, pid)  # default: everything not from LinkedIn moves
    assert owner_of(db, "email", "bob.smith@acme.com") == new
    assert owner_of(db, "phone", "+14155550100") == new
    assert people(db) == 2
    moved = identity_store.person_record(db, new)
    assert sorted(moved["interactions_by_source"]) == ["calendar", "email"]  # type: ignore[arg-type]
    for _ in range(2):
        import_all(db)
        assert people(db) == 2
    assert owner_of(db, "linkedin", "linkedin.com/in/robert-smith-1a") == pid
    assert owner_of(db, "email", "bob.smith@acme.com") == new
    # a record carrying identities of both sides does not join them either
    both = PersonRecord(
        "google",
        (Identity("email", "bob.smith@acme.com"), Identity("linkedin", "linkedin.com/in/robert-smith-1a")),
        "Bob Smith",
    )
    load(db, [both], "google")
    identity.resolve(db)
    assert people(db) == 2
    assert db.conn.execute("SELECT text FROM user_notes WHERE person_id = ?", (pid,)).fetchall() == [
        ("the CTO",)
    ]


def test_split_of_chosen_identities(db: Database) -> None:
    import_all(db)
    pid = owner_of(db, "email", "bob.smith@acme.com")
    new = identity.split(db, pid, ["phone:+14155550100"])
    assert owner_of(db, "phone", "+14155550100") == new
    assert owner_of(db, "email", "bob.smith@acme.com") == pid


def jane(source: str, key: Identity, company: str | None = None) -> PersonRecord:
    return PersonRecord(source, (key,), "Jane Doe", company=company)


def test_reject_keeps_a_pair_apart(db: Database) -> None:
    load(db, [jane("linkedin", Identity("linkedin", "linkedin.com/in/jane-doe"))], "linkedin")
    load(db, [jane("vcard", Identity("email", "jd@example.org"))], "vcard")
    identity.resolve(db)
    queue = identity_store.queued_matches(db)
    assert len(queue) == 1 and people(db) == 2
    identity.reject(db, queue[0].id)
    # even once a company would corroborate the names, the user's "no" stands
    load(db, [jane("linkedin", Identity("linkedin", "linkedin.com/in/jane-doe"), "Acme")], "linkedin")
    load(db, [jane("vcard", Identity("email", "jd@example.org"), "Acme Ltd")], "vcard")
    report = identity.resolve(db)
    assert (report.merged, report.queued, people(db)) == (0, 0, 2)


def test_accept_merges_a_queued_pair(db: Database) -> None:
    load(db, [jane("linkedin", Identity("linkedin", "linkedin.com/in/jane-doe"))], "linkedin")
    load(db, [jane("vcard", Identity("email", "jd@example.org"))], "vcard")
    identity.resolve(db)
    (match,) = identity_store.queued_matches(db)
    keep = identity.accept(db, match.id)
    assert people(db) == 1 and find_person(db, "jd@example.org") == keep
    assert identity_store.queued_matches(db) == []
    identity.resolve(db)
    assert people(db) == 1
