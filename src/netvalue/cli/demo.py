"""``netvalue demo``: build a database from the bundled, invented export and show the report."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from netvalue.app.demo import build_demo, db_named_by_environment, demo_db_path
from netvalue.cli.app import console, emit_json, json_option, main
from netvalue.cli.report import render_report


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
    built = build_demo(path, fresh=fresh)
    if as_json:
        emit_json(built.to_json())
        return
    for item in built.imports:
        console.print(f"Imported {item.source:<9} {Path(item.path).name}: {item.totals['added']:,} added")
    console.print(f"Demo database: {path}\n")
    render_report(built.report)
    console.print("\nNext, on the demo database (its export ends on 2026-11-15):")
    for line in demo_hints(path, explicit=ctx.find_root().obj.get("db_path") is not None):
        console.print(f"  {line}", soft_wrap=True)


def demo_hints(path: Path, *, explicit: bool) -> list[str]:
    """Commands to try next, each whole: every one names the demo database (``--db``), unless
    ``$NETVALUE_DB`` already points there, so each works when pasted into a fresh shell."""
    db = "" if not explicit and db_named_by_environment() else f"--db {shlex.quote(str(path))} "
    return [
        f"netvalue {db}ties --as-of 2026-11-16 --limit 20",
        f"netvalue {db}triage --as-of 2026-11-16",
        f"netvalue {db}plan --as-of 2026-11-16",
        f"netvalue {db}serve",
    ]
