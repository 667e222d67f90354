"""The team folder: the team's salt and one share file per member, nothing else.

::

    DIR/            0700
      team.json     0600  {"schema_version", "salt_id", "created_at"}
      team.salt     0600  the salt, to hand to members (``netvalue share --salt-file``)
      members/      0700
        <member>.parquet  0600  each member's latest share, as they wrote it
      pool.sqlite   0600  the members' rows resolved to humans (:mod:`netvalue.team.pooled`)

A member is known by the name in their share's metadata; adding a share of a member already in the
team replaces it.  Every write goes through a temporary file and a rename.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netvalue.errors import UsageError
from netvalue.team.salt import new_salt, read_salt, salt_id, write_salt

if TYPE_CHECKING:
    from netvalue.team.share_file import Share

FOLDER_VERSION = 1
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Member:
    slug: str
    path: Path
    share: Share


@dataclass(frozen=True, slots=True)
class Team:
    folder: Path
    salt: bytes
    members: tuple[Member, ...]


def member_slug(name: str) -> str:
    slug = _SLUG.sub("-", name.casefold()).strip("-")
    if not slug:
        raise UsageError(f"member name {name!r} has no letters or digits to name its file by")
    return slug


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def init_team(folder: Path, now: int) -> Path:
    """Create the team folder and its salt; returns the salt file's path."""
    if (folder / "team.json").exists():
        raise UsageError(f"{folder}: already a team folder")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: not empty; give a new folder")
    _private_dir(folder)
    _private_dir(folder / "members")
    salt = new_salt()
    write_salt(folder / "team.salt", salt)
    created = dt.datetime.fromtimestamp(now, dt.UTC).isoformat(timespec="seconds")
    _write_private_text(
        folder / "team.json",
        json.dumps(
            {"schema_version": FOLDER_VERSION, "salt_id": salt_id(salt), "created_at": created}, indent=2
        ),
    )
    return folder / "team.salt"


def _write_private_text(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def team_salt(folder: Path) -> bytes:
    meta_path = folder / "team.json"
    if not meta_path.is_file():
        raise UsageError(f"{folder}: not a team folder (run `netvalue team init {folder}` first)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{meta_path}: unreadable ({exc.__class__.__name__})") from exc
    if not isinstance(meta, dict) or meta.get("schema_version") != FOLDER_VERSION:
        raise UsageError(
            f"{meta_path}: a team folder of another version; make a new one with `netvalue team init`"
        )
    salt = read_salt(folder / "team.salt")
    if meta.get("salt_id") != salt_id(salt):
        raise UsageError(f"{folder / 'team.salt'}: does not match {meta_path}")
    return salt


def add_shares(folder: Path, files: list[Path]) -> list[tuple[str, int, bool]]:
    """Check every file, then copy each into the team: ``(member, contacts, replaced)`` per file.  Nothing
    is copied unless every file is good."""
    from netvalue.team.share_file import read_share  # pyarrow: not for the queries that need the salt alone

    salt = team_salt(folder)
    checked: list[tuple[Path, Share, str]] = []
    slugs: dict[str, Path] = {}
    for path in files:
        share = read_share(path)
        if share.info.salt_id != salt_id(salt):
            raise UsageError(
                f"{path}: made with another salt; the member must run `netvalue share --salt-file "
                f"{folder / 'team.salt'}` again"
            )
        slug = member_slug(share.info.member)
        if slug in slugs:
            raise UsageError(
                f"{path}: the same member as {slugs[slug]} ({share.info.member}); give one file per member"
            )
        slugs[slug] = path
        checked.append((path, share, slug))
    added = []
    for path, share, slug in checked:
        target = folder / "members" / f"{slug}.parquet"
        replaced = target.exists()
        fd, temp = tempfile.mkstemp(prefix=f".{slug}.", dir=target.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out, path.open("rb") as source:
                shutil.copyfileobj(source, out)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        added.append((share.info.member, share.info.contacts, replaced))
    return added


def remove_member(folder: Path, member: str) -> str:
    """Delete a member's share; returns the member's name."""
    team_salt(folder)
    target = folder / "members" / f"{member_slug(member)}.parquet"
    if not target.exists():
        known = ", ".join(m.share.info.member for m in load_team(folder).members) or "none"
        raise UsageError(f"{folder}: no member {member!r} (members: {known})")
    from netvalue.team.share_file import read_share

    name = read_share(target).info.member
    target.unlink()
    return name


def load_team(folder: Path) -> Team:
    """The salt and every member's share."""
    from netvalue.team.share_file import read_share

    salt = team_salt(folder)
    members = [
        Member(path.stem, path, read_share(path)) for path in sorted((folder / "members").glob("*.parquet"))
    ]
    return Team(folder, salt, tuple(members))


def team_status(team: Team) -> dict[str, object]:
    return {
        "folder": str(team.folder),
        "salt_id": salt_id(team.salt),
        "members": [
            {
                "member": m.share.info.member,
                "file": m.path.name,
                "contacts": m.share.info.contacts,
                "created_at": m.share.info.created_at,
                "as_of": m.share.info.as_of,
                "min_tier": m.share.info.min_tier,
                "clear_fields": list(m.share.info.clear_fields),
            }
            for m in team.members
        ],
        "contacts": sum(m.share.info.contacts for m in team.members),
    }
