"""Reading a zip's members, and files read whole, within bounds: no zip bomb or giant file gets through.

A zip a user was sent is hostile input: a 4 MB member can inflate to 4 GB (deflate reaches about
1,000:1 on repeated bytes).  Every member is read through :func:`open_member`, which refuses it, with
one :class:`~netvalue.errors.ImportFormatError` naming it, when its inflated size passes a bound or when
it inflates more than :data:`MAX_RATIO` times its compressed size.  The zip's directory states both
sizes, and ``zipfile`` never returns more bytes than the stated size (a member that holds more fails
its CRC check), so the sizes are checked before a byte is inflated; the stream counts what it returns
as well, so the bound holds whatever the directory says.

Members parsed whole (JSON, a chat, a calendar) are read by :func:`read_member` under the lower bound
:data:`MAX_WHOLE`; members streamed row by row (LinkedIn's CSVs) under :data:`MAX_STREAMED`.  Files
outside a zip that are read whole go through :func:`read_file`, under :data:`MAX_WHOLE`.  The bounds are
ours: far above any real export's file (Facebook cuts Messenger threads into files of ~10,000
messages; a decade of LinkedIn messages is a few hundred MB of CSV; real text compresses 3-20:1).
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

from netvalue.errors import ImportFormatError, map_errors

MAX_WHOLE = 512 << 20
"""A file or member read into memory whole: at most 512 MiB (ours)."""
MAX_STREAMED = 8 << 30
"""A member read as a stream (row by row): at most 8 GiB inflated (ours)."""
MAX_RATIO = 100
"""A member may inflate to at most 100 times its compressed size (ours; text compresses 3-20:1) ..."""
RATIO_FLOOR = 16 << 20
"""... once past 16 MiB: a small member of repeated bytes is harmless (ours)."""
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, zipfile.LargeZipFile, NotImplementedError)
"""What reading a damaged zip (or member) can raise."""


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MiB"


def check_member(info: zipfile.ZipInfo, label: str, limit: int) -> None:
    """Refuse a member whose stated inflated size passes ``limit`` or :data:`MAX_RATIO`."""
    if info.file_size > max(RATIO_FLOOR, MAX_RATIO * info.compress_size):
        raise ImportFormatError(
            label,
            f"inflates {info.file_size // max(info.compress_size, 1):,} times its packed size "
            f"(a zip bomb, not an export); netvalue reads at most {MAX_RATIO} times",
        )

    if info.file_size > limit:
        raise ImportFormatError(
            label,
            f"inflates to {_mib(info.file_size)}, more than the {_mib(limit)} netvalue reads of one file",
        )


class _BoundedReader(io.RawIOBase):
    """A member's stream that fails with the project's error past ``limit`` bytes or the ratio bound."""

    def __init__(self, raw: IO[bytes], info: zipfile.ZipInfo, label: str, limit: int) -> None:
        super().__init__()
        self._raw = raw
        self._label = label
        self._limit = min(limit, max(RATIO_FLOOR, MAX_RATIO * info.compress_size))
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        size = len(data)
        self._read += size
        if self._read > self._limit:
            raise ImportFormatError(
                self._label, f"inflates past {_mib(self._limit)}, more than netvalue reads of one file"
            )
        buffer[:size] = data
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, label: str, limit: int) -> IO[bytes]:
    """A member as a buffered binary stream bounded by ``limit`` and :data:`MAX_RATIO` (the caller closes
    it); ``label`` names it in errors (``export.zip:member``)."""
    info = member if isinstance(member, zipfile.ZipInfo) else archive.getinfo(member)
    check_member(info, label, limit)
    if info.flag_bits & 0x1:
        raise ImportFormatError(label, "is encrypted in the zip; export it again without a password")
    with map_errors(DAMAGE, damaged_in_zip(label)):
        raw = archive.open(info)
    return io.BufferedReader(_BoundedReader(raw, info, label, limit), 1 << 20)


def read_member(archive: zipfile.ZipFile, member: str, label: str, limit: int = MAX_WHOLE) -> bytes:
    """A member's bytes, read whole within ``limit`` (:data:`MAX_WHOLE`) and :data:`MAX_RATIO`."""
    with map_errors(DAMAGE, damaged_in_zip(label)), open_member(archive, member, label, limit) as fh:
        return fh.read()


def damaged_in_zip(label: str) -> Callable[[BaseException], ImportFormatError]:
    """For :func:`~netvalue.errors.map_errors`: a zip member that cannot be read, as one line naming it."""
    return lambda exc: ImportFormatError(label, f"cannot be read from the zip ({exc})")


def unreadable(name: str) -> Callable[[OSError], ImportFormatError]:
    """For :func:`~netvalue.errors.map_errors`: a file the system cannot read, as one line naming it."""
    return lambda exc: ImportFormatError(name, f"cannot be read ({exc.strerror or exc})")


def member_head(archive: zipfile.ZipFile, member: str, size: int) -> bytes:
    """The first ``size`` bytes of a member (for detection), inflating no more than that; ``b""`` when the
    member cannot be read."""
    try:
        with archive.open(member) as fh:
            return fh.read(size)
    except (*DAMAGE, KeyError, RuntimeError):  # RuntimeError: an encrypted member
        return b""


def read_file(path: Path, label: str | None = None, limit: int = MAX_WHOLE) -> bytes:
    """A file's bytes, read whole, or the project's error when it is larger than ``limit``."""
    name = label or str(path)
    with map_errors(OSError, unreadable(name)), path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size > limit:
            raise ImportFormatError(name, f"is larger than the {_mib(limit)} netvalue reads of one file")
        data = bytearray()  # read in blocks: read(limit) would allocate the whole limit at once
        while block := fh.read(1 << 20):
            data += block
            if len(data) > limit:
                raise ImportFormatError(name, f"is larger than the {_mib(limit)} netvalue reads of one file")
    return bytes(data)
