"""``netvalue org analyse`` and ``import-mbox`` end to end (DuckDB): outputs, privacy, bad input."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.org.synthetic import event_batches, people_table

AS_OF = "2023-11-14"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("org")
    pq.write_table(
        pa.concat_tables(list(event_batches(8000, 200, seed=2, department_size=20))),
        folder / "events.parquet",
    )
    pacsv.write_csv(people_table(200, 20), folder / "people.csv")
    return folder / "events.parquet", folder / "people.csv"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["org", *args])
    return result.exit_code, result.output


def test_analyse_writes_private_outputs_and_an_offline_report(
    generated: tuple[Path, Path], tmp_path: Path
) -> None:
    events, people = generated
    out = tmp_path / "report"
    code, output = run(
        "analyse", str(events), "--out", str(out), "--people", str(people), "--as-of", AS_OF, "--json"
    )
    assert code == 0, output
    summary = json.loads(output)
    assert summary["events"] == 8000 and summary["people"] == 200
    assert sum(summary["states"].values()) == summary["ties"] > 0
    # departments of 20 with 80% of mail inside: the communities find them
    assert summary["communities_against_departments"]["nmi"] > 0.8
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for file in out.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    people_out = pq.read_table(out / "people.parquet")
    assert people_out.num_rows == 200
    assert {
        "constraint",
        "effective_size",
        "betweenness",
        "clustering",
        "pagerank",
        "community",
        "value",
    } <= set(people_out.column_names)
    departments = pq.read_table(out / "departments.parquet")
    assert departments.num_rows == 10
    monthly = pq.read_table(out / "monthly.parquet")
    assert sum(monthly.column("formed").to_pylist()) > 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "vegaEmbed(" in html and "<script src" not in html and "http://" not in html.split("<script>")[0]
    assert "$948" in html or "948" in html


def test_a_bad_event_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text(
        "sender,recipients,timestamp,channel\n"
        "a@x,b@x;c@x,1690000000,email\n"
        "b@x,a@x,2023-07-22 10:00:00,chat\n"
        ",a@x,1690000100,email\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = run("analyse", str(events), "--out", str(out))
    assert code == 1
    assert output.strip() == "Error: events.csv, line 4: bad event: no sender"
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_a_bad_time_in_parquet_names_the_row(tmp_path: Path) -> None:
    table = pa.table(
        {"sender": ["a", "b"], "recipients": [["b"], ["a"]], "timestamp": ["1690000000", "yesterday"]}
    )
    pq.write_table(table, tmp_path / "events.parquet")
    code, output = run("analyse", str(tmp_path / "events.parquet"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "events.parquet: row 2: bad event: timestamp yesterday is neither" in output


def test_a_people_table_lists_each_person_once(generated: tuple[Path, Path], tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("person,department\na,d1\nb,d2\na,d3\n", encoding="utf-8")
    code, output = run("analyse", str(generated[0]), "--out", str(tmp_path / "o"), "--people", str(people))
    assert code == 1 and "people.csv, line 4: 'a' is listed twice" in output


def test_import_mbox_reads_each_message_once_without_machines(tmp_path: Path) -> None:
    def mbox(path: Path, messages: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "".join(f"From x@y Mon Jan  1 00:00:00 2001\n{m}\nbody\n\n" for m in messages), encoding="utf-8"
        )

    sent = "From: Ann <ann@corp.com>\nTo: bob@corp.com, cy@corp.com\nSubject: plan\nDate: Tue, 2 Jan 2001 10:00:00 +0000\nMessage-ID: <1@corp>\n"
    reply = "From: bob@corp.com\nTo: ann@corp.com\nSubject: Re: plan\nDate: Tue, 2 Jan 2001 11:00:00 +0000\nMessage-ID: <2@corp>\n"
    robot = (
        "From: noreply@corp.com\nTo: ann@corp.com\nSubject: report\nDate: Tue, 2 Jan 2001 12:00:00 +0000\n"
    )
    mbox(tmp_path / "ann" / "sent.mbox", [sent])
    mbox(tmp_path / "bob" / "inbox.mbox", [sent.replace("<1@corp>", "<1-copy@corp>"), robot])
    mbox(tmp_path / "bob" / "sent.mbox", [reply])
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(
        main,
        ["org", "import-mbox", str(tmp_path / "ann"), str(tmp_path / "bob"), "--out", str(out), "--json"],
    )
    assert result.exit_code == 0, result.output
    tally = json.loads(result.output)
    assert (
        tally["events"] == 2 and tally["duplicates"] == 1 and tally["machine"] == 1 and tally["people"] == 3
    )
    events = pq.read_table(out).to_pylist()
    assert events[0] == {
        "sender": "ann@corp.com",
        "recipients": ["bob@corp.com", "cy@corp.com"],
        "timestamp": 978429600,
        "channel": "email",
        "group_size": 2,
    }
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
