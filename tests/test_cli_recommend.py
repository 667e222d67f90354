"""The recommend commands end to end: purpose, triage, plan, done, give/ask, ledger, export."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import load_all, main
from netvalue.records import Identity, ImportItem, InteractionRecord, InvitationRecord, PersonRecord
from netvalue.store import Database
from netvalue.store.ingest import import_stream

DAY = 86_400


def _now() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "netvalue.db"
    path.parent.mkdir()
    now = _now()
    old = now - 4 * 365 * DAY
    ident = Identity("linkedin", "linkedin.com/in/bob-old")
    items: list[ImportItem] = [
        PersonRecord(
            source="linkedin",
            identities=(ident, Identity("email", "bob@example.org")),
            name="Bob Old",
            company="Globex",
            is_connection=True,
            connected_on=old - 400 * DAY,
        ),
    ]
    for i in range(50):
        for direction in ("sent", "received"):
            items.append(
                InteractionRecord(
                    source="linkedin",
                    source_key=f"b{i}{direction}",
                    person=ident,
                    kind="message",
                    direction=direction,
                    occurred_at=old - 300 * DAY + i * 6 * DAY,  # type: ignore[arg-type]
                    title="Kafka migration",
                    person_name="Bob Old",
                )
            )
    items.append(
        InvitationRecord(
            source="linkedin",
            source_key="inv-1",
            direction="incoming",
            name="Greta Growth",
            sent_at=now - DAY,
            message="Grow your network! Click here http://x.example",
        )
    )
    with Database.open(path) as db:
        import_stream(db, items, source="linkedin", path="fixture", sha256="x", now=now - DAY)
    return path


def run(db_path: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fail(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_purpose_set_and_show(db_path: Path) -> None:
    run(
        db_path,
        "purpose",
        "set",
        "--goal",
        "job-search",
        "--role",
        "data engineer",
        "--place",
        "London",
        "--known-only",
    )
    data = tomllib.loads((db_path.parent / "purpose.toml").read_text())
    assert data["goals"] == ["job-search"] and data["open_to_strangers"] is False
    shown = json.loads(run(db_path, "purpose", "show", "--json"))
    assert shown["targets"]["roles"] == ["data engineer"] and shown["targets"]["places"] == ["London"]
    assert "job search" in run(db_path, "purpose", "show")


def test_purpose_set_interactive(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("netvalue.cli.recommend.is_interactive", lambda: True)
    run(db_path, "purpose", "set", input="business\nfintech\n\nMonzo\n\nsolar\ny\nGlobex, Initech\n")
    shown = json.loads(run(db_path, "purpose", "show", "--json"))
    assert shown["goals"] == ["business"] and shown["targets"]["keywords"] == ["solar"]
    assert shown["avoid"] == ["Globex", "Initech"]
    assert shown["targets"]["companies"] == ["Monzo"] and shown["open_to_strangers"] is True


def test_purpose_errors(db_path: Path) -> None:
    assert "Error:" in fail(db_path, "purpose", "set")  # not a terminal and no options
    (db_path.parent / "purpose.toml").write_text("goals = [")
    assert "not valid TOML" in fail(db_path, "purpose", "show")


def test_triage_add_decide(db_path: Path) -> None:
    run(db_path, "purpose", "set", "--goal", "job-search", "--role", "data engineer")
    assert "Added request m1" in run(
        db_path,
        "triage",
        "add",
        "--name",
        "Ana Ruiz",
        "--headline",
        "Data Engineer at Monzo",
        "--mutual",
        "8",
    )
    data = json.loads(run(db_path, "triage", "--json"))
    by_id = {r["id"]: r for r in data["requests"]}
    assert by_id["m1"]["decision"] in ("accept", "accept and reach out")
    greta = next(r for r in data["requests"] if r["name"] == "Greta Growth")
    assert greta["decision"] == "ignore" and greta["spam"]
    assert "Ana Ruiz" in run(db_path, "triage")
    run(db_path, "triage", "decide", greta["id"], "ignore")
    run(db_path, "triage", "decide", "m1", "accept")
    assert json.loads(run(db_path, "triage", "--json"))["requests"] == []
    assert "No pending" in run(db_path, "triage")
    assert "Error:" in fail(db_path, "triage", "decide", "m99", "accept")


def test_issue_15_a_genuine_request_with_no_target_match_is_accepted(db_path: Path) -> None:
    """Issue 15: job search for Product Manager roles in Software Development; a genuine request whose
    note names no target is accepted (connect unless there is a solid reason not to), a target match is
    accept and reach out, a pitch is ignored with its reason, and a named conflict is ignored."""
    run(
        db_path,
        "purpose",
        "set",
        "--goal",
        "job-search",
        "--industry",
        "Software Development",
        "--role",
        "Product Manager",
        "--avoid",
        "Globex",
    )
    assert "avoid: Globex" in run(db_path, "purpose", "show")
    note = "Hi Dana, we met at PyCon — would love to stay in touch."
    run(db_path, "triage", "add", "--name", "Dana Whitfield", "--message", note)
    run(db_path, "triage", "add", "--name", "Rob Tan", "--headline", "Product Manager | Software Development")
    run(db_path, "triage", "add", "--name", "Sid Ross", "--headline", "Product Manager at Globex")
    by_name = {r["name"]: r for r in json.loads(run(db_path, "triage", "--json"))["requests"]}
    dana = by_name["Dana Whitfield"]
    assert dana["decision"] == "accept" and dana["ignored_for"] == []
    assert dana["reasons"][0] == "accepted: networking for a job, no reason not to connect"
    rob = by_name["Rob Tan"]
    assert rob["decision"] == "accept and reach out"
    assert (
        rob["reasons"][0] == "accept and reach out: a Product Manager in Software Development, your targets"
    )
    greta = by_name["Greta Growth"]
    assert greta["decision"] == "ignore" and greta["reasons"][0].startswith(
        "ignored: a follower-growth offer"
    )
    sid = by_name["Sid Ross"]
    assert sid["decision"] == "ignore" and sid["ignored_for"] == ["conflict"]
    table = run(db_path, "triage")
    assert "Dana Whitfield" in table and "accept" in table


def test_plan_done_history_export(db_path: Path, tmp_path: Path) -> None:
    plan = json.loads(run(db_path, "plan", "--json"))
    assert [i["name"] for i in plan["items"]] == ["Bob Old"]
    item = plan["items"][0]
    assert set(item) >= {"id", "name", "identities", "why", "opener"}
    assert "email:bob@example.org" in item["identities"] and "“Kafka migration”" in item["opener"]
    assert json.loads(run(db_path, "plan", "--json")) == plan  # the same week shows the same plan
    assert "Bob Old" in run(db_path, "plan")
    run(db_path, "done", "Bob Old", "--outcome", "replied", "--note", "lunch")
    history = json.loads(run(db_path, "plan", "history", "--json"))
    assert history["streak"] == 1 and history["weeks"][-1]["done"][0]["outcome"] == "replied"
    assert "Streak" in run(db_path, "plan", "history")
    out = tmp_path / "week.ics"
    run(db_path, "plan", "export", "--ics", "--output", str(out))
    assert out.read_text().count("BEGIN:VEVENT") == 1
    assert out.stat().st_mode & 0o777 == 0o600
    assert "BEGIN:VCALENDAR" in run(db_path, "plan", "export", "--ics")
    assert "Error:" in fail(db_path, "plan", "--week", "2026-47")
    assert "Error:" in fail(db_path, "done", "Nobody Here")


def test_plan_settings(db_path: Path) -> None:
    data = json.loads(run(db_path, "plan", "settings", "--size", "2", "--cadence", "close=60", "--json"))
    assert data == {"size": 2, "cadence_days": {"inner circle": 30, "close": 60, "active": 365}}
    assert "Error:" in fail(db_path, "plan", "settings", "--cadence", "bogus=3")


def test_give_ask_ledger(db_path: Path) -> None:
    run(db_path, "give", "Bob Old", "intro", "--note", "to Ana")
    run(db_path, "ask", "Bob Old", "advice")
    run(db_path, "ask", "Bob Old", "referral")
    data = json.loads(run(db_path, "ledger", "--json"))
    assert (data["given"], data["received"], data["balance"]) == (1, 2, -1)
    assert [p["name"] for p in data["you_owe"]] == ["Bob Old"]
    assert "You owe: Bob Old" in run(db_path, "ledger")
    bad = CliRunner().invoke(main, ["--db", str(db_path), "give", "Bob Old", "bribe"])
    assert bad.exit_code == 2 and "'bribe' is not one of" in bad.output


def test_every_command_has_an_example() -> None:
    load_all()
    for name in ("purpose", "triage", "plan", "done", "give", "ask", "ledger"):
        command = main.commands[name]
        assert "Example:" in (command.help or ""), name
        for sub in getattr(command, "commands", {}).values():
            assert "Example:" in (sub.help or ""), f"{name} {sub.name}"


def test_report_lists_overdue(db_path: Path) -> None:
    data = json.loads(run(db_path, "report", "--json"))
    assert "overdue" in data and isinstance(data["overdue"], list)
