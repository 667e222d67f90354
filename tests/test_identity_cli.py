"""The identity commands: person, merge, split, review, resolve; and resolution after every import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.importers import IMPORTERS, NAME_TRUST, ImportOptions
from netvalue.importing import run_import
from netvalue.records import Identity, InteractionRecord, PersonRecord
from netvalue.store import Database
from netvalue.store.ingest import import_stream


def seed(path: Path) -> None:
    """Jane Doe on LinkedIn and in an address book (no key ties them: queued), Bob twice (auto-merged by
    name and company), two John Smiths (ambiguous), and Bob's interactions in mail and calendar."""
    with Database.open(path) as db:
        import_stream(
            db,
            [
                PersonRecord("linkedin", (Identity("linkedin", "linkedin.com/in/jane-doe"),), "Jane Doe"),
                PersonRecord(
                    "linkedin",
                    (Identity("linkedin", "linkedin.com/in/rsmith"),),
                    "Robert Smith",
                    company="Acme",
                    position="CTO",
                    is_connection=True,
                    connected_on=1_600_000_000,
                ),
                PersonRecord(
                    "linkedin", (Identity("linkedin", "linkedin.com/in/john-smith-1"),), "John Smith"
                ),
                PersonRecord(
                    "linkedin", (Identity("linkedin", "linkedin.com/in/john-smith-2"),), "John Smith"
                ),
            ],
            source="linkedin",
            path="li",
            sha256="li",
        )
        import_stream(
            db,
            [PersonRecord("vcard", (Identity("email", "jd@example.org"),), "Doe, Jane")],
            source="vcard",
            path="vcf",
            sha256="vcf",
        )
        bob = Identity("email", "bob.smith@acme.com")
        import_stream(
            db,
            [
                InteractionRecord(
                    "email", "m1", bob, "email", "received", 1_700_000_000, person_name="Bob Smith"
                )
            ],
            source="email",
            path="mbox",
            sha256="mbox",
        )
        import_stream(
            db,
            [InteractionRecord("calendar", "e1", bob, "meeting", "mutual", 1_700_500_000, title="Planning")],
            source="calendar",
            path="ics",
            sha256="ics",
        )


@pytest.fixture
def runner_db(tmp_path: Path) -> tuple[CliRunner, Path]:
    path = tmp_path / "nv.db"
    seed(path)
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(path), "resolve", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["merged"] == 1
    return runner, path


