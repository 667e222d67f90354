"""Benchmark: importing a LinkedIn data export, against merely reading its CSVs with ``csv.reader``.

Generates a realistic export (deterministic seed: names from several scripts, companies with commas,
multi-line quoted messages, group conversations, drafts) as a zip in a temporary folder, then in one
process times

* ``csv.reader`` over every CSV of the zip (the baseline: decompress, decode, split),
* a full import into a new database (``netvalue.importing.run_import``; a large ``messages.csv`` is
  parsed on every core, see ``netvalue.importers.linkedin.message_file``), and the same in one process,
* a re-import of the unchanged export (files skipped by their SHA-256),
* a forced re-import (``ImportOptions(force=True)``: every file parsed and upserted again),

and prints wall and CPU seconds (CPU of this process and its workers), rows/s, peak memory and the
ratios.  Each of ``--repeat`` rounds (default 3, every import into a new database) reads the CSVs bare, imports,
reads them again, imports in one process, and reads them a third time; an import's ratio is taken against
the mean of the bare reads just before and after it, and the target is judged on the median of the rounds'
ratios.  This shared virtual machine's speed drifts by half within minutes (the same forced re-import took
9 to 14 s of CPU from one minute to the next, and a bare read 1.7 to 2.9 s), so a ratio of the best import
over the best bare read, which may pair a fast minute with a slow one, is printed beside it but not judged.
Each round also runs ``netvalue import linkedin`` as a whole process (interpreter start, imports, the
import, exit) right after a whole process that reads the CSVs bare, and prints that ratio too (issue 16:
"a full import at most 5x the bare read, whole process", for the default and the concentrated names).
Target (issue 2): full import within 5x of the bare read, unchanged re-import within 2x, judged on wall
time (what the user waits for); with workers, CPU time counts every core's work and is printed beside it.
Run it on an otherwise idle machine: another process's load slows the wall clock.  ``--profile`` adds a cProfile
of a full import (a fresh database; the figures above are taken without the profiler).

    python benchmarks/import_linkedin.py                      # 30,000 connections, 300,000 messages
    python benchmarks/import_linkedin.py --connections 3000 --messages 30000
    python benchmarks/import_linkedin.py --connections 3000 --messages 30000 --profile
    python benchmarks/import_linkedin.py --names korean       # a few family names cover most people

``--names korean`` or ``chinese`` draws family names from a concentrated distribution
(:data:`CONCENTRATED`: the five commonest family names at their published shares, the rest of the
population over a tail of other real family names) instead of the default's ~850 family names, the
export of a network where Kim, Lee and Park (or Wang, Li and Zhang) cover much of the population
(issue 16 measured one of 30,000 connections over 905 distinct full names; ``--names korean`` with the
default's ~100 given names gives 2,436, and 429,937 pairs within names before issue 16's second key).
The number of pairs identity resolution scored is printed with each round.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import io
import itertools
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "John Maria Wei Aisha Lukas Sofía Olga Kenji Priya Zoë Mohammed Emma Илья 李 Fatima Noah Chloé Björn Amara "
    "Diego Hannah Yuki Omar Ngozi Anna Peter Laura Michael Sarah David Julia Thomas Elena Daniel Sophie Paul Nina "
    "Ahmed Leila Carlos Lucía Mateo Valentina Hiroshi Sakura Raj Ananya Arjun Mei Jun Seo-yeon Min-jun Ivan "
    "Natalia Jakub Zofia Lars Ingrid Sven Astrid Kwame Abena Tariq Yasmin Ali Noor Luca Giulia Marco Chiara "
    "Pierre Camille Hugo Léa Jan Eva Tomás Inês João Beatriz Ole Freya Finn Mila Oskar Ida Ayşe Mehmet Nikos "
    "Eleni Дмитрий Анна 王 张 陈 Σοφία Γιώργος Grace Samuel Ruth Joseph"
)
LAST = _words(
    "Smith Garcia Chen Khan Müller Rossi Ivanova Tanaka Raman Ñúñez Haddad Brown Петров 伟 Okafor Dubois Nilsson "
    "Silva Kowalski O'Brien Nguyen Cohen"
) + [  # invented surnames, so that a network of 30,000 has about as few namesakes as a real one
    prefix + suffix
    for prefix in _words(
        "Ander Berg Castel Dal Eck Fern Gold Hart Is Jans Kirch Lind Mar Nord Ost Pal Rich Stein Tor Wald "
        "Alt Brun Dorn Ehren Frei Grun Hoch Kalt Lang Mittel Neu Ober Roth Sand Tann Ulm Vogel Weiß Zell Blum"
    )
    for suffix in _words(
        "sson berg mann ström ez ini ova ard wick field ton ley feld holm ski escu ides opoulos ak enko"
    )
]
CONCENTRATED: dict[str, tuple[dict[str, float], list[str]]] = {
    # Korea, 2015 census (Statistics Korea), shares of the population [reported, as issue 16 quotes them]
    "korean": (
        {"Kim": 0.215, "Lee": 0.147, "Park": 0.084, "Choi": 0.047, "Jung": 0.043},
        _words("Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong Yoo Ko Moon Yang Son"),
    ),
    # China, household registration statistics of the Ministry of Public Security [reported, as issue 16
    # quotes them]
    "chinese": (
        {"Wang": 0.071, "Li": 0.070, "Zhang": 0.064, "Liu": 0.053, "Chen": 0.045},
        _words("Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang"),
    ),
}
"""Concentrated family-name distributions: the five commonest names at their published shares; the
remaining share spread over the tail's real names by Zipf weights ``1 / rank`` (the tail's shape is ours:
it puts the tail's first name near the fifth's share, as in both countries)."""


def family_weights(names: str) -> tuple[list[str], list[float]]:
    """Family names and their weights for ``--names`` (``default``: the uniform draw from :data:`LAST`)."""
    if names == "default":
        return LAST, [1.0] * len(LAST)
    top, tail = CONCENTRATED[names]
    rest = 1.0 - sum(top.values())
    harmonic = sum(1 / rank for rank in range(1, len(tail) + 1))
    return [*top, *tail], [*top.values(), *(rest / rank / harmonic for rank in range(1, len(tail) + 1))]


COMPANIES = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Smith, Jones & Co",
    "Umbrella",
    "Hooli",
    "Stark Industries",
    "Wayne Enterprises",
    "腾讯",
    "Яндекс",
    "Startup 🚀",
    'Vandelay "Imports"',
    "Soylent",
    "Cyberdyne",
]
POSITIONS = [
    "Engineer",
    "Senior Engineer",
    "VP, Sales",
    "Product Manager",
    "Founder & CEO",
    "Data Scientist",
    "Recruiter",
    "HR specialist",
    "Designer",
    'Partner, "Strategy"',
    "CTO",
    "Analyst",
]
WORDS = [
    "thanks",
    "for",
    "reaching",
    "out",
    "great",
    "to",
    "connect",
    "would",
    "love",
    "to",
    "chat",
    "about",
    "the",
    "role",
    "next",
    "week",
    "are",
    "you",
    "free",
    "happy",
    "to",
    "help",
    "let",
    "me",
    "know",
    "when",
    "works",
    "our",
    "team",
    "is",
    "hiring",
    "the",
    "project",
    "looks",
    "promising",
    "🚀",
    "👋",
    "cheers",
    "best",
    "regards",
    "see",
    "you",
    "soon",
    "congrats",
    "on",
    "the",
    "new",
    "position",
]
OWNER_URL = "https://www.linkedin.com/in/owner-benchmark-0"
OWNER_NAME = "Alex Owner"
MESSAGE_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]


def _text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))).capitalize() + ".")
    return "\n".join(lines)


def _stamp(rng: random.Random) -> str:
    epoch = 1_500_000_000 + rng.randrange(250_000_000)
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))


def write_export(dest: Path, connections: int, messages: int, seed: int = 7, names: str = "default") -> Path:
    """Write a LinkedIn-shaped export zip with ``connections`` connections and ``messages`` messages;
    ``names``: the family-name distribution (``default``, ``korean``, ``chinese``)."""
    rng = random.Random(seed)
    families, weights = family_weights(names)
    cum = list(itertools.accumulate(weights))
    people = [
        (
            f"{rng.choice(FIRST)}",
            rng.choices(families, cum_weights=cum)[0] if names != "default" else f"{rng.choice(LAST)}",
            f"https://www.linkedin.com/in/member-{n}-{rng.randrange(16**6):06x}",
        )
        for n in range(connections)
    ]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("Connections.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
            out.write(
                'Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
                'are missing."\n\n'
            )
            writer = csv.writer(out)
            writer.writerow(
                ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
            )
            for n, (first, last, url) in enumerate(people):
                when = time.strftime("%d %b %Y", time.gmtime(1_300_000_000 + rng.randrange(450_000_000)))
                email = f"member{n}@example.com" if rng.random() < 0.1 else ""
                writer.writerow([first, last, url, email, rng.choice(COMPANIES), rng.choice(POSITIONS), when])
                if rng.random() < 0.002:
                    writer.writerow([""] * 7)
        with archive.open("messages.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
            writer = csv.writer(out, quoting=csv.QUOTE_ALL)
            writer.writerow(MESSAGE_HEADER)
            written = conversation_no = 0
            while written < messages:
                conversation_no += 1
                members = rng.sample(people, 1 if rng.random() < 0.9 else rng.randint(2, 6))
                conv = f"2-{conversation_no:08x}"
                title = "" if len(members) == 1 else f"Group {conversation_no}"
                for _ in range(min(messages - written, rng.randint(1, 25))):
                    sender = None if rng.random() < 0.45 else rng.choice(members)
                    everyone = [(OWNER_NAME, OWNER_URL)] + [(f"{f} {la}", u) for f, la, u in members]
                    sender_pair = (
                        (OWNER_NAME, OWNER_URL) if sender is None else (f"{sender[0]} {sender[1]}", sender[2])
                    )
                    to = [p for p in everyone if p != sender_pair]
                    draft = "Yes" if rng.random() < 0.005 else "No"
                    writer.writerow(
                        [
                            conv,
                            title,
                            sender_pair[0],
                            sender_pair[1],
                            ", ".join(p[0] for p in to),
                            ",".join(p[1] for p in to),
                            _stamp(rng),
                            "",
                            _text(rng),
                            "INBOX",
                            "",
                            draft,
                            "No",
                        ]
                    )
                    written += 1
        archive.writestr(
            "Profile.csv",
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
            "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
            "Alex,Owner,,,Oct 18,Benchmarker,,Software,,Berlin,,,\n",
        )
        with archive.open("Invitations.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
            )
            for n in range(max(1, connections // 30)):
                sent = time.strftime(
                    "%m/%d/%y, %I:%M %p", time.gmtime(1_600_000_000 + rng.randrange(90_000_000))
                )
                writer.writerow(
                    [
                        f"Invitee {n}",
                        OWNER_NAME,
                        sent,
                        _text(rng) if n % 3 else "",
                        "INCOMING",
                        f"https://www.linkedin.com/in/invitee-{n}",
                        OWNER_URL,
                    ]
                )
        with (
            archive.open("Endorsement_Received_Info.csv", "w") as raw,
            io.TextIOWrapper(raw, "utf-8", newline="") as out,
        ):
            writer = csv.writer(out)
            writer.writerow(
                [
                    "Endorsement Date",
                    "Skill Name",
                    "Endorser First Name",
                    "Endorser Last Name",
                    "Endorser Public Url",
                    "Endorsement Status",
                ]
            )
            for _ in range(max(1, connections // 15)):
                first, last, url = rng.choice(people)
                when = time.strftime(
                    "%Y/%m/%d %H:%M:%S UTC", time.gmtime(1_500_000_000 + rng.randrange(250_000_000))
                )
                writer.writerow(
                    [
                        when,
                        rng.choice(("Python", "SQL", "Leadership")),
                        first,
                        last,
                        url.replace("https://", ""),
                        "ACCEPTED",
                    ]
                )
        archive.writestr(
            "Reactions.csv", "Date,Type,Link\n2024-01-01 10:00:00,LIKE,https://www.linkedin.com/feed/\n"
        )
    return dest


def bare_read(path: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to read every CSV of the zip with csv.reader (the baseline), and the rows read."""
    clock, cpu = time.perf_counter(), time.process_time()
    rows = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                with archive.open(name) as raw, io.TextIOWrapper(raw, "utf-8-sig", newline="") as text:
                    for _ in csv.reader(text):
                        rows += 1
    return time.perf_counter() - clock, time.process_time() - cpu, rows


