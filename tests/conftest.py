"""Shared fixtures: a fresh database, where the real-data tier finds ../shared/data, and the identity tests'
crowd of people nobody shares a name with."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netvalue.store import Database
from netvalue.store.identity import PersonFacts

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# NETVALUE_SHARED_DATA: the folder elsewhere (a git worktree is not beside ../shared).
SHARED_DATA = Path(os.environ.get("NETVALUE_SHARED_DATA") or PROJECT_ROOT.parent / "shared" / "data")
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


@pytest.fixture
def crowd() -> Callable[..., list[PersonFacts]]:
    """A maker of ``size`` people whose names nobody else bears -- LinkedIn connections, address-book
    cards and correspondents in turn -- for the identity tests' background population."""

    def make(size: int = 300) -> list[PersonFacts]:
        shapes = (("linkedin",), ("vcard",), ("email",))
        return [
            PersonFacts(
                1000 + i,
                f"Given{i} Family{i}",
                emails=(f"p{i}@example.org",) if shapes[i % 3] == ("email",) else (),
                linkedins=(f"linkedin.com/in/p{i}",) if shapes[i % 3] == ("linkedin",) else (),
                phones=(f"+1415555{i:04d}",) if shapes[i % 3] == ("vcard",) else (),
                sources=shapes[i % 3],
            )
            for i in range(size)
        ]

    return make


@pytest.fixture
def sure_pairs() -> Callable[..., list[PersonFacts]]:
    """A maker of ``count`` humans each seen twice (LinkedIn and e-mail) with name, company and domain
    agreeing: the sure merges that fund the identity tests' error budget."""

    def make(count: int) -> list[PersonFacts]:
        return [
            fact
            for i in range(count)
            for fact in (
                PersonFacts(
                    2000 + i,
                    f"Surely{i} Known{i}",
                    companies=(f"Firm{i}",),
                    linkedins=(f"linkedin.com/in/s{i}",),
                    sources=("linkedin",),
                ),
                PersonFacts(
                    4000 + i, f"Surely{i} Known{i}", emails=(f"g{i}@firm{i}.com",), sources=("email",)
                ),
            )
        ]

    return make
