"""Bad input: each gives an ImportFormatError naming the file (and line), and leaves the database exactly as
it was; and, by hypothesis, the CSV readers fed anything return records or raise that error, nothing else."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError, UnsupportedExportError
from netvalue.importers.base import ImportOptions
from netvalue.importers.linkedin import read_export
from netvalue.importing import run_import
from netvalue.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"
CURRENT = FIXTURES / "current"
LEGACY = FIXTURES / "legacy2021"


def zip_folder(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(file, file.relative_to(folder).as_posix())
    return dest


def variant(tmp: Path, edit: Callable[[Path], None], base: Path = CURRENT) -> Path:
    """A copy of a fixture export with ``edit`` applied to its folder, as a zip."""
    folder = tmp / "variant"
    shutil.copytree(base, folder)
    edit(folder)
    return zip_folder(folder, tmp / "Basic_LinkedInDataExport_11-20-2026.zip")


def snapshot(db: Database) -> str:
    return "\n".join(db.conn.iterdump())


@pytest.fixture
def imported(db: Database) -> Database:
    """A database that already holds the 2021 export (so "unchanged" means something)."""
    run_import(db, LEGACY, source="linkedin")
    return db


def assert_fails_and_unchanged(
    db: Database, path: Path, file_part: str, line: int | None, words: str
) -> None:
    before = snapshot(db)
    runs = db.conn.execute("SELECT COUNT(*) FROM import_runs").fetchone()[0]
    with pytest.raises(ImportFormatError) as caught:
        run_import(db, path, source="linkedin")
    error = caught.value
    assert file_part in error.file
    assert error.line == line
    assert words in str(error)
    assert snapshot(db) == before
    assert db.conn.execute("SELECT COUNT(*) FROM import_runs").fetchone()[0] == runs
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _replace(folder: Path, name: str, old: bytes, new: bytes) -> None:
    path = folder / name
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def test_not_a_linkedin_export(imported: Database, tmp_path: Path) -> None:
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("IMG_0001.txt", "not a photo")
    before = snapshot(imported)
    with pytest.raises(UnsupportedExportError) as caught:
        run_import(imported, other, source="linkedin")
    assert "photos.zip" in str(caught.value) and "Connections.csv" in str(caught.value)
    assert "Basic_LinkedInDataExport" in str(caught.value)
    assert snapshot(imported) == before


def test_missing_required_column(imported: Database, tmp_path: Path) -> None:
    path = variant(tmp_path, lambda f: _replace(f, "Connections.csv", b",Connected On", b",Joined"))
    assert_fails_and_unchanged(imported, path, "Connections.csv", 4, "'Connected On'")


def test_missing_message_column(imported: Database, tmp_path: Path) -> None:
    path = variant(tmp_path, lambda f: _replace(f, "messages.csv", b'"DATE",', b'"WHEN",'))
    assert_fails_and_unchanged(imported, path, "messages.csv", 1, "'DATE'")


def test_truncated_zip(imported: Database, tmp_path: Path) -> None:
    whole = zip_folder(CURRENT, tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "Basic_LinkedInDataExport_cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_fails_and_unchanged(
        imported, cut, "Basic_LinkedInDataExport_cut.zip", None, "download the export again"
    )


def test_corrupt_member(imported: Database, tmp_path: Path) -> None:
    path = zip_folder(CURRENT, tmp_path / "Basic_LinkedInDataExport_bad.zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("messages.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    assert_fails_and_unchanged(imported, path, "messages.csv", None, "download the export again")


def test_not_utf8(imported: Database, tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        lambda f: _replace(f, "messages.csv", b"Sara Klein", "Sara Kl\xe9in".encode("latin-1")),
    )
    assert_fails_and_unchanged(
        imported, path, "messages.csv", 10, "not UTF-8"
    )  # physical line: a body above spans 3


def test_unparseable_message_date(imported: Database, tmp_path: Path) -> None:
    path = variant(
        tmp_path, lambda f: _replace(f, "messages.csv", b"2022-05-01 08:30:00 UTC", b"last Tuesday")
    )
    assert_fails_and_unchanged(imported, path, "messages.csv", 10, "'DATE' is not a date")


def test_unparseable_connection_date(imported: Database, tmp_path: Path) -> None:
    path = variant(tmp_path, lambda f: _replace(f, "Connections.csv", b"30 Dec 2019", b"30 Dec"))
    assert_fails_and_unchanged(imported, path, "Connections.csv", 10, "'Connected On' is not a date")


def test_connections_error_is_reported_before_a_messages_error(imported: Database, tmp_path: Path) -> None:
    """Connections.csv is read on a thread of its own while messages.csv is read: with both broken, the
    error is still Connections.csv's, the file read first."""

    def break_both(folder: Path) -> None:
        _replace(folder, "Connections.csv", b"30 Dec 2019", b"30 Dec")
        _replace(folder, "messages.csv", b"2022-05-01 08:30:00 UTC", b"last Tuesday")

    path = variant(tmp_path, break_both)
    assert_fails_and_unchanged(imported, path, "Connections.csv", 10, "'Connected On' is not a date")


def test_unparseable_invitation_date(imported: Database, tmp_path: Path) -> None:
    path = variant(
        tmp_path, lambda f: _replace(f, "Invitations.csv", b"8/24/24, 5:49 PM", b"8/24/24, 25:49 PM")
    )
    assert_fails_and_unchanged(imported, path, "Invitations.csv", 3, "'Sent At' is not a date")


def test_error_after_many_records_still_writes_nothing(imported: Database, tmp_path: Path) -> None:
    """The failure comes in the last file read (after people and messages were yielded)."""
    path = variant(
        tmp_path, lambda f: _replace(f, "Recommendations_Given.csv", b"10/6/23, 2:02 PM", b"someday")
    )
    assert_fails_and_unchanged(imported, path, "Recommendations_Given.csv", 2, "'Creation Date'")


def test_bad_folder_export(imported: Database, tmp_path: Path) -> None:
    folder = tmp_path / "unpacked"
    shutil.copytree(LEGACY, folder)
    _replace(folder, "Connections.csv", b"17 Nov 2021", b"17 Nov 20211")
    assert_fails_and_unchanged(imported, folder, str(folder / "Connections.csv"), 2, "not a date")


# -- hypothesis: the readers fed anything ------------------------------------------------------


def _consume(export: Path) -> int:
    return sum(1 for _ in read_export(export, ImportOptions()))


def _with_file(name: str, data: bytes) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        shutil.copytree(LEGACY, folder)
        (folder / name).write_bytes(data)
        try:
            return _consume(folder)
        except ImportFormatError:
            return -1


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_messages(data: bytes) -> None:
    assert _with_file("messages.csv", data) >= -1


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_connections(data: bytes) -> None:
    assert _with_file("Connections.csv", data) >= -1


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "Yes", "No", "2021-11-17 18:14:58 UTC", "https://www.linkedin.com/in/x", "a, b", "17 Nov 2021", "\n"]
)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


MESSAGE_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
]  # fmt: skip


@FUZZ
@given(st.lists(st.lists(CELL, max_size=12), max_size=6))
def test_arbitrary_rows_under_a_messages_header(rows: list[list[str]]) -> None:
    assert _with_file("messages.csv", _csv(MESSAGE_HEADER, rows)) >= -1


@FUZZ
@given(st.lists(st.lists(CELL, max_size=8), max_size=6))
def test_arbitrary_rows_under_a_connections_header(rows: list[list[str]]) -> None:
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    assert _with_file("Connections.csv", _csv(header, rows)) >= -1