BARE_READ_PROCESS = """
import csv, io, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for name in archive.namelist():
        if name.endswith(".csv"):
            with archive.open(name) as raw, io.TextIOWrapper(raw, "utf-8-sig", newline="") as text:
                for _ in csv.reader(text):
                    pass
"""
"""The baseline as a whole process: a fresh interpreter that reads every CSV of the zip with csv.reader."""


def whole_process(export: Path, database: Path) -> tuple[float, float]:
    """Wall seconds of ``netvalue import linkedin`` as a whole process (interpreter start, imports, the
    import, exit) into a new ``database``, and of a whole process reading the CSVs bare, run just before."""
    clock = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_READ_PROCESS, str(export)], check=True)
    bare = time.perf_counter() - clock
    clock = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "netvalue",
        "--db",
        str(database),
        "import",
        "linkedin",
        str(export),
        "--json",
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": SRC})
    return time.perf_counter() - clock, bare


@contextlib.contextmanager
def one_process() -> Iterator[None]:
    """Read ``messages.csv`` in this process alone (no worker processes) for the duration."""
    from netvalue.importers.linkedin import message_file as linkedin_message_file

    saved = getattr(linkedin_message_file, "worker_count")  # noqa: B009
    setattr(linkedin_message_file, "worker_count", lambda: 1)  # noqa: B010
    try:
        yield
    finally:
        setattr(linkedin_message_file, "worker_count", saved)  # noqa: B010


