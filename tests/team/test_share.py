"""``netvalue share``: what leaves a member's database, and nothing more."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner, Result

from netvalue.cli import main
from netvalue.team.salt import hash_key, read_salt
from netvalue.team.share_file import COLUMNS, METADATA_KEY, SCHEMA_VERSION, read_share

from .conftest import AS_OF


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_share(db: Path, out: Path, salt: Path, *options: str) -> Result:
    """``netvalue --db DB share --out OUT --salt-file SALT OPTIONS...``."""
    return run("--db", str(db), "share", "--out", str(out), "--salt-file", str(salt), *options)


def team_salt(tmp_path: Path) -> Path:
    assert run("team", "init", str(tmp_path / "team")).exit_code == 0
    return tmp_path / "team" / "team.salt"


def everything_in(path: Path) -> str:
    """Every value of every column, the schema and the key-value metadata, as one text."""
    parquet = pq.ParquetFile(path)
    table = parquet.read()
    parts = [str(parquet.schema_arrow), str(parquet.metadata)]
    parts += [f"{k!r}={v!r}" for k, v in (parquet.schema_arrow.metadata or {}).items()]
    parts += [json.dumps(table.column(c).to_pylist()) for c in table.column_names]
    return "\n".join(parts)


SECRETS = (
    "ada@acme.example",
    "acme.example",
    "Ada",
    "Lovelace",
    "Acme",
    "Chief Technology",
    "linkedin.com",
    "ada-lovelace",
    "5550123",
    "Bob",
    "stream",
    "Carol",
    "hidden",
    "mia@team.example",
)


def test_default_share_holds_only_hashes_tiers_strengths_and_months(
    tmp_path: Path, member_db: Callable[..., Path]
) -> None:
    db = member_db()
    salt_path = team_salt(tmp_path)
    out = tmp_path / "mia.parquet"
    result = run_share(db, out, salt_path, "--exclude-tag", "private", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = everything_in(out)
    found = [s for s in SECRETS if s in text]  # case kept: "ada" is also hex, and in "metadata"
    assert not found, f"the share holds what the member did not choose: {found}"
    share = read_share(out)
    # Ada only: Bob is a collected name (below the default minimum tier), Carol is tagged private.
    assert len(share.contacts) == 1
    ada = share.contacts[0]
    salt = read_salt(salt_path)
    assert hash_key(salt, "email", "ada@acme.example") in ada.keys
    assert hash_key(salt, "phone", "+14155550123") in ada.keys
    assert ada.domains == (hash_key(salt, "domain", "acme.example"),)
    assert (ada.name, ada.company, ada.role, ada.profile_urls) == (None, None, None, None)
    assert ada.tier in ("inner circle", "close", "active") and 0 < ada.strength <= 1
    assert ada.last_two_way == "2025-06"
    meta = json.loads(pq.ParquetFile(out).schema_arrow.metadata[METADATA_KEY])
    assert meta["schema_version"] == SCHEMA_VERSION and meta["member"] == "Mia Member"
    assert meta["columns"] == COLUMNS and meta["clear_fields"] == [] and meta["contacts"] == 1
    assert meta["member_keys"] == [hash_key(salt, "email", "mia@team.example")]
    assert set(pq.ParquetFile(out).schema_arrow.names) == set(COLUMNS)


def test_clear_fields_are_shared_only_when_chosen(tmp_path: Path, member_db: Callable[..., Path]) -> None:
    db = member_db()
    salt_path = team_salt(tmp_path)
    out = tmp_path / "mia.parquet"
    result = run_share(
        db,
        out,
        salt_path,
        "--as-of",
        AS_OF,
        "--clear-fields",
        "name,company,role",
        "--min-tier",
        "collected names",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["clear_fields"] == ["name", "company", "role"]
    share = read_share(out)
    by_name = {c.name: c for c in share.contacts}
    assert set(by_name) == {"Ada Lovelace", "Bob Bulkmail", "Carol Secret"}  # collected names included now
    assert by_name["Ada Lovelace"].company == "Acme Inc"
    assert by_name["Ada Lovelace"].role == "Chief Technology Officer"
    assert by_name["Ada Lovelace"].profile_urls is None
    text = everything_in(out)
    assert "ada@acme.example" not in text and "linkedin.com" not in text and "acme.example" not in text


def test_share_needs_a_member_name_and_the_team_salt(tmp_path: Path, member_db: Callable[..., Path]) -> None:
    db = member_db(owner=None)
    salt_path = team_salt(tmp_path)
    out = tmp_path / "x.parquet"
    result = run_share(db, out, salt_path)
    assert result.exit_code == 1 and "--member" in result.output and not out.exists()
    bad_salt = tmp_path / "bad.salt"
    bad_salt.write_text("not hex\n")
    result = run_share(db, out, bad_salt, "--member", "Mia")
    assert result.exit_code == 1 and "bad.salt" in result.output and not out.exists()
    result = run_share(db, out, salt_path, "--member", "Mia", "--clear-fields", "name,notes")
    assert result.exit_code == 1 and "notes" in result.output and not out.exists()


def test_min_tier_in_any_case_and_an_unknown_one_named(
    tmp_path: Path, member_db: Callable[..., Path]
) -> None:
    db = member_db()
    salt_path = team_salt(tmp_path)
    out = tmp_path / "x.parquet"
    result = run_share(db, out, salt_path, "--as-of", AS_OF, "--min-tier", "Collected Names", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["min_tier"] == "collected names"
    out.unlink()
    result = run_share(db, out, salt_path, "--as-of", AS_OF, "--min-tier", "best friends")
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and not out.exists()
    assert "'best friends' is none of inner circle, close, active" in lines[0]
