"""``netvalue share``: what one member agrees to give the team, read from their own database.

Per contact at or above ``min_tier`` (default ``known``: collected names stay out) and carrying none of
the excluded tags: identity keys as salted hashes, e-mail domains (hashed unless ``domain`` is chosen),
tier, strength and the month of the last two-way contact; name, company, role and profile URLs only when
chosen.  Nothing else leaves the database: no message, date of day, note, rating or count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netvalue.analysis.ties import TIERS, Tier
from netvalue.app.ties import load_ties
from netvalue.errors import UsageError
from netvalue.store import Database
from netvalue.store.team import fetch_owner_identities, fetch_owner_name, fetch_positions, fetch_tagged
from netvalue.team.records import SharedContact
from netvalue.team.salt import hash_key, salt_id
from netvalue.team.share_file import CLEAR_FIELDS, KEY_KINDS, ShareInfo

DEFAULT_MIN_TIER: Tier = "known"


def parse_min_tier(text: str) -> Tier:
    """``"Active"`` -> ``"active"``: a tier of ``netvalue ties``, compared without case."""
    for tier in TIERS:
        if tier.casefold() == text.strip().casefold():
            return tier
    raise UsageError(f"--min-tier: {text!r} is none of {', '.join(TIERS)}")


def parse_clear_fields(text: str | None) -> tuple[str, ...]:
    """``"company,role"`` -> ``("company", "role")``; an unknown field is a usage error."""
    if not text:
        return ()
    fields = tuple(dict.fromkeys(f.strip().casefold() for f in text.split(",") if f.strip()))
    unknown = [f for f in fields if f not in CLEAR_FIELDS]
    if unknown:
        raise UsageError(
            f"--clear-fields: unknown {', '.join(unknown)}; choose from {', '.join(CLEAR_FIELDS)}"
        )
    return fields


def month_of(moment: int | None) -> str | None:
    if moment is None:
        return None
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m")


def _iso(moment: int) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="seconds")


def hashed_keys(salt: bytes, identities: Iterable[str]) -> tuple[str, ...]:
    """The salted hashes of the identity keys (``kind:value``) that can name a human across members."""
    keys = []
    for identity in identities:
        kind, _, value = identity.partition(":")
        if kind in KEY_KINDS and value:
            keys.append(hash_key(salt, kind, value))
    return tuple(sorted(set(keys)))


def build_share(
    db: Database,
    salt: bytes,
    *,
    as_of: int,
    now: int,
    member: str | None = None,
    min_tier: Tier = DEFAULT_MIN_TIER,
    exclude_tags: tuple[str, ...] = (),
    clear_fields: tuple[str, ...] = (),
) -> tuple[ShareInfo, list[SharedContact]]:
    """The share of the database's owner, as of ``as_of``; ``member`` defaults to the owner's name."""
    name = (member or fetch_owner_name(db) or "").strip()
    if not name:
        raise UsageError("this database does not know its owner's name: give --member NAME")
    clear = set(clear_fields)
    ceiling = TIERS.index(min_tier)
    table = load_ties(db, as_of)
    positions = fetch_positions(db)
    excluded = fetch_tagged(db, exclude_tags)
    contacts: list[SharedContact] = []
    for score in table.ranked:
        if TIERS.index(score.tier) > ceiling or score.person_id in excluded:
            continue
        keys = hashed_keys(salt, score.identities)
        emails = [i.partition(":")[2] for i in score.identities if i.startswith("email:")]
        domains = sorted({e.rpartition("@")[2] for e in emails if "@" in e})
        urls = tuple(i.partition(":")[2] for i in score.identities if i.startswith("linkedin:"))
        company, role = positions.get(score.person_id, (score.company, None))
        # A display name that is an address would put the address in clear: it stays out [ours].
        shown_name = (score.name.strip() if "@" not in score.name else "") or None
        if not keys and not ("name" in clear and shown_name):
            continue  # nothing a teammate could recognise the contact by
        contacts.append(
            SharedContact(
                keys=keys,
                domains=tuple(
                    domains if "domain" in clear else sorted(hash_key(salt, "domain", d) for d in domains)
                ),
                name=shown_name if "name" in clear else None,
                company=company if "company" in clear else None,
                role=role if "role" in clear else None,
                profile_urls=urls if "profile_url" in clear else None,
                tier=score.tier,
                strength=min(1.0, max(0.0, float(score.strength))),
                last_two_way=month_of(score.last_two_way),
            )
        )
    info = ShareInfo(
        member=name,
        member_keys=hashed_keys(salt, (f"{k}:{v}" for k, v in fetch_owner_identities(db))),
        salt_id=salt_id(salt),
        created_at=_iso(now),
        as_of=_iso(as_of),
        min_tier=min_tier,
        excluded_tags=tuple(exclude_tags),
        clear_fields=tuple(f for f in CLEAR_FIELDS if f in clear),
        contacts=len(contacts),
    )
    return info, contacts
