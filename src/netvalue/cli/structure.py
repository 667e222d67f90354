"""``netvalue communities``, ``brokerage``, ``hangouts`` and ``graph export``: the shape of the network."""

from __future__ import annotations

import math
from pathlib import Path
from typing import cast

import click
from rich.table import Table

from netvalue.app.structure import (
    GraphFormat,
    HangoutBy,
    PersonRef,
    brokerage_report,
    communities_report,
    graph_export,
    hangouts_report,
)
from netvalue.cli.app import (
    as_of_day,
    as_of_option,
    console,
    emit_json,
    json_option,
    main,
    open_db,
    output_option,
    parse_as_of,
    working,
)
from netvalue.cli.tables import Column, fitted_table
from netvalue.errors import UsageError
from netvalue.files import write_private

seed_option = click.option(
    "--seed", default=0, show_default=True, help="Seed of community detection (same seed, same clusters)."
)


def _names(people: tuple[PersonRef, ...]) -> str:
    return ", ".join(p.name for p in people)


@main.command()
@as_of_option
@seed_option
@json_option
@click.pass_context
def communities(ctx: click.Context, as_of: str | None, seed: int, as_json: bool) -> None:
    """Clusters among your contacts, inferred from who appears together on e-mails, meetings and group
    conversations (and who works at the same company), labelled by what members share.

    \b
    Example:
      netvalue communities
      netvalue communities --as-of 2025-12-31 --json
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Finding communities"):
        data = communities_report(db, moment, seed)
    if as_json:
        emit_json(data.to_json())
        return
    listed = data.communities
    if not listed:
        console.print(
            "No clusters yet: import e-mail, calendars or group chats so netvalue can see who knows whom."
        )
        return
    columns = (
        Column("#", justify="right"),
        Column("cluster", max_width=24),
        Column("size", justify="right"),
        Column("your ties", priority=2, justify="right"),
        Column("strong links in", priority=4, justify="right"),
        Column("strongest", wrap=True, min_width=20),
        Column("activity", priority=3, justify="right"),
        Column("redundant", priority=5),
        Column("bridge", priority=1, max_width=20),
    )
    cells = []
    for c in listed:
        cells.append(
            (
                "" if c.id is None else str(c.id),
                c.label,
                str(c.size),
                str(c.ties),
                str(c.strong_ties),
                _names(c.strongest[:3]),
                f"{c.activity:.2f}",
                "yes" if c.redundant else "",
                c.bridge.name if c.bridge else "",
            )
        )
    table = fitted_table(columns, cells, width=console.width)
    console.print(table)
    valuable = data.structurally_valuable
    if valuable:
        console.print(
            f"Structurally valuable (your way into clusters you barely reach): {_names(valuable[:15])}"
        )


@main.command()
@as_of_option
@seed_option
@json_option
@click.pass_context
def brokerage(ctx: click.Context, as_of: str | None, seed: int, as_json: bool) -> None:
    """Your brokerage position (Burt): constraint, effective size, efficiency and hierarchy of your
    ego network weighted by tie strength, with the contacts who bridge to clusters.

    \b
    Example:
      netvalue brokerage --json
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Measuring brokerage"):
        data = brokerage_report(db, moment, seed)
    if as_json:
        emit_json(data.to_json())
        return
    measures = data.brokerage
    console.print(
        f"[bold]Your brokerage position as of {as_of_day(moment)}[/] ({measures.contacts} tied contacts)"
    )
    if not measures.contacts:
        console.print("No two-way ties yet: brokerage needs contacts you actually exchange with.")
        return
    rows = (
        (
            "constraint",
            measures.constraint,
            "0–1; low = your contacts are not tied to one another (more brokerage)",
        ),
        ("effective size", measures.effective_size, "non-redundant contacts"),
        ("efficiency", measures.efficiency, "effective size per contact (1 = no redundancy)"),
        ("hierarchy", measures.hierarchy, "0–1; high = your constraint comes from one contact or cluster"),
    )
    table = Table("measure", "value", "meaning")
    for name, value, meaning in rows:
        table.add_row(name, "-" if math.isnan(value) else f"{round(value, 4):.3f}", meaning)
    console.print(table)
    console.print(data.meaning + "  (netvalue explain constraint)")
    bridges = data.bridges
    if bridges:
        console.print(f"Bridges (your only strong link into a cluster): {_names(bridges[:15])}")
    if data.redundant_communities:
        console.print(
            "Redundant clusters (many ties carrying the same information): "
            + ", ".join(f"{c.label} ({c.ties} ties)" for c in data.redundant_communities)
        )


