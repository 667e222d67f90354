"""``share`` and ``team …``: what a member gives the team, and the team's pooled answers.

Each command imports what it uses when it runs: ``team paths``, ``coverage`` and ``overlap`` read the pool
``team add`` made (:mod:`netvalue.team.query`, through :mod:`netvalue.app.team`) and must not pay for Parquet, Splink or the analysis.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from netvalue.cli import app
from netvalue.cli.app import (
    as_of_option,
    emit_json,
    json_option,
    main,
    open_db,
    parse_as_of,
    working,
)
from netvalue.errors import UsageError

if TYPE_CHECKING:
    from netvalue.app.team import Engine

_ENGINES = ("splink", "netvalue", "exact")  # netvalue.app.team.ENGINES, checked by a test
_CLEAR_FIELDS = "name, company, role, profile_url, domain"  # netvalue.app.team.CLEAR_FIELDS, tested
_engine_option = click.option(
    "--engine",
    type=click.Choice(_ENGINES),
    default=None,
    help="How members' contacts are matched beyond exact keys: Splink, netvalue's own resolver, or exact "
    "keys only (default: as the team's last `team add`, else splink). Another engine than the pool's "
    "resolves the team again.",
)
_limit_option = click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Show at most this many."
)
_team_dir = click.argument("folder", type=click.Path(file_okay=False, path_type=Path))


@main.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The share file to write (.parquet).",
)
@click.option(
    "--salt-file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The team's salt (team.salt from `netvalue team init`).",
)
@click.option(
    "--member", default=None, help="Your name as the team knows you (default: the name your imports found)."
)
@click.option(
    "--min-tier",
    default="known",
    show_default=True,
    help="Share only ties of this tier of `netvalue ties` or closer (e.g. active).",
)
@click.option(
    "--exclude-tag", "exclude_tags", multiple=True, help="Leave out the people you tagged so (repeatable)."
)
@click.option(
    "--clear-fields",
    default=None,
    metavar="FIELDS",
    help=f"Share these in clear, comma-separated: {_CLEAR_FIELDS}. Default: none.",
)
@as_of_option
@json_option
@click.pass_context
def share(
    ctx: click.Context,
    out: Path,
    salt_file: Path,
    member: str | None,
    min_tier: str,
    exclude_tags: tuple[str, ...],
    clear_fields: str | None,
    as_of: str | None,
    as_json: bool,
) -> None:
    """Write what you agree to share with your team: per contact, salted hashes of their addresses,
    phones and profiles, the tier and strength of your tie, and the month you last heard from each other.
    Names, companies, roles, profile URLs and domains only if you list them in --clear-fields.

    \b
    Example:
      netvalue share --out me.parquet --salt-file team.salt
      netvalue share --out me.parquet --salt-file team.salt --min-tier active --clear-fields name,company,role
    """
    from netvalue.app.team import build_share, parse_clear_fields, parse_min_tier, read_salt, write_share

    fields = parse_clear_fields(clear_fields)
    salt = read_salt(salt_file)
    moment = parse_as_of(as_of)
    tier = parse_min_tier(min_tier)
    if not out.parent.exists():
        raise UsageError(f"{out.parent}: no such folder")
    with open_db(ctx) as db, working("Judging your ties"):
        info, contacts = build_share(
            db,
            salt,
            as_of=moment,
            now=int(time.time()),
            member=member,
            min_tier=tier,
            exclude_tags=exclude_tags,
            clear_fields=fields,
        )
    write_share(out, info, contacts)
    summary = info.as_dict() | {"file": str(out)}
    summary.pop("columns")
    summary.pop("member_keys")
    if as_json:
        emit_json(summary)
        return
    clear = ", ".join(info.clear_fields) or "none (keys hashed only)"
    app.console.print(
        f"Wrote {info.contacts} contacts of {info.member} to {out} (tier {tier} or closer; in clear: {clear})."
    )


@main.group()
def team() -> None:
    """A team's pooled view of who knows whom, from the share files members chose to give.

    \b
    Example:
      netvalue team init ~/team
      netvalue team add ~/team alice.parquet bob.parquet
      netvalue team paths ~/team --company Acme
    """


@team.command("init")
@_team_dir
def team_init(folder: Path) -> None:
    """Create a team folder (mode 0700) and the team's salt; hand team.salt to each member.

    \b
    Example:
      netvalue team init ~/team
    """
    from netvalue.app.team import init_team

    salt = init_team(folder, int(time.time()))
    app.console.print(
        f"Created {folder}. Give {salt} to each member: netvalue share --salt-file {salt} --out NAME.parquet"
    )


@team.command("add")
@_team_dir
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_engine_option
def team_add(folder: Path, files: tuple[Path, ...], engine: Engine | None) -> None:
    """Add members' share files (one member per file; a member added again is replaced), then match the
    members' contacts once and keep the result in the folder for paths, coverage and overlap.

    \b
    Example:
      netvalue team add ~/team alice.parquet bob.parquet
    """
    from netvalue.app.team import add_members

    with working("Checking the shares and matching the members' contacts"):
        added, view = add_members(folder, list(files), engine)
    for name, count, replaced in added:
        app.console.print(f"{'Replaced' if replaced else 'Added'} {name}: {count} contacts.")
    app.console.print(
        f"The team knows {len(view.resolution.groups)} people through {len(view.members)} members."
    )


@team.command("remove")
@_team_dir
@click.argument("member")
def team_remove(folder: Path, member: str) -> None:
    """Remove a member's share from the team.

    \b
    Example:
      netvalue team remove ~/team "Alice Example"
    """
    from netvalue.app.team import remove_members

    with working("Matching the remaining members' contacts"):
        name = remove_members(folder, member)
    app.console.print(f"Removed {name}.")


@team.command("status")
@_team_dir
@json_option
def team_status_command(folder: Path, as_json: bool) -> None:
    """The team's members and what each shared.

    \b
    Example:
      netvalue team status ~/team --json
    """
    from netvalue.app.team import load_team, team_status

    status = team_status(load_team(folder))
    if as_json:
        emit_json(status)
        return
    from rich.table import Table

    table = Table("member", "contacts", "as of", "min tier", "in clear")
    members: list[Any] = status["members"]  # type: ignore[assignment]
    for m in members:
        table.add_row(
            m["member"],
            str(m["contacts"]),
            m["as_of"][:10],
            m["min_tier"],
            ", ".join(m["clear_fields"]) or "-",
        )
    app.console.print(table)


@team.command("paths")
@_team_dir
@click.option("--company", default=None, help="People at this company (as members shared it).")
@click.option("--domain", default=None, help="People with an address at this e-mail domain.")
@click.option(
    "--person",
    default=None,
    metavar="KEY",
    help="One person: an e-mail address, phone, profile URL or shared name.",
)
@click.option(
    "--from", "from_member", default=None, metavar="MEMBER", help="Only paths starting at this member."
)
@_engine_option
@_limit_option
@json_option
def team_paths_command(
    folder: Path,
    company: str | None,
    domain: str | None,
    person: str | None,
    from_member: str | None,
    engine: Engine | None,
    limit: int,
    as_json: bool,
) -> None:
    """Who in the team knows people there, each path ranked by its weakest link, and whom to ask.

    \b
    Example:
      netvalue team paths ~/team --company "Acme Inc"
      netvalue team paths ~/team --domain acme.com --from "Alice Example" --json
      netvalue team paths ~/team --person jane@acme.com
    """
    if sum(x is not None for x in (company, domain, person)) != 1:
        raise UsageError("give exactly one of --company, --domain, --person")
    from netvalue.app.team import paths_to

    found = paths_to(
        folder,
        company=company,
        domain=domain,
        person=person,
        from_member=from_member,
        limit=limit,
        engine=engine,
    )
    if as_json:
        emit_json(found)
        return
    paths: Any = found["paths"]
    if not paths:
        app.console.print("Nobody in the team knows anyone there.")
        return
    from rich.table import Table

    table = Table("ask", "contact", "role", "weakest link", "path")
    for p in paths:
        contact: Any = p["contact"]
        links: Any = p["links"]
        chain = " → ".join(
            [
                links[0]["from"],
                *(
                    f"{link['to']} ({link['strength']:.2f}, {link['last_two_way'] or 'never'})"
                    for link in links
                ),
            ]
        )
        table.add_row(
            str(p["ask"]),
            str(contact["name"] or "(name not shared)"),
            str(contact["role"] or ""),
            f"{p['weakest']:.2f}",
            chain,
        )
    app.console.print(f"{found['contacts']} contacts there.")
    app.console.print(table)


@team.command("coverage")
@_team_dir
@_engine_option
@_limit_option
@json_option
def team_coverage_command(folder: Path, engine: Engine | None, limit: int, as_json: bool) -> None:
    """The companies and e-mail domains the team reaches, and how strongly.

    \b
    Example:
      netvalue team coverage ~/team --limit 30
    """
    from netvalue.app.team import coverage as read_coverage

    coverage = read_coverage(folder, limit=limit, engine=engine)
    if as_json:
        emit_json(coverage)
        return
    from rich.table import Table

    for what in ("companies", "domains"):
        table = Table(
            what[:-1] if what == "domains" else "company",
            "contacts",
            "active",
            "members",
            "strongest",
            title=what.capitalize(),
        )
        organisations: Any = coverage[what]
        for c in organisations:
            table.add_row(
                c["name"],
                str(c["contacts"]),
                str(c["active_contacts"]),
                str(c["members"]),
                f"{c['strongest']:.2f}",
            )
        app.console.print(table)


@team.command("overlap")
@_team_dir
@_engine_option
@_limit_option
@json_option
def team_overlap_command(folder: Path, engine: Engine | None, limit: int, as_json: bool) -> None:
    """Contacts several members know, and who should own each relationship (the strongest tie).

    \b
    Example:
      netvalue team overlap ~/team --json
    """
    from netvalue.app.team import overlap as read_overlap

    overlap = read_overlap(folder, limit=limit, engine=engine)
    if as_json:
        emit_json(overlap)
        return
    from rich.table import Table

    table = Table("contact", "company", "known by", "owner", "ties")
    for o in overlap:
        contact: Any = o["contact"]
        tie_list: Any = o["ties"]
        ties = ", ".join(f"{t['member']} {t['strength']:.2f}" for t in tie_list)
        table.add_row(
            str(contact["name"] or "(name not shared)"),
            str(contact["company"] or ""),
            str(contact["known_by"]),
            str(o["owner"]),
            ties,
        )
    app.console.print(table)
