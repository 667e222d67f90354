"""E-mail's owner and machines, derived from every stored message (identity/mailbox.py, importing.derive_email).

The fixture ``fixtures/email/owner`` is an invented mailbox in the Enron shape (Python-written mbox files,
one per folder, X-Folder/X-Origin/X-FileName headers): Dana R. Whitfield writes from two addresses
(Notes-era ``dana.whitfield@``, Outlook-era ``r..whitfield@``), is still written to at an old address
(``dwhitfi@``) and forwards from a private one (``dwhitfield77@``); her assistant Mia Lopez sends from
Dana's sent folder under her own address; an announcement alias writes to ``all.staff@``; a daily newsletter
and a bank's alerts arrive; a roofer's ``info@`` address corresponds with her both ways."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from netvalue.cli import main
from netvalue.importers import ImportOptions
from netvalue.importing import derive_email, rederive_email, run_import
from netvalue.store import Database
from netvalue.store import email as email_store
from netvalue.store.people import forget_person

OWNER = Path(__file__).resolve().parent / "fixtures" / "email" / "owner"
DANA = {
    "dana.whitfield@northwind.example",
    "r..whitfield@northwind.example",
    "dwhitfi@northwind.example",
    "dwhitfield77@mailbox.example",
}
MIA = "mia.lopez@northwind.example"


def snapshot(db: Database) -> dict[str, object]:
    """Everything derived from the raw mail, in a form two databases can be compared by."""
    conn = db.conn
    return {
        "owner": sorted(conn.execute("SELECT address, role, origin, evidence FROM email_owner")),
        "owner_identities": sorted(conn.execute("SELECT kind, value FROM owner_identities")),
        "senders": sorted(
            conn.execute("SELECT address, verdict, origin, messages, reasons FROM email_senders")
        ),
        "interactions": sorted(
            conn.execute(
                "SELECT i.source_key, d.value, i.direction, i.occurred_at, i.message_key, i.conversation_id,"
                " i.group_size, i.bulk, i.title FROM interactions i"
                " JOIN identities d ON d.person_id = i.person_id AND d.kind = 'email'"
                " AND i.source_key LIKE '%|' || d.value"
            )
        ),
        "people": sorted(
            conn.execute(
                "SELECT d.value, p.name FROM identities d JOIN people p ON p.id = d.person_id"
                " WHERE d.kind = 'email'"
            )
        ),
        "messages": sorted(
            conn.execute(
                "SELECT id, dedupe_key, message_key, conversation_id, sender, occurred_at, subject, in_sent,"
                " machine_headers FROM email_messages"
            )
        ),
        "recipients": sorted(conn.execute("SELECT message_id, address, name, role FROM email_recipients")),
    }


def contacts(db: Database) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT value FROM identities WHERE kind = 'email'")}


def titles(db: Database, address: str) -> list[tuple[str, str]]:
    rows = db.conn.execute(
        "SELECT i.direction, i.title FROM interactions i JOIN identities d ON d.person_id = i.person_id"
        " WHERE d.kind = 'email' AND d.value = ? AND i.source_key LIKE '%|' || d.value ORDER BY i.occurred_at",
        (address,),
    )
    return [(a, b) for a, b in rows]


def test_every_address_of_the_owner_with_its_evidence(db: Database) -> None:
    report = run_import(db, OWNER, source="email")
    rows = {o.address: o for o in email_store.owner_rows(db.conn)}
    assert {a for a, o in rows.items() if o.role == "owner"} == DANA
    assert rows["dana.whitfield@northwind.example"].evidence == (
        "From of 4 messages in sent folders",  # the Notes-era sent folder, Mia's two not counted
        "the address carries your name (Dana R. Whitfield)",  # X-Folder: ...\Whitfield, Dana R.\...
    )
    assert rows["dwhitfi@northwind.example"].evidence[0] == "To/Cc of 5 messages in your folders"
    # the announcement list reaches her inbox three times, but nothing says it is hers
    assert "all.staff@northwind.example" not in rows
    assert not DANA & contacts(db)  # the owner is not her own contact
    assert {o.address for o in rows.values() if o.role == "delegate"} == {MIA}
    assert any(n.startswith("your address dwhitfi@northwind.example: To/Cc of 5") for n in report.notes)
    assert any(n.startswith(f"your delegate {MIA}: From of 2 messages") for n in report.notes)


def test_a_delegate_stays_a_contact_and_what_she_sent_from_the_owners_folder_is_the_owners(
    db: Database,
) -> None:
    run_import(db, OWNER, source="email")
    assert MIA in contacts(db)
    # her own correspondence with Dana stays hers
    assert titles(db, MIA) == [("received", "Calendar for Monday"), ("sent", "Thanks")]
    # what she sent from Dana's sent folder counts as Dana's
    assert ("sent", "Meeting on Tuesday") in titles(db, "lee.chan@partner.example")
    assert ("sent", "Dana's travel") in titles(db, "tom.baker@northwind.example")


def test_folder_by_folder_equals_the_folder_in_one_call(tmp_path: Path) -> None:
    with Database.open(tmp_path / "whole.db") as whole:
        run_import(whole, OWNER, source="email")
        expected = snapshot(whole)
    for order in (sorted(OWNER.iterdir()), sorted(OWNER.iterdir(), reverse=True)):
        path = tmp_path / f"parts-{order[0].name}.db"
        with Database.open(path) as parts:
            for file in order:
                run_import(parts, file, source="email")
            assert snapshot(parts) == expected, [f.name for f in order]


def test_me_add_and_remove_equal_a_fresh_import_given_the_same_addresses(tmp_path: Path) -> None:
    extra = "tom.baker@northwind.example"  # wrongly, to see the effect: Tom becomes "me"
    with Database.open(tmp_path / "fresh.db") as fresh:
        run_import(fresh, OWNER, source="email", options=ImportOptions(owner_emails=(extra,)))
        expected = snapshot(fresh)
    with Database.open(tmp_path / "later.db") as later:
        run_import(later, OWNER, source="email")
        assert extra in contacts(later)
        with later.transaction() as conn:
            email_store.decide_owner(conn, [extra], "add", 0)
            rederive_email(later)
        assert snapshot(later) == expected
        assert extra not in contacts(later)
        # and back: removing it (and an inferred address) equals a fresh import that knew it
        with later.transaction() as conn:
            email_store.decide_owner(conn, [extra, "dwhitfield77@mailbox.example"], "remove", 0)
            rederive_email(later)
        removed = snapshot(later)
    with Database.open(tmp_path / "fresh2.db") as fresh2:
        with fresh2.transaction() as conn:
            email_store.decide_owner(conn, [extra, "dwhitfield77@mailbox.example"], "remove", 0)
        run_import(fresh2, OWNER, source="email")
        assert snapshot(fresh2) == removed
        assert "dwhitfield77@mailbox.example" in contacts(fresh2) and extra in contacts(fresh2)


def test_me_on_a_reimport_of_unchanged_files_takes_effect(db: Database) -> None:
    run_import(db, OWNER, source="email")
    again = run_import(
        db, OWNER, source="email", options=ImportOptions(owner_emails=("lee.chan@partner.example",))
    )
    assert all(f.unchanged for f in again.files)  # nothing parsed again
    owner = {r[0] for r in db.conn.execute("SELECT value FROM owner_identities")}
    assert "lee.chan@partner.example" in owner
    assert "lee.chan@partner.example" not in contacts(db)


def test_machines_stay_out_of_people_and_a_two_way_correspondent_stays_in(db: Database) -> None:
    run_import(db, OWNER, source="email")
    verdicts = {s.address: s for s in email_store.sender_rows(db.conn)}
    machines = {a for a, s in verdicts.items() if s.verdict == "machine"}
    assert machines == {
        "announcements.northwind@northwind.example",
        "editor@energydaily.example",
        "alerts@bank.example",
    }
    assert not machines & contacts(db)
    assert "all.staff@northwind.example" not in contacts(db)  # only ever on the alias's broadcasts
    # info@ is a role address, but Dana wrote to it and it wrote to her: a person
    info = verdicts["info@smallfirm.example"]
    assert info.verdict == "person" and info.reasons[0].startswith("you exchanged mail both ways")
    assert titles(db, "info@smallfirm.example") == [("received", "Your quote"), ("sent", "Re: Your quote")]


def test_user_overrides_both_ways_and_survive_a_reimport(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "netvalue.db"
    db.close()
    runner = CliRunner()
    args = ["--db", str(path)]
    assert runner.invoke(main, [*args, "import", "email", str(OWNER)]).exit_code == 0
    result = runner.invoke(
        main,
        [
            *args,
            "people",
            "--person",
            "Editor@EnergyDaily.example",
            "--machine",
            "tom.baker@northwind.example",
        ],
    )
    assert result.exit_code == 0, result.output
    with Database.open(path) as again:
        assert "editor@energydaily.example" in contacts(again)
        assert len(titles(again, "editor@energydaily.example")) == 4  # its newsletters are interactions now
        assert "tom.baker@northwind.example" not in contacts(again)
    listing = runner.invoke(main, [*args, "people", "--machines", "--json"])
    machines = {m["address"]: m for m in json.loads(listing.output)}
    assert machines["tom.baker@northwind.example"]["source"] == "marked by you"
    assert "editor@energydaily.example" not in machines
    assert machines["alerts@bank.example"]["reasons"] == ["a role or system address ('alerts')"]
    forced = runner.invoke(main, [*args, "import", "email", str(OWNER), "--force"])
    assert forced.exit_code == 0, forced.output
    with Database.open(path) as third:
        assert "editor@energydaily.example" in contacts(third)
        assert "tom.baker@northwind.example" not in contacts(third)


def test_a_person_with_the_users_data_is_kept_when_their_address_turns_out_to_be_the_owners(
    db: Database,
) -> None:
    run_import(db, OWNER, source="email")
    pid = db.conn.execute(
        "SELECT person_id FROM identities WHERE value = 'lee.chan@partner.example'"
    ).fetchone()[0]
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO user_notes(person_id, text, created_at) VALUES (?, 'met in Denver', 0)", (pid,)
        )
        email_store.decide_owner(conn, ["lee.chan@partner.example"], "add", 0)
        derive_email(db)
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE id = ?", (pid,)).fetchone()[0] == 1
    assert "lee.chan@partner.example" not in contacts(db)
    # while a person with nothing of the user's is gone with their last address
    with db.transaction() as conn:
        email_store.decide_owner(conn, ["tom.baker@northwind.example"], "add", 0)
        derive_email(db)
    assert db.conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Tom Baker'").fetchone()[0] == 0


def test_me_cli_lists_adds_and_removes(tmp_path: Path) -> None:
    path = tmp_path / "me.db"
    runner = CliRunner()
    args = ["--db", str(path)]
    empty = runner.invoke(main, [*args, "me"])
    assert empty.exit_code == 0 and "No e-mail imported yet" in empty.output
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(OWNER / "enron.whitfield-d.inbox", inbox)
    assert runner.invoke(main, [*args, "import", "email", str(inbox)]).exit_code == 0
    listed = json.loads(runner.invoke(main, [*args, "me", "--json"]).output)
    assert {r["address"] for r in listed if r["role"] == "owner"} >= {"dwhitfi@northwind.example"}
    added = runner.invoke(main, [*args, "me", "add", "Dana.Whitfield@northwind.example", "--json"])
    assert added.exit_code == 0, added.output
    rows = {r["address"]: r for r in json.loads(added.output)}
    assert rows["dana.whitfield@northwind.example"]["source"] == "added by you"
    removed = runner.invoke(main, [*args, "me", "remove", "dwhitfi@northwind.example"])
    assert removed.exit_code == 0 and "removed by you" in removed.output
    bad = runner.invoke(main, [*args, "me", "add", "not-an-address"])
    assert bad.exit_code == 1 and "Error:" in bad.output


def test_a_forgotten_correspondent_stays_forgotten_through_derivations_until_brought_back(
    db: Database,
) -> None:
    run_import(db, OWNER, source="email")
    lee = "lee.chan@partner.example"
    pid = db.conn.execute("SELECT person_id FROM identities WHERE value = ?", (lee,)).fetchone()[0]
    forget_person(db, pid)
    rederive_email(db)
    assert lee not in contacts(db)
    run_import(db, OWNER, source="email", options=ImportOptions(force=True))
    assert lee not in contacts(db)
    run_import(db, OWNER, source="email", options=ImportOptions(force=True), include_forgotten=True)
    assert lee in contacts(db)
    rederive_email(db)  # brought back, she keeps her interactions through later derivations
    assert ("received", "Contract draft") in titles(db, lee)
