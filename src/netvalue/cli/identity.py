"""``person``, ``merge``, ``split``, ``review``, ``resolve``: one person per human, and the user's say in it."""

from __future__ import annotations

import click
from rich.table import Table

from netvalue.app import identity as identity_app
from netvalue.app import people as people_app
from netvalue.cli.app import (
    command_hint,
    console,
    decision_and_id,
    emit_json,
    format_day,
    json_option,
    limit_option,
    main,
    no_limit_if_zero,
    open_db,
    working,
)
from netvalue.errors import UsageError


@main.command()
@click.argument("person")
@limit_option("timeline entries", default=30)
@json_option
@click.pass_context
def person(ctx: click.Context, person: str, limit: int, as_json: bool) -> None:
    """One person: identities, sources, connections, positions, your notes and tags, and a timeline of
    interactions across every source.  PERSON is an id, profile URL, e-mail address or name.

    \b
    Example:
      netvalue person "Jane Doe"
      netvalue person jane@example.com --json
    """
    with open_db(ctx) as db:
        pid = people_app.find_person(db, person)
        found = people_app.person_profile(
            db, pid, timeline_limit=None if as_json else no_limit_if_zero(limit)
        )
    if as_json:
        emit_json(found.to_json())
        return
    _render_person(found)


def _render_person(found: people_app.PersonProfile) -> None:
    title = " · ".join(x for x in (found.position, found.company) if x)
    console.print(f"[bold]{found.name}[/] (id {found.id}){'  ' + title if title else ''}")
    console.print(f"Sources: {', '.join(found.sources) or 'none'}")
    table = Table("kind", "identity", "source", title="Identities")
    for i in found.identities:
        table.add_row(i.kind, i.value, i.source)
    console.print(table)
    for c in found.connections:
        console.print(f"Connected on {c.source} ({c.relation}) {format_day(c.connected_on)}")
    if found.positions:
        positions = Table("company", "position", "source", "seen", title="Positions")
        for p in found.positions:
            seen = f"{format_day(p.first_seen)} – {format_day(p.last_seen)}"
            positions.add_row(p.company or "", p.position or "", p.source, seen)
        console.print(positions)
    if found.tags:
        console.print(f"Tags: {', '.join(found.tags)}")
    for n in found.notes:
        console.print(f"Note ({format_day(n.created_at)}): {n.text}")
    for m in found.pending_matches:
        console.print(
            f"Maybe the same as person {m.person_id} ({m.confidence:.2f}): "
            + command_hint(f"review accept {m.match_id}")
        )
    timeline = Table("when", "source", "kind", "direction", "title", title="Timeline (newest first)")
    for t in found.timeline:
        others = t.group_size - 1
        group = f" (with {others} other{'s' if others != 1 else ''})" if others > 0 else ""
        timeline.add_row(
            format_day(t.occurred_at) or "unknown", t.source, t.kind, t.direction, (t.title or "") + group
        )
    console.print(timeline)
    counts = ", ".join(f"{k}: {v}" for k, v in found.interactions_by_source.items())
    console.print(f"Interactions by source: {counts or 'none'}")


@main.command()
@click.argument("a")
@click.argument("b")
@click.pass_context
def merge(ctx: click.Context, a: str, b: str) -> None:
    """Merge two people into one (the older id stays).  Your decision is kept: no re-import or
    re-resolution separates them.

    \b
    Example:
      netvalue merge "Bob Smith" robert.smith@acme.com
    """
    with open_db(ctx) as db:
        pa, pb = people_app.find_person(db, a), people_app.find_person(db, b)
        names = people_app.person_name(db, pa), people_app.person_name(db, pb)
        keep = identity_app.merge_people(db, pa, pb)
        console.print(f"Merged {names[0]} (id {pa}) and {names[1]} (id {pb}) into id {keep}.")


