"""Opening the database: location, file mode, pragmas, and forward-only migrations.

The schema lives in ``schema/NNNN_name.sql`` files shipped with the package.  Each file is applied
once, in order, inside its own transaction, and recorded in ``schema_version``; a database newer
than this netvalue is refused rather than touched.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import platformdirs

from netvalue.errors import StoreError, map_errors
from netvalue.store.deferred_indexes import nearly_empty

ENV_VAR = "NETVALUE_DB"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def default_db_path() -> Path:
    """``$NETVALUE_DB`` if set, else ``netvalue.db`` in the platform's user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return _user_data_dir() / "netvalue.db"


def migrations() -> list[tuple[int, str, str]]:
    """Every shipped migration as ``(version, file name, SQL)``, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("netvalue.store").joinpath("schema").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"schema migrations are not numbered 1..n without gaps: {versions}")
    return found


BUSY_TIMEOUT_MS = 30_000
"""How long a write waits for another connection's write to end before giving up [ours]: an import
holds the write lock for its whole transaction (2-3 s for 300,000 messages, longer on a slow disk), and
the dashboard writes a note in milliseconds; half a minute covers both without seeming hung."""

PAGE_SIZE = 16384
"""Bytes per page of a new database (SQLite's default is 4096).  A first import of 300,000 LinkedIn
messages (``benchmarks/import_linkedin.py``'s export) spent 2.5-2.8 s in the store with 16 KiB pages
against 2.9-3.1 s with 4 KiB, three runs each, alternating.  SQLite sets a page size only before a
database's first table, so a database created with another size keeps it; both work alike."""


class Database:
    """An open netvalue database.  ``conn`` is the one SQLite connection; SQL lives in ``store/``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None = None, *, migrate: bool = True) -> Database:
        """Open and migrate the database at ``path``, creating it with mode 0600 if it does not exist.

        Refused: a path whose folder does not exist (a mistyped ``--db``; only the user data folder of
        :func:`default_db_path` is created), and an existing file that is not a SQLite database.  An
        existing database is never opened outside SQLite: see :func:`_prepare_file`."""
        db_path = Path(path) if path is not None else default_db_path()
        if str(db_path) != ":memory:":
            _prepare_file(db_path)
        with map_errors(
            sqlite3.DatabaseError, lambda exc: StoreError(f"{db_path}: cannot open the database ({exc})")
        ):
            conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # takes effect on a new, empty file only
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc):
                raise StoreError(
                    f"{db_path}: this file is not a netvalue database; choose another --db"
                ) from exc
            raise store_error(exc, db_path) from exc
        db = cls(conn, db_path)
        if migrate:
            db.migrate()
        return db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if row is None:
            return 0
        value = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return int(value or 0)

    def migrate(self) -> int:
        """Apply every migration newer than the database; return the resulting version."""
        with (
            map_errors(
                sqlite3.DatabaseError,
                lambda exc: StoreError(f"{self.path}: cannot migrate the database ({exc})"),
            ),
            map_errors(sqlite3.OperationalError, lambda exc: store_error(exc, self.path)),
        ):
            foreign = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name != 'schema_version' LIMIT 1"
            ).fetchone()
            if foreign is not None and self.schema_version == 0:
                raise StoreError(
                    f"{self.path}: this is another program's SQLite database, not netvalue's; "
                    "choose another --db"
                )
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT"
            )
            current = self.schema_version
            shipped = migrations()
            if current > len(shipped):
                raise StoreError(
                    f"{self.path}: the database has schema version {current}, newer than this "
                    f"netvalue knows ({len(shipped)}); upgrade netvalue"
                )
            for version, name, sql in shipped:
                if version <= current:
                    continue
                script = (
                    f"BEGIN IMMEDIATE;\n{sql}\n;"
                    f"INSERT INTO schema_version(version, name, applied_at) "
                    f"VALUES ({version}, '{name}', {int(time.time())});\nCOMMIT;"
                )
                try:
                    self.conn.executescript(script)
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
        return self.schema_version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside it lands, or nothing does."""
        if self.conn.in_transaction:
            # nested use joins the outer transaction
            yield self.conn
            return
        with map_errors(sqlite3.OperationalError, lambda exc: store_error(exc, self.path)):
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise store_error(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise store_error(exc, self.path) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # SQLite may have rolled back already (a full disk, an I/O error)
            self.conn.execute("ROLLBACK")

    @contextmanager
    def bulk_transaction(self) -> Iterator[sqlite3.Connection]:
        """:meth:`transaction` for an import: into a nearly empty database (:func:`nearly_empty`) it
        checks foreign keys once, at its end (``PRAGMA foreign_key_check``), instead of row by row, and
        a broken reference rolls everything back as a failed row would have.

        Ours: the row-by-row checks of 340,000 interactions cost 0.2 s CPU of the 300,000-message import
        of ``benchmarks/import_linkedin.py``, the check at the end 0.05 s.  Inside it SQLite's ``ON
        DELETE`` actions do not fire, so the import path deletes nothing it has not emptied of
        references first (:func:`~netvalue.store.ingest.merge_people` re-points every one)."""
        if self.conn.in_transaction or not nearly_empty(self.conn):
            with self.transaction() as conn:
                yield conn
            return
        self.conn.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set before it
        try:
            with self.transaction() as conn:
                yield conn
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    table, rowid, parent = broken[0], broken[1], broken[2]
                    raise StoreError(
                        f"{self.path}: row {rowid} of {table} refers to a missing row of {parent}; "
                        "nothing was written (please report this as a bug)"
                    )
        finally:
            self.conn.execute("PRAGMA foreign_keys=ON")


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's error as the one line a user can act on: a full disk, another netvalue writing (after
    waiting :data:`BUSY_TIMEOUT_MS`), a read-only file; else SQLite's own words after the path."""
    text = str(exc)
    if "database or disk is full" in text:
        return StoreError(f"{path}: the disk is full; nothing was written. Free some space and try again")
    if "database is locked" in text or "database is busy" in text:
        return StoreError(
            f"{path}: another netvalue is writing to this database "
            f"(waited {BUSY_TIMEOUT_MS / 1000:g} s); try again when it has finished"
        )
    if "readonly database" in text:
        return StoreError(f"{path}: the database cannot be written (read-only file or folder)")
    return StoreError(f"{path}: database error ({text})")


def _prepare_file(path: Path) -> None:
    """Create a new database file with mode 0600 (and the user data folder, the default location), or
    check an existing one and take away any permission beyond its owner's.

    An existing database is looked at with ``stat`` and changed with ``chmod`` only, never opened here:
    closing any descriptor of a file drops every POSIX lock this process holds on it, including SQLite's
    (SQLite documentation, "How To Corrupt An SQLite Database File", 2.2).  ``netvalue serve`` opens the
    database for each request; an ``open``/``close`` here released the server's locks, so another
    process (a CLI import) took the database for unused, checkpointed it and deleted the write-ahead log
    under the server (HTTP 500 ``disk I/O error``).  SQLite gives its write-ahead log and shared-memory
    files the mode of the database file, so they are 0600 too."""
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the database ({exc.strerror}); choose another --db") from exc
    if info is None:
        folder = path.parent
        if not folder.is_dir():
            if folder != _user_data_dir():
                raise StoreError(
                    f"{path}: the folder {folder} does not exist; create it first or check the --db path"
                )
            with map_errors(
                OSError, lambda exc: StoreError(f"{folder}: cannot create the folder ({exc.strerror})")
            ):
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except FileExistsError:
            return _prepare_file(path)  # another process created it in the meantime
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot create the database ({exc.strerror}); choose another --db"
            ) from exc
        os.close(fd)  # a new, empty file: no SQLite connection of this process can hold it
        return
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder; give a database file with --db")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path} is not a regular file; give a database file with --db")
    if 0 < info.st_size < _SMALLEST_DATABASE:
        # SQLite would take a file shorter than one page for an empty database and write over it
        raise StoreError(f"{path}: this file is not a netvalue database; choose another --db")
    for suffix in ("", "-wal", "-shm"):
        _make_private(Path(f"{path}{suffix}"))


_SMALLEST_DATABASE = 512
"""Bytes: SQLite's smallest page, so the smallest database file that is not empty (a new database in WAL
mode may stay 0 bytes until its first checkpoint)."""


def _make_private(path: Path) -> None:
    """Take group and other permissions off ``path`` if it exists (by name: no descriptor is opened)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot make the database private ({exc.strerror})") from exc


def _user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("netvalue", appauthor=False))