@main.command()
@click.option(
    "--by",
    type=click.Choice(["company", "place", "school", "community", "follow"]),
    default="company",
    show_default=True,
    help="Group by company, place, school (from headlines), community, or company pages you follow.",
)
@as_of_option
@seed_option
@json_option
@click.pass_context
def hangouts(ctx: click.Context, by: str, as_of: str | None, seed: int, as_json: bool) -> None:
    """Where your connections gather, with how many are real relationships and the trend.

    \b
    Example:
      netvalue hangouts --by place
      netvalue hangouts --by community --json
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Finding where your network gathers"):
        data = hangouts_report(db, moment, cast(HangoutBy, by), seed)
    if as_json:
        emit_json(data.to_json())
        return
    groups = data.groups
    if not groups:
        console.print(_no_hangouts(by, data.contacts))
        return
    columns = (
        Column(by, wrap=True, min_width=16),
        Column("contacts", justify="right"),
        Column("real", justify="right"),
        Column("collected names", priority=1, justify="right"),
        Column("added last year", priority=3, justify="right"),
        Column("year before", priority=4, justify="right"),
        Column("trend", priority=2),
    )
    cells = [
        (
            g.name,
            str(g.size),
            str(g.real),
            str(g.collected),
            str(g.added_last_year),
            str(g.added_year_before),
            g.trend,
        )
        for g in groups[:40]
    ]
    console.print(fitted_table(columns, cells, width=console.width))
    if len(groups) > 40:
        console.print(f"... and {len(groups) - 40} more (--json lists all)")


_EMPTY_HANGOUTS = {
    "company": "No company holds two or more of your contacts. Companies come from LinkedIn's connections "
    "and from address books (vCard, Google, Outlook); e-mail and calendars carry none.",
    "place": "No place holds two or more of your contacts. Places come from the location of LinkedIn "
    "connections (recent exports often leave it out) and from address books.",
    "school": "None of your contacts' headlines or companies names a school of yours. Your schools come "
    "from Education.csv in LinkedIn's export.",
    "follow": "None of your contacts works at a company page you follow. The pages you follow come from "
    "Company Follows.csv in LinkedIn's export.",
    "community": "No clusters yet: import e-mail, calendars or group chats so netvalue can see who knows whom.",
}


def _no_hangouts(by: str, contacts: int) -> str:
    """Why ``hangouts --by BY`` found no group: what it groups by, and where that comes from."""
    if not contacts:
        return "No contacts yet: import an export first (netvalue import PATH)."
    others = ", ".join(b for b in _EMPTY_HANGOUTS if b != by)
    return f"{_EMPTY_HANGOUTS[by]}  ({contacts:,} contacts looked at; try --by {others}.)"


@main.group()
def graph() -> None:
    """Your network as a graph file.

    \b
    Example:
      netvalue graph export --format gexf --output network.gexf
    """


@graph.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml", show_default=True
)
@output_option
@as_of_option
@seed_option
@click.pass_context
def graph_export_command(
    ctx: click.Context, fmt: str, output: Path | None, as_of: str | None, seed: int
) -> None:
    """Export you, your contacts, tie strengths and who-knows-whom edges for Gephi, Cytoscape and others.

    \b
    Example:
      netvalue graph export --format graphml --output network.graphml
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Building the network graph"):
        text = graph_export(db, moment, cast(GraphFormat, fmt), seed)
    if output is None:
        click.echo(text)
        return
    try:
        write_private(output, text + "\n")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the graph ({exc.strerror})") from exc
    console.print(f"Wrote {output}")
