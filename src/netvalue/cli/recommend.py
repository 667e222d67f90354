"""``purpose``, ``triage``, ``plan``, ``done``, ``give``, ``ask``, ``ledger``: deciding and acting."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, cast

import click
from rich.markup import escape
from rich.table import Table

from netvalue.app import outreach
from netvalue.app import recommend as rec
from netvalue.app.outreach import (
    GOALS,
    LEDGER_KINDS,
    OUTCOMES,
    TARGET_KINDS,
    make_purpose,
    week_start,
)
from netvalue.app.people import find_person, person_name
from netvalue.app.ties import evidence_age
from netvalue.cli.app import (
    as_of_option,
    command_hint,
    console,
    decision_and_id,
    emit_json,
    format_day,
    is_interactive,
    json_option,
    main,
    open_db,
    output_option,
    parse_as_of,
    warn_if_stale,
    working,
)
from netvalue.cli.tables import Column, fitted_table
from netvalue.errors import UsageError
from netvalue.files import write_private

# -- purpose ------------------------------------------------------------------------------------


@main.group()
def purpose() -> None:
    """Why you are networking: goals and targets that every recommendation serves.

    \b
    Example:
      netvalue purpose set --goal job-search --role "data engineer" --industry fintech --place London
      netvalue purpose show
    """


@purpose.command("set")
@click.option("--goal", "goals", multiple=True, type=click.Choice(GOALS), help="A goal (repeatable).")
@click.option("--industry", "industries", multiple=True, help="A target industry (repeatable).")
@click.option("--role", "roles", multiple=True, help="A target role (repeatable).")
@click.option("--company", "companies", multiple=True, help="A target company (repeatable).")
@click.option("--place", "places", multiple=True, help="A target place (repeatable).")
@click.option("--keyword", "keywords", multiple=True, help="A target keyword (repeatable).")
@click.option(
    "--open-to-strangers/--known-only",
    "open_to_strangers",
    default=None,
    help="Whether requests from people you share nothing with may be accepted.",
)
@click.option(
    "--avoid",
    "avoid",
    multiple=True,
    help="A company, person or keyword to avoid: a request matching it is ignored (repeatable).",
)
@click.pass_context
def purpose_set(
    ctx: click.Context,
    goals: tuple[str, ...],
    industries: tuple[str, ...],
    roles: tuple[str, ...],
    companies: tuple[str, ...],
    places: tuple[str, ...],
    keywords: tuple[str, ...],
    open_to_strangers: bool | None,
    avoid: tuple[str, ...],
) -> None:
    """Set your purpose (asks interactively when no option is given).

    For every goal but known-only, triage accepts a request unless there is a solid reason not to (spam,
    a fake or abusive account, or a conflict you name with --avoid); targets turn a match into "accept and
    reach out".  With known-only it accepts only people your data shows you know.

    \b
    Example:
      netvalue purpose set --goal business --industry "renewable energy" --keyword solar --open-to-strangers
      netvalue purpose set --goal job-search --role "Product Manager" --avoid Globex
    """
    given = (
        goals
        or industries
        or roles
        or companies
        or places
        or keywords
        or avoid
        or open_to_strangers is not None
    )
    if not given:
        if not is_interactive():
            raise UsageError("give at least --goal (or run `netvalue purpose set` in a terminal to be asked)")
        answer = click.prompt(f"Goals, comma-separated ({', '.join(GOALS)})", default="job-search")
        goals = tuple(g.strip() for g in answer.split(",") if g.strip())
        lists: dict[str, tuple[str, ...]] = {}
        for kind in TARGET_KINDS:
            text = click.prompt(
                f"Target {kind}, comma-separated (empty for none)", default="", show_default=False
            )
            lists[kind] = tuple(v.strip() for v in text.split(",") if v.strip())
        industries, roles, companies, places, keywords = (lists[k] for k in TARGET_KINDS)
        open_to_strangers = click.confirm(
            "Open to requests from strangers?", default="known-only" not in goals
        )
        text = click.prompt(
            "Companies, people or keywords to avoid, comma-separated (empty for none)",
            default="",
            show_default=False,
        )
        avoid = tuple(v.strip() for v in text.split(",") if v.strip())
    chosen = make_purpose(
        goals,
        industries=industries,
        roles=roles,
        companies=companies,
        places=places,
        keywords=keywords,
        open_to_strangers=open_to_strangers,
        avoid=avoid,
    )
    with open_db(ctx) as db:
        path = outreach.set_purpose(Path(db.path), chosen)
    console.print(f"Purpose saved to {path}: {chosen.label}")


@purpose.command("show")
@json_option
@click.pass_context
def purpose_show(ctx: click.Context, as_json: bool) -> None:
    """Show your purpose.

    \b
    Example:
      netvalue purpose show --json
    """
    with open_db(ctx) as db:
        current = rec.current_purpose(db)
    if as_json:
        emit_json(current.as_dict())
        return
    console.print(f"[bold]Purpose[/] {current.label}")
    for kind in TARGET_KINDS:
        if current.targets(kind):
            console.print(f"  {kind}: {', '.join(current.targets(kind))}")
    console.print(f"  open to strangers: {'yes' if current.open_to_strangers else 'no'}")
    if current.avoid:
        console.print(f"  avoid: {', '.join(current.avoid)}")


# -- triage -------------------------------------------------------------------------------------


@main.group(invoke_without_command=True)
@as_of_option
@json_option
@click.pass_context
def triage(ctx: click.Context, as_of: str | None, as_json: bool) -> None:
    """Pending connection requests, each with accept / accept and reach out / ignore, a score and reasons.

    \b
    Example:
      netvalue triage
      netvalue triage add --name "Ana Ruiz" --headline "Data Engineer at Monzo" --mutual 8
      netvalue triage decide accept i12
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_db(ctx) as db, working("Judging connection requests"):
        found = rec.triage_report(db, parse_as_of(as_of))
    if as_json:
        emit_json(found.to_json())
        return
    if not found.requests:
        console.print("No pending connection requests.")
        return
    columns = (
        Column("id"),
        Column("name", max_width=22),
        Column("decision", max_width=12),
        Column("score", priority=1, justify="right"),
        Column("reasons", wrap=True, min_width=28),
    )
    cells = []
    for item in found.requests:
        serves = f"\n[dim]serves: {escape('; '.join(item.serves))}[/]" if item.serves else ""
        cells.append(
            (
                escape(item.ref),
                escape(item.name),
                item.decision,
                f"{item.score:.2f}",
                escape("\n".join(item.reasons)) + serves,
            )
        )
    goals = ", ".join(found.purpose.goals) or "no purpose set"
    table = fitted_table(columns, cells, width=console.width, title=f"Connection requests, for {goals}")
    console.print(table)


