"""An Exchange-shaped mailbox (tests/fixtures/email/exchange, invented people in the Enron corpus's
shapes): names from the X- fields, one person per human within the mailbox, namesakes and relatives
apart, and honest dates (Received over Date; undated before 1990 or far outside the mailbox's timeline)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from netvalue.identity.mailbox import derive
from netvalue.importers.email_headers import (
    PLAUSIBLE_SINCE,
    RECEIVED_TOLERANCE,
    honest_date,
    parse_header_block,
)
from netvalue.importers.mail_timeline import MAX_GAP, plausible_span, within
from netvalue.importing import run_import
from netvalue.records import InteractionRecord
from netvalue.store import Database
from netvalue.store import email as email_store
from netvalue.store.people import find_person

EXCHANGE = Path(__file__).resolve().parents[1] / "fixtures" / "email" / "exchange"
DAY = 86400


def stamp(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def people_of(db: Database) -> dict[str, tuple[int, str]]:
    return {
        str(value): (int(pid), str(name))
        for value, pid, name in db.conn.execute(
            "SELECT i.value, p.id, p.name FROM identities i JOIN people p ON p.id = i.person_id"
        )
    }


def test_names_and_one_person_per_human(db: Database) -> None:
    run_import(db, EXCHANGE, source="email")
    people = people_of(db)
    # the Exchange form and the Notes form of Quentin R. Barlow are one person, named
    assert people["r..barlow@ravenoil.com"] == people["quentin.barlow@ravenoil.com"]
    assert people["r..barlow@ravenoil.com"][1] == "Quentin R. Barlow"
    # namesakes stay apart: a suffix ("Williams III, Bill"), two middle initials (Oscar W. / Oscar C. Lewis)
    assert people["b..williams@ravenoil.com"] != people["bill.williams@ravenoil.com"]
    assert people["b..williams@ravenoil.com"][1] == "Bill Williams III"
    assert people["w..lewis@ravenoil.com"] != people["c..lewis@ravenoil.com"]
    # a relative at another domain stays apart
    assert people["tbarlow@gazette-example.com"] != people["quentin.barlow@ravenoil.com"]
    assert people["tbarlow@gazette-example.com"][1] == "Tom Barlow"
    # capitals and "(Houston)" cleaned; names paired by fit when X-To lists fewer names than To
    assert people["nina.ortega@ravenoil.com"][1] == "Nina Ortega"
    assert people["paul.kemper@ravenoil.com"][1] == "Paul Kemper"
    assert people["desk.support@ravenoil.com"][1] == "desk.support@ravenoil.com"
    # found by name, middle initial and order aside
    assert find_person(db, "Quentin Barlow") == people["quentin.barlow@ravenoil.com"][0]
    assert find_person(db, "Barlow Quentin") == people["quentin.barlow@ravenoil.com"][0]


def test_implausible_dates_are_unknown(db: Database) -> None:
    run_import(db, EXCHANGE, source="email")
    raw = dict(db.conn.execute("SELECT subject, occurred_at FROM email_messages"))
    assert raw["Calendar entry"] is None  # 31 Dec 1979, a Lotus Notes null date, unknown at parse
    assert raw["Need a new PC?"] is not None  # 2004: kept raw, judged over the whole mailbox
    # the derivation judges every stored date against the mailbox's timeline (the sender is a machine:
    # said to be a person here so that its message makes an interaction to look at)
    result = derive(
        email_store.raw_messages(db.conn),
        email_store.folder_hints(db.conn),
        decisions={},
        overrides={"offers@cheap-pcs.example": "person"},
        now=stamp("2002-06-01T00:00:00"),
    )
    dated = {i.title: i.occurred_at for i in result.records if isinstance(i, InteractionRecord)}
    assert dated["Need a new PC?"] is None  # beyond a year's gap after the mailbox's last mail
    assert dated["Lunch"] is not None


def test_received_corrects_a_wrong_date() -> None:
    block = (
        b"Received: from mx.example.net by mail.example.org; Tue, 6 Mar 2001 10:00:00 +0000\n"
        b"Received: from laptop by mx.example.net; Tue, 6 Mar 2001 09:59:00 +0000\n"
        b"Date: Mon, 31 Dec 1979 16:00:00 -0800\n"
        b"From: Nina Ortega <nina@example.org>\n"
        b"To: jane@example.org\n"
        b"Subject: clock reset\n"
    )
    assert parse_header_block(block).occurred_at == stamp("2001-03-06T10:00:00")
    # within a week of the delivery, the sender's Date stands
    close = block.replace(b"Mon, 31 Dec 1979 16:00:00 -0800", b"Mon, 5 Mar 2001 08:00:00 +0000")
    assert parse_header_block(close).occurred_at == stamp("2001-03-05T08:00:00")


def test_honest_date_rules() -> None:
    received = stamp("2001-03-06T10:00:00")
    assert honest_date(received - RECEIVED_TOLERANCE, received) == received - RECEIVED_TOLERANCE
    assert honest_date(received - RECEIVED_TOLERANCE - 1, received) == received
    assert honest_date(None, received) == received
    assert honest_date(PLAUSIBLE_SINCE - 1, None) is None
    assert honest_date(PLAUSIBLE_SINCE, None) == PLAUSIBLE_SINCE


def test_plausible_span_by_gaps() -> None:
    base = stamp("2000-01-01T00:00:00")
    days = [base + i * 10 * DAY for i in range(100)]  # 2000-01 to 2002-09, every ten days
    early, late = base - 20 * 365 * DAY, days[-1] + MAX_GAP + DAY
    span = plausible_span([*days, early, late, late])
    assert span == (days[0], days[-1])
    assert within(early, span) is None and within(late, span) is None and within(days[50], span) == days[50]
    # a gap of less than a year keeps the date in the timeline
    near = days[-1] + MAX_GAP - DAY
    assert plausible_span([*days, near]) == (None, None)
    # the future: more than a day after now
    now = days[-1]
    assert plausible_span([*days, now + 2 * DAY], now=now)[1] == now + DAY
    # too few dates to judge
    assert plausible_span([base, base + 10 * 365 * DAY]) == (None, None)
