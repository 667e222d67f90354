"""Deciding and acting: the user's purpose, triage of connection requests, the weekly outreach plan and
the give-and-take ledger.  Pure functions over analysis results (``purpose`` also reads and writes its
TOML file).  Importing the package registers its ``netvalue explain`` topics.
"""

from __future__ import annotations

from netvalue.explain import Topic
from netvalue.explain import register_topic as _register


def register_topic(topic: Topic) -> None:
    """Register a topic whose text is written as source lines: single line breaks join into paragraphs."""
    text = "\n\n".join(" ".join(part.split("\n")) for part in topic.text.split("\n\n"))
    _register(Topic(topic.name, topic.title, text, topic.sources))


_RAJKUMAR = (
    "Rajkumar, Saint-Jacques, Bojinov, Brynjolfsson & Aral (2022), A causal test of the strength of weak ties, "
    "Science 377:1304–1310 [checked abstract; the ~10 mutual connections peak reported]"
)
_LEVIN = (
    "Levin, Walter & Murnighan (2011), Dormant Ties, Organization Science 22(4):923–939 [checked abstract]"
)
_WALTER = "Walter, Levin & Murnighan (2015), Organization Science: reconnection and the comfort bias [checked abstract]"
_DUNBAR = "Dunbar (2020), Proc. R. Soc. A 476:20200446: contact frequency per layer [reported]"
_BURT = "Burt (2002), Bridge decay, Social Networks 24:333–363; Burt (2004), AJS 110(2):349–399 [checked]"
_GRANOVETTER = "Granovetter (1973), AJS 78(6):1360–1380: reciprocal services in tie strength [reported]"

