"""The root ``netvalue`` command, its global options, and the one place where library errors become
``Error: <what to do>`` with exit code 1 (``--debug`` shows the traceback instead).

Start-up costs nothing: the command list and each command's one-line help live in :data:`COMMANDS`,
so ``netvalue --help`` and ``--version`` import click and this module alone; a command's module (and
the analysis, web or parsing stack it needs) is imported only when that command is invoked (issue 16).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from netvalue import __version__
from netvalue.errors import NetvalueError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from netvalue.app.database import Database

    console: Console
    err_console: Console


F = TypeVar("F", bound=Callable[..., Any])


def __getattr__(name: str) -> Any:
    """``console`` and ``err_console``, made on first use: rich costs ~60 ms to import, and neither
    ``--help`` nor ``--version`` prints through it."""
    if name in ("console", "err_console"):
        from rich.console import Console

        made = Console(highlight=False, stderr=name == "err_console")
        globals()[name] = made
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _stderr_console() -> Console:
    """``err_console`` from inside this module (a module's ``__getattr__`` serves only other modules)."""
    made = globals()["err_console"] if "err_console" in globals() else __getattr__("err_console")
    return made  # type: ignore[no-any-return]


class LazyCommand(NamedTuple):
    """A command of :data:`COMMANDS`: the module that defines it, and its line in ``netvalue --help``."""

    module: str
    summary: str


COMMANDS: dict[str, dict[str, LazyCommand]] = {
    "Get your data in": {
        "demo": LazyCommand("demo", "Build a demo database from an invented export and show its report."),
        "import": LazyCommand("importing", "Import an export (LinkedIn, e-mail, calendar, contacts, chats)."),
        "status": LazyCommand("people", "The database, its imports and what it holds."),
    },
    "See your network": {
        "report": LazyCommand("report", "How many of your connections you actually talk to, and more."),
        "ties": LazyCommand("ties", "People ranked by tie strength, with tier and reasons."),
        "value": LazyCommand("ties", "The network's indicative yearly value, with its caveats."),
        "people": LazyCommand("people", "Everyone, with company, position, messages and last contact."),
        "person": LazyCommand("identity", "One person: identities, sources, notes and a timeline."),
        "communities": LazyCommand("structure", "Clusters among your contacts, and what they share."),
        "brokerage": LazyCommand("structure", "Your brokerage position (Burt's structural holes)."),
        "hangouts": LazyCommand("structure", "Where your connections gather: companies, places, schools."),
        "graph": LazyCommand("structure", "Your network as a graph file for Gephi or Cytoscape."),
        "explain": LazyCommand("ties", "Every formula and default, with its source."),
    },
    "Decide and act": {
        "plan": LazyCommand("recommend", "This week's 1-3 people to reach out to, with an opener."),
        "done": LazyCommand("recommend", "Log that you reached out to someone."),
        "triage": LazyCommand("recommend", "Pending connection requests: accept, reach out, or ignore."),
        "purpose": LazyCommand("recommend", "Why you are networking: the goals every advice serves."),
        "give": LazyCommand("recommend", "Record what you gave someone (an intro, advice, ...)."),
        "ask": LazyCommand("recommend", "Record what someone gave you (an intro, advice, ...)."),
        "ledger": LazyCommand("recommend", "Give and take per person: who you owe, who owes you."),
        "serve": LazyCommand("web", "Open the local dashboard in your browser."),
    },
    "Correct and tend": {
        "rate": LazyCommand("ties", "Say how close someone is (1-5); it overrides the score."),
        "model": LazyCommand("ties", "How well the tie-strength models agree with your ratings."),
        "note": LazyCommand("people", "Add a note to someone (yours: no import changes it)."),
        "tag": LazyCommand("people", "Tag someone, or remove a tag."),
        "review": LazyCommand("identity", "Matches resolution was unsure of: accept or reject them."),
        "merge": LazyCommand("identity", "Merge two people into one."),
        "split": LazyCommand("identity", "Split one person in two."),
        "resolve": LazyCommand("identity", "Re-run identity resolution (every import runs it)."),
        "me": LazyCommand("email", "Your own e-mail addresses and delegates: list, add, remove."),
        "forget": LazyCommand("people", "Remove someone and everything about them."),
        "settings": LazyCommand("settings", "Show or change your settings (the value coefficient, ...)."),
    },
    "Work as a team or an organisation": {
        "share": LazyCommand("team", "Write what you agree to share with your team (a Parquet file)."),
        "team": LazyCommand("team", "Pool your team's shares: warm-intro paths, coverage, overlap."),
        "org": LazyCommand("org", "Analyse an organisation's collaboration metadata (DuckDB or Spark)."),
    },
}
"""Every top-level command in the order of the work, by section: ``netvalue --help`` prints this table,
and a command's module (``netvalue.cli.<module>``) is imported only when the command runs."""

_LAZY: dict[str, LazyCommand] = {
    name: entry for section in COMMANDS.values() for name, entry in section.items()
}


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


class LazyGroup(NetvalueGroup):
    """The root group: its commands are loaded from :data:`COMMANDS` when asked for by name, listed
    in the table's order, and ``--help`` prints the table's summaries without importing anything."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*_LAZY, *(name for name in self.commands if name not in _LAZY)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _LAZY:
            import_module(f"netvalue.cli.{_LAZY[cmd_name].module}")  # its decorators register it on main
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint} (netvalue --help lists them)")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        for title, section in COMMANDS.items():
            with formatter.section(title):
                formatter.write_dl([(name, entry.summary) for name, entry in section.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    from netvalue.app.database import default_db_path

    path = ctx.find_root().obj.get("db_path") if ctx.find_root().obj else None
    return Path(path) if path is not None else default_db_path()


@contextmanager
def open_db(ctx: click.Context | None = None) -> Iterator[Database]:
    """The database named by ``--db`` / ``$NETVALUE_DB`` / the user data folder, migrated."""
    from netvalue.app.database import open_database

    context = ctx or click.get_current_context()
    db = open_database(db_path_of(context))
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
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    stderr = _stderr_console()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    ) as progress:
        progress.add_task(what, total=None)
        yield


def command_hint(rest: str) -> str:
    """``netvalue REST`` as a hint to type next, with the ``--db`` this run was given (so the hint works
    when pasted: without it, it would read the default database instead)."""
    import shlex

    root = click.get_current_context(silent=True)
    given = root.find_root().obj.get("db_path") if root is not None and root.find_root().obj else None
    return f"netvalue --db {shlex.quote(str(given))} {rest}" if given is not None else f"netvalue {rest}"


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
    """``--as-of DATE`` (``YYYY-MM-DD`` or ISO date-time, UTC) as epoch seconds; default the end of
    today, UTC (so every run of a day reuses the persisted analysis: ``netvalue.app.persisted``).
    A date means the end of that day."""
    if value is None:
        from netvalue.app.persisted import day_as_of  # numpy: only for commands that judge ties

        return day_as_of(time.time())
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


def limit_option(what: str, default: int | None = None) -> Callable[[F], F]:
    """``--limit N``, alike on every command: at most N ``what``; 0 means no limit."""
    shown = f" (default {default})" if default is not None else ""
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=default,
        metavar="N",
        help=f"Show at most N {what}{shown}; 0: no limit.",
    )


def no_limit_if_zero(limit: int | None) -> int | None:
    """``--limit 0`` means no limit, on every command."""
    return None if limit == 0 else limit


def output_option(func: F) -> F:
    """``-o/--output FILE``, alike on every command that writes a file (default: stdout)."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The file to write (default: stdout).",
    )(func)


