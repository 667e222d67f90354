"""The shape of an organisation's events, checked before any engine counts them.

Events are Parquet or CSV files with ``sender``, ``recipients`` (a list, or a text of addresses
separated by ``;``, or one recipient per row), ``timestamp`` (epoch seconds, or an ISO 8601 time, UTC
when it has no offset), ``channel`` (optional, ``email`` when absent; ``meeting``/``calendar`` events count
as meetings) and ``group_size`` (optional: the number of recipients of the event; without it, the length
of the list, or for one recipient per row the number of rows with the same sender, timestamp and channel).

A bad event (no sender, no recipient, a time that is neither, before 1970, or a group size under 1) is
one error naming the file and its row; nothing is written.  The check runs in DuckDB on local files
(both engines use it); files on object storage are checked by the engine that reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from netvalue.errors import ImportFormatError, UsageError

Format = Literal["parquet", "csv"]
REQUIRED = ("sender", "timestamp")


@dataclass(frozen=True, slots=True)
class EventFiles:
    """The event files and what their columns are."""

    paths: tuple[str, ...]
    format: Format
    columns: dict[str, str]  # column name -> DuckDB or Spark type name, lower-cased

    @property
    def remote(self) -> bool:
        return any("://" in p for p in self.paths)

    @property
    def recipient_column(self) -> str:
        return "recipients" if "recipients" in self.columns else "recipient"

    @property
    def recipients_are_list(self) -> bool:
        kind = self.columns.get(self.recipient_column, "")
        return kind.endswith("[]") or kind.startswith("array") or kind.startswith("list")


def default_max_group() -> int:
    """The largest group an event may have and still count (the personal import's bulk rule)."""
    from netvalue.importers.base import ImportOptions

    return ImportOptions().max_group


def event_files(inputs: Sequence[str]) -> tuple[tuple[str, ...], Format]:
    """The files named (a folder stands for its ``*.parquet`` or ``*.csv`` files) and their format."""
    paths: list[str] = []
    for item in inputs:
        if "://" in item:
            paths.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(path.glob("*.parquet")) or sorted(path.glob("*.csv"))
            if not found:
                raise UsageError(f"{item}: holds no .parquet or .csv files")
            paths.extend(str(p) for p in found)
        elif path.is_file():
            paths.append(str(path))
        else:
            raise UsageError(f"{item}: no such file or folder")
    suffixes = {Path(p.rstrip("/")).suffix.lower() for p in paths}
    if suffixes <= {".parquet", ".pq"}:
        return tuple(paths), "parquet"
    if suffixes <= {".csv"}:
        return tuple(paths), "csv"
    raise UsageError("events must be all Parquet (.parquet) or all CSV (.csv) files")


def duckdb_reader(paths: Sequence[str], fmt: Format, *, row_numbers: bool = False) -> str:
    """The DuckDB table function that reads the files (CSV as text: the check parses it)."""
    listed = "[" + ", ".join(_quote(p) for p in paths) + "]"
    if fmt == "parquet":
        extra = ", file_row_number = true" if row_numbers else ""
        return f"read_parquet({listed}, union_by_name = true, filename = true{extra})"
    return f"read_csv({listed}, header = true, all_varchar = true, union_by_name = true, filename = true)"


def describe(con: Any, paths: Sequence[str], fmt: Format) -> EventFiles:
    """Read the column names and types (DuckDB connection ``con``); missing columns are an error."""
    try:
        rows = con.sql(f"DESCRIBE SELECT * FROM {duckdb_reader(paths, fmt)}").fetchall()
    except Exception as exc:  # duckdb raises many kinds; all mean the files cannot be read as events
        raise ImportFormatError(paths[0], f"cannot be read as {fmt} events ({_first_line(exc)})") from exc
    columns = {str(name).lower(): str(kind).lower() for name, kind, *_ in rows}
    columns.pop("filename", None)
    missing = [c for c in REQUIRED if c not in columns]
    if "recipients" not in columns and "recipient" not in columns:
        missing.append("recipients")
    if missing:
        raise ImportFormatError(
            paths[0], f"has no column {', '.join(missing)} (events need sender, recipients, timestamp)"
        )
    return EventFiles(tuple(paths), fmt, columns)


def time_expression(kind: str, column: str = "timestamp", dialect: str = "duckdb") -> str:
    """Epoch seconds (BIGINT, NULL when unreadable) from a timestamp column of type ``kind``."""
    col = f'"{column}"' if dialect == "duckdb" else f"`{column}`"
    integer = any(kind.startswith(k) for k in ("bigint", "integer", "int", "smallint", "hugeint", "long"))
    if dialect == "duckdb":
        if integer:
            return f"CAST({col} AS BIGINT)"
        if kind.startswith("timestamp"):
            return f"CAST(epoch({col}) AS BIGINT)"
        return (
            f"COALESCE(TRY_CAST({col} AS BIGINT), "
            f"CAST(epoch(TRY_CAST(replace(replace({col}, 'T', ' '), 'Z', '') AS TIMESTAMP)) AS BIGINT))"
        )
    if integer:
        return f"CAST({col} AS BIGINT)"
    if kind.startswith("timestamp"):
        return f"unix_timestamp({col})"
    return (
        f"COALESCE(try_cast({col} AS BIGINT), "
        f"unix_timestamp(try_to_timestamp(replace(replace({col}, 'T', ' '), 'Z', ''), 'yyyy-MM-dd HH:mm:ss')))"
    )


def check_events(con: Any, files: EventFiles) -> int:
    """Raise :class:`ImportFormatError` naming the file and row of the first bad event; return the row
    count.  Counts in parallel first; only when something is wrong does it look for the row."""
    bad = _bad_condition(files)
    reader = duckdb_reader(files.paths, files.format, row_numbers=files.format == "parquet")
    counted = first_row(con, f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {bad}) FROM {reader}")
    total, wrong = counted if counted is not None else (0, 0)
    if not wrong:
        return int(total)
    for path in files.paths:
        one = EventFiles((path,), files.format, files.columns)
        reader = duckdb_reader(one.paths, one.format, row_numbers=one.format == "parquet")
        if files.format == "parquet":
            query = f"SELECT file_row_number + 1, {_reason(one)} FROM {reader} WHERE {bad} ORDER BY 1 LIMIT 1"
        else:
            con.sql("SET threads = 1")  # row_number() OVER () follows the file only in one thread
            query = (
                f"SELECT n, why FROM (SELECT row_number() OVER () AS n, {_reason(one)} AS why, {bad} AS bad "
                f"FROM {reader}) WHERE bad ORDER BY n LIMIT 1"
            )
        found = first_row(con, query)
        if found:
            row, why = int(found[0]), str(found[1])
            if files.format == "csv":
                raise ImportFormatError(Path(path).name, f"bad event: {why}", line=row + 1)
            raise ImportFormatError(Path(path).name, f"row {row}: bad event: {why}")
    raise ImportFormatError(files.paths[0], "bad event")  # pragma: no cover - the count said so


def _bad_condition(files: EventFiles) -> str:
    t = time_expression(files.columns["timestamp"])
    rc = f'"{files.recipient_column}"'
    if files.recipients_are_list:
        no_recipient = (
            f"({rc} IS NULL OR len({rc}) = 0 OR list_contains({rc}, NULL) OR list_contains({rc}, ''))"
        )
    else:
        no_recipient = f"({rc} IS NULL OR trim(CAST({rc} AS VARCHAR)) = '')"
    parts = [
        "(sender IS NULL OR trim(CAST(sender AS VARCHAR)) = '')",
        no_recipient,
        f"({t}) IS NULL",
        f"({t}) < 0",
    ]
    if "group_size" in files.columns:
        parts.append("(TRY_CAST(group_size AS BIGINT) IS NULL OR TRY_CAST(group_size AS BIGINT) < 1)")
    return "(" + " OR ".join(parts) + ")"


def _reason(files: EventFiles) -> str:
    t = time_expression(files.columns["timestamp"])
    rc = f'"{files.recipient_column}"'
    empty_list = f"len({rc}) = 0 OR list_contains({rc}, NULL) OR list_contains({rc}, '')"
    no_recipient = (
        f"{rc} IS NULL OR {empty_list}"
        if files.recipients_are_list
        else f"{rc} IS NULL OR trim(CAST({rc} AS VARCHAR)) = ''"
    )
    group = (
        "WHEN TRY_CAST(group_size AS BIGINT) IS NULL OR TRY_CAST(group_size AS BIGINT) < 1 "
        "THEN 'group_size ' || coalesce(CAST(group_size AS VARCHAR), '(empty)') || ' is not a count of 1 or more' "
        if "group_size" in files.columns
        else ""
    )
    return (
        "CASE WHEN sender IS NULL OR trim(CAST(sender AS VARCHAR)) = '' THEN 'no sender' "
        f"WHEN {no_recipient} THEN 'no recipient' "
        f"WHEN ({t}) IS NULL THEN 'timestamp ' || coalesce(CAST(\"timestamp\" AS VARCHAR), '(empty)') "
        "|| ' is neither epoch seconds nor an ISO 8601 time' "
        f"WHEN ({t}) < 0 THEN 'timestamp before 1970' {group}ELSE 'bad event' END"
    )


def first_row(con: Any, query: str) -> tuple[Any, ...] | None:
    """The first row of a query's result (DuckDB), or ``None``; the result is read to its end."""
    rows = con.execute(query).fetchall()
    return tuple(rows[0]) if rows else None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


PEOPLE_COLUMNS = ("person", "department", "manager", "title", "location")


def read_people(path: Path) -> pa.Table:
    """The people table (CSV or Parquet): ``person`` and any of ``department``, ``manager``, ``title``,
    ``location``, as text.  A row without a person, or a person listed twice, is an error naming the row."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            table = pq.read_table(path)
        else:
            table = pacsv.read_csv(
                path, convert_options=pacsv.ConvertOptions(strings_can_be_null=True, column_types=None)
            )
    except (OSError, pa.ArrowInvalid) as exc:
        raise ImportFormatError(path.name, f"cannot be read as a people table ({_first_line(exc)})") from exc
    table = table.rename_columns([c.lower() for c in table.column_names])
    if "person" not in table.column_names:
        raise ImportFormatError(
            path.name, "has no column person (a people table needs person, department, ...)"
        )
    kept = [c for c in PEOPLE_COLUMNS if c in table.column_names]
    table = table.select(kept)
    table = pa.table({c: table.column(c).cast(pa.string()) for c in kept})
    seen: set[str] = set()
    csv_offset = 1 if path.suffix.lower() == ".csv" else 0
    for i, person in enumerate(table.column("person").to_pylist(), start=1):
        if person is None or not person.strip():
            raise ImportFormatError(path.name, "a row without a person", line=i + csv_offset)
        if person in seen:
            raise ImportFormatError(path.name, f"{person!r} is listed twice", line=i + csv_offset)
        seen.add(person)
    return table
