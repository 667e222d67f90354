"""Facebook "Download your information" in JSON: friends and Messenger threads.

Files are found by name, wherever the archive puts them (a folder, or the zip as downloaded):
friends in ``friends_and_followers/friends.json`` (older) or ``connections/friends/your_friends.json``
(2023+), both ``{"friends_v2": [{"name", "timestamp"}]}``; threads in
``messages/inbox/<thread>/message_N.json``, also under ``your_facebook_activity/``.  Facebook writes
every string as UTF-8 bytes escaped as Latin-1 code points (mojibake); :func:`repair_mojibake`
undoes it.  The export carries no ids, so people are keyed by display name
(``Identity("facebook", name)``).

The owner is ``ImportOptions.extra["facebook_me"]``, else the name in
``profile_information/profile_information.json``, else the one participant present in every thread
who is not a thread's title (Facebook titles a one-to-one thread with the other person's name).
A message from the owner to a thread of n others is n ``sent`` interactions, each ``group_size`` n
(Kossinets & Watts 2006); a message from someone else is one ``received`` interaction.  In a thread
of more than ``ImportOptions.max_group`` others, messages are ``bulk`` (co-occurrence only; the e-mail
rule of Kossinets & Watts extended to group chats, our choice).

The archive, its JSON and Facebook's mojibake are read by :mod:`netvalue.importers.json_export`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netvalue.errors import ImportFormatError
from netvalue.importers.base import (
    Importer,
    ImportOptions,
    message_records,
    sha256_of_bytes,
)
from netvalue.importers.json_export import (
    ExportArchive,
    as_list,
    epoch,
    load_json,
    repair_mojibake,
    sniff_json,
)
from netvalue.records import (
    FileIgnored,
    FileRead,
    Identity,
    ImportItem,
    OwnerRecord,
    PersonRecord,
)

SOURCE = "facebook"
_FRIENDS = re.compile(r"(^|/)(friends|your_friends)\.json$")
_THREAD = re.compile(r"(^|/)messages/(inbox|archived_threads|filtered_threads)/([^/]+)/message_\d+\.json$")
_PROFILE = re.compile(r"(^|/)profile_information/profile_information\.json$")


def _text(value: object) -> str:
    return repair_mojibake(value).strip() if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Thread:
    member: str
    thread_id: str
    title: str
    participants: tuple[str, ...]
    messages: tuple[tuple[str, int | None], ...]  # (sender, epoch milliseconds)
    sha256: str


def read_facebook(path: Path, options: ImportOptions) -> Iterator[ImportItem]:
    archive = ExportArchive(path)
    members = archive.members()
    threads: list[Thread] = []
    profile_owner: str | None = None
    used: set[str] = set()
    for member in members:
        if _PROFILE.search(member):
            data = load_json(archive.read(member), archive.display(member))
            profile = (data.get("profile_v2") or data.get("profile")) if isinstance(data, dict) else None
            names = profile.get("name") if isinstance(profile, dict) else None
            full = names.get("full_name") if isinstance(names, dict) else None
            profile_owner = _text(full) or None
        elif match := _THREAD.search(member):
            threads.append(_read_thread(archive, member, match.group(3)))
    if not any(_FRIENDS.search(m) for m in members) and not threads:
        raise ImportFormatError(
            str(path), "holds no Facebook friends.json or messages (choose JSON when exporting)"
        )
    owner = dict(options.extra).get("facebook_me") or profile_owner or _thread_owner(threads)
    if owner:
        yield OwnerRecord(SOURCE, identities=(Identity("facebook", owner),))
    for member in members:
        if _FRIENDS.search(member):
            used.add(member)
            yield from _read_friends(archive, member, options)
    for thread in threads:
        used.add(thread.member)
        if thread.sha256 in options.known_hashes and not options.force:
            yield FileRead(archive.display(thread.member), rows=0, sha256=thread.sha256, unchanged=True)
            continue
        yield from _thread_records(thread, owner, archive.display(thread.member), options.max_group)
    for member in members:
        if member not in used:
            yield FileIgnored(archive.display(member))


def _read_friends(archive: ExportArchive, member: str, options: ImportOptions) -> Iterator[ImportItem]:
    name = archive.display(member)
    data = archive.read(member)
    digest = sha256_of_bytes(data)
    if digest in options.known_hashes and not options.force:
        yield FileRead(name, rows=0, sha256=digest, unchanged=True)
        return
    parsed = load_json(data, name)
    friends = parsed.get("friends_v2", parsed.get("friends")) if isinstance(parsed, dict) else parsed
    if not isinstance(friends, list):
        raise ImportFormatError(name, 'has no "friends_v2" list')
    skipped = 0
    for friend in friends:
        friend_name = _text(friend.get("name")) if isinstance(friend, dict) else ""
        if not friend_name:
            skipped += 1
            continue
        stamp = friend.get("timestamp")
        yield PersonRecord(
            source=SOURCE,
            identities=(Identity("facebook", friend_name),),
            name=friend_name,
            is_connection=True,
            connected_on=epoch(stamp),
            relation="friend",
        )
    yield FileRead(name, rows=len(friends), skipped=skipped, sha256=digest)


def _read_thread(archive: ExportArchive, member: str, thread_id: str) -> Thread:
    name = archive.display(member)
    data = archive.read(member)
    parsed = load_json(data, name)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("messages"), list):
        raise ImportFormatError(name, 'has no "messages" list')
    participants = tuple(
        dict.fromkeys(
            _text(p.get("name")) for p in as_list(parsed.get("participants")) if isinstance(p, dict)
        )
    )
    messages: list[tuple[str, int | None]] = []
    for message in parsed["messages"]:
        if not isinstance(message, dict):
            continue
        stamp = message.get("timestamp_ms")
        when = (
            int(stamp)
            if isinstance(stamp, int | float) and epoch(stamp, per_second=1000) is not None
            else None
        )
        messages.append((_text(message.get("sender_name")), when))
    thread_path = _text(parsed.get("thread_path")) or thread_id
    title = _text(parsed.get("title"))
    named = tuple(p for p in participants if p)
    return Thread(member, thread_path, title, named, tuple(messages), sha256_of_bytes(data))


def _thread_owner(threads: list[Thread]) -> str | None:
    """The one participant of every thread who is no thread's title; ``None`` when that is not one name."""
    if not threads:
        return None
    common = set(threads[0].participants)
    for thread in threads[1:]:
        common &= set(thread.participants)
    common -= {t.title for t in threads}
    return next(iter(common)) if len(common) == 1 else None


