"""What a newcomer meets at ``netvalue import`` (issue 17): the names people use for a source, a
"did you mean" for a misspelt one, detection of every export the explicit command accepts, the same
help for a truncated zip either way, and a folder import that skips one unreadable file (``--strict``
stops at it instead)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("alias", "fixture", "source"),
    [
        ("mbox", "email/python.mbox", "email"),
        ("ics", "calendar/google.ics", "calendar"),
        ("vcf", "vcard/contacts.vcf", "vcard"),
    ],
)
def test_the_names_people_use_for_a_source(tmp_path: Path, alias: str, fixture: str, source: str) -> None:
    code, output = invoke(tmp_path / "nv.db", "import", alias, str(FIXTURES / fixture), "--json")
    assert code == 0, output
    assert json.loads(output)["source"] == source


def test_a_misspelt_source_is_answered_with_did_you_mean(tmp_path: Path) -> None:
    code, output = invoke(tmp_path / "nv.db", "import", "linkdin", "export.zip")
    assert code == 2
    assert "Did you mean linkedin?" in output and "Sources: calendar" in output and "mbox" in output
    assert "import auto" not in output


def _folder_with_a_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "calendars"
    folder.mkdir()
    for name in ("google.ics", "outlook.ics"):
        shutil.copy(FIXTURES / "calendar" / name, folder / name)
    (folder / "broken.ics").write_text("this is not a calendar\n", encoding="utf-8")
    return folder


def test_one_unreadable_file_does_not_stop_a_folder(tmp_path: Path) -> None:
    folder = _folder_with_a_bad_file(tmp_path)
    code, output = invoke(tmp_path / "nv.db", "import", "calendar", str(folder), "--json")
    assert code == 0, output
    report = json.loads(output)
    status = {f["name"]: f["status"] for f in report["files"]}
    assert status == {"broken.ics": "unreadable", "google.ics": "imported", "outlook.ics": "imported"}
    broken = next(f for f in report["files"] if f["name"] == "broken.ics")
    assert "not an iCalendar file" in broken["note"]
    assert report["unreadable"] == 1 and report["totals"]["added"] > 0
    code, table = invoke(tmp_path / "other.db", "import", str(folder))  # detected, and the table says so
    assert code == 0 and "could not be read" in table and "1 file could not be read" in table


def test_strict_stops_at_the_unreadable_file_and_writes_nothing(tmp_path: Path) -> None:
    folder = _folder_with_a_bad_file(tmp_path)
    db = tmp_path / "nv.db"
    code, output = invoke(db, "import", "calendar", str(folder), "--strict")
    assert code == 1 and "broken.ics" in output
    code, status = invoke(db, "status", "--json")
    assert code == 0 and json.loads(status)["imports"] == []


def test_a_vcard_folder_skips_its_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(FIXTURES / "vcard" / "contacts.vcf", folder / "contacts.vcf")
    (folder / "empty.vcf").write_text("nothing here\n", encoding="utf-8")
    code, output = invoke(tmp_path / "nv.db", "import", "vcard", str(folder), "--json")
    assert code == 0, output
    assert {f["name"]: f["status"] for f in json.loads(output)["files"]}["empty.vcf"] == "unreadable"


def test_a_single_unreadable_file_is_still_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ics"
    bad.write_text("this is not a calendar\n", encoding="utf-8")
    code, output = invoke(tmp_path / "nv.db", "import", "calendar", str(bad))
    assert code == 1 and "Error: " in output


def test_an_instagram_download_folder_is_detected(tmp_path: Path) -> None:
    download = tmp_path / "instagram-jdoe-2025"
    shutil.copytree(FIXTURES / "instagram" / "export2025", download / "export2025")
    code, output = invoke(tmp_path / "nv.db", "import", str(download), "--json")
    assert code == 0, output
    assert json.loads(output)["source"] == "instagram"


def test_a_truncated_zip_gets_the_same_help_detected_or_named(tmp_path: Path) -> None:
    folder = FIXTURES / "linkedin" / "current"
    whole = tmp_path / "whole.zip"
    shutil.make_archive(str(whole.with_suffix("")), "zip", folder)
    cut = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    cut.write_bytes(whole.read_bytes()[:300])
    _, named = invoke(tmp_path / "nv.db", "import", "linkedin", str(cut))
    _, detected = invoke(tmp_path / "nv.db", "import", str(cut))
    assert "download the export again" in named and detected == named
    anonymous = tmp_path / "export.zip"
    anonymous.write_bytes(whole.read_bytes()[:300])
    code, output = invoke(tmp_path / "nv.db", "import", str(anonymous))
    assert code == 1 and "download the export again" in output and "netvalue import SOURCE PATH" in output


def test_skipped_rows_say_why(tmp_path: Path) -> None:
    db = tmp_path / "nv.db"
    code, output = invoke(db, "import", "linkedin", str(FIXTURES / "linkedin" / "current"), "--json")
    assert code == 0, output
    files = {f["name"]: f for f in json.loads(output)["files"]}
    assert files["Connections.csv"]["skipped_because"] == {"broken or empty in the file": 2}
    code, people = invoke(db, "people", "--json")
    victim = str(next(p["id"] for p in json.loads(people) if p["connected_on"]))
    assert invoke(db, "forget", victim, "--yes")[0] == 0
    code, output = invoke(
        db, "import", "linkedin", str(FIXTURES / "linkedin" / "current"), "--force", "--json"
    )
    assert code == 0, output
    reasons = {r for f in json.loads(output)["files"] for r in f["skipped_because"]}
    assert "someone you told netvalue to forget" in reasons


@pytest.mark.parametrize("folder", ["email/takeout", "email/apple", "email/thunderbird"])
def test_a_folder_holding_an_export_is_detected_as_the_explicit_command_reads_it(
    tmp_path: Path, folder: str
) -> None:
    explicit = invoke(tmp_path / "a.db", "import", "email", str(FIXTURES / folder), "--json")
    detected = invoke(tmp_path / "b.db", "import", str(FIXTURES / folder), "--json")
    assert explicit[0] == detected[0] == 0, detected[1]
    assert json.loads(detected[1])["totals"] == json.loads(explicit[1])["totals"]


def test_a_folder_of_several_sources_names_them(tmp_path: Path) -> None:
    both = tmp_path / "downloads"
    (both / "calendar").mkdir(parents=True)
    (both / "mail").mkdir()
    shutil.copy(FIXTURES / "calendar" / "google.ics", both / "calendar" / "google.ics")
    shutil.copy(FIXTURES / "email" / "python.mbox", both / "mail" / "mail.mbox")
    code, output = invoke(tmp_path / "nv.db", "import", str(both))
    assert code == 1 and "several sources" in output and "calendar" in output and "email" in output


def test_a_missing_file_named_like_a_source_is_a_missing_file(tmp_path: Path) -> None:
    code, output = invoke(tmp_path / "nv.db", "import", "linkdin.zip")
    assert code == 1 and "does not exist" in output and "Did you mean" not in output
    code, output = invoke(tmp_path / "nv.db", "import", "maildr")
    assert code == 2 and "maildir (email)" in output


def test_the_import_summary_lists_a_screenful_of_files(tmp_path: Path) -> None:
    # issue 17: an export of thousands of files printed every one (rich took 25 s for 20,000)
    from netvalue.cli.importing import SUMMARY_FILES

    folder = tmp_path / "cards"
    folder.mkdir()
    for n in range(SUMMARY_FILES + 20):
        (folder / f"c{n:03d}.vcf").write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.com\r\nEND:VCARD\r\n"
        )
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "v.db"), "import", "vcard", str(folder)])
    assert result.exit_code == 0, result.output
    assert "and 20 more files" in result.output
    assert result.output.count(".vcf") <= SUMMARY_FILES + 1
