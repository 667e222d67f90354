"""``netvalue explain [TOPIC]``: every formula and default, with its source.

A registry of topics.  Each area registers its topics when its module is imported::

    from netvalue.explain import Topic, register_topic
    register_topic(Topic("brokerage", "Brokerage", "constraint = ...", ("Burt (1992) ...",)))

and adds that module's name to :data:`TOPIC_MODULES`, so that :func:`all_topics` imports it.
Marks follow science.md: [checked] read in the source, [reported] quoted by others, [derived] our
arithmetic from the figures, [ours] a product assumption.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from netvalue.analysis.definitions import meaning
from netvalue.errors import UsageError


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    title: str
    text: str
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """``netvalue explain TOPIC --json``."""
        return {"name": self.name, "title": self.title, "text": self.text, "sources": list(self.sources)}


_REGISTRY: dict[str, Topic] = {}

TOPIC_MODULES: tuple[str, ...] = ("netvalue.identity.explained", "netvalue.recommend")
"""Modules that register topics when imported (each area adds its own)."""

TOPIC_ORDER: tuple[str, ...] = (
    "ties",
    "decay",
    "dunbar",
    "calibration",
    "value",
    "cooccurrence",
    "constraint",
    "effective size",
    "communities",
    "bridges",
    "purpose",
    "triage",
    "spam",
    "plan",
    "cadence",
    "ledger",
    "identity",
)
"""The order ``netvalue explain`` lists its topics in: the model's own first, then deciding, then identity.
Fixed here, not by the order modules happen to be imported in (which differs between a command and a test
run); a topic not listed comes last."""


def register_topic(topic: Topic) -> None:
    """Add (or replace) a topic."""
    _REGISTRY[topic.name] = topic


def all_topics() -> list[Topic]:
    """Every registered topic, in :data:`TOPIC_ORDER`."""
    for module in TOPIC_MODULES:
        importlib.import_module(module)
    rank = {name: i for i, name in enumerate(TOPIC_ORDER)}
    return sorted(_REGISTRY.values(), key=lambda topic: rank.get(topic.name, len(rank)))


def get_topic(name: str) -> Topic:
    """The topic called ``name`` (case-insensitive), or a UsageError listing the topics."""
    topics = {t.name.casefold(): t for t in all_topics()}
    found = topics.get(name.strip().casefold())
    if found is None:
        raise UsageError(f"no topic {name!r}; the topics are: {', '.join(sorted(topics))}")
    return found


# --- Ties, decay, Dunbar layers, calibration, value (issue 4) -------------------------------------

_GILBERT = (
    "Gilbert & Karahalios (2009), Predicting Tie Strength With Social Media, CHI 2009, "
    "doi 10.1145/1518701.1518736 [checked; weights reported]"
)
_GRANOVETTER = "Granovetter (1973), The Strength of Weak Ties, AJS 78(6):1360–1380 [reported]"
_KOSSINETS = "Kossinets & Watts (2006), Science 311:88 [checked]"
_BURT = "Burt (2002), Bridge decay, Social Networks 24:333–363 [checked]"
_NAVARRO = "Navarro et al. (2017), EPJ Data Science [checked]"
_RAEDER = "Raeder et al. (2011), Social Networks 33:245–257: what predicts which ties persist [checked]"
_LEVIN = (
    "Levin, Walter & Murnighan (2011), Dormant Ties, Organization Science 22(4):923–939 [checked abstract]"
)
_DUNBAR = "Dunbar (2020), Proc. R. Soc. A 476:20200446 [reported]"
_HILL = "Hill & Dunbar (2003), Human Nature 14:53–72: Christmas-card networks of 153.5 people [checked]"
_MIRITELLO = "Miritello et al. (2013), Sci. Rep.: finite communication capacity [ours, as used]"
_WU = (
    "Wu, Lin, Aral & Brynjolfsson (2009), Value of Social Network — A Large-Scale Analysis on Network "
    "Structure Impact to Financial Revenue of IT Consultants, WISE 2009 [checked; details reported]"
)


def _ties_text() -> str:
    from netvalue.analysis.strength import DEFAULT_MODEL, FEATURE_MEANINGS, FEATURE_NAMES

    lines = [
        "strength = σ(b + Σ w·x), σ(z) = 1/(1 + e^(−z)), in [0, 1].",
        "Dimensions and signs from Granovetter (1973) and Gilbert & Karahalios (2009): days since last",
        "communication (−), days since first (+), words exchanged (+), intimacy (+), mutual contacts (+),",
        "reciprocal services (+).  Their patented structure is not used.  Overdue (−): silence beyond the tie's",
        "own rhythm; Navarro et al. (2017): a tie silent for over 8× its usual gap has most likely decayed",
        "(Raeder et al. 2011: weight, reciprocity and age predict which ties persist).  The magnitudes are",
        "[ours], set by prediction of future two-way contact (benchmarks/tie_quality.py, science.md §8), judged",
        "on a generated set at several seeds and cut dates and on two Enron mailboxes at several cut dates",
        "together (it beats both baselines on the generated set and at the default cut of both mailboxes, not",
        "at every earlier cut, where a mailbox has 2–4 positives: see the benchmark);",
        "for comparison, their standardised weights were recency −0.76,",
        "duration +0.755, intimacy×structural +0.40, words +0.299, mutual friends +0.257 [reported].",
        "",
        f"  b (intercept)      {DEFAULT_MODEL.intercept:+.2f}",
    ]
    for name in FEATURE_NAMES:
        lines.append(f"  {name:<18} {DEFAULT_MODEL.weights[name]:+.2f}  x = {FEATURE_MEANINGS[name]}")
    lines += [
        "",
        "Group mail: a message to at most 4 people counts for each of them, a larger one only as shared",
        "context (Kossinets & Watts 2006: 95% of messages had 4 recipients or fewer).  The back-test on the",
        "shared Enron mailboxes (benchmarks/tie_quality.py) chose this over Newman's (2001) 1/n weighting",
        "(training AUC 0.830 against 0.823; held out 0.812 against 0.777); both stay comparable there.",
        "A co-recipient of a message someone else sent counts only as shared context.",
        'The weights are fitted [ours] to "two-way contact in the next 6 months" on five training',
        "mailboxes; on the six held out the strength's mean AUC is 0.819 against 0.742 for the best baseline.",
        f"Two-way contact: {meaning('two-way contact')}.  Without any two-way contact a tie's strength s",
        "becomes 0.2·s/(0.2 + 0.8·s), below 0.2: one-way traffic alone is no relationship [ours, as peers",
        "do], though such ties keep their rank among themselves and against weak two-way ties.",
        f'Every "days since" is read as silence: {meaning("silence")}.',
        "Reasons are the three features with the largest |w·(x − x with no evidence)| for that person.",
        "A rating r/5 you give overrides the strength: (r − 1)/4.",
    ]
    return "\n".join(lines)


register_topic(
    Topic(
        "ties",
        "Tie strength and its reasons",
        _ties_text(),
        (_GRANOVETTER, _GILBERT, _KOSSINETS, _NAVARRO, _RAEDER),
    )
)
register_topic(
    Topic(
        "decay",
        "Activity, history and dormant ties",
        "\n".join(
            [
                "Current activity A = Σ over interactions of 2^(−Δt/h), h = 110 days.  Burt (2002): nine in ten",
                "bridge ties of one year are gone the next; annual survival 0.1 gives a hazard of ln(10)/365 per",
                "day, a half-life of about 110 days [derived].  Shown as A/(A + 4) in [0, 1] [ours].",
                "Peak strength = σ(−3 + 0.7·log(1 + peak weighted interactions in a year) + 0.35·log(1 + years",
                "active) + reciprocity + 0.6·one-to-one share + 0.4·log(1 + meetings)): peak intensity, duration,",
                "reciprocity, intimacy [ours, inputs from science.md §2].  It never decays with silence.",
                f"Silence: {meaning('silence')}.",
                f"Once strong: {meaning('once strong')}.",
                f"Lapsing: {meaning('lapsing')} (Navarro et al. 2017).",
                f"Dormant: {meaning('dormant')}.",
                f"Deep dormant: {meaning('deep dormant')}.  Levin, Walter & Murnighan (2011): executives who",
                "reconnected with ties dormant ≥ 3 years got advice as useful as from current ties, more novel,",
                "and quicker; netvalue cites them for deep dormant ties only.",
            ]
        ),
        (_BURT, _NAVARRO, _LEVIN),
    )
)
register_topic(
    Topic(
        "dunbar",
        "Tiers and Dunbar's layers",
        "\n".join(
            [
                "Tiers come from evidence (how often you are in touch), not forced to Dunbar's numbers:",
                "  inner circle     contact in ≥ 26 of the last 52 weeks, two-way in the last 30 days",
                "                   (about weekly, like Dunbar's inner 5)",
                "  close            contact in ≥ 9 of the last 12 months, two-way in the last 90 days",
                "                   (about monthly, like the 15 layer)",
                "  active           two-way contact in the last 12 months (yearly, the 150 layer; Hill & Dunbar",
                "                   2003 [ours as a band])",
                "  meaningful       not active now but once strong (peak strength ≥ 0.5); every dormant tie",
                "  known            some two-way contact, ever",
                f"  collected names  {meaning('collected name')}",
                f"Working relationships: {meaning('working relationship')}.",
                "Inner circle and close also need reciprocity ≥ 0.25 [ours].",
                "Dunbar (2020): layers of about 5, 15, 50, 150, 500, 1,500, each ~3× the one inside; ~40% of social",
                "effort goes to the inner 5.  netvalue warns when more than ~150 ties are active: attention is",
                "finite (Miritello et al. 2013) [ours].",
            ]
        ),
        (_DUNBAR, _HILL, _MIRITELLO),
    )
)
register_topic(
    Topic(
        "calibration",
        "Learning from your ratings",
        "\n".join(
            [
                "`netvalue rate PERSON 1..5` records your judgment; it always overrides the score: (r − 1)/4.",
                "With ≥ 20 ratings, `netvalue model` fits the weights to you: ridge regression (alpha 1) on",
                "standardised features whose signs are first flipped to the research's direction, with",
                "non-negative coefficients (scikit-learn Ridge(positive=True)), on the target",
                "logit(0.05 + 0.9·(r − 1)/4): regularised, and monotone in every feature [ours].",
                "Agreement is cross-validated (5 folds, shuffled, seed 0): Spearman's ρ and mean absolute error",
                "of out-of-fold strengths against (r − 1)/4, default and calibrated on the same folds",
                "(science.md §8: test by prediction, against baselines).  The calibrated weights are saved in",
                "user_settings (ties.model) and used for every later score while ≥ 20 ratings remain.",
            ]
        ),
        (_GILBERT,),
    )
)
register_topic(
    Topic(
        "value",
        "What the network is worth",
        "\n".join(
            [
                "value = coefficient × Σ strength over ties with two-way exchange in the last 12 months.",
                "coefficient: $948 per person in the work e-mail address book per year (Wu, Lin, Aral &",
                "Brynjolfsson 2009); change it with `netvalue value --coefficient X`.",
                "Beside it: the naive all names × coefficient, for contrast (never the estimate).",
                "Dormant value = coefficient × Σ historical strength of dormant ties: what a message could revive",
                "[ours].",
                "Caveats, printed every time: one firm (≈2,600 IBM consultants, one year); 2007–08 dollars;",
                "revenue (billable hours), not profit; an association, not a price or a cause.",
                "Also reported there: strong e-mail ties to a manager +$588/month, weak ties to many managers",
                "−$98/month, contact across projects +$115/month [reported].",
            ]
        ),
        (_WU,),
    )
)


# --- Network shape: co-occurrence, brokerage, communities, bridges (issue 5) ------------------------

_BURT_HOLES = "Burt (1992), Structural Holes, Harvard University Press, pp. 50–71 [reported]"
_BURT_IDEAS = "Burt (2004), Structural Holes and Good Ideas, AJS 110(2):349–399 [checked abstract]"
_NETWORKX_SH = "NetworkX, networkx.algorithms.structuralholes (the formulas, and the tests' oracle) [checked]"
_TRAAG = "Traag, Waltman & van Eck (2019), From Louvain to Leiden, Sci. Rep. 9:5233 [reported]"
_SNAP_EU = "SNAP email-Eu-core (Leskovec et al. 2007; Yin et al. 2017): 1,005 people, 42 departments"
_RAJKUMAR = (
    "Rajkumar et al. (2022), A causal test of the strength of weak ties, Science 377:1304–1310 "
    "[checked abstract]"
)

register_topic(
    Topic(
        "cooccurrence",
        "Who knows whom: the co-occurrence graph",
        "\n".join(
            [
                "LinkedIn exports no mutual connections, so who knows whom is inferred: people on the same e-mail",
                "(To/Cc), meeting or group conversation co-occur.  An event with n people (2 ≤ n ≤ 12 [ours]) gives",
                "each pair ((1 − s) + s·2^(−Δt/h)) / (n − 1): every co-occurrence counts, recent ones more",
                "(h = 110 days, science.md §2; s = 0.5 [ours]); dividing by n − 1 makes a big meeting say less about",
                "each pair [ours, after Newman 2001].  Colleagues at the same company (groups up to 50) add",
                "0.25 / (n − 1) per pair [ours].  `netvalue graph export` writes this graph for Gephi.",
            ]
        ),
        (_KOSSINETS, _BURT),
    )
)
register_topic(
    Topic(
        "constraint",
        "Constraint, hierarchy (Burt)",
        "\n".join(
            [
                "p_ij = w_ij / Σ_k w_ik: the share of i's ties invested in j.  Local constraint",
                "c_ij = (p_ij + Σ_q p_iq p_qj)²; constraint C_i = Σ_j c_ij over i's contacts.  High (near 1) when",
                "your contacts are few or tied to one another; low when they span structural holes.  A star of n",
                "contacts has 1/n at the centre; everyone in a clique of 6 has 0.648.  People whose networks span",
                "holes get better pay, evaluations, promotions and ideas (Burt 2004).",
                "Hierarchy = Σ_j r_j ln r_j / (N ln N), r_j = c_ij / (C_i / N): 0 when constraint is spread evenly,",
                "towards 1 when one contact or cluster holds it (Burt 1992, pp. 70–71); 0 with one contact [ours].",
                "Your ego network: you, your contacts with a tie (weight = tie strength, so collected names do not",
                "count), and contact–contact edges of weight 1 − 2^(−co-occurrence) [ours].",
            ]
        ),
        (_BURT_HOLES, _BURT_IDEAS, _NETWORKX_SH),
    )
)
register_topic(
    Topic(
        "effective size",
        "Effective size and efficiency (Burt)",
        "\n".join(
            [
                "Effective size e_i = Σ_j (1 − Σ_q p_iq m_jq), m_jq = w_jq / max_k w_jk: your contacts minus their",
                "redundancy, the extent to which you reach the same people through several of them.  Efficiency =",
                "e_i / number of contacts (1 = no redundancy).  Redundancy of a cluster: the mean redundancy of",
                "your ties into it; flagged when it is ≥ 0.5 with 3 or more ties [ours].",
            ]
        ),
        (_BURT_HOLES, _NETWORKX_SH),
    )
)
register_topic(
    Topic(
        "communities",
        "Clusters of your contacts",
        "\n".join(
            [
                "Leiden (NetworKit ParallelLeiden), seeded and single-threaded so the same seed gives the same",
                "clusters, at resolution gamma 1.5 [ours: tuned on email-Eu-core, where it scores NMI 0.65, ARI 0.49",
                "against departments, versus 0.56 / 0.28 for a plain Louvain; benchmarks/communities.py].",
                "Labels: the company (or work e-mail domain), place or conversation title shared by at least 30% of",
                "members [ours]; otherwise 'around' the strongest member.  Activity: Σ 2^(−Δt/110 days) over your",
                "interactions with members (science.md §2).",
            ]
        ),
        (_TRAAG, _SNAP_EU),
    )
)
register_topic(
    Topic(
        "bridges",
        "Bridges and structurally valuable contacts",
        "\n".join(
            [
                "A contact reaches a cluster when they are in it or co-occur with a member.  A bridge is your only",
                "strong tie (inner circle, close or active) reaching a cluster: lose them and the cluster is gone",
                "from your reach (Burt 1992).  Structurally valuable: a contact you have a tie with who reaches, from",
                "outside, a cluster you barely reach (at most one strong tie), or who is a bridge [ours, after",
                "Burt's brokerage and Rajkumar et al. 2022: ties into otherwise unreached clusters carry new",
                "information].  Triage and outreach use this flag.",
            ]
        ),
        (_BURT_HOLES, _RAJKUMAR),
    )
)
