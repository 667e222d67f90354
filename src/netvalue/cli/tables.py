"""Tables that stay readable in a narrow terminal (80 columns): columns chosen by priority, figures
and dates kept whole, and the one column of prose (reasons, notes) wrapped rather than cut.

rich, left to itself, shrinks every column alike: at 80 columns ``ties`` squeezed its reasons to a
word per line and ``people`` cut numbers (``1,11…``).  Here each column says how much it matters; the
least important go first until the rest fit with the prose column at least ``min_width`` wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text

Justify = Literal["left", "right", "center"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: ``priority`` 0 is always shown, higher numbers are dropped first (the rightmost
    first among equals); ``wrap`` marks prose, which takes the width left and wraps at words; other
    columns keep their values on one line, up to ``max_width`` (then they fold)."""

    header: str
    priority: int = 0
    justify: Justify = "left"
    wrap: bool = False
    min_width: int = 20
    max_width: int = 30


def _width(cell: str) -> int:
    try:
        return Text.from_markup(cell).cell_len
    except Exception:  # not valid markup: measured as it is
        return Text(cell).cell_len


def fitted_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    title: str | None = None,
    caption: str | None = None,
) -> Table:
    """A rich table of ``rows`` that fits ``width`` (the console's) with the columns that matter most.

    Optional columns (priority above 0) with no value in any row are left out.  Column widths: each one-line column as wide as its longest value (at most its ``max_width``), each
    prose column at least its ``min_width``; a table row costs 3 characters per column and 1 more for
    the borders."""
    needed = []
    for i, col in enumerate(columns):
        longest = max([_width(col.header), *(_width(row[i]) for row in rows)])
        needed.append(col.min_width if col.wrap else min(longest, max(col.max_width, _width(col.header))))
    # a column with nothing in it (no bridges, no tags) gives its room to the others
    kept = [i for i, col in enumerate(columns) if col.priority == 0 or any(row[i] for row in rows)]

    def total() -> int:
        return sum(needed[i] for i in kept) + 3 * len(kept) + 1

    while total() > width:
        droppable = [i for i in kept if columns[i].priority > 0]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (columns[i].priority, i)))
    table = Table(title=title, caption=caption, caption_justify="left")
    for i in kept:
        col = columns[i]
        if col.wrap:
            table.add_column(col.header, justify=col.justify, min_width=col.min_width, overflow="fold")
        else:
            table.add_column(col.header, justify=col.justify, width=needed[i], overflow="fold")
    for row in rows:
        table.add_row(*(row[i] for i in kept))
    return table
