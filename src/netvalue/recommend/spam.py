"""Spam signals and generic notes in connection requests.

A request is spam when its signals add up to :data:`SPAM_THRESHOLD`.  The signal families follow the
issue's list (sales pitches, follower-growth offers, link bait, mass-invite phrasing, a link in the note,
crypto/forex and get-rich offers); the patterns and weights are [ours], tuned on nothing but common sense
and measured by ``benchmarks/triage.py`` (which holds out phrasings these patterns were not written from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPAM_THRESHOLD = 1.0
"""Signals summing to this make a request spam.  [ours]: one strong signal, or two weak ones."""


@dataclass(frozen=True, slots=True)
class SpamSignal:
    """One family of signals.  Its weight counts once per distinct phrase found, at most twice: two
    separate sales phrases are stronger evidence than one. [ours]"""

    label: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]

    def hits(self, text: str) -> int:
        return sum(1 for p in self.patterns if p.search(text))


def _signal(label: str, weight: float, *phrases: str) -> SpamSignal:
    return SpamSignal(label, weight, tuple(re.compile(p, re.IGNORECASE) for p in phrases))


SIGNALS: tuple[SpamSignal, ...] = (
    _signal(
        "sales pitch",
        0.6,
        r"\bour (services|agency|team can|solution|platform)\b",
        r"\b(book|schedule|hop on) a (quick |short |15[- ]min(ute)? )?(call|demo|chat)\b",
        r"\blead generation\b",
        r"\b(we|i) help (companies|businesses|brands|founders|agencies|coaches)\b",
        r"\b(boost|increase|double|triple|10x) your (sales|revenue|leads|roi|pipeline|business)\b",
        r"\boutsourc",
        r"\bseo (services|agency|expert)",
        r"\b(web|app|software) development (services|company|agency)\b",
        r"\bfree (audit|consultation|trial|quote)\b",
        r"\b(special|exclusive|limited[- ]time) offer\b",
        r"\bdiscount\b",
        r"\bappointment setting\b",
        r"\bwhite[- ]label\b",
        r"\b(cold )?(e-?mail|outreach) (campaigns?|services|outreach)\b",
        r"\bbook(ing)? (you )?\d+ (meetings|calls|appointments|demos)\b",
        r"\b(take|handle|clear) your (backlog|projects)\b",
        r"\ba fraction of the (cost|price)\b",
        r"\b(send|share) (you )?(our |my )?(rates|pricing|price list|portfolio|deck)\b",
        r"\bguest posts?\b|\bbacklinks?\b",
        r"\b(dedicated|offshore|remote|nearshore) (developers|engineers|team)\b",
        r"\bour (developers|designers|experts|consultants) (can|will)\b",
        r"\bwe (build|design|develop) (websites|apps|mobile apps|landing pages)\b",
    ),
    _signal(
        "follower-growth offer",
        1.0,
        r"\bgrow your (network|audience|following|followers|profile)\b",
        r"\b(more|gain|get|buy) (real )?(followers|connections|likes)\b",
        r"\bfollow (me )?back\b",
        r"\b(open networker|l\.?i\.?o\.?n\.?)\b",
        r"\baccept (all|every)( invitations?| requests?)?\b",
        r"\bboost your (profile|visibility|linkedin)\b",
        r"\b\d+k\+? (connections|followers)\b",
        r"\blet'?s grow together\b",
        r"\bendors(e|ing) (everyone|each other|back)\b|\bendorse you back\b",
        r"\bjoin (my|our) (community|group|circle|network) of\b",
    ),
    _signal(
        "link bait",
        0.6,
        r"\bclick (here|the link|below)\b",
        r"\b(check out|see|visit) (my|our) (website|site|page|link|profile link)\b",
        r"\blink in (my )?(bio|profile)\b",
        r"\bfree (e-?book|guide|webinar|masterclass|course|download)\b",
        r"\bregister (now|here|today)\b",
        r"\b(telegram|whatsapp|signal) (group|channel|me)\b|\bt\.me/|\bwa\.me/",
        r"\b(dm|inbox|message|text) me (for|to|now)\b",
    ),
    _signal("a link in the note", 0.5, r"https?://|\bwww\.|\b[a-z0-9-]+\.(com|io|net|ly|co|me)/\S*"),
    _signal(
        "crypto, forex or get-rich offer",
        1.0,
        r"\bcrypto(currency)?\b",
        r"\bbitcoin|\bbtc\b|\busdt\b|\bnft\b",
        r"\bforex\b|\bbinary options?\b",
        r"\btrading (signals?|bot|account|platform)\b",
        r"\bpassive income\b",
        r"\bguaranteed (returns?|profits?|income)\b",
        r"\binvestment opportunit",
        r"\b(be your own boss|work from home opportunit|financial freedom)\b",
        r"\b\d+% (daily|weekly|monthly) (returns?|profits?)\b",
        r"\bdigital assets?\b|\btokens? (presale|sale|launch)\b|\bpresale\b",
        r"\bsecond (income|salary)\b|\bearn (money|extra)\b",
        r"\breturns? of \d+%|\b\d{2,}% (returns?|roi|profits?)\b",
    ),
    _signal(
        "mass-invite phrasing",
        0.5,
        r"\bdear (friend|sir|madam|sir/madam|connection|member)\b",
        r"\bhello dear\b",
        r"\bi am (expanding|growing) my (network|connections)\b",
        r"\bconnecting with (all|every|like-minded) (professionals|people)\b",
        r"\bi came across your profile and (thought|wanted)\b",
        r"\b(kindly|pls) (accept|connect)\b",
    ),
    _signal(
        "event or webinar promotion",
        0.6,
        r"\b(early[- ]bird|free|vip) (passes|tickets|seats)\b",
        r"\b(add|message|dm) me for (more )?info",
        r"\b(summit|conference|webinar|masterclass)\W+\d{2,4}\b|\bsummit'\d{2}\b",
    ),
    _signal("urgency", 0.3, r"\b(act now|don'?t miss|only \d+ (spots|places) left|today only)\b"),
    _signal("money talk", 0.4, r"[$€£]\s?\d", r"\b\d+[,.]?\d* (usd|dollars|euros)\b"),
)

_GENERIC_PHRASES = re.compile(
    r"i'?d like to (join|add you to) (your|my) (professional )?(linkedin )?network"
    r"|i('?d| would) (like|love) to connect|would like to connect|let'?s connect|please accept my invitation"
    r"|looking forward to connecting|(it would be|it'?d be) (great|nice) to connect|on linkedin|with you"
    r"|\b(hi|hello|hey|dear|there|thanks|thank you|best|regards|cheers|kind regards)\b",
    re.IGNORECASE,
)
GENERIC_LEFTOVER_WORDS = 3
"""A note is generic when, without stock phrases and greetings, at most three words (names) remain. [ours]"""


_LATIN = re.compile(r"[a-zA-Z]")
_LOOKALIKE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")  # Greek and Cyrillic letters
HOMOGLYPH_WEIGHT = 0.6
"""A word mixing Latin with Cyrillic or Greek letters ("Frее" with Cyrillic е) is a trick to slip past
filters; seen in a real LinkedIn invitation.  Weight [ours]."""


def _mixed_script(text: str) -> bool:
    return any(_LATIN.search(word) and _LOOKALIKE.search(word) for word in text.split())


def spam_signals(*texts: str | None) -> list[tuple[str, float]]:
    """The spam signals found in the texts (note, headline), one entry per signal family."""
    joined = "\n".join(t for t in texts if t)
    found: list[tuple[str, float]] = []
    if _mixed_script(joined):
        found.append(("look-alike letters from another alphabet", HOMOGLYPH_WEIGHT))
    for signal in SIGNALS:
        hits = signal.hits(joined)
        if hits:
            found.append((signal.label, signal.weight * min(hits, 2)))
    return found


def is_spam(signals: list[tuple[str, float]]) -> bool:
    return sum(weight for _, weight in signals) >= SPAM_THRESHOLD


def note_kind(message: str | None) -> str:
    """``none``, ``generic`` (LinkedIn's default or a one-line "let's connect") or ``personal``."""
    if not message or not message.strip():
        return "none"
    leftover = re.findall(r"[\w']+", _GENERIC_PHRASES.sub(" ", message))
    return "generic" if len(leftover) <= GENERIC_LEFTOVER_WORDS else "personal"
