"""``ties``, ``value``, ``rate``, ``model``, ``explain`` and the ``report`` additions, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netvalue.app.ties import load_ties
from netvalue.cli import main
from netvalue.store import Database

DAY = 86_400
AS_OF_DATE = "2025-06-30"  # --as-of: the end of that day
END = 1_751_328_000  # 2025-07-01T00:00:00Z


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def add_person(db: Database, pid: int, name: str, email: str | None = None) -> None:
    db.conn.execute("INSERT INTO people (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)", (pid, name))
    if email:
        db.conn.execute(
            "INSERT INTO identities (kind, value, person_id, source) VALUES ('email', ?, ?, 'email')",
            (email, pid),
        )


def add_mail(db: Database, pid: int, when: int, direction: str, key: str) -> None:
    db.conn.execute(
        "INSERT INTO interactions (source, source_key, person_id, kind, direction, occurred_at) VALUES"
        " ('email', ?, ?, 'email', ?, ?)",
        (key, pid, direction, when),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Person 1 writes weekly both ways; 2 is a one-way stream; 3 was close two years ago; 4 only after
    the as-of date; 5..30 have one exchange each, some weeks apart (for ratings)."""
    path = tmp_path / "netvalue.db"
    db = Database.open(path)
    add_person(db, 1, "Ada Lovelace", "ada@example.org")
    add_person(db, 2, "News Letter")
    add_person(db, 3, "Old Friend")
    add_person(db, 4, "Future Person")
    for week in range(1, 60):
        add_mail(db, 1, END - week * 7 * DAY, ("sent", "received")[week % 2], f"a{week}")
        add_mail(db, 2, END - week * 7 * DAY, "received", f"n{week}")
    for week in range(100, 160):
        add_mail(db, 3, END - week * 7 * DAY, ("sent", "received")[week % 2], f"o{week}")
    add_mail(db, 4, END + 10 * DAY, "sent", "f1")
    add_mail(db, 4, END + 11 * DAY, "received", "f2")
    for pid in range(5, 31):
        add_person(db, pid, f"Person {pid:02d}")
        add_mail(db, pid, END - pid * 9 * DAY, "sent", f"s{pid}")
        add_mail(db, pid, END - pid * 9 * DAY + DAY * (pid % 3), "received", f"r{pid}")
    db.close()
    return path


def test_ties_json_carries_the_documented_keys(db_path: Path) -> None:
    result = run(db_path, "ties", "--as-of", AS_OF_DATE, "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert (
        len(items) == 29
    )  # Future Person had nothing before the as-of date and no connection: not yet there
    first = items[0]
    for key in ("id", "name", "identities", "tier", "strength", "activity", "history", "dormant", "reasons"):
        assert key in first
    ada = next(i for i in items if i["id"] == 1)
    assert ada["identities"] == ["email:ada@example.org"]
    assert ada["tier"] == "inner circle"
    assert items[0]["id"] == 1  # the strongest tie ranks first
    stream = next(i for i in items if i["id"] == 2)
    assert stream["tier"] == "collected names" and stream["strength"] <= 0.2
    old = next(i for i in items if i["id"] == 3)
    assert old["dormant"] is True and old["tier"] == "meaningful"


def test_ties_filters(db_path: Path) -> None:
    dormant = json.loads(run(db_path, "ties", "--as-of", AS_OF_DATE, "--dormant", "--json").stdout)
    assert [i["id"] for i in dormant] == [3]
    inner = json.loads(run(db_path, "ties", "--as-of", AS_OF_DATE, "--tier", "inner circle", "--json").stdout)
    assert [i["id"] for i in inner] == [1]
    limited = json.loads(run(db_path, "ties", "--as-of", AS_OF_DATE, "--limit", "3", "--json").stdout)
    assert len(limited) == 3
    table = run(db_path, "ties", "--as-of", AS_OF_DATE, "--limit", "2")
    assert "Ada Lovelace" in table.stdout and "Tiers:" in table.stdout


