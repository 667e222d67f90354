"""The generic CSV importer on tests/fixtures/csv/people.csv with a --map of its columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError, UsageError
from netvalue.importers.base import ImportOptions
from netvalue.importers.generic_csv import detect, parse_date, parse_mapping, read_csv, read_csv_bytes
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, PersonRecord
from netvalue.store import Database

PEOPLE = Path(__file__).resolve().parents[1] / "fixtures" / "csv" / "people.csv"
MAPPING = parse_mapping(
    (
        "Full name=name",
        "E-mail=email",
        "Employer=company",
        "Role=position",
        "Mobile=phone",
        "Met on=connected_on",
    )
)


def test_golden_rows() -> None:
    items = list(read_csv(PEOPLE, ImportOptions(mapping=MAPPING)))
    kenji, maria = (i for i in items if isinstance(i, PersonRecord))
    assert kenji.identities == (Identity("email", "kenji@sato.jp"), Identity("phone", "+819012345678"))
    assert (kenji.name, kenji.company, kenji.position) == ("Kenji Sato", "Sony", "Engineer")
    assert (kenji.is_connection, kenji.connected_on, kenji.relation) == (
        True,
        1684281600,
        "connection",
    )  # 2023-05-17
    assert (maria.name, maria.is_connection, maria.relation) == ("Lopez, Maria", False, "contact")
    assert [(r.rows, r.skipped) for r in items if isinstance(r, FileRead)] == [(3, 1)]


def test_missing_mapped_column_names_it() -> None:
    with pytest.raises(ImportFormatError, match="has no column 'Phone'"):
        list(read_csv(PEOPLE, ImportOptions(mapping=(("Phone", "phone"),))))


def test_mapping_is_checked() -> None:
    assert parse_mapping(("a=b=email",)) == (("a=b", "email"),)
    with pytest.raises(UsageError, match="not a field"):
        parse_mapping(("E-mail=mail",))
    with pytest.raises(UsageError, match="COLUMN=FIELD"):
        parse_mapping(("email",))
    with pytest.raises(UsageError, match="needs a mapping"):
        list(read_csv(PEOPLE, ImportOptions()))


def test_parse_date() -> None:
    assert parse_date("2023-05-17") == 1684281600
    assert parse_date("17 May 2023") == 1684281600
    assert parse_date("soon") is None


def test_never_detected() -> None:
    assert not detect(PEOPLE)


def test_reimport_adds_nothing(db: Database) -> None:
    options = ImportOptions(mapping=MAPPING)
    assert run_import(db, PEOPLE, source="csv", options=options).totals["added"] == 2
    again = ImportOptions(mapping=MAPPING, force=True)
    assert run_import(db, PEOPLE, source="csv", options=again).totals["added"] == 0


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_any_rows_give_records_or_import_error(body: str) -> None:
    mapping = (("a", "name"), ("b", "email"), ("c", "connected_on"))
    try:
        items = list(read_csv_bytes(("a,b,c\r\n" + body).encode(), "fuzz.csv", mapping))
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)
