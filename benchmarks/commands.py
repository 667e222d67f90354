"""Every command's wall time as a whole process, on the demo database, beside ``python -c "import sqlite3"``.

What a user waits for is the whole process: the interpreter's start, the imports, the work, the exit.
So each command runs as ``python -m netvalue --db DEMO ...`` in a fresh subprocess (stdout and stderr
to a pipe, so no spinner), ``--repeats`` times; the median is printed beside the floor measured in the
same run, ``python -c "import sqlite3"`` (an interpreter that starts and does nothing of ours).

The demo database is built first in a temporary folder (``netvalue demo``, timed too).  Commands that
write (note, tag, rate, give, ask, done, forget, import) run on that scratch copy; each
repeat of them writes again, which is what a user doing it twice would see.  ``serve`` is timed to the
moment it prints its URL (then stopped).

Usage: python benchmarks/commands.py [--repeats 3] [--only version help ties ...]
Targets (issue 16): ``--version`` and ``--help`` under 0.25 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2026-11-16"


def commands(db: Path, demo_zip: Path) -> list[tuple[str, list[str]]]:
    """(label, arguments after ``netvalue``) for every command, in the order of ``netvalue --help``."""
    d = ["--db", str(db)]
    return [
        ("--version", ["--version"]),
        ("--help", ["--help"]),
        ("demo", ["--db", str(db.with_name("demo-again.db")), "demo"]),
        ("import (unchanged)", [*d, "import", "linkedin", str(demo_zip)]),
        ("status", [*d, "status"]),
        ("report", [*d, "report", "--as-of", AS_OF]),
        ("ties", [*d, "ties", "--as-of", AS_OF, "--limit", "20"]),
        ("value", [*d, "value", "--as-of", AS_OF]),
        ("people", [*d, "people"]),
        ("person", [*d, "person", "1"]),
        ("communities", [*d, "communities", "--as-of", AS_OF]),
        ("brokerage", [*d, "brokerage", "--as-of", AS_OF]),
        ("hangouts", [*d, "hangouts", "--as-of", AS_OF]),
        ("graph export", [*d, "graph", "export", "--format", "json", "--as-of", AS_OF]),
        ("explain", [*d, "explain", "ties"]),
        ("plan", [*d, "plan", "--as-of", AS_OF]),
        ("plan history", [*d, "plan", "history"]),
        ("done", [*d, "done", "2", "--outcome", "replied"]),
        ("triage", [*d, "triage", "--as-of", AS_OF]),
        ("purpose show", [*d, "purpose", "show"]),
        ("give", [*d, "give", "3", "intro"]),
        ("ask", [*d, "ask", "3", "advice"]),
        ("ledger", [*d, "ledger"]),
        ("rate", [*d, "rate", "4", "4"]),
        ("model", [*d, "model", "--as-of", AS_OF]),
        ("note", [*d, "note", "5", "benchmark note"]),
        ("tag", [*d, "tag", "5", "benchmark"]),
        ("review --list", [*d, "review", "--list"]),
        ("resolve", [*d, "resolve"]),
        ("settings", [*d, "settings"]),
        ("serve (to its URL)", [*d, "serve", "--no-browser"]),
        ("forget", [*d, "forget", "{repeat}", "--yes"]),  # a different person each time: 300, 301, ...
    ]


def run_once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    if args[:1] == ["serve"] or "serve" in args[-2:]:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        seconds = time.perf_counter() - start
        proc.terminate()
        proc.wait(timeout=30)
        if not line.startswith("http"):
            raise SystemExit(f"serve printed {line!r}, not its URL")
        return seconds
    result = subprocess.run(args, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise CommandFailed(result.stderr.decode(errors="replace").strip().splitlines()[-1:])
    return seconds


class CommandFailed(Exception):
    """A command exited non-zero (an older version without it, say): reported, and the run goes on."""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        help="Only these commands, without dashes (e.g. version help ties).",
    )
    args = parser.parse_args()
    from netvalue.demo import demo_files

    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NETVALUE_DB", None)
    python = [sys.executable]
    netvalue = [sys.executable, "-m", "netvalue"]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        built = run_once([*netvalue, "--db", str(db), "demo"], env)
        demo_zip = next(f for f in demo_files() if f.suffix == ".zip")
        floor = [run_once([*python, "-c", "import sqlite3"], env) for _ in range(max(args.repeats, 5))]
        base = statistics.median(floor)
        print(
            f"netvalue commands as whole processes, median of {args.repeats} (demo database built in {built:.2f} s)"
        )
        print(f"{'command':<22} {'seconds':>8} {'x floor':>8}")
        print(f"{'python -c sqlite3':<22} {base:8.3f} {1:8.1f}")
        for label, rest in commands(db, demo_zip):
            if args.only and label.split()[0].lstrip("-") not in args.only:
                continue
            try:
                times = [
                    run_once([*netvalue, *(a.replace("{repeat}", str(300 + n)) for a in rest)], env)
                    for n in range(args.repeats)
                ]
            except CommandFailed as exc:
                print(f"{label:<22} {'failed':>8}  {' '.join(exc.args[0])}", flush=True)
                continue
            seconds = statistics.median(times)
            target = "  (target < 0.25 s)" if label in ("--version", "--help") else ""
            print(f"{label:<22} {seconds:8.3f} {seconds / base:8.1f}{target}", flush=True)


if __name__ == "__main__":
    main()
