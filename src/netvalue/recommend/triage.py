"""Triage of connection requests by the product's rule: accept, accept and reach out, or ignore, each
with the reason in words and a score that ranks the requests.

The rule (science.md §6, the premise the product was built from) decides; the score only ranks:

* **Job search, business, hiring, fundraising, learning, and no purpose set: connect unless there is a
  solid reason not to.**  A connection can be removed later, a refused request may never come again, and
  nobody knows which contact leads to the next opportunity.  Those three reasons do not depend on which of
  these goals it is, so every goal but ``known-only`` follows them, and so does an unset purpose (the
  product's default stance; ``netvalue purpose set --goal known-only`` opts out) [ours, from §6].
* **Targets** (industries, roles, companies, places, keywords) never gate acceptance: a request whose
  headline or company matches one becomes "accept and reach out", and ranks higher.
* **Solid reasons**, the only grounds to ignore under those goals: spam or a sales pitch (a headline alone
  judged without the bare names of a field, :func:`is_spam_request`), a fake account
  (a name that names nobody, is an address or reads like an ad: :func:`~netvalue.recommend.spam.account_signals`),
  abuse (insults, threats, harassment), and a conflict the user named (``purpose set --avoid``).
* **Known-only** accepts only evidence of a real relationship: two-way messages, mail or meetings, or a
  shared employer or school.  A note saying "we met" is the requester's word, not evidence: it is named in
  the reasons for the user to judge.
* **Not open to strangers** (``--known-only`` flag with another goal) is the user's own gate: a request
  with no shared context at all (no mutual connection, shared organisation, contact at their company, or
  known person) is ignored.
* **Trust purposes** (hiring, fundraising) still connect unless a solid reason, since a candidate or an
  investor who asks to connect is worth the connection; but there embeddedness is what makes a contact
  trustworthy (§6: "for a trust purpose favour embeddedness"), so shared context weighs 1.25 times as much in
  the rank, many mutual connections count as trust, and a relevant stranger's reasons say that no one in
  common vouches for them yet [ours].

Rajkumar, Saint-Jacques, Bojinov, Brynjolfsson & Aral (2022), Science 377:1304: job mobility rises then
falls with tie strength; *moderately weak* ties (some mutual connections, peak near ~10 as reported)
helped most: so some shared context ranks above none and above a great deal.  A requester from a company
none of the user's contacts is at opens a cluster the user lacks (Burt 2004; §4 and §6).

Relevance is read from who the requester *is* — headline and company — not from the note: a note that
names a target is often about the reader ("I saw you're hiring a frontend developer"), so a target found
only in the note is given as a reason but not counted, unless there is no headline or company [ours].

The score ranks requests within each decision (reach out first, then accept, then ignore); every weight is
[ours]:

====================================  =============================================================
base                                  0.20
relevant to the purpose (1st target)  +0.35, +0.10 per further kind of target (cap 0.55)
real relationship (two-way contact)   +0.50; known but one-way: +0.10
shared employer or school             +0.35
your contacts at their company        +0.20 (1–2), +0.30 (3+)
mutual connections (typed)            +0.15 (1–3), +0.30 (4–30), +0.20 (>30; +0.35 for trust goals)
personal note                         +0.10
bridge to a company you have nobody   +0.05 (only when relevant)
learned from your decisions           ±0.25 at most, no shared context only (:class:`DecisionModel`)
====================================  =============================================================

Shared context is capped at 0.60 (×1.25 and capped at 0.75 for trust goals).  Not open to strangers:
relevance counts 40% without shared context.  A solid reason caps the score at 0.10; known-only without
evidence caps it at 0.35.  Past decisions move the rank only: ignoring needs a reason in words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from netvalue.recommend.purpose import (
    GOAL_LABELS,
    TRUST_GOALS,
    Goal,
    Purpose,
    TargetKind,
    match_avoid,
    match_targets,
    text_stems,
)
from netvalue.recommend.spam import (
    WEAK_SPAM_AT,
    abuse_signals,
    account_signals,
    is_fake,
    is_spam,
    note_kind,
    recalls_shared_past,
    snippet,
    spam_kind,
    spam_score,
    spam_signals,
)

Decision = Literal["accept", "accept and reach out", "ignore"]
SolidReason = Literal["spam", "fake", "abuse", "conflict"]
DECISION_ORDER: dict[Decision, int] = {"accept and reach out": 0, "accept": 1, "ignore": 2}
SOLID_CAP = 0.1
"""A request ignored for a solid reason scores at most this. [ours]"""
KNOWN_ONLY_CAP = 0.35
"""Known-only without evidence of a relationship scores at most this. [ours]"""
TRUST_SHARED = 1.25
"""Trust goals weigh shared context 1.25 times as much (science.md §6: favour embeddedness). [ours]"""
_WHY_OPEN: dict[Goal, str] = {
    "job-search": "networking for a job",
    "business": "networking for business",
    "hiring": "hiring",
    "fundraising": "fundraising",
    "learning": "networking to learn",
}
_SINGULAR = {
    "industries": "industry",
    "roles": "role",
    "companies": "company",
    "places": "place",
    "keywords": "keyword",
}
LEARNED_MAX = 0.25
MIN_EXAMPLES = 3
MIN_STEM_DECISIONS = 2
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "you",
        "your",
        "with",
        "from",
        "that",
        "this",
        "have",
        "are",
        "was",
        "our",
        "but",
        "not",
        "all",
        "any",
        "can",
        "had",
        "her",
        "his",
        "him",
        "its",
        "who",
        "out",
        "get",
        "has",
        "how",
        "new",
        "now",
        "one",
        "see",
        "way",
        "may",
        "use",
        "would",
        "like",
        "connect",
        "linkedin",
        "network",
        "professional",
        "hello",
    ]
)


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """What the data shows about one request (gathered by ``report.recommend``)."""

    ref: str
    name: str
    headline: str | None = None
    company: str | None = None
    message: str | None = None
    profile_url: str | None = None
    mutual_connections: int | None = None
    known_person_id: int | None = None
    two_way: tuple[int, int] = (0, 0)  # (you sent, they sent) messages, e-mails, meetings
    shared_organizations: tuple[str, ...] = ()  # your employers / schools they share
    contacts_at_company: int = 0  # people in common, as far as the data shows
    company_community: str | None = None  # community label of your contacts at their company
    company_known: bool = True  # False: none of your contacts is at their company

    @property
    def text(self) -> str:
        """What the requester wrote about themselves: headline, company, note (not their name)."""
        return "\n".join(t for t in (self.headline, self.company, self.message) if t)

    @property
    def profile_text(self) -> str:
        """Who the requester is, by their own profile: headline and company; the note when there is
        neither (then it is the only word on who they are)."""
        who = "\n".join(t for t in (self.headline, self.company) if t and t.strip())
        return who or (self.message or "")


@dataclass(frozen=True, slots=True)
class TriageResult:
    ref: str
    name: str
    profile_url: str | None
    decision: Decision
    score: float
    reasons: tuple[str, ...]
    serves: tuple[str, ...]
    spam: bool
    ignored_for: tuple[SolidReason, ...] = ()  # the solid reasons found (spam, fake, abuse, conflict)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.ref,
            "name": self.name,
            "profile_url": self.profile_url,
            "decision": self.decision,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "serves": list(self.serves),
            "spam": self.spam,
            "ignored_for": list(self.ignored_for),
        }


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Token weights learned from the user's own decisions.

    For each word stem, the share of accepted requests containing it ``pa = (a + 0.5) / (A + 1)`` and of
    ignored ones ``pi = (i + 0.5) / (I + 1)`` (A, I: accepted and ignored requests; half-count smoothing)
    give ``w = (pa − pi) / (pa + pi)`` in (−1, 1): rates, not counts, so that a word common to every
    request (a company name, "hi") weighs nothing whatever the balance of accepts and ignores.  Only stems
    seen in at least two decisions with ``|w| ≥ 0.5`` are kept.  A new request's adjustment is
    ``0.25 × mean w`` over its kept stems, applied only to requests with no shared context (the text is
    all the model sees); zero until :data:`MIN_EXAMPLES` decisions exist.  [ours]:
    simple and explainable; ``benchmarks/triage.py`` measures it against no learning.
    """

    weights: dict[str, float] = field(default_factory=dict)
    examples: int = 0

    def adjustment(self, text: str) -> tuple[float, list[str]]:
        if self.examples < MIN_EXAMPLES:
            return 0.0, []
        stems = sorted({s for s in text_stems(text) if s in self.weights})
        if not stems:
            return 0.0, []
        mean = sum(self.weights[s] for s in stems) / len(stems)
        strongest = sorted(stems, key=lambda s: (-abs(self.weights[s]), s))[:3]
        return LEARNED_MAX * mean, strongest


