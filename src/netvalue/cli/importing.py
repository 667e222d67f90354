"""``netvalue import [SOURCE] PATH``: read an export into the database, with progress and a summary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from netvalue.cli.app import command_hint, console, emit_json, err_console, main, open_db
from netvalue.cli.tables import Column, fitted_table
from netvalue.importers import IMPORTERS, ImportOptions
from netvalue.importing import run_import
from netvalue.store.ingest import ImportReport
from netvalue.store.status import pending_matches

SOURCE_ALIASES: dict[str, str] = {
    "mbox": "email",
    "eml": "email",
    "maildir": "email",
    "mail": "email",
    "gmail": "email",
    "ics": "calendar",
    "ical": "calendar",
    "icalendar": "calendar",
    "vcf": "vcard",
    "contacts": "vcard",
    "x": "twitter",
}
"""The names people use for a source (a file's extension, the format's name): ``netvalue import mbox FILE``
runs ``netvalue import email FILE``."""


class ImportGroup(click.Group):
    """``netvalue import SOURCE PATH``, and ``netvalue import PATH`` that detects the source.

    SOURCE may also be one of :data:`SOURCE_ALIASES`; a first argument that is neither a source nor an
    existing path but looks like a misspelt source is answered with the sources and a "did you mean"."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, SOURCE_ALIASES.get(cmd_name.lower(), cmd_name))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        positional = [a for a in args if not a.startswith("-")]
        first = positional[0] if positional else None
        if first is not None and self.get_command(ctx, first) is None:
            looks_like_a_name = not any(c in first for c in "./\\~")  # a path has one of these
            if (
                not Path(first).exists()
                and looks_like_a_name
                and (len(positional) > 1 or self._near(ctx, first))
            ):
                near = self._near(ctx, first)
                hint = f"Did you mean {' or '.join(near)}? " if near else ""
                raise click.UsageError(
                    f"{first!r} is not a source netvalue knows. {hint}Sources: {', '.join(self._sources(ctx))} "
                    f"(also {', '.join(sorted(SOURCE_ALIASES))}); or give only the PATH and netvalue detects "
                    "the source.",
                    ctx,
                )
            args = ["auto", *args]
        return super().parse_args(ctx, args)

    def _sources(self, ctx: click.Context) -> list[str]:
        return [name for name in self.list_commands(ctx) if not self.commands[name].hidden]

    def _near(self, ctx: click.Context, name: str) -> list[str]:
        import difflib

        known = [*self._sources(ctx), *SOURCE_ALIASES]
        found = difflib.get_close_matches(name.lower(), known, n=2, cutoff=0.7)
        return list(dict.fromkeys(f"{n} ({SOURCE_ALIASES[n]})" if n in SOURCE_ALIASES else n for n in found))


def _strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["netvalue.strict"] = value


def import_options(func: Any) -> Any:
    func = click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=_strict,
        help="Stop at the first file that cannot be read, writing nothing (by default it is skipped and "
        "listed, and the other files are imported).",
    )(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(func)
    func = click.option(
        "--include-forgotten", is_flag=True, help="Bring back people you told netvalue to forget."
    )(func)
    func = click.option("--force", is_flag=True, help="Parse files again even when they are unchanged.")(func)
    return func


@main.group(cls=ImportGroup, name="import")
def import_() -> None:
    """Import an export: netvalue import SOURCE PATH, or netvalue import PATH to detect the source.

    SOURCE may also be named as people do: mbox, eml, maildir (email), ics (calendar), vcf (vcard).
    In a folder or zip of many files, a file that cannot be read is skipped and listed, and the others
    are imported (--strict stops at it instead, writing nothing).

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
    opts = replace(options, strict=bool(ctx.meta.get("netvalue.strict")))
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
        waiting = pending_matches(db)
    if as_json:
        emit_json({**report.as_dict(), "matches_to_review": waiting})
    else:
        render_import_report(report)
        render_import_footer(report, waiting)
    return report


IMPORT_CAPTION = (
    "read: the file's rows (connections, messages, events, cards).  added / updated: the people and "
    "interactions written (a message to three people is three interactions, so added can exceed read).  "
    "skipped: rows with nothing to use, with why in the last column."
)


SUMMARY_FILES = 50
"""The import summary lists at most this many files, those with something to say first [ours]."""


def render_import_report(report: ImportReport) -> None:
    columns = (
        Column("file", max_width=32),
        Column("read", justify="right"),
        Column("added", justify="right"),
        Column("updated", priority=1, justify="right"),
        Column("skipped", justify="right"),
        Column("", wrap=True, min_width=18),
    )
    cells: list[tuple[str, ...]] = []
    # the files that say something first (unreadable, skipped rows, notes), then the rest, up to a screenful:
    # an export of 20,000 files made a table rich took 25 s to draw (issue 17)
    files = report.files
    if len(files) > SUMMARY_FILES:
        files = sorted(files, key=lambda f: (not f.unreadable, not (f.skipped or f.note), f.ignored))
    shown, hidden = files[:SUMMARY_FILES], files[SUMMARY_FILES:]
    for f in shown:
        if f.unreadable:
            cells.append(
                (escape(f.name), "", "", "", "", f"[bold red]could not be read[/], skipped: {escape(f.note)}")
            )
        elif f.ignored:
            why = f": {f.note}" if f.note and f.note != "not used" else ""
            cells.append((f"[dim]{escape(f.name)}[/]", "", "", "", "", f"[dim]not used{escape(why)}[/]"))
        else:
            why = ", ".join(f"{n:,} {reason}" for reason, n in f.skip_reasons.items())
            parts = [
                "unchanged since last import" if f.unchanged else f.note,
                f"skipped: {why}" if why else "",
            ]
            note = escape("; ".join(p for p in parts if p))
            cells.append(
                (escape(f.name), f"{f.rows:,}", f"{f.added:,}", f"{f.updated:,}", f"{f.skipped:,}", note)
            )
    if hidden:
        rows = sum(f.rows for f in hidden)
        cells.append(
            (f"[dim]and {len(hidden):,} more files[/]", f"{rows:,}", "", "", "", "[dim]--json lists every file[/]")
        )
    totals = report.totals
    cells.append(
        (
            "[bold]total[/]",
            f"{totals['rows']:,}",
            f"{totals['added']:,}",
            f"{totals['updated']:,}",
            f"{totals['skipped']:,}",
            f"{report.seconds:.1f} s",
        )
    )
    table = fitted_table(
        columns,
        cells,
        width=console.width,
        title=f"Imported {report.source}: {escape(report.path)}",
        caption=IMPORT_CAPTION,
    )
    console.print(table)
    for line in report.notes:
        console.print(f"  {line}", highlight=False, markup=False)


def render_import_footer(report: ImportReport, waiting: int) -> None:
    """What the import leaves to do: the files it could not read, the matches waiting for review."""
    unreadable = report.unreadable
    if unreadable:
        files = "file" if len(unreadable) == 1 else "files"
        console.print(
            f"{len(unreadable):,} {files} could not be read and {'was' if len(unreadable) == 1 else 'were'} "
            "skipped (listed above); everything else was imported.  Fix or remove them and import again "
            "(unchanged files are not read twice), or use --strict to stop at the first."
        )
    if waiting:
        console.print(
            f"{waiting:,} possible {'match waits' if waiting == 1 else 'matches wait'} for your decision: "
            + command_hint("review")
        )


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
