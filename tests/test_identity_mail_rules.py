"""The rules of e-mail's owner and machine judgement, one by one, on hand-made evidence
(identity/mail_owner.py, identity/mail_machines.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from netvalue.identity.mail_machines import SenderEvidence, classify, sender_evidence
from netvalue.identity.mail_owner import (
    OwnerName,
    display_carries,
    infer_owner,
    local_carries,
    name_from_hints,
)
from netvalue.store.email import RawMessage

ALLEN = OwnerName(surname="allen", first="phillip", initials=frozenset({"p", "k"}))


def evidence(**changes: object) -> SenderEvidence:
    """A sender who looks like a colleague: 6 messages, 6 subjects, the owner in To with others."""
    base: dict[str, object] = {
        "address": "pat.lee@work.example",
        "messages": 6,
        "subjects": 6,
        "headers": Counter(),
        "flagged": 0,
        "owner_hidden": 0,
        "owner_alone": 0,
        "owner_visible": 6,
        "replies": 0,
        "serial": 1,
        "wrote_to": 0,
        "display": "Pat Lee",
    }
    base.update(changes)
    return SenderEvidence(**base)  # type: ignore[arg-type]


def message(
    sender: str, to: tuple[str, ...], subject: str, *, sent: bool = False, headers: str = "", key: int = 0
) -> RawMessage:
    return RawMessage(
        id=key,
        message_key=f"m{key}",
        conversation_id=f"m{key}",
        sender=sender,
        sender_name="",
        occurred_at=1_000_000 + key,
        subject=subject,
        in_sent=sent,
        machine_headers=headers,
        recipients=tuple((a, "", "to") for a in to),
        delivered_to=(),
    )


# -- the owner's name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("local", "carries"),
    [
        ("phillip.allen", True),
        ("k..allen", True),  # middle initial and surname
        ("pallen70", True),  # initial + surname, digits after
        ("allenp", True),
        ("phillip.k.allen", True),
        ("allen", False),  # the surname alone could be anyone
        ("margaret.allen", False),  # another Allen
        ("pallenberg", False),
        ("tom.baker", False),
    ],
)
def test_an_address_carries_the_owners_name(local: str, carries: bool) -> None:
    assert local_carries(local, ALLEN) is carries


def test_a_truncated_surname_after_an_initial_carries_the_name() -> None:
    skilling = OwnerName(surname="skilling", first="jeff", initials=frozenset({"j"}))
    assert local_carries("jskilli", skilling) and not local_carries("markskilling", skilling)


def test_display_names_and_folder_headers_give_the_name() -> None:
    assert display_carries("Allen, Phillip K.", ALLEN) and display_carries("phillip allen", ALLEN)
    assert not display_carries("Margaret Allen", ALLEN)
    hints = [("x-origin", "Allen-P"), ("x-folder", "\\PALLEN (Non-Privileged)\\Allen, Phillip K.\\Inbox")]
    assert name_from_hints(hints) == ALLEN
    assert name_from_hints([("x-origin", "Allen-P")]) == OwnerName("allen", "", frozenset({"p"}))
    # an X-Folder name whose surname is not X-Origin's is someone else's folder
    assert name_from_hints([("x-origin", "Allen-P"), ("x-folder", "\\x\\Rangel, Ina\\Inbox")]).first == ""


# -- the owner's addresses -------------------------------------------------------------------------


def test_a_list_in_to_of_many_inbox_messages_is_not_the_owner() -> None:
    mail = [
        message("me@work.example", ("ann@work.example",), "Hi", sent=True, key=1),
        *[
            message(f"boss{i}@work.example", ("all@work.example",), f"News {i}", key=10 + i)
            for i in range(20)
        ],
    ]
    found = infer_owner(mail, [], {})
    assert set(found.owner) == {"me@work.example"}
    assert found.owner["me@work.example"] == ("From of 1 message in sent folders",)


def test_delivery_headers_name_an_address_of_the_owner() -> None:
    mail = [
        message("me@work.example", ("ann@work.example",), "Hi", sent=True, key=1),
        *[
            replace(
                message("ann@work.example", ("team@work.example",), f"Note {i}", key=2 + i),
                delivered_to=("me@home.example",),
            )
            for i in range(2)
        ],
    ]
    assert "in Delivered-To of 2 messages" in infer_owner(mail, [], {}).owner["me@home.example"]


def test_the_users_word_beats_inference() -> None:
    mail = [message("me@work.example", ("ann@work.example",), "Hi", sent=True, key=1)]
    found = infer_owner(mail, [], {"me@work.example": "remove", "me@home.example": "add"})
    assert set(found.owner) == {"me@home.example"} and found.added == {"me@home.example"}


def test_one_message_in_a_sent_folder_does_not_make_a_delegate() -> None:
    mail = [
        message("me@work.example", ("sam@work.example",), "Hi", sent=True, key=1),
        message("sam@work.example", ("me@work.example", "x@y.example"), "Filed here", sent=True, key=2),
        message("sam@work.example", ("me@work.example",), "Hello", key=3),
    ]
    assert infer_owner(mail, [], {}).delegates == {}
    mail.append(message("sam@work.example", ("x@y.example",), "For the boss", sent=True, key=4))
    assert set(infer_owner(mail, [], {}).delegates) == {"sam@work.example"}


# -- machines ----------------------------------------------------------------------------------------


def test_a_colleague_is_a_person() -> None:
    assert classify(evidence()) == ("person", ())


def test_list_and_bulk_headers_make_a_machine() -> None:
    verdict, reasons = classify(evidence(headers=Counter({"list-id": 4, "list-unsubscribe": 4}), flagged=4))
    assert verdict == "machine" and reasons[0].startswith("list or bulk headers on 4 of 6 messages")
    # on a minority of its messages they do not (a person who also posts to a list)
    assert classify(evidence(headers=Counter({"list-id": 2}), flagged=2))[0] == "person"


def test_role_and_system_local_parts_make_a_machine() -> None:
    for address in ("webmaster@earnings.example", "enron_update@concur.example", "no-reply@x.example"):
        verdict, reasons = classify(evidence(address=address))
        assert verdict == "machine" and reasons[0].startswith("a role or system address"), address


def test_a_broadcast_shape_makes_a_machine() -> None:
    verdict, reasons = classify(evidence(owner_hidden=5, owner_visible=1))
    assert verdict == "machine" and reasons[0].startswith("broadcast: you were only in Bcc")
    assert classify(evidence(owner_hidden=4, owner_visible=2))[0] == "person"


def test_a_newsletter_the_owner_never_writes_to_is_a_machine() -> None:
    serial = evidence(serial=5, owner_alone=6, owner_visible=6)
    assert classify(serial)[0] == "machine"
    # a colleague's weekly report to a named distribution (the owner one of many in To) stays a person
    assert classify(evidence(serial=5))[0] == "person"
    many = evidence(owner_alone=6, subjects=6)
    assert classify(many)[1] == (
        "6 different subjects to you alone or in bulk, never a reply, and you never wrote",
    )
    assert classify(evidence(owner_alone=6, subjects=6, replies=1))[0] == "person"


def test_numbered_local_parts_are_evidence_only_beside_other_evidence() -> None:
    assert classify(evidence(address="8775551234@pager.example"))[0] == "person"
    verdict, reasons = classify(evidence(address="bounce-93265311@lists.example.com"))
    assert verdict == "machine" and "a numbered or random local part" in reasons


def test_organisation_aliases_hosts_and_names_make_a_machine() -> None:
    assert classify(evidence(address="cuttings.enron@enron.com"))[1] == (
        "an address named after its organisation, not a person",
    )
    assert classify(evidence(address="ghcf@ghcf.org"))[0] == "person"  # the organisation's own mailbox
    assert classify(evidence(address="iwon@info.iwon.example"))[1] == ("sent from a bulk-mail host ('info')",)
    assert classify(evidence(display="Performance Evaluation Process"))[0] == "machine"


def test_whoever_the_owner_exchanged_mail_with_both_ways_is_never_filtered() -> None:
    loud = evidence(
        address="info@smallfirm.example",
        headers=Counter({"list-id": 6}),
        flagged=6,
        owner_hidden=5,
        owner_visible=1,
        wrote_to=1,
    )
    verdict, reasons = classify(loud)
    assert verdict == "person" and reasons[0].startswith("you exchanged mail both ways")
    # the owner writing to a sender that never wrote to the owner personally is no exchange
    assert (
        classify(evidence(address="info@x.example", owner_visible=0, owner_hidden=6, wrote_to=1))[0]
        == "machine"
    )


def test_the_users_word_overrules_either_way() -> None:
    assert classify(evidence(address="noreply@x.example"), "person") == (
        "person",
        ("you marked it a person",),
    )
    assert classify(evidence(wrote_to=3), "machine") == ("machine", ("you marked it a machine",))


def test_sender_evidence_counts_the_owner_only_in_bcc_or_via_a_list_as_broadcast() -> None:
    owner = {"me@work.example"}
    mail = [
        message("news@corp.example", ("all@corp.example",), "Update 1", key=1),  # to a list: broadcast
        message("news@corp.example", (), "Update 2", key=2),  # to undisclosed recipients: broadcast
        message("pat@corp.example", ("me@work.example",), "Lunch", key=3),
        message("pat@corp.example", ("sam@corp.example",), "Forwarded to me", key=4),  # Sam writes: a person
        message("sam@corp.example", ("pat@corp.example",), "Re: Lunch", key=5),
        message("me@work.example", ("pat@corp.example",), "Re: Lunch", sent=True, key=6),
    ]
    found = sender_evidence(mail, owner, [m.sender in owner for m in mail])
    assert (found["news@corp.example"].owner_hidden, found["news@corp.example"].owner_visible) == (2, 0)
    assert (found["pat@corp.example"].owner_hidden, found["pat@corp.example"].owner_alone) == (0, 1)
    assert found["pat@corp.example"].wrote_to == 1 and "me@work.example" not in found


def test_the_first_name_or_surname_alone_at_the_owners_domain_is_the_owners() -> None:
    hints = [("x-origin", "Ward-K"), ("x-folder", "\\kward (Non-Privileged)\\Ward, Kim S.\\Sent Items")]
    mail = [
        message("kim.ward@enron.com", ("ann@enron.com",), "Hi", sent=True, key=1),
        message(".ward@enron.com", ("bob@enron.com",), "Deal", sent=True, key=2),  # Enron's broken From
        message(".ward@enron.com", ("bob@enron.com",), "Deal 2", sent=True, key=3),
        message("ann@enron.com", ("kim@enron.com",), "Lunch", key=4),
        message("ann@enron.com", ("ward@other.example",), "Another Ward", key=5),
    ]
    found = infer_owner(mail, hints, {})
    assert set(found.owner) == {"kim.ward@enron.com", ".ward@enron.com", "kim@enron.com"}
    assert found.owner["kim@enron.com"][-1] == "your first name at enron.com"
    assert found.delegates == {}
