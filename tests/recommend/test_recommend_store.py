"""End to end through the store and the real analysis (load_ties, load_structure): triage of imported
invitations, decisions, the plan, the ledger, and the user's data surviving re-imports and re-analysis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netvalue.app import recommend as rec
from netvalue.errors import UsageError
from netvalue.recommend.outreach import week_start
from netvalue.recommend.purpose import make_purpose, purpose_path, save_purpose
from netvalue.store import recommend as store

AS_OF = week_start("2026-W47") + 2 * 86_400 + 12 * 3600
Reimport = Callable[[], None]


def set_job_purpose(network: Any) -> None:
    save_purpose(
        purpose_path(Path(network.db.path)),
        make_purpose(("job-search",), roles=("data engineer",), industries=("fintech",)),
    )


def test_triage_of_imported_invitations(network: Any) -> None:
    set_job_purpose(network)
    data = rec.triage_report(network.db, AS_OF)
    by_name = {r.name: r for r in data.requests}
    assert by_name["Greta Growth"].decision == "ignore" and by_name["Greta Growth"].spam
    hana = by_name["Hana Data"]
    assert hana.decision in ("accept", "accept and reach out")
    assert any("1 of your contacts work at Monzo" in r for r in hana.reasons)  # Eve is at Monzo
    assert set(hana.as_dict()) >= {"id", "name", "profile_url", "decision", "score", "reasons"}


def test_decisions_leave_the_queue_and_survive_reimport(network: Any, reimport: Reimport) -> None:
    db = network.db
    first = rec.triage_report(db, AS_OF).requests
    greta = next(r for r in first if r.name == "Greta Growth")
    rec.decide_request(db, greta.ref, "ignore", now=AS_OF)
    manual = store.add_request(db, name="Ivo Manual", headline="Baker", now=AS_OF)
    rec.decide_request(db, manual, "accept", now=AS_OF)
    reimport()  # the same export again
    remaining = [r.name for r in rec.triage_report(db, AS_OF).requests]
    assert remaining == ["Hana Data"]
    assert [d for _, d in store.decision_examples(db)] == ["ignore", "accept"]
    assert "Grow your network" in store.decision_examples(db)[0][0]


def test_find_request_errors(network: Any) -> None:
    with pytest.raises(UsageError):
        store.find_request(network.db, "x9")
    with pytest.raises(UsageError):
        store.find_request(network.db, "m999")


def test_plan_with_the_real_tie_analysis(network: Any, reimport: Reimport) -> None:
    db, ids = network.db, network.ids
    set_job_purpose(network)
    plan = rec.plan_report(db, week="2026-W47", as_of=AS_OF).to_json()
    chosen = [item["id"] for item in plan["items"]]
    assert 1 <= len(chosen) <= 3
    assert ids["bob-dormant"] in chosen  # dormant, once strong
    assert ids["frank-names"] not in chosen  # a collected name with nothing to say
    bob = next(i for i in plan["items"] if i["id"] == ids["bob-dormant"])
    assert "“Kafka migration”" in bob["opener"]
    assert bob["reach"] == ["LinkedIn https://www.linkedin.com/in/bob-dormant"]
    assert set(bob) >= {"id", "name", "identities", "why", "opener"}
    # the same week shows the same plan, even after re-import and re-analysis
    reimport()
    assert rec.plan_report(db, week="2026-W47", as_of=AS_OF + 3600).to_json()["items"] == plan["items"]
    # ... asked again later, the whole report is the same: it says when the plan was made, not when asked
    assert rec.plan_report(db, week="2026-W47", as_of=AS_OF + 7200) == rec.plan_report(
        db, week="2026-W47", as_of=AS_OF + 3600
    )
    assert isinstance(plan["planned_at"], int)
    # next week: nobody from this week again
    following = rec.plan_report(db, week="2026-W48", as_of=AS_OF + 7 * 86_400).to_json()
    assert not {i["id"] for i in following["items"]} & set(chosen)


def test_done_feeds_streak_history_and_plan(network: Any, reimport: Reimport) -> None:
    db, ids = network.db, network.ids
    store.log_outreach(db, ids["bob-dormant"], "2026-W46", outcome="replied", now=AS_OF - 7 * 86_400)
    store.log_outreach(db, ids["carol-helper"], "2026-W47", outcome="met", note="coffee", now=AS_OF - 3600)
    history = rec.history_report(db, AS_OF).to_json()
    assert history["streak"] == 2
    assert [w["week"] for w in history["weeks"]] == ["2026-W46", "2026-W47"]
    plan = rec.plan_report(db, week="2026-W47", as_of=AS_OF).to_json()
    assert ids["bob-dormant"] not in [i["id"] for i in plan["items"]]  # contacted last week
    reimport()
    assert rec.history_report(db, AS_OF).streak == 2


def test_ledger_with_imported_endorsement_and_plan_reason(network: Any, reimport: Reimport) -> None:
    db, ids = network.db, network.ids
    store.add_ledger_entry(db, ids["alice-close"], "give", "intro", note="to Globex", now=AS_OF - 86_400)
    data = rec.ledger_report(db).to_json()
    assert data["given"] == 1 and data["received"] == 1
    assert [p["id"] for p in data["you_owe"]] == [ids["carol-helper"]]
    assert [p["id"] for p in data["owe_you"]] == [ids["alice-close"]]
    plan = rec.plan_report(db, week="2026-W47", as_of=AS_OF).to_json()
    carol = [i for i in plan["items"] if i["id"] == ids["carol-helper"]]
    assert carol and "helped you (endorsement)" in carol[0]["why"]
    reimport()
    assert rec.ledger_report(db).to_json() == data


def test_company_change_between_imports(network: Any) -> None:
    changes = {c.person_id: c for c in store.position_changes(network.db)}
    dan = changes[network.ids["dan-mover"]]
    assert dan.before == "Engineer · Hooli" and dan.after == "Staff Engineer · Stripe"
    assert len(changes) == 1


def test_overdue_and_ics(network: Any) -> None:
    overdue = rec.overdue_report(network.db, AS_OF)
    assert all(set(o) == {"id", "name", "tier", "days_since_contact", "cadence_days"} for o in overdue)
    plan = rec.plan_report(network.db, week="2026-W47", as_of=AS_OF)
    ics = rec.plan_ics(plan).decode()
    assert ics.count("BEGIN:VEVENT") == len(plan.items)
    assert "DTSTART:20261116T090000Z" in ics and "UID:netvalue-2026-W47-" in ics
    assert rec.plan_ics(plan) == rec.plan_ics(plan)


def test_settings(network: Any) -> None:
    store.set_setting(network.db, rec.PLAN_SIZE_SETTING, "1")
    store.set_setting(network.db, rec.CADENCE_SETTING + "close", "60")
    assert rec.plan_size(network.db) == 1 and rec.cadence_days(network.db)["close"] == 60
    assert len(rec.plan_report(network.db, week="2026-W47", as_of=AS_OF).items) <= 1
    store.set_setting(network.db, rec.PLAN_SIZE_SETTING, "9")
    assert rec.plan_size(network.db) == 3


def test_bridge_to_a_quiet_cluster_through_the_structure_adapter(
    network: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The structure sits behind rec.network_structure: a fake one with a quiet community of Bob and Eve."""
    from netvalue.app.structure import Brokerage, Community, Structure

    ids = network.ids
    quiet = Community(1, "Leeds alumni", (ids["bob-dormant"], ids["eve-data"]), 2, (ids["eve-data"],), 0.0)
    busy = Community(2, "Acme", (ids["alice-close"],), 1, (ids["alice-close"],), 1.0)
    fake = Structure(
        as_of=AS_OF,
        communities=[quiet, busy],
        community_of={ids["bob-dormant"]: 1, ids["eve-data"]: 1, ids["alice-close"]: 2},
        bridges={ids["bob-dormant"], ids["alice-close"]},
        structurally_valuable=set(),
        brokerage=Brokerage(0.5, 1.0, 0.5, 0.0, 3),
    )
    monkeypatch.setattr(rec, "network_structure", lambda db, as_of, ties=None: fake)
    plan = rec.plan_report(network.db, week="2026-W47", as_of=AS_OF)
    whys = {item.id: item.why for item in plan.items}
    assert any("your bridge to Leeds alumni, a cluster going quiet" in why for why in whys.values())
    assert "Acme" not in " ".join(whys.values())  # Alice's cluster is busy, not quiet
    # triage names the community of the contacts at the requester's company
    store.add_request(network.db, name="Ola", headline="Analyst", company="Monzo", now=AS_OF)
    ola = next(r for r in rec.triage_report(network.db, AS_OF).requests if r.name == "Ola")
    assert any("work at Monzo (Leeds alumni)" in reason for reason in ola.reasons)


