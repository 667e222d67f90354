"""Every reporting command's ``--json`` on the demo database, recorded: a refactor changes no output (issue 16).

The demo database is built once (``netvalue demo``, deterministic: the invented export is bundled and every
analysis takes ``--as-of``), then each command below runs in this order (``plan`` saves a plan, which
``plan history`` then lists) and its JSON is compared with ``tests/golden/json/<name>.json``.  Only the values
that are the moment or place of the run (import times, the database's path, when a plan was saved) are
replaced by a placeholder before the comparison.

A change of judgment (a new default, a fixed bug) changes these files on purpose, in a commit of its own:
``NETVALUE_UPDATE_GOLDEN=1 pytest tests/test_json_outputs.py`` rewrites them, and the diff is the review.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import netvalue
from netvalue.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "json"
PACKAGE = str(Path(netvalue.__file__).resolve().parent)
"""Where the demo's files are: a checkout's own place, written as ``<package>`` (worktrees differ)."""
AS_OF = "2026-11-16"  # the day after the demo export ends

COMMANDS: list[tuple[str, list[str]]] = [
    ("status", ["status"]),
    ("report", ["report", "--as-of", AS_OF]),
    ("ties", ["ties", "--as-of", AS_OF]),
    ("value", ["value", "--as-of", AS_OF]),
    ("people", ["people"]),
    ("person-1", ["person", "1"]),
    ("communities", ["communities", "--as-of", AS_OF]),
    ("brokerage", ["brokerage", "--as-of", AS_OF]),
    ("hangouts", ["hangouts", "--as-of", AS_OF]),
    ("explain", ["explain"]),
    ("triage", ["triage", "--as-of", AS_OF]),
    ("ledger", ["ledger"]),
    ("model", ["model", "--as-of", AS_OF]),
    ("me", ["me"]),
    ("settings", ["settings"]),
    ("review", ["review"]),
    ("plan", ["plan", "--as-of", AS_OF]),
    ("plan-history", ["plan", "history"]),
    ("resolve", ["resolve"]),
]

MOMENT_KEYS = frozenset(
    {"database", "started_at", "finished_at", "first_seen", "last_seen", "planned_at", "seconds"}
)
"""Keys whose value is when or where this run happened (or how long it took), not what the analysis found."""


def _without_moments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("<moment>" if k in MOMENT_KEYS else _without_moments(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_moments(v) for v in value]
    if isinstance(value, str) and value.startswith(PACKAGE + os.sep):
        return "<package>" + value[len(PACKAGE) :]
    return value


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("golden") / "demo.db"
    built = CliRunner().invoke(main, ["--db", str(db), "demo"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    found: dict[str, Any] = {}
    for name, args in COMMANDS:
        result = CliRunner().invoke(main, ["--db", str(db), *args, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, f"{name}: {result.output}"
        found[name] = _without_moments(json.loads(result.stdout))
    return found


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_json_output_is_unchanged(outputs: dict[str, Any], name: str) -> None:
    path = GOLDEN / f"{name}.json"
    if os.environ.get("NETVALUE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(outputs[name], indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8"
        )
    assert path.exists(), f"no recorded output for {name}: run with NETVALUE_UPDATE_GOLDEN=1"
    assert outputs[name] == json.loads(path.read_text("utf-8"))


def test_every_reporting_command_is_recorded() -> None:
    """A reporting command added later is added here too: every top-level command with ``--json``."""
    from netvalue.cli.app import COMMANDS as TABLE

    with_json = set()
    for section in TABLE.values():
        for command in section:
            help_text = CliRunner().invoke(main, [command, "--help"]).output
            if "--json" in help_text:
                with_json.add(command)
    recorded = {args[0] for _, args in COMMANDS}
    # demo builds the database itself; share/team/org have their own end-to-end tests on team/org data
    assert with_json - recorded <= {"demo", "share", "team", "org"}


def test_explain_lists_every_topic_in_its_fixed_order() -> None:
    """``explain`` lists topics in :data:`TOPIC_ORDER`, whatever order their modules were imported in."""
    import netvalue.recommend.ledger  # noqa: F401  (a topic module imported before the others, as a test may)
    from netvalue.explain import TOPIC_ORDER, all_topics

    names = [topic.name for topic in all_topics()]
    assert names == list(TOPIC_ORDER)
