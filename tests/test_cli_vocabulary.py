"""One vocabulary across commands (issue 17): a decision and its ID in either order, ``--limit 0`` as
no limit everywhere, ``-o`` wherever a file is written, ``ask`` saying it records what you received,
and the value coefficient set by a settings command (the old ``value --coefficient`` still works)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main

CURRENT = Path(__file__).resolve().parent / "fixtures" / "linkedin" / "current"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "nv.db"
    result = CliRunner().invoke(main, ["--db", str(path), "import", "linkedin", str(CURRENT)])
    assert result.exit_code == 0, result.output
    return path


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


def _add_request(db: Path, name: str) -> str:
    code, output = run(db, "triage", "add", "--name", name)
    assert code == 0, output
    return output.split("Added request ")[1].split(";")[0]


@pytest.mark.parametrize("order", ["verb first", "id first"])
def test_triage_decide_takes_either_order(db: Path, order: str) -> None:
    ref = _add_request(db, "Ana Ruiz")
    args = ("accept", ref) if order == "verb first" else (ref, "accept")
    code, output = run(db, "triage", "decide", *args)
    assert code == 0 and "Recorded: accept Ana Ruiz" in output
    assert ref not in {r["id"] for r in json.loads(run(db, "triage", "--json")[1])["requests"]}


def test_review_takes_either_order(db: Path) -> None:
    verb_first = run(db, "review", "accept", "999")
    id_first = run(db, "review", "999", "accept")
    assert verb_first == id_first and verb_first[0] == 1
    code, output = run(db, "review", "accept", "me")
    assert code == 1 and "not a match id" in output
    code, output = run(db, "triage", "decide", "maybe", "i1")
    assert code == 1 and "accept or ignore" in output


def test_limit_zero_means_no_limit(db: Path) -> None:
    everyone = json.loads(run(db, "ties", "--json")[1])
    assert len(json.loads(run(db, "ties", "--limit", "0", "--json")[1])) == len(everyone) > 1
    assert len(json.loads(run(db, "ties", "--limit", "1", "--json")[1])) == 1
    code, output = run(db, "people", "--limit", "0")
    assert code == 0 and " of " not in output.splitlines()[-1]
    for command in (("ties",), ("people",), ("person", "1")):
        code, help_text = run(db, *command, "--help")
        assert "0: no limit" in help_text, command


def test_every_file_writer_takes_dash_o(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    code, _ = run(db, "graph", "export", "--format", "json", "-o", str(out))
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))
    assert "-o, --output" in run(db, "plan", "export", "--help")[1]


def test_ask_says_it_records_what_you_received() -> None:
    text = CliRunner().invoke(main, ["ask", "--help"]).output
    assert "Record what you received from PERSON" in " ".join(text.split())


def test_the_value_coefficient_is_a_setting(db: Path) -> None:
    code, output = run(db, "settings", "value-coefficient", "1200")
    assert code == 0 and "$1,200.00" in output
    assert json.loads(run(db, "settings", "--json")[1]) == {"value_coefficient": 1200.0}
    assert json.loads(run(db, "value", "--json")[1])["coefficient"] == 1200.0
    result = CliRunner().invoke(main, ["--db", str(db), "value", "--coefficient", "900", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["coefficient"] == 900.0
    assert "deprecated" in result.stderr
    assert "--coefficient" not in run(db, "value", "--help")[1]
    assert run(db, "settings", "value-coefficient", "0")[0] == 1


def test_serve_host_is_not_offered() -> None:
    assert "--host" not in CliRunner().invoke(main, ["serve", "--help"]).output