def cold_caches() -> None:
    """Empty every memo netvalue keeps between calls (its ``lru_cache`` functions and the LinkedIn reader's
    day table), so that each round starts as a first import in a new process does."""
    for name, module in list(sys.modules.items()):
        if name == "netvalue" or name.startswith("netvalue."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    from netvalue.importers.linkedin import dates as linkedin_dates

    linkedin_dates._message_days.clear()


def cpu_clock() -> float:
    """CPU seconds of this process and of its finished worker processes (the ``messages.csv`` reader's)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _Timed:
    """Wraps ``netvalue.importing.resolve`` (identity resolution, run inside the import's transaction) to
    report its share of ``run_import`` separately."""

    def __init__(self, func: Callable[..., object]) -> None:
        self.func = func
        self.wall = self.cpu = 0.0
        self.last: object = None

    def __call__(self, *args: object, **kwargs: object) -> object:
        clock, cpu = time.perf_counter(), time.process_time()
        try:
            self.last = self.func(*args, **kwargs)
            return self.last
        finally:
            self.wall += time.perf_counter() - clock
            self.cpu += time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--names",
        choices=("default", *CONCENTRATED),
        default="default",
        help="family names: the default's many, or a concentrated distribution (see CONCENTRATED)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of baseline + full import (and of each re-import); best counts",
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="Also measure Python's peak allocation (slower)."
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Also profile a full import into a fresh database (cProfile, top 25 by own time).",
    )
    args = parser.parse_args(argv)

    import netvalue.importing
    from netvalue.importers.base import ImportOptions
    from netvalue.importers.linkedin import read_export
    from netvalue.records import InteractionBatch
    from netvalue.store import Database

    timed_resolve = _Timed(getattr(netvalue.importing, "resolve"))  # noqa: B009
    setattr(netvalue.importing, "resolve", timed_resolve)  # noqa: B010

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = time.perf_counter()
        export = write_export(
            folder / "Complete_LinkedInDataExport_11-20-2026.zip",
            args.connections,
            args.messages,
            args.seed,
            args.names,
        )
        print(
            f"generated {export.name} ({args.names} names): {args.connections:,} connections, "
            f"{args.messages:,} messages, "
            f"{export.stat().st_size / 1e6:.1f} MB zip in {time.perf_counter() - clock:.1f} s"
        )
        cold_caches()
        clock, cpu = time.perf_counter(), cpu_clock()
        # an InteractionBatch stands for its len() records
        records = sum(
            len(item) if isinstance(item, InteractionBatch) else 1
            for item in read_export(export, ImportOptions())
        )
        wall_r, cpu_r = time.perf_counter() - clock, cpu_clock() - cpu
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Rounds interleave the baseline and the import, each into a new database, so that drift in the
        # machine's speed touches both; the figures judged are the best of the rounds for each (timeit's
        # convention: noise only ever adds time), and every round is printed.
        bares: list[tuple[float, float]] = []
        fulls: list[tuple[float, float, float]] = []
        singles: list[tuple[float, float]] = []
        rows = 0
        bracketed: list[float] = []  # each round's full import over the mean of the bare reads around it
        bracketed_single: list[float] = []
        wholes: list[float] = []  # each round's whole-process import over the whole-process bare read
        for round_no in range(1, args.repeat + 1):
            cold_caches()
            before, before_cpu, rows = bare_read(export)
            timed_resolve.wall = timed_resolve.cpu = 0.0
            with Database.open(folder / f"bench{round_no}.db") as db:
                clock, cpu = time.perf_counter(), cpu_clock()
                report = netvalue.importing.run_import(db, export, source="linkedin")
                seconds, cpu_s = time.perf_counter() - clock, cpu_clock() - cpu
            fulls.append((seconds, cpu_s, timed_resolve.cpu))
            between, between_cpu, _ = bare_read(export)
            cold_caches()
            with one_process(), Database.open(folder / f"single{round_no}.db") as db:
                clock, cpu = time.perf_counter(), cpu_clock()
                netvalue.importing.run_import(db, export, source="linkedin")
                singles.append((time.perf_counter() - clock, cpu_clock() - cpu))
            after, after_cpu, _ = bare_read(export)
            bares.extend([(before, before_cpu), (between, between_cpu), (after, after_cpu)])
            whole, whole_bare = whole_process(export, folder / f"process{round_no}.db")
            wholes.append(whole / whole_bare)
            bracketed.append(seconds / ((before + between) / 2))
            bracketed_single.append(singles[-1][0] / ((between + after) / 2))
            totals = report.totals
            compared = getattr(timed_resolve.last, "compared", 0)
            queued = getattr(timed_resolve.last, "queued", 0)
            print(
                f"round {round_no} ({compared:,} pairs scored, {queued:,} queued): bare csv.reader {before:5.2f} / {between:5.2f} / {after:5.2f} s wall;"
                f" full import {seconds:6.2f} s wall {cpu_s:6.2f} s cpu (identity resolution"
                f" {timed_resolve.cpu:.2f} s cpu; added {totals['added']:,}, skipped {totals['skipped']:,})"
                f"  ratio {bracketed[-1]:5.2f}x wall to the reads around it;"
                f" in one process {singles[-1][0]:6.2f} s wall ({bracketed_single[-1]:5.2f}x);"
                f" whole process: netvalue import {whole:6.2f} s, bare read {whole_bare:5.2f} s ({wholes[-1]:5.2f}x)"
            )
        bare = min(b[0] for b in bares)
        bare_cpu = min(b[1] for b in bares)
        print(
            f"{'bare csv.reader (best):':28} {bare:7.2f} s wall {bare_cpu:7.2f} s cpu {rows / bare:10,.0f} rows/s"
            f" ({rows:,} rows)"
        )
        print(
            f"{'records only (no database):':28} {wall_r:7.2f} s wall {cpu_r:7.2f} s cpu {rows / wall_r:10,.0f} rows/s"
            f"  ratio {wall_r / bare:5.2f}x wall {cpu_r / bare_cpu:5.2f}x cpu  ({records:,} records; one run)"
        )
        full, full_cpu = min(f[0] for f in fulls), min(f[1] for f in fulls)
        median = statistics.median(bracketed)
        ratios: dict[str, float] = {"full import": median}
        cpu_ratios: dict[str, float] = {"full import": full_cpu / bare_cpu}
        print(
            f"{'full import (best):':28} {full:7.2f} s wall {full_cpu:7.2f} s cpu {rows / full:10,.0f} rows/s"
            f"  ratio {full / bare:5.2f}x wall (best over best) {full_cpu / bare_cpu:5.2f}x cpu;"
            f" median of the rounds' ratios {median:.2f}x wall (rounds {', '.join(f'{r:.2f}' for r in bracketed)})"
        )
        ratios["whole process"] = cpu_ratios["whole process"] = statistics.median(wholes)
        print(
            f"{'whole process:':28} netvalue import over a process reading the CSVs bare, median"
            f" {ratios['whole process']:.2f}x (rounds {', '.join(f'{r:.2f}' for r in wholes)})"
        )
        single, single_cpu = min(r[0] for r in singles), min(r[1] for r in singles)
        print(
            f"{'  the same in one process:':28} {single:7.2f} s wall {single_cpu:7.2f} s cpu"
            f" {rows / single:10,.0f} rows/s  ratio {single / bare:5.2f}x wall (best over best)"
            f" {single_cpu / bare_cpu:5.2f}x cpu; median of the rounds' ratios"
            f" {statistics.median(bracketed_single):.2f}x wall"
        )
        with Database.open(folder / f"bench{args.repeat}.db") as db:
            for label, options in (
                ("unchanged re-import", None),
                ("forced re-import", ImportOptions(force=True)),
            ):
                runs: list[tuple[float, float]] = []
                for _ in range(args.repeat):
                    clock, cpu = time.perf_counter(), cpu_clock()
                    report = netvalue.importing.run_import(db, export, source="linkedin", options=options)
                    runs.append((time.perf_counter() - clock, cpu_clock() - cpu))
                seconds, cpu_s = min(r[0] for r in runs), min(r[1] for r in runs)
                ratios[label] = seconds / bare
                cpu_ratios[label] = cpu_s / bare_cpu
                totals = report.totals
                print(
                    f"{label + ' (best):':28} {seconds:7.2f} s wall {cpu_s:7.2f} s cpu {rows / seconds:10,.0f} rows/s"
                    f"  ratio {seconds / bare:5.2f}x wall {cpu_s / bare_cpu:5.2f}x cpu"
                    f"  (added {totals['added']:,}, updated {totals['updated']:,}, skipped {totals['skipped']:,};"
                    f" rounds {', '.join(f'{r[1]:.2f}' for r in runs)} s cpu)"
                )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak RSS: {rss / 1024:.0f} MB (before the imports: {rss_before / 1024:.0f} MB)")
        if args.tracemalloc:
            tracemalloc.start()
            with Database.open(folder / "traced.db") as db:
                netvalue.importing.run_import(db, export, source="linkedin")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"peak Python allocation of a full import (tracemalloc): {peak / 1e6:.0f} MB")
        if args.profile:
            profiler = cProfile.Profile()
            with Database.open(folder / "profiled.db") as db:
                profiler.runcall(netvalue.importing.run_import, db, export, source="linkedin")
            print("profile of a full import (cProfile; own time, top 25):")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)

        def verdict(label: str, limit: float) -> str:
            wall, cpu = ratios[label], cpu_ratios[label]
            met = "met" if wall <= limit else "MISSED"
            if label == "whole process":
                return f"{label} <= {limit:g}x: {met} ({wall:.2f}x wall)"
            return f"{label} <= {limit:g}x: {met} ({wall:.2f}x wall; CPU of every process {cpu:.2f}x)"

        # The full import is judged on the median of the rounds' ratios, each against the mean of the bare reads
        # just before and after it: this machine's speed drifts by half within minutes, and a best-of-rounds
        # ratio can pair a bare read from a fast minute with an import from a slow one.

        print(
            f"target: {verdict('full import', 5)}; {verdict('whole process', 5)};"
            f" {verdict('unchanged re-import', 2)}"
        )
        print(
            "(judged on wall time, the time the user waits: a large messages.csv is parsed on every core, so"
            " CPU time sums the workers' too; other processes' load slows the wall clock: load average now "
            + " ".join(f"{x:.1f}" for x in os.getloadavg())
            + ")"
        )


if __name__ == "__main__":
    main()
