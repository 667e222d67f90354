"""How fast netvalue imports a big mbox, next to Python's ``mailbox`` module reading the same headers.

Generates a Gmail-Takeout-like mbox of SIZE MiB (default 1024) in a temporary folder: separator
lines ``From <thread-id>@xxx <date>``, Takeout's headers (``X-GM-THRID``, ``X-Gmail-Labels``,
``Received``, ``DKIM-Signature`` ...), most messages 2-20 KB, one in 200 carrying a 0.5-4 MB base64
attachment, a fifth sent by the owner, a tenth list mail, some body lines starting with ``From ``.
Then, in the same run, times:

  (a) the bare boundary scan (``mbox_scan.count_boundaries``, one core),
  (b) ``mailbox.mbox`` iterating the messages and reading only the headers netvalue reads,
  (c) netvalue's full import into a new database (``netvalue.importing.run_import``).

(b) and (c) each run in a fresh child process, so their peak memory is their own: the RSS peak of
that process (``getrusage(RUSAGE_SELF)``) and of its largest worker (``RUSAGE_CHILDREN``).

Usage: python benchmarks/mbox.py [SIZE_MIB] [--crlf] [--seed N]
Target (issue 3): (c) at least 3x (b); peak memory under 300 MB whatever the file size.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = (
    "From",
    "To",
    "Cc",
    "Bcc",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "List-Id",
    "List-Unsubscribe",
    "Precedence",
    "Auto-Submitted",
    "X-Gmail-Labels",
    "X-GM-THRID",
    "Subject",
)
WORDS = [
    "the",
    "meeting",
    "project",
    "budget",
    "next",
    "week",
    "review",
    "draft",
    "thanks",
    "please",
    "call",
    "numbers",
    "quarter",
    "team",
    "update",
    "proposal",
    "contract",
    "launch",
    "dinner",
    "flight",
    "notes",
    "agenda",
    "deadline",
    "invoice",
    "follow-up",
]
FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Liam",
    "Maya",
    "Noah",
    "Olga",
    "Paul",
    "Rosa",
    "Sven",
]
LAST = [
    "Meyer",
    "Novak",
    "Rossi",
    "Dubois",
    "Santos",
    "Kim",
    "Nguyen",
    "Müller",
    "Sørensen",
    "Okafor",
    "Silva",
    "Brown",
    "Smith",
    "Garcia",
]
OWNER = "me.owner@example.com"
MIB = 1 << 20


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """``n`` correspondents with varied names (syllable surnames), some RFC 2047 encoded."""
    syllables = [
        "ba",
        "ko",
        "ri",
        "sen",
        "dal",
        "mar",
        "ve",
        "lin",
        "tor",
        "us",
        "che",
        "ha",
        "no",
        "gar",
        "fe",
        "wi",
        "ski",
        "ber",
        "mon",
        "la",
    ]
    out = []
    for i in range(n):
        first = rng.choice(FIRST)
        last = rng.choice(LAST) if rng.random() < 0.2 else "".join(rng.choices(syllables, k=3)).title()
        name = f"{first} {last}"
        address = f"{first.lower()}.{last.lower()}{i}@example{i % 40}.com".replace("ü", "u").replace("ø", "o")
        if "ü" in name or "ø" in name:  # an RFC 2047 encoded name, as Gmail writes them
            name = "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="
        out.append((name, address))
    return out


def generate(path: Path, size: int, *, crlf: bool, seed: int) -> int:
    """Write an mbox of about ``size`` bytes; returns the number of messages."""
    rng = random.Random(seed)
    people = _people(rng, 3000)
    text = " ".join(rng.choice(WORDS) for _ in range(40000))
    lines = [text[i : i + 72] for i in range(0, len(text) - 72, 72)]
    attachment = base64.encodebytes(rng.randbytes(3 * MIB)).decode()
    eol = "\r\n" if crlf else "\n"
    written = count = 0
    t0 = 1_500_000_000
    with path.open("wb", buffering=8 * MIB) as out:
        while written < size:
            count += 1
            when = t0 + count * 600 + rng.randrange(600)
            stamp = time.strftime("%a %b %d %H:%M:%S +0000 %Y", time.gmtime(when))
            date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(when))
            thread = 1_580_000_000_000_000_000 + count // 3
            sent = rng.random() < 0.2
            listed = not sent and rng.random() < 0.1
            sender = ("Me Owner", OWNER) if sent else rng.choice(people)
            rcpts = [rng.choice(people) for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 5, 8)))]
            if not sent:
                rcpts[0] = ("Me Owner", OWNER)
            to = ", ".join(f'"{n}" <{a}>' for n, a in rcpts[:3])
            head = [
                f"From {thread}@xxx {stamp}",
                f"X-GM-THRID: {thread}",
                f"X-Gmail-Labels: {'Sent' if sent else 'Inbox,Important'},Opened",
                f"Delivered-To: {OWNER}",
                "Received: by 2002:a05:6a10:8e0b:0:0:0:0 with SMTP id x11csp123456pxu;"
                + eol
                + f"        {date}",
                "X-Google-Smtp-Source: ABdhPJx" + "q" * 60,
                "ARC-Seal: i=1; a=rsa-sha256; t=1600000000; cv=none; d=google.com; s=arc-20160816;"
                + eol
                + "        b="
                + "A" * 70
                + eol
                + "         "
                + "B" * 70,
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;"
                + eol
                + "        h=from:to:subject:date:message-id; bh="
                + "C" * 44
                + ";"
                + eol
                + "        b="
                + "D" * 70,
                f"Return-Path: <{sender[1]}>",
                f"From: {sender[0]} <{sender[1]}>",
                f"To: {to}",
            ]
            if len(rcpts) > 3:
                head.append("Cc: " + ("," + eol + "\t").join(f"{n} <{a}>" for n, a in rcpts[3:]))
            if listed:
                head += ["List-Id: <news.example.org>", "List-Unsubscribe: <mailto:leave@example.org>"]
            head += [
                f"Subject: {'Re: ' if count % 3 else ''}{' '.join(rng.choice(WORDS) for _ in range(5))}",
                f"Date: {date}",
                f"Message-ID: <{count}.{seed}.bench@mail.example.com>",
                "MIME-Version: 1.0",
                'Content-Type: multipart/mixed; boundary="b1"',
            ]
            body_lines = rng.randrange(20, 260)
            start = rng.randrange(len(lines) - body_lines)
            body = ["--b1", "Content-Type: text/plain; charset=UTF-8", "", *lines[start : start + body_lines]]
            if count % 7 == 0:
                body.append("From the desk of the team: a body line that is not a separator")
            if rng.random() < 0.005:
                size_att = rng.randrange(MIB // 2, 4 * MIB) // 4 * 3
                body += [
                    "--b1",
                    "Content-Type: application/pdf",
                    "Content-Transfer-Encoding: base64",
                    "",
                    attachment[: size_att * 4 // 3].replace("\n", eol),
                ]
            body += ["--b1--", ""]
            blob = (eol.join(head) + eol + eol + eol.join(body) + eol).encode()
            out.write(blob)
            written += len(blob)
    return count


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def phase_mailbox(path: Path) -> dict[str, float]:
    import mailbox

    start = time.perf_counter()
    count = 0
    box = mailbox.mbox(str(path), create=False)
    for message in box:
        for name in HEADERS:
            message[name]
        count += 1
    return {
        "seconds": time.perf_counter() - start,
        "messages": count,
        "self_mb": peak_mb(resource.RUSAGE_SELF),
        "children_mb": peak_mb(resource.RUSAGE_CHILDREN),
    }


def phase_import(path: Path) -> dict[str, float]:
    from netvalue.importing import run_import
    from netvalue.store import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.db")
        start = time.perf_counter()
        report = run_import(db, path, source="email")
        seconds = time.perf_counter() - start
        db.close()
    return {
        "seconds": seconds,
        "messages": report.totals["rows"],
        "records_added": report.totals["added"],
        "self_mb": peak_mb(resource.RUSAGE_SELF),
        "children_mb": peak_mb(resource.RUSAGE_CHILDREN),
    }


def run_phase(phase: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(path)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--phase":  # a child process running one phase
        target = Path(sys.argv[3])
        result = phase_mailbox(target) if sys.argv[2] == "mailbox" else phase_import(target)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("size", nargs="?", type=int, default=1024, help="mbox size in MiB (default 1024)")
    parser.add_argument("--crlf", action="store_true", help="CRLF line ends, as many Takeout files have")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from netvalue.importers.mbox_scan import count_boundaries

    with tempfile.TemporaryDirectory(prefix="netvalue-bench-") as tmp:
        path = Path(tmp) / "All mail Including Spam and Trash.mbox"
        start = time.perf_counter()
        generated = generate(path, args.size * MIB, crlf=args.crlf, seed=args.seed)
        mib = path.stat().st_size / MIB
        print(
            f"generated {mib:,.0f} MiB, {generated:,} messages ({'CRLF' if args.crlf else 'LF'}) "
            f"in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        found = count_boundaries(path)
        scan = time.perf_counter() - start
        print(
            f"(a) boundary scan    : {scan:7.2f} s  {mib / scan:8.1f} MiB/s  {found / scan:10,.0f} messages/s"
            f"  ({found:,} messages)"
        )
        base = run_phase("mailbox", path)
        print(
            f"(b) mailbox module   : {base['seconds']:7.2f} s  {mib / base['seconds']:8.1f} MiB/s  "
            f"{base['messages'] / base['seconds']:10,.0f} messages/s  peak RSS {base['self_mb']:.0f} MB"
            f"  ({base['messages']:,} messages: it also splits on body lines starting 'From ')"
        )
        ours = run_phase("import", path)
        print(
            f"(c) netvalue import  : {ours['seconds']:7.2f} s  {mib / ours['seconds']:8.1f} MiB/s  "
            f"{ours['messages'] / ours['seconds']:10,.0f} messages/s  peak RSS {ours['self_mb']:.0f} MB main"
            f" + {ours['children_mb']:.0f} MB largest worker ({ours['records_added']:,} rows written)"
        )
        print(
            f"ratio import / mailbox: {base['seconds'] / ours['seconds']:.2f}x (target >= 3x); "
            f"peak memory {ours['self_mb'] + ours['children_mb']:.0f} MB (target < 300 MB)"
        )


if __name__ == "__main__":
    main()