@triage.command("add")
@click.option("--name", required=True, help="The requester's name.")
@click.option("--headline", default=None, help="Their headline, e.g. 'Data Engineer at Monzo'.")
@click.option("--company", default=None, help="Their company.")
@click.option("--message", default=None, help="The note that came with the request.")
@click.option("--profile-url", default=None, help="Their profile URL.")
@click.option("--mutual", type=int, default=None, help="Mutual connections, if you know.")
@click.pass_context
def triage_add(
    ctx: click.Context,
    name: str,
    headline: str | None,
    company: str | None,
    message: str | None,
    profile_url: str | None,
    mutual: int | None,
) -> None:
    """Add a connection request typed in by hand.

    \b
    Example:
      netvalue triage add --name "Ana Ruiz" --company Monzo --message "We met at PyData" --mutual 8
    """
    with open_db(ctx) as db:
        ref = outreach.add_request(
            db,
            name=name,
            headline=headline,
            company=company,
            message=message,
            profile_url=profile_url,
            mutual_connections=mutual,
        )
    console.print(f"Added request {ref}; `{command_hint('triage')}` shows the advice.")


@triage.command("decide")
@click.argument("decision", metavar="accept|ignore")
@click.argument("request_id", metavar="ID")
@click.pass_context
def triage_decide(ctx: click.Context, decision: str, request_id: str) -> None:
    """Record what you did with a request: accept or ignore it.  It leaves the queue and teaches the
    triage.  (ID first, as in `netvalue triage decide i12 ignore`, works too.)

    \b
    Example:
      netvalue triage decide ignore i12
    """
    decision, request_id = decision_and_id(("accept", "ignore"), decision, request_id)
    with open_db(ctx) as db:
        result = rec.decide_request(db, request_id, "accept" if decision == "accept" else "ignore")
    console.print(f"Recorded: {decision} {result.name} ({result.ref}); netvalue advised {result.decision}.")


