"""``ties``, ``value``, ``rate``, ``model``, ``explain``: the judgment of every tie, what the network is
worth, and the user's corrections."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import click
from rich.table import Table

from netvalue.app.database import Database
from netvalue.app.people import find_person, person_name, rate_people, rate_person
from netvalue.app.ties import (
    ACTIVE_CAPACITY,
    evidence_age,
    load_ties,
    model_report,
    recalibrate,
    save_value_coefficient,
    tie_filter,
    value_report,
)
from netvalue.app.vocabulary import DUNBAR_LAYERS, TIERS, Tier, all_topics, get_topic
from netvalue.cli.app import (
    as_of_day,
    as_of_option,
    console,
    emit_json,
    err_console,
    json_option,
    limit_option,
    main,
    no_limit_if_zero,
    open_db,
    parse_as_of,
    warn_if_stale,
    working,
)
from netvalue.cli.tables import Column, fitted_table
from netvalue.errors import UsageError


@main.command()
@click.option("--tier", type=click.Choice(TIERS, case_sensitive=False), default=None, help="Only this tier.")
@click.option("--dormant", is_flag=True, help="Only dormant ties (once strong, silent 12 months or more).")
@limit_option("people")
@as_of_option
@json_option
@click.pass_context
def ties(
    ctx: click.Context, tier: str | None, dormant: bool, limit: int | None, as_of: str | None, as_json: bool
) -> None:
    """People ranked by tie strength, with tier, activity, history, dormant flag and reasons.

    \b
    Example:
      netvalue ties --limit 20
      netvalue ties --tier "inner circle" --json
      netvalue ties --dormant --as-of 2025-12-31
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Judging your ties"):
        table = load_ties(db, moment)
        age = evidence_age(db, moment)
    order = table.ranked_rows(tie_filter(table, tier, dormant))
    limit = no_limit_if_zero(limit)
    rows = [table.score(i) for i in (order if limit is None else order[:limit])]
    if as_json:
        emit_json([s.as_dict() for s in rows])
        return
    warn_if_stale(age)
    columns = (
        Column("id", justify="right"),
        Column("name", max_width=22),
        Column("tier", priority=1),
        Column("strength", justify="right"),
        Column("activity", priority=3, justify="right"),
        Column("history", priority=3, justify="right"),
        Column("why", wrap=True, min_width=24),
    )
    cells = []
    for s in rows:
        flag = (
            "deep dormant: "
            if s.deep_dormant
            else "dormant: "
            if s.dormant
            else "lapsing: "
            if s.lapsing
            else ""
        )
        cells.append(
            (
                str(s.person_id),
                s.name,
                s.tier,
                f"{s.strength:.2f}",
                f"{s.activity:.2f}",
                f"{s.history:.2f}",
                flag + "; ".join(s.reasons),
            )
        )
    out = fitted_table(columns, cells, width=console.width, title=f"Ties as of {as_of_day(moment)}")
    console.print(out)
    console.print(tier_summary(table.tier_counts))


def tier_summary(counts: Mapping[Tier, int]) -> str:
    """ "Tiers: inner circle 4 (Dunbar ~5), ..." and a warning when more than ~150 ties are active."""
    parts = []
    cumulative = 0
    for name, n in counts.items():
        cumulative += n
        layer = DUNBAR_LAYERS.get(name)
        parts.append(f"{name} {n:,}" + (f" (cumulative {cumulative:,}; Dunbar ~{layer})" if layer else ""))
    text = "Tiers: " + ", ".join(parts) + "  (netvalue explain dunbar)"
    active = counts.get("inner circle", 0) + counts.get("close", 0) + counts.get("active", 0)
    if active > ACTIVE_CAPACITY:
        text += (
            f"\nWarning: {active:,} ties are active, more than the ~150 people can keep up with "
            "(Dunbar 2020; Miritello et al. 2013)."
        )
    return text


@main.command()
@click.option(
    "--coefficient",
    type=float,
    default=None,
    hidden=True,
    help="Deprecated: use `netvalue settings value-coefficient X`.",
)
@as_of_option
@json_option
@click.pass_context
def value(ctx: click.Context, coefficient: float | None, as_of: str | None, as_json: bool) -> None:
    """The network's indicative yearly value, with the model, the naive contrast and the caveats.

    \b
    Example:
      netvalue value --as-of 2025-12-31 --json
      netvalue settings value-coefficient 1200    # the dollars per active contact: a setting
    """
    moment = parse_as_of(as_of)
    if coefficient is not None:
        err_console.print(
            "Note: --coefficient is deprecated and will go; this time it was saved as with "
            f"`netvalue settings value-coefficient {coefficient:g}`."
        )
    with open_db(ctx) as db, working("Valuing your network"):
        if coefficient is not None:
            save_value_coefficient(db, coefficient)
        data = value_report(db, moment)
    if as_json:
        emit_json(data)
        return
    render_value(data)


def render_value(data: dict[str, object]) -> None:
    coefficient = float(data["coefficient"])  # type: ignore[arg-type]
    console.print(f"[bold]Indicative yearly value: ${float(data['value']):,.0f}[/]")  # type: ignore[arg-type]
    console.print(
        f"  = ${coefficient:,.0f} × {float(data['strength_sum']):.1f} (the sum of tie strength over "  # type: ignore[arg-type]
        f"{data['active_ties']:,} ties with two-way exchange in the last 12 months)"
    )
    console.print(
        f"  naive contrast: all {data['names']:,} names × ${coefficient:,.0f} = ${float(data['naive_value']):,.0f}"  # type: ignore[arg-type]
    )
    console.print(
        f"  in {data['dormant_ties']:,} dormant ties a message could revive: ${float(data['dormant_value']):,.0f}"  # type: ignore[arg-type]
    )
    console.print(f"Source: {data['source']}")
    console.print("[bold]Caveats[/]")
    for caveat in data["caveats"]:  # type: ignore[attr-defined]
        console.print(f"  - {caveat}")


