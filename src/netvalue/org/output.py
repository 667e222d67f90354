"""Writing the outputs: Parquet tables, ``summary.json`` and ``report.html`` into one folder, private.

Everything is written into a new folder beside the target (mode 0700, files 0600) and moved into place
only when complete, so a failed run leaves no partial output.  An existing folder is replaced only when
it holds a previous run's outputs (a ``summary.json``); any other non-empty folder is an error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from netvalue.errors import UsageError
from netvalue.org.analyse import OrgResult
from netvalue.org.report import report_html


def write_outputs(result: OrgResult, out: Path) -> list[Path]:
    """Write every table, the summary and the report to ``out``; return the files written."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "summary.json").is_file())):
        raise UsageError(f"{out}: exists and is not a previous netvalue org output; choose a new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))  # mkdtemp: mode 0700
    try:
        written: list[Path] = []
        for stem, table in result.tables.items():
            path = staging / f"{stem}.parquet"
            _private(path)
            pq.write_table(table, path)
            written.append(path)
        summary = staging / "summary.json"
        _private(summary)
        summary.write_text(json.dumps(result.summary, indent=2, default=str) + "\n", encoding="utf-8")
        report = staging / "report.html"
        _private(report)
        report.write_text(report_html(result), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / p.name for p in [*written, summary, report]]


def _private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 before anything is written to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
