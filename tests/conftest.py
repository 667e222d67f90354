"""Shared fixtures: a fresh database, and where the real-data tier finds ../shared/data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netvalue.store import Database

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new, migrated database in a temporary folder."""
    database = Database.open(tmp_path / "netvalue.db")
    yield database
    database.close()


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data`` beside the project (the CI's real-data tier); skips when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the project (real-data tier)")
    return SHARED_DATA


CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's chromium (``apt-get install chromium``).  Without it they are skipped
    with that reason on a developer's machine; CI sets NETVALUE_REQUIRE_BROWSER=1, so there they run or fail."""
    import os

    if CHROMIUM.exists() or os.environ.get("NETVALUE_REQUIRE_BROWSER"):
        return
    skip = pytest.mark.skip(reason="needs /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
