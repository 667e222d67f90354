"""Running an import: find the importer, hash the input, stream its records into the store in one
transaction, then let identity resolution tie the new records to the people already known."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from netvalue.errors import UnsupportedExportError
from netvalue.identity import resolve
from netvalue.importers import ImportOptions, detect_importer, get_importer
from netvalue.importers.base import sha256_of_file
from netvalue.store import Database
from netvalue.store.ingest import ImportReport, ProgressCallback, import_stream, known_file_hashes


def input_sha256(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (relative name and content, in name order)."""
    if path.is_file():
        return sha256_of_file(path)
    digest = hashlib.sha256()
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(child.relative_to(path)).encode())
        digest.update(sha256_of_file(child).encode())
    return digest.hexdigest()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk import (re-enabled afterwards if it was on).

    An import allocates a few hundred thousand container objects (csv rows, records, caches) and hardly
    ever a reference cycle, yet each allocation brings the collector nearer its next pass, and its full
    passes walk every live object: ~11% of the CPU time of a 10,000-connection, 100,000-message import
    (gc.callbacks, ``benchmarks/import_linkedin.py``).  Reference counting still frees everything acyclic
    as it goes; a cycle made meanwhile waits for the first pass after the import."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_import(
    db: Database,
    path: Path,
    *,
    source: str | None = None,
    options: ImportOptions | None = None,
    include_forgotten: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import ``path`` (of ``source``, or detected) and return the per-file report."""
    if not path.exists():
        raise UnsupportedExportError(str(path), "does not exist; give the path of the export file or folder")
    importer = get_importer(source) if source else detect_importer(path)
    opts = options or ImportOptions()
    if not opts.force:
        opts = replace(opts, known_hashes=frozenset(known_file_hashes(db, importer.source)))
    items = importer.read(path, opts)
    # The import and the resolution it triggers land together, or not at all.
    with cyclic_gc_paused(), db.bulk_transaction():
        report = import_stream(
            db,
            items,
            source=importer.source,
            path=str(path),
            sha256=input_sha256(path),
            include_forgotten=include_forgotten,
            on_progress=on_progress,
            now=opts.now,
        )
        if report.totals["added"] or report.totals["updated"]:
            resolve(db, now=opts.now)  # one person per human; an import that changed nothing changes no match
    return report
