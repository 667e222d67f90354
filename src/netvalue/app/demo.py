"""The demo: a database built from the bundled, invented export (a LinkedIn zip, a mailbox and a
calendar of about 320 people), with the invented owner's purpose, and its report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netvalue.app.network import NetworkReport, network_report
from netvalue.demo import demo_files
from netvalue.demo.generate import EXPORT_DATE
from netvalue.importers import IMPORTERS
from netvalue.importing import run_import
from netvalue.recommend.purpose import make_purpose, purpose_path, save_purpose
from netvalue.store import Database
from netvalue.store.database import ENV_VAR, default_db_path
from netvalue.store.ingest import ImportReport

_SOURCES = {".zip": "linkedin", ".mbox": "email", ".ics": "calendar"}


@dataclass(frozen=True, slots=True)
class Demo:
    """The demo database, what was imported into it, and its ``netvalue report``."""

    database: Path
    imports: tuple[ImportReport, ...]
    report: NetworkReport

    def to_json(self) -> dict[str, Any]:
        return {
            "database": str(self.database),
            "imports": [r.as_dict() for r in self.imports],
            "report": self.report.to_json(),
        }


def db_named_by_environment() -> bool:
    """Whether ``$NETVALUE_DB`` names the database (then the demo uses it, and hints need no ``--db``)."""
    return bool(os.environ.get(ENV_VAR))


def demo_db_path(explicit: Path | None) -> Path:
    """``--db`` or ``$NETVALUE_DB`` when given; else ``demo.db`` beside the default database, so the demo
    never touches your real one."""
    if explicit is not None:
        return explicit
    if db_named_by_environment():
        return default_db_path()
    return default_db_path().with_name("demo.db")


def build_demo(path: Path, *, fresh: bool = False) -> Demo:
    """Import the bundled export into the database at ``path`` (deleted first if ``fresh``), give it the
    invented owner's purpose unless one is set, and report on it as of the day after the export ends."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    as_of = int(EXPORT_DATE.timestamp()) + 86_400
    with Database.open(path) as db:
        imported: list[ImportReport] = []
        for file in demo_files():
            source = _SOURCES[file.suffix]
            if source not in IMPORTERS:
                continue
            imported.append(run_import(db, file, source=source))
        report = network_report(db, as_of)
    demo_purpose = purpose_path(path)
    if (
        not demo_purpose.exists()
    ):  # the invented owner is a product manager open to a move (yours stays yours)
        save_purpose(
            demo_purpose,
            make_purpose(
                ("job-search", "learning"),
                roles=("product manager", "head of product"),
                industries=("analytics", "data"),
                keywords=("data products", "pricing"),
            ),
        )
    return Demo(path, tuple(imported), report)
