"""X/Twitter archive: followers, following and direct messages.

Every ``data/*.js`` file is ``window.YTD.<type>.part0 = [ … ]``: the JSON after the first ``=``.
``follower.js``/``following.js`` hold account ids only (``{"follower": {"accountId", "userLink"}}``);
``direct-messages.js`` (and ``direct-messages-group.js``) hold
``dmConversation.messages[].messageCreate{senderId, recipientId, createdAt, text}``.  Ids exceed
2^53, so they are kept as the strings the archive writes (``Identity("twitter", id)``).  The owner's
id is ``account.js``'s ``accountId``.

Like Instagram (see :mod:`netvalue.importers.instagram`), an account that follows the owner and is
followed back is a connection; a one-way follow is recorded with its relation only.  A DM from the
owner to a conversation of n others is n ``sent`` interactions with ``group_size`` n; a DM to the
owner is one ``received`` interaction; in a group of more than ``ImportOptions.max_group`` others the
DMs are ``bulk`` (co-occurrence only, as for e-mail and Facebook threads).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from netvalue.errors import ImportFormatError, map_errors
from netvalue.importers.base import (
    Importer,
    ImportOptions,
    decode_text,
    message_records,
    sha256_of_bytes,
)
from netvalue.importers.json_export import ExportArchive, as_list, not_json, too_deep
from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    OwnerRecord,
    PersonRecord,
    plausible_time,
)

SOURCE = "twitter"
_PREFIX = re.compile(r"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=")
_KIND = re.compile(r"(^|/)(?P<kind>account|follower|following|direct-messages(-group)?)(-part\d+)?\.js$")


def parse_ytd(data: bytes, name: str) -> list[Any]:
    """The list of a ``window.YTD.x.part0 = [...]`` file, or the project's import error naming it."""
    text = decode_text(data, name)
    match = _PREFIX.match(text)
    if not match:
        raise ImportFormatError(
            name, "does not start with window.YTD.<type>.part0 = (not an X archive file)", 1
        )
    with (
        map_errors(RecursionError, too_deep(name)),
        map_errors(json.JSONDecodeError, not_json(name, " after its window.YTD prefix")),
    ):
        parsed = json.loads(text[match.end() :])
    if not isinstance(parsed, list):
        raise ImportFormatError(name, "holds no list after its window.YTD prefix")
    return parsed


def _kind(member: str) -> str | None:
    match = _KIND.search(member)
    return match.group("kind") if match else None


def _timestamp(text: object) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        return plausible_time(int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()))
    except (ValueError, OverflowError):
        return None


def _account_ids(items: list[Any], key: str) -> list[str]:
    ids: list[str] = []
    for item in items:
        inner = item.get(key) if isinstance(item, dict) else None
        account = inner.get("accountId") if isinstance(inner, dict) else None
        if isinstance(account, str | int) and str(account).strip():
            ids.append(str(account).strip())
    return ids


def read_twitter(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    archive = ExportArchive(path)
    members = archive.members()
    used = {m: k for m in members if (k := _kind(m)) is not None}
    if not used:
        raise ImportFormatError(
            str(path), "holds no X archive data (data/follower.js, following.js, direct-messages.js)"
        )
    raw = {m: archive.read(m) for m in used}
    digests = {m: sha256_of_bytes(data) for m, data in raw.items()}
    if not options.force and all(d in options.known_hashes for d in digests.values()):
        # follow-backs are read across both lists, so the files are skipped only together
        for member in used:
            yield FileRead(archive.display(member), rows=0, sha256=digests[member], unchanged=True)
        return
    parsed = {m: parse_ytd(data, archive.display(m)) for m, data in raw.items()}
    owner: str | None = dict(options.extra).get("twitter_me")
    for member, kind in used.items():
        if kind == "account" and owner is None:
            ids = _account_ids(parsed[member], "account")
            owner = ids[0] if ids else None
    if owner:
        yield OwnerRecord(SOURCE, identities=(Identity("twitter", owner),))
    followers = {a for m, k in used.items() if k == "follower" for a in _account_ids(parsed[m], "follower")}
    following = {a for m, k in used.items() if k == "following" for a in _account_ids(parsed[m], "following")}
    for member, kind in used.items():
        name = archive.display(member)
        digest = digests[member]
        if kind in ("follower", "following"):
            ids = _account_ids(parsed[member], kind)
            for account in ids:
                mutual = account in followers and account in following
                yield PersonRecord(
                    SOURCE, (Identity("twitter", account),), account, is_connection=mutual, relation=kind
                )
            yield FileRead(
                name, rows=len(parsed[member]), skipped=len(parsed[member]) - len(ids), sha256=digest
            )
        elif kind.startswith("direct-messages"):
            yield from _direct_messages(parsed[member], owner, name, digest, options.max_group)
        else:
            yield FileRead(name, rows=len(parsed[member]), sha256=digest)
    for member in members:
        if member not in used:
            yield FileIgnored(archive.display(member))


def _direct_messages(
    items: list[Any], owner: str | None, name: str, digest: str, max_group: int = 4
) -> Iterator[ImportItem]:
    rows = skipped = 0
    for item in items:
        conversation = item.get("dmConversation") if isinstance(item, dict) else None
        if not isinstance(conversation, dict):
            skipped += 1
            continue
        conversation_id = str(conversation.get("conversationId") or "")
        created: list[dict[str, Any]] = [
            m["messageCreate"]
            for m in as_list(conversation.get("messages"))
            if isinstance(m, dict) and isinstance(m.get("messageCreate"), dict)
        ]
        members = {
            str(c.get(k)) for c in created for k in ("senderId", "recipientId") if c.get(k) is not None
        }
        members |= {p for p in conversation_id.split("-") if p.isdigit()}
        others = sorted(members - {owner} if owner else members)
        for message in created:
            rows += 1
            sender = str(message.get("senderId") or "")
            if not sender:
                skipped += 1
                continue
            yield from message_records(
                source=SOURCE,
                identity_kind="twitter",
                message_key=str(
                    message.get("id") or f"{conversation_id}|{message.get('createdAt')}|{sender}"
                ),
                sender=sender,
                owner=owner,
                others=others,
                occurred_at=_timestamp(message.get("createdAt")),
                conversation_id=conversation_id or None,
                max_group=max_group,
                length=len(message["text"]) if isinstance(message.get("text"), str) else None,
            )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=digest)


def detect(path: Path) -> bool:
    """An X archive: a folder (or zip) with ``data/*.js`` files, or one such file, starting ``window.YTD``."""
    if path.is_file() and path.suffix.lower() == ".js":
        candidate: Path | None = path
    elif path.is_dir():
        candidate = next(
            (
                path / "data" / f"{n}.js"
                for n in ("follower", "following", "direct-messages", "account")
                if (path / "data" / f"{n}.js").is_file()
            ),
            None,
        )
    elif path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return any(
                    _kind(n) in ("follower", "following", "direct-messages") for n in archive.namelist()
                )
        except (zipfile.BadZipFile, OSError):
            return False
    else:
        return False
    if candidate is None:
        return False
    try:
        with candidate.open("rb") as fh:
            return fh.read(64).lstrip().startswith(b"window.YTD.")
    except OSError:
        return False


IMPORTER = Importer(
    source=SOURCE,
    description="X/Twitter archive (the zip or its folder): followers, following and direct messages.",
    read=read_twitter,
    detect=detect,
    how_to_export="X: Settings -> Your account -> Download an archive of your data (the zip arrives by e-mail).",
    name_trust=2,
)
