"""The persisted analysis (issue 16): stale results are never served, and stored results equal fresh ones.

Each change that must invalidate the analysis (an import, a merge, a split, forget, the owner's addresses,
a rating, a new model, another as-of date) is made on a copy of the demo database after the analysis was
stored; the analysis loaded afterwards must equal one computed afresh, and differ from the one before (so
the test fails if the stored result were served).  Changes that must not invalidate it (a note, a tag)
must leave the stored results in use: the computations are replaced by ones that fail.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import netvalue.app.structure as structure_module
import netvalue.app.ties as ties_module
from netvalue.app.structure import communities_report
from netvalue.app.ties import TieTable, compute_ties, load_ties
from netvalue.cli import main
from netvalue.identity import merge, split
from netvalue.store import Database
from netvalue.store import email as email_store
from netvalue.store.analysis_store import (
    BULK_EVIDENCE_TABLES,
    EVIDENCE_TABLES,
    NOT_ANALYSED_TABLES,
    PARAMETER_TABLES,
    data_version,
    forget_results,
)
from netvalue.store.people import add_note, add_tag, forget_person
from netvalue.store.ties import MODEL_SETTING, save_rating, write_setting

AS_OF = 1_795_305_600  # 2026-11-16, the day after the demo export ends


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(path), "demo"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "copy.db"
    shutil.copy(demo_db, path)
    with Database.open(path) as opened:
        yield opened


def _same(stored: TieTable, fresh: TieTable) -> bool:
    return stored.ranked == fresh.ranked and stored.tier_counts == fresh.tier_counts


def _stored_then(db: Database) -> TieTable:
    """The analysis loaded twice (computed and stored, then read back): the two are equal."""
    first = load_ties(db, AS_OF)
    again = load_ties(db, AS_OF)
    assert _same(again, first)
    return again


def _must_not_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object, **__: object) -> None:
        raise AssertionError("the stored analysis should have been used")

    monkeypatch.setattr(ties_module, "tie_features", fail)
    monkeypatch.setattr(structure_module, "detect_communities", fail)


def test_a_stored_analysis_equals_a_fresh_one_and_is_reused(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = compute_ties(db, AS_OF)
    assert _same(load_ties(db, AS_OF), fresh)
    report = communities_report(db, AS_OF)
    _must_not_compute(monkeypatch)
    assert _same(load_ties(db, AS_OF), fresh)
    assert communities_report(db, AS_OF) == report


def test_another_as_of_is_computed_not_served(db: Database) -> None:
    before = _stored_then(db)
    earlier = load_ties(db, AS_OF - 400 * 86_400)
    assert _same(earlier, compute_ties(db, AS_OF - 400 * 86_400))
    assert not _same(earlier, before)


def test_an_import_invalidates(db: Database, tmp_path: Path) -> None:
    before = _stored_then(db)
    card = tmp_path / "new.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zed Newcomer\nEMAIL:zed@newcomer.example\nEND:VCARD\n")
    result = CliRunner().invoke(main, ["--db", str(db.path), "import", "vcard", str(card)])
    assert result.exit_code == 0, result.output
    after = load_ties(db, AS_OF)
    assert _same(after, compute_ties(db, AS_OF)) and not _same(after, before)


def test_a_merge_and_a_split_invalidate(db: Database) -> None:
    before = _stored_then(db)
    a, b = before.ranked[0].person_id, before.ranked[1].person_id
    kept = merge(db, a, b)
    merged = load_ties(db, AS_OF)
    assert _same(merged, compute_ties(db, AS_OF)) and not _same(merged, before)
    identities = merged.by_person[kept].identities
    split(db, kept, [identities[-1]])
    after = load_ties(db, AS_OF)
    assert _same(after, compute_ties(db, AS_OF)) and not _same(after, merged)


def test_forget_invalidates(db: Database) -> None:
    before = _stored_then(db)
    forget_person(db, before.ranked[0].person_id)
    after = load_ties(db, AS_OF)
    assert _same(after, compute_ties(db, AS_OF)) and not _same(after, before)


def test_forget_leaves_no_stored_analysis_naming_them(db: Database) -> None:
    """``forget`` removes everything about someone: the stored analyses of every version held their name."""
    before = _stored_then(db)
    gone = before.ranked[0]
    name = db.conn.execute("SELECT name FROM people WHERE id = ?", (gone.person_id,)).fetchone()[0]
    assert db.conn.execute("SELECT COUNT(*) FROM analysis_results").fetchone()[0] > 0
    forget_person(db, gone.person_id)
    payloads = [bytes(row[0]) for row in db.conn.execute("SELECT payload FROM analysis_results")]
    assert not [p for p in payloads if name.encode() in p]
    assert db.conn.execute("SELECT COUNT(*) FROM analysis_results").fetchone()[0] == 0


def test_the_owners_addresses_change_the_data_version(db: Database) -> None:
    _stored_then(db)
    version = data_version(db)
    with db.transaction() as conn:
        email_store.decide_owner(conn, ["someone@else.example"], "add", 1)
    assert data_version(db) > version
    assert _same(load_ties(db, AS_OF), compute_ties(db, AS_OF))


def test_a_rating_changes_its_tie_without_recomputing_features(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _stored_then(db)
    communities_report(db, AS_OF)
    weakest = before.ranked[-1]
    save_rating(db, weakest.person_id, 5)
    fresh = compute_ties(db, AS_OF)
    fresh_communities = communities_report(db, AS_OF)
    _must_not_compute(monkeypatch)  # features and communities are reused; only strengths change
    after = load_ties(db, AS_OF)
    assert _same(after, fresh) and not _same(after, before)
    assert after.by_person[weakest.person_id].strength == 1.0
    assert communities_report(db, AS_OF) == fresh_communities


def test_a_new_model_rescores_the_stored_features(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _stored_then(db)
    for tie in before.ranked[:20]:  # the calibrated model is used from 20 ratings on
        save_rating(db, tie.person_id, 3)
    model = before.model.as_dict()
    model["weights"] = {name: w * 2 for name, w in model["weights"].items()}  # type: ignore[union-attr]
    model["source"] = "calibrated"
    write_setting(db, MODEL_SETTING, json.dumps(model))
    fresh = compute_ties(db, AS_OF)
    monkeypatch.setattr(ties_module, "tie_features", lambda *_, **__: pytest.fail("features recomputed"))
    after = load_ties(db, AS_OF)
    assert _same(after, fresh)
    unrated = [t.person_id for t in before.ranked[20:]]
    assert [after.by_person[p].strength for p in unrated] != [before.by_person[p].strength for p in unrated]


def test_notes_and_tags_change_nothing_analysed(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _stored_then(db)
    report = communities_report(db, AS_OF)
    version = data_version(db)
    add_note(db, before.ranked[0].person_id, "met at the conference")
    add_tag(db, before.ranked[0].person_id, "investor")
    assert data_version(db) == version
    _must_not_compute(monkeypatch)
    assert _same(load_ties(db, AS_OF), before)
    assert communities_report(db, AS_OF) == report


def test_the_structure_is_recomputed_after_a_merge(db: Database) -> None:
    ties = _stored_then(db)
    communities_report(db, AS_OF)
    merge(db, ties.ranked[0].person_id, ties.ranked[1].person_id)
    after = communities_report(db, AS_OF)
    forget_results(db)
    assert after == communities_report(db, AS_OF)


def test_every_table_is_classified_for_the_data_version(db: Database) -> None:
    """A new table must say whether writing it changes the evidence (and so needs a trigger)."""
    tables = {
        str(r[0])
        for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(r[0]).startswith("sqlite_")
    }
    classified = EVIDENCE_TABLES | BULK_EVIDENCE_TABLES | PARAMETER_TABLES | NOT_ANALYSED_TABLES
    assert tables == classified
    triggers = {
        str(r[0]) for r in db.conn.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert triggers == EVIDENCE_TABLES


def test_a_bulk_insert_does_not_fire_a_trigger(db: Database) -> None:
    """Imports must not slow down: no trigger on the bulk tables' inserts."""
    found = db.conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, table, sql in found:
        assert table not in BULK_EVIDENCE_TABLES, name
        assert not (table == "people" and "INSERT" in str(sql).upper()), name
    assert isinstance(db.conn, sqlite3.Connection)


