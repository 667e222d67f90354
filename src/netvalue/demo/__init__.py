"""The bundled, invented demo export (see :mod:`netvalue.demo.generate`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_files() -> list[Path]:
    """The demo's files, in the order ``netvalue demo`` imports them (LinkedIn first: it names the owner)."""
    folder = Path(str(resources.files("netvalue.demo").joinpath("data")))
    return [
        folder / "Basic_LinkedInDataExport_11-15-2026.zip",
        folder / "demo-mail.mbox",
        folder / "demo-calendar.ics",
    ]
