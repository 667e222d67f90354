"""Import commands with options of their own: calendars, address books, chats and the generic CSV.

``netvalue import csv PATH --map COLUMN=FIELD``; ``--region`` where phone numbers are read
(vCard, Google, Outlook, csv, WhatsApp); ``--me`` where the owner may have to be named (calendar,
Facebook, WhatsApp).  The other sources use the command generated in :mod:`netvalue.cli.importing`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from netvalue.app.importing import CSV_FIELDS, ImportOptions, parse_mapping, source_description
from netvalue.cli.importing import import_, import_options, run_and_render
from netvalue.errors import UsageError

_REGION_HELP = "Country whose numbering plan reads phone numbers without a +country code (ISO code, e.g. GB)."


def _region_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--region", default="US", show_default=True, metavar="CC", help=_REGION_HELP)(func)


def _checked_region(region: str) -> str:
    code = region.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise UsageError(f"--region {region!r} is not a two-letter country code (for example US, GB, DE)")
    return code


def _help(source: str, example: str) -> str:
    importer = source_description(source)
    return f"{importer.description}\n\n{importer.how_to_export}\n\n\b\nExample:\n{example}"


@import_.command(
    "csv",
    help=_help(
        "csv",
        '  netvalue import csv people.csv --map "Full name=name" --map "E-mail=email" --map Employer=company',
    )
    + f"\n\nFIELDS: {', '.join(CSV_FIELDS)}. Several columns may map to one field (two e-mail columns, say).",
)
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--map", "mapping", multiple=True, metavar="COLUMN=FIELD", help="Read COLUMN as FIELD (repeat)."
)
@_region_option
@import_options
@click.pass_context
def import_csv(
    ctx: click.Context,
    path: Path,
    mapping: tuple[str, ...],
    region: str,
    force: bool,
    include_forgotten: bool,
    as_json: bool,
) -> None:
    if not mapping:
        raise UsageError('the csv source needs --map COLUMN=FIELD, e.g. --map "E-mail=email" --map Name=name')
    options = ImportOptions(force=force, mapping=parse_mapping(mapping), region=_checked_region(region))
    run_and_render(ctx, path, "csv", include_forgotten=include_forgotten, as_json=as_json, options=options)


def _address_book_command(source: str, example: str) -> None:
    @import_.command(source, help=_help(source, example))
    @click.argument("path", type=click.Path(path_type=Path))
    @_region_option
    @import_options
    @click.pass_context
    def command(
        ctx: click.Context, path: Path, region: str, force: bool, include_forgotten: bool, as_json: bool
    ) -> None:
        options = ImportOptions(force=force, region=_checked_region(region))
        run_and_render(
            ctx,
            path,
            source,
            include_forgotten=include_forgotten,
            as_json=as_json,
            options=options,
        )

    del command


_address_book_command("vcard", "  netvalue import vcard ~/Downloads/contacts.vcf --region GB")
_address_book_command("google", "  netvalue import google ~/Downloads/contacts.csv")
_address_book_command("outlook", "  netvalue import outlook ~/Documents/outlook-contacts.csv --region DE")


@import_.command(
    "calendar",
    help=_help(
        "calendar", "  netvalue import calendar ~/Downloads/jane@example.com.ical/ --me jane@example.com"
    ),
)
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--me",
    "owner_emails",
    multiple=True,
    metavar="ADDRESS",
    help="One of your own addresses (repeat). Default: the calendar's name, else its most frequent organizer.",
)
@import_options
@click.pass_context
def import_calendar(
    ctx: click.Context,
    path: Path,
    owner_emails: tuple[str, ...],
    force: bool,
    include_forgotten: bool,
    as_json: bool,
) -> None:
    options = ImportOptions(force=force, owner_emails=owner_emails)
    run_and_render(
        ctx,
        path,
        "calendar",
        include_forgotten=include_forgotten,
        as_json=as_json,
        options=options,
    )


def _chat_command(source: str, example: str, with_region: bool) -> None:
    def command(
        ctx: click.Context,
        path: Path,
        me: str | None,
        force: bool,
        include_forgotten: bool,
        as_json: bool,
        region: str = "US",
    ) -> None:
        extra = ((f"{source}_me", me.strip()),) if me and me.strip() else ()
        options = ImportOptions(force=force, extra=extra, region=_checked_region(region))
        run_and_render(
            ctx,
            path,
            source,
            include_forgotten=include_forgotten,
            as_json=as_json,
            options=options,
        )

    decorated: Callable[..., Any] = click.pass_context(command)
    decorated = import_options(decorated)
    if with_region:
        decorated = _region_option(decorated)
    decorated = click.option(
        "--me",
        metavar="NAME",
        default=None,
        help="Your own name as the export shows it (X: your account id). Default: inferred.",
    )(decorated)
    decorated = click.argument("path", type=click.Path(path_type=Path))(decorated)
    import_.command(source, help=_help(source, example))(decorated)


_chat_command(
    "whatsapp", '  netvalue import whatsapp "WhatsApp Chat with Jane Doe.txt" --me "John Smith"', True
)
_chat_command("facebook", "  netvalue import facebook ~/Downloads/facebook-jdoe-2026-11-20.zip", False)
_chat_command("twitter", "  netvalue import twitter ~/Downloads/twitter-2026-11-20.zip", False)
