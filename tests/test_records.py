"""InteractionRecord's hand-written ``__init__`` behaves as the generated one of a frozen dataclass."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from netvalue.records import Identity, InteractionRecord


def _record(**changes: object) -> InteractionRecord:
    fields: dict[str, Any] = {
        "source": "linkedin",
        "source_key": "m1|linkedin:linkedin.com/in/jane",
        "person": Identity("linkedin", "linkedin.com/in/jane"),
        "kind": "message",
        "direction": "sent",
        "occurred_at": 1_700_000_000,
    }
    fields.update(changes)
    return InteractionRecord(**fields)


def test_init_takes_every_field_in_order_with_the_declared_defaults() -> None:
    parameters = list(inspect.signature(InteractionRecord.__init__).parameters.values())[1:]
    declared = dataclasses.fields(InteractionRecord)
    assert [p.name for p in parameters] == [f.name for f in declared]
    for parameter, field in zip(parameters, declared, strict=True):
        expected = inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        assert parameter.default == expected, field.name


def test_every_field_is_set_positionally_and_by_keyword() -> None:
    values: tuple[Any, ...] = (
        "linkedin",
        "key",
        Identity("linkedin", "linkedin.com/in/x"),
        "message",
        "received",
        5,
        "mk",
        "conv",
        3,
        42,
        "title",
        "X Y",
        True,
    )
    positional = InteractionRecord(*values)
    names = [f.name for f in dataclasses.fields(InteractionRecord)]
    by_name = InteractionRecord(**dict(zip(names, values, strict=True)))
    assert dataclasses.astuple(positional) == dataclasses.astuple(by_name)
    assert [getattr(positional, f.name) for f in dataclasses.fields(InteractionRecord)] == list(values)


def test_defaults_equality_hash_replace_and_pickle() -> None:
    record = _record()
    assert (record.message_key, record.group_size, record.bulk, record.person_name) == (None, 1, False, None)
    assert record == _record() and hash(record) == hash(_record())
    assert record != _record(group_size=2)
    assert dataclasses.replace(record, direction="received").direction == "received"
    assert pickle.loads(pickle.dumps(record)) == record
    assert "source_key='m1|linkedin:linkedin.com/in/jane'" in repr(record)


def test_it_stays_immutable() -> None:
    record = _record()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.direction = "received"  # type: ignore[misc]
