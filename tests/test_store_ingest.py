"""Importing a LinkedIn export into the store: idempotent, updating, keeping the user's data and
respecting ``forget``."""

from __future__ import annotations

import shutil
from pathlib import Path

from netvalue.importers.base import ImportOptions
from netvalue.importing import run_import
from netvalue.store import Database
from netvalue.store.people import add_note, add_tag, find_person, forget_person
from netvalue.store.status import counts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "linkedin"
CURRENT = FIXTURES / "current"

FACT_TABLES = ("people", "identities", "connections", "person_positions", "interactions", "invitations", "owner",
               "owner_identities", "owner_affiliations", "user_notes", "user_tags")  # fmt: skip


def table_rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted(db.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in FACT_TABLES}


def test_reimport_is_a_no_op_and_keeps_notes_and_tags(db: Database) -> None:
    # one clock for the three imports: a position's last_seen is the time of the import that saw it, so
    # a forced re-import a second later would rightly change it
    now = 1_700_000_000
    run_import(db, CURRENT, source="linkedin", options=ImportOptions(now=now))
    priya = find_person(db, "linkedin.com/in/priya-raman")
    add_note(db, priya, "met at PyCon, wants intro to Globex data team")
    add_tag(db, priya, "mentor")
    before = table_rows(db)
    before_counts = counts(db)

    report = run_import(db, CURRENT, source="linkedin", options=ImportOptions(now=now))
    assert report.totals["added"] == 0 and report.totals["updated"] == 0
    statuses = {f.name: f for f in report.files}
    assert statuses["Connections.csv"].unchanged and statuses["messages.csv"].unchanged
    assert statuses["Reactions.csv"].ignored
    assert table_rows(db) == before
    assert counts(db) == before_counts

    forced = run_import(db, CURRENT, source="linkedin", options=ImportOptions(force=True, now=now))
    assert forced.totals["added"] == 0 and forced.totals["updated"] == 0
    assert forced.totals["rows"] > 0  # every file parsed again
    assert table_rows(db) == before
    notes = db.conn.execute("SELECT text FROM user_notes WHERE person_id = ?", (priya,)).fetchall()
    assert notes == [("met at PyCon, wants intro to Globex data team",)]
    assert db.conn.execute("SELECT tag FROM user_tags WHERE person_id = ?", (priya,)).fetchall() == [
        ("mentor",)
    ]


def test_newer_export_updates_company_and_keeps_position_history(db: Database, tmp_path: Path) -> None:
    run_import(db, CURRENT, source="linkedin", options=ImportOptions(now=1_700_000_000))
    oleg = find_person(db, "linkedin.com/in/oleg-petrov")
    add_note(db, oleg, "ask about the Yandex move")
    newer = tmp_path / "newer"
    shutil.copytree(CURRENT, newer)
    connections = newer / "Connections.csv"
    connections.write_bytes(connections.read_bytes().replace("Яндекс,Разработчик".encode(), b"Hooli,CTO"))
    messages = newer / "messages.csv"
    messages.write_bytes(
        messages.read_bytes()
        + b'"2-TkVX","","Oleg Petrov","https://www.linkedin.com/in/oleg-petrov","Amira Haddad",'
        b'"https://www.linkedin.com/in/amira-haddad-7b1a2c","2025-01-02 10:00:00 UTC","","New job!","INBOX","","No","No"\n'
    )
    report = run_import(db, newer, source="linkedin", options=ImportOptions(now=1_800_000_000))
    files = {f.name: f for f in report.files}
    assert files["Connections.csv"].updated == 1 and files["Connections.csv"].added == 0
    assert files["messages.csv"].added == 1
    assert files["Invitations.csv"].unchanged
    row = db.conn.execute("SELECT company, position FROM people WHERE id = ?", (oleg,)).fetchone()
    assert row == ("Hooli", "CTO")
    history = db.conn.execute(
        "SELECT company, position, first_seen, last_seen FROM person_positions WHERE person_id = ? ORDER BY first_seen",
        (oleg,),
    ).fetchall()
    assert history == [
        ("Яндекс", "Разработчик", 1_700_000_000, 1_700_000_000),
        ("Hooli", "CTO", 1_800_000_000, 1_800_000_000),
    ]
    assert find_person(db, "linkedin.com/in/oleg-petrov") == oleg
    assert db.conn.execute("SELECT COUNT(*) FROM user_notes WHERE person_id = ?", (oleg,)).fetchone()[0] == 1
    assert counts(db)["connections"] == 6


def test_forgotten_person_stays_forgotten_unless_asked(db: Database) -> None:
    run_import(db, CURRENT, source="linkedin")
    zoe = find_person(db, "linkedin.com/in/zoe-nunez")
    people_before = counts(db)["people"]
    forget_person(db, zoe)
    assert counts(db)["people"] == people_before - 1

    run_import(db, CURRENT, source="linkedin", options=ImportOptions(force=True))
    assert counts(db)["people"] == people_before - 1
    assert (
        db.conn.execute(
            "SELECT COUNT(*) FROM identities WHERE value = 'linkedin.com/in/zoe-nunez'"
        ).fetchone()[0]
        == 0
    )
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Zoë Ñúñez 🚀'").fetchone()[0] == 0

    run_import(db, CURRENT, source="linkedin", options=ImportOptions(force=True), include_forgotten=True)
    assert counts(db)["people"] == people_before
    back = find_person(db, "linkedin.com/in/zoe-nunez")
    messages = db.conn.execute("SELECT COUNT(*) FROM interactions WHERE person_id = ?", (back,)).fetchone()[0]
    assert messages == 1  # her share of the group message


def test_owner_is_never_a_person_or_connection_across_imports(db: Database) -> None:
    run_import(db, CURRENT, source="linkedin")
    run_import(db, CURRENT, source="linkedin", options=ImportOptions(force=True))
    owner = db.conn.execute("SELECT kind, value FROM owner_identities").fetchall()
    assert owner == [("linkedin", "linkedin.com/in/amira-haddad-7b1a2c")]
    assert (
        db.conn.execute(
            "SELECT COUNT(*) FROM identities WHERE value = 'linkedin.com/in/amira-haddad-7b1a2c'"
        ).fetchone()[0]
        == 0
    )
    assert counts(db)["connections"] == 6
