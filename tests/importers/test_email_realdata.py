"""The e-mail importer on a real mailbox: an Enron custodian's folders (../shared/data/enron/allen-p).

Only counts are asserted, never anyone's scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from netvalue.importing import run_import
from netvalue.store import Database
from netvalue.store.people import find_person

ALLEN = Path("enron") / "allen-p"


@pytest.mark.realdata
def test_enron_folder_imports_with_owner_inferred(shared_data: Path, db: Database) -> None:
    folder = shared_data / ALLEN
    if not folder.is_dir():
        pytest.skip("enron/allen-p is not in ../shared/data")
    separators = sum(
        sum(1 for line in path.read_bytes().splitlines() if line.startswith(b"From MAILER-DAEMON "))
        for path in folder.iterdir()
    )
    report = run_import(db, folder, source="email")
    owner = [row[0] for row in db.conn.execute("SELECT value FROM owner_identities WHERE kind = 'email'")]
    assert owner == ["phillip.allen@enron.com"]  # inferred from _sent_mail, sent, sent_items
    assert report.totals["rows"] == separators  # every message counted, none lost to a bad split
    assert len(report.files) == len(list(folder.iterdir()))
    duplicates = sum(
        int(f.note.split(" duplicates")[0].split("; ")[-1].replace(",", ""))
        for f in report.files
        if "duplicates" in f.note
    )
    # the same message sits in all_documents, inbox, sent, _sent_mail ...: each is read once
    assert duplicates > separators / 2
    messages = db.conn.execute("SELECT COUNT(DISTINCT message_key) FROM interactions").fetchone()[0]
    kept = separators - duplicates - sum(f.skipped for f in report.files) - _kept_out(report.files)
    # a sent message with no recipient but the owner (a note to self, a draft) makes no interaction
    assert kept - 5 <= messages <= kept
    sent = db.conn.execute(
        "SELECT COUNT(DISTINCT message_key) FROM interactions WHERE direction = 'sent'"
    ).fetchone()
    assert sent[0] > messages / 3  # a custodian keeps much of their own mail (_sent_mail, sent, sent_items)
    again = run_import(db, folder, source="email")
    assert all(f.unchanged for f in again.files if not f.ignored) and again.totals["added"] == 0


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
