"""Instagram "Download your information" in JSON: followers and following.

Followers are in ``followers_1.json`` (``_2``, … for large accounts; a bare list) or, in older
archives, ``followers.json`` wrapped in ``{"relationships_followers": [...]}``; following is in
``following.json`` as ``{"relationships_following": [...]}``.  Items carry
``string_list_data[{href, value, timestamp}]``; since late 2025 hrefs look like
``https://www.instagram.com/_u/<user>`` and some items carry the user name in ``title`` instead
of ``value``.  Keys can be translated into the account's language, so the list is found by shape
(the first list of items with ``string_list_data``), and which list it is by the file name.

One person per user name (``Identity("instagram", user)``).  Our rule, kept simple: a user who
both follows the owner and is followed back is a connection (two connection rows, relations
``follower`` and ``following``, each dated by its own timestamp); a one-way follow is recorded with
its relation but is not a connection.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from netvalue.errors import ImportFormatError
from netvalue.importers.base import Importer, ImportOptions, sha256_of_bytes
from netvalue.importers.json_export import ExportArchive, epoch, load_json, repair_mojibake, sniff_json
from netvalue.records import FileIgnored, FileRead, Identity, ImportItem, PersonRecord

SOURCE = "instagram"
Relation = Literal["follower", "following"]
_FOLLOWERS = re.compile(r"(^|/)followers(_\d+)?\.json$")
_FOLLOWING = re.compile(r"(^|/)following\.json$")
_USER_IN_HREF = re.compile(r"instagram\.com/(?:_u/)?([A-Za-z0-9._]+)")


def relation_of(member: str) -> Relation | None:
    if _FOLLOWERS.search(member):
        return "follower"
    if _FOLLOWING.search(member):
        return "following"
    return None


def follow_items(parsed: Any) -> list[Any] | None:
    """The list of follow items, wherever (and under whatever translated key) the file puts it."""
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict):
        for value in parsed.values():
            if isinstance(value, list) and (
                not value or any(isinstance(v, dict) and "string_list_data" in v for v in value)
            ):
                return value
    return None


def user_of(item: Any) -> tuple[str, int | None] | None:
    """``(user name, timestamp)`` of one follow item; ``None`` when it names nobody."""
    if not isinstance(item, dict):
        return None
    entries = item.get("string_list_data") or [{}]
    entry = entries[0] if isinstance(entries, list) and entries and isinstance(entries[0], dict) else {}
    user = entry.get("value") or item.get("title")
    if not isinstance(user, str) or not user.strip():
        match = _USER_IN_HREF.search(str(entry.get("href") or ""))
        user = match.group(1) if match else ""
    stamp = entry.get("timestamp")
    when = epoch(stamp)
    user = repair_mojibake(user).strip().lstrip("@").lower()
    return (user, when) if user else None


def read_instagram(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    archive = ExportArchive(path)
    members = archive.members()
    lists = [(m, relation_of(m)) for m in members if relation_of(m) is not None]
    if not lists:
        raise ImportFormatError(
            str(path), "holds no Instagram followers or following JSON (choose JSON when exporting)"
        )
    follows: dict[str, list[tuple[str, int | None]]] = {}  # member -> (user, timestamp)
    digests: dict[str, str] = {}
    skipped: dict[str, int] = {}
    for member, _ in lists:
        name = archive.display(member)
        data = archive.read(member)
        digests[member] = sha256_of_bytes(data)
        items = follow_items(load_json(data, name))
        if items is None:
            raise ImportFormatError(name, "has no list of followers or following")
        users = [user_of(item) for item in items]
        follows[member] = [u for u in users if u is not None]
        skipped[member] = sum(u is None for u in users)
    if not options.force and all(digests[m] in options.known_hashes for m, _ in lists):
        # follow-backs are read across both lists, so the lists are skipped only together
        for member, _ in lists:
            yield FileRead(archive.display(member), rows=0, sha256=digests[member], unchanged=True)
        return
    followers = {u for m, r in lists if r == "follower" for u, _ in follows[m]}
    following = {u for m, r in lists if r == "following" for u, _ in follows[m]}
    for member, relation in lists:
        assert relation is not None
        for user, when in follows[member]:
            mutual = user in followers and user in following
            yield PersonRecord(
                source=SOURCE,
                identities=(Identity("instagram", user),),
                name=user,
                is_connection=mutual,
                connected_on=when if mutual else None,
                relation=relation,
            )
        yield FileRead(
            archive.display(member),
            rows=len(follows[member]) + skipped[member],
            skipped=skipped[member],
            sha256=digests[member],
        )
    for member in members:
        if relation_of(member) is None:
            yield FileIgnored(archive.display(member))


def detect(path: Path) -> bool:
    """A folder (or zip) with Instagram's ``followers_and_following`` files, or one of those files."""
    if path.suffix.lower() == ".json":
        return relation_of(path.name) is not None and sniff_json(path, b'"string_list_data"')
    try:
        if path.is_dir():
            # the export's root, or the folder above it (the unzipped download often has one more level)
            patterns = ("", "connections/", "*/", "*/connections/")
            return path.name == "followers_and_following" or any(
                p.is_dir() for pattern in patterns for p in path.glob(pattern + "followers_and_following")
            )
        if path.suffix.lower() != ".zip":
            return False
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return any("followers_and_following/" in n and relation_of(n) for n in archive.namelist())
    except OSError:
        return False


IMPORTER = Importer(
    source=SOURCE,
    description="Instagram 'Download your information' in JSON (the zip or its folder): followers and following.",
    read=read_instagram,
    detect=detect,
    how_to_export=(
        "Instagram: Settings -> Accounts Centre -> Your information and permissions -> Download your information; "
        "choose format JSON and include Followers and following."
    ),
    name_trust=2,
)
