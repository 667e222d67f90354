"""One module per source; this registry maps a source name to its importer.

``netvalue import SOURCE PATH`` looks the source up here; ``netvalue import PATH`` asks each
importer's ``detect`` in order and takes the first that recognises the path.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from netvalue.errors import UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions

__all__ = ["IMPORTERS", "NAME_TRUST", "ImportOptions", "Importer", "detect_importer", "get_importer"]


def _registry() -> dict[str, Importer]:
    from netvalue.importers import email, linkedin

    found = [linkedin.IMPORTER, email.IMPORTER]
    from netvalue.importers import (
        calendar,
        contacts_csv,
        facebook,
        generic_csv,
        instagram,
        twitter,
        vcard,
        whatsapp,
    )

    found += [
        calendar.IMPORTER,
        vcard.IMPORTER,
        *contacts_csv.IMPORTERS,
        instagram.IMPORTER,
        facebook.IMPORTER,
    ]
    found += [
        twitter.IMPORTER,
        whatsapp.IMPORTER,
        generic_csv.IMPORTER,
    ]  # csv last: its detect is always False
    return {imp.source: imp for imp in found}


IMPORTERS: dict[str, Importer] = _registry()
NAME_TRUST: dict[str, int] = {imp.source: imp.name_trust for imp in IMPORTERS.values()}
"""Each source's :attr:`Importer.name_trust`, as the store's writer and the identity split read it."""

_BELOW_DEPTH = 3
_BELOW_ENTRIES = 400
"""How far :func:`detect_importer` looks inside a folder no importer recognises (ours: a Takeout's
``Takeout/Mail/x.mbox`` is two levels down, a Thunderbird profile's ``Mail/Local Folders/Inbox`` three),
and at most how many entries, so that a large folder given by mistake is not walked."""


def _detect_below(path: Path) -> dict[str, tuple[Importer, str]]:
    """The sources of the exports found up to :data:`_BELOW_DEPTH` levels inside ``path``, each with
    the first place it was found (for a folder holding an export, as downloads and profiles do)."""
    found: dict[str, tuple[Importer, str]] = {}
    frontier, looked = [path], 0
    for _ in range(_BELOW_DEPTH):
        deeper: list[Path] = []
        for folder in frontier:
            try:
                children = sorted(c for c in folder.iterdir() if not c.name.startswith("."))
            except OSError:
                continue
            for child in children:
                looked += 1
                if looked > _BELOW_ENTRIES:
                    return found
                importer = next((imp for imp in IMPORTERS.values() if imp.detect(child)), None)
                if importer is not None:
                    found.setdefault(importer.source, (importer, str(child.relative_to(path))))
                elif child.is_dir():
                    deeper.append(child)
        frontier = deeper
    return found


_ZIP_NAMES = {
    "linkedin": "linkedin",
    "facebook": "facebook",
    "instagram": "instagram",
    "twitter": "twitter",
    "whatsapp": "whatsapp",
}
"""Words in the name of a platform's downloaded zip, and the source they name."""


def get_importer(source: str) -> Importer:
    try:
        return IMPORTERS[source]
    except KeyError:
        known = ", ".join(sorted(IMPORTERS))
        raise UnsupportedExportError(source, f"is not a source netvalue knows; use one of: {known}") from None


def detect_importer(path: Path) -> Importer:
    """The importer that recognises ``path``, or :class:`UnsupportedExportError` saying what is supported."""
    if not path.exists():
        raise UnsupportedExportError(str(path), "does not exist")
    for importer in IMPORTERS.values():
        if importer.detect(path):
            return importer
    if path.is_dir():
        below = _detect_below(path)
        if len(below) == 1:
            return next(iter(below.values()))[0]
        if below:
            listed = "; ".join(f"{source}: {where}" for source, (_, where) in sorted(below.items()))
            raise UnsupportedExportError(
                str(path),
                f"holds exports of several sources ({listed}); import each: netvalue import SOURCE PATH",
            )
    if path.is_file() and path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path):
        # a truncated or damaged download: its name may still say whose export it is, and that
        # importer's own message says what to do
        guessed = next((w for w in _ZIP_NAMES if w in path.name.lower() and _ZIP_NAMES[w] in IMPORTERS), None)
        if guessed is not None:
            return IMPORTERS[_ZIP_NAMES[guessed]]
        raise UnsupportedExportError(
            str(path),
            "is not a readable zip (the download may have been cut short: download the export again); "
            "if you know its source, name it: netvalue import SOURCE PATH",
        )
    known = ", ".join(sorted(IMPORTERS))
    raise UnsupportedExportError(
        str(path), f"is not an export netvalue recognises; name the source: netvalue import {{{known}}} PATH"
    )
