"""How fast netvalue computes the network's shape: CONTACTS contacts and INTERACTIONS interactions.

Generates a database in a temporary folder (in a child process, so the parent's peak memory is the
analysis's own): contacts in teams of 5–80 people at 600 companies, 40% of them collected names with
no interaction; events (e-mails, meetings, group chats) of 1–8 people drawn mostly from one team
(10% of members from anywhere), a third of group events in shared conversations, times over six years.
Then, in the same run, times:

  (a) the co-occurrence graph, fetch included (``report.structure.contact_graph``);
  (b) the user's tie strengths (``report.structure.tie_weights``, i.e. ``report.ties.load_ties``);
  (c) Burt's measures of the user's ego network, and of every contact in the alter graph;
  (d) Leiden communities, bridges and structural value;
  (e) everything at once: ``report.structure.load_structure``;
  (f) for scale: NetworkX on a 2,000-contact sample of the alter graph (``constraint`` and weighted
      ``effective_size`` for every node, Louvain communities) against netvalue on the same sample; and
      the user's own measures on an ego network cut to 200 tied contacts (NetworkX's per-node loops grow
      with the cube of the degree: the user's full ego network is out of its reach).

Peak memory is the process's RSS peak (``getrusage``).  Each line gives wall-clock seconds and the
process's CPU seconds (on a shared machine the wall clock includes waiting for a core).

Usage: python benchmarks/structure.py [--contacts 30000] [--interactions 1000000] [--seed 7] [--sample 2000]
       [--ego-sample 200]
Target (issue 5): (e) under 15 s on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

AS_OF = 1_790_000_000  # 2026-09-21
YEAR = 365 * 86_400
KINDS = np.array(["email", "meeting", "message"])
DIRECTIONS = np.array(["sent", "received", "mutual"])


def generate(path: Path, contacts: int, interactions: int, seed: int) -> None:
    from netvalue.store import Database

    rng = np.random.default_rng(seed)
    team_sizes = rng.integers(5, 81, contacts // 20)
    team_of = np.repeat(np.arange(len(team_sizes)), team_sizes)[:contacts]
    team_of = np.concatenate([team_of, rng.integers(0, len(team_sizes), contacts - len(team_of))])
    rng.shuffle(team_of)
    company_of = team_of % 600
    active = rng.random(contacts) >= 0.4
    order = np.lexsort((np.arange(contacts), team_of))
    order = order[active[order]]
    team_start = np.searchsorted(team_of[order], np.arange(len(team_sizes)))
    team_count = np.bincount(team_of[order], minlength=len(team_sizes))
    teams_used = np.flatnonzero(team_count > 0)

    sizes: list[int] = []
    total = 0
    while total < interactions:
        batch = np.where(rng.random(10_000) < 0.5, 1, rng.integers(2, 9, 10_000))
        sizes.extend(batch.tolist())
        total += int(batch.sum())
    event_size = np.array(sizes, dtype=np.int64)
    event_size = event_size[np.cumsum(event_size) <= interactions]
    events = len(event_size)
    team = rng.choice(teams_used, size=events)
    row_event = np.repeat(np.arange(events), event_size)
    row_team = team[row_event]
    pick = (rng.random(len(row_event)) * team_count[row_team]).astype(np.int64)
    person = order[team_start[row_team] + pick]
    stray = rng.random(len(row_event)) < 0.1
    person[stray] = rng.choice(order, size=int(stray.sum()))
    person = person + 1
    event_time = AS_OF - (rng.random(events) ** 1.5 * 6 * YEAR).astype(np.int64)
    event_kind = rng.choice(3, size=events, p=[0.6, 0.15, 0.25])
    in_thread = (event_size > 1) & (rng.random(events) < 1 / 3)
    conversation = np.where(in_thread, team * 3 + rng.integers(0, 3, events), -1)
    direction = rng.integers(0, 2, len(row_event))
    direction[event_kind[row_event] == 1] = 2

    db = Database.open(path)
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO people (id, name, company, location, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 0, 0)",
            (
                (i + 1, f"Person {i + 1}", f"Company {company_of[i]}", f"City {company_of[i] % 40}")
                for i in range(contacts)
            ),
        )
        conn.executemany(
            "INSERT INTO connections (person_id, source, connected_on) VALUES (?, 'linkedin', ?)",
            ((i + 1, int(AS_OF - rng.integers(0, 10 * YEAR))) for i in range(contacts)),
        )
        conn.executemany(
            "INSERT INTO interactions (source, source_key, person_id, kind, direction, occurred_at,"
            " message_key, conversation_id, group_size) VALUES ('bench', ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    str(k),
                    p,
                    str(KINDS[event_kind[e]]),
                    str(DIRECTIONS[d]),
                    int(event_time[e]),
                    f"m{e}",
                    None if conversation[e] < 0 else f"c{conversation[e]}",
                    int(event_size[e]),
                )
                for k, (p, e, d) in enumerate(
                    zip(person.tolist(), row_event.tolist(), direction.tolist(), strict=True)
                )
            ),
        )
    db.close()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, run: object) -> tuple[object, float]:
    start, cpu = time.perf_counter(), time.process_time()
    result = run()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:7.2f} s  (CPU {time.process_time() - cpu:6.2f} s)")
    return result, seconds


def measure(path: Path, sample: int, ego_sample: int) -> None:
    # netvalue imports these on first use (NetworKit to find communities, scikit-learn and scipy.stats to
    # fit ratings): loaded here, before the clock, so the parts below time the work, as they did when the
    # modules were imported with netvalue's own; the imports cost ~1 s once per process.
    import networkit  # noqa: F401
    import networkx as nx
    import scipy.sparse as sp
    import scipy.stats  # noqa: F401
    import sklearn.linear_model  # noqa: F401

    from netvalue.analysis.brokerage import ego_network, structural_holes
    from netvalue.analysis.communities import community_reach, detect_communities
    from netvalue.app.structure import contact_graph, load_structure, tie_weights
    from netvalue.store import Database

    db = Database.open(path)
    rows = db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
    graph, t_graph = timed("(a) co-occurrence graph (fetch included)", lambda: contact_graph(db, AS_OF))
    assert hasattr(graph, "weights")
    print(f"    {len(graph.people):,} contacts, {graph.edge_count:,} edges, {rows:,} interactions")
    ties, t_ties = timed("(b) tie strengths (load_ties)", lambda: tie_weights(db, AS_OF, graph.people))
    ego = ego_network(graph.weights, ties.strength)
    holes, t_ego = timed(
        "(c) Burt's measures of the user's ego network", lambda: structural_holes(ego, rows=np.array([0]))
    )
    _, t_all = timed(
        "(c) Burt's measures of every contact (alter graph)", lambda: structural_holes(graph.weights)
    )
    labels, t_comm = timed("(d) Leiden communities", lambda: detect_communities(graph.weights, seed=0))
    _, t_reach = timed(
        "(d) bridges and structural value",
        lambda: community_reach(graph.weights, labels, ties.strength, ties.strong),
    )
    print(
        f"    {len(np.unique(labels)):,} communities; user constraint {holes.constraint[0]:.4f}, "
        f"effective size {holes.effective_size[0]:.1f} of {holes.degree[0]:,} tied contacts"
    )
    structure, t_full = timed("(e) everything: load_structure", lambda: load_structure(db, AS_OF))
    print(
        f"    {len(structure.communities):,} communities of 2+, {len(structure.bridges):,} bridges, "
        f"{len(structure.structurally_valuable):,} structurally valuable"
    )
    print(f"    parts (a)+(b)+(c)+(d): {t_graph + t_ties + t_ego + t_all + t_comm + t_reach:.2f} s")

    active = np.flatnonzero(np.diff(graph.weights.indptr) > 0)[:sample]
    small = sp.csr_array(graph.weights[active][:, active])
    nx_graph = nx.from_scipy_sparse_array(small)
    print(f"(f) sample: {len(active):,} contacts of the alter graph, {nx_graph.number_of_edges():,} edges")
    nodes = list(nx_graph)

    def networkx_all() -> None:
        nx.constraint(nx_graph, nodes=nodes, weight="weight")
        nx.effective_size(nx_graph, nodes=nodes, weight="weight")
        nx.community.louvain_communities(nx_graph, weight="weight", seed=0)

    def netvalue_all() -> None:
        structural_holes(small)
        detect_communities(small, seed=0)

    _, t_nx = timed("(f) NetworkX: constraint + effective size + Louvain", networkx_all)
    _, t_nv = timed("(f) netvalue: the same on the same sample", netvalue_all)
    print(f"    ratio NetworkX / netvalue on the sample: {t_nx / t_nv:,.0f}x")
    tied = np.flatnonzero(ties.strength > 0)[:ego_sample]
    keep = np.concatenate([[0], tied + 1])
    small_ego = sp.csr_array(ego[keep][:, keep])
    ego_graph = nx.from_scipy_sparse_array(small_ego)

    def networkx_ego() -> None:
        nx.constraint(ego_graph, nodes=[0], weight="weight")
        nx.effective_size(ego_graph, nodes=[0], weight="weight")

    print(
        f"(f) the user's ego network cut to {len(tied):,} tied contacts (NetworkX's cost grows with degree³):"
    )
    _, t_nx = timed("(f) NetworkX: the user's constraint + effective size", networkx_ego)
    _, t_nv = timed("(f) netvalue: the same", lambda: structural_holes(small_ego, rows=np.array([0])))
    print(f"    ratio NetworkX / netvalue on the ego: {t_nx / t_nv:,.0f}x")
    print(f"peak memory (RSS): {peak_mib():,.0f} MiB")
    print(
        f"load_structure {t_full:.2f} s for {len(graph.people):,} contacts and {rows:,} interactions "
        f"(target < 15 s)"
    )
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--ego-sample", type=int, default=200)
    parser.add_argument("--generate-into", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into is not None:
        generate(args.generate_into, args.contacts, args.interactions, args.seed)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--contacts",
                str(args.contacts),
                "--interactions",
                str(args.interactions),
                "--seed",
                str(args.seed),
                "--generate-into",
                str(path),
            ],
            check=True,
        )
        print(
            f"generated {args.contacts:,} contacts, {args.interactions:,} interactions "
            f"in {time.perf_counter() - start:.1f} s"
        )
        measure(path, args.sample, args.ego_sample)


if __name__ == "__main__":
    main()
