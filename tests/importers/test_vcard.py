"""Golden tests of the vCard importer on tests/fixtures/vcard/contacts.vcf (CRLF).

The file holds: a 2.1 Outlook card (quoted-printable name with a soft line break, bare type
parameters, a QP note), a 3.0 Apple card (``itemN.`` groups, X-ABLabel, ``http\\://`` escapes, a
folded base64 photo), a lowercase 4.0 card (``\\,`` ``\\;`` ``\\n`` escapes, an address folded
mid-word, a ``tel:`` URI), a malformed card (a line without a colon), a card with only a name, and
a card that names nobody.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.vcard import detect, read_vcard_bytes, read_vcards, unfold
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, PersonRecord
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcard"
CONTACTS = FIXTURES / "contacts.vcf"


def persons(path: Path, options: ImportOptions | None = None) -> list[PersonRecord]:
    return [i for i in read_vcards(path, options or ImportOptions()) if isinstance(i, PersonRecord)]


def test_golden_cards() -> None:
    found = persons(CONTACTS)
    assert [(p.name, p.first_name, p.last_name, p.company, p.position) for p in found] == [
        ("Jürgen Müller", "Jürgen", "Müller", "Acme GmbH", "Head of Sales"),
        ("Linh Nguyen", "Linh", "Nguyen", "Blue Harbor Ltd.", "CTO"),
        ("O'Brien, Siobhán", "Siobhán", "O'Brien", None, "Director; Partnerships EMEA"),
        ("Grandma", "Grandma", None, None, None),
    ]
    assert found[0].identities == (
        Identity("email", "juergen.mueller@acme.de"),
        Identity("phone", "+49301234567"),  # the national mobile 0171… is not valid in the default region US
    )
    assert found[1].identities == (
        Identity("email", "linh@blueharbor.io"),
        Identity("email", "linh.nguyen@gmail.com"),
        Identity("phone", "+14155550132"),
        Identity("linkedin", "linkedin.com/in/linh-nguyen-42"),
    )
    assert found[2].identities == (
        Identity("email", "siobhan.obrien@example.ie"),
        Identity("phone", "+35315550199"),
    )
    assert found[3].identities[0].kind == "key"
    assert {p.relation for p in found} == {"contact"}
    assert not any(p.is_connection for p in found)


def test_region_reads_national_numbers() -> None:
    juergen = persons(CONTACTS, ImportOptions(region="DE"))[0]
    assert Identity("phone", "+491712345678") in juergen.identities


def test_malformed_and_empty_cards_are_skipped_and_counted() -> None:
    read = [i for i in read_vcards(CONTACTS, ImportOptions()) if isinstance(i, FileRead)]
    assert [(r.rows, r.skipped) for r in read] == [(6, 2)]


def test_unfold_joins_folds_and_soft_breaks() -> None:
    text = "EMAIL:a@exa\r\n mple.org\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\nb\r\nFN:x"
    assert list(unfold(text)) == ["EMAIL:a@example.org", "NOTE;ENCODING=QUOTED-PRINTABLE:a=\nb", "FN:x"]


def test_not_a_vcard_is_an_import_error() -> None:
    with pytest.raises(ImportFormatError, match="not a vCard"):
        list(read_vcard_bytes(b"name,email\nx,y\n", "x.vcf"))


def test_detect() -> None:
    assert detect(CONTACTS)
    assert detect(FIXTURES)
    assert not detect(FIXTURES.parent / "calendar" / "google.ics")
    assert not detect(FIXTURES.parent / "google" / "contacts.csv")


def test_reimport_adds_nothing(db: Database) -> None:
    first = run_import(db, CONTACTS, source="vcard")
    assert first.totals["added"] == 4
    second = run_import(db, CONTACTS, source="vcard", options=ImportOptions(force=True))
    assert second.totals["added"] == 0
    assert db.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 4


_VCARD_LINES = st.sampled_from(
    [
        "FN:A B",
        "N:B;A;;;",
        "EMAIL:a@b.org",
        "TEL;WORK;VOICE:+1 415 555 0100",
        "URL:https\\://linkedin.com/in/ab",
        "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=BC=",
        "item1.EMAIL;type=INTERNET:x@y.z",
        " folded",
        "BEGIN:VCARD",
        "END:VCARD",
        "ORG:;",
        "PHOTO;ENCODING=b:AAAA",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_VCARD_LINES, st.text(max_size=40)), max_size=15))
def test_any_card_text_gives_records_or_import_error(lines: list[str]) -> None:
    text = "BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
    try:
        items = list(read_vcard_bytes(text.encode("utf-8", errors="surrogatepass"), "fuzz.vcf"))
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)
    assert all(isinstance(i, PersonRecord) for i in items[:-1])


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_records_or_import_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        list(read_vcard_bytes(data, "fuzz.vcf"))


@pytest.mark.realdata
def test_every_real_vcard_imports(shared_data: Path) -> None:
    files = sorted((shared_data / "vcard").glob("*.vcf"))
    assert len(files) >= 18
    clean = 0
    people = 0
    for file in files:
        try:
            found = persons(file)
        except ImportFormatError:
            continue
        clean += 1
        people += len(found)
    print(f"vcard: {clean} of {len(files)} files import cleanly, {people} people")
    assert clean == len(files)
    assert people >= 20
