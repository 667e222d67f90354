"""Golden tests of the Instagram importer on tests/fixtures/instagram/export2025/ (the late-2025 shape:
``followers_1.json`` a bare list, ``following.json`` wrapped in ``relationships_following``, hrefs
``https://www.instagram.com/_u/<user>``, some user names only in ``title`` or only in the href)."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import ImportFormatError
from netvalue.importers.base import ImportOptions
from netvalue.importers.instagram import detect, follow_items, read_instagram, user_of
from netvalue.importing import run_import
from netvalue.records import FileIgnored, FileRead, ImportItem, PersonRecord
from netvalue.store import Database

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "instagram" / "export2025"
LISTS = EXPORT / "connections" / "followers_and_following"


def read(path: Path, options: ImportOptions | None = None) -> list[ImportItem]:
    return list(read_instagram(path, options or ImportOptions()))


def test_followers_and_following() -> None:
    people = [
        (p.identities[0].value, p.relation, p.is_connection, p.connected_on)
        for p in read(EXPORT)
        if isinstance(p, PersonRecord)
    ]
    assert people == [
        ("zoe.martin", "follower", True, 1690000000),  # follows and is followed back: a connection
        ("sam_ortiz", "follower", False, None),  # user name only in title
        ("lena.berg", "follower", False, None),  # user name only in the href
        ("zoe.martin", "following", True, 1680000000),
        ("natgeo", "following", False, None),
    ]
    reads = [(r.name, r.rows, r.skipped) for r in read(EXPORT) if isinstance(r, FileRead)]
    assert reads == [
        ("connections/followers_and_following/followers_1.json", 4, 1),
        ("connections/followers_and_following/following.json", 2, 0),
    ]
    assert [i.name for i in read(EXPORT) if isinstance(i, FileIgnored)] == [
        "connections/followers_and_following/pending_follow_requests.json"
    ]


def test_translated_keys_and_old_wrapper() -> None:
    item = {"string_list_data": [{"href": "https://www.instagram.com/mary", "value": "mary", "timestamp": 5}]}
    assert follow_items({"relaciones_seguidores": [item]}) == [item]
    assert follow_items({"relationships_followers": [item]}) == [item]
    assert user_of(item) == ("mary", 5)
    assert user_of({"title": "", "string_list_data": []}) is None


def test_one_file_on_its_own() -> None:
    assert detect(LISTS / "followers_1.json")
    people = [p for p in read(LISTS / "followers_1.json") if isinstance(p, PersonRecord)]
    assert [p.is_connection for p in people] == [False, False, False]


def test_detect() -> None:
    assert detect(EXPORT)
    assert not detect(EXPORT.parent.parent / "facebook" / "export2024")
    assert not detect(EXPORT.parent.parent / "twitter" / "archive2023")


def test_no_follow_lists_is_an_import_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no Instagram followers"):
        read(tmp_path)


def test_reimport_adds_nothing(db: Database) -> None:
    assert run_import(db, EXPORT, source="instagram").totals["added"] == 4
    assert run_import(db, EXPORT, source="instagram", options=ImportOptions(force=True)).totals["added"] == 0
    unchanged = run_import(db, EXPORT, source="instagram")
    assert [f.unchanged for f in unchanged.files if not f.ignored] == [True, True]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["string_list_data", "href", "value", "timestamp", "title"]), children, max_size=4
        )
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_any_json_gives_records_or_import_error(data: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lists = Path(folder) / "followers_and_following"
        lists.mkdir()
        (lists / "followers_1.json").write_text(json.dumps(data))
        with contextlib.suppress(ImportFormatError):
            read(Path(folder))


@pytest.mark.realdata
def test_real_export(shared_data: Path) -> None:
    people = [p for p in read(shared_data / "exports" / "instagram" / "v1") if isinstance(p, PersonRecord)]
    assert len(people) >= 5
    assert any(p.is_connection for p in people)