def _thread_records(thread: Thread, owner: str | None, name: str, max_group: int) -> Iterator[ImportItem]:
    others = [p for p in thread.participants if p != owner]
    if not others and thread.title and thread.title != owner:
        others = [thread.title]  # some exports list the owner twice; the title names the other person
    for person in others:
        yield PersonRecord(SOURCE, (Identity("facebook", person),), person)
    rows = skipped = 0
    for index, (sender, when_ms) in enumerate(thread.messages):
        rows += 1
        if not sender:
            skipped += 1
            continue
        stamp = f"{when_ms}" if when_ms is not None else f"unknown-{index}"
        yield from message_records(
            source=SOURCE,
            identity_kind="facebook",
            message_key=f"{thread.thread_id}|{stamp}|{sender}",
            sender=sender,
            owner=owner,
            others=others,
            occurred_at=when_ms // 1000 if when_ms is not None else None,
            conversation_id=thread.thread_id,
            max_group=max_group,
            names_are_keys=True,
        )
    yield FileRead(name, rows=rows, skipped=skipped, sha256=thread.sha256)


_FOLDER_MARKERS = (
    "friends_and_followers/friends.json",
    "connections/friends/your_friends.json",
    "messages/inbox",
    "your_facebook_activity/messages/inbox",
)


def detect(path: Path) -> bool:
    """A folder (or a zip) holding Facebook's friends JSON or Messenger threads, and no Instagram followers."""
    if path.suffix.lower() == ".json":
        return sniff_json(path, b'"friends_v2"')
    try:
        if path.is_dir():
            if (path / "followers_and_following").exists() or (
                path / "connections" / "followers_and_following"
            ).exists():
                return False
            return any((path / marker).exists() for marker in _FOLDER_MARKERS)
        if path.suffix.lower() != ".zip" or not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except OSError:
        return False
    if any("followers_and_following/" in n for n in names):
        return False
    return any(_FRIENDS.search(n) or _THREAD.search(n) for n in names)


IMPORTER = Importer(
    source=SOURCE,
    description="Facebook 'Download your information' in JSON (the zip or its folder): friends and Messenger threads.",
    read=read_facebook,
    detect=detect,
    how_to_export=(
        "Facebook: Settings -> Accounts Centre -> Your information and permissions -> Download your information; "
        "choose format JSON (not HTML), and include Friends and Messages."
    ),
    name_trust=4,
)
