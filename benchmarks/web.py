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

Then, as a user meets it (issue 16), against ``netvalue serve`` in its own process on the same database:

  first page after start   from the URL printed to the first ``/people`` answered, with the analysis
                           stored by the run above (target under 1 s, showing the last analysis), and
                           again after the data changed while the server was down (showing the last
                           page, dated, while the analysis is computed)
  page after a rating      ``/people`` right after a rating (target under 300 ms: the page shows the
                           last analysis, with a notice, while the new one is computed)
  load                     ``--clients`` clients (default 50), each asking ``/people`` and ``/map.json``
                           in turn for ``--load-seconds`` (default 60; 0 skips it): p50, p95, max and
                           errors (target p95 under 500 ms at 30,000 people on 2 cores, no errors)

Usage: python benchmarks/web.py [--people 30000] [--interactions 300000] [--repeats 30] [--seed 7]
                                [--clients 50] [--load-seconds 60]
Target (issue 7): p95 under 300 ms for pages, under 1 s for the map data.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def served(path: Path) -> Iterator[tuple[int, str, float]]:
    """``netvalue serve`` on ``path`` in its own process: (port, token, seconds to its URL)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "netvalue", "--db", str(path), "serve", "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.match(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
    if not found:
        proc.kill()
        raise SystemExit(f"serve printed {line!r}, not its URL")
    try:
        yield int(found.group(1)), found.group(2), time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class Client:
    """One keep-alive HTTP connection to the served dashboard, with its token cookie."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.headers = {"Cookie": f"netvalue_token={token}", "Host": f"127.0.0.1:{port}"}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, url: str, body: str | None = None) -> tuple[int, float, bytes]:
        headers = dict(self.headers)
        if body is not None:
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{self.port}",
            }
        start = time.perf_counter()
        self.conn.request(method, url, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        return response.status, (time.perf_counter() - start) * 1000, data


def first_page(port: int, token: str, url: str) -> tuple[Client, int, float, bytes]:
    """``url`` as soon as the server listens (it prints its URL before uvicorn has started): the time
    counts from the first attempt, so it includes the server's start."""
    start = time.perf_counter()
    while True:
        client = Client(port, token)
        try:
            status, _, page = client.request("GET", url)
            return client, status, (time.perf_counter() - start) * 1000, page
        except ConnectionRefusedError:
            if time.perf_counter() - start > 60:
                raise
            time.sleep(0.01)


def user_view(path: Path, args: argparse.Namespace) -> None:
    """The first page after start, a page after a rating, and the concurrent load, on a served process.
    A first session computes and stores today's analysis and is browsed until the page is current (what
    the last use of the dashboard left); the last start follows a change of the data while it was down."""
    with served(path) as (port, token, _):
        client, status, computed, _ = first_page(port, token, "/people")
        print(f"first /people on a database without today's analysis: {computed:.0f} ms (HTTP {status})")
        waited = until_current(client)
        print(f"  the page was current after another {waited:.1f} s")
    with served(path) as (port, token, to_url):
        client, status, first, page = first_page(port, token, "/people")
        assert status == 200, page[:300]
        print(
            f"first /people after start: {first:.0f} ms ({shown(page)}; serve printed its URL after {to_url:.2f} s)"
        )
        until_current(client)
        status, _, page = client.request("POST", "/person/9/rating", "rating=5")
        assert status == 303, page[:300]
        status, after, page = client.request("GET", "/people")
        assert status == 200
        print(f"/people after a rating: {after:.0f} ms ({shown(page)})")
        if args.load_seconds > 0:
            until_current(client)  # let the rating's recomputation finish before the load starts
            concurrent_load(port, token, args.clients, args.load_seconds)
    change_evidence(path)
    with served(path) as (port, token, _):
        client, status, first, page = first_page(port, token, "/people")
        assert status == 200, page[:300]
        print(f"first /people after start, the data changed while down: {first:.0f} ms ({shown(page)})")


def shown(page: bytes) -> str:
    """Which analysis a page shows: the current one, or an earlier one with the date it names."""
    found = re.search(rb'id="earlier-analysis">Showing the analysis computed (\S+)', page)
    return "current analysis shown" if found is None else f"analysis of {found.group(1).decode()} shown"


def until_current(client: Client, timeout: float = 300.0) -> float:
    """Seconds until ``/people`` no longer shows an earlier analysis (the background computation is
    done), asking every half second."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        status, _, page = client.request("GET", "/people")
        if status == 200 and b"earlier-analysis" not in page:
            break
        time.sleep(0.5)
    return time.perf_counter() - start


def change_evidence(path: Path) -> None:
    """An import recorded (no rows): the evidence's data version changes, as after an import from the CLI."""
    from netvalue.store import Database

    with Database.open(path) as db, db.transaction() as conn:
        conn.execute(
            "INSERT INTO import_runs (source, file_name, sha256, started_at, finished_at)"
            " VALUES ('linkedin', 'changed', '1', ?, ?)",
            (AS_OF, AS_OF),
        )


def concurrent_load(port: int, token: str, clients: int, seconds: float) -> None:
    """``clients`` threads, each with its own connection, asking /people and /map.json in turn."""
    latencies: dict[str, list[float]] = {"/people": [], "/map.json": []}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run(n: int) -> None:
        client = Client(port, token)
        urls = ["/people", "/map.json"] if n % 2 else ["/map.json", "/people"]
        k = 0
        while time.perf_counter() < deadline:
            url = urls[k % 2]
            k += 1
            try:
                status, ms, _ = client.request("GET", url)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{url}: {exc}")
                client = Client(port, token)
                continue
            with lock:
                latencies[url].append(ms)
                if status != 200:
                    errors.append(f"{url}: HTTP {status}")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{clients} clients for {seconds:.0f} s:")
    for url, found in latencies.items():
        ranked = sorted(found) or [float("nan")]
        p95 = ranked[min(len(ranked) - 1, round(0.95 * (len(ranked) - 1)))]
        print(
            f"  {url:<10} {len(found):>6} requests  p50 {statistics.median(ranked):7.0f} ms"
            f"  p95 {p95:7.0f} ms  max {ranked[-1]:7.0f} ms  (target p95 < 500 ms)"
        )
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=300_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=60.0)
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
        app.state.web.cache.close()
        user_view(path, args)


if __name__ == "__main__":
    main()
