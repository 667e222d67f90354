"""Machines are not people: which senders of a mailbox are systems, aliases, newsletters and feeds,
judged from evidence in the mail itself, not from a list of addresses.

Pure: :func:`sender_evidence` aggregates per sender what the stored messages say; :func:`classify`
turns one sender's evidence into a verdict with its reasons.  Header evidence follows the RFCs
(``List-*``: RFC 2369 and RFC 2919; ``Precedence`` and ``Auto-Submitted``: RFC 3834); role local parts
follow RFC 2142's mailbox names and the bulk senders' own conventions; every threshold is ours, set on
``benchmarks/data/enron_senders.tsv`` (labelled by reading before this module was written; see
``benchmarks/machines.py``).

Whoever the owner has exchanged mail with both ways (the owner wrote to it from one of the owner's own
addresses, and it wrote to the owner or a delegate in To or Cc) is a person, whatever else the evidence
says; a delegate's answer to a robot on the owner's behalf is not the owner's exchange.  The user's word
(``user_machine_overrides``) overrules both ways.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from netvalue.store.email import RawMessage

Verdict = Literal["person", "machine"]

ROLE_WORDS = frozenset(
    {
        "noreply", "no", "donotreply", "reply", "notification", "notifications", "notify", "notice",
        "notices", "alert", "alerts", "postmaster", "mailer", "daemon", "hostmaster", "webmaster",
        "newsletter", "newsletters", "news", "announce", "announcement", "announcements", "info", "admin",
        "administrator", "update", "updates", "subscriptions", "subscription", "subscribe", "unsubscribe",
        "editor", "service", "services", "support", "marketing", "promo", "promotions", "offers",
        "feedback", "invoice", "invoices", "billing", "system", "bounce", "bounces", "auto", "members",
        "delivers", "delivery", "edelivery", "digest", "daily", "weekly", "headlines", "center", "team",
        "help", "helpdesk", "office", "mailbox", "list", "lists", "listserv", "owner", "request",
        "registration", "register", "orders", "order", "customer", "customerservice", "sales", "events",
        "communications", "press", "media", "chairman", "general", "address",
        "administration",
    }
)  # fmt: skip
"""Words that name a role or a system rather than a human, as a local part or a part of one.  Ours,
after RFC 2142 (postmaster, hostmaster, webmaster, info ...) and the bulk senders' conventions."""

