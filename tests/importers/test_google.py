"""Golden tests of the Google Contacts CSV importer: tests/fixtures/google/contacts.csv (the current
"Google CSV" header set, CRLF, a multi-line note, ``:::`` multi-values with a ``* `` primary label, a row
naming nobody) and legacy.csv (the ``Name,Given Name,…`` header set with a BOM)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.contacts_csv import (
    GOOGLE_IMPORTER,
    csv_kind,
    read_contacts_bytes,
    read_google,
    sniff_kind,
    split_values,
)
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, PersonRecord
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "google"


def persons(path: Path) -> list[PersonRecord]:
    return [i for i in read_google(path, ImportOptions()) if isinstance(i, PersonRecord)]


def test_current_header_set() -> None:
    ana, tom = persons(FIXTURES / "contacts.csv")
    assert (ana.name, ana.first_name, ana.last_name, ana.company, ana.position) == (
        "Ana Clara Souza",
        "Ana",
        "Souza",
        "Lumen Labs",
        "Data Scientist",
    )
    assert ana.identities == (
        Identity("email", "ana@lumenlabs.com"),
        Identity("email", "ana.souza@gmail.com"),
        Identity("phone", "+5511987654321"),
        Identity("linkedin", "linkedin.com/in/anasouza"),
    )
    assert ana.source == "google"
    assert ana.relation == "contact"
    assert tom.identities == (
        Identity("email", "tom@becker.dev"),
        Identity("phone", "+12125550147"),
        Identity("phone", "+12125550148"),
    )


def test_row_naming_nobody_is_skipped_and_counted() -> None:
    read = [i for i in read_google(FIXTURES / "contacts.csv", ImportOptions()) if isinstance(i, FileRead)]
    assert [(r.rows, r.skipped) for r in read] == [(3, 1)]


def test_legacy_header_set() -> None:
    (priya,) = persons(FIXTURES / "legacy.csv")
    assert (priya.name, priya.company, priya.position) == ("Priya Raman", "Tata Elxsi", "Architect")
    assert priya.identities == (
        Identity("email", "priya@raman.in"),
        Identity("email", "priya.r@yahoo.com"),
        Identity("phone", "+919845012345"),
    )


def test_split_values() -> None:
    assert split_values("* a@x.org ::: b@y.org") == ["a@x.org", "b@y.org"]
    assert split_values("") == []


def test_kinds_are_told_apart_by_later_columns() -> None:
    assert (
        csv_kind(["First Name", "Middle Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value"])
        == "google"
    )
    assert (
        csv_kind(["First Name", "Middle Name", "Last Name", "Title", "E-mail Address", "Job Title"])
        == "outlook"
    )
    assert csv_kind(["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]) is None
    assert sniff_kind(FIXTURES / "contacts.csv") == "google"
    assert sniff_kind(FIXTURES / "legacy.csv") == "google"
    assert GOOGLE_IMPORTER.detect(FIXTURES / "legacy.csv")
    assert not GOOGLE_IMPORTER.detect(FIXTURES.parent / "outlook" / "contacts.csv")
    assert not GOOGLE_IMPORTER.detect(FIXTURES)


def test_other_csv_and_non_utf8_are_import_errors() -> None:
    with pytest.raises(ImportFormatError, match="not a Google contacts CSV"):
        list(read_contacts_bytes(b"a,b\n1,2\n", "x.csv", "google"))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        list(read_contacts_bytes(b"Name,Given Name,Family Name\n\xe9,x,y\n", "x.csv", "google"))


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, FIXTURES / "contacts.csv", source="google").totals["added"] == 2
    again = run_import(db, FIXTURES / "contacts.csv", source="google", options=ImportOptions(force=True))
    assert again.totals["added"] == 0
    unchanged = run_import(db, FIXTURES / "contacts.csv", source="google")
    assert [f.unchanged for f in unchanged.files] == [True]


HEADER = "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Website 1 - Value\r\n"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_any_rows_give_records_or_import_error(body: str) -> None:
    try:
        items = list(read_contacts_bytes((HEADER + body).encode(), "fuzz.csv", "google"))
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)
    assert all(isinstance(i, PersonRecord) for i in items[:-1])


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_records_or_import_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        list(read_contacts_bytes(data, "fuzz.csv", "google"))
