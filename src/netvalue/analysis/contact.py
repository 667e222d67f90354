"""Of my N connections, how many do I actually talk to?

Counts connections by the messages exchanged with them: *two-way* in a window means the owner wrote
to them and they wrote to the owner, both within the window; *one-sided* means messages went only
one way, ever; *never* means no message at all.  ``two_way_ever + one_sided + never == connections``.
Message and e-mail interactions count; the windows (7 days, 30 days, 12 months) are ours, chosen to
match how people ask the question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netvalue.codes import DAY

WINDOWS: dict[str, int] = {"7d": 7 * DAY, "30d": 30 * DAY, "12m": 365 * DAY}


@dataclass(frozen=True, slots=True)
class ContactSummary:
    connections: int
    two_way: dict[str, int]  # window name ("7d", "30d", "12m", "ever") -> connections
    one_sided: int
    only_you_wrote: int
    only_they_wrote: int
    never: int
    as_of: int

    def as_dict(self) -> dict[str, object]:
        return {
            "connections": self.connections,
            "exchanged": dict(self.two_way),
            "one_sided": self.one_sided,
            "only_you_wrote": self.only_you_wrote,
            "only_they_wrote": self.only_they_wrote,
            "never": self.never,
            "as_of": self.as_of,
        }


def contact_summary(
    stats: Iterable[tuple[int, int | None, int | None, int, int]], as_of: int
) -> ContactSummary:
    """Summarise ``(person_id, last_sent, last_received, sent, received)`` rows of every connection.

    Only interactions before ``as_of`` may be in ``stats`` (the store filters them).
    """
    total = never = only_you = only_they = 0
    two_way = dict.fromkeys([*WINDOWS, "ever"], 0)
    for _pid, last_sent, last_received, sent, received in stats:
        total += 1
        if sent and received:
            two_way["ever"] += 1
            if last_sent is not None and last_received is not None:
                oldest = min(last_sent, last_received)
                for name, span in WINDOWS.items():
                    if oldest >= as_of - span:
                        two_way[name] += 1
        elif sent:
            only_you += 1
        elif received:
            only_they += 1
        else:
            never += 1
    return ContactSummary(
        connections=total,
        two_way=two_way,
        one_sided=only_you + only_they,
        only_you_wrote=only_you,
        only_they_wrote=only_they,
        never=never,
        as_of=as_of,
    )
