"""Every command's wall time as a whole process, on the demo database, beside ``python -c "import sqlite3"``.

What a user waits for is the whole process: the interpreter's start, the imports, the work, the exit.
So each command runs as ``python -m netvalue --db DEMO ...`` in a fresh subprocess (stdout and stderr
to a pipe, so no spinner), ``--repeats`` times; the median is printed beside the floor measured in the
same run, ``python -c "import sqlite3"`` (an interpreter that starts and does nothing of ours).
``PYTHONDONTWRITEBYTECODE`` is dropped from the commands' environment: an installed package has its
bytecode compiled, so a user's command does not compile its modules again on every run.

The demo database is built first in a temporary folder (``netvalue demo``, timed too).  Commands that
write (note, tag, rate, give, ask, done, forget, import) run on that scratch copy; each
repeat of them writes again, which is what a user doing it twice would see.  ``serve`` is timed to the
moment it prints its URL (then stopped).

``--data linkedin`` and ``--data mailbox`` time the reporting commands on a large database instead:
a LinkedIn export of ``--connections`` connections and ``--messages`` messages
(``benchmarks/import_linkedin.write_export``; default 30,000 and 300,000) or a mailbox (default the
Enron mailbox ``allen-p`` of ``../shared/data/enron``, 3,034 messages), imported once.  Each command
runs *cold* (on a copy of the database as the import left it: the first run after an import computes
and stores the analysis) and then *warm* (the median of ``--repeats`` runs that find it stored), and
then a rating followed by ``ties`` (the rating's own time, and ``ties`` after it).  Commands run
without ``--as-of``: the default as-of (the end of today) is what a user gets.

Usage: python benchmarks/commands.py [--repeats 3] [--only version help ties ...]
       python benchmarks/commands.py --data mailbox [--mailbox DIR]
       python benchmarks/commands.py --data linkedin [--connections 30000 --messages 300000]
Targets (issue 16): ``--version`` and ``--help`` under 0.25 s; every reporting command warm under
0.5 s on the mailbox and under 1 s on 30,000 connections; a rating followed by ``ties`` under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2026-11-16"
MAILBOX = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "enron" / "allen-p"
REPORTING: list[tuple[str, list[str]]] = [
    ("status", ["status"]),
    ("report", ["report"]),
    ("ties", ["ties", "--limit", "20"]),
    ("value", ["value"]),
    ("people", ["people"]),
    ("person", ["person", "1"]),
    ("communities", ["communities"]),
    ("brokerage", ["brokerage"]),
    ("hangouts", ["hangouts"]),
    ("graph export", ["graph", "export", "--format", "json"]),
    ("plan", ["plan"]),
    ("triage", ["triage"]),
]
"""The reporting commands timed cold and warm on a large database (no --as-of: the default)."""


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


def floor_seconds(env: dict[str, str], repeats: int) -> float:
    """The median wall time of ``python -c "import sqlite3"``: an interpreter that does nothing of ours."""
    return statistics.median(
        run_once([sys.executable, "-c", "import sqlite3"], env) for _ in range(max(repeats, 5))
    )


def import_large(kind: str, folder: Path, args: argparse.Namespace, env: dict[str, str]) -> Path:
    """A database holding the LinkedIn export or the mailbox, imported once (its time printed)."""
    db = folder / f"{kind}.db"
    netvalue = [sys.executable, "-m", "netvalue", "--db", str(db), "import"]
    if kind == "linkedin":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from import_linkedin import write_export

        export = write_export(folder / "export.zip", args.connections, args.messages)
        what = f"{args.connections:,} connections, {args.messages:,} messages"
        seconds = run_once([*netvalue, "linkedin", str(export)], env)
    else:
        what = f"mailbox {args.mailbox.name}"
        seconds = run_once([*netvalue, "email", str(args.mailbox)], env)
    print(f"imported {what} in {seconds:.1f} s")
    return db


def time_large(kind: str, args: argparse.Namespace, env: dict[str, str]) -> None:
    """Every reporting command cold (first run after the import) and warm, then a rating and ``ties``."""
    target = 1.0 if kind == "linkedin" else 0.5
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        imported = import_large(kind, folder, args, env)
        base = floor_seconds(env, args.repeats)
        db = folder / "run.db"
        print(f"{'command':<22} {'cold':>7} {'warm':>7} {'x floor':>8}  (warm target < {target:g} s)")
        print(f"{'python -c sqlite3':<22} {'':>7} {base:7.3f} {1:8.1f}")
        for label, rest in REPORTING:
            if args.only and label.split()[0] not in args.only:
                continue
            shutil.copy(imported, db)
            command = [sys.executable, "-m", "netvalue", "--db", str(db), *rest]
            try:
                cold = run_once(command, env)
                warm = statistics.median(run_once(command, env) for _ in range(args.repeats))
            except CommandFailed as exc:
                print(f"{label:<22} {'failed':>7}  {' '.join(exc.args[0])}", flush=True)
                continue
            mark = "" if warm < target else "  over target"
            print(f"{label:<22} {cold:7.3f} {warm:7.3f} {warm / base:8.1f}{mark}", flush=True)
        time_rating(db, args.repeats, env)


def time_rating(db: Path, repeats: int, env: dict[str, str]) -> None:
    """``rate`` then ``ties`` (the analysis warm before each rating), each repeat rating another person."""
    netvalue = [sys.executable, "-m", "netvalue", "--db", str(db)]
    ties = [*netvalue, "ties", "--limit", "20"]
    run_once(ties, env)
    rated, after = [], []
    for n in range(repeats):
        rated.append(run_once([*netvalue, "rate", str(10 + n), "4"], env))
        after.append(run_once(ties, env))
    print(f"{'rate':<22} {'':>7} {statistics.median(rated):7.3f}")
    print(f"{'ties after a rating':<22} {'':>7} {statistics.median(after):7.3f}  (target < 0.5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", choices=("demo", "linkedin", "mailbox"), default="demo")
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--mailbox", type=Path, default=MAILBOX)
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
    # An installed netvalue has its bytecode: without it each run compiles every module it imports again
    # (0.1-0.3 s a command here), which a user never waits for.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.data != "demo":
        time_large(args.data, args, env)
        return
    netvalue = [sys.executable, "-m", "netvalue"]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        built = run_once([*netvalue, "--db", str(db), "demo"], env)
        demo_zip = next(f for f in demo_files() if f.suffix == ".zip")
        base = floor_seconds(env, args.repeats)
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
