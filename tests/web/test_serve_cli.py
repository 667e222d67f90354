"""``netvalue serve``: refuses to listen beyond this machine; its help has an example."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from netvalue.cli import main


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
