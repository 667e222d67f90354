"""``netvalue org`` end to end on real data (../shared/data; never copied into the project).

1. SNAP email-Eu-core (Leskovec, Kleinberg & Faloutsos 2007; Yin, Benson, Leskovec & Gleich 2017):
   1,005 people, 25,571 directed e-mail edges, no times.  Every edge becomes one e-mail event, all at
   one timestamp (a day before ``--as-of``), the departments become the people table, and
   ``org analyse`` (DuckDB) runs; its Leiden communities are scored against the departments with
   ``benchmarks/communities.py``'s metric code (NMI, ARI).  With one event per edge, a reciprocated
   edge is a two-way tie and a one-way edge a one-way tie, so the strength weighs them as the personal
   model does.
2. The eleven Enron mailboxes: ``org import-mbox`` on all of them, then ``org analyse`` as of
   2002-07-01, the "department" being each address's e-mail domain [ours: the data has no departments].
   Only aggregates are printed (never per-person scores of real people).

Usage: python benchmarks/org_realdata.py [--data ../shared/data] [--skip-enron]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from click.testing import CliRunner

from netvalue.cli import main as cli

PROJECT = Path(__file__).resolve().parents[1]
DAY = 86_400


def _communities_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "bench_communities", PROJECT / "benchmarks" / "communities.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["org", *args, "--json"])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    data: dict[str, object] = json.loads(result.output)
    return data


def eu_core(folder: Path, work: Path) -> None:
    edges = np.loadtxt(folder / "email-Eu-core.txt", dtype=np.int64, ndmin=2)
    labels = np.loadtxt(folder / "email-Eu-core-department-labels.txt", dtype=np.int64, ndmin=2)
    as_of = 1_500_000_000
    events = pa.table(
        {
            "sender": [f"n{s}" for s in edges[:, 0]],
            "recipients": [[f"n{d}"] for d in edges[:, 1]],
            "timestamp": np.full(len(edges), as_of - DAY, dtype=np.int64),
            "channel": ["email"] * len(edges),
        }
    )
    pq.write_table(events, work / "eu-events.parquet")
    pacsv.write_csv(
        pa.table({"person": [f"n{p}" for p in labels[:, 0]], "department": [f"d{d}" for d in labels[:, 1]]}),
        work / "eu-people.csv",
    )
    started = time.perf_counter()
    summary = run(
        "analyse",
        str(work / "eu-events.parquet"),
        "--out",
        str(work / "eu"),
        "--people",
        str(work / "eu-people.csv"),
        "--as-of",
        "2017-07-14",
    )
    seconds = time.perf_counter() - started
    people = pq.read_table(work / "eu" / "people.parquet").to_pylist()
    department = {f"n{p}": d for p, d in labels.tolist()}
    known = [p for p in people if p["person"] in department]
    truth = np.array([department[p["person"]] for p in known])
    found = np.array([p["community"] for p in known])
    print(
        f"email-Eu-core: {summary['events']:,} events, {summary['people']:,} people, {summary['ties']:,} ties, "
        f"states {summary['states']}, {seconds:.1f} s"
    )
    print(
        f"  communities {summary['communities']}, departments {summary['departments']}, "
        f"silos {summary['silos']}, isolated communities {summary['isolated_communities']}, brokers {summary['brokers']}"
    )
    _communities_module().score("org analyse (Leiden) vs departments", truth, found, seconds)  # type: ignore[attr-defined]
    # one alternative, chosen before looking: every current tie weighs 1 (the strength ignored)
    from netvalue.analysis.communities import detect_communities
    from netvalue.org.network import weight_matrix

    names = [p["person"] for p in people]
    index = {name: i for i, name in enumerate(names)}
    ties = pq.read_table(work / "eu" / "ties.parquet").filter(pa.compute.field("current"))
    a = np.array([index[x] for x in ties.column("a").to_pylist()], dtype=np.int64)
    b = np.array([index[x] for x in ties.column("b").to_pylist()], dtype=np.int64)
    started = time.perf_counter()
    unweighted = detect_communities(weight_matrix(a, b, np.ones(len(a)), len(names)), seed=0)
    found = np.array([unweighted[index[p["person"]]] for p in known])
    _communities_module().score(  # type: ignore[attr-defined]
        "same, every current tie weighing 1", truth, found, time.perf_counter() - started
    )


def enron(folder: Path, work: Path) -> None:
    boxes = sorted(p for p in folder.iterdir() if p.is_dir())
    started = time.perf_counter()
    tally = run("import-mbox", *map(str, boxes), "--out", str(work / "enron-events.parquet"))
    imported = time.perf_counter() - started
    print(f"\nEnron ({len(boxes)} mailboxes): import-mbox {imported:.1f} s: {json.dumps(tally)}")
    events = pq.read_table(work / "enron-events.parquet")
    people = sorted(
        set(events.column("sender").to_pylist())
        | {r for rs in events.column("recipients").to_pylist() for r in rs}
    )
    pacsv.write_csv(
        pa.table({"person": people, "department": [p.rpartition("@")[2] or None for p in people]}),
        work / "enron-people.csv",
    )
    started = time.perf_counter()
    summary = run(
        "analyse",
        str(work / "enron-events.parquet"),
        "--out",
        str(work / "enron"),
        "--people",
        str(work / "enron-people.csv"),
        "--as-of",
        "2002-07-01",
    )
    seconds = time.perf_counter() - started
    print(
        f"  analyse {seconds:.1f} s: {summary['events']:,} events, {summary['people']:,} people, "
        f"{summary['ties']:,} ties ({summary['current_ties']:,} current as of 2002-07-01), states {summary['states']}"
    )
    print(
        f"  domains as departments: {summary['departments']:,}; communities {summary['communities']:,}; "
        f"brokers {summary['brokers']}; cross-domain share of current tie strength {summary['cross_department_share']}"
    )
    departments = pq.read_table(work / "enron" / "departments.parquet").to_pylist()
    top = sorted(departments, key=lambda d: -d["people"])[:5]
    print(
        "  top domains: "
        + "; ".join(
            f"{d['department']} {d['people']:,} people, inside share {d['internal_share']:.2f}"
            if d["internal_share"] == d["internal_share"]
            else f"{d['department']} {d['people']:,} people"
            for d in top
        )
    )
    communities = pq.read_table(work / "enron" / "communities.parquet").to_pylist()
    tied = [c for c in communities if c["strength_inside"] > 0]
    sizes = Counter(c["people"] for c in tied)
    print(
        f"  communities with ties: {len(tied):,}; the five largest: "
        + ", ".join(
            f"{c['people']} people ({c['top_department']} {c['top_department_share']:.0%})" for c in tied[:5]
        )
    )
    print(f"  singletons and pairs: {sizes.get(1, 0) + sizes.get(2, 0):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(PROJECT.parent / "shared" / "data"))
    parser.add_argument("--skip-enron", action="store_true")
    args = parser.parse_args()
    data = Path(args.data)
    with tempfile.TemporaryDirectory(prefix="netvalue-org-real-") as tmp:
        work = Path(tmp)
        eu_core(data / "email-eu-core", work)
        if not args.skip_enron:
            enron(data / "enron", work)


if __name__ == "__main__":
    main()
