"""Files netvalue writes beside the database (graph exports, calendar reminders, the purpose, uploads):
created readable by their owner alone (mode 0600), like the database, since they hold the same people.

An existing file is replaced by a new one rather than written into, so it never keeps looser permissions
it had before; the replacement is atomic (a new file renamed over the old), so a failed write leaves the
old file whole."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO


def open_private(path: Path) -> BinaryIO:
    """A new file at ``path`` opened for binary writing with mode 0600 (``FileExistsError`` if there is
    one already)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def write_private(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` with mode 0600, replacing any file there (``OSError``
    as from ``open``)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open_private(temporary) as out:
            out.write(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