def test_an_opener_never_quotes_a_broadcast(network: Any) -> None:
    # Bob's last thread is "Kafka migration", one-to-one.  A later announcement to Bob and 15 others is
    # newer, but the opener quotes a one-to-one or small-group thread only (issue 15: at most 4 others).
    from netvalue.records import InteractionRecord
    from netvalue.store.ingest import import_stream

    from .conftest import AS_OF, epoch, li

    later = epoch("2026-10-01")
    broadcast = InteractionRecord(
        source="linkedin",
        source_key="broadcast-bob",
        person=li("bob-dormant"),
        kind="message",
        direction="received",
        occurred_at=later,
        group_size=16,
        title="All-hands: new office opening",
        person_name="Bob Dormant",
    )
    import_stream(network.db, [broadcast], source="linkedin", path="later", sha256="y", now=later)
    titles = store.last_titles(network.db, AS_OF)
    assert titles[network.ids["bob-dormant"]][0] == "Kafka migration"


def test_an_opener_never_quotes_an_empty_reply_subject(network: Any) -> None:
    # a newer one-to-one mail titled only "RE:" says nothing: the opener quotes the thread before it
    from netvalue.records import InteractionRecord
    from netvalue.store.ingest import import_stream

    from .conftest import AS_OF, epoch, li

    later = epoch("2026-10-01")
    bare = InteractionRecord(
        source="linkedin",
        source_key="bare-reply-bob",
        person=li("bob-dormant"),
        kind="message",
        direction="received",
        occurred_at=later,
        title="RE:",
        person_name="Bob Dormant",
    )
    import_stream(network.db, [bare], source="linkedin", path="later", sha256="z", now=later)
    assert store.last_titles(network.db, AS_OF)[network.ids["bob-dormant"]][0] == "Kafka migration"