def decision_and_id(choices: tuple[str, ...], first: str, second: str) -> tuple[str, str]:
    """``(decision, id)`` from two arguments given in either order: ``review accept 12`` and
    ``review 12 accept`` (likewise ``triage decide``) mean the same; the verb first is the documented form."""
    if first.lower() in choices:
        return first.lower(), second
    if second.lower() in choices:
        return second.lower(), first
    raise UsageError(f"say what to do: {' or '.join(choices)}, and the ID (e.g. {choices[0]} {second})")


def json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def format_day(epoch: int | None) -> str:
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")


def as_of_day(epoch: int) -> str:
    """The day an ``--as-of`` moment stands for: ``--as-of 2026-11-16`` is the end of that day (the
    first second of the 17th), shown as 2026-11-16."""
    return format_day(epoch - 1 if epoch % 86_400 == 0 else epoch)


def warn_if_stale(age: Any) -> None:
    """Say once, on stderr, when the newest evidence is more than 90 days older than the as-of date
    (``report.ties.EvidenceAge``), and which ``--as-of`` shows the network as the record last saw it."""
    if age.stale and age.newest is not None:
        years = (age.as_of - age.newest) / (365.25 * 86_400)
        span = f"{years:.0f} years" if years >= 2 else f"{(age.as_of - age.newest) // 86_400:,} days"
        _stderr_console().print(
            f"[yellow]Note:[/] your newest evidence is from {format_day(age.newest)}, {span} before "
            f'{as_of_day(age.as_of)}: every "last 12 months" below counts from a time the record never '
            f"reached. To see the network as the record last saw it, add --as-of {format_day(age.newest)}."
        )


def is_interactive() -> bool:
    return sys.stdin.isatty()