# -- plan ---------------------------------------------------------------------------------------


def _week_and_as_of(week: str | None, as_of: str | None) -> tuple[str, int]:
    return outreach.plan_week_and_moment(week, parse_as_of(as_of) if as_of else None, int(time.time()))


@main.group(invoke_without_command=True)
@click.option("--week", default=None, metavar="YYYY-Www", help="The ISO week (default: this week).")
@as_of_option
@click.option("--allow-repeat", is_flag=True, help="Allow people planned or contacted last week.")
@click.option("--replan", is_flag=True, help="Propose anew instead of showing the week's saved plan.")
@json_option
@click.pass_context
def plan(
    ctx: click.Context, week: str | None, as_of: str | None, allow_repeat: bool, replan: bool, as_json: bool
) -> None:
    """This week's 1–3 people to reach out to: why, an opener from your own history, how to reach them.

    \b
    Example:
      netvalue plan
      netvalue plan --week 2026-W47 --json
      netvalue plan history
      netvalue plan export --ics --output week.ics
    """
    if ctx.invoked_subcommand is not None:
        return
    chosen_week, moment = _week_and_as_of(week, as_of)
    with open_db(ctx) as db, working("Planning the week"):
        data = rec.plan_report(db, week=chosen_week, as_of=moment, allow_repeat=allow_repeat, replan=replan)
        age = evidence_age(db, moment)
    if as_json:
        emit_json(data.to_json())
        return
    warn_if_stale(age)
    console.print(f"[bold]Week {data.week}[/]  streak: {data.streak} week{'s' if data.streak != 1 else ''}")
    if not data.items:
        console.print("Nobody to suggest this week (import more history, or set a purpose).")
    for n, item in enumerate(data.items, 1):
        mark = " [green](done)[/]" if item.done else ""
        console.print(f"\n[bold]{n}. {item.name}[/] (id {item.id}){mark}")
        console.print(f"   why: {item.why}")
        console.print(f"   opener: {item.opener}")
        if item.reach:
            console.print(f"   reach: {'; '.join(item.reach)}")
    console.print(f"\nLog it with `{command_hint('done PERSON --outcome replied')}`.")


@plan.command("history")
@json_option
@click.pass_context
def plan_history(ctx: click.Context, as_json: bool) -> None:
    """Every week's plan and what you did, and your streak.

    \b
    Example:
      netvalue plan history --json
    """
    with open_db(ctx) as db:
        data = rec.history_report(db, int(time.time()))
    if as_json:
        emit_json(data.to_json())
        return
    console.print(f"[bold]Streak[/] {data.streak} week(s) in a row with outreach done")
    table = Table("week", "planned", "done", title="Outreach history")
    for entry in data.weeks:
        planned = ", ".join(p.name for p in entry.planned)
        done = ", ".join(f"{d.name} ({d.outcome or 'logged'})" for d in entry.done)
        table.add_row(entry.week, planned, done)
    console.print(table)


@plan.command("export")
@click.option("--ics", "ics", is_flag=True, required=True, help="Write iCalendar (the one format so far).")
@click.option("--week", default=None, metavar="YYYY-Www", help="The ISO week (default: this week).")
@output_option
@click.pass_context
def plan_export(ctx: click.Context, ics: bool, week: str | None, output: Path | None) -> None:
    """Write the week's plan as calendar reminders (one event per person).

    \b
    Example:
      netvalue plan export --ics --output ~/outreach.ics
    """
    chosen_week, moment = _week_and_as_of(week, None)
    with open_db(ctx) as db, working("Planning the week"):
        data = rec.plan_report(db, week=chosen_week, as_of=moment)
    payload = rec.plan_ics(data)
    if output is None:
        click.echo(payload.decode("utf-8"), nl=False)
        return
    try:
        write_private(output, payload)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror})") from exc
    console.print(f"Wrote {len(data.items)} reminder(s) for {chosen_week} to {output}")


