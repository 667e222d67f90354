"""One module per source; this registry maps a source name to its importer.

``netvalue import SOURCE PATH`` looks the source up here; ``netvalue import PATH`` asks each
importer's ``detect`` in order and takes the first that recognises the path.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from netvalue.errors import UnsupportedExportError
from netvalue.importers.base import Importer, ImportOptions

__all__ = ["IMPORTERS", "ImportOptions", "Importer", "detect_importer", "get_importer"]


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
