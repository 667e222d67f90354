"""The ``netvalue`` command line: thin click commands over the library.

Each module registers its commands on :data:`netvalue.cli.app.main`; importing them here is what
puts them on the command line.
"""

from __future__ import annotations

from netvalue.cli import (  # noqa: F401  (registers commands)
    demo,
    email,
    identity,
    importing,
    org,
    people,
    recommend,
    report,
    sources,
    structure,
    ties,
    web,
)
from netvalue.cli.app import main

__all__ = ["main"]
