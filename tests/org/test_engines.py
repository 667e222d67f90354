"""DuckDB and Spark (local mode) give the same pair table and the same results on the same events.

Integers and texts must be equal; sums of floating-point numbers may differ in the last bits (the
engines add in different orders), so they are compared to 1e-12.  One Spark session serves the module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from netvalue.org.analyse import analyse
from netvalue.org.engine import (
    Aggregated,
    aggregate_duckdb,
    aggregate_spark,
    canonical_pairs,
    duckdb_events_sql,
    spark_session,
)
from netvalue.org.events import describe, event_files
from netvalue.org.pairs_sql import pair_sql, years_back
from netvalue.org.synthetic import event_batches, people_table

AS_OF = 1_700_000_000 - 30 * 86_400
FLOATS = ("activity_raw", "inv_group_sum", "newman_weight", "usual_gap_days")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[1]", partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("engines")
    table = pa.concat_tables(list(event_batches(3000, 80, seed=5, department_size=10, days=900)))
    pq.write_table(table, folder / "events.parquet")
    # the same events as CSV, one row per recipient, with ISO times: the other reading path
    rows = [
        {"sender": r["sender"], "recipients": x, "timestamp": _iso(r["timestamp"]), "channel": r["channel"]}
        for r in table.to_pylist()
        for x in r["recipients"]
    ]
    pacsv.write_csv(pa.Table.from_pylist(rows), folder / "events.csv")
    return folder


def _iso(epoch: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def assert_same(left: Aggregated, right: Aggregated) -> None:
    assert left.people == right.people and left.events == right.events
    assert (left.first_time, left.last_time) == (right.first_time, right.last_time)
    assert left.pairs.column_names == right.pairs.column_names
    assert left.pairs.num_rows == right.pairs.num_rows > 500
    for name in left.pairs.column_names:
        a, b = left.pairs.column(name).to_pylist(), right.pairs.column(name).to_pylist()
        if name in FLOATS:
            np.testing.assert_allclose(
                np.array(a, dtype=float), np.array(b, dtype=float), rtol=1e-12, err_msg=name
            )
        else:
            assert a == b, name


def test_duckdb_and_spark_count_the_same(spark: Any, events: Path) -> None:
    parquet = str(events / "events.parquet")
    duck = aggregate_duckdb([parquet], AS_OF, 4)
    assert_same(duck, aggregate_spark([parquet], AS_OF, 4, session=spark))
    # one row per recipient in CSV with ISO times: the group size comes from the rows of one event
    csv = str(events / "events.csv")
    duck_csv = aggregate_duckdb([csv], AS_OF, 4)
    assert_same(duck_csv, aggregate_spark([csv], AS_OF, 4, session=spark))
    # DuckDB in pieces (pairs split across Parquet files, the query run on each) counts the same as
    # Spark running the query over the whole set at once
    pieced = aggregate_duckdb([parquet], AS_OF, 4, chunk_events=700)
    assert_same(pieced, aggregate_spark([parquet], AS_OF, 4, session=spark))
    for name in ("a", "b", "sent", "received", "last_two_way", "usual_gap_days"):
        assert duck_csv.pairs.column(name).to_pylist() == duck.pairs.column(name).to_pylist(), name


def test_both_engines_give_the_same_analysis(spark: Any, events: Path) -> None:
    parquet = str(events / "events.parquet")
    people = people_table(80, 10)
    duck = analyse(aggregate_duckdb([parquet], AS_OF, 4), AS_OF, people=people)
    sparked = analyse(aggregate_spark([parquet], AS_OF, 4, session=spark), AS_OF, people=people)
    for stem in ("ties", "people", "departments", "communities", "monthly"):
        left, right = duck.tables[stem], sparked.tables[stem]
        assert left.column_names == right.column_names
        for name in left.column_names:
            a, b = left.column(name).to_pylist(), right.column(name).to_pylist()
            if pa.types.is_floating(left.schema.field(name).type):
                np.testing.assert_allclose(
                    np.array(a, dtype=float), np.array(b, dtype=float), rtol=1e-9, err_msg=f"{stem}.{name}"
                )
            else:
                assert a == b, f"{stem}.{name}"


def test_duckdb_in_pieces_and_in_one_go_count_as_one_query(events: Path, tmp_path: Path) -> None:
    """DuckDB in pieces (Parquet files split by pair, the query run on each) and in one go over the
    source give the same table as the query run once over the events, with names whose byte order is
    not their alphabetical order (capitals, accents) deciding which member is ``a``."""
    import duckdb

    table = pq.read_table(events / "events.parquet")
    odd = ["Zoe", "adam", "Émile", "émile", "bob"]
    extra = pa.table(
        {
            "sender": [odd[i % 5] for i in range(40)],
            "recipients": [[odd[(i + 1 + i % 3) % 5]] for i in range(40)],
            "timestamp": [AS_OF - 86_400 * (3 * i + 1) - i for i in range(40)],
            "channel": ["email"] * 39 + ["meeting"],
        }
    )
    path = tmp_path / "events.parquet"
    pq.write_table(pa.concat_tables([table, extra.cast(table.schema)]), path)
    pieced = aggregate_duckdb([str(path)], AS_OF, 4, chunk_events=900)
    assert_same(pieced, aggregate_duckdb([str(path)], AS_OF, 4))
    con = duckdb.connect()
    files = describe(con, *event_files([str(path)]))
    con.sql(f"CREATE TEMPORARY VIEW events AS {duckdb_events_sql(files)}")
    first = con.sql("SELECT MIN(t) FROM events").fetchall()[0][0]
    whole = con.sql(pair_sql("duckdb", AS_OF, 4, years=years_back(AS_OF, first))).to_arrow_table()
    once = Aggregated(
        canonical_pairs(whole), pieced.people, pieced.events, pieced.first_time, pieced.last_time
    )
    assert {"Zoe", "adam", "Émile", "émile"} <= set(pieced.people)
    assert pieced.people == sorted(pieced.people)
    assert_same(pieced, once)
