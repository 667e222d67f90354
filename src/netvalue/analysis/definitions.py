"""One definition per term the reports use, in words, beside the numbers the code uses for it.

The tiers (:func:`netvalue.analysis.ties.assign_tiers`), the states (:func:`~netvalue.analysis.ties.tie_states`),
the reasons, ``netvalue report``'s sentences and ``netvalue explain`` all say these words and use these
numbers; ``tests/analysis/test_definitions.py`` holds them to each other, so that a reader never meets
two meanings of one word (issue 15: the report called collected names "never a two-way exchange" while
``ties`` listed one with "13 messages both ways").
"""

from __future__ import annotations

from dataclasses import dataclass

REPLY_WINDOW_DAYS = 90
"""A message from them and one from you this close make a two-way contact [ours]."""
WORKING_DAYS = 365
"""A working relationship: two-way contact within the last 12 months (the yearly band of Dunbar's 150
layer, science.md §3); a tie silent this long or longer is no longer working."""
ONCE_STRONG = 0.5
"""Peak strength at or above this: "once strong" [ours]."""
LAPSING_GAP_MULTIPLE = 8.0
"""Silence past 8× the tie's usual gap between contact days: most likely decaying (Navarro et al. 2017)."""
LAPSING_MIN_DAYS = 90
"""... and past 90 days (science.md §2) [derived/ours]."""
DORMANT_DAYS = WORKING_DAYS
"""Dormant: once strong and silent 12 months or more (science.md §2)."""
DEEP_DORMANT_DAYS = 3 * 365
"""Deep dormant: silent 3 years or more (Levin, Walter & Murnighan 2011 studied ties dormant ≥ 3 years)."""


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    meaning: str
    source: str


DEFINITIONS: dict[str, Definition] = {
    d.term: d
    for d in (
        Definition(
            "two-way contact",
            f"a meeting, or a message from them and one from you within {REPLY_WINDOW_DAYS} days of each other; "
            "where the record misses one direction in a month (an emptied inbox), your messages there are "
            "presumed answered",
            "science.md §1: one-way traffic alone is no relationship [ours: the window, the presumption]",
        ),
        Definition(
            "silence",
            "time since the last two-way contact, leaving out the months in which your record holds no mail "
            "at all (a gap in the export is not the tie's silence)",
            "science.md §2 [ours]",
        ),
        Definition(
            "working relationship",
            "two-way contact in the last 12 months (inner circle, close and active tiers)",
            "Dunbar 2020, the yearly band of the 150 layer (science.md §3)",
        ),
        Definition(
            "collected name",
            "no two-way contact ever on record",
            "science.md §1 [ours]",
        ),
        Definition(
            "once strong",
            f"the tie's peak strength reached {ONCE_STRONG} (peak intensity, duration, reciprocity, intimacy); "
            "it never decays with silence",
            "science.md §2 [ours: the threshold]",
        ),
        Definition(
            "lapsing",
            f"two-way once, silent past {LAPSING_GAP_MULTIPLE:g}× its usual gap between contacts and past "
            f"{LAPSING_MIN_DAYS} days, but under a year: at risk, worth a nudge",
            "Navarro et al. 2017",
        ),
        Definition(
            "dormant",
            "once strong, silent 12 months or more (never in an active tier)",
            "science.md §2",
        ),
        Definition(
            "deep dormant",
            "dormant and silent 3 years or more",
            "Levin, Walter & Murnighan 2011: reconnecting with such ties brought advice as useful as current "
            "ties', more novel, and quicker",
        ),
    )
}


def meaning(term: str) -> str:
    """The words for ``term`` (a key of :data:`DEFINITIONS`)."""
    return DEFINITIONS[term].meaning
