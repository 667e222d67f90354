"""Opening the database: location, file mode, pragmas, and forward-only migrations.

The schema lives in ``schema/NNNN_name.sql`` files shipped with the package.  Each file is applied
once, in order, inside its own transaction, and recorded in ``schema_version``; a database newer
than this netvalue is refused rather than touched.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import platformdirs

from netvalue.errors import StoreError
from netvalue.store.deferred_indexes import nearly_empty

ENV_VAR = "NETVALUE_DB"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def default_db_path() -> Path:
    """``$NETVALUE_DB`` if set, else ``netvalue.db`` in the platform's user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("netvalue", appauthor=False)) / "netvalue.db"


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
        """Open (creating with mode 0600 if needed) and migrate the database at ``path``."""
        db_path = Path(path) if path is not None else default_db_path()
        if str(db_path) != ":memory:":
            _create_private(db_path)
        try:
            conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # takes effect on a new, empty file only
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{db_path}: cannot open the database ({exc}); is it a netvalue database?"
            ) from exc
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
        try:
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
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot migrate the database ({exc})") from exc
        return self.schema_version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside it lands, or nothing does."""
        if self.conn.in_transaction:
            # nested use joins the outer transaction
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

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


def _create_private(path: Path) -> None:
    """Create the database file (and its folder) readable by the owner alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the database ({exc.strerror}); choose another --db") from exc
