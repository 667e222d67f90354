"""Remembering expensive analysis between page views, and showing the last one while a newer one is computed.

The analysis itself is persisted in the database (``netvalue.app.persisted``): a process that starts
finds it there.  This cache keeps the results a page needs in memory per ``(what, database version,
key)``.  The version is SQLite's ``PRAGMA data_version`` on one read-only connection the cache keeps
open: it changes whenever another connection commits (an import from the CLI or the browser, a note, a
rating), and costs one cheap query.  (File modification times do not work: the write-ahead log is
checkpointed and removed whenever the last connection closes.)  A few recent entries are kept (16).

Never blocking a page (issue 16): when the database changed and an entry asked for with ``refresh`` has
a value from an earlier version, :meth:`AnalysisCache.get` returns that value at once and calls
``refresh`` (the dashboard starts computing the new analysis in the background); the page says that it
shows the analysis of an earlier moment (:attr:`AnalysisCache.showing_since`).  A result computed from
such an earlier value is not kept under the new version.

Rendered pages (:meth:`AnalysisCache.page`): the bytes of a page are kept per database version and
request (path, query), so fifty clients asking for the same people page or map data share one
rendering (sorting 30,000 people, a template: ~50 ms) until the next commit.  Unlike the analysis,
rendered pages are never carried past a write (a note changes what a search finds), and a page that
showed an earlier analysis, or was rendered while one was shown, is never kept: a stale page is not
served as current.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from netvalue.app.database import ChangeWatch
from netvalue.app.persisted import day_as_of

T = TypeVar("T")
P = TypeVar("P")

_KEEP = 16
_KEEP_PAGES = 64  # rendered pages kept: a few views of each page, per query [ours]


class AnalysisCache:
    """A small thread-safe LRU of analysis results keyed by the database version (``data_version``)."""

    def __init__(self, db_path: Path, keep: int = _KEEP, keep_pages: int = _KEEP_PAGES) -> None:
        self.db_path = db_path
        self.keep = keep
        self.keep_pages = keep_pages
        self._pages: OrderedDict[tuple[int, Hashable], object] = OrderedDict()
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._watch = ChangeWatch(db_path)
        # the newest value of every (what, key): (version, when computed, value), for pages to show
        self._latest: OrderedDict[tuple[str, Hashable], tuple[int, float, object]] = OrderedDict()
        self._local = threading.local()  # .stale: this thread's computation read an earlier value
        self.showing_since: float | None = None
        """When the oldest earlier value shown since the last refresh was computed (None: all current)."""

    def database_version(self) -> int:
        """SQLite's ``data_version`` as the cache's watch connection sees it (changes on every commit)."""
        return self._watch.version()

    def current_as_of(self, now: int) -> int:
        """The ``as_of`` to use for "now": the end of the current UTC day, as the CLI's default, so the
        analysis persisted by either is reused by the other (``netvalue.app.persisted.day_as_of``)."""
        return day_as_of(now)

    def carry_forward(self, before: int, *, pages: bool = False) -> None:
        """After a write that no analysis reads (a note, a tag), keep the results computed at version
        ``before`` valid for the database's new version; ``pages``: the rendered pages too (a write that
        no page shows either).  The caller made the write itself; a commit by another process in the
        same instant would be missed until the next one (a local, one-user tool)."""
        after = self.database_version()
        with self._lock:
            if after == before:
                return
            if pages:
                for version, key in [k for k in self._pages if k[0] == before]:
                    self._pages[(after, key)] = self._pages[(version, key)]
            for key in [k for k in self._entries if isinstance(k, tuple) and k[1] == before]:
                self._entries[(key[0], after, *key[2:])] = self._entries[key]
            for name_key, (version, when, value) in list(self._latest.items()):
                if version == before:
                    self._latest[name_key] = (after, when, value)

    def close(self) -> None:
        self._watch.close()

    @contextmanager
    def current_only(self) -> Iterator[None]:
        """Within it, this thread gets current values only (the background warm-up computes them)."""
        self._local.current_only = True
        try:
            yield
        finally:
            self._local.current_only = False

    def refreshed(self) -> None:
        """The background computation has caught up: pages no longer show an earlier analysis."""
        with self._lock:
            self.showing_since = None

    def get(
        self, name: str, key: Hashable, compute: Callable[[], T], refresh: Callable[[], None] | None = None
    ) -> T:
        """The cached result of ``compute`` for ``(name, key)`` at the database's current state.

        With ``refresh``: if only an earlier version's value is cached, return it and call ``refresh``
        (which computes the current one elsewhere).  Concurrent requests for the same entry wait for one
        computation rather than each running it."""
        version = self.database_version()
        full_key = (name, version, key)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                return self._entries[full_key]  # type: ignore[return-value]
            earlier = self._latest.get((name, key))
            gate = self._computing.setdefault(full_key, threading.Lock())
        if refresh is not None and earlier is not None and not getattr(self._local, "current_only", False):
            with self._lock:
                self.showing_since = min(self.showing_since or earlier[1], earlier[1])
            self._local.stale = True
            refresh()
            return earlier[2]  # type: ignore[return-value]
        with gate:
            with self._lock:
                if full_key in self._entries:
                    return self._entries[full_key]  # type: ignore[return-value]
            outer = getattr(self._local, "stale", False)
            self._local.stale = False
            try:
                value = compute()
                stale = self._local.stale
            finally:
                self._local.stale = outer or getattr(self._local, "stale", False)
            with self._lock:
                self._computing.pop(full_key, None)
                if not stale:
                    self._entries[full_key] = value
                    self._latest[(name, key)] = (version, time.time(), value)
                    self._latest.move_to_end((name, key))
                    while len(self._entries) > self.keep:
                        self._entries.popitem(last=False)
                    while len(self._latest) > self.keep:
                        self._latest.popitem(last=False)
        return value

    def kept_page(self, key: Hashable) -> object | None:
        """The page :meth:`page` kept for ``key`` at the database's current version, or None."""
        version = self.database_version()
        with self._lock:
            return self._pages.get((version, key))

    def page(
        self,
        key: Hashable,
        render: Callable[[], P],
        keep: Callable[[P], bool],
        on_kept: Callable[[P], None] | None = None,
    ) -> P:
        """The rendered page for ``key`` (the request) at the database's current version: kept from an
        earlier request at this version, else ``render()``, kept when ``keep`` says so (a complete
        page) and only if it showed no earlier analysis (then ``on_kept(page)``).  Concurrent first
        requests may each render."""
        version = self.database_version()
        with self._lock:
            if (version, key) in self._pages:
                self._pages.move_to_end((version, key))
                return self._pages[(version, key)]  # type: ignore[return-value]
        outer = getattr(self._local, "stale", False)
        self._local.stale = False
        try:
            found = render()
            stale = self._local.stale or self.showing_since is not None
        finally:
            self._local.stale = outer or getattr(self._local, "stale", False)
        if not stale and keep(found):
            with self._lock:
                self._pages[(version, key)] = found
                while len(self._pages) > self.keep_pages:
                    self._pages.popitem(last=False)
            if on_kept is not None:
                on_kept(found)
        return found
