"""The fast mbox splitter: message boundaries found by scanning bytes, only header blocks parsed.

An mbox (RFC 4155) is messages one after another, each starting with a separator line
``From <sender-or-token> <date>`` at the start of a line.  A body line that merely begins with
``From `` is not a separator: writers escape it as ``>From `` (mboxrd, Python's :mod:`mailbox`), and
where they did not, it rarely looks like one.  A line counts as a separator here when it starts with
``From ``, carries a month name, a ``hh:mm`` time and a four-digit year (the asctime() date of
Gmail Takeout, Thunderbird and Python), and the next line is a header field (``Name:``).

The file is read in large blocks (:data:`CHUNK`), each a byte range handled by one worker process:
the worker finds the separators that start inside its range, and for each message parses only the
header block (up to the first empty line, LF or CRLF) into a compact
:class:`~netvalue.importers.email_headers.MessageHeaders`; the body is skipped without being
decoded.  Ranges are given out in order with a bounded number in flight, so memory stays at a few
blocks whatever the file size, and both cores work.  Small files are parsed in-process.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path

from netvalue.importers.base import worker_count, worker_pool
from netvalue.importers.email_headers import MessageHeaders, parse_header_block

CHUNK = 16 << 20  # bytes per worker task (our choice: large enough to amortise a task, small for memory)
LOOKAHEAD = 1 << 20  # a header block may run this far past its range's end (longer ones are cut)
PARALLEL_MIN = 48 << 20  # smaller files are parsed in-process: starting workers costs more than it saves
IN_FLIGHT_PER_WORKER = 2  # ranges queued per worker: keeps the cores busy, bounds memory

SEPARATOR = re.compile(
    rb"From [^\s]+ +"
    rb"(?=[^\r\n]*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)"
    rb"(?=[^\r\n]*\b\d{1,2}:\d\d)"
    rb"(?=[^\r\n]*\b(?:19|20)\d\d\b)"
    rb"[^\r\n]*\r?\n"
    rb"[!-9;-~]+[ \t]*:"
)
_BLANK_LINE = re.compile(rb"\n\r?\n")


def separators(buf: bytes, lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets in ``buf`` of the separator lines that start in ``[lo, hi)``.

    A separator starts at offset 0 or right after a newline; ``buf`` must hold the byte before
    ``lo`` when ``lo > 0`` (so a line start at ``lo`` is recognised).
    """
    end = len(buf) if hi is None else hi
    found: list[int] = []
    if lo == 0 and SEPARATOR.match(buf, 0):
        found.append(0)
    newline = buf.find(b"\nFrom ", max(lo - 1, 0))
    while newline != -1 and newline + 1 < end:
        start = newline + 1
        if start >= lo and SEPARATOR.match(buf, start):
            found.append(start)
        newline = buf.find(b"\nFrom ", start)
    return found


def header_block(buf: bytes, start: int, bound: int) -> bytes:
    """The header block of the message whose separator line starts at ``start``: from the line
    after it up to the first empty line (or ``bound``, the next message)."""
    line_end = buf.find(b"\n", start, bound)
    if line_end == -1:
        return b""
    blank = _BLANK_LINE.search(buf, line_end + 1, bound)
    return buf[line_end + 1 : blank.start() + 1 if blank else bound]


def summarize_buffer(buf: bytes, lo: int = 0, hi: int | None = None) -> list[MessageHeaders]:
    """Every message starting in ``[lo, hi)`` of ``buf``, headers parsed (the body never)."""
    starts = separators(buf, lo, hi)
    last_bound = len(buf)
    if starts:
        following = buf.find(b"\nFrom ", starts[-1] + 1)
        while following != -1 and not SEPARATOR.match(buf, following + 1):
            following = buf.find(b"\nFrom ", following + 1)
        if following != -1:
            last_bound = following + 1
    out: list[MessageHeaders] = []
    for index, start in enumerate(starts):
        bound = starts[index + 1] if index + 1 < len(starts) else last_bound
        out.append(parse_header_block(header_block(buf, start, bound)))
    return out


def summarize_range(path: str, start: int, end: int) -> list[MessageHeaders]:
    """Every message whose separator starts in the byte range ``[start, end)`` of the file at ``path``.

    Runs in a worker process: it reads the range (plus the byte before and :data:`LOOKAHEAD` after),
    so no alignment with the other ranges is needed: each separator belongs to exactly one range.
    """
    base = max(start - 1, 0)
    with open(path, "rb") as fh:
        fh.seek(base)
        buf = fh.read(end - base + LOOKAHEAD)
    return summarize_buffer(buf, start - base, end - base)


def summarize_mbox(
    path: Path, *, workers: int | None = None, chunk: int = CHUNK, parallel_min: int = PARALLEL_MIN
) -> Iterator[list[MessageHeaders]]:
    """The messages of an mbox file in file order, a list per range of ``chunk`` bytes.

    Files of at least ``parallel_min`` bytes are spread over ``workers`` processes (default: every
    core); the results come back in order, at most ``IN_FLIGHT_PER_WORKER`` ranges per worker ahead.
    """
    size = path.stat().st_size
    ranges = [(start, min(start + chunk, size)) for start in range(0, size, chunk)]
    count = worker_count() if workers is None else workers
    if count <= 1 or len(ranges) <= 1 or size < parallel_min:
        for start, end in ranges:
            yield summarize_range(str(path), start, end)
        return
    with worker_pool(count) as pool:
        todo = iter(ranges)
        pending: deque[AsyncResult[list[MessageHeaders]]] = deque()
        for start, end in todo:
            pending.append(pool.apply_async(summarize_range, (str(path), start, end)))
            if len(pending) >= count * IN_FLIGHT_PER_WORKER:
                break
        while pending:
            result = pending.popleft().get()
            following = next(todo, None)
            if following is not None:
                pending.append(pool.apply_async(summarize_range, (str(path), *following)))
            yield result


def count_boundaries(path: Path, chunk: int = CHUNK) -> int:
    """How many separator lines the file holds: the bare boundary scan (for the benchmark)."""
    total = 0
    size = path.stat().st_size
    with path.open("rb") as fh:
        for start in range(0, size, chunk):
            base = max(start - 1, 0)
            fh.seek(base)
            buf = fh.read(min(start + chunk, size) - base + 4096)
            total += len(separators(buf, start - base, min(start + chunk, size) - base))
    return total


def read_message_headers(path: Path, limit: int = LOOKAHEAD) -> MessageHeaders:
    """The headers of a one-message file (``.eml``, a Maildir entry): read up to the first empty line."""
    with path.open("rb") as fh:
        head = fh.read(64 << 10)
        while _BLANK_LINE.search(head) is None and len(head) < limit:
            more = fh.read(64 << 10)
            if not more:
                break
            head += more
    if head.startswith(b"From "):  # an mbox-style first line some tools write into .eml files
        head = head[head.find(b"\n") + 1 :] if b"\n" in head else b""
    blank = _BLANK_LINE.search(head)
    return parse_header_block(head[: blank.start() + 1] if blank else head)
