"""An import pauses Python's cyclic garbage collector and always turns it back on (or leaves it off)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import netvalue.importing
from netvalue.importing import cyclic_gc_paused, run_import
from netvalue.store import Database
from netvalue.store.ingest import ImportReport, import_stream

PROJECT = Path(__file__).resolve().parents[1]
CURRENT = PROJECT / "tests" / "fixtures" / "linkedin" / "current"


@pytest.fixture
def gc_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


@pytest.mark.usefixtures("gc_enabled")
def test_the_collector_is_off_during_the_import_and_on_after(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> ImportReport:
        seen.append(gc.isenabled())
        return import_stream(*args, **kwargs)

    monkeypatch.setattr(netvalue.importing, "import_stream", spy)
    report = run_import(db, CURRENT, source="linkedin")
    assert report.totals["added"] > 0
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_enabled")
def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_enabled")
def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
