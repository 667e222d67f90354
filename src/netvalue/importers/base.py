"""What every importer is: a parser from an export on disk to a stream of records, with no SQL."""

from __future__ import annotations

import csv
import hashlib
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from netvalue.errors import ImportFormatError
from netvalue.records import (
    Direction,
    FileUnreadable,
    Identity,
    IdentityKind,
    ImportItem,
    InteractionRecord,
)

NO_GROUP_LIMIT = 1 << 30
"""``ImportOptions.max_group`` when no group is too large to count (the default)."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Settings an import may need.

    ``known_hashes``: SHA-256 of files already imported completely; an importer may yield
    ``FileRead(unchanged=True)`` for such a file instead of parsing it again (``force`` turns this off).
    ``max_group``: messages to more recipients than this count as co-occurrence only.  By default none
    does: every message counts, with its group size, and analysis decides how (see
    :class:`netvalue.analysis.ties.TieSettings`); ``--max-group 4`` applies Kossinets & Watts' (2006)
    cut at import.  ``region``: where phone numbers without a country code are read.
    ``mapping``: column -> field for the generic CSV importer.  ``strict``: a file that cannot be read
    stops the whole import, even among many (by default it is skipped and listed: :func:`one_of_many`).
    """

    known_hashes: frozenset[str] = frozenset()
    force: bool = False
    owner_emails: tuple[str, ...] = ()
    max_group: int = NO_GROUP_LIMIT
    region: str = "US"
    mapping: tuple[tuple[str, str], ...] = ()
    now: int | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    strict: bool = False


Reader = Callable[[Path, ImportOptions], Iterator[ImportItem]]


@dataclass(frozen=True, slots=True)
class Importer:
    """One source netvalue can import: ``netvalue import <source> PATH``.

    ``name_trust``: how far the source is trusted for a person's name, company and position; when two
    sources name one person, the higher wins (a source's own profile over a name in a mail header).
    Each importer declares its own; the values are ours.
    """

    source: str
    description: str
    read: Reader
    detect: Callable[[Path], bool]
    how_to_export: str
    name_trust: int = 1


def worker_count() -> int:
    """The cores this process may use (the parallel readers of large mbox and ``messages.csv`` files)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _ignore_interrupts() -> None:
    """A worker process's initializer: leave Ctrl-C to the main process, which stops the workers and rolls
    the import back (a worker would otherwise print its own traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def worker_pool(count: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``count`` worker processes for the parallel readers, which leave Ctrl-C to this process.

    Started by ``fork`` where there is one: the workers need nothing but the reader's module, already
    loaded, and unlike ``spawn`` it does not re-run the caller's main module (which breaks under
    ``python -c``, notebooks, stdin).

    Left normally or by an error (a reader that stops at a damaged stretch with stretches still queued),
    the pool is closed and the queued stretches finish before the workers exit: CPython's
    ``Pool.terminate()`` with tasks still queued can wait for ever on the task queue's lock (seen here: a
    hypothesis test of damaged files hung in ``_terminate_pool``).  Only Ctrl-C terminates at once."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(count, _ignore_interrupts)
    interrupted = False
    try:
        yield pool
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        if interrupted:
            pool.terminate()
        else:
            pool.close()
            pool.join()


def one_of_many(
    name: str, read: Callable[[], Iterable[ImportItem]], options: ImportOptions
) -> Iterator[ImportItem]:
    """The records of ``name``, one file among several of a folder or zip, read by ``read()``; when it
    cannot be read (:class:`ImportFormatError`), a :class:`FileUnreadable` saying why instead, and none
    of its records, so one bad file among 168 does not stop the other 167 (``options.strict``: it does).

    The file's records are held until it has been read to the end, so a file is imported whole or not
    at all.  Importers that read folders call this in their loop over files, and only there: a single
    file that cannot be read is still an error."""
    if options.strict:
        yield from read()
        return
    try:
        items = list(read())
    except ImportFormatError as exc:
        where = f"line {exc.line}: " if exc.line is not None else ""
        yield FileUnreadable(name, where + exc.detail)
        return
    yield from items


def sha256_of_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text with a leading BOM dropped; anything else is the project's import error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            name, f"is not UTF-8 text (byte {exc.start}); re-export it or save it as UTF-8", line
        ) from exc
    return text[1:] if text.startswith("\ufeff") else text


def csv_error(name: str, exc: csv.Error, line: int | None) -> ImportFormatError:
    return ImportFormatError(name, f"is not valid CSV ({exc})", line)


def bad_csv(name: str, reader: csv.DictReader[str]) -> Callable[[csv.Error], ImportFormatError]:
    """For :func:`~netvalue.errors.map_errors`: CSV that does not parse, at the reader's line then."""
    return lambda exc: csv_error(name, exc, reader.line_num)


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of ``path``, or nothing when it cannot be read (for ``detect`` sniffing)."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def message_records(
    *,
    source: str,
    identity_kind: IdentityKind,
    message_key: str,
    sender: str,
    owner: str | None,
    others: Sequence[str],
    occurred_at: int | None,
    conversation_id: str | None,
    max_group: int,
    length: int | None = None,
    names_are_keys: bool = False,
) -> Iterator[InteractionRecord]:
    """One chat message as interactions, Kossinets & Watts (2006) style: a message the owner sent is one
    record per other participant, a message they received is one record with its sender; every record
    carries the conversation's size, and a conversation of more than ``max_group`` others counts as
    co-occurrence only (``bulk``).  ``others`` are the participants besides the owner; ``names_are_keys``
    when the identity value is also the person's display name (Facebook, WhatsApp)."""
    direction: Direction = "sent" if owner is not None and sender == owner else "received"
    targets = [o for o in others if o != sender] if direction == "sent" else [sender]
    for person in targets:
        yield InteractionRecord(
            source=source,
            source_key=f"{message_key}|{person}",
            person=Identity(identity_kind, person),
            kind="message",
            direction=direction,
            occurred_at=occurred_at,
            message_key=message_key,
            conversation_id=conversation_id,
            group_size=max(len(others), 1),
            bulk=len(others) > max_group,
            length=length,
            person_name=person if names_are_keys else None,
        )
