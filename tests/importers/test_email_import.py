"""The e-mail importer on fixtures in each client's exact shape: records, owner, dedupe, bulk, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers import IMPORTERS, ImportOptions, detect_importer
from netvalue.importers.email import IMPORTER, read_mail
from netvalue.importing import run_import
from netvalue.records import EmailMessageRecord, FileRead, ImportItem
from netvalue.store import Database
from netvalue.store.ingest import ImportReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "email"
TAKEOUT = FIXTURES / "takeout"


def read(path: Path, **options: object) -> list[ImportItem]:
    return list(read_mail(path, ImportOptions(**options)))  # type: ignore[arg-type]


def imported(db: Database, path: Path, **options: object) -> ImportReport:
    return run_import(db, path, source="email", options=ImportOptions(**options))  # type: ignore[arg-type]


def interactions(db: Database) -> list[tuple[str, str, int, bool, int | None, str | None]]:
    """The e-mail interactions in time order (undated last), as (direction, address, group, bulk, when, title)."""
    rows = db.conn.execute(
        "SELECT i.direction, d.value, i.group_size, i.bulk, i.occurred_at, i.title FROM interactions i"
        " JOIN identities d ON d.person_id = i.person_id AND d.kind = 'email' AND i.source_key LIKE '%|' || d.value"
        " WHERE i.source = 'email' ORDER BY i.occurred_at IS NULL, i.occurred_at, i.id"
    )
    return [(a, b, c, bool(d), e, f) for a, b, c, d, e, f in rows]


def owner(db: Database) -> list[str]:
    return [
        r[0]
        for r in db.conn.execute("SELECT value FROM owner_identities WHERE kind = 'email' ORDER BY value")
    ]


def people(db: Database) -> dict[str, str]:
    rows = db.conn.execute(
        "SELECT d.value, p.name FROM identities d JOIN people p ON p.id = d.person_id WHERE d.kind = 'email'"
    )
    return {address: name for address, name in rows}


def test_registered_and_detected() -> None:
    assert IMPORTERS["email"] is IMPORTER
    for path in (
        TAKEOUT / "Takeout" / "Mail" / "All mail Including Spam and Trash.mbox",
        FIXTURES / "thunderbird" / "Mail" / "Local Folders",
        FIXTURES / "apple" / "Work.mbox",
        FIXTURES / "maildir",
        FIXTURES / "eml",
        FIXTURES / "eml" / "first.eml",
        FIXTURES / "python.mbox",
    ):
        assert detect_importer(path) is IMPORTER, path


def test_takeout_golden(db: Database) -> None:
    report = imported(db, TAKEOUT)
    assert owner(db) == ["jane.owner@gmail.com"]  # inferred from Sent labels and Delivered-To
    assert interactions(db) == [
        ("sent", "alice@example.com", 2, False, 1509943378, "Lunch?"),
        ("sent", "bob@example.org", 2, False, 1509943378, "Lunch?"),
        # Alice's reply: she is the counterpart; Bob, on Cc, only co-occurs
        ("received", "alice@example.com", 2, False, 1509959400, "Re: Lunch?"),
        ("received", "bob@example.org", 2, True, 1509959400, "Re: Lunch?"),
        ("received", "joerg@example.de", 2, False, 1510041600, "Grüße aus Berlin"),
        ("received", "alice@example.com", 2, True, 1510041600, "Grüße aus Berlin"),
        # six recipients: each counts, weighted 1/6 at analysis (Newman 2001); no cut by default
        *[
            ("sent", who, 6, False, 1510221600, "Party on Saturday")
            for who in (
                "alice@example.com",
                "bob@example.org",
                "joerg@example.de",
                "francois@example.fr",
                "carol@example.net",
                "dan@example.net",
            )
        ],
        ("sent", "bob@example.org", 1, False, 1510394400, "Tickets"),
        # a broken Date is unknown, not guessed (undated messages come last)
        ("received", "francois@example.fr", 1, False, None, "Rendez-vous"),
    ]
    assert people(db) == {
        "alice@example.com": "Alice Martin",
        "bob@example.org": "Bob Stone",  # "Stone, Bob" turned round
        "joerg@example.de": "Jörg Schmidt",  # RFC 2047 base64, UTF-8
        "francois@example.fr": "François Dupont",  # RFC 2047 quoted-printable, ISO-8859-1
        "carol@example.net": "carol@example.net",
        "dan@example.net": "dan@example.net",
    }
    # the list mail and the noreply mail left no person; Carol's auto-reply made no interaction
    machines = dict(db.conn.execute("SELECT address, verdict FROM email_senders"))
    assert machines["news@lists.example.com"] == "machine" and machines["noreply@github.com"] == "machine"
    (done,) = report.files
    assert done.name == "Takeout/Mail/All mail Including Spam and Trash.mbox"
    assert (done.rows, done.skipped, done.added) == (10, 1, 9)  # the message with no sender is skipped
    assert report.notes[0] == (
        "your address jane.owner@gmail.com: From of 3 messages in sent folders;"
        " the address carries your name (Jane Owner)"
    )
    assert report.notes[-1].startswith("3 messages kept out of people: from 2 machine senders, or list mail")


def test_takeout_threads_and_keys(db: Database) -> None:
    imported(db, TAKEOUT)
    rows = db.conn.execute(
        "SELECT title, conversation_id, message_key, source_key, length, kind FROM interactions ORDER BY id"
    ).fetchall()
    lunch = [r for r in rows if r[0] in ("Lunch?", "Re: Lunch?")]
    assert {r[1] for r in lunch} == {"gm:1583290388308606088"}
    assert lunch[0][2] == "CAF1=lunch@mail.gmail.com"
    assert lunch[0][3] == "CAF1=lunch@mail.gmail.com|alice@example.com"
    tickets = next(r for r in rows if r[0] == "Tickets")
    assert tickets[2].startswith("h:")  # no Message-ID
    assert all(r[4] is None and r[5] == "email" for r in rows)
    assert len({r[3] for r in rows}) == len(rows)


def test_owner_given_and_max_group(db: Database) -> None:
    imported(db, TAKEOUT, owner_emails=("Jane.Owner@Gmail.com",), max_group=4)
    assert owner(db) == ["jane.owner@gmail.com"]
    decided = db.conn.execute("SELECT address, decision FROM user_owner_addresses").fetchall()
    assert decided == [("jane.owner@gmail.com", "add")]  # --me is the user's word, kept
    party = [i for i in interactions(db) if i[5] == "Party on Saturday"]
    assert len(party) == 6 and all(p[3] for p in party)  # Kossinets & Watts' cut, asked for


def test_thunderbird_body_from_line_does_not_split(db: Database) -> None:
    report = imported(db, FIXTURES / "thunderbird")
    assert owner(db) == ["tom@owner.example"]
    assert interactions(db) == [
        ("received", "dan@example.net", 1, False, 1704117600, "Quarterly numbers"),
        ("received", "erin@example.net", 1, False, 1704204000, "Coffee"),
        ("sent", "erin@example.net", 1, False, 1704207600, "Re: Coffee"),
    ]
    reads = [(f.name, f.rows) for f in report.files if not f.ignored]
    assert reads == [("Mail/Local Folders/Inbox", 2), ("Mail/Local Folders/Sent", 1)]
    ignored = [f.name for f in report.files if f.ignored]
    assert ignored == ["Mail/Local Folders/Inbox.msf", "Mail/Local Folders/Sent.msf"]


def test_python_mbox_with_escaped_from(db: Database) -> None:
    imported(db, FIXTURES / "python.mbox", owner_emails=("owner@example.com",))
    assert interactions(db) == [
        ("received", "grace@example.com", 1, False, 1650291803, "Bugs"),
        ("sent", "grace@example.com", 1, False, 1650294000, "Re: Bugs"),
    ]


def test_apple_mail_folder(db: Database) -> None:
    report = imported(db, FIXTURES / "apple")
    assert owner(db) == ["ivan@owner.example"]
    assert [(f.name, f.rows) for f in report.files if not f.ignored] == [("Work.mbox/mbox", 2)]
    assert [f.name for f in report.files if f.ignored] == ["Work.mbox/Info.plist"]
    assert {i[1] for i in interactions(db)} == {"heidi@example.com", "judy@example.com"}


def test_maildir_with_sent_folder(db: Database) -> None:
    report = imported(db, FIXTURES / "maildir")
    assert owner(db) == ["max@owner.example"]
    assert interactions(db) == [
        ("received", "kim@example.com", 1, False, 1699967600, "Hello from Seoul"),
        ("received", "lena@example.com", 1, False, 1700000100, "New message"),
        ("sent", "kim@example.com", 1, False, 1700002800, "Re: Hello from Seoul"),
        ("sent", "lena@example.com", 1, False, 1700035200, "Re: New message"),
    ]
    assert [(f.name, f.rows) for f in report.files] == [("maildir", 2), (".Sent", 2)]


def test_eml_folder_latin1(db: Database) -> None:
    imported(db, FIXTURES / "eml", owner_emails=("nora@owner.example",))
    assert interactions(db) == [
        ("received", "jose@example.es", 1, False, 1709290800, "Café"),
        ("sent", "jose@example.es", 1, False, 1709294400, "Re: Cafe"),
    ]
    assert people(db) == {"jose@example.es": "José García"}


def test_single_eml() -> None:
    items = read(FIXTURES / "eml" / "first.eml")
    assert [(i.name, i.rows) for i in items if isinstance(i, FileRead)] == [("first.eml", 1)]
    (message,) = [i for i in items if isinstance(i, EmailMessageRecord)]
    assert message.sender == "jose@example.es" and not message.in_sent


def test_raw_records_keep_roles_folders_and_evidence() -> None:
    items = read(TAKEOUT)
    messages = {i.subject: i for i in items if isinstance(i, EmailMessageRecord)}
    lunch = messages["Lunch?"]
    assert lunch.in_sent and lunch.delivered_to == ("jane.owner@gmail.com",)
    assert lunch.recipients == (
        ("alice@example.com", "Alice Martin", "to"),
        ("bob@example.org", "Bob Stone", "to"),
    )
    assert "list-id" in messages["This week's news"].machine_headers
    assert messages["[repo] New issue"].machine_headers == "noreply-sender"
    assert messages["Out of office"].machine_headers == "auto-submitted"
    assert not messages["Re: Lunch?"].in_sent


def test_duplicates_across_files_are_read_once(db: Database) -> None:
    report = imported(db, FIXTURES / "labels")
    assert owner(db) == ["pat@owner.example"]
    assert interactions(db) == [
        ("received", "olga@example.cz", 1, False, 1559556000, "Contract"),
        ("received", "olga@example.cz", 1, False, 1559559600, "Invoice"),
        ("sent", "olga@example.cz", 1, False, 1559563200, "Re: Contract"),
        ("sent", "quinn@example.com", 1, False, 1559649600, "Hello"),
    ]
    inbox = next(f for f in report.files if f.name == "Inbox.mbox")
    # the same Message-ID, and the same sender + Date + Subject under another Message-ID
    assert inbox.note == "2 duplicates read once"


def test_outlook_files_explain_conversion(tmp_path: Path) -> None:
    for suffix in (".pst", ".olm", ".msg"):
        path = tmp_path / f"Outlook{suffix}"
        path.write_bytes(b"!BDN\x00\x00binary")
        with pytest.raises(UnsupportedExportError, match="readpst"):
            read(path)
        assert detect_importer(path) is IMPORTER
    only_pst = tmp_path / "folder"
    only_pst.mkdir()
    (only_pst / "backup.pst").write_bytes(b"!BDN")
    with pytest.raises(UnsupportedExportError, match="readpst"):
        read(only_pst)


def test_not_mail_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("just some text\nFrom here on nothing is mail\n")
    with pytest.raises(ImportFormatError, match=r"notes\.mbox.*not mail"):
        read(path)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("hello")
    with pytest.raises(ImportFormatError, match="holds no mail"):
        read(empty)


def test_unchanged_files_are_not_parsed(tmp_path: Path) -> None:
    first = read(FIXTURES / "labels")
    hashes = frozenset(i.sha256 for i in first if isinstance(i, FileRead) and i.sha256)
    again = read(FIXTURES / "labels", known_hashes=hashes)
    assert [type(i) for i in again] == [FileRead, FileRead, FileRead]
    assert all(isinstance(i, FileRead) and i.unchanged and i.rows == 0 for i in again)
    forced = read(FIXTURES / "labels", known_hashes=hashes, force=True)
    assert forced == first


def test_import_is_idempotent(db: Database) -> None:
    first = run_import(db, TAKEOUT, source="email")
    assert first.totals["added"] > 0
    before = interactions(db)
    assert len(before) == 14
    again = run_import(db, TAKEOUT, source="email", options=ImportOptions(force=True))
    assert again.totals["added"] == 0 and again.totals["updated"] == 0  # no raw message changed
    assert interactions(db) == before  # derived again: the same rows
    assert owner(db) == ["jane.owner@gmail.com"]
    people = db.conn.execute(
        "SELECT COUNT(*) FROM identities WHERE kind = 'email' AND value = 'jane.owner@gmail.com'"
    ).fetchone()[0]
    assert people == 0  # the owner is not one of their own contacts
    unchanged = run_import(db, TAKEOUT, source="email")
    assert unchanged.files[0].unchanged and unchanged.totals["added"] == 0


def test_same_message_in_two_imports_is_one_interaction(db: Database, tmp_path: Path) -> None:
    inbox, important = tmp_path / "a", tmp_path / "b"
    inbox.mkdir()
    important.mkdir()
    shutil.copy(FIXTURES / "labels" / "Inbox.mbox", inbox / "Inbox.mbox")
    shutil.copy(FIXTURES / "labels" / "Important.mbox", important / "Important.mbox")
    options = ImportOptions(owner_emails=("pat@owner.example",))
    run_import(db, inbox, source="email", options=options)
    second = run_import(db, important, source="email", options=options)
    # the contract (same Message-ID) and the invoice copy with another Message-ID are both known:
    # copies are recognised in the database, not only within one import
    assert second.totals["added"] == 0
    assert [i[5] for i in interactions(db)] == ["Contract", "Invoice"]


def test_cli_import_email(tmp_path: Path) -> None:
    runner = CliRunner()
    db_path = tmp_path / "cli.db"
    result = runner.invoke(
        main,
        [
            "--db",
            str(db_path),
            "import",
            "email",
            str(TAKEOUT),
            "--me",
            "jane.owner@gmail.com",
            "--max-group",
            "10",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"source": "email"' in result.output
    with Database.open(db_path) as db:
        bulk = db.conn.execute("SELECT COUNT(*) FROM interactions WHERE bulk = 1").fetchone()[0]
    assert bulk == 2  # only the Cc co-occurrences: the party mail (6) is under --max-group 10
    bad = runner.invoke(
        main, ["--db", str(db_path), "import", "email", str(tmp_path / "x.pst"), "--max-group", "0"]
    )
    assert bad.exit_code == 1 and "Error:" in bad.output
