"""``netvalue report``: the question users come with, answered, as one dict the CLI and web render."""

from __future__ import annotations

from typing import Any

from netvalue.analysis.contact import contact_summary
from netvalue.app.recommend import overdue_report
from netvalue.app.ties import evidence_age, load_ties, ties_overview
from netvalue.store import Database
from netvalue.store.status import connection_message_stats, counts


def network_report(db: Database, as_of: int) -> dict[str, Any]:
    """Connections in total; exchanged messages with (two-way) in the last 7 days, 30 days,
    12 months and ever; only one side ever wrote; never."""
    summary = contact_summary(connection_message_stats(db, as_of), as_of)
    return {
        "as_of": as_of,
        "evidence": evidence_age(db, as_of).as_dict(),
        "counts": counts(db),
        "contact": summary.as_dict(),
        **ties_overview(db, ties := load_ties(db, as_of)),
        "overdue": overdue_report(db, as_of, list(ties.ranked)),  # ties past their tier's cadence (issue 6)
    }
