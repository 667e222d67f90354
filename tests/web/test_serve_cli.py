"""``netvalue serve``: refuses to listen beyond this machine; its help has an example."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from click.testing import CliRunner

from netvalue.cli import main
from netvalue.store import Database


def test_serve_refuses_a_network_host(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0", "--no-browser"]
    )
    assert result.exit_code == 1
    assert "Error: --host can only be 127.0.0.1" in result.output


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "--no-browser" in result.output


def test_the_browser_gets_a_one_time_link_not_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from netvalue.web import security

    opened: list[str] = []
    tokens: list[str] = []
    real_new_token = security.new_token

    def remembered_token() -> str:
        tokens.append(real_new_token())
        return tokens[-1]

    def stop_at_once(self: uvicorn.Server, sockets: object = None) -> None:
        raise KeyboardInterrupt  # as uvicorn passes Ctrl-C on after shutting down

    monkeypatch.setattr(security, "new_token", remembered_token)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.setattr(uvicorn.Server, "run", stop_at_once)
    Database.open(tmp_path / "x.db").close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and "?once=" in opened[0]
    assert tokens and tokens[0] not in opened[0]
    assert f"?token={tokens[0]}" in result.output  # the printed link keeps the token
    assert "netvalue dashboard stopped." in result.output
    assert "interrupted" not in result.output


def test_serve_refuses_a_database_in_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "typo" / "x.db"), "serve", "--no-browser"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "does not exist" in result.output
    assert not (tmp_path / "typo").exists()
