"""Duplicate detection of the e-mail importer: the (sender, Date, Subject) fallback key includes the
recipients, so two different messages sent at one moment with one subject to different people both
count, while a true copy (the same message under a new Message-ID, or in a second folder) is read once."""

from __future__ import annotations

from pathlib import Path

from netvalue.importers import ImportOptions
from netvalue.importing import run_import
from netvalue.store import Database

OWNER = "me@example.com"
DATE = "Tue, 07 Nov 2023 10:00:00 +0000"


def message(to: str, message_id: str, subject: str = "Invitation") -> str:
    return (
        f"From {OWNER} Tue Nov  7 10:00:00 2023\n"
        f"From: Me <{OWNER}>\nTo: {to}\nSubject: {subject}\nDate: {DATE}\n"
        f"Message-ID: <{message_id}@example.com>\n\nhello\n\n"
    )


def sent_to(path: Path) -> list[str]:
    with Database.open(path.parent / "dedupe.db") as db:
        run_import(db, path, source="email", options=ImportOptions(owner_emails=(OWNER,)))
        rows = db.conn.execute(
            "SELECT substr(source_key, instr(source_key, '|') + 1) FROM interactions ORDER BY occurred_at, id"
        )
        return sorted(r[0] for r in rows)


def test_same_date_and_subject_to_different_people_are_two_messages(tmp_path: Path) -> None:
    mbox = tmp_path / "Sent.mbox"
    mbox.write_text(
        message("Ann <ann@example.org>", "a1") + message("Bo <bo@example.net>", "b1"), encoding="utf-8"
    )
    assert sent_to(mbox) == ["ann@example.org", "bo@example.net"]


def test_a_copy_under_a_new_message_id_is_still_read_once(tmp_path: Path) -> None:
    mbox = tmp_path / "Sent.mbox"
    mbox.write_text(
        message("Ann <ann@example.org>, Bo <bo@example.net>", "a1")
        + message("Bo <bo@example.net>, Ann <ann@example.org>", "a1-copy"),  # same people, other order
        encoding="utf-8",
    )
    assert sent_to(mbox) == ["ann@example.org", "bo@example.net"]


def test_one_recipient_more_is_another_message(tmp_path: Path) -> None:
    mbox = tmp_path / "Sent.mbox"
    mbox.write_text(
        message("Ann <ann@example.org>", "a1") + message("Ann <ann@example.org>, Cy <cy@example.com>", "a2"),
        encoding="utf-8",
    )
    assert sent_to(mbox) == ["ann@example.org", "ann@example.org", "cy@example.com"]
