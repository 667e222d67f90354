"""The database, as the CLI and the dashboard open it: one place that names :class:`Database` for them.

The store owns the file (creation with mode 0600, migrations, SQL); this module is the front door's
handle on it, so that no command or page imports ``netvalue.store`` (tests/test_layers.py).
:class:`ChangeWatch` tells the dashboard's cache when another connection committed.
"""

from __future__ import annotations

from pathlib import Path

from netvalue.store import Database
from netvalue.store.database import ENV_VAR, default_db_path
from netvalue.store.web_queries import ChangeWatch

__all__ = ["ENV_VAR", "ChangeWatch", "Database", "default_db_path", "open_database"]


def open_database(path: Path | str | None = None, *, migrate: bool = True) -> Database:
    """The database at ``path`` (default :func:`default_db_path`), created and migrated if need be;
    ``migrate=False`` for a connection per page once the dashboard has migrated it at start-up."""
    return Database.open(path, migrate=migrate)
