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
from netvalue.records import FileIgnored, FileRead, ImportItem, InteractionRecord, OwnerRecord, PersonRecord
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "email"
TAKEOUT = FIXTURES / "takeout"


def read(path: Path, **options: object) -> list[ImportItem]:
    return list(read_mail(path, ImportOptions(**options)))  # type: ignore[arg-type]


def interactions(items: list[ImportItem]) -> list[tuple[str, str, int, bool, int | None, str | None]]:
    return [
        (i.direction, i.person.value, i.group_size, i.bulk, i.occurred_at, i.title)
        for i in items
        if isinstance(i, InteractionRecord)
    ]


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


def test_takeout_golden() -> None:
    items = read(TAKEOUT)
    assert isinstance(items[0], OwnerRecord)
    assert [i.value for i in items[0].identities] == ["jane.owner@gmail.com"]  # inferred from Sent labels
    assert interactions(items) == [
        ("sent", "alice@example.com", 2, False, 1509943378, "Lunch?"),
        ("sent", "bob@example.org", 2, False, 1509943378, "Lunch?"),
        # Alice's reply: she is the counterpart; Bob, on Cc, only co-occurs
        ("received", "alice@example.com", 2, False, 1509959400, "Re: Lunch?"),
        ("received", "bob@example.org", 2, True, 1509959400, "Re: Lunch?"),
        ("received", "joerg@example.de", 2, False, 1510041600, "Grüße aus Berlin"),
        ("received", "alice@example.com", 2, True, 1510041600, "Grüße aus Berlin"),
        # a broken Date is unknown, not guessed
        ("received", "francois@example.fr", 1, False, None, "Rendez-vous"),
        # six recipients > max_group 4: co-occurrence only
        *[
            ("sent", who, 6, True, 1510221600, "Party on Saturday")
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
    ]
    people = {p.identities[0].value: p.name for p in items if isinstance(p, PersonRecord)}
    assert people == {
        "alice@example.com": "Alice Martin",
        "bob@example.org": "Bob Stone",  # "Stone, Bob" turned round
        "joerg@example.de": "Jörg Schmidt",  # RFC 2047 base64, UTF-8
        "francois@example.fr": "François Dupont",  # RFC 2047 quoted-printable, ISO-8859-1
        "carol@example.net": "",
        "dan@example.net": "",
    }
    # the list mail, the noreply mail and the auto-reply left no trace
    assert "news@lists.example.com" not in people and "noreply@github.com" not in people
    (done,) = [i for i in items if isinstance(i, FileRead)]
    assert done.name == "Takeout/Mail/All mail Including Spam and Trash.mbox"
    assert (done.rows, done.skipped) == (10, 1)  # the message with no sender is skipped and counted
    assert done.notes == (
        "your address, inferred from the mail: jane.owner@gmail.com (set it with --me)",
        "3 list or automated messages kept out",
    )
    assert done.sha256 and len(done.sha256) == 64


def test_takeout_threads_and_keys() -> None:
    records = [i for i in read(TAKEOUT) if isinstance(i, InteractionRecord)]
    lunch = [r for r in records if r.title in ("Lunch?", "Re: Lunch?")]
    assert {r.conversation_id for r in lunch} == {"gm:1583290388308606088"}
    assert lunch[0].message_key == "CAF1=lunch@mail.gmail.com"
    assert lunch[0].source_key == "CAF1=lunch@mail.gmail.com|alice@example.com"
    tickets = next(r for r in records if r.title == "Tickets")
    assert tickets.message_key is not None and tickets.message_key.startswith("h:")  # no Message-ID
    assert all(r.length is None and r.kind == "email" and r.source == "email" for r in records)
    assert len({r.source_key for r in records}) == len(records)


def test_owner_given_overrides_inference_and_max_group() -> None:
    items = read(TAKEOUT, owner_emails=("Jane.Owner@Gmail.com",), max_group=10)
    assert isinstance(items[0], OwnerRecord)
    assert [i.value for i in items[0].identities] == ["jane.owner@gmail.com"]
    party = [i for i in items if isinstance(i, InteractionRecord) and i.title == "Party on Saturday"]
    assert len(party) == 6 and not any(p.bulk for p in party)


def test_thunderbird_body_from_line_does_not_split() -> None:
    items = read(FIXTURES / "thunderbird")
    assert isinstance(items[0], OwnerRecord) and items[0].identities[0].value == "tom@owner.example"
    assert interactions(items) == [
        ("received", "dan@example.net", 1, False, 1704117600, "Quarterly numbers"),
        ("received", "erin@example.net", 1, False, 1704204000, "Coffee"),
        ("sent", "erin@example.net", 1, False, 1704207600, "Re: Coffee"),
    ]
    reads = [(i.name, i.rows) for i in items if isinstance(i, FileRead)]
    assert reads == [("Mail/Local Folders/Inbox", 2), ("Mail/Local Folders/Sent", 1)]
    ignored = [i.name for i in items if isinstance(i, FileIgnored)]
    assert ignored == ["Mail/Local Folders/Inbox.msf", "Mail/Local Folders/Sent.msf"]


def test_python_mbox_with_escaped_from() -> None:
    items = read(FIXTURES / "python.mbox", owner_emails=("owner@example.com",))
    assert interactions(items) == [
        ("received", "grace@example.com", 1, False, 1650291803, "Bugs"),
        ("sent", "grace@example.com", 1, False, 1650294000, "Re: Bugs"),
    ]


def test_apple_mail_folder() -> None:
    items = read(FIXTURES / "apple")
    assert isinstance(items[0], OwnerRecord) and items[0].identities[0].value == "ivan@owner.example"
    assert [(i.name, i.rows) for i in items if isinstance(i, FileRead)] == [("Work.mbox/mbox", 2)]
    assert [i.name for i in items if isinstance(i, FileIgnored)] == ["Work.mbox/Info.plist"]
    assert {i.person.value for i in items if isinstance(i, InteractionRecord)} == {
        "heidi@example.com",
        "judy@example.com",
    }


def test_maildir_with_sent_folder() -> None:
    items = read(FIXTURES / "maildir")
    assert isinstance(items[0], OwnerRecord) and items[0].identities[0].value == "max@owner.example"
    assert interactions(items) == [
        ("received", "kim@example.com", 1, False, 1699967600, "Hello from Seoul"),
        ("received", "lena@example.com", 1, False, 1700000100, "New message"),
        ("sent", "kim@example.com", 1, False, 1700002800, "Re: Hello from Seoul"),
        ("sent", "lena@example.com", 1, False, 1700035200, "Re: New message"),
    ]
    assert [(i.name, i.rows) for i in items if isinstance(i, FileRead)] == [("maildir", 2), (".Sent", 2)]


def test_eml_folder_latin1() -> None:
    items = read(FIXTURES / "eml", owner_emails=("nora@owner.example",))
    assert interactions(items) == [
        ("received", "jose@example.es", 1, False, 1709290800, "Café"),
        ("sent", "jose@example.es", 1, False, 1709294400, "Re: Cafe"),
    ]
    people = [p.name for p in items if isinstance(p, PersonRecord)]
    assert people == ["José García"]


def test_single_eml() -> None:
    items = read(FIXTURES / "eml" / "first.eml", owner_emails=("nora@owner.example",))
    assert [(i.name, i.rows) for i in items if isinstance(i, FileRead)] == [("first.eml", 1)]


def test_duplicates_across_files_are_read_once() -> None:
    items = read(FIXTURES / "labels")
    assert isinstance(items[0], OwnerRecord) and items[0].identities[0].value == "pat@owner.example"
    assert interactions(items) == [
        ("received", "olga@example.cz", 1, False, 1559556000, "Contract"),
        ("received", "olga@example.cz", 1, False, 1559559600, "Invoice"),
        ("sent", "olga@example.cz", 1, False, 1559563200, "Re: Contract"),
        ("sent", "quinn@example.com", 1, False, 1559649600, "Hello"),
    ]
    inbox = next(i for i in items if isinstance(i, FileRead) and i.name == "Inbox.mbox")
    # the same Message-ID, and the same sender + Date + Subject under another Message-ID
    assert inbox.notes[-1] == "2 duplicates read once"


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
    assert interactions(forced) == interactions(first)


def test_import_is_idempotent(db: Database) -> None:
    first = run_import(db, TAKEOUT, source="email")
    assert first.totals["added"] > 0
    count = db.conn.execute("SELECT COUNT(*) FROM interactions WHERE source = 'email'").fetchone()[0]
    assert count == 14
    again = run_import(db, TAKEOUT, source="email", options=ImportOptions(force=True))
    assert again.totals["added"] == 0 and again.totals["updated"] == 0
    assert db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == count
    owner = [row[0] for row in db.conn.execute("SELECT value FROM owner_identities WHERE kind = 'email'")]
    assert owner == ["jane.owner@gmail.com"]
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
    # the contract (same Message-ID) collapses; the invoice copy with another Message-ID cannot be
    # recognised across separate imports and is added once more
    assert second.totals["added"] == 1


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
