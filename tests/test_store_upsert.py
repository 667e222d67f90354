"""store/upsert.py: the one upsert every source-owned row goes through."""

from __future__ import annotations

import sqlite3

from netvalue.store.upsert import upsert


def _table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(k TEXT PRIMARY KEY, a TEXT, b INTEGER, first_seen INTEGER)")
    return conn


def test_an_unchanged_row_is_not_written_again_and_a_changed_one_is_updated() -> None:
    conn = _table()
    sql = upsert("t", ("k", "a", "b", "first_seen"), key=("k",), update=("a", "b"))
    conn.execute(sql, ("x", "one", 1, 10))
    before = conn.total_changes
    conn.execute(sql, ("x", "one", 1, 99))
    assert conn.total_changes == before  # nothing the source owns changed: no write
    conn.execute(sql, ("x", "two", 1, 99))
    assert conn.total_changes == before + 1
    assert conn.execute("SELECT a, b, first_seen FROM t").fetchall() == [("two", 1, 10)]


def test_placeholders_a_condition_and_a_guard() -> None:
    conn = _table()
    sql = upsert(
        "t",
        ("k", "a", "b"),
        key=("k",),
        values={"a": "NULLIF(?, 0)"},
        when="t.b < excluded.b",
        guard="excluded.a IS NOT NULL",
    )
    conn.execute(sql, ("x", 0, 5))
    assert conn.execute("SELECT a, b FROM t").fetchone() == (None, 5)
    conn.execute(sql, ("x", "later", 4))  # b not larger: kept
    conn.execute(sql, ("x", 0, 9))  # guard: a is NULL: kept
    assert conn.execute("SELECT a, b FROM t").fetchone() == (None, 5)
    conn.execute(sql, ("x", "later", 9))
    assert conn.execute("SELECT a, b FROM t").fetchone() == ("later", 9)
