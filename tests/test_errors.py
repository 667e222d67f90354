"""errors.map_errors: the one way third-party exceptions become netvalue's own."""

from __future__ import annotations

import pytest

from netvalue.errors import ImportFormatError, StoreError, map_errors


def test_a_kind_it_is_given_becomes_the_projects_error_raised_from_it() -> None:
    with (
        pytest.raises(StoreError, match=r"^x\.db: gone$") as caught,
        map_errors(OSError, lambda exc: StoreError(f"x.db: {exc.strerror}")),
    ):
        raise FileNotFoundError(2, "gone")
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_netvalues_own_errors_and_kinds_not_named_pass_as_they_are() -> None:
    with pytest.raises(ImportFormatError), map_errors(ValueError, lambda exc: StoreError("never")):
        raise ImportFormatError("f.csv", "broken", 3)
    with pytest.raises(KeyError), map_errors(ValueError, lambda exc: StoreError("never")):
        raise KeyError("k")
