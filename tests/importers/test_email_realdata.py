"""The e-mail importer on a real mailbox: an Enron custodian's folders (../shared/data/enron/allen-p).

Only counts and the owner's own addresses are asserted, never anyone's scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from netvalue.importing import run_import
from netvalue.store import Database
from netvalue.store.people import find_person

ALLEN = Path("enron") / "allen-p"


def _folder(shared_data: Path) -> Path:
    folder = shared_data / ALLEN
    if not folder.is_dir():
        pytest.skip("enron/allen-p is not in ../shared/data")
    return folder


@pytest.mark.realdata
def test_enron_folder_imports_every_message_once(shared_data: Path, db: Database) -> None:
    folder = _folder(shared_data)
    separators = sum(
        sum(1 for line in path.read_bytes().splitlines() if line.startswith(b"From MAILER-DAEMON "))
        for path in folder.iterdir()
    )
    report = run_import(db, folder, source="email")
    assert report.totals["rows"] == separators  # every message counted, none lost to a bad split
    assert len(report.files) == len(list(folder.iterdir()))
    duplicates = sum(
        int(f.note.split(" duplicates")[0].replace(",", "")) for f in report.files if "duplicates" in f.note
    )
    # the same message sits in all_documents, inbox, sent, _sent_mail ...: each is stored once
    assert duplicates > separators / 2
    stored = db.conn.execute("SELECT COUNT(*) FROM email_messages").fetchone()[0]
    assert stored == separators - duplicates - sum(f.skipped for f in report.files)
    sent = db.conn.execute(
        "SELECT COUNT(DISTINCT message_key) FROM interactions WHERE direction = 'sent'"
    ).fetchone()[0]
    messages = db.conn.execute("SELECT COUNT(DISTINCT message_key) FROM interactions").fetchone()[0]
    assert sent > messages / 3  # a custodian keeps much of their own mail (_sent_mail, sent, sent_items)
    again = run_import(db, folder, source="email")
    assert all(f.unchanged for f in again.files if not f.ignored) and again.totals["added"] == 0


@pytest.mark.realdata
def test_allen_owner_has_every_address_and_a_delegate(shared_data: Path, db: Database) -> None:
    """Issue 15: k..allen@, pallen@ and pallen70@hotmail.com are Phillip Allen's own addresses, not contacts;
    Ina Rangel, his assistant, sends from his sent folder under her own address and stays a contact."""
    run_import(db, _folder(shared_data), source="email")
    owner = {r[0] for r in db.conn.execute("SELECT value FROM owner_identities WHERE kind = 'email'")}
    assert {
        "phillip.allen@enron.com",
        "k..allen@enron.com",
        "pallen@enron.com",
        "pallen70@hotmail.com",
    } <= owner
    contacts = {r[0] for r in db.conn.execute("SELECT value FROM identities WHERE kind = 'email'")}
    assert not owner & contacts
    roles = dict(db.conn.execute("SELECT address, role FROM email_owner"))
    assert roles["ina.rangel@enron.com"] == "delegate" and "ina.rangel@enron.com" in contacts
    # no owner address is anybody's counterpart, and no interaction names a machine
    machines = {r[0] for r in db.conn.execute("SELECT address FROM email_senders WHERE verdict = 'machine'")}
    assert "no.address@enron.com" in machines and not machines & contacts


@pytest.mark.realdata
def test_allen_folder_by_folder_gives_the_same_owner_and_database(shared_data: Path, tmp_path: Path) -> None:
    folder = _folder(shared_data)
    queries = (
        "SELECT address, role, evidence FROM email_owner ORDER BY address",
        "SELECT address, verdict, reasons FROM email_senders ORDER BY address",
        "SELECT source_key, direction, group_size, bulk, occurred_at FROM interactions ORDER BY source_key",
        "SELECT id, message_key, in_sent FROM email_messages ORDER BY id",
    )
    with Database.open(tmp_path / "whole.db") as whole:
        run_import(whole, folder, source="email")
        expected = [whole.conn.execute(q).fetchall() for q in queries]
    with Database.open(tmp_path / "parts.db") as parts:
        for file in sorted(folder.iterdir(), reverse=True):
            run_import(parts, file, source="email")
        assert [parts.conn.execute(q).fetchall() for q in queries] == expected
def _kept_out(files: list) -> int:  # type: ignore[type-arg]
    total = 0
    for f in files:
        for part in f.note.split("; "):
            if "kept out" in part:
                total += int(part.split(" ")[0].replace(",", ""))
    return total


@pytest.mark.realdata
def test_enron_names_and_one_human_per_person(shared_data: Path, db: Database) -> None:
    """shankman-j: contacts carry the names of the X- fields, are found by name, and Mark E. Haedicke's
    two addresses (e..haedicke@ in Exchange mail, mark.haedicke@ in Notes mail) are one person."""
    folder = shared_data / "enron" / "shankman-j"
    if not folder.is_dir():
        pytest.skip("enron/shankman-j is not in ../shared/data")
    run_import(db, folder, source="email")
    people, named = db.conn.execute("SELECT COUNT(*), SUM(name NOT LIKE '%@%') FROM people").fetchone()
    assert named / people > 0.6  # 0.8 % before the X- fields were read
    haedicke = find_person(db, "Mark Haedicke")
    owners = {
        value
        for (value,) in db.conn.execute(
            "SELECT value FROM identities WHERE person_id = ? AND kind = 'email'", (haedicke,)
        )
    }
    assert {"e..haedicke@enron.com", "mark.haedicke@enron.com"} <= owners
