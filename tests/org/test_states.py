"""Tie states from the personal model's rules (science.md §2): strong, weak, lapsing, dormant, deep dormant."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from netvalue.org.engine import aggregate_duckdb
from netvalue.org.ties import STATES, judge_pairs

DAY = 86_400
AS_OF = 1_700_000_000


def _exchange(a: str, b: str, end_days_ago: int, days: int, every: int) -> list[tuple[str, str, int]]:
    """``a`` and ``b`` write to each other every ``every`` days for ``days`` days, ending ``end_days_ago``."""
    out = []
    for k in range(0, days, every):
        t = AS_OF - (end_days_ago + k) * DAY
        out += [(a, b, t), (b, a, t + 3600)]
    return out


def test_states_follow_silence_and_history(tmp_path: Path) -> None:
    rows = (
        _exchange("s1", "s2", 1, 400, 2)  # every other day, until yesterday: strong
        + _exchange("l1", "l2", 150, 400, 2)  # the same rhythm, silent 150 days: lapsing
        + _exchange("d1", "d2", 2 * 365, 700, 1)  # daily for two years, silent two years: dormant
        + _exchange("z1", "z2", 4 * 365, 700, 1)  # silent four years: deep dormant
        + [("w1", "w2", AS_OF - 30 * DAY), ("w2", "w1", AS_OF - 29 * DAY)]  # one exchange: weak
    )
    table = pa.table(
        {
            "sender": [r[0] for r in rows],
            "recipients": [[r[1]] for r in rows],
            "timestamp": [r[2] for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "events.parquet")
    pairs = aggregate_duckdb([str(tmp_path / "events.parquet")], AS_OF, 4).pairs
    _, judgment, state = judge_pairs(pairs, AS_OF)
    found = dict(zip(pairs.column("a").to_pylist(), [STATES[s] for s in state.tolist()], strict=True))
    assert found == {"s1": "strong", "l1": "lapsing", "d1": "dormant", "z1": "deep dormant", "w1": "weak"}
    assert judgment.strength[0] < judgment.strength[2]  # d1 (dormant) is weaker than s1 now
