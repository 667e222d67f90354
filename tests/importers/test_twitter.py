"""Golden tests of the X/Twitter importer on tests/fixtures/twitter/archive2023/ (``data/*.js`` with
the ``window.YTD.<type>.part0 = `` prefix, the archive's ``" : "`` spacing, ids above 2^53 as strings)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.twitter import _direct_messages, detect, parse_ytd, read_twitter
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

ARCHIVE = Path(__file__).resolve().parents[1] / "fixtures" / "twitter" / "archive2023"
OWNER = "1523675943662767659"


def read(path: Path) -> list[ImportItem]:
    return list(read_twitter(path, ImportOptions()))


def test_owner_followers_and_following() -> None:
    items = read(ARCHIVE)
    assert [i for i in items if isinstance(i, OwnerRecord)] == [
        OwnerRecord("twitter", identities=(Identity("twitter", OWNER),))
    ]
    people = [
        (p.identities[0].value, p.relation, p.is_connection) for p in items if isinstance(p, PersonRecord)
    ]
    assert people == [
        ("1234567890123456789", "follower", True),  # above 2^53, kept exact
        ("98765", "follower", False),
        ("1234567890123456789", "following", True),
        ("4444", "following", False),
    ]
    assert [i.name for i in items if isinstance(i, FileIgnored)] == ["data/tweets.js"]


def test_direct_messages() -> None:
    messages = [i for i in read(ARCHIVE) if isinstance(i, InteractionRecord)]
    assert [(m.person.value, m.direction, m.occurred_at, m.length) for m in messages] == [
        ("98765", "sent", 1690020000, 16),  # 2023-07-22T10:00:00Z
        ("98765", "received", 1690019880, 14),
    ]
    assert messages[0].conversation_id == f"98765-{OWNER}"


def test_prefix_is_required() -> None:
    assert parse_ytd(b"window.YTD.follower.part0 = []", "f.js") == []
    with pytest.raises(ImportFormatError, match=r"window\.YTD"):
        parse_ytd(b"[]", "f.js")
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        parse_ytd(b"window.YTD.follower.part0 = [{", "f.js")


def test_detect() -> None:
    assert detect(ARCHIVE)
    assert detect(ARCHIVE / "data" / "follower.js")
    assert not detect(ARCHIVE / "data")
    assert not detect(ARCHIVE.parent.parent / "facebook" / "export2024")


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, ARCHIVE, source="twitter").totals["added"] > 0
    assert run_import(db, ARCHIVE, source="twitter", options=ImportOptions(force=True)).totals["added"] == 0


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "dmConversation",
                    "conversationId",
                    "messages",
                    "messageCreate",
                    "senderId",
                    "recipientId",
                    "createdAt",
                    "text",
                    "id",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(JSON, max_size=3), st.none() | st.just(OWNER))
def test_any_dm_json_gives_records(items: list[Any], owner: str | None) -> None:
    data = ("window.YTD.direct_messages.part0 = " + json.dumps(items)).encode()
    parsed = parse_ytd(data, "dm.js")
    for record in _direct_messages(parsed, owner, "dm.js", "0"):
        assert isinstance(record, InteractionRecord | FileRead)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_list_or_import_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        assert isinstance(parse_ytd(b"window.YTD.x.part0 = " + data, "x.js"), list)


@pytest.mark.realdata
def test_real_archive(shared_data: Path) -> None:
    owners = [i for i in read(shared_data / "exports" / "twitter") if isinstance(i, OwnerRecord)]
    assert owners[0].identities == (Identity("twitter", OWNER),)
