"""Exports in JSON as Meta and X write them (Facebook, Instagram, X): the archive read by member name,
its JSON read within bounds, Facebook's mojibake undone, and JSON timestamps as epoch seconds."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netvalue.errors import ImportFormatError, map_errors
from netvalue.importers.archive import DAMAGE, read_file, read_member
from netvalue.importers.base import decode_text
from netvalue.records import LATEST_TIME


class ExportArchive:
    """An export as the user has it: a folder, or the zip as downloaded; members named by posix path.

    A zip is opened once and kept open (its file closes with the archive object): opening it for every
    member read its whole directory again each time, so 2,000 Messenger threads took 30 s and a zip of
    many small members (hostile, or a heavy user's export) grew with the square of their number."""

    __slots__ = ("_zip", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None

    def _opened(self) -> zipfile.ZipFile:
        if self._zip is None:
            try:
                self._zip = zipfile.ZipFile(self.path)
            except DAMAGE as exc:
                raise ImportFormatError(
                    str(self.path), f"is neither a folder nor a readable zip ({exc})"
                ) from exc
        return self._zip

    def members(self) -> list[str]:
        if self.path.is_dir():
            return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file())
        if self._single():
            return [self.path.name]  # one file of the export, given on its own
        return sorted(n for n in self._opened().namelist() if not n.endswith("/"))

    def read(self, member: str) -> bytes:
        """A member's bytes, within :mod:`netvalue.importers.archive`'s bounds (no zip bomb)."""
        if self.path.is_dir():
            return read_file(self.path / member, member)
        if self._single():
            return read_file(self.path)
        return read_member(self._opened(), member, self.display(member))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def display(self, member: str) -> str:
        return member if self.path.is_dir() or self._single() else f"{self.path.name}:{member}"

    def _single(self) -> bool:
        return self.path.suffix.lower() in (".json", ".js")


def sniff_json(path: Path, marker: bytes) -> bool:
    """A ``.json`` file whose first 4 KiB hold ``marker`` (a key its source writes first)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            return marker in fh.read(4096)
    except OSError:
        return False


TOO_DEEP = "nests its JSON deeper than Python can read (not an export: no export nests beyond a few levels)"


def load_json(data: bytes, name: str) -> Any:
    """Parsed JSON of a member, or the project's import error naming it (also for JSON nested deeper than
    the interpreter's recursion limit, which ``json`` answers with a ``RecursionError``)."""
    text = decode_text(data, name)
    with map_errors(RecursionError, too_deep(name)), map_errors(json.JSONDecodeError, not_json(name)):
        return json.loads(text)


def not_json(name: str, after: str = "") -> Callable[[json.JSONDecodeError], ImportFormatError]:
    """For :func:`~netvalue.errors.map_errors`: JSON that does not parse, at its line (``after`` a prefix)."""
    return lambda exc: ImportFormatError(name, f"is not valid JSON{after} ({exc.msg})", exc.lineno)


def too_deep(name: str) -> Callable[[RecursionError], ImportFormatError]:
    """For :func:`~netvalue.errors.map_errors`: JSON nested past the interpreter's recursion limit."""
    return lambda exc: ImportFormatError(name, TOO_DEEP)


def repair_mojibake(text: str) -> str:
    """Facebook's ``'Ã©'`` -> ``'é'``: its UTF-8 bytes were written as Latin-1 code points.

    Text that is not mojibake (a code point above U+00FF, or bytes that are not UTF-8) is kept as it is.
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def epoch(value: object, per_second: int = 1) -> int | None:
    """A JSON timestamp (seconds, or milliseconds with ``per_second=1000``) as whole epoch seconds;
    ``None`` for anything that is not a plausible positive date (booleans, strings, NaN, 1e300, a time
    at or past :data:`~netvalue.records.LATEST_TIME`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not 0 < value < LATEST_TIME * per_second:
        return None
    return int(value // per_second)


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
