"""The organisation wing's front door: what ``netvalue org …`` calls, from :mod:`netvalue.org`.

Each name is loaded from its module on first use (``__getattr__``, PEP 562), not when this module is
imported: the org modules need DuckDB, PyArrow and, for Spark, PySpark (the ``scale`` extra); a missing one
is an :class:`ImportError` naming it when the command runs, which the command turns into advice.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netvalue.org.analyse import analyse as analyse
    from netvalue.org.engine import aggregate_duckdb as aggregate_duckdb
    from netvalue.org.engine import aggregate_spark as aggregate_spark
    from netvalue.org.engine import spark_session as spark_session
    from netvalue.org.events import default_max_group as default_max_group
    from netvalue.org.events import read_people as read_people
    from netvalue.org.mbox import import_mailboxes as import_mailboxes
    from netvalue.org.output import write_outputs as write_outputs

HOME: dict[str, str] = {
    "analyse": "netvalue.org.analyse",
    "aggregate_duckdb": "netvalue.org.engine",
    "aggregate_spark": "netvalue.org.engine",
    "spark_session": "netvalue.org.engine",
    "default_max_group": "netvalue.org.events",
    "read_people": "netvalue.org.events",
    "import_mailboxes": "netvalue.org.mbox",
    "write_outputs": "netvalue.org.output",
}
"""Each name this module offers, and the module of :mod:`netvalue.org` it comes from."""

__all__ = sorted(HOME)


def __getattr__(name: str) -> object:
    if name not in HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(HOME[name]), name)
