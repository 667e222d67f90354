"""The recommend area on the real LinkedIn export in ../shared/data (the CI's real-data tier)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netvalue.app import recommend as rec
from netvalue.importers.base import ImportOptions
from netvalue.importing import run_import
from netvalue.recommend.outreach import week_start
from netvalue.recommend.purpose import make_purpose, purpose_path, save_purpose
from netvalue.store import Database

AS_OF = week_start("2026-W47") + 2 * 86_400


@pytest.mark.realdata
def test_real_export_triage_plan_ledger_survive_reimport(db: Database, shared_data: Path) -> None:
    export = shared_data / "exports" / "linkedin"
    if not export.is_dir():
        pytest.skip("no LinkedIn export in ../shared/data")
    run_import(db, export, source="linkedin")
    save_purpose(purpose_path(Path(db.path)), make_purpose(("job-search",), roles=("data engineer",)))
    requests = rec.triage_report(db, AS_OF).requests
    incoming = db.conn.execute("SELECT COUNT(*) FROM invitations WHERE direction = 'incoming'").fetchone()[0]
    assert len(requests) == incoming > 0
    # the summit invitation hides Cyrillic letters inside Latin words: spam
    summit = [r for r in requests if r.spam]
    assert summit and all(r.decision == "ignore" for r in summit)
    rec.decide_request(db, summit[0].ref, "ignore", now=AS_OF)
    plan = rec.plan_report(db, week="2026-W47", as_of=AS_OF).to_json()
    assert 1 <= len(plan["items"]) <= 3
    assert any("helped you (endorsement)" in item["why"] for item in plan["items"])
    ledger = rec.ledger_report(db).to_json()
    assert ledger["received"] >= 1 and ledger["you_owe"]
    run_import(db, export, source="linkedin", options=ImportOptions(force=True))  # the same export again
    assert len(rec.triage_report(db, AS_OF).requests) == incoming - 1
    assert rec.plan_report(db, week="2026-W47", as_of=AS_OF).to_json()["items"] == plan["items"]
    assert rec.ledger_report(db).to_json() == ledger