def test_as_of_uses_only_earlier_interactions(db_path: Path) -> None:
    early = json.loads(run(db_path, "ties", "--as-of", "2024-12-31", "--json").stdout)
    ada = next(i for i in early if i["id"] == 1)
    # weeks 27..59 before END fall before 2025-01-01 (the as-of is the end of 2024-12-31)
    assert ada["sent"] + ada["received"] == sum(
        1 for w in range(1, 60) if END - w * 7 * DAY < END - 181 * DAY
    )
    assert all(i["last_contact"] is None or i["last_contact"] < END - 181 * DAY for i in early)
    later = json.loads(run(db_path, "ties", "--as-of", "2025-07-20", "--json").stdout)
    assert next(i for i in later if i["id"] == 4)["tier"] == "active"  # two-way within the last 12 months


def test_rating_overrides_the_score(db_path: Path) -> None:
    assert run(db_path, "rate", "News Letter", "5").exit_code == 0
    items = json.loads(run(db_path, "ties", "--as-of", AS_OF_DATE, "--json").stdout)
    stream = next(i for i in items if i["id"] == 2)
    assert stream["strength"] == 1.0 and stream["rating"] == 5
    assert stream["reasons"][0] == "rated 5/5 by you"
    assert run(db_path, "rate", "ada@example.org", "1").exit_code == 0
    ada = next(i for i in json.loads(run(db_path, "ties", "--json").stdout) if i["id"] == 1)
    assert ada["strength"] == 0.0


def test_bad_ratings_are_errors_not_tracebacks(db_path: Path, tmp_path: Path) -> None:
    result = run(db_path, "rate", "Ada Lovelace", "7")
    assert result.exit_code == 1 and "Error:" in result.output
    result = run(db_path, "rate", "Nobody At All", "3")
    assert result.exit_code == 1 and "Error:" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("person,rating\nAda Lovelace,x\n", encoding="utf-8")
    result = run(db_path, "rate", "--csv", str(bad))
    assert result.exit_code == 1 and "line 2" in result.output


