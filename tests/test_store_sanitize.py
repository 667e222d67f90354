"""What the store keeps of hostile records (issue 17): no control characters (so ``person`` prints no
terminal escapes and GraphML/GEXF exports parse back), names cut to 200 characters and the cut noted,
times outside any real date recorded as unknown."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from netvalue.cli import main
from netvalue.records import (
    MAX_NAME,
    FileRead,
    Identity,
    InteractionBatch,
    InteractionRecord,
    PersonRecord,
    plausible_time,
)
from netvalue.store import Database
from netvalue.store.ingest import import_stream
from netvalue.store.sanitize import safe_text, sanitize

HOSTILE = "Ann\x1b[31m\x00 Lee\ufffe\x9b2J\ud800"
XML_FORBIDDEN = {*map(chr, range(0x20)), "\ufffe", "\uffff"} - {"\t", "\n", "\r"}


def test_safe_text_deletes_controls_and_keeps_the_rest() -> None:
    assert safe_text(HOSTILE) == "Ann[31m Lee2J"
    assert safe_text("Zoë\tO'Brien\nLine 2 — 李\u202f") == "Zoë\tO'Brien\nLine 2 — 李\u202f"


@given(st.text())
def test_safe_text_leaves_nothing_xml_or_a_terminal_refuses(text: str) -> None:
    safe = safe_text(text)
    assert not set(safe) & XML_FORBIDDEN
    assert "\x1b" not in safe and not any(0x80 <= ord(c) <= 0x9F for c in safe)
    safe.encode("utf-8")  # no lone surrogate


def test_a_safe_record_is_passed_through_as_it_is() -> None:
    record = PersonRecord("vcard", (Identity("email", "ann@example.com"),), "Ann Lee")
    assert sanitize(record) == (record, 0)


def test_every_text_field_and_identity_is_cleaned() -> None:
    record = PersonRecord(
        "whatsapp", (Identity("whatsapp", HOSTILE),), HOSTILE, company="Acme\x07", position="CEO"
    )
    safe, cut = sanitize(record)
    assert isinstance(safe, PersonRecord) and cut == 0
    assert safe.name == "Ann[31m Lee2J" and safe.identities[0].value == safe.name
    assert safe.company == "Acme" and safe.position == "CEO"


def test_long_names_are_cut_and_counted() -> None:
    long_name = "Ann " + "abcdefghij" * 100
    safe, cut = sanitize(PersonRecord("vcard", (), long_name, first_name="Ann", last_name=long_name[4:]))
    assert isinstance(safe, PersonRecord) and cut == 2
    assert len(safe.name) == MAX_NAME and safe.last_name is not None and len(safe.last_name) == MAX_NAME
    assert safe.first_name == "Ann"


def test_times_outside_any_real_date_become_unknown() -> None:
    assert plausible_time(253_402_214_400) is None  # 9999-12-31
    assert plausible_time(-2_208_988_801) is None  # one second before 1900
    assert plausible_time(0) == 0 and plausible_time(None) is None
    record = InteractionRecord(
        "whatsapp", "k", Identity("whatsapp", "Ann"), "message", "sent", 253_402_214_400
    )
    safe, _ = sanitize(record)
    assert isinstance(safe, InteractionRecord) and safe.occurred_at is None
    person = PersonRecord("facebook", (), "Ann Lee", is_connection=True, connected_on=1 << 40)
    safe_person, _ = sanitize(person)
    assert isinstance(safe_person, PersonRecord) and safe_person.connected_on is None


def test_a_batch_is_cleaned_column_by_column() -> None:
    batch = InteractionBatch("linkedin", "message")
    for i, (name, when) in enumerate(
        [("Ann Lee", 1_700_000_000), (HOSTILE, 253_402_214_400), ("x" * 300, None)]
    ):
        for append, value in zip(
            batch.appenders(),
            (
                f"k{i}",
                Identity("linkedin", f"in/{name[:5]}"),
                "sent",
                when,
                None,
                None,
                1,
                None,
                None,
                name,
                False,
            ),
            strict=True,
        ):
            append(value)
    safe, cut = sanitize(batch)
    assert isinstance(safe, InteractionBatch) and cut == 1
    assert safe.person_names == ["Ann Lee", "Ann[31m Lee2J", "x" * MAX_NAME]
    assert safe.occurred_at == [1_700_000_000, None, None]
    assert safe.people[1].value == "in/Ann["
    untouched = InteractionBatch(
        "linkedin",
        "message",
        ["k"],
        [Identity("linkedin", "in/a")],
        ["sent"],
        [1],
        [None],
        [None],
        [1],
        [None],
        [None],
        ["Ann"],
        [False],
    )
    assert sanitize(untouched) == (untouched, 0)


def test_the_import_report_notes_the_names_it_cut(db: Database) -> None:
    long_name = "Ann " + "abcdefghij" * 30
    report = import_stream(
        db,
        [
            PersonRecord("vcard", (Identity("email", "ann@example.com"),), long_name),
            FileRead("a.vcf", rows=1),
        ],
        source="vcard",
        path="a.vcf",
        sha256="x",
    )
    assert report.files[0].note == f"1 name longer than {MAX_NAME} characters cut"
    (name,) = db.conn.execute("SELECT name FROM people").fetchone()
    assert name == long_name[:MAX_NAME]


CHAT = (
    "12/01/24, 09:15 - Ann\x1b[31m Lee\x00\ufffe: Hi! \x07\n"
    "12/01/24, 09:17 - Sam Lee: Yes\n"
    "12/01/24, 09:18 - Ann\x1b[31m Lee\x00\ufffe: see you\n"
)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    chat = tmp_path / "WhatsApp Chat with Ann Lee.txt"
    chat.write_text(CHAT, encoding="utf-8")
    db = tmp_path / "nv.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", "whatsapp", str(chat), "--me", "Sam Lee"])
    assert result.exit_code == 0, result.output
    return db


def test_no_control_character_reaches_the_database(hostile_db: Path) -> None:
    with sqlite3.connect(hostile_db) as conn:
        texts = [v for row in conn.execute("SELECT name FROM people") for v in row if v]
        texts += [v for (v,) in conn.execute("SELECT value FROM identities")]
    assert "Ann[31m Lee" in texts
    assert not any(set(t) & XML_FORBIDDEN for t in texts)


def test_person_prints_no_terminal_escape(hostile_db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(hostile_db), "person", "Ann[31m Lee"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x00" not in result.output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_parse_back(hostile_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"network.{fmt}"
    result = CliRunner().invoke(
        main,
        [
            "--db",
            str(hostile_db),
            "graph",
            "export",
            "--format",
            fmt,
            "--output",
            str(out),
            "--as-of",
            "2024-02-01",
        ],
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert "Ann[31m Lee" in set(nx.get_node_attributes(graph, "label").values())


def test_an_email_name_with_an_escape_is_stored_clean(tmp_path: Path) -> None:
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From MAILER-DAEMON Mon Apr 18 14:23:23 2022\nMessage-ID: <x@example.com>\n"
        "Date: Mon, 18 Apr 2022 14:23:23 +0000\nFrom: =?utf-8?q?Ann=1B[31m=00_Lee?= <ann@example.com>\n"
        "To: owner@example.com\nSubject: hi =?utf-8?q?=1B]0;pwned=07?=\n\nbody\n"
    )
    db = tmp_path / "nv.db"
    result = CliRunner().invoke(
        main, ["--db", str(db), "import", "email", str(mbox), "--me", "owner@example.com"]
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM people")]
        titles = [t for (t,) in conn.execute("SELECT title FROM interactions") if t]
    assert "Ann[31m Lee" in names
    assert not any(set(t) & XML_FORBIDDEN for t in names + titles)


BASELINES: list[object] = [
    PersonRecord(
        "vcard", (Identity("email", "ann@example.com"),), "Ann Lee", "Ann", "Lee", "Acme", "CEO", "h", "l"
    ),
    InteractionRecord(
        "email", "k", Identity("email", "ann@example.com"), "email", "sent", 1, "m", "c", 2, 3, "t", "Ann Lee"
    ),
]


@pytest.mark.parametrize(
    ("record", "name"),
    [
        (record, f.name)
        for record in BASELINES
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if str(f.type) in ("str", "str | None")
    ],
)
def test_the_written_out_checks_miss_no_text_field(record: object, name: str) -> None:
    """sanitize's fast checks for people and interactions name their fields one by one: a field added to
    the records later must be added there too, or this fails."""
    hostile = dataclasses.replace(record, **{name: "x\x1by"})  # type: ignore[type-var]
    safe, _ = sanitize(hostile)  # type: ignore[arg-type]
    assert getattr(safe, name) == "xy"
    with_identity = dataclasses.replace(
        record,  # type: ignore[type-var]
        **(
            {"identities": (Identity("email", "a\x00b"),)}
            if isinstance(record, PersonRecord)
            else {"person": Identity("email", "a\x00b")}
        ),
    )
    safe, _ = sanitize(with_identity)  # type: ignore[arg-type]
    assert "\x00" not in repr(safe)
