"""``netvalue demo``: build a database from the bundled, invented export and show the report."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click

from netvalue.app.network import network_report
from netvalue.cli.app import console, emit_json, json_option, main
from netvalue.cli.report import render_report
from netvalue.demo import demo_files
from netvalue.demo.generate import EXPORT_DATE
from netvalue.importers import IMPORTERS
from netvalue.importing import run_import
from netvalue.recommend.purpose import make_purpose, purpose_path, save_purpose
from netvalue.store import Database
from netvalue.store.database import ENV_VAR, default_db_path
from netvalue.store.ingest import ImportReport

_SOURCES = {".zip": "linkedin", ".mbox": "email", ".ics": "calendar"}


def demo_db_path(explicit: Path | None) -> Path:
    """``--db`` or ``$NETVALUE_DB`` when given; else ``demo.db`` beside the default database, so the demo
    never touches your real one."""
    if explicit is not None:
        return explicit
    if os.environ.get(ENV_VAR):
        return default_db_path()
    return default_db_path().with_name("demo.db")


@main.command()
@click.option("--fresh", is_flag=True, help="Delete the demo database first and build it anew.")
@json_option
@click.pass_context
def demo(ctx: click.Context, fresh: bool, as_json: bool) -> None:
    """Build a demo database from a bundled, invented export (a LinkedIn zip, a mailbox and a calendar
    of about 320 people) and print the report.  No network access; nothing outside the data folder.

    \b
    Example:
      netvalue demo
      netvalue --db ~/demo.db demo --fresh
    """
    path = demo_db_path(ctx.find_root().obj.get("db_path"))
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    as_of = int(EXPORT_DATE.timestamp()) + 86_400
    with Database.open(path) as db:
        imported: list[ImportReport] = []
        for file in demo_files():
            source = _SOURCES[file.suffix]
            if source not in IMPORTERS:
                continue
            report = run_import(db, file, source=source)
            imported.append(report)
        data = network_report(db, as_of)
    demo_purpose = purpose_path(path)
    if (
        not demo_purpose.exists()
    ):  # the invented owner is a product manager open to a move (yours stays yours)
        save_purpose(
            demo_purpose,
            make_purpose(
                ("job-search", "learning"),
                roles=("product manager", "head of product"),
                industries=("analytics", "data"),
                keywords=("data products", "pricing"),
            ),
        )
    if as_json:
        emit_json({"database": str(path), "imports": [r.as_dict() for r in imported], "report": data})
        return
    for item in imported:
        console.print(f"Imported {item.source:<9} {Path(item.path).name}: {item.totals['added']:,} added")
    console.print(f"Demo database: {path}\n")
    render_report(data)
    console.print("\nNext, on the demo database (its export ends on 2026-11-15):")
    for line in demo_hints(path, explicit=ctx.find_root().obj.get("db_path") is not None):
        console.print(f"  {line}", soft_wrap=True)


def demo_hints(path: Path, *, explicit: bool) -> list[str]:
    """Commands to try next, each whole: every one names the demo database (``--db``), unless
    ``$NETVALUE_DB`` already points there, so each works when pasted into a fresh shell."""
    db = "" if not explicit and os.environ.get(ENV_VAR) else f"--db {shlex.quote(str(path))} "
    return [
        f"netvalue {db}ties --as-of 2026-11-16 --limit 20",
        f"netvalue {db}triage --as-of 2026-11-16",
        f"netvalue {db}plan --as-of 2026-11-16",
        f"netvalue {db}serve",
    ]