register_topic(
    Topic(
        "purpose",
        "Purpose: why you are networking",
        "Goals: job-search, business, hiring, fundraising, learning, known-only; targets: industries, roles,\n"
        "companies, places, keywords; open to strangers or not.  Kept in purpose.toml beside the database.\n"
        'A target matches a text when its word stems appear close together ("data engineer" matches\n'
        '"Data Engineering Lead"): a crude English suffix stemmer [ours].  Targets also match through a table of\n'
        "concepts [ours]: synonyms, neighbouring roles, tools and other-language names (data engineer ~ analytics\n"
        "engineer, dbt, Spark; procurement ~ sourcing, buyer, Einkäufer; investor ~ VC, angel, partner at a fund),\n"
        "role nouns and seniority words (developer ~ engineer, manager ~ lead ~ head).  Triage reads relevance\n"
        "from the headline and company, not the note (a note naming a target may be about you).  Every triage\n"
        "decision and plan item names the goal and the targets it serves.  Targets rank and turn a match into\n"
        "'accept and reach out'; they never gate acceptance.  Avoid: companies, people or keywords whose\n"
        "requests are ignored (a conflict you named, science.md §6).",
        (_RAJKUMAR,),
    )
)
register_topic(
    Topic(
        "triage",
        "Triage of connection requests",
        "The rule decides (science.md §6, the product's premise): for job search, business, hiring,\n"
        "fundraising and learning, and when no purpose is set, connect unless there is a solid reason not to —\n"
        "a connection can be removed later, a refused request may never come again, and nobody knows which\n"
        "contact leads to the next opportunity.  Solid reasons, each named in the reason: spam or a sales\n"
        "pitch (see `netvalue explain spam`; when the note carries no signal, the headline is judged without\n"
        "the bare names of a field such as crypto or blockchain: a job there is no pitch); a fake account (a name that is empty or a placeholder such as\n"
        "'LinkedIn Member', a web address, e-mail or handle, a user name of digits, or reads like an ad); abuse\n"
        "(insults, threats, harassment aimed at you); a conflict you named (`purpose set --avoid`, matched on\n"
        "their headline, company and whole name).  A terse request with no note is not a fake: most genuine\n"
        "requests carry none.  Targets never gate acceptance: a match in the headline or company makes it\n"
        "'accept and reach out'.  Known-only accepts only evidence of a real relationship (two-way messages,\n"
        "mail or meetings, or a shared employer or school); a note saying you met is named for you to judge.\n"
        "Not open to strangers (--known-only flag with another goal): a request sharing nothing with you (no\n"
        "mutual connection, organisation, contact at their company) is ignored.  Hiring and fundraising are\n"
        "trust purposes: they still connect unless a solid reason, but embeddedness ranks higher (shared\n"
        "context × 1.25, cap 0.75; many mutual connections count as trust) and a relevant stranger's reasons\n"
        "say nobody in common vouches for them yet [ours].\n\n"
        "The score only ranks (reach out first, then accept, then ignore; by score within each):\n"
        "0.20 base + relevance (0.35 for the first kind of target matched, +0.10 per further kind,\n"
        "cap 0.55) + shared context (cap 0.60: real two-way relationship 0.50, known one-way 0.10, shared\n"
        "employer or school 0.35, your contacts at their company 0.20 / 0.30 for 3+, mutual connections 0.15\n"
        "for 1–3, 0.30 for 4–30 (moderately weak: Rajkumar 2022), 0.20 above 30 or 0.35 for hiring and\n"
        "fundraising (embeddedness as trust)) + 0.10 personal note + 0.05 bridge to a company none of your\n"
        "contacts is at + learned adjustment (±0.25).  Not open to strangers: relevance counts 40% without\n"
        "shared context.  A solid reason caps the score at 0.10; known-only without evidence caps it at 0.35.\n"
        "All weights [ours], measured by benchmarks/triage.py.\n"
        "Learning: for each word stem, pa = (accepted requests with it + 0.5) / (accepted + 1) and\n"
        "pi = (ignored with it + 0.5) / (ignored + 1); w = (pa − pi) / (pa + pi), kept when seen in 2+ decisions\n"
        "and |w| ≥ 0.5;\n"
        "a request's adjustment is 0.25 × the mean w of its stems, from 3 decisions on, only for requests\n"
        "with no shared context (past decisions judge the text, not shared context the text cannot show); it\n"
        "moves the rank and never refuses a request, which needs a solid reason in words [ours].",
        (_RAJKUMAR, _BURT),
    )
)
register_topic(
    Topic(
        "spam",
        "Spam signals in connection requests",
        "Structural signal families, weight [ours]: get-rich / crypto / forex / MLM stems, follower-growth offer,\n"
        "scam story, romance opener 1.0 each; prospecting bait 0.7; service offered to the reader, fee asked of\n"
        "the reader, too-good job offer, loan or funding offer, award bait, look-alike letters 0.6 each;\n"
        "off-platform contact, greeting of a stranger, mass-invite or flattery template, event promotion 0.5;\n"
        "sales vocabulary, rhetorical hook, call to action, money, growth claims, guarantee, urgency, shouting\n"
        "0.4 each; the reader's business as the object 0.3; a link 0.3 (+0.3 if shortened or sketchy); an\n"
        "unfilled mail-merge field ({{first_name}}) 0.6.\n"
        "Corpus evidence: naive Bayes over the note's stems and stem pairs against ~180 spam and ~150 genuine\n"
        "labelled notes (Sahami et al. 1998; Graham 2002), log-likelihood ratio × 0.3, clamped to [-0.3, 1.0].\n"
        "A note recalling a shared past -0.5; counter-evidence together at most -0.5.  Each family counts once;\n"
        "spam at 1.0.  Generic notes (LinkedIn's default, \"let's connect\") are not spam, only not personal.\n"
        "Measured by benchmarks/triage.py on generated requests; all its pools are development data, and a\n"
        "blind round-4 set written by someone else measures generalisation.",
    )
)
register_topic(
    Topic(
        "plan",
        "The weekly outreach plan",
        "1–3 people a week (setting plan.size).  Reasons, weight: dormant once-strong tie 1.0 × historical\n"
        "strength (+0.2 deep dormant, ≥ 3 years: Levin et al. 2011); helped you and has not heard from you\n"
        "since 0.9 (ledger); bridge to a cluster going quiet (members' activity < 25% of their history) 0.7\n"
        "(Burt 2002: bridges decay fastest); company or role change between imports 0.6; moderately weak tie\n"
        "(active, meaningful or known tier) relevant to the purpose 0.6 (Rajkumar 2022); overdue for its\n"
        "tier's cadence 0.4.  score = best reason + 0.1 per further reason − 0.5 × percentile of current\n"
        "activity (against the comfort bias: Walter, Levin & Murnighan 2015) + jitter < 0.05 seeded by the\n"
        "week string.  Never the same person two weeks running (planned or contacted last week) unless\n"
        "--allow-repeat; nobody contacted in the last 30 days; at most two people for the same reason.\n"
        "The opener uses only facts in the data: time since contact, the last conversation's title, a shared\n"
        "company, a company change, a favour received, and an ask from your purpose.  Weights [ours].\n"
        "The first plan proposed for a week is kept: the same week shows the same plan (--replan to redo).",
        (_LEVIN, _WALTER, _RAJKUMAR, _BURT),
    )
)
register_topic(
    Topic(
        "cadence",
        "Contact cadence per tier",
        "Defaults: inner circle every 30 days, close every 91, active every 365 (settings cadence.<tier>,\n"
        "`netvalue plan settings --cadence close=60`).  Dunbar (2020) reports a typical contact frequency\n"
        "per layer (inner 5 about weekly, 15 about monthly, 150 about yearly); the monthly / quarterly /\n"
        "yearly spacing is ours.  A tie silent for longer than its tier's cadence is listed as overdue in\n"
        "`netvalue report`.  The streak counts consecutive ISO weeks with at least one `netvalue done`.",
        (_DUNBAR,),
    )
)
register_topic(
    Topic(
        "ledger",
        "The give-and-take ledger",
        "Entries: `netvalue give` / `netvalue ask` (intro, referral, advice, endorsement, recommendation,\n"
        "favour) plus endorsements and recommendations from the imports (given: give; received: ask).\n"
        "balance = given − received per person, every entry weighing one [ours]; below zero you owe them.\n"
        "Reciprocal services are a dimension of tie strength (Granovetter 1973).",
        (_GRANOVETTER,),
    )
)
