"""Triage of connection requests against the user's purpose: accept, accept and reach out, or ignore,
with a score in [0, 1] and the reasons.

The rules (science.md §6):

* Rajkumar, Saint-Jacques, Bojinov, Brynjolfsson & Aral (2022), Science 377:1304: job mobility rises then
  falls with tie strength; *moderately weak* ties (some mutual connections, peak near ~10 as reported)
  helped most.  So for job and business purposes a request with some shared context is accepted unless
  there is a solid reason not to (spam), and some shared context scores above none.  For trust purposes
  (fundraising, hiring) many people in common count as embeddedness [ours, from §6's "Use"].
* A "people I know" purpose (``known-only``) accepts only with evidence of a real relationship: an
  existing person with two-way interactions, or a shared employer or school.
* A requester from a company none of the user's contacts is at, and relevant to the purpose, opens a
  cluster the user lacks (brokerage, Burt 2004; §4 and §6 "add value for a requester who bridges").

Relevance is read from who the requester *is* — headline and company — not from the note: a note that
names a target is often about the reader ("I saw you're hiring a frontend developer"), so a target found
only in the note is given as a reason but not counted, unless there is no headline or company [ours;
round 4].  The note counts as a personal note and in the spam signals (:mod:`netvalue.recommend.spam`).

The score is additive; every weight below is [ours], chosen so that each rule alone crosses the accept
line (0.5) and is measured by ``benchmarks/triage.py``:

====================================  =============================================================
base                                  0.20
relevant to the purpose (1st target)  +0.35, +0.10 per further kind of target (cap 0.55)
real relationship (two-way contact)   +0.50; known but one-way: +0.10
shared employer or school             +0.35
your contacts at their company        +0.20 (1–2), +0.30 (3+)
mutual connections (typed)            +0.15 (1–3), +0.30 (4–30), +0.20 (>30; +0.35 for trust goals)
personal note                         +0.10 (+0.25 more when no purpose is set)
bridge to a company you have nobody   +0.05 (only when relevant)
learned from your decisions           ±0.25 at most, no shared context only (:class:`DecisionModel`)
====================================  =============================================================

Shared context is capped at 0.60.  Not open to strangers: relevance counts 40% without shared context.
Spam caps the score at 0.10; known-only without evidence caps it at 0.35.  Accept at 0.50; accept and
reach out at 0.80 when the request is relevant or a real relationship.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from netvalue.recommend.purpose import (
    GOAL_LABELS,
    OPEN_GOALS,
    TRUST_GOALS,
    Purpose,
    match_targets,
    text_stems,
)
from netvalue.recommend.spam import WEAK_SPAM_AT, is_spam, note_kind, spam_score, spam_signals

Decision = Literal["accept", "accept and reach out", "ignore"]
ACCEPT_AT = 0.5
_SINGULAR = {
    "industries": "industry",
    "roles": "role",
    "companies": "company",
    "places": "place",
    "keywords": "keyword",
}
NO_PURPOSE_PERSONAL = 0.25  # [ours]: base 0.20 + note 0.10 + this crosses ACCEPT_AT
REACH_OUT_AT = 0.8
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


def triage_request(facts: RequestFacts, purpose: Purpose, model: DecisionModel | None = None) -> TriageResult:
    """Decide one request.  Pure: everything it uses is in ``facts``, ``purpose`` and ``model``."""
    reasons: list[str] = []
    serves: list[str] = []
    score = 0.2

    signals = spam_signals(facts.message, facts.headline)
    spam = is_spam(signals)
    matches = match_targets(purpose, facts.profile_text)
    note_only = (
        [m for m in match_targets(purpose, facts.message) if m not in matches]
        if facts.message and facts.profile_text != facts.message
        else []
    )

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
    shared = min(shared, 0.6)
    has_shared = shared > 0.1 or real_relationship or bool(facts.shared_organizations)

    relevance = 0.0
    if matches:
        kinds = {kind for kind, _ in matches}
        relevance = min(0.35 + 0.1 * (len(kinds) - 1), 0.55)
        listed = ", ".join(f"{_SINGULAR.get(kind, kind)} {t!r}" for kind, t in matches)
        reasons.insert(0, f"relevant to your purpose: {listed}")
        if not purpose.open_to_strangers and not has_shared:
            relevance *= 0.4
            reasons.append("you are not open to strangers and nothing shows you share context")
        if not facts.company_known and facts.company:
            score += 0.05
            reasons.append(f"bridge: none of your contacts is at {facts.company}, a cluster you lack")
        for goal in purpose.goals:
            if goal != "known-only":
                serves.append(f"{GOAL_LABELS[goal]} ({listed})")
        if not purpose.goals:
            serves.append(f"your targets ({listed})")
    elif purpose.is_set and (purpose.goals or any(purpose.targets(k) for k in ("roles", "industries"))):
        reasons.append("nothing in their headline or company matches your purpose's targets")
    if note_only:
        listed_note = ", ".join(f"{_SINGULAR.get(kind, kind)} {t!r}" for kind, t in note_only)
        reasons.append(
            f"the note mentions {listed_note}, their headline does not: not counted (it may be about you)"
        )

    note = note_kind(facts.message)
    if note == "personal" and spam_score(signals) >= WEAK_SPAM_AT:
        reasons.append("a note, but with spam signals")
    elif note == "personal":
        score += 0.1
        reasons.append("a personal note")
        if not purpose.is_set:
            # With no purpose stated, lean to connecting unless there is a solid reason not to (the default
            # stance science.md §6 gives for job and business purposes) — but only for someone who wrote.
            score += NO_PURPOSE_PERSONAL
            reasons.append("no purpose set: a personal note is enough to connect (`netvalue purpose set`)")
    elif note == "generic":
        reasons.append("a generic note")
    else:
        reasons.append("no note")

    score += relevance + shared
    if has_shared and not matches:
        open_goals = [g for g in purpose.goals if g in OPEN_GOALS]
        for goal in open_goals:
            serves.append(f"{GOAL_LABELS[goal]} (a moderately weak tie with shared context: Rajkumar 2022)")
        if not purpose.goals:
            serves.append("general networking (shared context)")
    if "known-only" in purpose.goals and (real_relationship or facts.shared_organizations):
        serves.append(GOAL_LABELS["known-only"])

    # The user's past decisions judge what the text says; they do not overrule shared context, which the
    # text does not show (Rajkumar et al. 2022 stands for requests with some shared context).
    adjustment, stems = (model or DecisionModel()).adjustment(facts.text) if not has_shared else (0.0, [])
    if adjustment:
        score += adjustment
        direction = "accepted" if adjustment > 0 else "ignored"
        reasons.append(f"like requests you {direction} before ({', '.join(stems)}): {adjustment:+.2f}")

    if purpose.known_only and not (real_relationship or facts.shared_organizations):
        score = min(score, 0.35)
        reasons.append("your purpose is people you know, and nothing shows you know them")
    if spam:
        score = min(score, 0.1)
        reasons.insert(0, "spam signals: " + ", ".join(label for label, _ in signals))
    elif signals:
        reasons.append("weak spam signal: " + ", ".join(label for label, _ in signals))

    score = max(0.0, min(1.0, score))
    decision: Decision = "ignore"
    if not spam and score >= ACCEPT_AT:
        decision = "accept"
        if score >= REACH_OUT_AT and (matches or real_relationship):
            decision = "accept and reach out"
    if decision != "ignore" and not serves:
        serves.append(purpose.label)
    return TriageResult(
        facts.ref, facts.name, facts.profile_url, decision, score, tuple(reasons), tuple(serves), spam
    )


def triage_requests(
    requests: list[RequestFacts], purpose: Purpose, model: DecisionModel | None = None
) -> list[TriageResult]:
    """Every request decided, best first (score, then id for a stable order)."""
    results = [triage_request(r, purpose, model) for r in requests]
    return sorted(results, key=lambda t: (-t.score, t.ref))
