"""An import killed midway (SIGKILL, in a subprocess) leaves the database exactly as before, and the next
import completes."""

from __future__ import annotations

import importlib.util
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from netvalue.importing import run_import
from netvalue.store import Database
from netvalue.store.status import counts

PROJECT = Path(__file__).resolve().parents[1]
CURRENT = PROJECT / "tests" / "fixtures" / "linkedin" / "current"

CHILD = """
import sys
from pathlib import Path
from netvalue.importing import run_import
from netvalue.store import Database

def progress(name, done):
    print("progress", name, done, flush=True)

db = Database.open(Path(sys.argv[1]))
run_import(db, Path(sys.argv[2]), source="linkedin", on_progress=progress)
print("finished", flush=True)
"""


def benchmark_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "import_linkedin_benchmark", PROJECT / "benchmarks" / "import_linkedin.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(db_path: Path) -> tuple[dict[str, int], str]:
    with Database.open(db_path) as db:
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return counts(db), "\n".join(db.conn.iterdump())


def database_with_fixture(tmp_path: Path) -> Path:
    """A database that already holds the fixture export (so "as before" means something)."""
    db_path = tmp_path / "nv.db"
    with Database.open(db_path) as db:
        run_import(db, CURRENT, source="linkedin")
    return db_path


@pytest.mark.slow
def test_sigkill_midway_leaves_the_database_as_before(tmp_path: Path) -> None:
    db_path = database_with_fixture(tmp_path)
    before_counts, before_dump = snapshot(db_path)
    export = benchmark_module().write_export(
        tmp_path / "Complete_LinkedInDataExport_big.zip", 1500, 15000, seed=3
    )

    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as child:
        assert child.stdout is not None
        started = time.monotonic()
        line = child.stdout.readline()  # the first progress report: records are being written, uncommitted
        assert line.startswith("progress"), line
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, (
        "the import finished before it could be killed: make the export bigger"
    )

    after_counts, after_dump = snapshot(db_path)
    assert after_counts == before_counts
    assert after_dump == before_dump

    with Database.open(db_path) as db:
        report = run_import(db, export, source="linkedin")
        assert report.totals["added"] > 15000
        assert counts(db)["connections"] == before_counts["connections"] + 1500
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


INTERRUPTED_CHILD = """
import faulthandler, signal, sys, time
faulthandler.register(signal.SIGUSR1, all_threads=True)  # the test asks for every stack if this hangs
import netvalue.importers.linkedin.message_file as reader
from netvalue.cli import main

reader.PARALLEL_MIN = 0  # this small export read by worker processes, as a large one is
reader.CHUNK = 4096
parse = reader.read_stretch

def slow_stretch(*args):
    print("stretch", flush=True)
    time.sleep(60)  # an interrupt arrives while the workers are parsing
    return parse(*args)

reader.read_stretch = slow_stretch  # forked workers run this module's copy
main(["--db", sys.argv[1], "import", "linkedin", sys.argv[2]])
"""


def _line_within(child: subprocess.Popen[str], seconds: float) -> str:
    """The child's first line of output, or the test fails (with every stack) after ``seconds``: a hung
    child must fail this test, never hang the suite."""
    assert child.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        if not selector.select(seconds):
            pytest.fail(f"no output within {seconds} s; every process's stacks:\n" + _stacks_and_kill(child))
    return child.stdout.readline()


def _stacks_and_kill(child: subprocess.Popen[str]) -> str:
    """Every process of the child's group dumps its threads' stacks (faulthandler on SIGUSR1), then dies."""
    assert child.stderr is not None
    os.killpg(child.pid, signal.SIGUSR1)
    time.sleep(2)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    return child.stderr.read()


@pytest.mark.slow
def test_ctrl_c_while_workers_parse_rolls_back_without_tracebacks(tmp_path: Path) -> None:
    db_path = database_with_fixture(tmp_path)
    before = snapshot(db_path)
    export = benchmark_module().write_export(
        tmp_path / "Complete_LinkedInDataExport_c.zip", 200, 2000, seed=5
    )
    with subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_CHILD, str(db_path), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, as a terminal's foreground job is
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        first = _line_within(child, 120)
        assert first.startswith("stretch"), first  # a worker is parsing
        os.killpg(child.pid, signal.SIGINT)  # Ctrl-C reaches the whole group, workers included
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the interrupted import hung; every process's stacks:\n" + _stacks_and_kill(child))
        errors = child.stderr.read()
    assert child.returncode == 130
    assert errors.strip() == "Error: interrupted; nothing was written"  # no worker's traceback
    assert subprocess.run(["pgrep", "-g", str(child.pid)], capture_output=True).stdout == b""
    assert snapshot(db_path) == before
