"""The pool ``team add`` keeps: the same answers as resolving in memory, private, made again when the
members change, and read by ``team paths`` without Parquet, Splink or the analysis."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netvalue.cli import team as cli_team
from netvalue.team.coverage import find_humans, team_coverage, team_overlap
from netvalue.team.folder import init_team, load_team
from netvalue.team.paths import team_paths
from netvalue.team.pooled import add_members, pool_view, remove_members
from netvalue.team.query import POOL_FILE, coverage, overlap, paths_to, pool_engine
from netvalue.team.records import ENGINES, SharedContact
from netvalue.team.salt import hash_key, read_salt, salt_id
from netvalue.team.share_file import CLEAR_FIELDS, ShareInfo, write_share

SRC = Path(__file__).resolve().parents[2] / "src"


def _row(salt: bytes, name: str, company: str | None, strength: float, *addresses: str) -> SharedContact:
    return SharedContact(
        tuple(sorted(hash_key(salt, "email", a) for a in addresses)),
        tuple(sorted({a.rpartition("@")[2] for a in addresses})),
        name,
        company,
        "Partner" if strength > 0.5 else None,
        None,
        "active" if strength >= 0.3 else "known",
        strength,
        "2025-0" + str(1 + int(strength * 8)),
    )


def _share(folder: Path, out: Path, member: str, own: str, rows: list[SharedContact]) -> Path:
    salt = read_salt(folder / "team.salt")
    info = ShareInfo(
        member,
        (hash_key(salt, "email", own),),
        salt_id(salt),
        "2025-07-01T00:00:00+00:00",
        "2025-06-30T00:00:00+00:00",
        "known",
        (),
        ("name", "company", "role", "domain"),
        len(rows),
    )
    write_share(out, info, rows)
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Ann, Bo and Cy: Jane at Acme known to all three (by two addresses), Raj at Acme to Cy, Lee at
    Globex to Ann and Cy under one name and no common address, and Bo known to Ann."""
    team = tmp_path / "team"
    salt = read_salt(init_team(team, 0))
    shares = [
        _share(
            team,
            tmp_path / "ann.parquet",
            "Ann",
            "ann@fund.example",
            [
                _row(salt, "Jane Roe", "Acme Inc", 0.2, "jane@acme.com"),
                _row(salt, "Bo Bell", "Our Fund", 0.9, "bo@fund.example"),
                _row(salt, "Lee Lam", "Globex", 0.6, "lee@globex.com"),
            ],
        ),
        _share(
            team,
            tmp_path / "bo.parquet",
            "Bo",
            "bo@fund.example",
            [
                _row(salt, "Jane Roe", "ACME", 0.7, "jane@acme.com"),
            ],
        ),
        _share(
            team,
            tmp_path / "cy.parquet",
            "Cy",
            "cy@fund.example",
            [
                _row(salt, "Jane Roe", "Acme", 0.7, "jane.roe@gmail.com", "jane@acme.com"),
                _row(salt, "Raj Rao", "Acme", 0.4, "raj@acme.com"),
                _row(salt, "Lee Lam", "Globex GmbH", 0.8, "lee.lam@gmail.com"),
            ],
        ),
    ]
    add_members(team, shares, "exact")
    return team


@pytest.mark.parametrize(
    "query",
    [
        {"company": "acme, inc."},
        {"company": "Acme"},
        {"domain": "acme.com"},
        {"person": "Jane Roe"},
        {"person": "JANE@acme.com"},
        {"company": "Globex"},
    ],
)
def test_the_pool_answers_as_resolving_the_shares_in_memory(folder: Path, query: dict[str, str]) -> None:
    view = pool_view(load_team(folder), "exact")
    expected = team_paths(view, find_humans(view, **query))
    found = paths_to(folder, **query)  # type: ignore[arg-type]
    assert found["paths"] == expected and found["paths"]
    assert coverage(folder) == team_coverage(view)
    assert overlap(folder) == team_overlap(view)
    assert coverage(folder, limit=1)["companies"] == team_coverage(view, limit=1)["companies"]


def test_the_pool_is_private_and_made_again_when_the_members_change(folder: Path, tmp_path: Path) -> None:
    pool = folder / POOL_FILE
    assert stat.S_IMODE(pool.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["members", POOL_FILE, "team.json", "team.salt"]
    assert {p["ask"] for p in paths_to(folder, company="Acme")["paths"]} == {"Ann", "Bo", "Cy"}
    remove_members(folder, "bo")
    assert {p["ask"] for p in paths_to(folder, company="Acme")["paths"]} == {"Ann", "Cy"}
    # A member's file replaced behind netvalue's back: the next query sees it, not the old pool.
    salt = read_salt(folder / "team.salt")
    replaced = _share(
        folder,
        tmp_path / "cy2.parquet",
        "Cy",
        "cy@fund.example",
        [
            _row(salt, "Raj Rao", "Acme", 0.4, "raj@acme.com"),
        ],
    )
    os.replace(replaced, folder / "members" / "cy.parquet")
    assert {p["contact"]["name"] for p in paths_to(folder, company="Acme")["paths"]} == {
        "Jane Roe",
        "Raj Rao",
    }  # type: ignore[index]
    assert {p["ask"] for p in paths_to(folder, company="Acme")["paths"]} == {"Ann", "Cy"}
    assert stat.S_IMODE(pool.stat().st_mode) == 0o600


def test_a_damaged_pool_is_made_again(folder: Path) -> None:
    expected = paths_to(folder, domain="acme.com")
    (folder / POOL_FILE).write_bytes(b"not a database")
    assert paths_to(folder, domain="acme.com") == expected
    assert stat.S_IMODE((folder / POOL_FILE).stat().st_mode) == 0o600


def test_another_engine_resolves_again_and_is_kept(folder: Path) -> None:
    assert pool_engine(folder) == "exact"
    by_netvalue = overlap(folder, engine="netvalue")
    assert pool_engine(folder) == "netvalue"
    assert by_netvalue == team_overlap(pool_view(load_team(folder), "netvalue"))
    assert overlap(folder) == by_netvalue  # no engine asked for: the pool's


def test_team_paths_imports_no_parquet_splink_or_analysis(folder: Path) -> None:
    code = (
        "import sys\n"
        "from netvalue.cli import main\n"
        f"try:\n    main(['team', 'paths', {str(folder)!r}, '--company', 'Acme', '--json'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pyarrow', 'splink', 'duckdb', 'pandas', 'numpy', 'netvalue.identity', 'netvalue.analysis',"
        " 'netvalue.importers', 'rich')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(heavy)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    *answer, imported = out.stdout.strip().splitlines()
    assert json.loads("\n".join(answer))["contacts"] == 2
    assert imported == "[]"


def test_the_cli_lists_the_engines_and_clear_fields_the_team_modules_define() -> None:
    assert cli_team._ENGINES == ENGINES
    assert ", ".join(CLEAR_FIELDS) == cli_team._CLEAR_FIELDS
