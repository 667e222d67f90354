"""``status``, ``people``, ``note``, ``tag``, ``forget``: what is in the database, and the user's own data."""

from __future__ import annotations

import click
from rich.table import Table

from netvalue.app import people as people_app
from netvalue.app.moments import iso
from netvalue.cli.app import (
    console,
    emit_json,
    format_day,
    json_option,
    limit_option,
    main,
    no_limit_if_zero,
    open_db,
)
from netvalue.cli.tables import Column, fitted_table

TABLE_ROWS = 200
"""People the ``people`` table shows unless asked for more (ours: rich draws a table at ~0.4 ms a row, so
30,000 connections took 25 s; a terminal shows a few dozen rows anyway)."""


COUNT_MEANINGS = {
    "people": "everyone netvalue knows of, one per human",
    "connections": "people you are connected to on a platform (LinkedIn, mutual follows...)",
    "messages": "chat messages: LinkedIn, WhatsApp, Facebook, X (one to several people counts once)",
    "emails": "e-mails, from their headers (one to several people counts once)",
    "meetings": "calendar events with attendees",
    "invitations": "connection requests, sent and received",
    "endorsements": "LinkedIn endorsements, given and received",
    "recommendations": "LinkedIn recommendations, given and received",
    "interactions": "all of the above, once per person involved",
}
"""What each count of ``status`` is: a mailbox alone shows ``messages 0`` beside ``emails 1,385``."""


@main.command()
@json_option
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """The database path, schema version, imports so far, and what it holds.

    \b
    Example:
      netvalue status --json
    """
    with open_db(ctx) as db:
        found = people_app.status(db)
    if as_json:
        emit_json(found.to_json())
        return
    console.print(f"[bold]Database[/] {found.database}  (schema version {found.schema_version})")
    table = Table("what", "count", "meaning", title="Holds")
    for key, value in found.counts.items():
        table.add_row(key, f"{value:,}", COUNT_MEANINGS.get(key, ""))
    console.print(table)
    imports = Table("id", "source", "file", "finished", title="Imports")
    for run in found.imports:
        imports.add_row(str(run.id), run.source, run.file_name, iso(run.finished_at) or "")
    console.print(imports)


@main.command()
@click.option(
    "--search",
    "-s",
    default=None,
    help="Only people whose name, company, position, tag or identity contains TEXT.",
)
@limit_option("people")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help=f"Show everyone in the table (it shows {TABLE_ROWS} unless asked).",
)
@click.option(
    "--machines", "list_machines", is_flag=True, help="List the e-mail senders kept out as machines, and why."
)
@click.option(
    "--machine", "machines", multiple=True, metavar="ADDRESS", help="Say ADDRESS is a machine (repeatable)."
)
@click.option(
    "--person", "persons", multiple=True, metavar="ADDRESS", help="Say ADDRESS is a person (repeatable)."
)
@json_option
@click.pass_context
def people(
    ctx: click.Context,
    search: str | None,
    limit: int | None,
    show_all: bool,
    list_machines: bool,
    machines: tuple[str, ...],
    persons: tuple[str, ...],
    as_json: bool,
) -> None:
    """People with company, position, connected-on, messages sent/received and last contact, by name.

    The table shows the first 200 unless --limit or --all says otherwise; --json gives everyone.
    E-mail senders judged to be machines (lists, newsletters, systems) are not people: --machines lists
    them with the evidence; --person ADDRESS and --machine ADDRESS overrule the judgement either way (kept
    across imports).

    \b
    Example:
      netvalue people --search acme
      netvalue people --machines
      netvalue people --person jane@newsletter.example --machine alerts@bank.example
    """
    if machines or persons or list_machines:
        from netvalue.cli.email import override_machines, show_machines  # here: it loads the importers

        if machines or persons:
            override_machines(ctx, machines, persons, as_json)
        else:
            show_machines(ctx, as_json)
        return
    shown = TABLE_ROWS if limit is None and not show_all and not as_json else no_limit_if_zero(limit)
    with open_db(ctx) as db:
        found = people_app.people_list(db, search=search, limit=shown)
    if as_json:
        emit_json(found.to_json())
        return
    rows, total = found.people, found.total
    columns = (
        Column("id", justify="right"),
        Column("name", max_width=24),
        Column("company", priority=1, max_width=20),
        Column("position", priority=4, max_width=24),
        Column("connected", priority=5),
        Column("sent", priority=2, justify="right"),
        Column("recv", priority=2, justify="right"),
        Column("last contact", priority=3),
        Column("tags / notes", priority=6, wrap=True, min_width=16),
    )
    cells = []
    for r in rows:
        extra = ", ".join(r.tags)
        if r.notes:
            extra = (extra + " · " if extra else "") + r.notes[-1][:40]
        cells.append(
            (
                str(r.id),
                r.name,
                r.company or "",
                r.position or "",
                format_day(r.connected_on),
                f"{r.sent:,}",
                f"{r.received:,}",
                format_day(r.last_contact),
                extra,
            )
        )
    table = fitted_table(columns, cells, width=console.width)
    console.print(table)
    if total > len(rows):
        console.print(
            f"{len(rows):,} of {total:,} people shown (by name): narrow with --search, or show more with"
            " --limit N or --all"
        )
    else:
        console.print(f"{len(rows):,} people")


@main.command()
@click.argument("person")
@click.argument("text")
@click.pass_context
def note(ctx: click.Context, person: str, text: str) -> None:
    """Add a note to PERSON (an id, profile URL, e-mail address or name).  Notes are yours: no import
    ever changes them.

    \b
    Example:
      netvalue note "Jane Doe" "met at PyCon; wants intros to fintech founders"
    """
    with open_db(ctx) as db:
        pid = people_app.find_person(db, person)
        people_app.note_person(db, pid, text)
        console.print(f"Noted for {people_app.person_name(db, pid)} (id {pid}).")


@main.command()
@click.argument("person")
@click.argument("tag")
@click.option("--remove", is_flag=True, help="Remove the tag instead of adding it.")
@click.pass_context
def tag(ctx: click.Context, person: str, tag: str, remove: bool) -> None:
    """Tag PERSON with TAG (yours: kept through every re-import).

    \b
    Example:
      netvalue tag jane@example.com mentor
    """
    with open_db(ctx) as db:
        pid = people_app.find_person(db, person)
        name = people_app.person_name(db, pid)
        if remove:
            done = people_app.untag_person(db, pid, tag)
            console.print(f"Removed {tag!r} from {name}." if done else f"{name} had no tag {tag!r}.")
        else:
            done = people_app.tag_person(db, pid, tag)
            console.print(f"Tagged {name} {tag!r}." if done else f"{name} already had the tag {tag!r}.")


@main.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def forget(ctx: click.Context, person: str, yes: bool) -> None:
    """Remove PERSON and everything about them.  A later re-import does not bring them back unless it is
    run with --include-forgotten.

    \b
    Example:
      netvalue forget "John Smith" --yes
    """
    with open_db(ctx) as db:
        pid = people_app.find_person(db, person)
        name = people_app.person_name(db, pid)
        if not yes and not click.confirm(
            f"Forget {name} (id {pid}) and everything about them?", default=False
        ):
            console.print("Nothing forgotten.")
            return
        people_app.forget_person(db, pid)
        console.print(f"Forgot {name}.")
