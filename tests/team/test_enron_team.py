"""A team of three Enron mailboxes' owners answering ``team paths --domain`` for outside firms.

Real mail of real people: only aggregate figures are checked (counts, that every path leads to the
domain asked for), never anyone's score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netvalue.cli import main

MAILBOXES = ("allen-p", "shankman-j", "skilling-j")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.realdata
def test_enron_owners_find_paths_to_outside_firms(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    run("team", "init", str(folder))
    shares = []
    for user in MAILBOXES:
        db = tmp_path / f"{user}.db"
        run("--db", str(db), "import", "email", str(shared_data / "enron" / user))
        out = tmp_path / f"{user}.parquet"
        # The e-mail domain stands for the company here: the Enron headers carry no employer.
        run(
            "--db",
            str(db),
            "share",
            "--out",
            str(out),
            "--salt-file",
            str(folder / "team.salt"),
            "--member",
            user,
            "--clear-fields",
            "name,company,domain",
            "--as-of",
            "2001-12-31",
            "--min-tier",
            "collected names",
        )
        shares.append(str(out))
    run("team", "add", str(folder), *shares)
    coverage = json.loads(run("team", "coverage", str(folder), "--limit", "0", "--json").output)
    outside = [
        d
        for d in json.loads(run("team", "coverage", str(folder), "--limit", "1000", "--json").output)[
            "domains"
        ]
        if not d["name"].endswith("enron.com")
    ]
    assert coverage["members"] == 3 and coverage["contacts"] > 1000
    assert len(outside) >= 20, "the team reaches many outside firms"
    reached_by_several = [d for d in outside if d["members"] >= 2]
    assert reached_by_several, "some outside firm is reached by more than one member"
    for firm in reached_by_several[:5]:
        result = json.loads(run("team", "paths", str(folder), "--domain", firm["name"], "--json").output)
        assert result["contacts"] >= firm["contacts"]  # paths also count its subdomains
        assert result["paths"] and {p["ask"] for p in result["paths"]} <= set(MAILBOXES)
        for path in result["paths"]:
            assert any(
                d == firm["name"] or d.endswith("." + firm["name"]) for d in path["contact"]["domains"]
            )
            weakest = min(link["strength"] for link in path["links"])
            assert path["weakest"] == weakest
    overlap = json.loads(run("team", "overlap", str(folder), "--limit", "1000", "--json").output)
    assert overlap and all(o["contact"]["known_by"] >= 2 for o in overlap)
