"""Hostile inputs (issue 17): each import's time, peak memory and answer, in a child with a memory cap.

A file a user may receive from anyone is hostile input: every case below must end within seconds and a
few hundred MB, with one line (``Error: ...`` or the import summary) and nothing of the file in the
database.  The cases, generated in a temporary folder:

  long-name-mail       one e-mail whose From display name is 100 KB of letters
  long-name-vcard      a vCard whose FN is 100 KB of letters
  long-name-linkedin   a LinkedIn Connections.csv whose first name is 10 MB of letters
  bomb-<source>        a ~4 MB zip whose one member inflates to 4 GB (calendar, facebook, instagram,
                       twitter, whatsapp, linkedin: Connections.csv of newlines)
  whatsapp-continued   a chat of one message continued over 270,000 lines (10.7 MB)
  vcard-soft-breaks    one quoted-printable card of 2.5 MB in soft line breaks (280,000 of them)
  calendar-recurrences 1,000 daily series of 20 attendees (1.3 MB; 10 million meeting records expanded)
  many-members-facebook  a 2.6 MB zip of 20,000 Messenger threads (each read opened the zip again)
  deep-json-<source>   JSON nested 100,000 deep (facebook, instagram, twitter)

Each case runs ``netvalue --db NEW import SOURCE PATH`` in its own process under ``RLIMIT_AS`` (so a
runaway is reported, not fatal) and a timeout; the peak is the child's RSS peak and ``cpu s`` its user +
system time (``wait4``: on a shared, loaded machine the CPU time says more than the wall time).  ``rows``
counts the people and interactions left in the database afterwards.

Usage: python benchmarks/hostile.py [--src DIR] [--limit-mb 500] [--limit-cpu 10] [--timeout 120] [CASE ...]
The defaults are the issue's bounds: each case under 10 s (of CPU: on a shared machine wall time
measures the neighbours) and 500 MB.
``--src`` runs another checkout's code (``git archive BASE src | tar -x -C /tmp/before``) for a
before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

BOMB_SIZE = 4_000_000_000  # under 4 GiB, so the zip needs no ZIP64 records
Case = tuple[str, Path, tuple[str, ...]]  # (source, path, options)


def _stored_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of ready-deflated members ``(name, deflated, crc, size)``, written by hand so one deflate
    stream of 4 GB (computed once) serves every bomb."""
    central = b""
    with path.open("wb") as fh:
        for name, data, crc, size in members:
            offset = fh.tell()
            raw = name.encode()
            fh.write(
                struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0)
            )
            fh.write(raw + data)
            central += (
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    0,
                    0,
                    crc,
                    len(data),
                    size,
                    len(raw),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + raw
            )
        start = fh.tell()
        fh.write(central)
        fh.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
        )


def _deflated(folder: Path, byte: bytes, size: int) -> tuple[bytes, int]:
    cache = folder / f"deflated-{byte.hex()}-{size}"
    if cache.exists():
        data = cache.read_bytes()
        return data[4:], struct.unpack("<I", data[:4])[0]
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = byte * (1 << 24)
    parts, crc, left = [], 0, size
    while left:
        chunk = block[: min(left, len(block))]
        crc = zlib.crc32(chunk, crc)
        parts.append(deflate.compress(chunk))
        left -= len(chunk)
    parts.append(deflate.flush())
    data = b"".join(parts)
    cache.write_bytes(struct.pack("<I", crc) + data)
    return data, crc


