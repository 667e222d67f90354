"""``netvalue communities``, ``brokerage``, ``hangouts`` and ``graph export`` on a small hand-made network.

The network (every interaction 10–40 days before AS_OF):
- Acme (Berlin): Ann and Alex write back and forth with the user; all four Acme people are on the same
  e-mails, so they form one cluster; Ava and Abe never answer.
- Initech: only Ian exchanges with the user; Ina and Ivo are on Ian's e-mails and never write themselves,
  so Ian is the user's only strong link into Initech: a bridge, and structurally valuable.
- Gus and Gia at Globex are collected names (connections with no exchange).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from netvalue.app.structure import load_structure
from netvalue.cli import main
from netvalue.records import FileRead, Identity, InteractionRecord, OwnerAffiliation, PersonRecord
from netvalue.store import Database
from netvalue.store.ingest import import_stream

DAY = 86_400
AS_OF = 1_750_000_000
AS_OF_DAY = "2025-06-15"  # the end of this day is after AS_OF (2025-06-15T15:06Z)

ACME = {"ann": "Ann Acme", "alex": "Alex Acme", "ava": "Ava Acme", "abe": "Abe Acme"}
INITECH = {"ian": "Ian Initech", "ina": "Ina Initech", "ivo": "Ivo Initech"}
GLOBEX = {"gus": "Gus Globex", "gia": "Gia Globex"}


def who(slug: str) -> Identity:
    return Identity("linkedin", f"linkedin.com/in/{slug}")


def records() -> list[object]:
    items: list[object] = []
    for group, company, place in (
        (ACME, "Acme", "Berlin"),
        (INITECH, "Initech", "Paris"),
        (GLOBEX, "Globex", None),
    ):
        for slug, name in group.items():
            items.append(
                PersonRecord(
                    "linkedin",
                    (who(slug), Identity("email", f"{slug}@{company.lower()}.example")),
                    name,
                    company=company,
                    location=place,
                    headline="Alumna of TU Berlin" if slug == "ann" else None,
                    is_connection=True,
                    connected_on=AS_OF - (400 if slug == "gus" else 100) * DAY,
                )
            )
    key = 0

    def add(
        slug: str, direction: str, days_ago: int, message: str | None, size: int, title: str | None = None
    ) -> None:
        nonlocal key
        key += 1
        items.append(
            InteractionRecord(
                "email",
                f"k{key}",
                who(slug),
                "email",
                direction,  # type: ignore[arg-type]
                AS_OF - days_ago * DAY,
                message_key=message,
                group_size=size,
                title=title,
            )
        )

    for n in range(4):  # four Acme e-mails to all four
        for slug in ACME:
            add(slug, "sent", 10 + n, f"acme-{n}", 4, "Acme launch")
    for n in range(4):
        for slug in ("ann", "alex"):
            add(slug, "received", 11 + n, f"reply-{slug}-{n}", 1)
    for n in range(3):  # Ian writes to the user, Ina and Ivo in Cc
        for slug in INITECH:
            add(slug, "received", 20 + n, f"initech-{n}", 3)
        add("ian", "sent", 21 + n, f"to-ian-{n}", 1)
    items.append(OwnerAffiliation("linkedin", "education", "TU Berlin"))
    items.append(OwnerAffiliation("linkedin", "follow", "Initech"))
    items.append(FileRead("seed", rows=len(items)))
    return items


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "nv.db"
    with Database.open(path) as db:
        import_stream(db, records(), source="test", path="seed", sha256="0" * 64, now=AS_OF)  # type: ignore[arg-type]
    return path


def run(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def person_id(db_path: Path, slug: str) -> int:
    with Database.open(db_path) as db:
        row = db.conn.execute(
            "SELECT person_id FROM identities WHERE kind = 'linkedin' AND value = ?", (who(slug).value,)
        ).fetchone()
    return int(row[0])


def test_communities_are_labelled_by_what_members_share(db_path: Path) -> None:
    data = json.loads(run(db_path, "communities", "--as-of", AS_OF_DAY, "--json"))
    by_label = {c["label"]: c for c in data["communities"]}
    acme = by_label["Acme · Berlin"]
    assert acme["size"] == 4 and acme["basis"] == "company 4/4; place 4/4"
    assert {p["name"] for p in acme["strongest"]} == {"Ann Acme", "Alex Acme"}
    # Initech (3 people) and Globex (2) are too small to describe: pooled as "small groups" (issue 15)
    small = by_label["small groups (2 clusters of 2–3)"]
    assert small["size"] == 5 and small["id"] is None and len(small["clusters"]) == 2
    assert [p["name"] for p in data["bridges"]] == ["Ian Initech"]
    assert "Ian Initech" in {p["name"] for p in data["structurally_valuable"]}
    # your one tie there is Ian Initech's; Globex is two collected names tied only by their company
    assert small["ties"] == 1


def test_load_structure_for_other_areas(db_path: Path) -> None:
    with Database.open(db_path) as db:
        structure = load_structure(db, AS_OF, seed=3)
    ian, ann, ina = person_id(db_path, "ian"), person_id(db_path, "ann"), person_id(db_path, "ina")
    assert structure.bridges == {ian}
    assert structure.community_of[ian] == structure.community_of[ina] != structure.community_of[ann]
    members = [m for c in structure.communities for m in c.members]
    assert len(members) == len(set(members)) == len(structure.community_of)  # each contact once
    assert all((a < b and w > 0) for a, b, w in structure.edges)
    assert structure.brokerage.contacts == 3  # Ann, Alex, Ian: the two-way ties


def test_brokerage_json_and_text(db_path: Path) -> None:
    data = json.loads(run(db_path, "brokerage", "--as-of", AS_OF_DAY, "--json"))
    assert data["contacts"] == 3
    assert 0 < data["constraint"] < 1
    assert data["meaning"].startswith(("Low", "Moderate", "High"))
    assert 0 < data["efficiency"] <= 1
    assert data["effective_size"] == pytest.approx(data["efficiency"] * 3, abs=1e-3)
    text = run(db_path, "brokerage", "--as-of", AS_OF_DAY)
    assert "constraint" in text and "Ian Initech" in text


def test_hangouts_by_company_school_and_follow(db_path: Path) -> None:
    data = json.loads(run(db_path, "hangouts", "--as-of", AS_OF_DAY, "--json"))
    groups = {g["name"]: g for g in data["groups"]}
    assert groups["Acme"]["size"] == 4 and groups["Acme"]["real"] == 2 and groups["Acme"]["collected"] == 2
    assert groups["Globex"]["real"] == 0
    assert groups["Acme"]["trend"] == "new"  # all four connected 100 days ago
    assert groups["Globex"]["trend"] == "steady"  # one this year, one the year before
    school = json.loads(run(db_path, "hangouts", "--by", "school", "--as-of", AS_OF_DAY, "--json"))
    assert [(g["name"], g["size"]) for g in school["groups"]] == [("TU Berlin", 1)]
    follow = json.loads(run(db_path, "hangouts", "--by", "follow", "--as-of", AS_OF_DAY, "--json"))
    assert [(g["name"], g["size"], g["real"]) for g in follow["groups"]] == [("Initech", 3, 1)]
    place = json.loads(run(db_path, "hangouts", "--by", "place", "--as-of", AS_OF_DAY, "--json"))
    assert {g["name"] for g in place["groups"]} == {"Berlin", "Paris"}
    assert "Acme" in run(db_path, "hangouts", "--by", "community", "--as-of", AS_OF_DAY)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_export_round_trips_through_networkx(db_path: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"net.{fmt}"
    run(db_path, "graph", "export", "--format", fmt, "--output", str(out), "--as-of", AS_OF_DAY)
    assert out.stat().st_mode & 0o777 == 0o600  # private like the database: it names the same people
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    ian = str(person_id(db_path, "ian"))
    assert graph.number_of_nodes() == 10  # the user and the nine contacts
    assert graph.has_edge("me", ian) and not graph.has_edge("me", str(person_id(db_path, "ina")))
    assert float(graph["me"][ian]["weight"]) > 0
    assert graph.has_edge(ian, str(person_id(db_path, "ina")))
    labels = nx.get_node_attributes(graph, "label")
    assert labels[ian] == "Ian Initech"


def test_graph_export_json_to_stdout(db_path: Path) -> None:
    data = json.loads(run(db_path, "graph", "export", "--format", "json", "--as-of", AS_OF_DAY))
    assert data["nodes"][0]["id"] == "me"
    assert {e["source"] for e in data["edges"]} >= {"me"}


def test_before_any_interaction_there_is_no_structure(db_path: Path) -> None:
    data = json.loads(run(db_path, "brokerage", "--as-of", "2020-01-01", "--json"))
    assert data["contacts"] == 0 and data["constraint"] is None
    assert "No two-way ties" in run(db_path, "brokerage", "--as-of", "2020-01-01")
    empty = json.loads(run(db_path, "communities", "--as-of", "2020-01-01", "--json"))
    assert empty["communities"] == [] and empty["bridges"] == []


def test_help_has_examples_and_unwritable_output_is_an_error(db_path: Path, tmp_path: Path) -> None:
    for command in (["communities"], ["brokerage"], ["hangouts"], ["graph", "export"]):
        assert "Example:" in run(db_path, *command, "--help")
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "graph", "export", "--output", str(tmp_path / "missing" / "x.graphml")]
    )
    assert result.exit_code == 1 and result.output.startswith("Error: ")


def test_same_seed_same_structure(db_path: Path) -> None:
    with Database.open(db_path) as db:
        first = load_structure(db, AS_OF, seed=11)
        second = load_structure(db, AS_OF, seed=11)
    assert [c.as_dict() for c in first.communities] == [c.as_dict() for c in second.communities]  # NaN-safe
    assert first.community_of == second.community_of
    assert first.edges == second.edges