def test_resolve_json_explains_each_automatic_merge(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    seed(path)
    result = CliRunner().invoke(main, ["--db", str(path), "resolve", "--json"])
    assert result.exit_code == 0, result.output
    merges = json.loads(result.output)["merges"]
    assert len(merges) == 1
    assert merges[0]["confidence"] >= 0.92
    assert "nickname: robert ~ bob smith" in merges[0]["reasons"]
    assert any("company" in r for r in merges[0]["reasons"])


def run(runner: CliRunner, path: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["--db", str(path), *args])
    return result.exit_code, result.output


def test_person_json_has_identities_and_a_timeline_across_sources(runner_db: tuple[CliRunner, Path]) -> None:
    runner, path = runner_db
    code, out = run(runner, path, "person", "bob.smith@acme.com", "--json")
    assert code == 0, out
    record = json.loads(out)
    assert record["name"] == "Robert Smith"
    assert {(i["kind"], i["value"]) for i in record["identities"]} == {
        ("linkedin", "linkedin.com/in/rsmith"),
        ("email", "bob.smith@acme.com"),
    }
    assert [(t["source"], t["occurred_at"]) for t in record["timeline"]] == [
        ("calendar", "2023-11-20T17:06:40Z"),
        ("email", "2023-11-14T22:13:20Z"),
    ]
    assert record["connections"] == [
        {"source": "linkedin", "relation": "connection", "connected_on": "2020-09-13"}
    ]
    code, text = run(runner, path, "person", "Robert Smith")
    assert code == 0 and "Planning" in text and "bob.smith@acme.com" in text


def test_ambiguous_person_lists_candidates_and_exits_1(runner_db: tuple[CliRunner, Path]) -> None:
    runner, path = runner_db
    code, out = run(runner, path, "person", "John Smith")
    assert code == 1
    assert "matches 2 people" in out and out.startswith("Error: ")


def test_review_lists_then_accepts(runner_db: tuple[CliRunner, Path]) -> None:
    runner, path = runner_db
    code, out = run(runner, path, "review", "--list", "--json")
    assert code == 0
    queue = json.loads(out)
    jane = [m for m in queue if m["a"]["name"] == "Jane Doe"]
    assert len(jane) == 1 and 0.75 <= jane[0]["confidence"] < 0.92
    assert "jd@example.org" in str(jane[0]["b"]["identities"])
    code, out = run(runner, path, "review", "accept", str(jane[0]["id"]))
    assert code == 0, out
    code, out = run(runner, path, "person", "jd@example.org", "--json")
    assert {i["value"] for i in json.loads(out)["identities"]} == {
        "linkedin.com/in/jane-doe",
        "jd@example.org",
    }
    code, out = run(runner, path, "review", "accept", "999")
    assert code == 1 and "no pending match" in out


def test_interactive_review_rejects(runner_db: tuple[CliRunner, Path]) -> None:
    runner, path = runner_db
    before = json.loads(run(runner, path, "review", "--list", "--json")[1])
    result = runner.invoke(main, ["--db", str(path), "review"], input="r\n" * len(before))
    assert result.exit_code == 0, result.output
    assert json.loads(run(runner, path, "review", "--list", "--json")[1]) == []
    run(runner, path, "resolve")
    assert json.loads(run(runner, path, "review", "--list", "--json")[1]) == []


def test_merge_and_split_commands(runner_db: tuple[CliRunner, Path]) -> None:
    runner, path = runner_db
    code, out = run(runner, path, "merge", "linkedin.com/in/jane-doe", "jd@example.org")
    assert code == 0, out
    code, out = run(runner, path, "split", "jd@example.org", "--identity", "email:jd@example.org")
    assert code == 0, out
    code, out = run(runner, path, "resolve", "--json")
    ids = {
        json.loads(run(runner, path, "person", x, "--json")[1])["id"]
        for x in ("jd@example.org", "linkedin.com/in/jane-doe")
    }
    assert len(ids) == 2
    code, out = run(runner, path, "split", "jd@example.org")
    assert code == 1 and "--identity" in out


@pytest.mark.skipif("email" not in IMPORTERS, reason="the e-mail importer is not registered")
def test_every_import_resolves(tmp_path: Path) -> None:
    """LinkedIn knows Robert Smith of Acme; the mailbox knows bob.smith@acme.com: one person after import."""
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From bob.smith@acme.com Tue Nov 14 22:13:20 2023\n"
        "From: Bob Smith <bob.smith@acme.com>\nTo: Me <me@example.com>\nSubject: Lunch?\n"
        "Date: Tue, 14 Nov 2023 22:13:20 +0000\nMessage-ID: <m1@acme.com>\n\nhello\n\n"
        "From me@example.com Wed Nov 15 09:00:00 2023\n"
        "From: Me <me@example.com>\nTo: Bob Smith <bob.smith@acme.com>\nSubject: Re: Lunch?\n"
        "Date: Wed, 15 Nov 2023 09:00:00 +0000\nMessage-ID: <m2@example.com>\n\nsure\n",
        encoding="utf-8",
    )
    with Database.open(tmp_path / "nv.db") as db:
        import_stream(
            db,
            [
                PersonRecord(
                    "linkedin",
                    (Identity("linkedin", "linkedin.com/in/rsmith"),),
                    "Robert Smith",
                    company="Acme",
                )
            ],
            source="linkedin",
            path="li",
            sha256="li",
            name_trust=NAME_TRUST,
        )
        run_import(db, mbox, source="email", options=ImportOptions(owner_emails=("me@example.com",)))
        rows = db.conn.execute("SELECT id, name FROM people").fetchall()
        assert len(rows) == 1 and rows[0][1] == "Robert Smith"
        assert (
            db.conn.execute(
                "SELECT COUNT(*) FROM interactions WHERE person_id = ?", (rows[0][0],)
            ).fetchone()[0]
            == 2
        )


def test_explain_identity_gives_the_thresholds_the_code_uses_and_their_sources() -> None:
    from click.testing import CliRunner

    from netvalue.cli import main
    from netvalue.identity.matching import AUTO_MERGE, REVIEW
    from netvalue.identity.namesakes import TOLERATED_FALSE_MERGES

    result = CliRunner().invoke(main, ["explain", "identity", "--json"])
    assert result.exit_code == 0, result.output
    topic = json.loads(result.output)
    assert f"At {AUTO_MERGE} or above the pair merges; from {REVIEW} it waits" in topic["text"]
    assert f"within {TOLERATED_FALSE_MERGES:.0%} of all links" in topic["text"]
    assert any(s.startswith("Fellegi & Sunter (1969)") for s in topic["sources"])
    assert any(s.startswith("Elias & Gygi (2007)") for s in topic["sources"])
