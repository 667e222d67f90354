"""Output a newcomer can read (issue 17): tables that fit 80 columns without cutting figures or
squeezing reasons to a word a line, hints that keep their ``--db``, and empty results that say why."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from netvalue.cli.demo import demo_hints
from netvalue.cli.structure import _no_hangouts
from netvalue.cli.tables import Column, fitted_table

REASON = (
    "56 messages both ways in the last year; 28 meetings; contact keeps the tie's usual rhythm "
    "(a contact about every 5 days); last two-way contact 2 days ago"
)


def _render(table: object, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(table)
    return out.getvalue().splitlines()


def test_a_narrow_table_drops_the_least_important_columns_and_wraps_the_reasons() -> None:
    columns = (
        Column("id", justify="right"),
        Column("name"),
        Column("tier", priority=1),
        Column("strength", justify="right"),
        Column("activity", priority=3, justify="right"),
        Column("history", priority=3, justify="right"),
        Column("why", wrap=True, min_width=24),
    )
    rows = [("1", "Leila Johnson", "inner circle", "0.99", "0.91", "0.97", REASON)]
    lines = _render(fitted_table(columns, rows, width=80), 80)
    assert all(len(line) <= 80 for line in lines)
    header = lines[1]
    assert "strength" in header and "tier" in header and "activity" not in header and "history" not in header
    text = " ".join(line.strip("│ ") for line in lines)
    assert "0.99" in text and "…" not in text
    assert len(lines) <= 12  # the reason takes a few lines, not one word a line
    wide = _render(fitted_table(columns, rows, width=160), 160)
    assert "activity" in wide[1] and "history" in wide[1]


def test_figures_are_never_cut() -> None:
    columns = (Column("name", max_width=12), Column("sent", priority=1, justify="right"), Column("x"))
    rows = [("Phillip K Allen the third", "1,119,191", "2001-05-14")]
    text = "\n".join(_render(fitted_table(columns, rows, width=42), 42))
    assert "1,119,191" in text and "2001-05-14" in text and "…" not in text


@pytest.mark.parametrize("explicit", [True, False])
def test_every_hint_after_the_demo_names_its_database(
    explicit: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETVALUE_DB", raising=False)
    hints = demo_hints(Path("/tmp/my demo.db"), explicit=explicit)
    assert hints and all(h.startswith("netvalue --db '/tmp/my demo.db' ") for h in hints)


def test_the_hints_need_no_db_when_the_environment_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETVALUE_DB", "/tmp/demo.db")
    assert all("--db" not in h for h in demo_hints(Path("/tmp/demo.db"), explicit=False))


@pytest.mark.parametrize("by", ["company", "place", "school", "follow", "community"])
def test_empty_hangouts_say_why(by: str) -> None:
    text = _no_hangouts(by, 320)
    assert "320 contacts" in text and "try --by" in text and by not in text.split("try --by")[1]
    assert "import" in _no_hangouts(by, 0)


def test_an_empty_optional_column_gives_its_room_to_the_others() -> None:
    columns = (Column("name"), Column("tags", priority=5), Column("why", wrap=True))
    lines = _render(fitted_table(columns, [("Ada", "", "x")], width=80), 80)
    assert "tags" not in lines[1] and "why" in lines[1]
