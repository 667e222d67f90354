"""Zip bombs and oversized files (issue 17): every importer refuses them in one line, writing nothing.

The bombs here are small (40 MiB of newlines in a ~40 KB member: 1,000 times its packed size, past the
16 MiB the ratio bound lets through); the 4 GB ones are in ``benchmarks/hostile.py``."""

from __future__ import annotations

import io
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.errors import ImportFormatError
from netvalue.importers import archive
from netvalue.importers.archive import member_head, open_member, read_file, read_member

BOMB = b"\n" * (40 << 20)

MEMBERS = {
    "calendar": "Calendar/ann@example.com.ics",
    "facebook": "connections/friends/your_friends.json",
    "instagram": "connections/followers_and_following/followers_1.json",
    "twitter": "data/follower.js",
    "whatsapp": "_chat.txt",
    "linkedin": "Connections.csv",
}


def bomb_zip(path: Path, member: str, data: bytes = BOMB) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(member, data)
    return path


def invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "nv.db"), *args])
    return result.exit_code, result.output


def rows(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return sum(
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("people", "interactions")
        )


@pytest.mark.parametrize("source", sorted(MEMBERS))
def test_every_importer_refuses_a_zip_bomb_in_one_line(tmp_path: Path, source: str) -> None:
    path = bomb_zip(tmp_path / f"{source}.zip", MEMBERS[source])
    code, output = invoke(tmp_path, "import", source, str(path))
    assert code == 1
    assert output.count("\n") == 1 and output.startswith("Error: "), output
    assert MEMBERS[source] in output and "zip bomb" in output
    assert rows(tmp_path / "nv.db") == 0


@pytest.mark.parametrize("source", ["whatsapp", "calendar"])
def test_detection_reads_only_a_members_head(tmp_path: Path, source: str) -> None:
    """``netvalue import PATH`` sniffs members without inflating them: a bomb is still refused in one line."""
    path = bomb_zip(tmp_path / f"{source}.zip", MEMBERS[source])
    code, output = invoke(tmp_path, "import", str(path))
    assert code == 1 and output.count("\n") == 1 and output.startswith("Error: "), output


def test_member_head_inflates_only_what_it_returns(tmp_path: Path) -> None:
    path = bomb_zip(tmp_path / "x.zip", "a.txt", b"hello" + BOMB)
    with zipfile.ZipFile(path) as zf:
        assert member_head(zf, "a.txt", 5) == b"hello"
        assert member_head(zf, "missing.txt", 5) == b""


def test_a_member_past_the_size_bound_is_refused(tmp_path: Path) -> None:
    path = bomb_zip(tmp_path / "x.zip", "a.txt", bytes(range(256)) * 64)
    with zipfile.ZipFile(path) as zf:
        assert len(read_member(zf, "a.txt", "x.zip:a.txt")) == 16384
        with pytest.raises(ImportFormatError, match="more than the 0 MiB"):
            read_member(zf, "a.txt", "x.zip:a.txt", limit=1000)


def test_the_stream_counts_what_it_returns_whatever_the_directory_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound holds even when the stated size would pass (here: the check of the directory skipped)."""
    path = bomb_zip(tmp_path / "x.zip", "a.txt", b"x" * 100_000)
    monkeypatch.setattr(archive, "check_member", lambda *args: None)
    with (
        zipfile.ZipFile(path) as zf,
        open_member(zf, "a.txt", "x.zip:a.txt", 50_000) as fh,
        pytest.raises(ImportFormatError, match="inflates past"),
    ):
        fh.read()


def test_a_member_of_repeated_bytes_under_the_floor_is_read(tmp_path: Path) -> None:
    path = bomb_zip(tmp_path / "x.zip", "a.txt", b"\n" * (1 << 20))  # 1,000:1 but only 1 MiB
    with zipfile.ZipFile(path) as zf:
        assert len(read_member(zf, "a.txt", "x.zip:a.txt")) == 1 << 20


def test_read_file_refuses_a_file_past_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "big.ics"
    path.write_bytes(b"x" * 2000)
    assert read_file(path, limit=2000) == b"x" * 2000
    with pytest.raises(ImportFormatError, match=r"big\.ics: is larger than"):
        read_file(path, limit=1999)


def test_a_damaged_member_is_the_projects_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", b"some text " * 1000)
    data = bytearray(buffer.getvalue())
    data[60:80] = b"\xff" * 20  # inside the deflated bytes
    path = tmp_path / "x.zip"
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf, pytest.raises(ImportFormatError, match=r"x\.zip:a\.txt"):
        read_member(zf, "a.txt", "x.zip:a.txt")


def test_a_csv_field_past_the_limit_is_one_line(tmp_path: Path) -> None:
    """One field of 20 MiB: the csv module's limit, not the whole field in memory."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    letters = bytes(random.Random(0).randbytes(20 << 20)).translate(bytes(97 + i % 26 for i in range(256)))
    data = header.encode() + b"Ann," + letters + b",,,,,17 Nov 2021\n"  # random letters: no bomb
    path = bomb_zip(tmp_path / "linkedin.zip", "Connections.csv", data)
    code, output = invoke(tmp_path, "import", "linkedin", str(path))
    assert code == 1 and output.count("\n") == 1 and "field larger than field limit" in output, output
    assert rows(tmp_path / "nv.db") == 0


def test_a_zip_of_many_members_is_opened_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening the zip for every member read its directory again each time: quadratic in the members."""
    from netvalue.importers import facebook
    from netvalue.importers.base import ImportOptions

    path = tmp_path / "facebook.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(50):
            zf.writestr(
                f"messages/inbox/t{i}/message_1.json", '{"participants": [{"name": "A B"}], "messages": []}'
            )
    opened: list[object] = []
    real = zipfile.ZipFile

    def counting(*args: object, **kwargs: object) -> zipfile.ZipFile:
        opened.append(args[0])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facebook.zipfile, "ZipFile", counting)
    items = list(facebook.read_facebook(path, ImportOptions()))
    assert len(items) == 51 and len(opened) == 1


@pytest.mark.parametrize("source", sorted(MEMBERS))
def test_an_encrypted_member_is_one_line(tmp_path: Path, source: str) -> None:
    """zipfile answers an encrypted member with a RuntimeError; netvalue with one line."""
    path = bomb_zip(tmp_path / f"{source}.zip", MEMBERS[source], b"x\n")
    data = bytearray(path.read_bytes())
    data[6] |= 1  # the local header's "encrypted" flag
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1  # and the central directory's
    path.write_bytes(bytes(data))
    code, output = invoke(tmp_path, "import", source, str(path))
    assert code == 1 and output.count("\n") == 1 and "is encrypted" in output, output
