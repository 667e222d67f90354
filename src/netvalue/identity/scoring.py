"""How closely two people agree: the confidence that they are one human, with its reasons.

The pair weights of :mod:`netvalue.identity.matching` (Fellegi & Sunter 1969, "A theory for record
linkage", JASA 64(328)): a name level (:func:`netvalue.identity.names.compare_names`) plus corroborating
facts (a company, an e-mail domain that is the other's company, a local part spelling the other's name)
and conflicting ones (different companies, two addresses at one corporate domain, two LinkedIn profiles).
The weights are ours, set by hand on ``benchmarks/identity.py`` (see :mod:`netvalue.identity.matching`).
Pure functions, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from netvalue.identity.corroboration import companies_agree as _companies_agree
from netvalue.identity.names import NameLevel, better, compare_names, local_part_patterns
from netvalue.identity.profiles import Profile

__all__ = ["AUTO_MERGE", "REVIEW", "Match", "MergeRule", "score_pair"]

AUTO_MERGE = 0.92
"""Merge without asking at or above this confidence (ours; see the module docstring)."""
REVIEW = 0.75
"""Queue for review at or above this confidence and below :data:`AUTO_MERGE` (ours)."""

# A one-letter typo scores as an exact name less a small allowance (0.71 since issue 3's recall work: at
# 0.61, a typo with same company and e-mail domain stayed below AUTO_MERGE, 27 true pairs and no false one
# among the candidates of the 2,000-people benchmark, seed 7); colleagues at one domain still part
# (_COLLEAGUE).
_BASE: dict[NameLevel, float] = {"exact": 0.76, "nickname": 0.72, "initial": 0.66, "typo": 0.71, "none": 0.0}
_DERIVED_NAME = -0.02  # a name read off an e-mail address is a little weaker than a name a source gave
_SAME_ORG = 0.21  # same company, or an e-mail domain that is the other's company
_BOTH_ORG = 0.02  # the company and the domain both agree
_LOCAL_PART = 0.10  # an e-mail local part that spells the other's name (see _spells_other)
_OTHER_COMPANY = -0.12  # both have companies and none agree
_COLLEAGUE = -0.18  # two different addresses at one corporate domain
_RARE_NAME = 0.08  # no third person bears the name (ranks the review queue only)
_LOOSE_NAME = 0.12  # pairs scored this far below REVIEW are kept for the lone-name rule (an initial alone;
# an exact name beside different companies, 0.64, for a job change: _job_change_ratio)
_TWO_PROFILES = 0.90  # two distinct LinkedIn profiles are never merged automatically
_TWO_PROFILES_REASON = "two different LinkedIn profiles"
_OTHER_COMPANY_REASON = "different companies"
_COLLEAGUE_REASON = "different addresses at that domain (colleagues?)"
_CONTRADICTIONS = frozenset({_TWO_PROFILES_REASON, _OTHER_COMPANY_REASON, _COLLEAGUE_REASON})


MergeRule = Literal["sure", "rare_name", "lone_name"]
"""Which rule made an automatic merge: the score (``sure``), :func:`_merge_rare_names`, :func:`_merge_lone_names`."""


@dataclass(frozen=True, slots=True)
class Match:
    """Two people who are probably one; ``confidence`` in [0, 1], ``reasons`` say why (and why not).

    For an automatic merge: ``rule`` that made it, ``linked_pairs`` the record pairs it links (the product
    of its two groups' records), ``namesake_chance`` the estimated chance that those are two humans (the
    decoy estimate of :mod:`netvalue.identity.namesakes`; its expected wrong pairs are the product)."""

    a: int
    b: int
    confidence: float
    reasons: tuple[str, ...]
    rule: MergeRule = "sure"
    linked_pairs: int = 0
    namesake_chance: float = 0.0


def _domain_is_company(labels: frozenset[str], companies: frozenset[str]) -> bool:
    for label in labels:
        for company in companies:
            if label == company:
                return True
            if (
                len(label) >= 4
                and len(company) >= 4
                and (company.startswith(label) or label.startswith(company))
            ):
                return True
    return False


def _best_name(a: Profile, b: Profile) -> tuple[NameLevel, str, bool]:
    best: NameLevel = "none"
    reason = ""
    derived = False
    for x in (a.name, *a.email_names):
        for y in (b.name, *b.email_names):
            level, why = compare_names(x, y)
            if better(level, best) or (level == best and derived and not (x.derived or y.derived)):
                best, reason, derived = level, why, x.derived or y.derived
    return best, reason, derived


def _unnamed_address(a: Profile, b: Profile) -> tuple[NameLevel, str]:
    """A person known only by an address whose local part spells the other's name (``jsmith@`` with no
    display name, beside John Smith) agrees as far as an initial does."""
    for x, y in ((a, b), (b, a)):
        if not x.name.usable and x.locals & local_part_patterns(y.name):
            return (
                "initial",
                f"address {sorted(x.locals & local_part_patterns(y.name))[0]}@ spells {y.name.given} {y.name.family}",
            )
    return "none", ""


def _spells_other(a: Profile, b: Profile) -> bool:
    """An address of ``a`` spells ``b``'s name in a way ``a``'s own name does not already explain (``J.
    Smith <john.smith@...>`` beside John Smith; ``Liz White <ewhite@...>`` beside Elizabeth White).  Two
    namesakes' addresses spelling their shared name say nothing, so that does not count."""
    spelled = a.locals & local_part_patterns(b.name)
    return bool(spelled) and not (spelled & local_part_patterns(a.name))


def score_pair(a: Profile, b: Profile) -> Match | None:
    """The confidence that ``a`` and ``b`` are one human, or ``None`` when their names do not agree."""
    level, why, derived = _best_name(a, b)
    if level == "none":
        level, why = _unnamed_address(a, b)
        if level == "none":
            return None
    confidence = _BASE[level] + (_DERIVED_NAME if derived else 0.0)
    reasons = [why + (" (read from an e-mail address)" if derived else "")]
    same_company = bool(a.companies and b.companies and _companies_agree(a.companies, b.companies))
    domain_company = _domain_is_company(a.domain_labels, b.companies) or _domain_is_company(
        b.domain_labels, a.companies
    )
    same_domain = bool(a.corporate_domains & b.corporate_domains)
    if same_company:
        reasons.append("same company")
    if domain_company:
        reasons.append("e-mail domain is the other's company")
    if same_domain:
        reasons.append("same corporate e-mail domain")
    if same_company or domain_company or same_domain:
        confidence += _SAME_ORG + (_BOTH_ORG if same_company and (domain_company or same_domain) else 0.0)
    elif (a.companies or a.corporate_domains) and (b.companies or b.corporate_domains):
        confidence += _OTHER_COMPANY
        reasons.append(_OTHER_COMPANY_REASON)
    if same_domain:
        confidence += _COLLEAGUE
        reasons.append(_COLLEAGUE_REASON)
    if _spells_other(a, b) or _spells_other(b, a):
        confidence += _LOCAL_PART
        reasons.append("an e-mail local part spells the other's name")
    if a.phones & b.phones:
        confidence = max(confidence, AUTO_MERGE)
        reasons.append("same phone")
    if a.linkedins and b.linkedins:
        # distinct profiles are distinct humans: worth a look only when everything else agrees strongly
        confidence = (
            _TWO_PROFILES if confidence >= AUTO_MERGE else min(confidence, REVIEW - 0.01 - _RARE_NAME)
        )
        reasons.append(_TWO_PROFILES_REASON)
    return Match(a.id, b.id, round(max(0.0, min(1.0, confidence)), 3), tuple(reasons))