_ROLE_INFIX = re.compile(
    r"no-?reply|do-?not-?reply|newsletter|notification|mailer-daemon|unsubscribe|webmaster|postmaster"
    r"|announce|subscri|system|update|editor|alert|digest|delivers|news(?!om)|info|admin|center",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d{5,}")
_RANDOM = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{16,}$")
_REPLY = re.compile(r"^\s*(?:re|aw|sv|fw|fwd|wg)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_SERIAL = re.compile(r"[\d/.:,\-]+|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul"
                     r"|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:st|nd|rd|th)\b", re.IGNORECASE)  # fmt: skip

_ORG_DISPLAY = re.compile(
    r"\.(?:com|net|org)\b|\b(?:inc|llc|ltd|corp|team|process|announcements?|office|department|services?"
    r"|news|newsletter|updates?|system|center|group|desk|network|admin|administrator|support|committee"
    r"|daily|online|direct|media|editors?|infrastructure|mailing|list|hotels|resorts|airlines|exchange)\b",
    re.IGNORECASE,
)
"""Words of a display name that name an organisation, a role or a system, not a human.  Ours."""
_BULK_HOST = frozenset(
    {
        "info", "news", "lists", "list", "response", "newsletter", "newsletters", "mailman", "bounce",
        "bounces", "offers", "promo", "marketing", "email", "em", "ecm", "inbox", "mailer", "alerts",
        "notify", "updates", "communications", "mailings",
    }
)  # fmt: skip
"""First labels of a sender's host that bulk senders use for their mail (``info.iwon.com``,
``lists.autoweb.com``).  Ours."""
BROADCAST_SHARE = 0.8
"""Share of a sender's messages on which the owner is in neither To nor Cc (only Bcc, or reached through
a list or alias) that makes it a broadcaster.  Ours."""
HEADER_SHARE = 0.5
"""Share of a sender's messages with list or bulk headers that makes it a machine.  Ours."""
MIN_SERIAL = 3
"""Messages of one serial subject (a title with a date or number: 'NGI Publications - Monday, ...')
that, from a sender the owner never writes to and who never replies, make a newsletter.  Ours."""
MANY_RECIPIENTS = 10
"""Visible recipients (To and Cc) beyond which a message without the owner among them is a broadcast.
Ours."""
MIN_SUBJECTS = 4
"""Distinct subjects from a sender who writes to the owner alone, never replies and whom the owner
never writes to, that make it a bulk sender.  Ours."""


@dataclass(frozen=True, slots=True)
class SenderEvidence:
    """What the mailbox says about one sender."""

    address: str
    messages: int
    subjects: int  # distinct subjects (replies and forwards counted as their original)
    headers: Counter[str]  # list or bulk header flag -> messages carrying it
    flagged: int  # messages with a list or bulk header (a noreply-like sender aside)
    owner_hidden: int  # broadcasts: the owner in neither To nor Cc, and there only lists, many, or itself
    owner_alone: int  # messages whose only To/Cc recipients are the owner (or a delegate)
    owner_visible: int  # messages with the owner (or a delegate) in To or Cc
    replies: int  # messages whose subject is a reply or a forward
    serial: int  # messages of its most frequent subject once dates and numbers are taken out
    wrote_to: int  # messages the owner sent to this address from the owner's own addresses
    display: str  # its most frequent display name


def _subject_stem(subject: str) -> str:
    text = subject
    while _REPLY.match(text):
        text = _REPLY.sub("", text, count=1)
    return " ".join(text.casefold().split())


def sender_evidence(
    messages: Sequence[RawMessage],
    owner: Iterable[str],
    owner_sent: Sequence[bool],
    delegates: Iterable[str] = (),
) -> dict[str, SenderEvidence]:
    """Evidence per sender of the messages the owner did not send (``owner_sent[i]`` says whether
    ``messages[i]`` is the owner's, delegates' sent mail included).  Mail to a delegate is mail to the
    owner."""
    owned = set(owner)
    reached = owned | set(delegates)
    writers = {m.sender for m in messages}
    count: Counter[str] = Counter()
    subjects: dict[str, set[str]] = {}
    stems: dict[str, Counter[str]] = {}
    headers: dict[str, Counter[str]] = {}
    hidden: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    replies: Counter[str] = Counter()
    wrote_to: Counter[str] = Counter()
    displays: dict[str, Counter[str]] = {}
    for m, sent in zip(messages, owner_sent, strict=True):
        if sent:  # the owner's (a delegate's sent mail is the owner's, but only the owner's own counts here)
            if m.sender in owned:
                wrote_to.update({a for a, _, _ in m.recipients if a not in owned})
            continue
        s = m.sender
        count[s] += 1
        stem = _subject_stem(m.subject)
        subjects.setdefault(s, set()).add(stem)
        serial = _SERIAL.sub(" ", stem).split()[:2]
        if len(serial) >= 2:
            stems.setdefault(s, Counter())[" ".join(serial)] += 1
        if m.machine_headers:
            flags = m.machine_headers.split(",")
            headers.setdefault(s, Counter()).update(flags)
            if any(f != "noreply-sender" for f in flags):
                flagged[s] += 1
        visible = [a for a, _, role in m.recipients if role != "bcc"]
        if any(a in reached for a in visible):
            shown[s] += 1
            if all(a in reached for a in visible):
                alone[s] += 1
        elif len(visible) > MANY_RECIPIENTS or visible == [s] or not writers.intersection(visible):
            hidden[s] += 1  # to no one, to many, to itself, or to lists and aliases (they never write)
        if _REPLY.match(m.subject):
            replies[s] += 1
        if m.sender_name:
            displays.setdefault(s, Counter())[m.sender_name] += 1
    return {
        s: SenderEvidence(
            address=s,
            messages=n,
            subjects=len(subjects.get(s, ())),
            headers=headers.get(s, Counter()),
            flagged=flagged[s],
            owner_hidden=hidden[s],
            owner_alone=alone[s],
            owner_visible=shown[s],
            replies=replies[s],
            serial=max(stems[s].values()) if s in stems else 0,
            wrote_to=wrote_to[s],
            display=displays[s].most_common(1)[0][0] if s in displays else "",
        )
        for s, n in count.items()
        if s not in owned
    }


def role_local_part(address: str) -> str:
    """The role or system word of the local part ('' for none): ``webmaster``, ``enron_update``."""
    local = address.partition("@")[0].casefold()
    for part in re.split(r"[._\-+\d]+", local):
        if part in ROLE_WORDS:
            return part
    match = _ROLE_INFIX.search(local)
    return match.group(0).casefold() if match else ""


def organisation_local_part(address: str) -> bool:
    """The local part is named after the sender's own organisation (``announcements.enron@enron.com``,
    ``40enron@enron.com``): an alias, not a human.  Ours."""
    local, _, host = address.casefold().partition("@")
    labels = host.split(".")
    org = labels[-2] if len(labels) >= 2 else ""
    return len(org) >= 3 and org in local and local != org


def bulk_host(address: str) -> str:
    """The bulk-mail label of the sender's host ('' for none): ``info`` of ``iwon@info.iwon.com``."""
    labels = address.partition("@")[2].casefold().split(".")
    return labels[0] if len(labels) >= 3 and labels[0] in _BULK_HOST else ""


def organisation_display(display: str) -> bool:
    """The display name names an organisation, role or system (``Enron Media Cuttings``,
    ``Performance Evaluation Process``, ``Amazon.com``)."""
    return bool(display and _ORG_DISPLAY.search(display))


def numbered_local_part(address: str) -> bool:
    """A local part of 5+ digits in a row, or a long random-looking string (a campaign or tracking id)."""
    local = address.partition("@")[0].casefold()
    return bool(_DIGITS.search(local) or _RANDOM.match(local))


def classify(evidence: SenderEvidence, override: Verdict | None = None) -> tuple[Verdict, tuple[str, ...]]:
    """A sender's verdict and the reasons for it (see the module docstring)."""
    e = evidence
    if override is not None:
        return override, (f"you marked it a {override}",)
    if e.wrote_to and e.owner_visible:
        return "person", (
            f"you exchanged mail both ways ({e.wrote_to:,} message{'s' if e.wrote_to != 1 else ''} to it,"
            f" {e.owner_visible:,} to you)",
        )
    reasons: list[str] = []
    header_hits = e.flagged
    if header_hits and header_hits >= HEADER_SHARE * e.messages:
        flags = ", ".join(sorted(k for k in e.headers if k != "noreply-sender"))
        reasons.append(f"list or bulk headers on {header_hits:,} of {e.messages:,} messages ({flags})")
    role = role_local_part(e.address)
    if role:
        reasons.append(f"a role or system address ({role!r})")
    if e.messages >= 2 and e.owner_hidden >= BROADCAST_SHARE * e.messages:
        reasons.append(
            f"broadcast: you were only in Bcc or reached through a list on {e.owner_hidden:,} of"
            f" {e.messages:,} messages"
        )
    one_way = not e.replies
    private = e.owner_alone + e.owner_hidden >= BROADCAST_SHARE * e.messages
    if one_way and private and not e.wrote_to and e.serial >= MIN_SERIAL and e.serial >= 0.5 * e.messages:
        reasons.append(f"a serial: {e.serial:,} messages of one title, never a reply, and you never wrote")
    if (
        one_way
        and private
        and not e.wrote_to
        and e.subjects >= MIN_SUBJECTS
        and e.subjects >= BROADCAST_SHARE * e.messages
    ):
        reasons.append(
            f"{e.subjects:,} different subjects to you alone or in bulk, never a reply, and you never wrote"
        )
    if organisation_local_part(e.address):
        reasons.append("an address named after its organisation, not a person")
    host = bulk_host(e.address)
    if host:
        reasons.append(f"sent from a bulk-mail host ({host!r})")
    if not e.wrote_to and organisation_display(e.display):
        reasons.append(f"its name {e.display!r} is an organisation's or a system's, and you never wrote")
    if numbered_local_part(e.address) and reasons:
        reasons.append("a numbered or random local part")
    if reasons:
        return "machine", tuple(reasons)
    return "person", ()


def classify_all(
    evidence: Mapping[str, SenderEvidence], overrides: Mapping[str, str]
) -> dict[str, tuple[Verdict, tuple[str, ...]]]:
    """Every sender's verdict.  A sender whose display name (two words or more) is the name of someone
    you exchange mail with both ways under another address is that person, never a machine: no one the
    owner has exchanged mail with both ways is filtered, whichever of their addresses wrote (issue 15;
    a colleague's Notes and Exchange addresses, say) [ours]."""
    out: dict[str, tuple[Verdict, tuple[str, ...]]] = {}
    for address, e in evidence.items():
        wish = overrides.get(address)
        out[address] = classify(e, "machine" if wish == "machine" else "person" if wish == "person" else None)
    correspondents = {
        _name_key(e.display): address
        for address, e in evidence.items()
        if e.wrote_to and e.owner_visible and _name_key(e.display)
    }
    for address, e in evidence.items():
        twin = correspondents.get(_name_key(e.display))
        if out[address][0] == "machine" and twin and twin != address and address not in overrides:
            out[address] = ("person", (f"the name of {twin}, with whom you exchange mail both ways",))
    return out


def _name_key(display: str) -> str:
    """A display name folded for comparison, initials left out ('' unless two words or more remain)."""
    words = [w.strip(".") for w in display.casefold().replace(",", " ").split()]
    words = [w for w in words if len(w) > 1]
    return " ".join(sorted(words)) if len(words) >= 2 else ""
