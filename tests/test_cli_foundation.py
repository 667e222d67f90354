"""The foundation's command line on the LinkedIn fixture: import, status, people, note, tag, forget, report,
the errors a user sees, the database's file mode, and ``python -m netvalue``."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from netvalue.cli import app as cli_app
from netvalue.cli import main
from netvalue.cli import people as cli_people

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "linkedin"
CURRENT = FIXTURES / "current"


def zip_folder(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(file, file.relative_to(folder).as_posix())
    return dest


@pytest.fixture
def cli(tmp_path: Path) -> tuple[CliRunner, list[str]]:
    """A runner and the ``--db`` arguments of a fresh database holding the current fixture export."""
    runner = CliRunner()
    db_args = ["--db", str(tmp_path / "nv.db")]
    export = zip_folder(CURRENT, tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip")
    result = runner.invoke(main, [*db_args, "import", "linkedin", str(export)])
    assert result.exit_code == 0, result.output
    return runner, db_args


def run_json(cli: tuple[CliRunner, list[str]], *args: str) -> object:
    runner, db_args = cli
    result = runner.invoke(main, [*db_args, *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_import_prints_a_summary_table(tmp_path: Path) -> None:
    runner = CliRunner()
    export = zip_folder(CURRENT, tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip")
    result = runner.invoke(main, ["--db", str(tmp_path / "a.db"), "import", "linkedin", str(export)])
    assert result.exit_code == 0, result.output
    for expected in (
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "Reactions.csv",
        "not used: your",  # an unused file, with why (Reactions.csv: "your activity")
        "total",
    ):
        assert expected in result.output
    again = runner.invoke(main, ["--db", str(tmp_path / "a.db"), "import", str(export), "--json"])
    assert again.exit_code == 0, again.output
    report = json.loads(again.output)
    assert report["totals"]["added"] == 0
    statuses = {f["name"]: f["status"] for f in report["files"]}
    assert statuses["Connections.csv"] == "unchanged" and statuses["Reactions.csv"] == "ignored"


def test_status_json_counts(cli: tuple[CliRunner, list[str]]) -> None:
    data = run_json(cli, "status", "--json")
    assert isinstance(data, dict)
    got = data["counts"]
    assert {
        k: got[k]
        for k in ("people", "connections", "messages", "invitations", "endorsements", "recommendations")
    } == {
        "people": 7,
        "connections": 6,
        "messages": 6,
        "invitations": 2,
        "endorsements": 3,
        "recommendations": 2,
    }
    assert data["schema_version"] >= 1 and len(data["imports"]) == 1


def test_people_search_note_tag(cli: tuple[CliRunner, list[str]]) -> None:
    runner, db_args = cli
    found = run_json(cli, "people", "--search", "Петров", "--json")
    assert isinstance(found, list) and [p["name"] for p in found] == ["Олег Петров"]
    assert found[0]["company"] == "Яндекс" and found[0]["messages_sent"] == 1
    result = runner.invoke(main, [*db_args, "note", "linkedin.com/in/oleg-petrov", "owes me a coffee"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, [*db_args, "tag", "Олег Петров", "engineering"])
    assert result.exit_code == 0, result.output
    oleg = run_json(cli, "people", "--search", "engineering", "--json")
    assert (
        isinstance(oleg, list)
        and oleg[0]["notes"] == ["owes me a coffee"]
        and oleg[0]["tags"] == ["engineering"]
    )
    table = runner.invoke(main, [*db_args, "people", "--search", "Zoë"])
    assert table.exit_code == 0 and "1 people" in table.output and "Zo" in table.output


def test_ambiguous_name_lists_candidates(cli: tuple[CliRunner, list[str]]) -> None:
    runner, db_args = cli
    result = runner.invoke(main, [*db_args, "note", "John Smith", "which one?"])
    assert result.exit_code == 1
    assert "Error:" in result.output and "matches 2 people" in result.output
    assert "Traceback" not in result.output


def test_forget_yes_and_report(cli: tuple[CliRunner, list[str]]) -> None:
    runner, db_args = cli
    result = runner.invoke(main, [*db_args, "forget", "linkedin.com/in/zoe-nunez", "--yes"])
    assert result.exit_code == 0, result.output
    status = run_json(cli, "status", "--json")
    assert isinstance(status, dict) and status["counts"]["connections"] == 5
    report = run_json(cli, "report", "--as-of", "2025-01-01", "--json")
    assert isinstance(report, dict)
    contact = report["contact"]
    # John Smith (Acme) and Li Wei wrote both ways; Oleg only received; John (London), Priya never
    assert contact["connections"] == 5
    assert contact["exchanged"]["ever"] == 2 and contact["exchanged"]["12m"] == 1
    assert (contact["only_you_wrote"], contact["only_they_wrote"], contact["never"]) == (1, 0, 2)


def test_bad_zip_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "Basic_LinkedInDataExport_broken.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "nv.db"), "import", "linkedin", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Basic_LinkedInDataExport_broken.zip" in result.output
    assert "Traceback" not in result.output


def test_database_file_is_private(cli: tuple[CliRunner, list[str]]) -> None:
    _, db_args = cli
    mode = stat.S_IMODE(os.stat(db_args[1]).st_mode)
    assert mode == 0o600


def test_python_dash_m_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "netvalue", "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "import" in result.stdout and "Example:" in result.stdout


def test_a_person_given_as_superscript_digits_is_a_name_not_a_crash(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from netvalue.cli import main

    result = CliRunner().invoke(main, ["--db", str(tmp_path / "nv.db"), "note", "¹²", "hello"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


def test_the_people_table_shows_a_page_unless_asked_for_more(
    cli: tuple[CliRunner, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, db_args = cli
    monkeypatch.setattr(cli_people, "TABLE_ROWS", 2)
    page = runner.invoke(main, [*db_args, "people"])
    assert page.exit_code == 0 and "2 of 7 people shown" in page.output
    everyone = runner.invoke(main, [*db_args, "people", "--all"])
    assert everyone.exit_code == 0 and "7 people" in everyone.output and " of " not in everyone.output
    assert len(run_json(cli, "people", "--json")) == 7  # type: ignore[arg-type]
    three = runner.invoke(main, [*db_args, "people", "--limit", "3"])
    assert three.exit_code == 0 and "3 of 7 people shown" in three.output


def test_an_analysis_shows_a_spinner_on_a_terminal_and_writes_nothing_else(
    cli: tuple[CliRunner, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, db_args = cli
    plain = runner.invoke(main, [*db_args, "report", "--as-of", "2025-01-01", "--json"])
    assert plain.exit_code == 0 and plain.stderr == ""  # stderr is no terminal here: no spinner
    terminal = io.StringIO()
    monkeypatch.setattr(cli_app, "err_console", Console(file=terminal, force_terminal=True, width=80))
    report = run_json(cli, "report", "--as-of", "2025-01-01", "--json")
    assert isinstance(report, dict) and report["contact"]["connections"] == 6  # stdout: the JSON alone
    assert "Counting who you talk to" in terminal.getvalue()
