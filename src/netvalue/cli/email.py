"""``netvalue import email PATH [--me ADDRESS ...] [--max-group N]``: import e-mail headers."""

from __future__ import annotations

from pathlib import Path

import click

from netvalue.cli.importing import import_, import_options, run_and_render
from netvalue.errors import UsageError
from netvalue.importers import ImportOptions
from netvalue.importers.base import NO_GROUP_LIMIT
from netvalue.importers.email import IMPORTER


@import_.command("email")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--me",
    "owner_emails",
    multiple=True,
    metavar="ADDRESS",
    help="One of your own addresses (repeat for several). Default: inferred from your sent mail.",
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

    Only headers are read (who, when, subject); bodies are never stored. List and automated mail is
    left out. Your own addresses are inferred from your sent mail unless given with --me.

    \b
    Example:
      netvalue import email "Takeout/Mail/All mail Including Spam and Trash.mbox"
      netvalue import email ~/Maildir --me jane@example.com --me jane.doe@work.example
    """
    if max_group is not None and max_group < 1:
        raise UsageError("--max-group must be at least 1")
    options = ImportOptions(
        force=force, owner_emails=owner_emails, max_group=max_group or NO_GROUP_LIMIT
    )
    run_and_render(
        ctx,
        path,
        IMPORTER.source,
        include_forgotten=include_forgotten,
        as_json=as_json,
        options=options,
    )
