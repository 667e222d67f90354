"""The team's salt, and the keyed hashes of identity keys that members share.

A key is shared as ``kind:HMAC-SHA256(salt, "kind:value")`` cut to 128 bits (HMAC: RFC 2104; 128 bits
make a collision among a team's million keys about 10^-27 likely [derived]).  The salt is 32 random
bytes made by ``netvalue team init`` (``secrets.token_bytes``), kept in the team folder as
``team.salt`` and handed to members out of band; without it the hashes cannot be matched to addresses
by someone who gets hold of a share file.  Teammates hold the salt, so to them a hash only hides an
address they cannot guess: it is pseudonymisation, not anonymity [ours].
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from netvalue.errors import UsageError

SALT_BYTES = 32
HASH_HEX = 32  # 128 bits of the HMAC


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def salt_id(salt: bytes) -> str:
    """A fingerprint of the salt that a share file carries, so that ``team add`` can refuse a share made
    with another team's salt without the file revealing the salt."""
    return hashlib.sha256(b"netvalue team salt id\x00" + salt).hexdigest()[:16]


def hash_key(salt: bytes, kind: str, value: str) -> str:
    """``kind:<128-bit keyed hash of kind:value>``; ``value`` in netvalue's canonical form."""
    digest = hmac.new(salt, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:HASH_HEX]}"


def write_salt(path: Path, salt: bytes) -> None:
    """Write the salt as one line of hex, mode 0600, refusing to overwrite."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise UsageError(f"{path}: already exists; a team's salt is never replaced") from exc
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(salt.hex() + "\n")


def read_salt(path: Path) -> bytes:
    """The salt in ``path`` (``team.salt`` from ``netvalue team init``)."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the team's salt ({exc.__class__.__name__})") from exc
    try:
        salt = bytes.fromhex(text)
    except ValueError:
        salt = b""
    if len(salt) != SALT_BYTES:
        raise UsageError(f"{path}: not a team salt (64 hex digits from `netvalue team init`)")
    return salt
