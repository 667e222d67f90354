"""The organisation model is the personal model: the same events through the engine's SQL and through
``tie_features``/``judge_ties`` give the same features and strengths (to 1e-9).

Every pair (a, b) is a "person" of the personal model, read from a's side: a -> b is sent, b -> a
received, a meeting is a meeting.  When the personal model changes (group-size weighting, dormancy
states, one-way handling), this test says which aggregate the engine must add.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from netvalue.analysis.strength import design_matrix
from netvalue.analysis.ties import ORGANISATION_SETTINGS, judge_ties, tie_features
from netvalue.columns import InteractionArrays
from netvalue.org.engine import aggregate_duckdb
from netvalue.org.pairs_sql import MEETING_CHANNELS
from netvalue.org.synthetic import event_batches
from netvalue.org.ties import pair_features, tie_states

AS_OF = 1_700_000_000 - 86_400 * 20  # some events lie after it and must not count
MAX_GROUP = 4
FEATURES = (
    "sent",
    "received",
    "meetings",
    "sent_12m",
    "received_12m",
    "meetings_12m",
    "activity_raw",
    "first_contact",
    "last_contact",
    "last_two_way",
    "two_way_ever",
    "usual_gap_days",
    "reciprocity",
    "one_to_one",
    "channels",
    "peak_year",
    "weeks_active",
    "months_active",
)


def _personal_rows(events: pa.Table, pairs: list[tuple[str, str]]) -> tuple[InteractionArrays, int]:
    """The events as the personal model's interactions, one "person" per pair (a < b)."""
    index = {pair: i for i, pair in enumerate(pairs)}
    extra: dict[tuple[str, str], int] = {}
    person, when, direction, kind, group, source = [], [], [], [], [], []
    channels = {"email": 0, "chat": 1, "meeting": 2}
    for row in events.to_pylist():
        size = len(row["recipients"])
        for recipient in row["recipients"]:
            s = row["sender"]
            if s == recipient:
                continue
            pair = (min(s, recipient), max(s, recipient))
            i = index.get(pair)
            if i is None:  # a pair the engine dropped (only bulk or later events): its own slot
                i = extra.setdefault(pair, len(pairs) + len(extra))
            meeting = row["channel"] in MEETING_CHANNELS
            person.append(i)
            when.append(row["timestamp"])
            direction.append(2 if meeting else (0 if s == pair[0] else 1))
            kind.append(2 if meeting else 1)
            group.append(size)
            source.append(channels[row["channel"]])
    n = len(person)
    rows = InteractionArrays(
        person=np.array(person, dtype=np.int64),
        occurred_at=np.array(when, dtype=np.int64),
        direction=np.array(direction, dtype=np.int8),
        kind=np.array(kind, dtype=np.int8),
        group_size=np.array(group, dtype=np.int64),
        length=np.zeros(n, dtype=np.int64),
        bulk=np.array(group, dtype=np.int64) > MAX_GROUP,
        source=np.array(source, dtype=np.int64),
        message=np.full(n, -1, dtype=np.int64),
    )
    return rows, len(pairs) + len(extra)


@pytest.fixture(scope="module")
def events_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    events = pa.concat_tables(list(event_batches(6000, 60, seed=3, days=1500, department_size=10)))
    # a few hand-made pairs: replies inside and outside 90 days, a meeting only, same-second replies
    extra = pa.table(
        {
            "sender": ["x1", "x2", "x1", "x3", "x4", "x5", "x6", "x5"],
            "recipients": [["x2"], ["x1"], ["x3"], ["x1"], ["x5", "x6"], ["x4"], ["x5"], ["x6"]],
            "timestamp": [
                AS_OF - 400 * 86_400,
                AS_OF - 350 * 86_400,
                AS_OF - 10 * 86_400,
                AS_OF - 10 * 86_400 - 91 * 86_400,
                AS_OF - 5000,
                AS_OF - 5000,
                AS_OF - 7000,
                AS_OF - 7000,
            ],
            "channel": ["email", "chat", "email", "email", "meeting", "email", "chat", "chat"],
        }
    )
    events = pa.concat_tables([events, extra.cast(events.schema)])
    path = tmp_path_factory.mktemp("parity") / "events.parquet"
    pq.write_table(events, path)
    return path, events


def test_engine_aggregates_give_the_personal_features_and_strengths(
    events_file: tuple[Path, pa.Table],
) -> None:
    path, events = events_file
    aggregated = aggregate_duckdb([str(path)], AS_OF, MAX_GROUP)
    pairs = list(
        zip(aggregated.pairs.column("a").to_pylist(), aggregated.pairs.column("b").to_pylist(), strict=True)
    )
    assert len(pairs) > 1000
    rows, n = _personal_rows(events, pairs)
    personal = tie_features(
        rows, n, AS_OF, same_company=np.ones(n, dtype=np.bool_), settings=ORGANISATION_SETTINGS
    )
    ours = pair_features(aggregated.pairs, AS_OF)
    m = len(pairs)
    # pairs the engine left out had nothing that counts (bulk or after as_of)
    assert (personal.sent[m:] + personal.received[m:] + personal.meetings[m:] == 0).all()
    for name in FEATURES:
        np.testing.assert_allclose(
            np.asarray(getattr(ours, name), dtype=np.float64),
            np.asarray(getattr(personal, name), dtype=np.float64)[:m],
            rtol=1e-9,
            atol=1e-9,
            err_msg=name,
        )
    np.testing.assert_allclose(design_matrix(ours), design_matrix(personal)[:m], rtol=1e-9, atol=1e-9)
    theirs, mine = judge_ties(personal), judge_ties(ours)
    np.testing.assert_allclose(mine.strength, theirs.strength[:m], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(mine.history, theirs.history[:m], rtol=1e-9, atol=1e-9)
    assert (mine.tier == theirs.tier[:m]).all()
    assert (mine.dormant == theirs.dormant[:m]).all()
    # the hand-made pairs: x1-x2 replied within 90 days, x1-x3 did not, x4-x5 met, x5-x6 same second
    two_way = dict(zip(pairs, ours.two_way_ever.tolist(), strict=True))
    assert two_way[("x1", "x2")] and not two_way[("x1", "x3")]
    assert two_way[("x4", "x5")] and two_way[("x5", "x6")]
    states = tie_states(ours, mine)
    assert set(np.unique(states).tolist()) >= {0, 1}
