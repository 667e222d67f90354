"""The ``netvalue`` command line: thin click commands over the library.

Each module registers its commands on :data:`netvalue.cli.app.main`; :data:`netvalue.cli.app.COMMANDS`
names the module of every command, which is imported only when that command runs (so ``netvalue
--help`` imports none of them).  :func:`load_all` imports every one (for tests and documentation).
"""

from __future__ import annotations

from importlib import import_module

from netvalue.cli.app import COMMANDS, main

__all__ = ["load_all", "main"]


def load_all() -> None:
    """Import every command module, so that ``main.commands`` holds every command."""
    for section in COMMANDS.values():
        for entry in section.values():
            import_module(f"netvalue.cli.{entry.module}")