def learn_from_decisions(examples: list[tuple[str, Literal["accept", "ignore"]]]) -> DecisionModel:
    """The :class:`DecisionModel` of ``(request text, decision)`` examples."""
    accepted: Counter[str] = Counter()
    ignored: Counter[str] = Counter()
    for text, decision in examples:
        stems = {s for s in text_stems(text) if len(s) >= 3 and s not in _STOP and not s.isdigit()}
        (accepted if decision == "accept" else ignored).update(stems)
    n_accepted = sum(1 for _, d in examples if d == "accept")
    n_ignored = len(examples) - n_accepted
    weights: dict[str, float] = {}
    for s in set(accepted) | set(ignored):
        if accepted[s] + ignored[s] < MIN_STEM_DECISIONS:
            continue
        pa = (accepted[s] + 0.5) / (n_accepted + 1)
        pi = (ignored[s] + 0.5) / (n_ignored + 1)
        w = (pa - pi) / (pa + pi)
        if abs(w) >= 0.5:
            weights[s] = w
    return DecisionModel(weights, len(examples))


def _mutual_bonus(mutual: int | None, purpose: Purpose) -> tuple[float, str | None]:
    """Rajkumar et al. (2022): moderately weak ties (some, not many, mutual connections) help most."""
    if not mutual:
        return 0.0, None
    if mutual <= 3:
        return (
            0.15,
            f"{mutual} mutual connection{'s' if mutual > 1 else ''}: a weak tie with some shared context",
        )
    if mutual <= 30:
        return (
            0.30,
            f"{mutual} mutual connections: a moderately weak tie, the kind that helps most (Rajkumar 2022)",
        )
    if set(purpose.goals) & TRUST_GOALS:
        return 0.35, f"{mutual} mutual connections: well embedded in your network, which counts as trust"
    return 0.20, f"{mutual} mutual connections: embedded in your network"


