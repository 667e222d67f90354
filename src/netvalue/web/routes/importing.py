"""Import from the browser: upload an export, run the CLI's importer on it in the background, show progress.

The upload is saved under its own name in a private temporary folder (mode 0700) and given to
:func:`netvalue.app.importing.import_export` - the same importer, the same report and the same errors as
``netvalue import``; the folder is deleted when the import ends.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from netvalue.app.database import open_database
from netvalue.app.importing import import_export, sources
from netvalue.errors import NetvalueError, UsageError
from netvalue.files import open_private
from netvalue.web.rendering import is_htmx, partial, respond, web_state

router = APIRouter()

JobState = Literal["running", "done", "failed"]


@dataclass(slots=True)
class ImportJob:
    """One import started from the browser, as its progress page shows it."""

    id: str
    file: str
    source: str | None
    state: JobState = "running"
    records: int = 0
    current_file: str = ""
    started_at: float = field(default_factory=time.time)
    report: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file,
            "source": self.source,
            "state": self.state,
            "records": self.records,
            "current_file": self.current_file,
            "seconds": round(time.time() - self.started_at, 1),
            "report": self.report,
            "error": self.error,
        }


def _sources() -> list[dict[str, str]]:
    return [known.to_json() for known in sources()]


@router.get("/import")
@router.get("/import.json")
def import_page(request: Request) -> Response:
    jobs = sorted(web_state(request).imports.values(), key=lambda j: j.started_at, reverse=True)
    return respond(request, "import.html", {"sources": _sources(), "jobs": [j.as_dict() for j in jobs]})


@router.post("/import")
def start_import(
    request: Request,
    upload: Annotated[UploadFile, File(alias="file")],
    source: Annotated[str, Form()] = "",
) -> Response:
    """Save the upload and start the import in a background thread; answer with its progress."""
    name = upload_name(upload.filename)
    known = sorted(s.source for s in sources())
    if source and source not in known:
        raise UsageError(f"{source!r} is not a source netvalue knows; use one of: {', '.join(known)}")
    folder = Path(tempfile.mkdtemp(prefix="netvalue-upload-"))
    target = folder / name
    try:
        with open_private(target) as out:
            shutil.copyfileobj(upload.file, out, length=1 << 20)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise UsageError(f"{name}: cannot save the upload ({exc.strerror})") from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    state = web_state(request)
    job = ImportJob(id=uuid.uuid4().hex[:12], file=name, source=source or None)
    state.imports[job.id] = job
    thread = threading.Thread(
        target=_run, args=(job, state.db_path, folder, target), name=f"netvalue-import-{job.id}", daemon=True
    )
    thread.start()
    if is_htmx(request):
        return partial(request, "_import_job.html", {"job": job.as_dict()})
    return RedirectResponse(f"/import/{job.id}", status_code=303)


def upload_name(filename: str | None) -> str:
    """The uploaded file's own name, safe to save in the upload folder: its last part whichever separator
    the browser used, never ``.``, ``..``, empty, or with control characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        raise UsageError("choose an export file to upload")
    if name in (".", "..") or any(ord(ch) < 32 for ch in name) or len(name.encode()) > 255:
        raise UsageError(f"{name!r} cannot be a file name; rename the export and upload it again")
    return name


def _run(job: ImportJob, db_path: Path, folder: Path, target: Path) -> None:
    def on_progress(file_name: str, done: int) -> None:
        job.records = done
        job.current_file = file_name

    try:
        db = open_database(db_path)
        try:
            done = import_export(db, target, source=job.source, on_progress=on_progress)
        finally:
            db.close()
        job.report = {**done.report.as_dict(), "path": job.file}
        job.state = "done"
    except NetvalueError as exc:
        job.error = "Error: " + str(exc).replace(f"{folder}/", "")
        job.state = "failed"
    except Exception:  # a bug, not the user's mistake: say so without a traceback in the browser
        job.error = (
            "Error: the import failed inside netvalue; run `netvalue --debug import ...` for the details"
        )
        job.state = "failed"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.get("/import/{job_id}")
@router.get("/import/{job_id}.json")
def import_job(request: Request, job_id: str) -> Response:
    job = web_state(request).imports.get(job_id.removesuffix(".json"))
    if job is None:
        raise UsageError(f"no import {job_id!r} is running or finished since the dashboard started")
    if is_htmx(request):
        return partial(request, "_import_job.html", {"job": job.as_dict()})
    return respond(request, "import_job.html", {"job": job.as_dict()})
