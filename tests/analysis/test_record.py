"""The record's clock: a gap inside a mailbox is not silence; the time after its newest mail is."""

from __future__ import annotations

import numpy as np

from netvalue.analysis.record import record_clock
from netvalue.analysis.ties import TIERS, judge_ties, tie_features
from netvalue.codes import DAY
from netvalue.columns import InteractionArrays

AS_OF = 1_700_000_000  # 2023-11-14
MONTH = 30.4 * DAY


def mailbox(months: list[int], per_month: int = 40) -> InteractionArrays:
    """A dense mailbox: in each of ``months`` (months before AS_OF), ``per_month`` mails with person 0,
    half sent, half received, one a day."""
    t = np.array(
        [AS_OF - round(m * MONTH) - d * DAY for m in months for d in range(per_month)], dtype=np.int64
    )
    n = len(t)
    return InteractionArrays(
        person=np.zeros(n, dtype=np.int64),
        occurred_at=t,
        direction=(np.arange(n) % 2).astype(np.int8),  # sent, received, sent, ...
        kind=np.zeros(n, dtype=np.int8),  # e-mail
        group_size=np.ones(n, dtype=np.int64),
        length=np.zeros(n, dtype=np.int64),
        bulk=np.zeros(n, dtype=np.bool_),
        source=np.zeros(n, dtype=np.int64),
        message=np.arange(n, dtype=np.int64),
    )


def test_months_without_any_mail_inside_the_record_are_left_out() -> None:
    # mail every month from 24 to 2 months ago, except months 9-12: a hole in the export (the 30.4-day
    # months counted back from AS_OF straddle calendar months, so 3 or 4 calendar months are empty)
    arrays = mailbox([m for m in range(2, 25) if m not in (9, 10, 11, 12)])
    clock = record_clock(arrays.occurred_at, AS_OF, arrays.source)
    assert clock.months_off in (3, 4)


def test_the_months_after_the_newest_mail_are_silence() -> None:
    """A mailbox that ended three years ago, read as of today: its ties are silent for three years, not
    'two-way contact in the last 12 months' (a 2002 Enron mailbox read in 2026 showed 177 active ties)."""
    arrays = mailbox(list(range(36, 60)))
    clock = record_clock(arrays.occurred_at, AS_OF, arrays.source)
    assert clock.months_off == 0
    judged = judge_ties(tie_features(arrays, 1, AS_OF))
    assert TIERS[judged.tier[0]] not in ("inner circle", "close", "active")
    assert judged.dormant[0]  # once strong, silent three years: a dormant tie worth reviving

    # as of the record's last day, the same tie is a working relationship
    end = int(arrays.occurred_at.max()) + DAY
    then = judge_ties(tie_features(arrays, 1, end))
    assert TIERS[then.tier[0]] in ("inner circle", "close", "active")
    assert not then.dormant[0]