def _who(matches: list[tuple[TargetKind, str]]) -> str:
    """The matched targets as a description: "a Product Manager in Software Development"."""
    by_kind: dict[str, list[str]] = {}
    for kind, target in matches:
        by_kind.setdefault(kind, []).append(target)
    roles = " / ".join(by_kind.get("roles", []))
    text = f"a {roles}" if roles else "someone"
    if by_kind.get("industries"):
        text += " in " + " / ".join(by_kind["industries"])
    if by_kind.get("companies"):
        text += " at " + " / ".join(by_kind["companies"])
    if by_kind.get("places"):
        text += " in " + " / ".join(by_kind["places"])
    if by_kind.get("keywords"):
        text += " (" + ", ".join(by_kind["keywords"]) + ")"
    return text


def _why_open(purpose: Purpose) -> str:
    """Why the rule connects, in words: the open goals, or the default when no goal is set."""
    goals = [_WHY_OPEN[g] for g in purpose.goals if g in _WHY_OPEN]
    if not goals:
        return "no purpose set, and by default netvalue connects unless there is a solid reason not to"
    return " and ".join(goals) + ", no reason not to connect"


_FIELD_NAMES = re.compile(
    r"\b(crypto\w*|bitcoin\w*|btc|eth|ethereum|blockchain\w*|web3|defi|nfts?|digital assets?|tokeni[sz]ation)\b"
    r"(?!\s+(trad\w*|signals?|mentor\w*|coach\w*|expert\w*))",
    re.IGNORECASE,
)
"""The bare names of a field people work in (a crypto exchange, a bank's digital-assets desk): in a headline
they say where someone works, not that they pitch; but not before "trader", "signals", "mentor", "coach" or
"expert", the retail-scam archetypes of the get-rich family.  [ours]"""


