"""The dashboard as a user drives it: ``netvalue serve`` on the demo database, Chromium through Playwright.

Each step leaves a screenshot in ``test-output/screenshots/`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _netvalue(*args: str) -> list[str]:
    return [sys.executable, "-m", "netvalue", *args]


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first line the server prints (its URL), or a failure with what it said on stderr."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout).strip()
    except queue.Empty:
        process.kill()
        _, err = process.communicate(timeout=10)
        raise AssertionError(f"netvalue serve printed no URL in {timeout} s; stderr: {err[-2000:]}") from None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``netvalue serve --no-browser --port 0`` over a fresh demo database; yields the printed URL."""
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "demo.db"
    env = {**os.environ, "NETVALUE_DB": str(db_path)}
    built = subprocess.run(
        _netvalue("--db", str(db_path), "demo", "--json"),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    process = subprocess.Popen(
        _netvalue("--db", str(db_path), "serve", "--no-browser", "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = _first_line(process, timeout=120)
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url, url
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def page(served: str) -> Iterator[Any]:
    """One browser tab, signed in by opening the printed URL (the token becomes a cookie)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(served)
        yield tab
        context.close()
        browser.close()
    assert not errors, f"JavaScript errors: {errors}"


def base_of(served: str) -> str:
    return served.split("/?", 1)[0]


def shot(tab: Any, name: str, *, full_page: bool = True) -> None:
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_overview_shows_value_tiers_and_chart(page: Any, served: str) -> None:
    page.goto(base_of(served) + "/overview")
    assert "token=" not in page.url, "the token moved into a cookie"
    page.wait_for_selector("#relationships")
    assert "working relationships" in page.inner_text("#relationships")
    assert page.locator("#value").count() == 1
    assert "Caveats" in page.inner_text("#value")
    page.wait_for_selector("#trend-chart[data-rendered=yes]", timeout=20_000)
    assert page.locator("#trend-chart svg").count() >= 1
    shot(page, "01-overview")


def test_search_people_and_open_a_person(page: Any, served: str) -> None:
    base = base_of(served)
    first = page.request.get(base + "/people.json?sort=strength&per_page=1").json()["people"][0]
    page.goto(base + "/people")
    page.fill("input[name=q]", first["name"])
    page.wait_for_function(
        "name => [...document.querySelectorAll('#people-rows td a')].every(a => a.textContent.includes(name))"
        " && document.querySelectorAll('#people-rows td a').length >= 1",
        arg=first["name"],
        timeout=15_000,
    )
    assert f"q={first['name'].split()[0]}" in page.url.replace("+", " ").replace("%20", " ")
    shot(page, "02-people-search")
    page.click(f"#people-rows a[href='/person/{first['id']}']")
    page.wait_for_url(f"**/person/{first['id']}")
    assert page.inner_text("#person-name") == first["name"]
    assert page.locator("#reasons li").count() >= 1


def test_add_a_note_and_rate_the_person(page: Any, served: str) -> None:
    base = base_of(served)
    person_id = page.url.rsplit("/", 1)[1]
    page.fill("textarea[name=text]", "Met at the browser test; wants an intro to Ana.")
    page.click("#notes-card button[type=submit]")
    page.wait_for_selector("#notes li:has-text('wants an intro to Ana')")
    assert page.input_value("textarea[name=text]") == "", "the form is cleared after saving"
    page.click("button[aria-label='Rate 4 of 5']")
    page.wait_for_selector("#rating-value:has-text('4/5')")
    shot(page, "03-person-note-and-rating", full_page=False)
    saved = page.request.get(f"{base}/person/{person_id}.json").json()
    assert saved["person"]["rating"] == 4
    assert [n["text"] for n in saved["person"]["notes"]] == [
        "Met at the browser test; wants an intro to Ana."
    ]
    assert saved["tie"]["rating"] == 4


def test_network_map_draws_nodes(page: Any, served: str) -> None:
    base = base_of(served)
    expected = page.request.get(base + "/map.json").json()["shown"]
    page.goto(base + "/map")
    data = page.request.get(base + "/map.json").json()
    page.wait_for_function("window.netvalueMap !== undefined", timeout=60_000)
    assert page.evaluate("window.netvalueMap.graph.order") == expected > 50
    # the who-knows-whom edges are drawn, every one of them
    assert page.evaluate("window.netvalueMap.graph.size") == len(data["edges"]) > 50
    coloured = page.evaluate(
        """() => {
            const renderer = window.netvalueMap.renderer;
            renderer.refresh();
            const gl = renderer.getCanvases().nodes;
            const copy = document.createElement("canvas");
            copy.width = gl.width; copy.height = gl.height;
            const ctx = copy.getContext("2d");
            ctx.drawImage(gl, 0, 0);
            const pixels = ctx.getImageData(0, 0, copy.width, copy.height).data;
            let drawn = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
            return drawn;
        }"""
    )
    assert coloured > 500, f"the nodes canvas has only {coloured} drawn pixels"
    assert "people" in page.inner_text("#map-status") and "ties" in page.inner_text("#map-status")
    _assert_map_reads_well(page, data)
    page.evaluate("window.netvalueMap.renderer.getCamera().setState({ratio: 0.4})")
    page.wait_for_timeout(500)
    _assert_map_reads_well(page, data)
    page.evaluate("window.netvalueMap.renderer.getCamera().setState({ratio: 1, x: 0.5, y: 0.5})")
    page.wait_for_timeout(500)
    shot(page, "04-network-map")
    hovered = page.evaluate(
        """() => {
            const {graph, renderer} = window.netvalueMap;
            const node = graph.nodes()[0];
            const pos = renderer.graphToViewport(graph.getNodeAttributes(node));
            return {x: pos.x, y: pos.y, id: graph.getNodeAttribute(node, "personId")};
        }"""
    )
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + hovered["x"], box["y"] + hovered["y"])
    page.wait_for_selector("#map-tip:not([hidden])", timeout=5_000)
    shot(page, "05-network-map-hover")
    page.mouse.click(box["x"] + hovered["x"], box["y"] + hovered["y"])
    page.wait_for_url(f"**/person/{hovered['id']}", timeout=10_000)


def _assert_map_reads_well(page: Any, data: dict[str, Any]) -> None:
    """No two names drawn on the map overlap (measured again from the canvas font, not from the map's
    own bookkeeping); communities are apart (people nearer their own community's people than others');
    the legends name every community and tier shown."""
    report = page.evaluate(
        """() => {
            const {graph, renderer, drawnLabels} = window.netvalueMap;
            const s = renderer.getSettings();
            const ctx = document.createElement("canvas").getContext("2d");
            ctx.font = s.labelWeight + " " + s.labelSize + "px " + s.labelFont;
            const boxes = drawnLabels.map((b) => {
                if (b.community) return b;
                const w = ctx.measureText(b.label).width;
                return {label: b.label, x1: b.x1 + 2, x2: b.x1 + 2 + w, y1: b.y1 + 1, y2: b.y2 - 1};
            });
            const overlaps = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const A = boxes[i], B = boxes[j];
                if (A.x1 < B.x2 && B.x1 < A.x2 && A.y1 < B.y2 && B.y1 < A.y2) overlaps.push(A.label + " / " + B.label);
            }
            let inside = 0, ni = 0, across = 0, na = 0;
            const nodes = graph.filterNodes((n, a) => a.community !== null && a.community !== undefined);
            for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
                const A = graph.getNodeAttributes(nodes[i]), B = graph.getNodeAttributes(nodes[j]);
                const d = Math.hypot(A.x - B.x, A.y - B.y);
                if (A.community === B.community) { inside += d; ni++; } else { across += d; na++; }
            }
            return {labels: boxes.filter((b) => !b.community).length, overlaps: overlaps,
                    separation: (inside / ni) / (across / na)};
        }"""
    )
    assert report["labels"] >= 10, report
    assert report["overlaps"] == [], report["overlaps"]
    assert report["separation"] < 0.35, report  # one ForceAtlas2 over everyone gave 0.42-0.64 here
    communities = {n["community_label"] for n in data["nodes"] if n["community"] is not None}
    legend = page.inner_text("#map-legend")
    assert all(label in legend for label in communities), legend
    tiers = page.inner_text("#map-tiers")
    assert all(t in tiers for t in {n["tier"] for n in data["nodes"]}), tiers


def test_map_filters_by_tier(page: Any, served: str) -> None:
    base = base_of(served)
    page.goto(base + "/map?tier=close")
    page.wait_for_function("window.netvalueMap !== undefined", timeout=20_000)
    tiers = page.evaluate("window.netvalueMap.graph.mapNodes((n, a) => a.tier)")
    assert tiers and set(tiers) == {"close"}


def test_communities_and_purpose_pages(page: Any, served: str) -> None:
    base = base_of(served)
    page.goto(base + "/communities")
    assert page.locator("#communities tr").count() > 2
    shot(page, "06-communities")
    page.goto(base + "/purpose")
    page.check("input[value=job-search]")
    page.fill("input[name=roles]", "engineer, recruiter")
    page.click("button:has-text('Save purpose')")
    page.wait_for_selector("#saved")
    assert "job search" in page.inner_text("#purpose-summary")
    shot(page, "07-purpose")


def test_accept_a_request(page: Any, served: str) -> None:
    base = base_of(served)
    page.goto(base + "/requests")
    first = page.locator("#requests tr[id^=request-]").first
    ref = first.get_attribute("id").removeprefix("request-")
    first.locator("button:has-text('Accept')").click()
    page.wait_for_selector(f"#decide-{ref} [data-decided=accept]")
    shot(page, "08-requests")
    remaining = page.request.get(base + "/requests.json").json()["requests"]
    assert ref not in {r["id"] for r in remaining}


def test_mark_a_plan_item_done(page: Any, served: str) -> None:
    base = base_of(served)
    page.goto(base + "/week")
    item = page.locator(".plan-item").first
    person_id = item.get_attribute("id").removeprefix("plan-")
    item.locator("select[name=outcome]").select_option("replied")
    item.locator("input[name=note]").fill("coffee on Tuesday")
    item.locator("button:has-text('Done')").click()
    page.wait_for_selector(f"[data-done='{person_id}']")
    shot(page, "09-this-week")
    week = page.request.get(base + "/week.json").json()
    assert week["streak"] >= 1
    assert any(i["id"] == int(person_id) and i["done"] for i in week["items"])


def test_import_page_and_error_page(page: Any, served: str) -> None:
    base = base_of(served)
    page.goto(base + "/import")
    page.set_input_files(
        "input[name=file]", files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hi"}]
    )
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-error", timeout=20_000)
    assert page.inner_text("#import-error").startswith("Error: notes.txt")
    shot(page, "10-import-error")
    page.goto(base + "/person/999999")
    assert page.inner_text("#error-message") == "Error: no person has the id 999999"
    assert "Traceback" not in page.content()


def test_a_refused_upload_shows_the_servers_one_line(page: Any, served: str) -> None:
    """htmx swaps only successful answers; the Import page shows a refusal's message itself (the 413 is
    stood in for here: the served dashboard's limit is the default 2 GB)."""
    base = base_of(served)
    page.goto(base + "/import")
    message = "Error: the upload is larger than the dashboard's limit of 1 MB; import it with ..."

    def refuse(route: Any) -> None:
        if route.request.method == "POST":
            route.fulfill(status=413, content_type="text/plain; charset=utf-8", body=message)
        else:
            route.continue_()

    page.route("**/import", refuse)
    page.set_input_files(
        "input[name=file]", files=[{"name": "big.zip", "mimeType": "application/zip", "buffer": b"x" * 2048}]
    )
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#upload-error", timeout=20_000)
    assert page.inner_text("#upload-error") == message