@main.command()
@click.argument("person")
@click.option(
    "--identity",
    "identities",
    multiple=True,
    metavar="KIND:VALUE",
    help="An identity to move to the new person (repeat it).  Default: every identity not from the "
    "person's most trusted source.",
)
@click.pass_context
def split(ctx: click.Context, person: str, identities: tuple[str, ...]) -> None:
    """Split PERSON in two: the chosen identities (with the interactions of sources only they came from)
    move to a new person.  Your decision is kept: no re-import or re-resolution joins them again.

    \b
    Example:
      netvalue split "John Smith" --identity email:john.smith@gmail.com
    """
    with open_db(ctx) as db:
        pid = people_app.find_person(db, person)
        new_id, moved = identity_app.split_person(db, pid, list(identities) or None)
        console.print(
            f"Split {people_app.person_name(db, pid)} (id {pid}): "
            f"moved {', '.join(str(i) for i in moved)} to the new person {new_id}."
        )


@main.command()
@click.argument("action", required=False, metavar="[accept|reject]")
@click.argument("match_id", required=False, metavar="[ID]")
@click.option("--list", "list_only", is_flag=True, help="List the queued matches and stop.")
@json_option
@click.pass_context
def review(
    ctx: click.Context, action: str | None, match_id: str | None, list_only: bool, as_json: bool
) -> None:
    """Review matches that resolution was not sure enough to merge: accept (merge) or reject (keep apart
    for good).  Without arguments, asks about each in turn.  (ID first, as in `netvalue review 12
    accept`, works too.)

    \b
    Example:
      netvalue review
      netvalue review --list --json
      netvalue review accept 12
      netvalue review reject 13
    """
    if action is not None:
        if match_id is None:
            raise UsageError(f"give the id of the match too: netvalue review {action} ID")
        action, raw_id = decision_and_id(("accept", "reject"), action, match_id)
        if not raw_id.isdecimal():
            raise UsageError(f"{raw_id!r} is not a match id; netvalue review --list shows them")
        number = int(raw_id)
        with open_db(ctx) as db:
            if action == "accept":
                keep = identity_app.accept_match(db, number)
                console.print(f"Accepted match {number}: merged into person {keep}.")
            else:
                identity_app.reject_match(db, number)
                console.print(f"Rejected match {number}: they stay apart.")
        return
    with open_db(ctx) as db:
        queue = identity_app.review_queue(db)
        if as_json:
            emit_json(queue.to_json())
            return
        if list_only:
            _render_queue(queue.matches)
            return
        if not queue.matches:
            console.print("Nothing to review.")
            return
        for match in queue.matches:
            if identity_app.queued_matches(db, match.id) == []:
                continue  # an earlier answer merged one of these people
            _render_queue((match,))
            answer = click.prompt(
                "Same person? [a]ccept / [r]eject / [s]kip / [q]uit",
                type=click.Choice(["a", "r", "s", "q"]),
                default="s",
                show_choices=False,
            )
            if answer == "q":
                break
            if answer == "a":
                identity_app.accept_match(db, match.id)
            elif answer == "r":
                identity_app.reject_match(db, match.id)


def _render_queue(queue: tuple[identity_app.QueuedMatch, ...]) -> None:
    table = Table("id", "confidence", "person", "identities", "why", title="Queued matches")
    for m in queue:
        table.add_row(
            str(m.id),
            f"{m.confidence:.2f}",
            f"{m.a_name} ({m.a_id})\n{m.b_name} ({m.b_id})",
            f"{', '.join(m.a_identities[:3])}\n{', '.join(m.b_identities[:3])}",
            "; ".join(m.reasons),
        )
    console.print(table)
    console.print(f"{len(queue):,} queued")


@main.command()
@json_option
@click.pass_context
def resolve(ctx: click.Context, as_json: bool) -> None:
    """Re-run identity resolution by hand (every import runs it): apply your decisions, merge sure
    matches, queue the unsure ones for `netvalue review`.

    \b
    Example:
      netvalue resolve --json
    """
    with open_db(ctx) as db, working("Resolving identities"):
        report = identity_app.resolve_identities(db)
    if as_json:
        emit_json(report.as_dict())
        return
    console.print(
        f"{report.people_before:,} people -> {report.people_after:,}: {report.merged:,} merged automatically, "
        f"{report.user_merges:,} of your merges redone, {report.queued:,} queued for review "
        f"({report.compared:,} pairs compared in {report.seconds:.2f} s)."
    )
