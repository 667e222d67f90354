"""The one exception hierarchy of netvalue.

Library code raises only these; third-party errors are translated at the boundary by
:func:`map_errors` (``raise ... from exc`` where a handler must also clean up).  The CLI (and the web dashboard) turn them into one line,
``Error: <message>``, and exit code 1.  Every message says what went wrong and, where it can,
what to do about it; it names the file, and the line or record, when it is known.

    NetvalueError
    ├── ImportFormatError        a file is not in the shape its source produces
    │   └── UnsupportedExportError   the path is not an export netvalue knows
    ├── StoreError               the database cannot be opened, migrated or written
    ├── PersonNotFoundError      a PERSON argument matches nobody
    ├── AmbiguousPersonError     a PERSON argument matches several people
    └── UsageError               a command was given values it cannot use
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar


class NetvalueError(Exception):
    """Base of every error netvalue raises on purpose."""


class ImportFormatError(NetvalueError):
    """A file is not in the shape its source produces.

    ``file`` is the file's name as the user knows it (inside a zip: ``zip:member``),
    ``line`` the 1-based line or record number where it is known.
    """

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        file, message = one_line(file, 300), one_line(message, 500)
        self.file = file
        self.line = line
        self.detail = message
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]+")


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters: what a hostile file puts in an error message
    (a header row it echoes, a zip member's name) can hold line breaks, terminal escapes or megabytes."""
    flat = _CONTROL.sub(" ", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class UnsupportedExportError(ImportFormatError):
    """The path is not an export netvalue can read."""


class StoreError(NetvalueError):
    """The database cannot be opened, migrated or written."""


class PersonNotFoundError(NetvalueError):
    """A PERSON argument (id, profile URL, e-mail address or name) matches nobody."""


class AmbiguousPersonError(NetvalueError):
    """A PERSON argument matches several people; ``candidates`` lists ``(id, name)`` pairs."""

    def __init__(self, query: str, candidates: list[tuple[int, str]]) -> None:
        self.query = query
        self.candidates = candidates
        listed = "; ".join(f"{pid}: {name}" for pid, name in candidates[:10])
        more = f" (and {len(candidates) - 10} more)" if len(candidates) > 10 else ""
        super().__init__(f"{query!r} matches {len(candidates)} people: {listed}{more}. Give the id instead.")


class UsageError(NetvalueError):
    """A command was given values it cannot use."""


ThirdParty = TypeVar("ThirdParty", bound=BaseException)


@contextmanager
def map_errors(
    kinds: type[ThirdParty] | tuple[type[ThirdParty], ...], make: Callable[[ThirdParty], NetvalueError]
) -> Iterator[None]:
    """Translate a third-party exception raised inside the block into netvalue's own, raised from it::

        with map_errors(OSError, lambda exc: ImportFormatError(name, f"cannot be read ({exc.strerror})")):
            data = path.read_bytes()

    ``make`` is called only when one of ``kinds`` is raised (so it may read state as it is then, a line
    number say); a :class:`NetvalueError` raised inside passes as it is, and so does anything else.
    Two families with two messages: two ``map_errors`` in one ``with``.  Not for a row-by-row loop's
    body (a context manager costs about a microsecond): put it around the loop."""
    try:
        yield
    except NetvalueError:
        raise
    except kinds as exc:
        raise make(exc) from exc
