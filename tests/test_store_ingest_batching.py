"""The batched writer of ``store.ingest`` writes what a row-by-row upsert would: the same rows, ids, NULLs
and counts, whether keys are new, repeated within a batch or already stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netvalue.records import (
    Identity,
    ImportItem,
    InteractionBatch,
    InteractionRecord,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store import Database
from netvalue.store.ingest import _UPSERT_INTERACTION, _Writer, import_stream


def _message(key: str, who: str, **changes: Any) -> InteractionRecord:
    fields: dict[str, Any] = {
        "source": "linkedin",
        "source_key": key,
        "person": Identity("linkedin", f"linkedin.com/in/{who}"),
        "kind": "message",
        "direction": "received",
        "occurred_at": 1_700_000_000,
        "message_key": key,
        "conversation_id": "c1",
        "length": 10,
    }
    fields.update(changes)
    return InteractionRecord(**fields)


def _interactions(db: Database) -> list[tuple[object, ...]]:
    return db.conn.execute(
        "SELECT id, source, source_key, key_hash, person_id, kind, direction, occurred_at, message_key,"
        " conversation_id, group_size, length, title, bulk FROM interactions ORDER BY id"
    ).fetchall()


def _streams() -> list[list[ImportItem]]:
    first: list[ImportItem] = [_message(f"m{n}", f"p{n % 7}") for n in range(40)]
    first.insert(10, _message("m3", "p3", title="edited within the batch"))  # a key repeated in one batch
    second: list[ImportItem] = [
        _message(f"m{n}", f"p{n % 7}", length=99 if n % 5 == 0 else 10) for n in range(30, 60)
    ]
    return [first, second]


def test_the_rows_and_counts_are_those_of_the_upsert_alone(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batched = [
        import_stream(db, items, source="linkedin", path=f"s{i}", sha256=f"s{i}", now=1)
        for i, items in enumerate(_streams())
    ]
    rows = _interactions(db)

    def upsert_only(self: _Writer, rows: list[tuple[object, ...]], top: int) -> None:
        self.conn.executemany(_UPSERT_INTERACTION, rows)

    monkeypatch.setattr(_Writer, "_write_interactions", upsert_only)
    with Database.open(tmp_path / "reference.db") as reference:
        expected = [
            import_stream(reference, items, source="linkedin", path=f"s{i}", sha256=f"s{i}", now=1)
            for i, items in enumerate(_streams())
        ]
        assert rows == _interactions(reference)
    assert [r.totals for r in batched] == [r.totals for r in expected]
    assert batched[0].totals["added"] == 40 and batched[0].totals["updated"] == 1  # m3 again
    assert batched[1].totals["added"] == 20 and batched[1].totals["updated"] == 2  # m30, m35 changed
    assert [r[0] for r in rows] == list(range(1, 61))


def test_a_key_repeated_in_one_batch_keeps_the_later_values(db: Database) -> None:
    report = import_stream(
        db,
        [_message("k1", "ann"), _message("k2", "bob"), _message("k1", "ann", title="second")],
        source="linkedin",
        path="a",
        sha256="a",
    )
    assert report.totals["added"] == 2 and report.totals["updated"] == 1
    titles = db.conn.execute("SELECT source_key, title FROM interactions ORDER BY id").fetchall()
    assert titles == [("k1", "second"), ("k2", None)]


def test_none_is_stored_as_null_and_falsy_values_as_themselves(db: Database) -> None:
    nothing = _message(
        "n", "ann", occurred_at=None, message_key=None, conversation_id=None, length=None, title=None
    )
    falsy = _message("f", "ann", occurred_at=0, message_key="", conversation_id="0", length=0, title="")
    import_stream(db, [nothing, falsy], source="linkedin", path="a", sha256="a")
    stored = db.conn.execute(
        "SELECT occurred_at, message_key, conversation_id, length, title FROM interactions ORDER BY id"
    ).fetchall()
    assert stored == [(None, None, None, None, None), (0, "", "0", 0, "")]
    people = db.conn.execute("SELECT first_name, company, headline FROM people").fetchall()
    assert people == [(None, None, None)]


def test_new_people_get_the_ids_sqlite_would_give_even_after_a_merge(db: Database) -> None:
    def person(name: str, *keys: str, company: str | None = None) -> PersonRecord:
        return PersonRecord(
            source="linkedin",
            identities=tuple(Identity("email", k) for k in keys),
            name=name,
            company=company,
        )

    def stream() -> Iterator[ImportItem]:
        yield person("Ann", "ann@x.org")
        yield person("Bob", "bob@x.org")
        yield person("Ann Both", "ann@x.org", "bob@x.org")  # ties Ann and Bob: Bob (id 2) is merged away
        yield person("Cid", "cid@x.org")  # SQLite gives max(id) + 1 = 2 again
        yield person("Cid", "cid@x.org", company="Acme")  # names a person just written: updates it
        yield _message("m1", "dee", person_name="Dee")  # an unknown counterpart becomes a person

    import_stream(db, stream(), source="linkedin", path="a", sha256="a")
    people = db.conn.execute("SELECT id, name, company FROM people ORDER BY id").fetchall()
    assert people == [(1, "Ann Both", None), (2, "Cid", "Acme"), (3, "Dee", None)]
    owners = dict(db.conn.execute("SELECT value, person_id FROM identities").fetchall())
    assert owners == {"ann@x.org": 1, "bob@x.org": 1, "cid@x.org": 2, "linkedin.com/in/dee": 3}
    assert db.conn.execute("SELECT person_id FROM interactions").fetchall() == [(3,)]
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _as_batches(items: list[ImportItem], size: int) -> list[ImportItem]:
    """``items`` with every run of messages packed into InteractionBatches of up to ``size``."""
    packed: list[ImportItem] = []
    batch = InteractionBatch("linkedin", "message")
    adds = batch.appenders()
    for item in items:
        if not isinstance(item, InteractionRecord):
            if len(batch):
                packed.append(batch.taken())
            packed.append(item)
            continue
        values = (
            item.source_key, item.person, item.direction, item.occurred_at, item.message_key,
            item.conversation_id, item.group_size, item.length, item.title, item.person_name, item.bulk,
        )  # fmt: skip
        for add, value in zip(adds, values, strict=True):
            add(value)
        if len(batch) >= size:
            packed.append(batch.taken())
    if len(batch):
        packed.append(batch.taken())
    return packed


def test_a_batch_writes_exactly_what_its_records_would(db: Database, tmp_path: Path) -> None:
    """InteractionBatch (how the LinkedIn importer hands over its messages) against the same interactions
    as records: the same rows, ids, people and counts, a batch split across the writer's own flushes."""
    streams = _streams()
    me = Identity("linkedin", "linkedin.com/in/me")
    streams[0].insert(0, OwnerRecord(source="linkedin", name="Me", identities=(me,)))
    streams[0].insert(20, _message("mine", "me"))  # the owner is nobody's counterpart: skipped
    streams[1].insert(
        5, PersonRecord(source="linkedin", identities=(Identity("email", "x@y.org"),), name="X")
    )
    streams[1].append(_message("m99", "newcomer", person_name="New Comer", occurred_at=None, title=""))
    expected = [
        import_stream(db, items, source="linkedin", path=f"s{i}", sha256=f"s{i}", now=1)
        for i, items in enumerate(streams)
    ]
    with Database.open(tmp_path / "batched.db") as batched:
        progress: list[int] = []
        reports = [
            import_stream(
                batched,
                _as_batches(items, size=7),
                source="linkedin",
                path=f"s{i}",
                sha256=f"s{i}",
                now=1,
                on_progress=lambda _name, done: progress.append(done),
            )
            for i, items in enumerate(streams)
        ]
        assert _interactions(batched) == _interactions(db)
        people = "SELECT id, name FROM people ORDER BY id"
        assert batched.conn.execute(people).fetchall() == db.conn.execute(people).fetchall()
    assert [r.totals for r in reports] == [r.totals for r in expected]
    assert reports[0].totals["skipped"] == 1
    assert progress[-1] == len(streams[1])  # progress counts the records a batch stands for


def test_a_batch_gives_its_records_and_can_be_taken_while_filling() -> None:
    batch = InteractionBatch("linkedin", "message")
    adds = batch.appenders()
    for n in range(3):
        for add, value in zip(
            adds,
            (f"k{n}", Identity("email", f"{n}@x.org"), "sent", n, None, "c", 2, 5, None, None, n == 2),
            strict=True,
        ):
            add(value)
    taken = batch.taken()
    assert len(batch) == 0 and len(taken) == 3
    adds[0]("k9")  # the appenders still fill the emptied batch
    assert batch.source_keys == ["k9"] and taken.source_keys == ["k0", "k1", "k2"]
    records = list(taken.records())
    assert records[2] == InteractionRecord(
        "linkedin",
        "k2",
        Identity("email", "2@x.org"),
        "message",
        "sent",
        2,
        None,
        "c",
        2,
        5,
        None,
        None,
        True,
    )
    with pytest.raises(ValueError):  # columns of unequal length are an error, never a silent cut
        list(batch.records())
