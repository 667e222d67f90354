"""How fast netvalue judges every tie: a full re-analysis of PEOPLE people and INTERACTIONS interactions.

Generates a database straight into a temporary folder (``executemany``; in a child process, so the
parent's peak memory is the analysis's own) with a realistic skew: 40% of people are collected names
with no interaction, activity per person is log-normal (a few people carry most of the traffic), a
tenth of the active people are one-way streams, 20% of messages go to groups sharing a thread, 5%
are bulk.  Then, in the same run, times:

  (a) a bare group-by over the same interactions: SQLite ``GROUP BY person_id`` (count, max time)
      and DuckDB's ``GROUP BY`` over the numpy arrays netvalue fetched (the floor of any analysis);
  (b) netvalue's fetch of the interactions as numpy arrays (``store.ties.fetch_interactions``);
  (c) the analysis alone (``tie_features`` + ``judge_ties``);
  (d) the full re-analysis ``report.ties.load_ties`` (fetch, analysis, reasons, one TieScore per person).

Peak memory is the process's RSS peak (``getrusage``).

Usage: python benchmarks/analysis.py [--people 30000] [--interactions 1000000] [--seed 7] [--keep FILE]
Target (issue 4): (d) under 10 s and 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

AS_OF = 1_790_000_000  # 2026-09-21
YEAR = 365 * 86_400
KINDS = np.array(["email", "message", "meeting", "endorsement"])
DIRECTIONS = np.array(["sent", "received", "mutual"])


def generate(path: Path, people: int, interactions: int, seed: int) -> None:
    from netvalue.store import Database

    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 1.6, people)
    weight[rng.random(people) < 0.4] = 0.0
    person = rng.choice(people, size=interactions, p=weight / weight.sum()) + 1
    t = AS_OF - (rng.random(interactions) ** 1.5 * 6 * YEAR).astype(np.int64)
    kind_code = rng.choice(4, size=interactions, p=[0.70, 0.22, 0.05, 0.03])
    p_sent = rng.beta(2, 2, people + 1)
    one_way = rng.random(people + 1) < 0.1
    p_sent[one_way] = rng.integers(0, 2, one_way.sum())
    direction = (rng.random(interactions) >= p_sent[person]).astype(np.int64)
    direction[kind_code == 2] = 2
    group = np.where(rng.random(interactions) < 0.2, rng.integers(2, 9, interactions), 1)
    message = np.where(group > 1, rng.integers(0, interactions // 4, interactions), -1)
    bulk = (rng.random(interactions) < 0.05).astype(np.int64)
    length = rng.integers(40, 3000, interactions)
    db = Database.open(path)
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO people (id, name, company, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
            ((i, f"Person {i}", f"Company {i % 500}") for i in range(1, people + 1)),
        )
        connected = rng.random(people) < 0.8
        conn.executemany(
            "INSERT INTO connections (person_id, source, connected_on) VALUES (?, 'linkedin', ?)",
            ((int(i) + 1, int(AS_OF - rng.integers(0, 10 * YEAR))) for i in np.flatnonzero(connected)),
        )
        conn.executemany(
            "INSERT INTO interactions (source, source_key, person_id, kind, direction, occurred_at, message_key,"
            " group_size, length, bulk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    "email" if k == 0 else "linkedin",
                    str(i),
                    p,
                    str(KINDS[k]),
                    str(DIRECTIONS[d]),
                    ti,
                    None if m < 0 else f"m{m}",
                    g,
                    ln,
                    b,
                )
                for i, (p, k, d, ti, m, g, ln, b) in enumerate(
                    zip(
                        person.tolist(),
                        kind_code.tolist(),
                        direction.tolist(),
                        t.tolist(),
                        message.tolist(),
                        group.tolist(),
                        length.tolist(),
                        bulk.tolist(),
                        strict=True,
                    )
                )
            ),
        )
    db.close()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path) -> None:
    import duckdb

    from netvalue.analysis.ties import judge_ties, tie_features
    from netvalue.app.ties import load_ties
    from netvalue.store import Database
    from netvalue.store.ties import fetch_interactions, fetch_people

    db = Database.open(path)
    start = time.perf_counter()
    grouped = db.conn.execute(
        "SELECT person_id, COUNT(*), MAX(occurred_at) FROM interactions GROUP BY person_id"
    ).fetchall()
    sqlite_groupby = time.perf_counter() - start

    start = time.perf_counter()
    people = fetch_people(db)
    rows = fetch_interactions(db, people, AS_OF + 1)
    fetch = time.perf_counter() - start

    arrays = {"person": rows.person, "t": rows.occurred_at}  # noqa: F841  (scanned by DuckDB by name)
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute("SELECT person, COUNT(*), MAX(t) FROM arrays GROUP BY person").fetchall()
    duck_groupby = time.perf_counter() - start

    start = time.perf_counter()
    features = tie_features(
        rows, len(people.ids), AS_OF + 1, connected_on=people.connected_on, same_company=people.same_company
    )
    judge_ties(features)
    analysis = time.perf_counter() - start

    start = time.perf_counter()
    table = load_ties(db, AS_OF + 1)
    full = time.perf_counter() - start
    db.close()
    n = len(rows.person)
    print(f"people {len(people.ids):,}  interactions {n:,}  (groups in SQLite: {len(grouped):,})")
    print(f"(a) bare group-by, SQLite GROUP BY:           {sqlite_groupby:7.2f} s")
    print(f"(a) bare group-by, DuckDB over numpy arrays:  {duck_groupby:7.2f} s")
    print(f"(b) fetch as numpy arrays:                    {fetch:7.2f} s  ({n / fetch:,.0f} rows/s)")
    print(f"(c) features + judgment (analysis alone):     {analysis:7.2f} s  ({n / analysis:,.0f} rows/s)")
    print(f"(d) full re-analysis, load_ties:              {full:7.2f} s  ({n / full:,.0f} rows/s)")
    print(f"    ratio (d) / SQLite group-by:              {full / sqlite_groupby:7.1f}x")
    print(f"    tiers: {dict(table.tier_counts)}")
    print(f"peak memory (RSS): {peak_mib():,.0f} MiB   target: (d) < 10 s, < 2,048 MiB")
    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} during the run"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this file once and reuse it")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.people, args.interactions, args.seed)
        return
    if args.keep is not None:
        if not args.keep.exists():
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--generate",
                    str(args.keep),
                    "--people",
                    str(args.people),
                    "--interactions",
                    str(args.interactions),
                    "--seed",
                    str(args.seed),
                ],
                check=True,
            )
        measure(args.keep)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--generate",
                str(path),
                "--people",
                str(args.people),
                "--interactions",
                str(args.interactions),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
        print(f"generated in {time.perf_counter() - start:.1f} s (child process)")
        measure(path)


if __name__ == "__main__":
    main()
