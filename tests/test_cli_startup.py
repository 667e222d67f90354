"""Start-up costs nothing (issue 16): ``--version`` and ``--help`` import no analysis, web or parsing
stack, and the command table that ``--help`` prints is the command line itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from netvalue.cli import COMMANDS, load_all, main
from netvalue.records import Identity, PersonRecord
from netvalue.store import Database
from netvalue.store.ingest import import_stream

HEAVY = (
    "numpy",
    "scipy",
    "networkit",
    "sklearn",
    "fastapi",
    "uvicorn",
    "jinja2",
    "icalendar",
    "recurring_ical_events",
    "phonenumbers",
    "rapidfuzz",
    "rich",
    "netvalue.store",
    "netvalue.importers",
    "netvalue.analysis",
    "netvalue.app",
)


def _imported(*args: str) -> set[str]:
    """The modules a fresh ``python -m netvalue ARGS`` imports (from ``-X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "netvalue", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args", [("--version",), ("--help",), ("settings", "--help"), ("status", "--help"), ("serve", "--help")]
)
def test_version_and_help_import_no_heavy_stack(args: tuple[str, ...]) -> None:
    modules = _imported(*args)
    assert "click" in modules  # the measurement works
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    if len(args) > 1:  # a command's own help loads its module, and only what that needs
        heavy = [m for m in heavy if m.startswith(HEAVY[:11])]
    assert not heavy, f"{' '.join(args)} imports {heavy}"


def test_the_command_table_is_the_command_line() -> None:
    load_all()
    listed = {name for section in COMMANDS.values() for name in section}
    assert listed == set(main.commands)
    for section in COMMANDS.values():
        for name, entry in section.items():
            assert len(entry.summary) <= 68, f"{name}: its --help line wraps at 80 columns"


def test_help_lists_the_commands_in_the_order_of_the_work() -> None:
    text = CliRunner().invoke(main, ["--help"]).output
    order = [text.index(f"\n  {name} ") for name in ("demo", "import", "report", "ties", "plan", "serve")]
    assert order == sorted(order)


def test_an_unknown_command_suggests_the_near_ones() -> None:
    result = CliRunner().invoke(main, ["tie"])
    assert result.exit_code == 2 and "Did you mean ties" in result.output


def test_every_lazy_command_loads_alone() -> None:
    for section in COMMANDS.values():
        for name in section:
            ctx = click.Context(main)
            assert main.get_command(ctx, name) is not None, name


ANALYSIS_STACK = ("numpy", "scipy", "networkit", "sklearn")


@pytest.fixture
def one_person_db(tmp_path: Path) -> Path:
    path = tmp_path / "one.db"
    alice = PersonRecord(
        source="linkedin",
        identities=(Identity("linkedin", "linkedin.com/in/alice"),),
        name="Alice Archer",
        is_connection=True,
        connected_on=1_600_000_000,
    )
    with Database.open(path) as db:
        import_stream(db, [alice], source="linkedin", path="a", sha256="a")
    return path


@pytest.mark.parametrize(
    "args", [("status",), ("people",), ("note", "Alice", "met at the fair"), ("tag", "Alice", "friend")]
)
def test_commands_that_judge_nothing_import_no_analysis_stack(
    one_person_db: Path, args: tuple[str, ...]
) -> None:
    """Each command imports only what it uses (issue 16): listing, noting and tagging judge no tie."""
    modules = _imported("--db", str(one_person_db), *args)
    assert "netvalue.store" in modules  # the command ran
    heavy = sorted(m for m in modules if m.split(".")[0] in ANALYSIS_STACK)
    assert not heavy, f"{' '.join(args)} imports {heavy[:5]}"


WARM_READS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("ties", "--limit", "20"), ("scipy", "networkit", "sklearn", "netvalue.app.structure")),
    (("value",), ("scipy", "networkit", "sklearn", "netvalue.app.structure")),
    (("report",), ("scipy", "networkit", "sklearn", "netvalue.app.recommend", "netvalue.recommend.triage")),
    (("communities",), ("networkit", "sklearn", "netvalue.recommend")),
    (("brokerage",), ("networkit", "sklearn", "netvalue.recommend")),
]
"""A reporting command run again (its analysis persisted) and what it must not import (issue 16: a warm
read of stored results imports neither the community detection nor what another command uses)."""


@pytest.mark.parametrize(("args", "absent"), WARM_READS, ids=[" ".join(a) for a, _ in WARM_READS])
def test_a_warm_read_imports_only_what_it_prints(
    one_person_db: Path, args: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    first = subprocess.run(
        [sys.executable, "-m", "netvalue", "--db", str(one_person_db), *args],
        capture_output=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr.decode()  # the cold run computed and stored the analysis
    modules = _imported("--db", str(one_person_db), *args)
    assert "numpy" in modules  # the stored analysis was read
    found = sorted(m for m in modules if any(m == a or m.startswith(a + ".") for a in absent))
    assert not found, f"{' '.join(args)} imports {found[:5]}"
