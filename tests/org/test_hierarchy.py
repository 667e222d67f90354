"""Manager and title from the people table: each tie's formal line, per-person reporting-line measures,
and the department and title summaries that use them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from netvalue.org.analyse import analyse
from netvalue.org.engine import aggregate_duckdb
from netvalue.org.hierarchy import (
    ACROSS,
    DEPARTMENT,
    PEERS,
    REPORTING,
    TOP_TIES,
    UNKNOWN,
    formal_structure,
    line_shares,
    person_formal_measures,
    tie_lines,
)
from netvalue.org.report import report_html
from netvalue.org.synthetic import event_batches, people_table

NAMES = np.array(["boss", "kim", "lee", "park", "outsider", "stranger"], dtype=object)
PEOPLE = pa.table(
    {
        "person": ["boss", "kim", "lee", "park", "outsider"],
        "department": ["sales", "sales", "sales", "sales", "legal"],
        "manager": [None, "boss", "boss", None, "nobody-listed"],
        "title": ["head", "rep", "rep", None, "counsel"],
    }
)
BOSS, KIM, LEE, PARK, OUTSIDER, STRANGER = range(6)


def _department(names: np.ndarray) -> np.ndarray:
    return np.array([0, 0, 0, 0, 1, -1], dtype=np.int64)[: len(names)]


def test_each_tie_lies_on_one_formal_line() -> None:
    formal = formal_structure(PEOPLE, NAMES)
    assert formal.manager.tolist() == [-1, BOSS, BOSS, -1, -1, -1]  # an unlisted manager is unknown
    a = np.array([BOSS, KIM, KIM, PARK, LEE, OUTSIDER])
    b = np.array([KIM, LEE, PARK, BOSS, OUTSIDER, STRANGER])
    line = tie_lines(a, b, formal.manager, _department(NAMES))
    assert line.tolist() == [REPORTING, PEERS, DEPARTMENT, DEPARTMENT, ACROSS, UNKNOWN]


def test_manager_among_strongest_ties_and_reporting_line_share() -> None:
    formal = formal_structure(PEOPLE, NAMES)
    # kim: a 0.9 tie to the boss and 0.3 to lee; lee: a weak 0.1 tie to the boss under six stronger ties
    a = np.array([BOSS, KIM, BOSS, *([LEE] * 6)])
    b = np.array([KIM, LEE, LEE, PARK, OUTSIDER, STRANGER, PARK, OUTSIDER, STRANGER])
    weight = np.array([0.9, 0.3, 0.1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    strong = weight >= 0.9
    m = person_formal_measures(a, b, weight, strong, formal)
    assert m["reports"].tolist()[:3] == [2, 0, 0]
    assert m["manager_tie_strong"][KIM] is True and m["manager_tie_strong"][LEE] is False
    assert m["manager_in_top_ties"][KIM] is True
    assert m["manager_in_top_ties"][LEE] is False  # six ties at 0.5 push the boss out of the top 5
    assert TOP_TIES == 5
    assert m["manager_tie_current"][LEE] is True
    assert m["manager_in_top_ties"][BOSS] is None  # no manager known: no answer, not "no"
    assert m["reports_in_top_ties"][BOSS] == 2
    assert m["reporting_line_share"][KIM] == pytest.approx(0.9 / 1.2)
    assert m["reporting_line_share"][BOSS] == pytest.approx(1.0)
    assert m["reporting_line_share"][PARK] == 0.0  # current ties, none on the reporting line


def test_line_shares_per_group_sum_to_one_and_skip_ties_that_are_not_current() -> None:
    line = np.array([REPORTING, PEERS, ACROSS, ACROSS])
    weight = np.array([1.0, 1.0, 2.0, 0.0])
    group_a = np.array([0, 0, 0, 1])
    group_b = np.array([0, 0, 1, 1])
    shares = line_shares(line, weight, group_a, group_b, 2)
    # a tie counts once for each end in the group: reporting 1+1, peers 1+1, across 2 (one end) of 6
    assert shares[0].tolist() == pytest.approx([1 / 3, 1 / 3, 0.0, 1 / 3, 0.0])
    assert shares[1].tolist() == pytest.approx([0.0, 0.0, 0.0, 1.0, 0.0])  # the 0-weight tie is left out
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)


def test_analyse_adds_manager_and_title_outputs(tmp_path: Path) -> None:
    table = pa.concat_tables(list(event_batches(4000, 120, seed=3, department_size=12, days=400)))
    pq.write_table(table, tmp_path / "events.parquet")
    as_of = 1_700_000_000
    aggregated = aggregate_duckdb([str(tmp_path / "events.parquet")], as_of, 4)
    people = people_table(120, 12)
    result = analyse(aggregated, as_of, people=people)
    persons = result.tables["people"]
    for column in ("manager", "reports", "manager_tie_strong", "manager_in_top_ties", "title"):
        assert column in persons.column_names
    managers = set(
        people.filter(pa.compute.equal(people.column("title"), "manager")).column("person").to_pylist()
    )
    reports = dict(
        zip(persons.column("person").to_pylist(), persons.column("reports").to_pylist(), strict=True)
    )
    assert all(reports[m] == 11 for m in managers)
    departments = result.tables["departments"]
    shares = np.column_stack(
        [
            departments.column(f"share_{k}").to_numpy()
            for k in ("reporting", "peers", "department", "across", "unknown")
        ]
    )
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    # the generator writes 80% inside the department: most strength stays off the "across" line
    assert float(np.median(shares[:, 3])) < 0.5
    titles = result.tables["titles"]
    assert titles.column("title").to_pylist() == ["manager", "staff"]
    assert titles.column("people").to_pylist() == [10, 110]
    lines = result.summary["formal_lines"]
    assert isinstance(lines, dict)
    assert set(lines) == {"reporting", "peers", "department", "across", "unknown"}
    assert sum(lines.values()) == pytest.approx(1.0)
    ties_line = result.tables["ties"].column("line").to_pylist()
    assert "reporting" in ties_line and "across" in ties_line
    page = report_html(result)
    assert "with their manager among their 5 strongest ties" in page


def test_without_manager_or_title_nothing_is_added(tmp_path: Path) -> None:
    table = pa.concat_tables(list(event_batches(1500, 40, seed=1, department_size=10, days=300)))
    pq.write_table(table, tmp_path / "events.parquet")
    aggregated = aggregate_duckdb([str(tmp_path / "events.parquet")], 1_700_000_000, 4)
    people = people_table(40, 10).select(["person", "department"])
    result = analyse(aggregated, 1_700_000_000, people=people)
    assert "manager" not in result.tables["people"].column_names
    assert "titles" not in result.tables
    assert "formal_lines" not in result.summary