def _cases(folder: Path) -> dict[str, Callable[[], Case]]:
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    letters = (alphabet * 4000)[:100_000]  # varied: every one-letter deletion of it is a different string

    def mail() -> Case:
        path = folder / "long-name.mbox"
        path.write_text(
            "From MAILER-DAEMON Mon Apr 18 14:23:23 2022\nMessage-ID: <x@example.com>\n"
            "Date: Mon, 18 Apr 2022 14:23:23 +0000\n"
            f"From: Ann {letters} <ann@example.com>\nTo: owner@example.com, Bob Jones <bob@example.com>\n"
            "Subject: hi\n\nbody\n"
        )
        return "email", path, ("--me", "owner@example.com")

    def vcard() -> Case:
        path = folder / "long-name.vcf"
        path.write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann {letters}\r\nN:{letters};Ann;;;\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Jones\r\nN:Jones;Bob;;;\r\nEND:VCARD\r\n"
        )
        return "vcard", path, ()

    def linkedin_name() -> Case:
        path = folder / "long-name-linkedin.zip"
        csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        csv += f"{(alphabet * 400_000)[:10_000_000]},Smith,,,,,17 Nov 2021\n"  # no URL: matched by name
        csv += "Bob,Jones,https://www.linkedin.com/in/bob,,,,17 Nov 2021\n"
        data = csv.encode()
        deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = deflate.compress(data) + deflate.flush()
        _stored_zip(path, [("Connections.csv", packed, zlib.crc32(data), len(data))])
        return "linkedin", path, ()

    def bomb(source: str, member: str) -> Callable[[], Case]:
        def make() -> Case:
            data, crc = _deflated(folder, b"\n", BOMB_SIZE)
            path = folder / f"bomb-{source}.zip"
            if not path.exists():
                _stored_zip(path, [(member, data, crc, BOMB_SIZE)])
            return source, path, ()

        return make

    def whatsapp() -> Case:
        path = folder / "WhatsApp Chat with Ann Lee.txt"
        lines = ["12/01/24, 09:15 - Ann Lee: Hi"] + ["continued line of the one message here"] * 270_000
        lines += ["12/01/24, 09:16 - Sam Lee: ok"]
        path.write_text("\n".join(lines) + "\n")
        return "whatsapp", path, ()

    def soft_breaks() -> Case:
        path = folder / "soft-breaks.vcf"
        body = "=\r\n".join(["=41=42"] * 280_000)
        path.write_text(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
            f"NOTE;ENCODING=QUOTED-PRINTABLE:{body}\r\nEND:VCARD\r\n"
        )
        return "vcard", path, ()

    def recurrences() -> Case:
        path = folder / "recurrences.ics"
        attendees = "".join(
            f"ATTENDEE;PARTSTAT=ACCEPTED;CN=P{j}:mailto:p{j}@example.com\r\n" for j in range(20)
        )
        events = "".join(
            f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:20200101T100000Z\r\nDTEND:20200101T110000Z\r\n"
            f"RRULE:FREQ=DAILY\r\nDTSTAMP:20240101T000000Z\r\nORGANIZER:mailto:me@example.com\r\n"
            f"{attendees}END:VEVENT\r\n"
            for i in range(1000)
        )
        path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
        return "calendar", path, ()

    def many_members() -> Case:
        path = folder / "many-members-facebook.zip"
        if not path.exists():
            with zipfile.ZipFile(path, "w") as zf:
                for i in range(20_000):
                    thread = '{"participants": [{"name": "Ann Lee"}], "messages": []}'
                    zf.writestr(f"messages/inbox/t{i}/message_1.json", thread)
        return "facebook", path, ()

    def deep(source: str, name: str, prefix: str) -> Callable[[], Case]:
        def make() -> Case:
            path = folder / f"deep-{source}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(prefix + "[" * 100_000 + "]" * 100_000)
            return source, path, ()

        return make

    return {
        "long-name-mail": mail,
        "long-name-vcard": vcard,
        "long-name-linkedin": linkedin_name,
        "bomb-calendar": bomb("calendar", "Calendar/ann@example.com.ics"),
        "bomb-facebook": bomb("facebook", "connections/friends/your_friends.json"),
        "bomb-instagram": bomb("instagram", "connections/followers_and_following/followers_1.json"),
        "bomb-twitter": bomb("twitter", "data/follower.js"),
        "bomb-whatsapp": bomb("whatsapp", "_chat.txt"),
        "bomb-linkedin": bomb("linkedin", "Connections.csv"),
        "whatsapp-continued": whatsapp,
        "vcard-soft-breaks": soft_breaks,
        "calendar-recurrences": recurrences,
        "many-members-facebook": many_members,
        "deep-json-facebook": deep("facebook", "your_friends.json", '{"friends_v2": '),
        "deep-json-instagram": deep("instagram", "followers_1.json", ""),
        "deep-json-twitter": deep("twitter", "follower.js", "window.YTD.follower.part0 = "),
    }


def _rows(db: Path) -> int | None:
    if not db.exists():
        return None
    try:
        with sqlite3.connect(db) as conn:
            return sum(
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("people", "interactions")
            )
    except sqlite3.Error:
        return None


def run_case(
    source: str,
    path: Path,
    options: tuple[str, ...],
    src: Path,
    limit_mb: int,
    timeout: float,
    cpu_limit: int,
) -> dict[str, object]:
    """One import in a child capped at ``limit_mb`` of address space; its time, peak RSS and answer."""
    db = path.parent / f"{path.name}.db"
    for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        leftover.unlink(missing_ok=True)
    cap = limit_mb << 20

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))

    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "netvalue", "--db", str(db), "import", source, str(path), *options]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, preexec_fn=limit)
        outcome = "answered"
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                outcome = f"killed after {timeout:.0f} s"
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace").strip()
    lines = text.splitlines()
    if child.returncode == -signal.SIGXCPU:
        outcome = f"killed at {cpu_limit} s of CPU"
    if outcome == "answered" and any("MemoryError" in line for line in lines):
        outcome = f"MemoryError at {limit_mb} MB"
    elif outcome == "answered" and any("Traceback" in line for line in lines):
        outcome = "traceback: " + (lines[-1][:60] if lines else "")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": child.returncode,
        "lines": len(lines),
        "outcome": outcome,
        "first_line": lines[0][:110] if lines else "",
        "rows": _rows(db),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent / "src")
    parser.add_argument("--limit-mb", type=int, default=500, help="address space a case may use (RLIMIT_AS)")
    parser.add_argument("--limit-cpu", type=int, default=10, help="CPU seconds a case may use (RLIMIT_CPU)")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="wall seconds (a shared machine is slow)"
    )
    parser.add_argument("--folder", type=Path, help="keep generated files here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        cases = _cases(folder)
        chosen = args.cases or list(cases)
        print(
            f"code: {args.src}   caps: {args.limit_mb} MB address space, {args.limit_cpu} s CPU, "
            f"{args.timeout:.0f} s wall"
        )
        print(
            f"{'case':<22}{'time s':>8}{'cpu s':>7}{'peak MB':>9}{'exit':>6}{'lines':>6}{'rows':>6}  outcome / first line"
        )
        results = {}
        for name in chosen:
            source, path, options = cases[name]()
            result = run_case(source, path, options, args.src, args.limit_mb, args.timeout, args.limit_cpu)
            results[name] = result
            print(
                f"{name:<22}{result['seconds']:>8}{result['cpu_seconds']:>7}{result['peak_mb']:>9}{result['exit']:>6}{result['lines']:>6}"
                f"{result['rows'] if result['rows'] is not None else '-':>6}  {result['outcome']}: {result['first_line']}",
                flush=True,
            )
        if args.json:
            print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
