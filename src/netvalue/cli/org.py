"""``netvalue org``: an organisation's collaboration metadata, from millions to billions of events."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.table import Table

from netvalue.cli.app import as_of_option, console, emit_json, json_option, main, parse_as_of, working
from netvalue.errors import UsageError


@main.group()
def org() -> None:
    """An organisation's network from its collaboration metadata (e-mail, chat, meetings).

    \b
    Example:
      netvalue org import-mbox mail/alice mail/bob --out events.parquet
      netvalue org analyse events.parquet --out org-report --people people.csv
    """


@org.command("import-mbox")
@click.argument("mailboxes", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The events file to write (Parquet).",
)
@json_option
def import_mbox(mailboxes: tuple[Path, ...], out: Path, as_json: bool) -> None:
    """Turn many people's mailboxes (mbox, Maildir, .eml) into one events file, each message once
    (de-duplicated across mailboxes), machine and list mail left out.  Headers only.

    \b
    Example:
      netvalue org import-mbox /exports/mail/* --out events.parquet
    """
    try:
        from netvalue.app.org import import_mailboxes
    except ImportError as exc:
        raise UsageError(f"netvalue org needs {exc.name}: pip install 'netvalue[scale]'") from exc

    with working("Reading mailboxes"):
        tally = import_mailboxes(mailboxes, out)
    if as_json:
        emit_json(tally.as_dict() | {"out": str(out)})
        return
    counts = tally.as_dict()
    console.print(
        f"{counts['events']:,} events among {counts['people']:,} people from {counts['messages']:,} messages "
        f"in {counts['mailboxes']} mailboxes -> {out}"
    )
    console.print(
        f"left out: {counts['duplicates']:,} copies, {counts['machine']:,} machine or list mail, "
        f"{counts['malformed']:,} unreadable, {counts['undated']:,} undated, {counts['no_recipient']:,} to nobody"
    )


@org.command("analyse")
@click.argument("events", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Parquet outputs, summary.json and report.html (created 0700).",
)
@click.option(
    "--people",
    "people_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="People table (CSV or Parquet): person, department, manager, title, location.",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="DuckDB (embedded) or Apache Spark (PySpark).",
)
@click.option(
    "--spark-master",
    default=None,
    metavar="URL",
    help="Spark master (default local[*]; e.g. spark://host:7077, yarn, k8s://...).",
)
@click.option(
    "--memory-limit",
    default=None,
    metavar="SIZE",
    help="DuckDB memory limit, e.g. 1GB: larger work spills to a temporary folder.",
)
@click.option("--monthly", is_flag=True, help="Also write ties formed and lost per department and month.")
@click.option(
    "--seed", default=0, show_default=True, help="Seed of community detection and betweenness sampling."
)
@as_of_option
@json_option
def analyse(
    events: tuple[str, ...],
    out: Path,
    people_file: Path | None,
    engine: str,
    spark_master: str | None,
    memory_limit: str | None,
    monthly: bool,
    seed: int,
    as_of: str | None,
    as_json: bool,
) -> None:
    """Ties, their strength and state, brokers, silos and communities of an organisation, from event
    files (Parquet or CSV: sender, recipients, timestamp, channel, group_size), with the personal
    model's definitions.  EVENTS are files or folders (or s3a://... paths with --engine spark).

    \b
    Example:
      netvalue org analyse events.parquet --out report --people people.csv --as-of 2025-12-31
      netvalue org analyse s3a://bucket/events/ --out report --engine spark --spark-master yarn
    """
    try:
        from netvalue.app.org import (
            aggregate_duckdb,
            aggregate_spark,
            default_max_group,
            read_people,
            spark_session,
            write_outputs,
        )
        from netvalue.app.org import analyse as run_analysis
    except ImportError as exc:
        raise UsageError(f"netvalue org needs {exc.name}: pip install 'netvalue[scale]'") from exc

    if spark_master and engine != "spark":
        raise UsageError("--spark-master needs --engine spark")
    moment = parse_as_of(as_of)
    max_group = default_max_group()
    people = read_people(people_file) if people_file else None
    timings: dict[str, float] = {}
    start = time.perf_counter()
    with working(f"Counting events with {engine}"):
        if engine == "spark":
            session = spark_session(spark_master)
            aggregated = aggregate_spark(list(events), moment, max_group, session=session)
        else:
            aggregated = aggregate_duckdb(list(events), moment, max_group, memory_limit=memory_limit)
    timings["aggregate"] = time.perf_counter() - start
    start = time.perf_counter()
    with working("Judging ties and the graph"):
        result = run_analysis(aggregated, moment, people=people, monthly_by_department=monthly, seed=seed)
    timings["graph"] = time.perf_counter() - start
    result.summary["engine"] = engine
    result.summary["seconds"] = {k: round(v, 3) for k, v in timings.items()}
    write_outputs(result, out)
    if as_json:
        emit_json(result.summary | {"out": str(out)})
        return
    summary = result.summary
    table = Table(show_header=False, box=None)
    for key in ("events", "people", "ties", "current_ties", "departments", "communities", "silos", "brokers"):
        table.add_row(
            key.replace("_", " "), f"{summary[key]:,}" if isinstance(summary[key], int) else str(summary[key])
        )
    states = summary["states"]
    assert isinstance(states, dict)
    table.add_row("states", ", ".join(f"{k} {v:,}" for k, v in states.items()))
    agreement = summary.get("communities_against_departments")
    if isinstance(agreement, dict):
        table.add_row("communities vs departments", f"NMI {agreement['nmi']:.3f}, ARI {agreement['ari']:.3f}")
    console.print(table)
    console.print(
        f"Wrote {out}/ (report.html, people/ties/departments/communities/monthly .parquet, summary.json)"
    )
