"""One mailbox's several addresses of one human at one domain (identity.mailbox_aliases through
plan_resolution): merged when the name and every address agree, apart for namesakes (a suffix, two
middle initials, a numbered address, a common name with nothing to corroborate it), for relatives at
another domain, and for people known from another source too."""

from __future__ import annotations

from collections.abc import Callable

from netvalue.identity.mailbox_aliases import REASON
from netvalue.identity.matching import plan_resolution
from netvalue.store.identity import PersonFacts

Crowd = Callable[..., list[PersonFacts]]


def mail(pid: int, name: str, *emails: str) -> PersonFacts:
    return PersonFacts(pid, name, emails=emails, sources=("email",))


def merged(people: list[PersonFacts], crowd: Crowd) -> set[frozenset[int]]:
    """The pairs of the given people that ended in one group."""
    plan = plan_resolution([*people, *crowd(300)])
    parent = {p.id: p.id for p in people}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for match in plan.merges:
        if match.a in parent and match.b in parent:
            parent[find(match.b)] = find(match.a)
    ids = [p.id for p in people]
    return {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :] if find(a) == find(b)}


def test_exchange_and_notes_forms_of_one_name_merge(crowd: Crowd) -> None:
    people = [
        mail(1, "Jeffrey A. Shankman", "a..shankman@enron.example"),
        mail(2, "Jeffrey A Shankman", "jeffrey.shankman@enron.example"),
        mail(3, "Jeff A Shankman", "jeff.shankman@enron.example"),
        mail(4, "Shankman, Jeffrey A.", "jshankm@enron.example"),
    ]
    assert merged(people, crowd) == {frozenset(p) for p in ((1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4))}
    plan = plan_resolution([*people, *crowd(300)])
    assert any(REASON in m.reasons and m.rule == "sure" for m in plan.merges)


def test_a_suffix_on_one_side_needs_a_middle_initial(crowd: Crowd) -> None:
    # Ted C. Bland Jr. as c..bland@ and "Ted C Bland" as ted.bland@: the initial corroborates
    bland = [
        mail(1, "Ted C. Bland Jr.", "c..bland@enron.example"),
        mail(2, "Ted C Bland", "ted.bland@enron.example"),
    ]
    assert merged(bland, crowd) == {frozenset((1, 2))}
    # "Williams III, Bill" and "Williams, Bill": nothing but the name, and a suffix that differs
    bills = [
        mail(1, "Bill Williams III", "b..williams@enron.example"),
        mail(2, "Bill Williams", "bill.williams@enron.example"),
    ]
    assert merged(bills, crowd) == set()


def test_a_name_with_an_initial_and_one_without_stay_apart(crowd: Crowd) -> None:
    # the Enron directory's "Carl Carter" (CN=CCARTER4) and "Carl L. Carter" (CN=CCARTER5): two mailboxes
    carters = [
        mail(1, "Carl Carter", "carl.carter@enron.example"),
        mail(2, "Carl L. Carter", "l..carter@enron.example"),
    ]
    assert merged(carters, crowd) == set()
    # without any initial, a rare name with every address spelling it is enough
    rare = [
        mail(1, "Ursula Quenby", "ursula.quenby@enron.example"),
        mail(2, "Ursula Quenby", "quenby@enron.example"),
    ]
    assert merged(rare, crowd) == {frozenset((1, 2))}
    apostrophe = [
        mail(1, "Murray P O'Neil", "murray.o'neil@enron.example"),
        mail(2, "Murray P. O'Neil", "p..o'neil@enron.example"),
    ]
    assert merged(apostrophe, crowd) == {frozenset((1, 2))}


def test_namesakes_stay_apart(crowd: Crowd) -> None:
    lewis = [
        mail(1, "Oscar W. Lewis", "w..lewis@enron.example"),
        mail(2, "Oscar C. Lewis", "c..lewis@enron.example"),
    ]
    assert merged(lewis, crowd) == set()
    numbered = [
        mail(1, "Ursula Quenby", "ursula.quenby@enron.example"),
        mail(2, "Ursula Quenby", "ursula.quenby2@enron.example"),
    ]
    assert merged(numbered, crowd) == set()
    # a third bearer who disagrees leaves all three to the usual rules
    three = [*lewis, mail(3, "Oscar Lewis", "oscar.lewis@enron.example")]
    assert merged(three, crowd) == set()


def test_a_common_name_needs_a_corroborating_initial(crowd: Crowd) -> None:
    plain = [mail(1, "John Smith", "john.smith@enron.example"), mail(2, "John Smith", "smith@enron.example")]
    assert merged(plain, crowd) == set()
    initialled = [
        mail(1, "John Q. Smith", "q..smith@enron.example"),
        mail(2, "John Q Smith", "john.smith@enron.example"),
    ]
    assert merged(initialled, crowd) == {frozenset((1, 2))}


def test_relatives_and_other_sources_stay_apart(crowd: Crowd) -> None:
    relatives = [
        mail(1, "Jeffrey K. Skilling", "k..skilling@enron.example"),
        mail(2, "Tom Skilling", "tskilling@tribune.example"),
        mail(3, "Mark Skilling", "markskilling@webmail.example"),
    ]
    assert merged(relatives, crowd) == set()
    # an address that spells something else than the name
    assert (
        merged(
            [
                mail(1, "Michael Brown", "london.brown@enron.example"),
                mail(2, "Michael R Brown", "michael.brown@enron.example"),
            ],
            crowd,
        )
        == set()
    )
    # known from an address book too: not this rule's to decide (one source only)
    card = PersonFacts(
        2, "Pia Zorn", emails=("p..zorn@enron.example",), phones=("+14155550000",), sources=("email", "vcard")
    )
    assert not any(
        REASON in m.reasons
        for m in plan_resolution([mail(1, "Pia Zorn", "pia.zorn@enron.example"), card, *crowd(300)]).merges
    )


def test_bearers_merge_by_middle_initial_and_one_without_stays_apart(crowd: Crowd) -> None:
    people = [
        mail(1, "Jeffrey A. Shankman", "a..shankman@enron.example"),
        mail(2, "Jeffrey A Shankman", "jeffrey.shankman@enron.example"),
        mail(3, "Jeff Shankman", "jeff.shankman@enron.example"),
        mail(4, "Jeffrey A Shankman", "shankman.desk@enron.example"),  # spells something else: apart
    ]
    assert merged(people, crowd) == {frozenset((1, 2))}


def test_a_name_that_goes_by_its_middle_name(crowd: Crowd) -> None:
    halls = [
        mail(1, "D Todd Hall", "d.hall@enron.example"),
        mail(2, "D. Todd Hall", "todd.hall@enron.example"),
    ]
    assert merged(halls, crowd) == {frozenset((1, 2))}
