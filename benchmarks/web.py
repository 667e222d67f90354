"""Server time of the dashboard at 30,000 people: the overview, people pages and the map data.

Generates a database straight into a temporary folder (``executemany``: people with a LinkedIn identity
and an e-mail address, 80% connections, log-normal activity so a few people carry most of the traffic,
40% collected names with no interaction, a fifth of the e-mails to groups sharing a thread).  Then, in one
process, drives the app in-process (FastAPI's TestClient: no network, so the figures are the server's
time plus the ASGI round trip) and prints, per route:

  cold    the first request (computes the tie analysis and the structure, then caches them)
  median  and p95 over REPEATS warm requests (the cache hit every later page view gets)

and the first people page after a note (analysis kept: notes are not its input) and after a rating
(analysis recomputed: a rating overrides a tie's strength).

beside a baseline in the same run: a static file through the same middleware (token, Host, headers),
the floor of any request.  Peak memory is the process's RSS peak (``getrusage``).

Usage: python benchmarks/web.py [--people 30000] [--interactions 300000] [--repeats 30] [--seed 7]
Target (issue 7): p95 under 300 ms for pages, under 1 s for the map data.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

AS_OF_DAY = "2026-09-20"
AS_OF = 1_790_000_000
YEAR = 365 * 86_400
TOKEN = "benchmark-token"
PORT = 8765


def generate(path: Path, people: int, interactions: int, seed: int) -> None:
    """A database of ``people`` people and ``interactions`` e-mails and messages, written directly."""
    from netvalue.store import Database

    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 1.6, people)
    weight[rng.random(people) < 0.4] = 0.0
    person = rng.choice(people, size=interactions, p=weight / weight.sum()) + 1
    when = AS_OF - (rng.random(interactions) ** 1.5 * 4 * YEAR).astype(np.int64)
    p_sent = rng.beta(2, 2, people + 1)
    direction = np.where(rng.random(interactions) < p_sent[person], "sent", "received")
    kind = np.where(rng.random(interactions) < 0.75, "email", "message")
    group = np.where(
        (kind == "email") & (rng.random(interactions) < 0.2), rng.integers(2, 9, interactions), 1
    )
    thread = np.where(group > 1, rng.integers(0, interactions // 6, interactions), -1)
    with Database.open(path) as db, db.transaction() as conn:
        conn.execute(
            "INSERT INTO import_runs (id, source, file_name, sha256, started_at, finished_at)"
            " VALUES (1, 'linkedin', 'generated', '0', ?, ?)",
            (AS_OF, AS_OF),
        )
        conn.executemany(
            "INSERT INTO people (id, name, company, position, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)",
            (
                (i, f"Person {i}", f"Company {i % 700}", "Engineer" if i % 3 else "Manager")
                for i in range(1, people + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO identities (kind, value, person_id, source) VALUES (?, ?, ?, ?)",
            (
                row
                for i in range(1, people + 1)
                for row in (
                    ("linkedin", f"linkedin.com/in/person-{i}", i, "linkedin"),
                    ("email", f"person{i}@example.com", i, "email"),
                )
            ),
        )
        connected = np.flatnonzero(rng.random(people) < 0.8) + 1
        conn.executemany(
            "INSERT INTO connections (person_id, source, connected_on) VALUES (?, 'linkedin', ?)",
            ((int(i), int(AS_OF - rng.integers(0, 8 * YEAR))) for i in connected),
        )
        conn.executemany(
            "INSERT INTO interactions (source, source_key, person_id, kind, direction, occurred_at, message_key,"
            " group_size, length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ("email", str(n), p, k, d, t, None if m < 0 else f"t{m}", g, 500)
                for n, (p, k, d, t, m, g) in enumerate(
                    zip(
                        person.tolist(),
                        kind.tolist(),
                        direction.tolist(),
                        when.tolist(),
                        thread.tolist(),
                        group.tolist(),
                        strict=True,
                    )
                )
            ),
        )


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=300_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from netvalue.web import create_app

    with tempfile.TemporaryDirectory(prefix="netvalue-web-bench-") as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        generate(path, args.people, args.interactions, args.seed)
        print(
            f"generated {args.people:,} people, {args.interactions:,} interactions in "
            f"{time.perf_counter() - start:.1f} s"
        )
        app = create_app(path, TOKEN, port=PORT)
        client = TestClient(app, base_url=f"http://127.0.0.1:{PORT}")
        client.cookies.set("netvalue_token", TOKEN)

        def get(url: str) -> Callable[[], object]:
            def call() -> object:
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
                return response

            return call

        a = f"as_of={AS_OF_DAY}"
        routes = [
            ("baseline: static file", "/static/css/app.css"),
            ("overview", f"/overview?{a}"),
            ("overview.json", f"/overview.json?{a}"),
            ("people page 1, by strength", f"/people?{a}"),
            ("people page 300, by name", f"/people?{a}&sort=name&order=asc&page=300"),
            ("people search 'person 123'", f"/people?{a}&q=person%20123"),
            ("people filter tier+company", f"/people?{a}&tier=active&company=company%2012"),
            ("people.json page 1", f"/people.json?{a}"),
            ("person page", f"/person/7?{a}"),
            ("map page", f"/map?{a}"),
            ("map data /map.json (2,000 nodes)", f"/map.json?{a}"),
            ("map data /map.json?limit=5000", f"/map.json?{a}&limit=5000"),
            ("map data /map.json?limit=30000", f"/map.json?{a}&limit=30000"),
        ]
        print(f"{'route':<36} {'cold ms':>9} {'median ms':>10} {'p95 ms':>8} {'× baseline':>11}")
        baseline_median = None
        for label, url in routes:
            cold = timed(get(url))
            samples = sorted(timed(get(url)) for _ in range(args.repeats))
            median = statistics.median(samples)
            p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
            if baseline_median is None:
                baseline_median = median
            ratio = median / baseline_median if baseline_median else float("nan")
            print(f"{label:<36} {cold:>9.1f} {median:>10.1f} {p95:>8.1f} {ratio:>10.1f}×")
        origin = {"Origin": f"http://127.0.0.1:{PORT}"}
        for label, form_url, form in (
            ("people page after a note (kept)", "/person/7/notes", {"text": "benchmark note"}),
            ("people page after a rating (recomputed)", "/person/7/rating", {"rating": "4"}),
        ):
            written = client.post(form_url, data=form, headers=origin, follow_redirects=False)
            assert written.status_code == 303, written.text[:300]
            print(f"{label:<36} {timed(get(f'/people?{a}')):>9.1f}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS): {peak_mb:,.0f} MB")
        client.close()


if __name__ == "__main__":
    main()
