"""Team pooling measured against known truth: cross-member identity, Splink vs netvalue's resolver, and
``team paths`` latency.

Generates a team of MEMBERS members with CONTACTS contacts each (default 50 x 2,000 = 100,000 pooled
rows) from one population of invented humans (``benchmarks/identity.py``'s generator, realistic Zipf
names with its deliberate namesakes -- different humans with one name -- and similar colleagues).
Planted overlaps: a hub of popular humans (Zipf popularity) from which each member draws ``--hub-share``
of their contacts, so the same human is shared by several members.  Each member's row for a human
carries the keys that member happens to know (work address 60 %, personal 50 %, phone 30 %: often none
in common with another member's row, so exact keys cannot link them), the human's name as that member
spells it (nicknames, initials, "Last, First", dropped accents, typos: ``identity.variant``), and the
company as shown (suffix variants, 15 % missing, the former employer after a job change).  Members share
name and company in clear.

Scoring is pairwise over cross-member row pairs: a true pair is two members' rows for one human, a
predicted pair two rows put in one contact.  Targets (issue 18): precision >= 0.99, recall >= 0.95.
The same pool is resolved by exact keys alone, by Splink and by netvalue's own resolver.  Then
``team paths`` is timed on the resolved pool for 50 companies, as the command runs it from the team
folder (shares and the cached resolution read from disk).

    python benchmarks/team.py                    # 50 x 2,000, seed 1
    python benchmarks/team.py --members 10 --contacts 500 --seeds 1 2 3   # quick
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity import REALISTIC, Human, company_variant, make_people, variant

from netvalue.analysis.ties import TIERS
from netvalue.keys import normalize_email
from netvalue.team.folder import add_shares, init_team, load_team
from netvalue.team.paths import TeamView, team_paths
from netvalue.team.pooled import query_view, write_pool
from netvalue.team.resolve import Engine, PooledContact, resolve
from netvalue.team.salt import hash_key, read_salt, salt_id
from netvalue.team.share_file import SharedContact, ShareInfo, write_share


def member_rows(
    humans: Sequence[Human], chosen: Sequence[int], salt: bytes, rng: random.Random
) -> list[SharedContact]:
    rows = []
    for index in chosen:
        h = humans[index]
        keys = []
        known = [a for a, chance in ((h.work, 0.6), (h.personal, 0.5)) if a and rng.random() < chance]
        keys.extend(hash_key(salt, "email", normalize_email(a)) for a in known)
        if h.phone and rng.random() < 0.3:
            keys.append(hash_key(salt, "phone", h.phone))
        name, _, _ = variant(h, rng, order=0.1, initial=0.05)
        company = h.old_company if h.old_company and rng.random() < 0.3 else h.company
        shown = company_variant(company, rng) if rng.random() < 0.85 else ""
        tier = rng.choice(TIERS[:5])
        rows.append(
            SharedContact(
                keys=tuple(sorted(keys)),
                domains=tuple(sorted({a.rpartition("@")[2] for a in known})),
                name=name,
                company=shown or None,
                role=None,
                profile_urls=None,
                tier=tier,
                strength=round(rng.random(), 4),
                last_two_way=f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}",
            )
        )
    return rows


def make_team(members: int, contacts: int, hub_share: float, seed: int, salt: bytes):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    hub_size = max(contacts, members * contacts // 20)
    private = int(contacts * (1 - hub_share))
    humans = make_people(hub_size + members * private, rng, REALISTIC)
    hub_cum = list(accumulate(1 / (rank + 10) for rank in range(hub_size)))
    team: list[tuple[list[int], list[SharedContact]]] = []
    for m in range(members):
        picked: set[int] = set()
        while len(picked) < contacts - private:
            picked.add(rng.choices(range(hub_size), cum_weights=hub_cum)[0])
        own = range(hub_size + m * private, hub_size + (m + 1) * private)
        chosen = sorted(picked) + list(own)
        team.append((chosen, member_rows(humans, chosen, salt, rng)))
    return humans, team


def score(
    pool: Sequence[PooledContact], truth: Sequence[int], human: Sequence[int]
) -> tuple[float, float, int, int]:
    """Pairwise precision and recall over cross-member pairs."""
    true_groups: dict[int, Counter[int]] = {}
    predicted: dict[int, Counter[int]] = {}
    both: dict[tuple[int, int], Counter[int]] = {}
    for p in pool:
        true_groups.setdefault(truth[p.row], Counter())[p.member] += 1
        predicted.setdefault(human[p.row], Counter())[p.member] += 1
        both.setdefault((truth[p.row], human[p.row]), Counter())[p.member] += 1

    def cross(groups: dict[object, Counter[int]]) -> int:  # type: ignore[type-arg]
        total = 0
        for counts in groups.values():
            n = sum(counts.values())
            total += (n * n - sum(c * c for c in counts.values())) // 2
        return total

    t, p, tp = cross(true_groups), cross(predicted), cross(both)  # type: ignore[arg-type]
    return (tp / p if p else 1.0), (tp / t if t else 1.0), tp, t


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    members: int,
    contacts: int,
    hub_share: float,
    seed: int,
    engines: Sequence[Engine],
    paths: bool,
    paths_engine: Engine,
) -> None:
    salt = bytes(range(32))
    started = time.perf_counter()
    _humans, team = make_team(members, contacts, hub_share, seed, salt)
    pool: list[PooledContact] = []
    truth: list[int] = []
    for m, (chosen, rows) in enumerate(team):
        for index, row in zip(chosen, rows, strict=True):
            pool.append(PooledContact(len(pool), m, row))
            truth.append(index)
    shared = sum(1 for c in Counter(truth).values() if c > 1)
    print(
        f"seed {seed}: {members} members x {contacts} contacts = {len(pool):,} rows, "
        f"{len(set(truth)):,} humans, {shared:,} shared by several members "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    for engine in engines:
        t0 = time.perf_counter()
        resolution = resolve(pool, engine)
        seconds = time.perf_counter() - t0
        precision, recall, tp, true_pairs = score(pool, truth, resolution.human)
        verdict = "met" if precision >= 0.99 and recall >= 0.95 else "not met"
        print(
            f"  {engine:9s} precision {precision:.4f}  recall {recall:.4f}  ({tp:,} of {true_pairs:,} true pairs; "
            f"{resolution.exact_links:,} exact + {resolution.probable_links:,} probable links)  "
            f"{seconds:.1f} s, peak {peak_mb():.0f} MB  targets {verdict}"
        )
    if paths:
        time_paths(team, salt, paths_engine)


def time_paths(team: list[tuple[list[int], list[SharedContact]]], salt: bytes, engine: Engine) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "team"
        salt_path = init_team(folder, 0)
        real_salt = read_salt(salt_path)
        files = []
        for m, (_, rows) in enumerate(team):
            # The rows were hashed with the benchmark's salt; re-key them with the folder's.
            info = ShareInfo(
                f"member {m:02d}",
                (),
                salt_id(real_salt),
                "2026-01-01T00:00:00+00:00",
                "2026-01-01T00:00:00+00:00",
                "known",
                (),
                ("name", "company", "domain"),
                len(rows),
            )
            path = Path(temp) / f"m{m:02d}.parquet"
            write_share(path, info, rows)
            files.append(path)
        t0 = time.perf_counter()
        add_shares(folder, files)
        # What `netvalue team add` does next: resolve once, keep the pooled rows beside the shares.
        write_pool(TeamView.of(load_team(folder), engine), folder, engine)
        print(
            f"  team add of {len(files)} shares (checks every row, resolves, writes the pool): {time.perf_counter() - t0:.1f} s"
        )
        companies = Counter(r.company for _, rows in team for r in rows if r.company).most_common(50)
        walls, cpus, found = [], [], 0
        for company, _count in companies:
            w, c = time.perf_counter(), time.process_time()
            view, humans = query_view(folder, engine, company=company)
            found += len(team_paths(view, humans, limit=20))
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
        walls.sort()
        cpus.sort()
        print(
            f"  team paths --company (the 50 commonest companies, in process: read the pool, select, rank): "
            f"median {walls[len(walls) // 2] * 1000:.0f} ms wall / {cpus[len(cpus) // 2] * 1000:.0f} ms CPU, "
            f"max {walls[-1] * 1000:.0f} ms wall / {cpus[-1] * 1000:.0f} ms CPU; peak {peak_mb():.0f} MB"
        )
        command = [
            sys.executable,
            "-m",
            "netvalue",
            "team",
            "paths",
            str(folder),
            "--company",
            companies[0][0],
            "--engine",
            engine,
            "--json",
        ]
        w = time.perf_counter()
        child = subprocess.run(command, capture_output=True, check=True)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            f"  the command itself, `netvalue team paths --company` (a new process, imports included): "
            f"{time.perf_counter() - w:.2f} s wall, {usage.ru_utime + usage.ru_stime:.2f} s CPU, "
            f"{len(json.loads(child.stdout)['paths'])} paths"
        )


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument(
        "--hub-share", type=float, default=0.3, help="share of each member's contacts from the hub"
    )
    parser.add_argument("--seeds", type=int, nargs="*", default=[1])
    parser.add_argument("--engines", nargs="*", default=["exact", "splink", "netvalue"])
    parser.add_argument("--no-paths", action="store_true")
    parser.add_argument(
        "--paths-engine", default="splink", help="the resolution `team add` caches before paths are timed"
    )
    args = parser.parse_args(argv)
    for seed in args.seeds:
        run(
            args.members,
            args.contacts,
            args.hub_share,
            seed,
            args.engines,
            not args.no_paths,
            args.paths_engine,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
