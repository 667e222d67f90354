"""Triage: one test per rule (science.md §6), the learning from decisions, and the ordering."""

from __future__ import annotations

import pytest

from netvalue.recommend.purpose import Purpose, make_purpose
from netvalue.recommend.triage import (
    ACCEPT_AT,
    DecisionModel,
    RequestFacts,
    learn_from_decisions,
    triage_request,
    triage_requests,
)

JOB = make_purpose(("job-search",), roles=("data engineer",), industries=("fintech",), places=("London",))
KNOWN = make_purpose(("known-only",))
FUND = make_purpose(("fundraising",), keywords=("seed round",))
PERSONAL = "Hi Sam, I enjoyed your talk on streaming pipelines at PyData Berlin last week."


def req(**kw: object) -> RequestFacts:
    base: dict[str, object] = {"ref": "i1", "name": "Ana Ruiz"}
    base.update(kw)
    return RequestFacts(**base)  # type: ignore[arg-type]


def test_relevant_stranger_is_accepted_for_a_job_search_and_names_the_purpose() -> None:
    result = triage_request(req(headline="Senior Data Engineer at Monzo"), JOB)
    assert result.decision == "accept"
    assert any("role 'data engineer'" in r for r in result.reasons)
    assert result.serves and "job search" in result.serves[0]


def test_irrelevant_stranger_with_nothing_shared_is_ignored() -> None:
    result = triage_request(req(headline="Wedding photographer", message=PERSONAL), JOB)
    assert result.decision == "ignore"
    assert any("nothing in their headline" in r for r in result.reasons)


def test_moderately_weak_tie_beats_none_and_is_accepted_without_relevance() -> None:
    """Rajkumar et al. (2022): some shared context (about 10 mutual) over none."""
    none = triage_request(req(headline="Wedding photographer"), JOB)
    some = triage_request(req(headline="Wedding photographer", mutual_connections=10), JOB)
    few = triage_request(req(headline="Wedding photographer", mutual_connections=2), JOB)
    assert some.score > few.score > none.score
    assert some.decision == "accept"
    assert any("moderately weak" in s for s in some.serves)


def test_many_mutuals_count_as_trust_for_fundraising() -> None:
    job = triage_request(req(mutual_connections=80), JOB)
    fund = triage_request(req(mutual_connections=80), FUND)
    assert fund.score > job.score


def test_shared_employer_or_school_is_shared_context() -> None:
    result = triage_request(req(headline="Accountant", shared_organizations=("Acme Analytics",)), JOB)
    assert result.decision == "accept"
    assert any("both at Acme Analytics" in r for r in result.reasons)


def test_people_in_common_and_their_community() -> None:
    result = triage_request(
        req(headline="Accountant", company="Globex", contacts_at_company=3, company_community="Globex folks"),
        JOB,
    )
    assert result.decision == "accept"
    assert any("3 of your contacts work at Globex (Globex folks)" in r for r in result.reasons)


def test_bridge_to_a_company_you_lack_adds_value_only_when_relevant() -> None:
    known = triage_request(req(headline="Data Engineer", company="Wise", company_known=True), JOB)
    bridge = triage_request(req(headline="Data Engineer", company="Wise", company_known=False), JOB)
    assert bridge.score > known.score
    assert any("bridge" in r for r in bridge.reasons)
    unrelated = triage_request(req(headline="Baker", company="Wise", company_known=False), JOB)
    assert not any("bridge" in r for r in unrelated.reasons)


def test_personal_note_scores_above_generic() -> None:
    generic = triage_request(req(headline="Data Engineer", message="I'd like to connect"), JOB)
    personal = triage_request(req(headline="Data Engineer", message=PERSONAL), JOB)
    assert personal.score > generic.score
    assert "a personal note" in personal.reasons and "a generic note" in generic.reasons


def test_spam_is_ignored_even_when_relevant() -> None:
    result = triage_request(
        req(headline="Data Engineer in fintech, London", message="Earn passive income with crypto, DM me"),
        JOB,
    )
    assert result.spam and result.decision == "ignore" and result.score <= 0.1
    assert result.reasons[0].startswith("spam signals")


