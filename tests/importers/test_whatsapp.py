"""Golden tests of the WhatsApp importer on tests/fixtures/whatsapp/: an Android one-to-one chat
(``DD/MM/YY, HH:MM - Name: text``, day-first told by the 25th, a system line, a continuation line; the
counterpart named by the file name) and an iOS US group (``[M/D/YY, H:MM:SS PM]`` with U+202F before PM,
U+200E marks, the group's own system lines, month-first told by the 13th; unzipped into its folder)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.whatsapp import chat_counterpart, detect, read_chat_bytes, read_whatsapp
from netvalue.importing import run_import
from netvalue.records import FileRead, Identity, ImportItem, InteractionRecord, OwnerRecord, PersonRecord
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
ANDROID = FIXTURES / "WhatsApp Chat with Jane Doe.txt"
IOS = FIXTURES / "WhatsApp Chat - Book club"
ME = ImportOptions(extra=(("whatsapp_me", "Maya Chen"),))


def read(path: Path, options: ImportOptions | None = None) -> list[ImportItem]:
    return list(read_whatsapp(path, options or ImportOptions()))


def messages(items: list[ImportItem]) -> list[tuple[str, str, int | None, int]]:
    return [
        (m.person.value, m.direction, m.occurred_at, m.group_size)
        for m in items
        if isinstance(m, InteractionRecord)
    ]


def test_android_one_to_one() -> None:
    items = read(ANDROID)
    assert [i for i in items if isinstance(i, OwnerRecord)] == [
        OwnerRecord("whatsapp", identities=(Identity("whatsapp", "Sam Lee"),))
    ]
    assert messages(items) == [
        ("Jane Doe", "received", 1705050900, 1),  # 12 Jan 2024 09:15 (day-first)
        ("Jane Doe", "sent", 1705051020, 1),
        ("Jane Doe", "received", 1706205720, 1),  # 25 Jan 2024 18:02
        ("Jane Doe", "sent", 1706205780, 1),
    ]
    sent = [m for m in items if isinstance(m, InteractionRecord) and m.direction == "sent"]
    assert sent[0].length == len("Yes\nsee you at 7")  # the continuation line joins its message
    assert [(r.rows, r.skipped) for r in items if isinstance(r, FileRead)] == [(5, 1)]


def test_ios_group_with_owner_named() -> None:
    items = read(IOS, ME)
    assert messages(items) == [
        ("+1 (415) 555-0177", "sent", 1704490930, 2),  # 5 Jan 2024 9:42:10 PM
        ("Leo Grant", "sent", 1704490930, 2),
        ("+1 (415) 555-0177", "received", 1704490980, 2),
        ("+1 (415) 555-0177", "sent", 1704528312, 2),  # the image, 6 Jan 8:05:12 AM
        ("Leo Grant", "sent", 1704528312, 2),
        ("Leo Grant", "received", 1705149000, 2),  # 13 Jan 12:30 PM (month-first)
    ]
    people = [p.identities for p in items if isinstance(p, PersonRecord)]
    assert people == [
        (Identity("whatsapp", "+1 (415) 555-0177"), Identity("phone", "+14155550177")),
        (Identity("whatsapp", "Leo Grant"),),
    ]
    assert [(r.rows, r.skipped) for r in items if isinstance(r, FileRead)] == [(6, 2)]


def test_group_without_owner_counts_every_message_as_received() -> None:
    assert {d for _, d, _, _ in messages(read(IOS))} == {"received"}


def test_ios_zip(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat - Book club.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(IOS / "_chat.txt", "_chat.txt")
    assert detect(archive)
    assert len(messages(read(archive, ME))) == 6


def test_counterpart_from_file_name() -> None:
    assert chat_counterpart("WhatsApp Chat with Jane Doe.txt") == "Jane Doe"
    assert chat_counterpart("WhatsApp Chat - Book club.zip") == "Book club"
    assert chat_counterpart("notes.txt") is None


def test_not_a_chat_is_an_import_error() -> None:
    with pytest.raises(ImportFormatError, match="not a WhatsApp chat"):
        list(read_chat_bytes(b"hello\nworld\n", "x.txt", ImportOptions()))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        list(read_chat_bytes(b"12/01/24, 09:15 - A: \xff\n", "x.txt", ImportOptions()))


def test_detect() -> None:
    assert detect(ANDROID)
    assert detect(IOS)
    assert not detect(FIXTURES.parent / "csv" / "people.csv")
    assert not detect(FIXTURES.parent / "vcard")


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, ANDROID, source="whatsapp").totals["added"] > 0
    assert run_import(db, ANDROID, source="whatsapp", options=ImportOptions(force=True)).totals["added"] == 0
    assert db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 4


LINE = st.sampled_from(
    [
        "12/01/24, 09:15 - Jane: hi",
        "25/01/2024, 18:02 - +44 7700 900123: ok",
        "[1/13/24, 12:30:00\u202fPM] Leo: yes",
        "\u200e[1/5/24, 9:41:05 PM] Group: \u200eX added Y",
        "31/02/24, 10:00 - Jane: no such day",
        "2024-01-05, 10:00 - Jane: iso",
        "12/01/24, 09:15 - system line",
        "continued",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(LINE, st.text(max_size=40)), max_size=12))
def test_any_text_gives_records_or_import_error(lines: list[str]) -> None:
    try:
        items = list(
            read_chat_bytes("\n".join(lines).encode(), "WhatsApp Chat with Jane.txt", ImportOptions())
        )
    except ImportFormatError:
        return
    assert isinstance(items[-1], FileRead)


@pytest.mark.realdata
def test_real_chat(shared_data: Path) -> None:
    items = read(shared_data / "exports" / "whatsapp" / "pustur-short-chat.txt")
    assert len(messages(items)) == 3
    assert [(r.rows, r.skipped) for r in items if isinstance(r, FileRead)] == [(5, 2)]
