"""The README documents every command (as sqlite-utils checks its docs) and keeps its two-command quick start."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click

from netvalue.cli import load_all, main

load_all()
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(cmd: click.Command, prefix: tuple[str, ...]) -> Iterator[str]:
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            if not sub.hidden:
                yield from _commands(sub, (*prefix, name))
        if prefix and cmd.invoke_without_command:
            yield " ".join(prefix)
    else:
        yield " ".join(prefix)


def test_every_command_is_in_the_reference() -> None:
    missing = [c for c in _commands(main, ()) if f"`netvalue {c}" not in README]
    assert not missing, f"commands missing from the README's reference: {missing}"


def test_every_command_help_has_an_example() -> None:
    lacking = []
    for name in _commands(main, ()):
        cmd: click.Command = main
        for part in name.split():
            assert isinstance(cmd, click.Group)
            cmd = cmd.commands[part]
        if "Example" not in (cmd.help or "") and not name.startswith("import "):
            lacking.append(name)
    assert not lacking, f"commands whose help has no Example: {lacking}"


def test_quick_start_is_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\nThen, with your own data", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2 and all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "netvalue demo" in blocks[0] and "pytest" in blocks[1]
