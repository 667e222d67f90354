"""Where the user's connections hang out: contacts grouped by company, place, school, community, or the
company pages the user follows, with how many are real relationships and how each group is trending.

A *real relationship* is a tie above "collected names" (two-way exchange; science.md §1: one-way
traffic alone counts as no relationship; §3 for the tiers).  The *trend* compares connections added in
the last 365 days with the 365 before [ours]: ``growing`` / ``shrinking`` when one is at least 1.5× the
other and they differ by 2 or more, ``new`` when every member was added in the last year, else ``steady``.

Schools and followed pages are matched by name: LinkedIn exports give contacts' company, position,
headline and location but no schools, so a contact belongs to a school when its name appears in their
headline, and to a followed page when it names their company [ours].  Industry is not in the exports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from netvalue.codes import YEAR

HangoutKind = Literal["company", "place", "school", "community", "follow"]
Trend = Literal["growing", "shrinking", "steady", "new"]
TREND_RATIO = 1.5  # ours
TREND_MIN_DIFFERENCE = 2  # ours


@dataclass(frozen=True, slots=True)
class Member:
    """One contact as hangouts see them."""

    person_id: int
    real: bool
    connected_on: int | None


@dataclass(frozen=True, slots=True)
class Hangout:
    kind: HangoutKind
    name: str
    people: tuple[int, ...]
    real: int
    collected: int
    added_last_year: int
    added_year_before: int
    trend: Trend

    @property
    def size(self) -> int:
        return len(self.people)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "size": self.size,
            "real": self.real,
            "collected": self.collected,
            "added_last_year": self.added_last_year,
            "added_year_before": self.added_year_before,
            "trend": self.trend,
            "people": list(self.people),
        }


def trend_of(last_year: int, year_before: int, size: int) -> Trend:
    """The trend word for a group (thresholds in the module docstring)."""
    if size and last_year == size:
        return "new"
    if last_year - year_before >= TREND_MIN_DIFFERENCE and last_year >= TREND_RATIO * year_before:
        return "growing"
    if year_before - last_year >= TREND_MIN_DIFFERENCE and year_before >= TREND_RATIO * last_year:
        return "shrinking"
    return "steady"


def group_hangouts(
    kind: HangoutKind,
    membership: Iterable[tuple[str, Member]],
    as_of: int,
    min_size: int = 2,
) -> list[Hangout]:
    """Group ``(group name, member)`` pairs (names compared case-insensitively; the commonest spelling is
    shown), largest group first, then by name; groups smaller than ``min_size`` are left out."""
    groups: dict[str, dict[int, Member]] = defaultdict(dict)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, member in membership:
        key = " ".join(name.split()).casefold()
        if not key:
            continue
        groups[key][member.person_id] = member
        spellings[key][" ".join(name.split())] += 1
    result: list[Hangout] = []
    for key, members in groups.items():
        if len(members) < min_size:
            continue
        people = sorted(members)
        real = sum(1 for m in members.values() if m.real)
        last = sum(
            1
            for m in members.values()
            if m.connected_on is not None and as_of - YEAR <= m.connected_on < as_of
        )
        before = sum(
            1
            for m in members.values()
            if m.connected_on is not None and as_of - 2 * YEAR <= m.connected_on < as_of - YEAR
        )
        display = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        result.append(
            Hangout(
                kind=kind,
                name=display,
                people=tuple(people),
                real=real,
                collected=len(people) - real,
                added_last_year=last,
                added_year_before=before,
                trend=trend_of(last, before, len(people)),
            )
        )
    result.sort(key=lambda h: (-h.size, -h.real, h.name.casefold()))
    return result


def match_by_name(
    organisations: Iterable[str], texts: Mapping[int, str], members: Mapping[int, Member]
) -> list[tuple[str, Member]]:
    """``(organisation, member)`` for every member whose text (headline or company) contains the
    organisation's name as a whole phrase, case-insensitively."""
    pairs: list[tuple[str, Member]] = []
    for organisation in organisations:
        needle = f" {' '.join(_words(organisation))} "
        if not needle.strip():
            continue
        for pid, text in texts.items():
            if pid in members and needle in f" {' '.join(_words(text))} ":
                pairs.append((organisation, members[pid]))
    return pairs


def _words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalnum() or ch in "&'." else " " for ch in text.casefold())
    return cleaned.split()
