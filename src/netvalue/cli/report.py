"""``netvalue report``: of my N connections, how many do I actually talk to?"""

from __future__ import annotations

import click
from rich.table import Table

from netvalue.app.network import NetworkReport, OverdueTie, network_report
from netvalue.app.vocabulary import meaning
from netvalue.cli.app import (
    as_of_day,
    as_of_option,
    console,
    emit_json,
    format_day,
    json_option,
    main,
    open_db,
    parse_as_of,
    warn_if_stale,
    working,
)


@main.command()
@as_of_option
@json_option
@click.pass_context
def report(ctx: click.Context, as_of: str | None, as_json: bool) -> None:
    """How many of your connections you actually talk to, and more.

    \b
    Example:
      netvalue report --as-of 2025-12-31 --json
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Counting who you talk to"):
        data = network_report(db, moment)
    if as_json:
        emit_json(data.to_json())
        return
    warn_if_stale(data.evidence)
    render_report(data)


def render_report(data: NetworkReport) -> None:
    contact = data.contact
    total = contact.connections
    console.print(f"[bold]Your network as of {as_of_day(data.as_of)}[/]")
    table = Table("", "connections", "share", title=f"Of your {total:,} connections")

    def share(n: int) -> str:
        return f"{100 * n / total:.1f}%" if total else "-"

    for label, key in (
        ("last 7 days", "7d"),
        ("last 30 days", "30d"),
        ("last 12 months", "12m"),
        ("ever", "ever"),
    ):
        n = contact.two_way[key]
        table.add_row(f"exchanged messages, {label}", f"{n:,}", share(n))
    table.add_row("only one side ever wrote", f"{contact.one_sided:,}", share(contact.one_sided))
    table.add_row(
        "   you wrote, they never answered", f"{contact.only_you_wrote:,}", share(contact.only_you_wrote)
    )
    table.add_row(
        "   they wrote, you never answered", f"{contact.only_they_wrote:,}", share(contact.only_they_wrote)
    )
    table.add_row("never exchanged a message", f"{contact.never:,}", share(contact.never))
    console.print(table)
    render_ties_overview(data)
    if data.overdue:
        render_overdue(data.overdue)


def render_overdue(overdue: tuple[OverdueTie, ...]) -> None:
    """Ties silent for longer than their tier's cadence (issue 6; netvalue explain cadence)."""
    console.print(
        f"{len(overdue):,} ties overdue for their tier's cadence (netvalue explain cadence), most overdue first:"
    )
    for person in overdue[:10]:
        console.print(
            f"  {person.name} ({person.tier}): {person.days_since_contact:,} days since contact, "
            f"cadence {person.cadence_days} days"
        )


def render_ties_overview(data: NetworkReport) -> None:
    """Tiers beside Dunbar's layers, names vs working relationships, dormant ties, trend, value (issue 4)."""
    tiers = Table(
        "tier", "people", "cumulative", "Dunbar's layer", title="How close (netvalue explain dunbar)"
    )
    for row in data.tiers:
        dunbar = f"~{row.dunbar}" if row.dunbar else ""
        tiers.add_row(row.tier, f"{row.count:,}", f"{row.cumulative:,}", dunbar)
    console.print(tiers)
    layers = ", ".join(f"{row.yours:,} (Dunbar ~{row.dunbar})" for row in data.dunbar_layers)
    if layers:
        console.print(f"Your layers: {layers}: weekly, monthly, quarterly, yearly two-way contact.")
    if data.active_warning:
        console.print(
            f"[bold]Warning:[/] {data.active_ties:,} active ties, more than the ~150 people can keep up with "
            "(Dunbar 2020)."
        )
    rel = data.relationships
    console.print(
        f"Of {rel.names:,} names, {rel.working_relationships:,} are working relationships "
        f"({meaning('working relationship')}); {rel.collected_names:,} are collected names "
        f"({meaning('collected name')})."
    )
    dormant = data.dormant
    if dormant.lapsing:
        ties = "tie" if dormant.lapsing == 1 else "ties"
        console.print(f"{dormant.lapsing:,} lapsing {ties} ({meaning('lapsing')}).")
    if dormant.count:
        console.print(
            f"{dormant.count:,} dormant {'tie' if dormant.count == 1 else 'ties'} ({meaning('dormant')}; "
            f"{dormant.deep:,} deep dormant, "
            "silent 3+ years) worth reviving, strongest first:"
        )
        for person in dormant.worth_reviving:
            console.print(f"  {person.name} (last two-way {format_day(person.last_two_way)})")
    if data.trend:
        counts = [row.active for row in data.trend]
        bars = "▁▂▃▄▅▆▇█"
        peak = max(counts) or 1
        line = "".join(bars[min(7, round(7 * n / peak))] for n in counts)
        console.print(
            f"People in two-way contact per month, {data.trend[0].month} to {data.trend[-1].month}: {line} "
            f"(now {counts[-1]:,}, peak {max(counts):,})"
        )
    value = data.value
    console.print(
        f"Indicative yearly value: ${round(value.value, 2):,.0f} (${value.coefficient:,.0f} × Σ strength of "
        f"{value.active_ties:,} active ties; all names × coefficient would say ${round(value.naive_value, 2):,.0f}). "
        "An association in one firm's 2007–08 revenue, not a price: netvalue value shows the caveats."
    )
