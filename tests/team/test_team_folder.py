"""``team init/add/remove/status`` and the share file's checks: modes, replacement, refusals, no partial writes."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from netvalue.cli import main
from netvalue.errors import ImportFormatError
from netvalue.team.share_file import METADATA_KEY, read_share

from .conftest import AS_OF


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def share(db: Path, salt: Path, out: Path, *extra: str) -> Path:
    result = run(
        "--db", str(db), "share", "--out", str(out), "--salt-file", str(salt), "--as-of", AS_OF, *extra
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    assert run("team", "init", str(folder)).exit_code == 0
    return folder


def test_init_makes_a_private_folder_and_refuses_to_overwrite(team: Path) -> None:
    assert stat.S_IMODE(team.stat().st_mode) == 0o700
    assert stat.S_IMODE((team / "members").stat().st_mode) == 0o700
    for name in ("team.salt", "team.json"):
        assert stat.S_IMODE((team / name).stat().st_mode) == 0o600
    salt = (team / "team.salt").read_text()
    again = run("team", "init", str(team))
    assert again.exit_code == 1 and "already a team folder" in again.output
    assert (team / "team.salt").read_text() == salt


def test_add_replace_remove_status(tmp_path: Path, team: Path, member_db: Callable[..., Path]) -> None:
    mia = share(member_db("mia.db"), team / "team.salt", tmp_path / "mia.parquet")
    leo = share(
        member_db("leo.db", owner="Leo Lead", owner_email="leo@team.example"),
        team / "team.salt",
        tmp_path / "leo.parquet",
    )
    added = run("team", "add", str(team), str(mia), str(leo))
    assert added.exit_code == 0, added.output
    assert "Added Mia Member" in added.output and "Added Leo Lead" in added.output
    for path in (team / "members").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    status = json.loads(run("team", "status", str(team), "--json").output)
    assert [m["member"] for m in status["members"]] == ["Leo Lead", "Mia Member"]
    assert status["contacts"] == 4  # Ada and Carol for each (Bob is a collected name)
    # Mia shares again with fewer contacts: her share is replaced, not added.
    mia2 = share(
        member_db("mia.db"), team / "team.salt", tmp_path / "mia2.parquet", "--exclude-tag", "private"
    )
    replaced = run("team", "add", str(team), str(mia2))
    assert replaced.exit_code == 0 and "Replaced Mia Member: 1 contacts" in replaced.output
    assert json.loads(run("team", "status", str(team), "--json").output)["contacts"] == 3
    removed = run("team", "remove", str(team), "leo lead")
    assert removed.exit_code == 0 and "Removed Leo Lead" in removed.output
    assert [
        m["member"] for m in json.loads(run("team", "status", str(team), "--json").output)["members"]
    ] == ["Mia Member"]
    missing = run("team", "remove", str(team), "Nobody")
    assert missing.exit_code == 1 and "no member 'Nobody'" in missing.output


def test_a_share_made_with_another_salt_is_refused(
    tmp_path: Path, team: Path, member_db: Callable[..., Path]
) -> None:
    other = tmp_path / "other"
    assert run("team", "init", str(other)).exit_code == 0
    foreign = share(member_db(), other / "team.salt", tmp_path / "foreign.parquet")
    result = run("team", "add", str(team), str(foreign))
    assert result.exit_code == 1 and "foreign.parquet: made with another salt" in result.output
    assert not list((team / "members").iterdir())


def _rewrite(
    source: Path,
    target: Path,
    *,
    meta: dict[str, object] | None = None,
    column: tuple[str, list[object]] | None = None,
) -> Path:
    table = pq.read_table(source)
    metadata = json.loads(table.schema.metadata[METADATA_KEY])
    if meta:
        metadata.update(meta)
    if column:
        name, values = column
        table = table.set_column(
            table.column_names.index(name), name, pa.array(values, table.schema.field(name).type)
        )
    table = table.replace_schema_metadata({METADATA_KEY: json.dumps(metadata).encode()})
    pq.write_table(table, target)
    return target


def test_bad_share_files_get_one_line_naming_the_file_and_row(
    tmp_path: Path, team: Path, member_db: Callable[..., Path]
) -> None:
    good = share(member_db(), team / "team.salt", tmp_path / "good.parquet", "--min-tier", "collected names")
    not_parquet = tmp_path / "notes.parquet"
    not_parquet.write_text("name,company\nAda,Acme\n")
    cases = {
        not_parquet: "notes.parquet: not a Parquet file",
        _rewrite(
            good, tmp_path / "v2.parquet", meta={"schema_version": 2}
        ): "v2.parquet: share schema version 2, this netvalue reads version 1: ask the member to run `netvalue share` again",
        _rewrite(
            good, tmp_path / "tier.parquet", column=("tier", ["close", "best friend", "known"])
        ): "tier.parquet: row 2: tier 'best friend'",
        _rewrite(
            good, tmp_path / "name.parquet", column=("name", [None, None, "Ada Lovelace"])
        ): "name.parquet: row 3: name holds a value the metadata does not list",
        _rewrite(
            good, tmp_path / "keys.parquet", column=("keys", [[], ["email:ada@acme.example"], []])
        ): "keys.parquet: row 2: keys must be salted hashes",
        _rewrite(
            good, tmp_path / "strength.parquet", column=("strength", [0.5, 1.5, 0.1])
        ): "strength.parquet: row 2: strength 1.5",
        _rewrite(
            good,
            tmp_path / "domain.parquet",
            meta={"clear_fields": ["domain"]},
            column=("domains", [[], [], ["acme.example\nEvil: header"]]),
        ): "domain.parquet: row 3: domains must be e-mail domains",
    }
    for path, message in cases.items():
        result = run("team", "add", str(team), str(good), str(path))
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], (
            message,
            result.output,
        )
        assert not list((team / "members").iterdir()), "nothing is added unless every file is good"
    with pytest.raises(ImportFormatError, match=r"v2\.parquet"):
        read_share(tmp_path / "v2.parquet")


def test_paths_through_the_pooled_file_after_add(
    tmp_path: Path, team: Path, member_db: Callable[..., Path]
) -> None:
    mia = share(
        member_db("mia.db"), team / "team.salt", tmp_path / "mia.parquet", "--clear-fields", "company,role"
    )
    leo_db = member_db("leo.db", owner="Leo Lead", owner_email="leo@team.example")
    leo = share(leo_db, team / "team.salt", tmp_path / "leo.parquet")
    assert run("team", "add", str(team), str(mia), str(leo)).exit_code == 0
    pool = team / "pool.sqlite"
    assert stat.S_IMODE(pool.stat().st_mode) == 0o600
    by_company = json.loads(run("team", "paths", str(team), "--company", "ACME", "--json").output)
    # Ada is one human: Mia shared her company, Leo only her hashed address, which is the same.
    assert by_company["contacts"] == 1
    assert sorted(p["ask"] for p in by_company["paths"]) == ["Leo Lead", "Mia Member"]
    assert by_company["paths"][0]["contact"]["role"] == "Chief Technology Officer"
    by_person = json.loads(run("team", "paths", str(team), "--person", "Ada@Acme.example", "--json").output)
    assert by_person["paths"] == by_company["paths"]
    by_domain = json.loads(run("team", "paths", str(team), "--domain", "acme.example", "--json").output)
    assert by_domain["contacts"] == 1  # the domain hashed with the team's salt
    assert run("team", "paths", str(team), "--domain", "acme.example", "--company", "Acme").exit_code == 1