def is_spam_request(facts: RequestFacts, signals: list[tuple[str, float]]) -> bool:
    """Spam, judged on the note and the headline together; but when the note carries no signals of its own
    (under :data:`~netvalue.recommend.spam.WEAK_SPAM_AT`), the headline is judged without the bare names of
    its field (:data:`_FIELD_NAMES`): "Blockchain Engineer at Coinbase" is a job, while "Forex Trader |
    Financial Freedom Mentor" or "Token Presale | DeFi" still pitch.  [ours, issue 15: a false solid reason
    now costs an accept]"""
    return _spam_verdict(facts, signals)[0]


def _spam_verdict(facts: RequestFacts, signals: list[tuple[str, float]]) -> tuple[bool, bool]:
    """(spam, the note carries it) as :func:`is_spam_request` judges it."""
    if not is_spam(signals):
        return False, False
    if not facts.headline or spam_score(spam_signals(facts.message)) >= WEAK_SPAM_AT:
        return True, True
    return is_spam(spam_signals(facts.message, _FIELD_NAMES.sub(" ", facts.headline))), False


def _solid_reasons(
    facts: RequestFacts, purpose: Purpose, signals: list[tuple[str, float]], spam: tuple[bool, bool]
) -> list[tuple[SolidReason, str]]:
    """The solid reasons not to connect (science.md §6), each in words."""
    found: list[tuple[SolidReason, str]] = []
    abuse = abuse_signals(facts.message)
    if abuse:
        found.append(("abuse", f"abusive ('{snippet(facts.message)}')"))
    account = account_signals(facts.name)
    if is_fake(account):
        found.append(("fake", "a fake account: " + ", ".join(label for label, _ in account)))
    if spam[0]:
        in_note = spam[1]
        quoted = snippet(facts.message) if in_note else snippet(facts.headline)
        found.append(("spam", f"{spam_kind(signals)} ('{quoted}')"))
    if purpose.avoid:
        who = "\n".join(t for t in (facts.headline, facts.company) if t and t.strip())
        for term in match_avoid(purpose, facts.name, who):
            found.append(("conflict", f"a conflict you named: {term!r} (`netvalue purpose set --avoid`)"))
    return found


def triage_request(facts: RequestFacts, purpose: Purpose, model: DecisionModel | None = None) -> TriageResult:
    """Decide one request by the rule (module docstring) and rank it.  Pure: everything it uses is in
    ``facts``, ``purpose`` and ``model``."""
    reasons: list[str] = []
    signals = spam_signals(facts.message, facts.headline)
    verdict = _spam_verdict(facts, signals)
    spam = verdict[0]
    solid = _solid_reasons(facts, purpose, signals, verdict)
    matches = match_targets(purpose, facts.profile_text)
    context = _shared_context(facts, purpose, reasons)
    relevance, bridge, listed = _relevance(facts, purpose, matches, context, reasons)
    score = 0.2 + bridge + _note_bonus(facts, signals, reasons) + (relevance + context.shared)
    # The user's past decisions judge what the text says and move the rank; they do not overrule shared
    # context, which the text does not show, and they never refuse a request (that needs a solid reason).
    adjustment, stems = (
        (model or DecisionModel()).adjustment(facts.text) if not context.has_shared else (0.0, [])
    )
    if adjustment:
        score += adjustment
        direction = "accepted" if adjustment > 0 else "ignored"
        reasons.append(
            f"like requests you {direction} before ({', '.join(stems)}): {adjustment:+.2f} to the rank"
        )
    if signals and not spam:
        reasons.append("weak spam signal: " + ", ".join(label for label, _ in signals))
    serves: list[str] = []
    if solid:
        decision: Decision = "ignore"
        score = min(score, SOLID_CAP)
        if spam:
            reasons.insert(0, "spam signals: " + ", ".join(label for label, _ in signals))
        reasons.insert(0, "ignored: " + "; ".join(text for _, text in solid))
    else:
        decision, cap = _decide(facts, purpose, matches, context, listed, reasons, serves)
        score = min(score, cap)
    score = max(0.0, min(1.0, score))
    return TriageResult(
        facts.ref,
        facts.name,
        facts.profile_url,
        decision,
        score,
        tuple(reasons),
        tuple(serves),
        spam,
        tuple(kind for kind, _ in solid),
    )


