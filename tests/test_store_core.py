"""The store's contract: migrations, file mode, one transaction per import, merges that keep the user's data."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from netvalue.errors import AmbiguousPersonError, ImportFormatError, PersonNotFoundError, StoreError
from netvalue.importers import IMPORTERS, NAME_TRUST
from netvalue.records import FileRead, Identity, InteractionRecord, OwnerRecord, PersonRecord
from netvalue.store import Database
from netvalue.store.database import PAGE_SIZE, migrations
from netvalue.store.deferred_indexes import DEFER_BELOW
from netvalue.store.ingest import import_stream, merge_people
from netvalue.store.people import add_note, add_tag, find_person, forget_person, list_people


def _alice(company: str = "Acme") -> PersonRecord:
    return PersonRecord(
        source="linkedin",
        identities=(Identity("linkedin", "linkedin.com/in/alice"),),
        name="Alice Archer",
        company=company,
        is_connection=True,
        connected_on=1_600_000_000,
    )


def _message(key: str, direction: str = "received") -> InteractionRecord:
    return InteractionRecord(
        source="linkedin",
        source_key=key,
        person=Identity("linkedin", "linkedin.com/in/alice"),
        kind="message",
        direction=direction,  # type: ignore[arg-type]
        occurred_at=1_700_000_000,
        message_key=key,
    )


def _counts(db: Database) -> tuple[int, int, int]:
    one = lambda t: db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: E731
    return one("people"), one("interactions"), one("import_runs")


def test_new_database_is_private_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    with Database.open(path) as db:
        assert db.schema_version == len(migrations())
        tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"people", "identities", "interactions", "import_runs", "user_notes", "user_tags"} <= tables
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    Database.open(path).close()
    with Database.open(path) as db:
        rows = db.conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(migrations()) + 1))


def test_a_new_database_has_16_kib_pages_and_an_older_one_keeps_its_own(tmp_path: Path) -> None:
    with Database.open(tmp_path / "new.db") as db:
        assert db.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE == 16384
    older = tmp_path / "older.db"
    with Database.open(older) as db:
        # as every database created before PAGE_SIZE: 4 KiB pages (rebuilt here without WAL, as VACUUM needs)
        db.conn.execute("PRAGMA journal_mode=DELETE")
        db.conn.execute("PRAGMA page_size=4096")
        db.conn.execute("VACUUM")
        assert db.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
    with Database.open(older) as db:
        assert db.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
        import_stream(db, [_alice(), _message("m1")], source="linkedin", path="a", sha256="a")
        assert _counts(db) == (1, 1, 1)


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    with Database.open(path) as db:
        db.conn.execute("INSERT INTO schema_version VALUES (999, 'future', 0)")
    with pytest.raises(StoreError, match="newer"):
        Database.open(path)


def test_tables_are_strict(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO people(name, created_at, updated_at) VALUES ('x', 'not a number', 0)")


def test_import_is_idempotent_and_counts_per_file(db: Database) -> None:
    items = [_alice(), _message("m1"), _message("m2", "sent"), FileRead("messages.csv", rows=2)]
    first = import_stream(db, items, source="linkedin", path="x.zip", sha256="0" * 64)
    assert first.files[0].added == 3  # one person, two messages
    second = import_stream(db, items, source="linkedin", path="x.zip", sha256="0" * 64)
    assert second.totals["added"] == 0 and second.totals["updated"] == 0
    assert _counts(db)[:2] == (1, 2)


def test_a_failing_stream_leaves_the_database_as_it_was(db: Database) -> None:
    import_stream(db, [_alice()], source="linkedin", path="a", sha256="a")
    before = _counts(db)

    def broken():  # type: ignore[no-untyped-def]
        yield _message("m1")
        yield _message("m2")
        raise ImportFormatError("messages.csv", "bad date", 3)

    with pytest.raises(ImportFormatError, match=r"messages\.csv, line 3"):
        import_stream(db, broken(), source="linkedin", path="b", sha256="b")
    assert _counts(db) == before


def test_reimport_updates_source_fields_keeps_history_and_notes(db: Database) -> None:
    import_stream(db, [_alice("Acme")], source="linkedin", path="a", sha256="a", now=1)
    pid = find_person(db, "Alice Archer")
    add_note(db, pid, "met at PyCon")
    add_tag(db, pid, "mentor")
    import_stream(db, [_alice("Globex")], source="linkedin", path="b", sha256="b", now=2)
    row = list_people(db)[0]
    assert row.company == "Globex" and row.notes == ("met at PyCon",) and row.tags == ("mentor",)
    history = db.conn.execute("SELECT company FROM person_positions ORDER BY first_seen").fetchall()
    assert [h[0] for h in history] == ["Acme", "Globex"]


def test_a_less_trusted_source_fills_gaps_but_does_not_overwrite(db: Database) -> None:
    import_stream(db, [_alice("Acme")], source="linkedin", path="a", sha256="a", name_trust=NAME_TRUST)
    mail = PersonRecord(
        source="email",
        identities=(Identity("linkedin", "linkedin.com/in/alice"), Identity("email", "alice@acme.example")),
        name="A. Archer",
        company="Old Co",
        location="Leeds",
    )
    import_stream(db, [mail], source="email", path="m", sha256="m", name_trust=NAME_TRUST)
    person = db.conn.execute("SELECT name, company, location FROM people").fetchone()
    assert person == ("Alice Archer", "Acme", "Leeds")
    assert find_person(db, "ALICE@acme.example") == find_person(db, "https://www.linkedin.com/in/alice/")


def test_owner_is_never_a_person(db: Database) -> None:
    me = Identity("email", "me@example.com")
    items = [
        OwnerRecord(source="email", name="Me", identities=(me,)),
        PersonRecord(source="email", identities=(me,), name="Me"),
        InteractionRecord("email", "k", me, "email", "received", 1, message_key="k"),
    ]
    report = import_stream(db, items, source="email", path="m", sha256="m")
    assert _counts(db)[0] == 0 and report.totals["skipped"] == 2


def test_an_exact_key_merges_two_people_and_keeps_both_users_data(db: Database) -> None:
    a = PersonRecord("email", (Identity("email", "a@x.example"),), "Ann Lee")
    b = PersonRecord("calendar", (Identity("email", "ann@home.example"),), "Ann Lee")
    import_stream(db, [a, b], source="email", path="m", sha256="m")
    pa, pb = find_person(db, "a@x.example"), find_person(db, "ann@home.example")
    add_note(db, pa, "note on a")
    add_note(db, pb, "note on b")
    tie = PersonRecord(
        "vcard", (Identity("email", "a@x.example"), Identity("email", "ann@home.example")), "Ann Lee"
    )
    import_stream(db, [tie], source="vcard", path="v", sha256="v")
    assert _counts(db)[0] == 1
    assert list_people(db)[0].notes == ("note on a", "note on b")


def test_a_user_split_keeps_two_people_apart_on_reimport(db: Database) -> None:
    a = PersonRecord("email", (Identity("email", "a@x.example"),), "Ann Lee")
    b = PersonRecord("email", (Identity("email", "b@y.example"),), "Ann Lee")
    import_stream(db, [a, b], source="email", path="m", sha256="m")
    db.conn.execute(
        "INSERT INTO user_merges(decision, identity_a, identity_b, decided_at) VALUES ('split', ?, ?, 0)",
        ("email:a@x.example", "email:b@y.example"),
    )
    tie = PersonRecord(
        "vcard", (Identity("email", "a@x.example"), Identity("email", "b@y.example")), "Ann Lee"
    )
    import_stream(db, [tie], source="vcard", path="v", sha256="v")
    assert _counts(db)[0] == 2


def test_merge_people_repoints_every_person_column(db: Database) -> None:
    import_stream(
        db,
        [PersonRecord("email", (Identity("email", f"{n}@x.example"),), n) for n in ("p", "q")],
        source="email",
        path="m",
        sha256="m",
    )
    p, q = find_person(db, "p@x.example"), find_person(db, "q@x.example")
    add_tag(db, p, "same")
    add_tag(db, q, "same")
    add_tag(db, q, "other")
    with db.transaction() as conn:
        merge_people(conn, p, q)
    assert sorted(r[0] for r in db.conn.execute("SELECT tag FROM user_tags WHERE person_id = ?", (p,))) == [
        "other",
        "same",
    ]
    assert find_person(db, "q@x.example") == p


def test_forget_keeps_them_out_unless_asked(db: Database) -> None:
    import_stream(db, [_alice(), _message("m1")], source="linkedin", path="a", sha256="a")
    forget_person(db, find_person(db, "Alice Archer"))
    assert _counts(db)[:2] == (0, 0)
    assert db.conn.execute("SELECT COUNT(*) FROM user_forgotten").fetchone()[0] == 1
    import_stream(db, [_alice(), _message("m1")], source="linkedin", path="a", sha256="a")
    assert _counts(db)[:2] == (0, 0)
    import_stream(
        db, [_alice(), _message("m1")], source="linkedin", path="a", sha256="a", include_forgotten=True
    )
    assert _counts(db)[:2] == (1, 1)


def test_find_person_by_every_kind_of_key(db: Database) -> None:
    twins = [
        PersonRecord("linkedin", (Identity("linkedin", f"linkedin.com/in/js-{n}"),), "John Smith")
        for n in (1, 2)
    ]
    import_stream(db, [_alice(), *twins], source="linkedin", path="a", sha256="a")
    pid = find_person(db, "alice")
    assert find_person(db, str(pid)) == pid
    assert find_person(db, "https://linkedin.com/in/ALICE") == pid
    with pytest.raises(AmbiguousPersonError) as info:
        find_person(db, "John Smith")
    assert len(info.value.candidates) == 2
    with pytest.raises(PersonNotFoundError):
        find_person(db, "Nobody Atall")


def test_a_bulk_transaction_checks_foreign_keys_at_its_end_and_rolls_back_a_broken_one(db: Database) -> None:
    with db.bulk_transaction() as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # checked at the end instead
        import_stream(db, [_alice(), _message("m1")], source="linkedin", path="a", sha256="a")
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert _counts(db) == (1, 1, 1)
    broken = pytest.raises(StoreError, match="row 99 of interactions refers to a missing row of people")
    with broken, db.bulk_transaction() as conn:
        import_stream(db, [_message("m2")], source="linkedin", path="b", sha256="b")
        conn.execute(
            "INSERT INTO interactions(id, source, source_key, person_id, kind, direction)"
            " VALUES (99, 'linkedin', 'stray', 12345, 'message', 'sent')"
        )
    assert _counts(db) == (1, 1, 1)  # neither the stray row nor m2's import landed
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_bulk_transaction_into_a_full_database_checks_row_by_row(db: Database) -> None:
    rows = [("linkedin", f"k{i}", 1, "message", "sent") for i in range(DEFER_BELOW)]
    import_stream(db, [_alice()], source="linkedin", path="a", sha256="a")
    db.conn.executemany(
        "INSERT INTO interactions(source, source_key, person_id, kind, direction) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    with db.bulk_transaction() as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO interactions(source, source_key, person_id, kind, direction)"
                " VALUES ('linkedin', 'stray', 12345, 'message', 'sent')"
            )


def test_migration_5_drops_the_message_key_index_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    with Database.open(path) as db:
        import_stream(db, [_alice(), _message("m1"), _message("m2")], source="linkedin", path="a", sha256="a")
        # as a database of schema version 4 was: with the index, and without 0005 applied
        db.conn.execute("CREATE INDEX interactions_message ON interactions(message_key)")
        db.conn.execute("DELETE FROM schema_version WHERE version >= 5")
    with Database.open(path) as db:
        assert db.schema_version == len(migrations()) >= 5
        indexes = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "interactions_message" not in indexes and "interactions_person" in indexes
        assert _counts(db) == (1, 2, 1)


def test_the_store_ranks_sources_by_the_trust_it_is_given(db: Database) -> None:
    """The trust policy is the importers' (``Importer.name_trust``): reversed, the mail's name wins."""
    reversed_trust = {"linkedin": 2, "email": 8}
    import_stream(db, [_alice("Acme")], source="linkedin", path="a", sha256="a", name_trust=reversed_trust)
    mail = PersonRecord(
        source="email",
        identities=(Identity("linkedin", "linkedin.com/in/alice"),),
        name="A. Archer",
        company="Old Co",
    )
    import_stream(db, [mail], source="email", path="m", sha256="m", name_trust=reversed_trust)
    assert db.conn.execute("SELECT name, company FROM people").fetchone() == ("A. Archer", "Old Co")


def test_every_importer_declares_its_trust() -> None:
    assert set(NAME_TRUST) == set(IMPORTERS)
    assert NAME_TRUST["linkedin"] > NAME_TRUST["vcard"] > NAME_TRUST["email"]
