"""The root ``netvalue`` command, its global options, and the one place where library errors become
``Error: <what to do>`` with exit code 1 (``--debug`` shows the traceback instead)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from netvalue import __version__
from netvalue.errors import NetvalueError, UsageError
from netvalue.store import Database, default_db_path

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class NetvalueGroup(click.Group):
    """A click group that turns :class:`NetvalueError` into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NetvalueError as exc:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; nothing was written", err=True)
            ctx.exit(130)


@click.group(cls=NetvalueGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The database file (default: $NETVALUE_DB, else netvalue.db in your user data folder).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(__version__, prog_name="netvalue")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, debug: bool) -> None:
    """netvalue: which of your contacts are real relationships, what your network is worth, and
    what to do this week.  Local-first: your data stays in one SQLite file on this machine.

    \b
    Example:
      netvalue import linkedin ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip
      netvalue report
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path


def db_path_of(ctx: click.Context) -> Path:
    path = ctx.find_root().obj.get("db_path") if ctx.find_root().obj else None
    return Path(path) if path is not None else default_db_path()


@contextmanager
def open_db(ctx: click.Context | None = None) -> Iterator[Database]:
    """The database named by ``--db`` / ``$NETVALUE_DB`` / the user data folder, migrated."""
    context = ctx or click.get_current_context()
    db = Database.open(db_path_of(context))
    try:
        yield db
    finally:
        db.close()


@contextmanager
def working(what: str) -> Iterator[None]:
    """A spinner and the time elapsed on stderr while ``what`` is done: the commands that analyse the whole
    network take seconds on a large one (``plan`` 5.8 s, ``communities`` 4.5 s, ``report`` 2.6 s on
    30,000 connections and 300,000 messages).  Nothing when stderr is not a terminal (a pipe, a test), so
    ``--json`` and logs stay clean; the line is erased when the work ends."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        progress.add_task(what, total=None)
        yield


def emit_json(data: object) -> None:
    """Print ``data`` as JSON on stdout (the ``--json`` form of every reporting command)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "as_dict"):
        return value.as_dict()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def parse_as_of(value: str | None) -> int:
    """``--as-of DATE`` (``YYYY-MM-DD`` or ISO date-time, UTC) as epoch seconds; default now.
    A date means the end of that day."""
    if value is None:
        return int(time.time())
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(days=1)
        else:
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD") from None
    return int(moment.timestamp())


def as_of_option(func: Any) -> Any:
    return click.option(
        "--as-of",
        "as_of",
        default=None,
        metavar="DATE",
        help="Judge the network as it stood at DATE (YYYY-MM-DD), using only what happened before.",
    )(func)


def json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def format_day(epoch: int | None) -> str:
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")


def format_as_of(moment: int) -> str:
    """The day an as-of moment stands for: ``--as-of D`` is the end of D (midnight after it)."""
    return format_day(moment - 1)


def warn_if_stale(age: Any) -> None:
    """Say once, on stderr, when the newest evidence is more than 90 days older than the as-of date
    (``report.ties.EvidenceAge``), and which ``--as-of`` shows the network as the record last saw it."""
    if age.stale and age.newest is not None:
        years = (age.as_of - age.newest) / (365.25 * 86_400)
        span = f"{years:.0f} years" if years >= 2 else f"{(age.as_of - age.newest) // 86_400:,} days"
        err_console.print(
            f"[yellow]Note:[/] your newest evidence is from {format_day(age.newest)}, {span} before "
            f"{format_as_of(age.as_of)}: every \"last 12 months\" below counts from a time the record never "
            f"reached. To see the network as the record last saw it, add --as-of {format_day(age.newest)}."
        )


def iso(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat().replace("+00:00", "Z")


def is_interactive() -> bool:
    return sys.stdin.isatty()