@dataclass(frozen=True, slots=True)
class _SharedContext:
    """What the owner's data shows they share with the requester: the rank it adds, and whether it is
    a real relationship (messages both ways) or any shared context at all."""

    shared: float
    real_relationship: bool
    has_shared: bool
    trust: bool  # the purpose counts embeddedness as trust


def _shared_context(facts: RequestFacts, purpose: Purpose, reasons: list[str]) -> _SharedContext:
    """Known already, shared organisations, contacts at their company, mutual connections (each in
    ``reasons``); the rank they add, raised when the purpose needs trust and capped."""
    trust = bool(set(purpose.goals) & TRUST_GOALS)
    shared = 0.0
    sent, received = facts.two_way
    real_relationship = sent > 0 and received > 0
    if real_relationship:
        shared += 0.5
        reasons.append(f"you already know them: {sent} sent and {received} received messages or meetings")
    elif facts.known_person_id is not None:
        shared += 0.1
        reasons.append("already in your contacts, but no two-way exchange")
    for org in facts.shared_organizations:
        reasons.append(f"shared context: you were both at {org}")
    if facts.shared_organizations:
        shared += 0.35
    if facts.contacts_at_company:
        n = facts.contacts_at_company
        shared += 0.2 if n <= 2 else 0.3
        where = f" ({facts.company_community})" if facts.company_community else ""
        reasons.append(f"people in common: {n} of your contacts work at {facts.company}{where}")
    bonus, why = _mutual_bonus(facts.mutual_connections, purpose)
    shared += bonus
    if why:
        reasons.append(why)
    has_shared = shared > 0.1 or real_relationship or bool(facts.shared_organizations)
    if trust and shared:
        shared = min(shared * TRUST_SHARED, 0.75)
        reasons.append("embeddedness counts as trust for " + purpose.label)
    shared = min(shared, 0.75 if trust else 0.6)
    return _SharedContext(shared, real_relationship, has_shared, trust)


def _relevance(
    facts: RequestFacts,
    purpose: Purpose,
    matches: list[tuple[TargetKind, str]],
    context: _SharedContext,
    reasons: list[str],
) -> tuple[float, float, str]:
    """(relevance to the purpose's targets, the bonus of a bridge to a company none of the owner's
    contacts is at, the matches in words); targets named only in the note do not count."""
    relevance = bridge = 0.0
    listed = ""
    if matches:
        kinds = {kind for kind, _ in matches}
        relevance = min(0.35 + 0.1 * (len(kinds) - 1), 0.55)
        listed = ", ".join(f"{_SINGULAR.get(kind, kind)} {t!r}" for kind, t in matches)
        reasons.append(f"relevant to your purpose: {listed}")
        if not purpose.open_to_strangers and not context.has_shared:
            relevance *= 0.4
        if context.trust and not context.has_shared:
            reasons.append(
                "nobody in common vouches for them yet: ask how they found you before sharing much"
            )
        if not facts.company_known and facts.company:
            bridge = 0.05
            reasons.append(f"bridge: none of your contacts is at {facts.company}, a cluster you lack")
    elif purpose.is_set and any(purpose.targets(k) for k in ("roles", "industries", "companies", "keywords")):
        if facts.headline or facts.company:
            reasons.append("no target in their headline or company (targets rank, they do not gate)")
        else:
            reasons.append(
                "no headline or company to match your targets against (Invitations.csv carries neither)"
            )
    note_only = (
        [m for m in match_targets(purpose, facts.message) if m not in matches]
        if facts.message and facts.profile_text != facts.message
        else []
    )
    if note_only:
        listed_note = ", ".join(f"{_SINGULAR.get(kind, kind)} {t!r}" for kind, t in note_only)
        reasons.append(
            f"the note mentions {listed_note}, their headline does not: not counted (it may be about you)"
        )
    return relevance, bridge, listed


