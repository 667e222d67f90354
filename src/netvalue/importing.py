"""Running an import: find the importer, hash the input, stream its records into the store in one
transaction, then let identity resolution tie the new records to the people already known."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from netvalue.errors import UnsupportedExportError
from netvalue.identity import resolve
from netvalue.identity.mailbox import Derivation, derive
from netvalue.importers import NAME_TRUST, ImportOptions, detect_importer, get_importer
from netvalue.importers.base import NO_GROUP_LIMIT, sha256_of_file
from netvalue.keys import normalize_email
from netvalue.store import Database
from netvalue.store import email as email_store
from netvalue.store.ingest import ImportReport, ProgressCallback, import_stream, known_file_hashes

MAX_GROUP_SETTING = "email.max_group"
"""``user_settings`` key of the last ``--max-group`` the user gave ``import email`` (re-derivations
after ``netvalue me`` or a machine override use it)."""


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
            name_trust=NAME_TRUST,
            include_forgotten=include_forgotten,
            on_progress=on_progress,
            now=opts.now,
        )
        changed = bool(report.totals["added"] or report.totals["updated"])
        if importer.source == "email":
            now = int(opts.now if opts.now is not None else time.time())
            mine = [normalize_email(a) for a in opts.owner_emails if a.strip()]
            if mine:  # --me: the user's word, kept like `netvalue me add`
                email_store.decide_owner(db.conn, mine, "add", now)
            email_store.set_setting(db.conn, MAX_GROUP_SETTING, str(opts.max_group))
            if changed or mine or opts.force:
                summary = derive_email(db, run_id=report.run_id, now=now, include_forgotten=include_forgotten)
                report.notes.extend(summary.notes())
                report.details.update(summary.as_dict())
                changed = True
        if changed:
            resolve(db, now=opts.now)  # one person per human; an import that changed nothing changes no match
    return report


@dataclass(frozen=True, slots=True)
class EmailSummary:
    """What a derivation of e-mail's normalised layer found (for the import summary)."""

    owner: list[email_store.OwnerRow]
    machines: int
    kept_out: int
    interactions: int
    seconds: float

    def notes(self) -> list[str]:
        lines = [
            f"{'your address' if o.role == 'owner' else 'your delegate'} {o.address}: {'; '.join(o.evidence)}"
            for o in self.owner
        ]
        lines.append(
            f"{self.kept_out:,} messages kept out of people: from {self.machines:,} machine senders, or list"
            " mail (netvalue people --machines)"
        )
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "owner": [
                {"address": o.address, "role": o.role, "origin": o.origin, "evidence": list(o.evidence)}
                for o in self.owner
            ],
            "machines": self.machines,
            "kept_out": self.kept_out,
            "derived_seconds": round(self.seconds, 3),
        }


def derive_email(
    db: Database, *, run_id: int | None = None, now: int | None = None, include_forgotten: bool = False
) -> EmailSummary:
    """Re-derive e-mail's normalised layer from every stored message: the owner's addresses and
    delegates, each sender's machine verdict, and the interactions and people of source ``email``.
    Runs after every e-mail import that changed something, after ``netvalue me add/remove`` and after
    a machine override; the result equals a fresh import given the same decisions.  Call inside a
    transaction (a caller outside one gets its own)."""
    clock = time.perf_counter()
    stamp = int(now if now is not None else time.time())
    with db.transaction() as conn:
        setting = email_store.setting(conn, MAX_GROUP_SETTING)
        result: Derivation = derive(
            email_store.raw_messages(conn),
            email_store.folder_hints(conn),
            decisions=email_store.owner_decisions(conn),
            overrides=email_store.machine_overrides(conn),
            known_name=email_store.owner_name(conn),
            max_group=int(setting) if setting else NO_GROUP_LIMIT,
            now=stamp,
        )
        finding = result.owner
        owner = [
            email_store.OwnerRow(a, "owner", "added" if a in finding.added else "inferred", why)
            for a, why in finding.owner.items()
        ] + [email_store.OwnerRow(a, "delegate", "inferred", why) for a, why in finding.delegates.items()]
        senders = [
            email_store.SenderRow(
                a,
                verdict,
                "user" if reasons[:1] == (f"you marked it a {verdict}",) else "evidence",
                result.evidence[a].messages if a in result.evidence else 0,
                reasons,
            )
            for a, (verdict, reasons) in result.verdicts.items()
        ]
        counts = email_store.replace_derived(
            conn,
            owner,
            senders,
            result.records,
            run_id=run_id,
            now=stamp,
            name_trust=NAME_TRUST,
            include_forgotten=include_forgotten,
        )
    return EmailSummary(
        owner=email_store.owner_rows(db.conn),
        machines=len(result.machines),
        kept_out=result.kept_out,
        interactions=counts.added + counts.updated,
        seconds=time.perf_counter() - clock,
    )


def rederive_email(db: Database, *, now: int | None = None) -> EmailSummary:
    """:func:`derive_email` and identity resolution in one transaction (``netvalue me``, overrides)."""
    with cyclic_gc_paused(), db.transaction():
        summary = derive_email(db, now=now)
        resolve(db, now=now)
    return summary
