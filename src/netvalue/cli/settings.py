"""``netvalue settings``: the settings you choose, in one place (reporting commands only read them)."""

from __future__ import annotations

import click

from netvalue.cli.app import console, emit_json, json_option, main, open_db

# netvalue.app.settings is imported where it is used: it brings numpy, which `settings --help` need not load.


@main.group(invoke_without_command=True)
@json_option
@click.pass_context
def settings(ctx: click.Context, as_json: bool) -> None:
    """Show your settings; change one with its subcommand.  The plan's size and cadences are set with
    `netvalue plan settings`.

    \b
    Example:
      netvalue settings
      netvalue settings value-coefficient 1200
    """
    if ctx.invoked_subcommand is not None:
        return
    from netvalue.app.settings import current_settings

    with open_db(ctx) as db:
        found = current_settings(db)
    if as_json:
        emit_json(found.to_json())
        return
    console.print(
        f"value-coefficient  ${found.value_coefficient:,.0f} per active contact per year"
        "  (netvalue explain value)"
    )
    console.print("plan size and cadences: netvalue plan settings")


@settings.command("value-coefficient")
@click.argument("dollars", type=float, required=False)
@click.pass_context
def settings_value_coefficient(ctx: click.Context, dollars: float | None) -> None:
    """Show, or set to DOLLARS, the yearly value of one active contact that `netvalue value` and
    `netvalue report` multiply tie strength by (default $948: Wu, Lin, Aral & Brynjolfsson 2009).

    \b
    Example:
      netvalue settings value-coefficient 1200
    """
    from netvalue.app.settings import change_value_coefficient

    with open_db(ctx) as db:
        found = change_value_coefficient(db, dollars)
    verb = "is now" if dollars is not None else "is"
    console.print(
        f"The value coefficient {verb} ${found.value_coefficient:,.2f} per active contact per year."
    )