def test_a_result_computed_while_the_data_changed_is_not_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge that lands just after the features are computed: neither they nor the scores judged from
    them are kept under the new data version, so the scores never meet features of another version."""
    ties = compute_ties(db, AS_OF)
    a, b = ties.ranked[0].person_id, ties.ranked[1].person_id
    tie_inputs = ties_module.tie_inputs

    def features_then_a_merge(*args: Any) -> Any:
        found = tie_inputs(*args)
        merge(db, a, b)
        return found

    monkeypatch.setattr(ties_module, "tie_inputs", features_then_a_merge)
    load_ties(db, AS_OF)
    monkeypatch.setattr(ties_module, "tie_inputs", tie_inputs)
    after = load_ties(db, AS_OF)
    assert _same(after, compute_ties(db, AS_OF)) and b not in after.by_person


def test_another_netvalue_version_recomputes(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade may judge differently: what an older netvalue stored is not served by a newer one."""
    _stored_then(db)
    computed: list[int] = []
    original = ties_module.tie_features

    def counting(*args: Any, **kwargs: Any) -> Any:
        computed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(ties_module, "tie_features", counting)
    load_ties(db, AS_OF)
    assert not computed  # same version: served
    monkeypatch.setattr("netvalue.app.persisted.__version__", "999.0")
    load_ties(db, AS_OF)
    assert computed
