"""``netvalue import PATH`` picks the right source for every fixture of the calendar, address-book and
social importers; ``netvalue import csv PATH --map …`` and the options of cli/sources.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "nv.db"), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("fixture", "source"),
    [
        ("calendar/google.ics", "calendar"),
        ("calendar/outlook.ics", "calendar"),
        ("calendar", "calendar"),
        ("vcard/contacts.vcf", "vcard"),
        ("google/contacts.csv", "google"),
        ("google/legacy.csv", "google"),
        ("outlook/contacts.csv", "outlook"),
        ("facebook/export2024", "facebook"),
        ("instagram/export2025", "instagram"),
        ("twitter/archive2023", "twitter"),
        ("whatsapp/WhatsApp Chat with Jane Doe.txt", "whatsapp"),
        ("whatsapp/WhatsApp Chat - Book club", "whatsapp"),
    ],
)
def test_import_path_detects_the_source(tmp_path: Path, fixture: str, source: str) -> None:
    code, output = invoke(tmp_path, "import", str(FIXTURES / fixture), "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["source"] == source
    assert report["totals"]["added"] > 0


def test_generic_csv_is_never_detected(tmp_path: Path) -> None:
    code, output = invoke(tmp_path, "import", str(FIXTURES / "csv" / "people.csv"))
    assert code == 1
    assert output.startswith("Error: ")
    assert "netvalue import" in output


def test_csv_with_map(tmp_path: Path) -> None:
    people = str(FIXTURES / "csv" / "people.csv")
    code, output = invoke(
        tmp_path,
        "import",
        "csv",
        people,
        "--map",
        "Full name=name",
        "--map",
        "E-mail=email",
        "--map",
        "Met on=connected_on",
        "--json",
    )
    assert code == 0, output
    assert json.loads(output)["totals"]["added"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "needs --map"),
        (("--map", "E-mail=mail"), "is not a field"),
        (("--map", "Phone=phone"), "has no column 'Phone'"),
        (("--map", "E-mail=email", "--region", "USA"), "two-letter country code"),
    ],
)
def test_csv_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, output = invoke(tmp_path, "import", "csv", str(FIXTURES / "csv" / "people.csv"), *args)
    assert code == 1
    assert output.startswith("Error: ")
    assert message in output
    assert "Traceback" not in output


def test_whatsapp_me_and_vcard_region(tmp_path: Path) -> None:
    chat = str(FIXTURES / "whatsapp" / "WhatsApp Chat - Book club")
    code, output = invoke(tmp_path, "import", "whatsapp", chat, "--me", "Maya Chen", "--json")
    assert code == 0, output
    code, output = invoke(tmp_path, "import", "vcard", str(FIXTURES / "vcard"), "--region", "DE", "--json")
    assert code == 0, output
    assert json.loads(output)["totals"]["added"] == 4


def test_calendar_me(tmp_path: Path) -> None:
    ics = str(FIXTURES / "calendar" / "google.ics")
    code, output = invoke(tmp_path, "import", "calendar", ics, "--me", "bob.stone@example.org", "--json")
    assert code == 0, output


@pytest.mark.parametrize(
    "source", ["csv", "vcard", "google", "outlook", "calendar", "whatsapp", "facebook", "twitter"]
)
def test_help_has_an_example(source: str) -> None:
    result = CliRunner().invoke(main, ["import", source, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("sample", "source"),
    [
        ("exports/facebook", "facebook"),
        ("exports/instagram/v1", "instagram"),
        ("exports/twitter", "twitter"),
        ("exports/whatsapp/pustur-short-chat.txt", "whatsapp"),
        ("vcard", "vcard"),
        ("vcard/John_Doe_IPHONE.vcf", "vcard"),
        ("ics/calendars/example.ics", "calendar"),
    ],
)
def test_real_samples_are_detected(tmp_path: Path, shared_data: Path, sample: str, source: str) -> None:
    code, output = invoke(tmp_path, "import", str(shared_data / sample), "--json")
    assert code == 0, output
    assert json.loads(output)["source"] == source
