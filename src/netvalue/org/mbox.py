"""Many people's mailboxes -> one events file (``netvalue org import-mbox``).

Headers are read by the personal e-mail import's own code (:func:`netvalue.importers.email.find_mail`,
:func:`netvalue.importers.email.messages_of`, the header parser of ``email_headers.py``): bodies are
never read.  One event per message: ``sender``, ``recipients`` (To, Cc, Bcc without the sender),
``timestamp``, ``channel = "email"``, ``group_size`` = the number of recipients.

- Machine and list mail is left out as in the personal import, through :func:`is_machine` (the one place
  to point at a better classifier);
- a message in several mailboxes (the sender's *Sent* and each recipient's inbox) is one event: the
  same sender, time, subject and recipients, as the personal import de-duplicates;
- undated messages and messages to nobody but the sender are skipped and counted.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from netvalue.importers.email import find_mail, messages_of
from netvalue.importers.email_headers import AUTOMATED, OK, MessageHeaders

SCHEMA = pa.schema(
    [
        ("sender", pa.string()),
        ("recipients", pa.list_(pa.string())),
        ("timestamp", pa.int64()),
        ("channel", pa.string()),
        ("group_size", pa.int64()),
    ]
)
BATCH = 50_000


def is_machine(message: MessageHeaders) -> bool:
    """List or machine mail, kept out of people: today the personal import's rule (``List-Id``,
    ``Precedence: bulk``, ``Auto-Submitted``, ``noreply@``-like senders, marked ``AUTOMATED`` by the
    header parser).  Point this at the improved classifier when it lands."""
    return message.status == AUTOMATED


@dataclass(slots=True)
class MboxTally:
    """What the mailboxes came to."""

    mailboxes: int = 0
    messages: int = 0
    events: int = 0
    machine: int = 0
    malformed: int = 0
    undated: int = 0
    no_recipient: int = 0
    duplicates: int = 0
    people: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {
            "mailboxes": self.mailboxes,
            "messages": self.messages,
            "events": self.events,
            "people": len(self.people),
            "machine": self.machine,
            "malformed": self.malformed,
            "undated": self.undated,
            "no_recipient": self.no_recipient,
            "duplicates": self.duplicates,
        }


def _events(roots: Sequence[Path], tally: MboxTally) -> Iterator[tuple[str, list[str], int]]:
    seen: set[int] = set()
    for root in roots:
        tally.mailboxes += 1
        folders, _ignored = find_mail(root)
        for folder in folders:
            for batch in messages_of(folder):
                for message in batch:
                    tally.messages += 1
                    if is_machine(message):
                        tally.machine += 1
                        continue
                    if message.status != OK:
                        tally.malformed += 1
                        continue
                    if message.occurred_at is None:
                        tally.undated += 1
                        continue
                    recipients = [a for a, _ in message.recipients if a != message.sender]
                    if not recipients:
                        tally.no_recipient += 1
                        continue
                    key = hash(
                        (message.sender, message.occurred_at, message.subject, tuple(sorted(recipients)))
                    )
                    if key in seen:
                        tally.duplicates += 1
                        continue
                    seen.add(key)
                    tally.events += 1
                    tally.people.add(message.sender)
                    tally.people.update(recipients)
                    yield message.sender, recipients, message.occurred_at


def import_mailboxes(roots: Sequence[Path], out: Path) -> MboxTally:
    """Write the events of every mailbox under ``roots`` to the Parquet file ``out`` (mode 0600; written
    beside it and moved into place when complete)."""
    tally = MboxTally()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)  # mode 0600
    os.close(fd)
    staging = Path(name)
    try:
        with pq.ParquetWriter(staging, SCHEMA) as writer:
            rows: list[tuple[str, list[str], int]] = []
            for event in _events(roots, tally):
                rows.append(event)
                if len(rows) >= BATCH:
                    writer.write_table(_table(rows))
                    rows = []
            writer.write_table(_table(rows))
        staging.replace(out)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return tally


def _table(rows: list[tuple[str, list[str], int]]) -> pa.Table:
    return pa.table(
        {
            "sender": [r[0] for r in rows],
            "recipients": [r[1] for r in rows],
            "timestamp": [r[2] for r in rows],
            "channel": ["email"] * len(rows),
            "group_size": [len(r[1]) for r in rows],
        },
        schema=SCHEMA,
    )
