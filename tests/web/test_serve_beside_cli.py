"""``netvalue serve`` and the CLI on one database at once (issue 17): CLI writes while the dashboard is
open must leave the dashboard able to write; Ctrl-C says the dashboard stopped."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from tests.web.conftest import build_small_db


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first line the server prints (its URL)."""
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout).strip()
    except queue.Empty:
        process.kill()
        raise AssertionError(f"netvalue serve printed no URL in {timeout} s") from None


def _netvalue(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "netvalue", "--db", str(db), *args]


def test_cli_writes_beside_serve_leave_the_dashboard_writable(tmp_path: Path) -> None:
    db = build_small_db(tmp_path / "nv.db")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    server = subprocess.Popen(
        _netvalue(db, "serve", "--no-browser", "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = _first_line(server, timeout=120)
        base, token = url.split("/?token=")
        headers = {"Authorization": f"Bearer {token}", "Origin": base, "Sec-Fetch-Site": "same-origin"}
        with httpx.Client(base_url=base, headers=headers, timeout=60) as web:
            for round_ in range(3):
                assert web.get("/person/1.json").status_code == 200
                note = web.post("/person/1/notes", data={"text": f"from the dashboard {round_}"})
                assert note.status_code in (200, 303), note.text
                cli = subprocess.run(
                    _netvalue(db, "note", "2", f"from the CLI {round_}"),
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=120,
                )
                assert cli.returncode == 0, cli.stderr
                assert Path(f"{db}-wal").exists(), "the CLI removed the dashboard's write-ahead log"
                after = web.post("/person/1/notes", data={"text": f"after the CLI {round_}"})
                assert after.status_code in (200, 303), after.text
            notes = [n["text"] for n in web.get("/person/1.json").json()["person"]["notes"]]
            assert len(notes) == 6
            cli_notes = web.get("/person/2.json").json()["person"]["notes"]
            assert len(cli_notes) == 3
        for suffix in ("", "-wal", "-shm"):
            assert os.stat(f"{db}{suffix}").st_mode & 0o777 == 0o600, suffix
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert "stopped" in err, err
    assert "interrupted" not in err and "nothing was written" not in err and "Traceback" not in err, err