def _note_bonus(facts: RequestFacts, signals: list[tuple[str, float]], reasons: list[str]) -> float:
    """What the note adds to the rank: a personal note without spam signals, 0.1."""
    note = note_kind(facts.message)
    if note == "personal" and spam_score(signals) >= WEAK_SPAM_AT:
        reasons.append("a note, but with spam signals")
    elif note == "personal":
        reasons.append("a personal note")
        return 0.1
    elif note == "generic":
        reasons.append("a generic note")
    else:
        reasons.append("no note (most genuine requests have none)")
    return 0.0


def _decide(
    facts: RequestFacts,
    purpose: Purpose,
    matches: list[tuple[TargetKind, str]],
    context: _SharedContext,
    listed: str,
    reasons: list[str],
    serves: list[str],
) -> tuple[Decision, float]:
    """The decision for a request with no solid reason against it, and the cap on its score; the
    decision's reason goes first in ``reasons``, the goals it serves into ``serves``."""
    if purpose.known_only:
        if context.real_relationship or facts.shared_organizations:
            evidence = (
                "you have written to each other"
                if context.real_relationship
                else "you were at the same place"
            )
            reasons.insert(0, f"accepted: your purpose is people you know, and {evidence}")
            serves.append(GOAL_LABELS["known-only"])
            return ("accept and reach out" if matches else "accept"), 1.0
        claim = (
            " (the note says you met: accept it yourself if you remember them)"
            if recalls_shared_past(facts.message)
            else ""
        )
        reasons.insert(
            0,
            f"ignored: your purpose is people you know, and nothing in your data shows you know them{claim}",
        )
        return "ignore", KNOWN_ONLY_CAP
    if not purpose.open_to_strangers and not context.has_shared:
        reasons.insert(
            0,
            "ignored: you are not open to strangers (purpose set --known-only), and nothing shows you share context",
        )
        return "ignore", 1.0
    if matches:
        reasons.insert(0, f"accept and reach out: {_who(matches)}, your targets")
        goals = [g for g in purpose.goals if g != "known-only"]
        serves.extend(f"{GOAL_LABELS[g]} ({listed})" for g in goals)
        if not goals:
            serves.append(f"your targets ({listed})")
        return "accept and reach out", 1.0
    reasons.insert(0, f"accepted: {_why_open(purpose)}")
    how = (
        "a moderately weak tie with shared context: Rajkumar 2022"
        if context.has_shared
        else "connect unless there is a solid reason not to"
    )
    serves.extend(f"{GOAL_LABELS[goal]} ({how})" for goal in purpose.goals if goal != "known-only")
    if not purpose.goals:
        serves.append(purpose.label)
    return "accept", 1.0


def triage_requests(
    requests: list[RequestFacts], purpose: Purpose, model: DecisionModel | None = None
) -> list[TriageResult]:
    """Every request decided, best first: reach out, then accept, then ignore; by score within each (then
    id, for a stable order)."""
    results = [triage_request(r, purpose, model) for r in requests]
    return sorted(results, key=lambda t: (DECISION_ORDER[t.decision], -t.score, t.ref))
