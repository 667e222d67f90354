"""Canonical forms of the exact keys that tie a person together across sources.

Pure functions (no SQL), shared by the importers, which key records with them, and by the store,
which looks a typed PERSON argument up with them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_LINKEDIN = re.compile(r"linkedin\.com/(in|pub)/([^/?#\s]+)", re.IGNORECASE)


def normalize_email(address: str) -> str:
    """``'<John.Smith@Example.COM>'`` -> ``'john.smith@example.com'`` (case-folded, brackets and
    ``mailto:`` dropped)."""
    text = address.strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.casefold()


def normalize_linkedin_url(url: str) -> str:
    """Any form of a LinkedIn profile URL -> ``'linkedin.com/in/<slug>'``.

    Scheme, ``www.``/country subdomains, trailing slashes, query strings and percent-encoding are
    dropped and the slug lower-cased: ``https://www.linkedin.com/in/Jane-Doe-1a2b3c/?x=1`` and
    ``www.linkedin.com/in/jane-doe-1a2b3c`` are the same person.  Anything else is returned
    stripped and lower-cased.
    """
    text = url.strip().replace("\\", "")
    match = _LINKEDIN.search(text)
    if not match:
        return text.lower().rstrip("/")
    return f"linkedin.com/{match.group(1).lower()}/{unquote(match.group(2)).lower()}"


def normalize_phone(raw: str, region: str = "US") -> str | None:
    """A phone number in E.164 (``+14155550100``), or ``None`` when it is not a valid number.

    Numbers without a country code are read in ``region`` (a setting; default ``US``).
    """
    import phonenumbers  # here, not at the top: ~80 ms that commands reading no phone number need not pay

    text = raw.strip()
    if not text:
        return None
    try:
        parsed = phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "126.com",
        "163.com",
        "aol.com",
        "att.net",
        "btinternet.com",
        "comcast.net",
        "fastmail.com",
        "free.fr",
        "gmail.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hey.com",
        "hotmail.co.uk",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "mac.com",
        "mail.com",
        "me.com",
        "msn.com",
        "orange.fr",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "t-online.de",
        "verizon.net",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.fr",
        "yandex.ru",
        "zoho.com",
    }
)
"""Mail providers whose domain says nothing about where someone works [ours]: one list for clusters,
hangouts and a team's matching."""
