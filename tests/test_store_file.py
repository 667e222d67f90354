"""The database file's life: which paths are refused, its mode (and its write-ahead log's), another
netvalue writing at the same moment, a full disk, and SQLite's locks kept while the file is reopened."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.demo import demo_files
from netvalue.errors import StoreError
from netvalue.store import Database, database

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "linkedin" / "current"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_path_in_a_missing_folder_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Database.open(tmp_path / "typo" / "nv.db")
    assert not (tmp_path / "typo").exists()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "typo" / "nv.db"), "status"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "does not exist" in result.output
    assert not (tmp_path / "typo").exists()


def test_the_user_data_folder_is_still_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "data" / "netvalue"
    monkeypatch.setattr(database, "_user_data_dir", lambda: home)
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    Database.open().close()
    assert (home / "netvalue.db").is_file() and _mode(home / "netvalue.db") == 0o600


@pytest.mark.parametrize("content", [b"x", b"hello\n" * 50, b"not a database\n" * 1000])
def test_an_existing_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a netvalue database"):
        Database.open(path)
    assert path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos(id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program's SQLite database"):
        Database.open(path)
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"photos"}


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Database.open(tmp_path)


def test_an_empty_file_becomes_a_private_database(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    with Database.open(path) as db:
        assert db.schema_version > 0
    assert _mode(path) == 0o600


def test_a_database_and_its_write_ahead_log_stay_private(tmp_path: Path) -> None:
    path = tmp_path / "nv.db"
    Database.open(path).close()
    os.chmod(path, 0o644)  # as a copy or an older netvalue might have left it
    with Database.open(path) as db, Database.open(path) as other:
        with db.transaction() as conn:
            conn.execute("INSERT INTO people(name, created_at, updated_at) VALUES ('A', 0, 0)")
        assert other.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1
        for suffix in ("", "-wal", "-shm"):
            assert _mode(Path(f"{path}{suffix}")) == 0o600, suffix


def test_reopening_keeps_the_locks_of_the_connections_already_open(tmp_path: Path) -> None:
    """A process with the database open must keep SQLite's locks when it opens the file again (each
    dashboard request does): otherwise another process checkpoints and deletes the write-ahead log
    under it.  Ours, from issue 17: the server's next write failed with ``disk I/O error``."""
    path = tmp_path / "nv.db"
    keeper = Database.open(path)
    keeper.conn.execute("SELECT COUNT(*) FROM people").fetchone()
    wal = Path(f"{path}-wal")
    assert wal.exists()
    for _ in range(3):
        Database.open(path, migrate=False).close()
    # another process's connection closing believes it is the last one only if our locks are gone
    outsider = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT COUNT(*) FROM people'); c.close()"
    subprocess.run([sys.executable, "-c", outsider, str(path)], check=True, timeout=60)
    assert wal.exists()
    with keeper.transaction() as conn:
        conn.execute("INSERT INTO people(name, created_at, updated_at) VALUES ('A', 0, 0)")
    keeper.close()


def test_a_second_writer_waits_then_says_another_netvalue_is_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nv.db"
    Database.open(path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 400)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Database.open(path) as db:
            started = time.monotonic()
            with (
                pytest.raises(StoreError, match="another netvalue is writing") as caught,
                db.transaction() as conn,
            ):
                conn.execute("INSERT INTO people(name, created_at, updated_at) VALUES ('A', 0, 0)")
            assert time.monotonic() - started >= 0.35
            assert str(caught.value).count("\n") == 0 and "(waited 0.4 s)" in str(caught.value)
        result = CliRunner().invoke(
            main, ["--db", str(path), "import", "linkedin", str(FIXTURES)], catch_exceptions=False
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "another netvalue is writing" in result.output
    assert "Traceback" not in result.output


def test_the_default_wait_is_long_enough_for_an_import() -> None:
    assert database.BUSY_TIMEOUT_MS >= 10_000


def test_a_full_disk_is_one_line_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nv.db"
    Database.open(path).close()
    opened = Database.open

    def tiny(*args: object, **kwargs: object) -> Database:
        db = opened(*args, **kwargs)  # type: ignore[arg-type]
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count={pages}")  # no room for one more page: a full disk
        return db

    monkeypatch.setattr(Database, "open", staticmethod(tiny))
    demo_export = demo_files()[0]  # 2,190 rows: more than the new database's spare room
    result = CliRunner().invoke(main, ["--db", str(path), "import", "linkedin", str(demo_export)])
    assert result.exit_code == 1, result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert result.output.startswith("Error: ") and "the disk is full" in result.output
    monkeypatch.undo()
    with Database.open(path) as db:
        assert db.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
