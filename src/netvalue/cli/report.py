"""``netvalue report``: of my N connections, how many do I actually talk to?"""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from netvalue.cli.app import (
    as_of_option,
    console,
    emit_json,
    format_day,
    json_option,
    main,
    open_db,
    parse_as_of,
)
from netvalue.report.network import network_report


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
    with open_db(ctx) as db:
        data = network_report(db, moment)
    if as_json:
        emit_json(data)
        return
    render_report(data)


def render_report(data: dict[str, Any]) -> None:
    contact = data["contact"]
    total = contact["connections"]
    console.print(f"[bold]Your network as of {format_day(data['as_of'])}[/]")
    table = Table("", "connections", "share", title=f"Of your {total:,} connections")

    def share(n: int) -> str:
        return f"{100 * n / total:.1f}%" if total else "-"

    for label, key in (
        ("last 7 days", "7d"),
        ("last 30 days", "30d"),
        ("last 12 months", "12m"),
        ("ever", "ever"),
    ):
        n = contact["exchanged"][key]
        table.add_row(f"exchanged messages, {label}", f"{n:,}", share(n))
    table.add_row("only one side ever wrote", f"{contact['one_sided']:,}", share(contact["one_sided"]))
    table.add_row(
        "   you wrote, they never answered",
        f"{contact['only_you_wrote']:,}",
        share(contact["only_you_wrote"]),
    )
    table.add_row(
        "   they wrote, you never answered",
        f"{contact['only_they_wrote']:,}",
        share(contact["only_they_wrote"]),
    )
    table.add_row("never exchanged a message", f"{contact['never']:,}", share(contact["never"]))
    console.print(table)
