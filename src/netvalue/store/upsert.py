"""One way to write a source-owned row: ``INSERT ... ON CONFLICT(key) DO UPDATE`` of the columns the source
owns, only when one of them changed (sqlite-utils' upsert; style.md "idempotent imports by construction").

An update that changes nothing is not made, so ``Connection.total_changes`` counts what an import really
changed, and a re-import of the same export writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def upsert(
    table: str,
    columns: Sequence[str],
    *,
    key: Sequence[str],
    update: Sequence[str] | None = None,
    values: Mapping[str, str] | None = None,
    when: str | None = None,
    guard: str | None = None,
) -> str:
    """The statement that inserts a row of ``columns`` into ``table`` or, on a conflict of ``key``, sets
    ``update`` (default: every column not in ``key``) to the offered values where any of them differs.

    ``values``: a column's placeholder when it is not ``?`` (``NULLIF(?, 0)`` for a nullable stand-in).
    ``when``: the update's condition instead of "any updated column differs" (e.g. "only a later date");
    ``guard``: a condition the update needs besides it (e.g. that a hashed key really is the same key).
    """
    statement = insert(table, columns, values=values)
    updated = [c for c in columns if c not in key] if update is None else list(update)
    if not updated:
        return f"{statement} ON CONFLICT({', '.join(key)}) DO NOTHING"
    assignments = ", ".join(f"{c} = excluded.{c}" for c in updated)
    condition = when or " OR ".join(f"{table}.{c} IS NOT excluded.{c}" for c in updated)
    if guard:
        condition = f"{guard} AND ({condition})"
    return f"{statement} ON CONFLICT({', '.join(key)}) DO UPDATE SET {assignments} WHERE {condition}"


def insert(table: str, columns: Sequence[str], *, values: Mapping[str, str] | None = None) -> str:
    """The plain ``INSERT`` of :func:`upsert`'s row (cheaper when no row can conflict)."""
    placeholders = ", ".join((values or {}).get(c, "?") for c in columns)
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({placeholders})"
