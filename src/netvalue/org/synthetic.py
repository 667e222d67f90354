"""A generated organisation's events, for tests and benchmarks [ours].

People sit in departments of about ``department_size``; each event's sender writes to 1–6 people, most
of them (``inside``) in the sender's own department, at a time over ``days`` days before ``end``, on
e-mail, chat or (one in ten) a meeting.  Senders are drawn with a heavy tail (a Zipf-like weight), so a
few people send much.  Vectorised: ten million events take a few seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

CHANNELS = ("email", "chat", "meeting")


def people_table(n_people: int, department_size: int = 40) -> pa.Table:
    """``person``, ``department``, ``manager`` (the department's first member), ``title``, ``location``."""
    ids = np.arange(n_people)
    dept = ids // department_size
    manager = dept * department_size
    return pa.table(
        {
            "person": [f"p{i:07d}" for i in ids],
            "department": [f"d{d:04d}" for d in dept],
            "manager": [f"p{m:07d}" if m != i else None for i, m in zip(ids, manager, strict=True)],
            "title": ["manager" if m == i else "staff" for i, m in zip(ids, manager, strict=True)],
            "location": [f"site{d % 5}" for d in dept],
        }
    )


def event_batches(
    n_events: int,
    n_people: int,
    *,
    seed: int = 0,
    department_size: int = 40,
    inside: float = 0.8,
    end: int = 1_700_000_000,
    days: int = 730,
    batch: int = 1_000_000,
) -> Iterator[pa.Table]:
    """``n_events`` events (one row each, ``recipients`` a list) in tables of at most ``batch`` rows."""
    rng = np.random.default_rng(seed)
    weight = 1.0 / np.arange(1, n_people + 1) ** 0.6
    weight = weight[rng.permutation(n_people)]
    cdf = np.cumsum(weight) / weight.sum()
    departments = max(1, n_people // department_size)
    names = np.array([f"p{i:07d}" for i in range(n_people)], dtype=object)
    done = 0
    while done < n_events:
        m = min(batch, n_events - done)
        sender = np.minimum(np.searchsorted(cdf, rng.random(m)), n_people - 1)
        size = rng.integers(1, 7, m)
        size[rng.random(m) < 0.5] = 1
        total = int(size.sum())
        owner = np.repeat(sender, size)
        same = rng.random(total) < inside
        dept = np.where(same, owner // department_size, rng.integers(0, departments, total))
        recipient = np.minimum(dept * department_size + rng.integers(0, department_size, total), n_people - 1)
        recipient = np.where(recipient == owner, (recipient + 1) % n_people, recipient)
        offsets = np.concatenate([[0], np.cumsum(size)])
        t = end - rng.integers(0, days * 86_400, m)
        channel = np.array(CHANNELS, dtype=object)[np.where(rng.random(m) < 0.1, 2, rng.integers(0, 2, m))]
        recipients = pa.ListArray.from_arrays(
            pa.array(offsets, pa.int32()), pa.array(names[recipient], pa.string())
        )
        yield pa.table(
            {
                "sender": pa.array(names[sender], pa.string()),
                "recipients": recipients,
                "timestamp": pa.array(t, pa.int64()),
                "channel": pa.array(channel, pa.string()),
            }
        )
        done += m