@plan.command("settings")
@click.option("--size", type=click.IntRange(1, 3), default=None, help="People per week (1–3).")
@click.option(
    "--cadence",
    "cadences",
    multiple=True,
    metavar="TIER=DAYS",
    help="Contact cadence of a tier, e.g. 'close=60' (repeatable).",
)
@json_option
@click.pass_context
def plan_settings(ctx: click.Context, size: int | None, cadences: tuple[str, ...], as_json: bool) -> None:
    """Show or change the plan size and the contact cadence per tier.

    \b
    Example:
      netvalue plan settings --size 2 --cadence "inner circle=14"
    """
    with open_db(ctx) as db:
        found = outreach.change_plan_settings(db, size=size, cadences=cadences)
    if as_json:
        emit_json(found.to_json())
        return
    console.print(f"plan size: {found.size}")
    for tier, days in found.cadence_days.items():
        console.print(f"cadence {tier}: every {days} days")


@main.command()
@click.argument("person")
@click.option("--note", default=None, help="What happened.")
@click.option("--outcome", type=click.Choice(OUTCOMES), default=None, help="How it went.")
@click.option("--week", default=None, metavar="YYYY-Www", help="The week it counts for (default: this week).")
@click.pass_context
def done(ctx: click.Context, person: str, note: str | None, outcome: str | None, week: str | None) -> None:
    """Log that you reached out to PERSON (the plan learns who was contacted).

    \b
    Example:
      netvalue done "Ana Ruiz" --outcome replied --note "coffee next Tuesday"
    """
    if week is not None:
        week_start(week)  # validates before anything is looked up
    with open_db(ctx) as db:
        pid = find_person(db, person)
        chosen = outreach.log_done(db, pid, week, outcome=cast("outreach.Outcome | None", outcome), note=note)
        name = person_name(db, pid)
    console.print(f"Logged outreach to {name} for {chosen}.")


# -- ledger -------------------------------------------------------------------------------------


def _ledger_command(direction: str) -> Any:
    verb = "gave" if direction == "give" else "received from"

    @click.argument("person")
    @click.argument("kind", type=click.Choice(LEDGER_KINDS), metavar="KIND")
    @click.option("--note", default=None, help="What it was.")
    @click.pass_context
    def command(ctx: click.Context, person: str, kind: str, note: str | None) -> None:
        with open_db(ctx) as db:
            pid = find_person(db, person)
            outreach.record_exchange(
                db, pid, cast(outreach.LedgerDirection, direction), cast(outreach.LedgerKind, kind), note=note
            )
            name = person_name(db, pid)
        console.print(f"Ledger: you {verb} {name}: {kind}.")

    what = (
        "Record what you gave PERSON (the giving side of the ledger)"
        if direction == "give"
        else "Record what you received from PERSON, whether you asked or not (the taking side of the "
        "ledger; `ask` records receiving, not a request you are about to make)"
    )
    command.__doc__ = (
        f"{what}: KIND is intro, referral, advice, endorsement, recommendation, favour.\n\n"
        f'\b\nExample:\n  netvalue {direction} "Ana Ruiz" intro --note "to the Monzo data team"\n'
    )
    return main.command(name=direction)(command)


give = _ledger_command("give")
ask = _ledger_command("ask")


@main.command()
@json_option
@click.pass_context
def ledger(ctx: click.Context, as_json: bool) -> None:
    """Give and take per person and overall; who you owe and who owes you.

    \b
    Example:
      netvalue ledger --json
    """
    with open_db(ctx) as db, working("Balancing the ledger"):
        found = rec.ledger_report(db)
    if as_json:
        emit_json(found.to_json())
        return
    ledger = found.ledger
    console.print(
        f"[bold]Ledger[/] given {ledger.given}, received {ledger.received}, "
        f"balance {ledger.given - ledger.received:+d}"
    )
    table = Table("id", "name", "given", "received", "balance", "last received", title="Per person")
    for p in ledger.people:
        table.add_row(
            str(p.person_id),
            p.name,
            str(p.given),
            str(p.received),
            f"{p.balance:+d}",
            format_day(p.last_received_at),
        )
    console.print(table)
    if ledger.you_owe:
        console.print("You owe: " + ", ".join(p.name for p in ledger.you_owe))
    if ledger.owe_you:
        console.print("Owe you: " + ", ".join(p.name for p in ledger.owe_you))
