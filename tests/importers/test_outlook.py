"""Golden tests of the Outlook contacts CSV importer on tests/fixtures/outlook/contacts.csv (the
header set of Outlook's "Export to a file -> Comma Separated Values", where ``Title`` is the name
prefix and ``Job Title`` the position; fax columns are not phones)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.contacts_csv import OUTLOOK_IMPORTER, read_contacts_bytes, read_outlook
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, PersonRecord
from netvalue.store import Database

CONTACTS = Path(__file__).resolve().parents[1] / "fixtures" / "outlook" / "contacts.csv"


def test_golden_rows() -> None:
    items = list(read_outlook(CONTACTS, ImportOptions()))
    erin, renee = (i for i in items if isinstance(i, PersonRecord))
    assert (erin.name, erin.company, erin.position, erin.source) == (
        "Erin Park",
        "Contoso",
        "VP Finance",
        "outlook",
    )
    assert erin.identities == (
        Identity("email", "erin.park@contoso.com"),
        Identity("email", "erin@parkfamily.org"),
        Identity("phone", "+14255550112"),
        Identity("phone", "+14255550110"),
        Identity("linkedin", "linkedin.com/in/erinpark"),
    )
    assert (renee.name, renee.position) == ("Renée Dubois", "Acheteuse")
    assert [(r.rows, r.skipped) for r in items if isinstance(r, FileRead)] == [(3, 1)]


def test_windows_1252_file_is_read() -> None:
    data = "First Name,Last Name,E-mail Address,Job Title\r\nRenée,Dubois,r@f.fr,Acheteuse\r\n".encode(
        "cp1252"
    )
    (renee, _) = list(read_contacts_bytes(data, "x.csv", "outlook"))
    assert isinstance(renee, PersonRecord)
    assert renee.name == "Renée Dubois"


def test_detect() -> None:
    assert OUTLOOK_IMPORTER.detect(CONTACTS)
    assert not OUTLOOK_IMPORTER.detect(CONTACTS.parent.parent / "google" / "contacts.csv")


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, CONTACTS, source="outlook").totals["added"] == 2
    assert run_import(db, CONTACTS, source="outlook", options=ImportOptions(force=True)).totals["added"] == 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_rows_give_records_or_import_error(body: str) -> None:
    header = "First Name,Middle Name,Last Name,Title,E-mail Address,Business Phone,Job Title,Web Page\r\n"
    try:
        items = list(read_contacts_bytes((header + body).encode(), "fuzz.csv", "outlook"))
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)
