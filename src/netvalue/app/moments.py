"""How results write a moment in JSON: an ISO-8601 UTC instant, or a day."""

from __future__ import annotations

import datetime as dt


def iso(epoch: int | None) -> str | None:
    """``epoch`` as ``2026-11-15T09:30:00Z`` (``None`` stays ``None``)."""
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat().replace("+00:00", "Z")


def day(epoch: int | float | None) -> str:
    """``epoch`` as ``2026-11-15`` (UTC), or ``""`` for ``None``."""
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")
