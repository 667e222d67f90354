"""Remembering expensive analysis between page views, until the database changes.

Tie strength and communities over 30,000 people take seconds; the pages that show them are viewed
many times between two imports.  Results are kept per ``(what, database version, key)``.  The version is
SQLite's ``PRAGMA data_version`` on one read-only connection the cache keeps open: it changes whenever
another connection commits (an import from the CLI or the browser, a note, a rating), so any write makes
every cached result stale, and it costs one cheap query.  (File modification times do not work: the
write-ahead log is checkpointed and removed whenever the last connection closes.)  A few recent entries
are kept (our choice: 16), enough for a handful of ``as_of`` dates.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from netvalue.app.database import ChangeWatch

T = TypeVar("T")

_KEEP = 16
NOW_REUSE_SECONDS = 3600
"""How long "now" stays the same moment for the analysis while the database does not change [ours]: the
tie analysis of 30,000 people takes seconds, and an hour moves no tie's strength visibly."""


class AnalysisCache:
    """A small thread-safe LRU of analysis results keyed by the database version (``data_version``)."""

    def __init__(self, db_path: Path, keep: int = _KEEP) -> None:
        self.db_path = db_path
        self.keep = keep
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._watch = ChangeWatch(db_path)
        self._now: tuple[int, int] | None = None  # (database version, as_of) of the current "now"

    def database_version(self) -> int:
        """SQLite's ``data_version`` as the cache's watch connection sees it (changes on every commit)."""
        return self._watch.version()

    def current_as_of(self, now: int) -> int:
        """The ``as_of`` to use for "now": the previous one while the database is unchanged and it is
        under an hour old (so the cached analysis is reused), else ``now``."""
        version = self.database_version()
        with self._lock:
            if (
                self._now is not None
                and self._now[0] == version
                and 0 <= now - self._now[1] < NOW_REUSE_SECONDS
            ):
                return self._now[1]
            self._now = (version, now)
            return now

    def carry_forward(self, before: int) -> None:
        """After a write that no analysis reads (a note, a tag), keep the results computed at version
        ``before`` valid for the database's new version.  The caller made the write itself; a commit by
        another process in the same instant would be missed until the next one (a local, one-user tool)."""
        after = self.database_version()
        with self._lock:
            if after == before:
                return
            for key in [k for k in self._entries if isinstance(k, tuple) and k[1] == before]:
                self._entries[(key[0], after, *key[2:])] = self._entries[key]
            if self._now is not None and self._now[0] == before:
                self._now = (after, self._now[1])

    def close(self) -> None:
        self._watch.close()

    def get(self, name: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result of ``compute`` for ``(name, key)`` at the database's current state.

        Concurrent requests for the same entry wait for one computation rather than each running it.
        """
        full_key = (name, self.database_version(), key)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                return self._entries[full_key]  # type: ignore[return-value]
            gate = self._computing.setdefault(full_key, threading.Lock())
        with gate:
            with self._lock:
                if full_key in self._entries:
                    return self._entries[full_key]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                self._entries[full_key] = value
                while len(self._entries) > self.keep:
                    self._entries.popitem(last=False)
                self._computing.pop(full_key, None)
        return value