def test_known_only_needs_evidence_of_a_relationship() -> None:
    stranger = triage_request(req(headline="Data Engineer", mutual_connections=12, message=PERSONAL), KNOWN)
    assert stranger.decision == "ignore"
    friend = triage_request(req(known_person_id=7, two_way=(5, 4)), KNOWN)
    assert friend.decision in ("accept", "accept and reach out")
    colleague = triage_request(req(shared_organizations=("Acme Analytics",)), KNOWN)
    assert colleague.decision == "accept"
    one_way = triage_request(req(known_person_id=7, two_way=(3, 0)), KNOWN)
    assert one_way.decision == "ignore"


def test_not_open_to_strangers_discounts_relevance_without_shared_context() -> None:
    closed = make_purpose(("job-search",), roles=("data engineer",), open_to_strangers=False)
    assert triage_request(req(headline="Data Engineer"), closed).decision == "ignore"
    assert triage_request(req(headline="Data Engineer", mutual_connections=6), closed).decision != "ignore"


def test_strong_relevant_request_gets_accept_and_reach_out() -> None:
    result = triage_request(
        req(headline="Data Engineer, fintech, London", message=PERSONAL, mutual_connections=9), JOB
    )
    assert result.decision == "accept and reach out"


def test_no_purpose_still_decides_on_shared_context() -> None:
    assert triage_request(req(headline="Baker"), Purpose()).decision == "ignore"
    accepted = triage_request(req(headline="Baker", mutual_connections=8), Purpose())
    assert accepted.decision == "accept" and accepted.serves


def test_learning_from_decisions_moves_similar_requests() -> None:
    examples = [
        ("Blockchain evangelist", "ignore"),
        ("Blockchain founder", "ignore"),
        ("Blockchain and web3 advisor", "ignore"),
        ("Data platform engineer", "accept"),
    ]
    model = learn_from_decisions(examples)  # type: ignore[arg-type]
    assert model.examples == 4
    pa, pi = 0.5 / 2, 3.5 / 4  # (0 + 0.5) / (1 accepted + 1), (3 + 0.5) / (3 ignored + 1)
    assert model.weights["blockchain"] == pytest.approx((pa - pi) / (pa + pi))
    assert "data" not in model.weights  # seen once only
    plain = triage_request(req(headline="Blockchain consultant"), JOB)
    learned = triage_request(req(headline="Blockchain consultant"), JOB, model)
    assert learned.score < plain.score
    assert any("like requests you ignored" in r for r in learned.reasons)
    # past decisions judge the text only: they do not overrule shared context (Rajkumar 2022)
    shared = req(headline="Blockchain consultant", mutual_connections=10)
    assert triage_request(shared, JOB, model).score == triage_request(shared, JOB).score


def test_learning_waits_for_three_examples() -> None:
    model = learn_from_decisions([("Blockchain evangelist", "ignore")])
    assert model.adjustment("Blockchain evangelist") == (0.0, [])
    assert DecisionModel().adjustment("anything") == (0.0, [])


def test_order_is_best_first_and_stable() -> None:
    results = triage_requests(
        [
            req(ref="i2", headline="Baker"),
            req(ref="i1", headline="Data Engineer"),
            req(ref="i3", headline="Baker"),
        ],
        JOB,
    )
    assert [r.ref for r in results] == ["i1", "i2", "i3"]
    assert results[0].score >= ACCEPT_AT > results[1].score


def test_with_no_purpose_a_personal_note_is_accepted_and_a_bare_request_is_not() -> None:
    from netvalue.recommend.purpose import Purpose
    from netvalue.recommend.triage import RequestFacts, triage_request

    unset = Purpose()
    assert not unset.is_set
    personal = RequestFacts(
        ref="i1",
        name="Dana Whitfield",
        message="Hi Alex, I lead data products at Globex and enjoyed your talk on roadmaps. Would love to connect.",
    )
    bare = RequestFacts(ref="i2", name="Marcus Chen", message="")
    assert triage_request(personal, unset).decision == "accept"
    assert triage_request(bare, unset).decision == "ignore"


def test_a_target_only_in_the_note_is_a_reason_but_not_relevance() -> None:
    """The note is often about the reader ("I saw you're hiring …"); the headline says who they are."""
    note = "Hi Sam, I saw you're hiring a data engineer and wanted to say hello."
    chef = triage_request(req(headline="Chef de partie", message=note), JOB)
    assert chef.decision == "ignore" and not chef.serves
    assert any("the note mentions role 'data engineer'" in r for r in chef.reasons)
    no_headline = triage_request(req(message="I'm a data engineer at a fintech in Leeds."), JOB)
    assert any(r.startswith("relevant to your purpose") for r in no_headline.reasons)
