"""The ledger: balances per person and overall, who owes whom."""

from __future__ import annotations

from netvalue.recommend.ledger import build_ledger
from netvalue.store.recommend import LedgerRow


def test_balances_and_owing() -> None:
    ledger = build_ledger(
        [
            LedgerRow(1, "Ana", "give", "intro", None, 10, "user"),
            LedgerRow(1, "Ana", "give", "advice", None, 20, "user"),
            LedgerRow(2, "Ben", "ask", "referral", None, 30, "user"),
            LedgerRow(2, "Ben", "ask", "endorsement", "Python", 40, "import"),
            LedgerRow(2, "Ben", "give", "favour", None, 35, "user"),
            LedgerRow(3, "Cy", "give", "intro", None, None, "user"),
            LedgerRow(3, "Cy", "ask", "intro", None, 5, "user"),
        ]
    )
    by_id = {p.person_id: p for p in ledger.people}
    assert (by_id[1].balance, by_id[2].balance, by_id[3].balance) == (2, -1, 0)
    assert by_id[2].last_received_at == 40 and by_id[2].last_given_at == 35
    assert by_id[3].last_given_at is None
    assert [p.person_id for p in ledger.owe_you] == [1]
    assert [p.person_id for p in ledger.you_owe] == [2]
    assert (ledger.given, ledger.received) == (4, 3)
    assert ledger.as_dict()["balance"] == 1
    assert by_id[2].kinds == ("endorsement", "favour", "referral")


def test_empty_ledger() -> None:
    ledger = build_ledger([])
    assert ledger.people == () and ledger.given == 0 and ledger.you_owe == ()