@main.command()
@click.argument("person", required=False)
@click.argument("rating", type=int, required=False)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Rate in bulk from a CSV with columns person,rating.",
)
@click.pass_context
def rate(ctx: click.Context, person: str | None, rating: int | None, csv_path: Path | None) -> None:
    """Say how close a person is, 1 (barely) to 5 (very): your rating overrides the score.

    \b
    Example:
      netvalue rate "Ada Lovelace" 5
      netvalue rate ada@example.org 2
      netvalue rate --csv ratings.csv
    """
    with open_db(ctx) as db:
        if csv_path is not None:
            if person is not None:
                raise UsageError("give either PERSON RATING or --csv FILE, not both")
            pairs = _read_ratings_csv(csv_path)
            resolved = [(find_person(db, who), value, line) for who, value, line in pairs]
            for _, value, line in resolved:
                _check_rating(value, f"{csv_path.name}, line {line}")
            rate_people(db, [(pid, value) for pid, value, _ in resolved])
            console.print(f"Rated {len(resolved):,} people from {csv_path.name}.")
            _recalibrate(db)
            return
        if person is None or rating is None:
            raise UsageError("give PERSON and RATING (1..5), e.g. netvalue rate 'Ada Lovelace' 4")
        _check_rating(rating, "RATING")
        pid = find_person(db, person)
        rate_person(db, pid, rating)
        console.print(f"Rated {person_name(db, pid)} {rating}/5.")
        _recalibrate(db)


def _recalibrate(db: Database) -> None:
    model = recalibrate(db, parse_as_of(None))
    if model is not None:
        console.print(f"Tie strength weights {model.source} (netvalue model shows how well they agree).")


def _check_rating(value: int, where: str) -> None:
    if not 1 <= value <= 5:
        raise UsageError(f"{where}: a rating is a whole number from 1 to 5, not {value}")


def _read_ratings_csv(path: Path) -> list[tuple[str, int, int]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = {name.strip().lower(): name for name in reader.fieldnames or []}
            if "person" not in fields or "rating" not in fields:
                raise UsageError(f"{path.name}: needs the columns person,rating")
            out: list[tuple[str, int, int]] = []
            for line, row in enumerate(reader, start=2):
                who = (row.get(fields["person"]) or "").strip()
                raw = (row.get(fields["rating"]) or "").strip()
                if not who:
                    continue
                try:
                    out.append((who, int(raw), line))
                except ValueError:
                    raise UsageError(
                        f"{path.name}, line {line}: rating {raw!r} is not a whole number"
                    ) from None
            return out
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path.name}: not a UTF-8 CSV file") from exc


@main.command()
@as_of_option
@json_option
@click.pass_context
def model(ctx: click.Context, as_of: str | None, as_json: bool) -> None:
    """Fit the tie-strength weights to your ratings (20 or more) and show how well each model agrees.

    \b
    Example:
      netvalue model
      netvalue model --json
    """
    moment = parse_as_of(as_of)
    with open_db(ctx) as db, working("Comparing the models with your ratings"):
        data = model_report(db, moment)
    if as_json:
        emit_json(data)
        return
    n, needed = int(data["ratings"]), int(data["needed"])  # type: ignore[call-overload]
    if data["agreement"] is None:
        console.print(f"{n} ratings so far; rate {needed - n} more (netvalue rate PERSON 1..5) to calibrate.")
        console.print("Scores use the default weights (netvalue explain ties).")
        return
    agreement: dict[str, dict[str, float | None]] = data["agreement"]  # type: ignore[assignment]
    table = Table(
        "model",
        "Spearman ρ",
        "mean abs. error",
        title=f"Agreement with your {n} ratings ({agreement_folds(data)}-fold cross-validated)",
    )
    for name in ("default", "calibrated"):
        rho = agreement[name]["spearman"]
        table.add_row(name, "-" if rho is None else f"{rho:.3f}", f"{agreement[name]['mae']:.3f}")
    console.print(table)
    weights = Table("feature", "default", "calibrated", title="Weights (saved; used from now on)")
    default_w: dict[str, float] = data["default_model"]["weights"]  # type: ignore[index]
    calibrated_w: dict[str, float] = data["calibrated_model"]["weights"]  # type: ignore[index]
    for name, w in default_w.items():
        weights.add_row(name, f"{w:+.2f}", f"{calibrated_w[name]:+.2f}")
    console.print(weights)


def agreement_folds(data: dict[str, object]) -> int:
    agreement = data["agreement"]
    return int(agreement["folds"]) if isinstance(agreement, dict) else 0


@main.command()
@click.argument("topic", required=False)
@json_option
def explain(topic: str | None, as_json: bool) -> None:
    """Every formula and default, with its source.  Without TOPIC: the list of topics.

    \b
    Example:
      netvalue explain
      netvalue explain ties
    """
    if topic is None:
        topics = all_topics()
        if as_json:
            emit_json([t.as_dict() for t in topics])
            return
        for t in topics:
            console.print(f"[bold]{t.name:<14}[/] {t.title}")
        console.print("netvalue explain TOPIC shows one.")
        return
    found = get_topic(topic)
    if as_json:
        emit_json(found.as_dict())
        return
    console.print(f"[bold]{found.title}[/]\n")
    console.print(found.text, markup=False, soft_wrap=True)
    if found.sources:
        console.print("\n[bold]Sources[/]")
        for source in found.sources:
            console.print(f"  - {source}", markup=False, soft_wrap=True)
