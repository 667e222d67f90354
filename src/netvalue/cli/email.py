"""``netvalue import email PATH [--me ADDRESS ...] [--max-group N]``: import e-mail headers; ``netvalue me``:
your own addresses; and the machine listing and overrides behind ``netvalue people --machines``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click
from rich.table import Table

from netvalue.app import importing
from netvalue.app.importing import NO_GROUP_LIMIT, ImportOptions, OwnAddresses
from netvalue.cli.app import console, emit_json, json_option, main, open_db
from netvalue.cli.importing import import_, import_options, run_and_render
from netvalue.errors import UsageError


@import_.command("email")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--me",
    "owner_emails",
    multiple=True,
    metavar="ADDRESS",
    help="One of your own addresses (repeat for several), kept like `netvalue me add`; takes effect even"
    " when no file changed. Your addresses are also inferred from the mail (netvalue me).",
)
@click.option(
    "--max-group",
    type=int,
    default=None,
    help="Messages to more recipients count as co-occurrence only (Kossinets & Watts 2006 used 4). "
    "Default: every message counts, weighted by 1/recipients (Newman 2001).",
)
@import_options
@click.pass_context
def import_email(
    ctx: click.Context,
    path: Path,
    owner_emails: tuple[str, ...],
    max_group: int | None,
    force: bool,
    include_forgotten: bool,
    as_json: bool,
) -> None:
    """E-mail headers: an mbox file (Gmail Takeout, Thunderbird, Apple Mail), a Maildir, or .eml files.

    Only headers are read (who, when, subject); bodies are never stored. Your own addresses are inferred
    from the mail (see netvalue me); senders that are machines (lists, newsletters, systems) are kept
    out of people (see netvalue people --machines). Importing a mailbox folder by folder gives the same
    result as importing the folder in one call.

    \b
    Example:
      netvalue import email "Takeout/Mail/All mail Including Spam and Trash.mbox"
      netvalue import email ~/Maildir --me jane@example.com --me jane.doe@work.example
    """
    if max_group is not None and max_group < 1:
        raise UsageError("--max-group must be at least 1")
    options = ImportOptions(force=force, owner_emails=owner_emails, max_group=max_group or NO_GROUP_LIMIT)
    run_and_render(
        ctx,
        path,
        "email",
        include_forgotten=include_forgotten,
        as_json=as_json,
        options=options,
    )


# -- the owner's addresses and the machines: the user's word -----------------------------------------


def _print_owner(found: OwnAddresses) -> None:
    if not found.addresses:
        console.print("No e-mail imported yet: netvalue import email PATH (or netvalue me add ADDRESS).")
        return
    table = Table("address", "role", "source", "evidence", title="Your addresses")
    for a in found.addresses:
        table.add_row(a.address, a.role, a.source, "; ".join(a.evidence))
    console.print(table)


@main.group(invoke_without_command=True)
@json_option
@click.pass_context
def me(ctx: click.Context, as_json: bool) -> None:
    """Your own e-mail addresses (and delegates who send for you), with the evidence for each.

    Inferred from your mail: where it is delivered (To, Delivered-To, folder headers), the From of your
    sent folders, and addresses that carry your name. Correct it with `me add` / `me remove` (your
    decisions survive re-imports); the people and interactions are re-derived at once, without reading
    any file again.

    \b
    Example:
      netvalue me
      netvalue me add jane.doe@work.example
      netvalue me remove newsletter@lists.example.com
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_db(ctx) as db:
        found = importing.own_addresses(db)
    if as_json:
        emit_json(found.to_json())
    else:
        _print_owner(found)


def _decide(
    ctx: click.Context, addresses: tuple[str, ...], decision: Literal["add", "remove"], as_json: bool
) -> None:
    with open_db(ctx) as db:
        importing.decide_own_addresses(db, addresses, decision)
        found = importing.own_addresses(db)
    if as_json:
        emit_json(found.to_json())
    else:
        _print_owner(found)


@me.command("add")
@click.argument("addresses", nargs=-1, required=True, metavar="ADDRESS...")
@json_option
@click.pass_context
def me_add(ctx: click.Context, addresses: tuple[str, ...], as_json: bool) -> None:
    """Say ADDRESS is yours: it stops being a contact, and mail from it counts as sent by you.

    \b
    Example:
      netvalue me add jane.doe@work.example jdoe@home.example
    """
    _decide(ctx, addresses, "add", as_json)


@me.command("remove")
@click.argument("addresses", nargs=-1, required=True, metavar="ADDRESS...")
@json_option
@click.pass_context
def me_remove(ctx: click.Context, addresses: tuple[str, ...], as_json: bool) -> None:
    """Say ADDRESS is not yours (inference took it wrongly): it becomes a contact again.

    \b
    Example:
      netvalue me remove all-staff@work.example
    """
    _decide(ctx, addresses, "remove", as_json)


def show_machines(ctx: click.Context, as_json: bool) -> None:
    """``netvalue people --machines``: the senders kept out as machines, with the evidence."""
    with open_db(ctx) as db:
        found = importing.machine_senders(db)
    if as_json:
        emit_json(found.to_json())
        return
    rows = found.senders
    table = Table("address", "messages", "why", title="Machines: kept out of people, ties and plans")
    for r in rows:
        table.add_row(r.address, f"{r.messages:,}", "; ".join(r.reasons))
    console.print(table)
    console.print(
        f"{len(rows):,} machine senders. Wrong? netvalue people --person ADDRESS (and --machine ADDRESS"
        " for one that slipped through)."
    )


def override_machines(
    ctx: click.Context, machines: tuple[str, ...], persons: tuple[str, ...], as_json: bool
) -> None:
    """``netvalue people --machine ADDRESS / --person ADDRESS``: the user's word on senders."""
    with open_db(ctx) as db:
        found = importing.decide_senders(db, machines, persons)
    if as_json:
        emit_json(found.to_json())
        return
    for verdict, chosen in (("machine", found.machines_named), ("person", found.persons_named)):
        for address in chosen:
            console.print(f"{address}: a {verdict}, as you say (kept across imports)")
    console.print(f"{found.machines:,} machine senders kept out")
