"""``netvalue import [SOURCE] PATH``: read an export into the database, with progress and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from netvalue.cli.app import console, emit_json, err_console, main, open_db
from netvalue.importers import IMPORTERS, ImportOptions
from netvalue.importing import run_import
from netvalue.store.ingest import ImportReport


class ImportGroup(click.Group):
    """``netvalue import SOURCE PATH``, and ``netvalue import PATH`` that detects the source."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        if first is not None and first not in self.commands:
            args = ["auto", *args]
        return super().parse_args(ctx, args)


def import_options(func: Any) -> Any:
    func = click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(func)
    func = click.option(
        "--include-forgotten", is_flag=True, help="Bring back people you told netvalue to forget."
    )(func)
    func = click.option("--force", is_flag=True, help="Parse files again even when they are unchanged.")(func)
    return func


@main.group(cls=ImportGroup, name="import")
def import_() -> None:
    """Import an export: netvalue import SOURCE PATH, or netvalue import PATH to detect the source.

    \b
    Example:
      netvalue import linkedin ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip
      netvalue import ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip
    """


def run_and_render(
    ctx: click.Context,
    path: Path,
    source: str | None,
    *,
    options: ImportOptions,
    include_forgotten: bool,
    as_json: bool,
) -> ImportReport:
    """Run one import with a progress display and print its summary (shared by every import command)."""
    opts = options
    with (
        open_db(ctx) as db,
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]importing[/] {task.description}"),
            BarColumn(bar_width=None),
            TextColumn("{task.completed:,} records"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=as_json or not err_console.is_terminal,
        ) as progress,
    ):
        task = progress.add_task(path.name, total=None)

        def on_progress(file_name: str, done: int) -> None:
            progress.update(task, completed=done, description=f"{path.name} {file_name}")

        report = run_import(
            db,
            path,
            source=source,
            options=opts,
            include_forgotten=include_forgotten,
            on_progress=on_progress,
        )
    if as_json:
        emit_json(report.as_dict())
    else:
        render_import_report(report)
    return report


def render_import_report(report: ImportReport) -> None:
    table = Table(
        "file",
        "rows read",
        "added",
        "updated",
        "skipped",
        "",
        title=f"Imported {report.source}: {report.path}",
    )
    for f in report.files:
        status = (
            f"skipped: {f.note or 'not used'}"
            if f.ignored
            else "unchanged since last import"
            if f.unchanged
            else f.note
        )
        if f.ignored:
            table.add_row(f.name, "", "", "", "", status, style="dim")
        else:
            table.add_row(f.name, f"{f.rows:,}", f"{f.added:,}", f"{f.updated:,}", f"{f.skipped:,}", status)
    totals = report.totals
    table.add_row(
        "[bold]total[/]",
        f"{totals['rows']:,}",
        f"{totals['added']:,}",
        f"{totals['updated']:,}",
        f"{totals['skipped']:,}",
        f"{report.seconds:.1f} s",
    )
    console.print(table)


@import_.command("auto", hidden=True)
@click.argument("path", type=click.Path(path_type=Path))
@import_options
@click.pass_context
def import_auto(ctx: click.Context, path: Path, force: bool, include_forgotten: bool, as_json: bool) -> None:
    """Import PATH, detecting which kind of export it is."""
    run_and_render(
        ctx,
        path,
        None,
        options=ImportOptions(force=force),
        include_forgotten=include_forgotten,
        as_json=as_json,
    )


def _source_command(source: str, description: str, how_to: str) -> None:
    @import_.command(source, help=f"{description}\n\n{how_to}")
    @click.argument("path", type=click.Path(path_type=Path))
    @import_options
    @click.pass_context
    def command(ctx: click.Context, path: Path, force: bool, include_forgotten: bool, as_json: bool) -> None:
        run_and_render(
            ctx,
            path,
            source,
            options=ImportOptions(force=force),
            include_forgotten=include_forgotten,
            as_json=as_json,
        )

    del command


for _imp in IMPORTERS.values():
    if _imp.source not in import_.commands:
        _source_command(_imp.source, _imp.description, _imp.how_to_export)

# Sources with options of their own define their command in their own module (it replaces the generated one).
from netvalue.cli import email, sources  # noqa: E402, F401