def test_rating_round_trip_to_a_calibrated_model(db_path: Path, tmp_path: Path) -> None:
    few = json.loads(run(db_path, "model", "--json").stdout)
    assert few["agreement"] is None and few["needed"] == 20
    sheet = tmp_path / "ratings.csv"
    lines = ["person,rating"] + [f"Person {pid:02d},{1 + (30 - pid) * 4 // 26}" for pid in range(5, 31)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rated = run(db_path, "rate", "--csv", str(sheet))
    assert rated.exit_code == 0 and "calibrated on 26 ratings" in rated.stdout  # calibrated at once
    data = json.loads(run(db_path, "model", "--as-of", AS_OF_DATE, "--json").stdout)
    assert data["ratings"] == 26 and data["in_use"] == "calibrated"
    assert set(data["agreement"]) == {"ratings", "folds", "default", "calibrated"}
    assert data["agreement"]["folds"] == 5
    assert data["calibrated_model"]["source"] == "calibrated on 26 ratings"
    db = Database.open(db_path)
    try:
        table = load_ties(db, END)
        assert table.model.source == "calibrated on 26 ratings"
        # Person 05: 1 + (30 - 5) * 4 // 26 = 4 -> strength (4 - 1) / 4 = 0.75
        assert table.by_person[5].rating == 4 and table.by_person[5].strength == 0.75
    finally:
        db.close()
    text = run(db_path, "model", "--as-of", AS_OF_DATE)
    assert "Spearman" in text.stdout and "calibrated" in text.stdout


def test_value_prints_the_model_and_caveats(db_path: Path) -> None:
    data = json.loads(run(db_path, "value", "--as-of", AS_OF_DATE, "--json").stdout)
    assert data["coefficient"] == 948.0
    assert data["names"] == 29 and data["naive_value"] == 29 * 948.0
    assert len(data["caveats"]) == 4
    assert 0 < data["value"] < data["naive_value"]
    saved = json.loads(run(db_path, "value", "--coefficient", "100", "--as-of", AS_OF_DATE, "--json").stdout)
    assert saved["coefficient"] == 100.0
    again = json.loads(run(db_path, "value", "--as-of", AS_OF_DATE, "--json").stdout)
    assert again["coefficient"] == 100.0
    text = run(db_path, "value", "--as-of", AS_OF_DATE).stdout
    assert "Caveats" in text and "not profit" in text
    assert run(db_path, "value", "--coefficient", "-5").exit_code == 1


def test_explain_lists_and_shows_topics(db_path: Path) -> None:
    listing = run(db_path, "explain").stdout
    for name in ("ties", "decay", "dunbar", "calibration", "value"):
        assert name in listing
    ties = run(db_path, "explain", "ties").stdout
    assert "Gilbert & Karahalios" in ties and "σ(b + Σ w·x)" in ties
    assert "110 days" in run(db_path, "explain", "decay").stdout
    assert "$948" in run(db_path, "explain", "value").stdout
    missing = run(db_path, "explain", "astrology")
    assert missing.exit_code == 1 and "Error:" in missing.output


def test_report_gains_tiers_dormant_trend_and_value(db_path: Path) -> None:
    data = json.loads(run(db_path, "report", "--as-of", AS_OF_DATE, "--json").stdout)
    assert "contact" in data and "counts" in data  # the lead's keys stay
    tiers = {row["tier"]: row for row in data["tiers"]}
    assert tiers["inner circle"]["count"] == 1 and tiers["inner circle"]["dunbar"] == 5
    assert data["relationships"]["collected_names"] == tiers["collected names"]["count"]
    assert [p["id"] for p in data["dormant"]["worth_reviving"]] == [3]
    assert len(data["trend"]) == 36 and data["trend"][-1]["month"] == "2025-06"
    assert data["value"]["caveats"]
    layers = {row["dunbar"]: row["yours"] for row in data["dunbar_layers"]}
    assert list(layers) == [5, 15, 50, 150]
    assert layers[5] == 1 and layers[150] == data["relationships"]["working_relationships"]
    text = run(db_path, "report", "--as-of", AS_OF_DATE).stdout
    assert "Dunbar" in text and "collected names" in text and "Indicative yearly value" in text


def test_same_company_as_the_owner_is_shared_context(db_path: Path) -> None:
    db = Database.open(db_path)
    try:
        db.conn.execute("UPDATE people SET company = 'ACME Corp ' WHERE id = 5")
        db.conn.execute("UPDATE people SET company = 'Other' WHERE id = 6")
        db.conn.execute(
            "INSERT INTO owner_affiliations (source, kind, organization) VALUES ('linkedin', 'position', 'Acme Corp')"
        )
        table = load_ties(db, END)
        row = table.people.index
        assert table.people.same_company[row[5]] and not table.people.same_company[row[6]]
        assert table.features.same_company[row[5]]
    finally:
        db.close()


@pytest.mark.realdata
def test_enron_mailbox_end_to_end(shared_data: Path, tmp_path: Path) -> None:
    """A real mailbox (Enron, Phillip Allen's folders): invariants hold on real data, and strength
    computed before a cut predicts two-way contact after it better than chance (science.md §8)."""
    import numpy as np

    from netvalue.analysis.ties import judge_ties, tie_features
    from netvalue.importing import run_import
    from netvalue.store.ties import fetch_interactions, fetch_people

    folder = shared_data / "enron" / "allen-p"
    if not folder.is_dir():
        pytest.skip("../shared/data/enron/allen-p is absent")
    db = Database.open(tmp_path / "enron.db")
    try:
        run_import(db, folder, source="email")
        as_of = 1_020_000_000  # 2002-04-29, after the last message
        table = load_ties(db, as_of)
        assert sum(table.tier_counts.values()) == len(table.ranked) > 100
        for tie in table.ranked:
            assert 0.0 <= tie.strength <= 1.0
            assert (tie.tier == "collected names") == (tie.last_two_way is None)
        assert table.ranked[0].tier != "collected names" and table.ranked[0].reasons
        people = fetch_people(db)
        rows = fetch_interactions(db, people, as_of)
    finally:
        db.close()
    cut, horizon = 974_000_000, 182 * DAY  # 2000-11-12: both folders still on record for 6 months
    before = judge_ties(tie_features(rows, len(people.ids), cut))
    after = tie_features(rows, len(people.ids), cut + horizon)
    seen = tie_features(rows, len(people.ids), cut).last_contact >= 0
    label = (after.last_two_way >= cut)[seen]
    score = before.strength[seen]
    positives, negatives = score[label], score[~label]
    assert len(positives) >= 3
    auc = (positives[:, None] > negatives[None, :]).mean() + 0.5 * (
        positives[:, None] == negatives[None, :]
    ).mean()
    assert auc > 0.75, auc
    assert np.isfinite(score).all()
