"""An address-book entry as a person: the fields vCard, Google and Outlook CSV and the generic CSV importer
read, and the one way they become a :class:`~netvalue.records.PersonRecord`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from netvalue.keys import normalize_email, normalize_linkedin_url, normalize_phone
from netvalue.records import Identity, PersonRecord

_LINKEDIN = re.compile(r"linkedin\.com/(in|pub)/", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


@dataclass(slots=True)
class ContactFields:
    """What an address-book entry says about a person, before it becomes a :class:`PersonRecord`."""

    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    position: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def contact_person(fields: ContactFields, source: str, region: str) -> PersonRecord | None:
    """The :class:`PersonRecord` of an address-book entry (shared by vCard, Google/Outlook CSV, generic CSV).

    Identities, in order: e-mail addresses, phones in E.164 (read in ``region``), LinkedIn profile
    URLs.  An entry with a name but no key gets a ``key`` identity hashed from its name and company,
    so it is still one stable person across re-imports.  ``None`` for an entry with neither.
    """
    identities: list[Identity] = []
    for raw in fields.emails:
        email = normalize_email(raw)
        if _EMAIL.match(email):
            identities.append(Identity("email", email))
    for raw in fields.phones:
        phone = normalize_phone(raw, region)
        if phone:
            identities.append(Identity("phone", phone))
    for url in fields.urls:
        if _LINKEDIN.search(url):
            identities.append(Identity("linkedin", normalize_linkedin_url(url)))
    identities = list(dict.fromkeys(identities))
    first, last = _clean(fields.first_name), _clean(fields.last_name)
    name = _clean(fields.name) or _clean(" ".join(p for p in (first, last) if p))
    company, position = _clean(fields.company), _clean(fields.position)
    if not identities:
        if not name:
            return None
        digest = hashlib.sha256(
            f"{source}|{name.casefold()}|{(company or '').casefold()}".encode()
        ).hexdigest()
        identities.append(Identity("key", digest[:32]))
    return PersonRecord(
        source=source,
        identities=tuple(identities),
        name=name or identities[0].value,
        first_name=first,
        last_name=last,
        company=company,
        position=position,
        relation="contact",
    )


def _clean(text: str | None) -> str | None:
    value = " ".join((text or "").split())
    return value or None
