"""Files netvalue writes are its owner's alone (0600), also when they replace a file that was not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netvalue.files import open_private, write_private


def test_write_private_creates_0600(tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_private(path, "<graphml/>")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == "<graphml/>"


def test_write_private_replaces_a_readable_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "week.ics"
    path.write_bytes(b"old")
    os.chmod(path, 0o644)
    write_private(path, b"new")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week.ics"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "missing-folder" / "x.ics"
    with pytest.raises(OSError):
        write_private(path, b"new")
    assert not path.parent.exists()


def test_open_private_never_writes_into_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "upload.zip"
    path.write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        open_private(path)
    assert path.read_bytes() == b"keep"
