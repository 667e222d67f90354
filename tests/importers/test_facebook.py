"""Golden tests of the Facebook importer on tests/fixtures/facebook/export2024/ (the 2023+ layout:
``connections/friends/your_friends.json`` and ``your_facebook_activity/messages/inbox/…``, every
non-ASCII string written as mojibake the way Facebook does: UTF-8 bytes as \\u00XX escapes)."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.facebook import detect, read_facebook
from netvalue.importers.json_export import repair_mojibake
from netvalue.importing import run_import
from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    InteractionRecord,
    OwnerRecord,
    PersonRecord,
)
from netvalue.store import Database

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "facebook" / "export2024"
ZOE = Identity("facebook", "Zoë Martin")
SAM = Identity("facebook", "Sam Ortiz")


def read(path: Path, options: ImportOptions | None = None) -> list[ImportItem]:
    return list(read_facebook(path, options or ImportOptions()))


def test_friends_with_mojibake_repaired() -> None:
    friends = [i for i in read(EXPORT) if isinstance(i, PersonRecord) and i.is_connection]
    assert [(f.name, f.connected_on, f.relation) for f in friends] == [
        ("Zoë Martin", 1650000000, "friend"),
        ("Sam Ortiz", 1600000000, "friend"),
        ("Łukasz Nowak", 1500000000, "friend"),
    ]
    assert friends[0].identities == (ZOE,)


def test_owner_is_inferred_from_threads() -> None:
    owners = [i for i in read(EXPORT) if isinstance(i, OwnerRecord)]
    assert owners == [OwnerRecord("facebook", identities=(Identity("facebook", "Alex Kim"),))]


def test_messages_direction_and_group_size() -> None:
    messages = [i for i in read(EXPORT) if isinstance(i, InteractionRecord)]
    found = sorted(
        (m.conversation_id, m.person.value, m.direction, m.group_size, m.occurred_at) for m in messages
    )
    assert found == [
        ("inbox/climbingcrew_5551234", "Sam Ortiz", "received", 2, 1700100000),
        ("inbox/climbingcrew_5551234", "Sam Ortiz", "sent", 2, 1700000500),
        ("inbox/climbingcrew_5551234", "Zoë Martin", "sent", 2, 1700000500),
        ("inbox/zoemartin_10158812345678901", "Zoë Martin", "received", 1, 1700000000),
        ("inbox/zoemartin_10158812345678901", "Zoë Martin", "sent", 1, 1700000300),
    ]
    assert {m.kind for m in messages} == {"message"}
    assert len({m.source_key for m in messages}) == 5
    reads = {r.name: (r.rows, r.skipped) for r in read(EXPORT) if isinstance(r, FileRead)}
    assert reads["your_facebook_activity/messages/inbox/climbingcrew_5551234/message_1.json"] == (3, 1)
    ignored = [i.name for i in read(EXPORT) if isinstance(i, FileIgnored)]
    assert ignored == ["your_facebook_activity/comments_and_reactions/comments.json"]


def test_me_option_names_the_owner() -> None:
    items = read(EXPORT, ImportOptions(extra=(("facebook_me", "Sam Ortiz"),)))
    sent = {(m.person.value, m.direction) for m in items if isinstance(m, InteractionRecord)}
    assert ("Alex Kim", "received") in sent


def test_repair_mojibake_is_guarded() -> None:
    assert repair_mojibake("Zo\u00c3\u00ab") == "Zoë"
    assert repair_mojibake("Zoë") == "Zoë"  # not mojibake: \u00eb alone is not UTF-8
    assert repair_mojibake("李伟") == "李伟"


def test_zip_as_downloaded(tmp_path: Path) -> None:
    archive = tmp_path / "facebook-alexkim-2024-01-01-AbCdEf.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(p for p in EXPORT.rglob("*") if p.is_file()):
            zf.write(file, file.relative_to(EXPORT).as_posix())
    assert detect(archive)
    names = [r.name for r in read(archive) if isinstance(r, FileRead)]
    assert names[0] == f"{archive.name}:connections/friends/your_friends.json"


def test_detect() -> None:
    assert detect(EXPORT)
    assert detect(EXPORT / "connections" / "friends" / "your_friends.json")
    assert not detect(EXPORT.parent.parent / "instagram" / "export2025")
    assert not detect(EXPORT.parent.parent / "calendar")


def test_bad_json_is_an_import_error(tmp_path: Path) -> None:
    bad = tmp_path / "connections" / "friends" / "your_friends.json"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"friends_v2": [', encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"your_friends\.json.*not valid JSON"):
        read(tmp_path)


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, EXPORT, source="facebook").totals["added"] > 0
    assert run_import(db, EXPORT, source="facebook", options=ImportOptions(force=True)).totals["added"] == 0
    assert db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 5


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "friends_v2",
                    "name",
                    "timestamp",
                    "participants",
                    "messages",
                    "sender_name",
                    "timestamp_ms",
                    "title",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(JSON, JSON)
def test_any_json_gives_records_or_import_error(friends: Any, thread: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "connections" / "friends").mkdir(parents=True)
        (root / "connections" / "friends" / "your_friends.json").write_text(json.dumps(friends))
        (root / "messages" / "inbox" / "t_1").mkdir(parents=True)
        (root / "messages" / "inbox" / "t_1" / "message_1.json").write_text(json.dumps(thread))
        with contextlib.suppress(ImportFormatError):
            read(root)


@pytest.mark.realdata
def test_real_export(shared_data: Path) -> None:
    items = read(shared_data / "exports" / "facebook")
    assert sum(isinstance(i, PersonRecord) and i.is_connection for i in items) == 5
    assert any(isinstance(i, InteractionRecord) for i in items)


def test_profile_names_the_owner_and_unchanged_threads_are_skipped(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    profile = export / "personal_information" / "profile_information" / "profile_information.json"
    profile.parent.mkdir(parents=True)
    profile.write_text(json.dumps({"profile_v2": {"name": {"full_name": "Sam Ortiz"}}}), encoding="utf-8")
    items = read(export)
    assert [i for i in items if isinstance(i, OwnerRecord)] == [OwnerRecord("facebook", identities=(SAM,))]
    digests = frozenset(r.sha256 for r in items if isinstance(r, FileRead) and r.sha256)
    again = read(export, ImportOptions(known_hashes=digests))
    assert not any(isinstance(i, InteractionRecord) for i in again)
    assert all(r.unchanged for r in again if isinstance(r, FileRead))
