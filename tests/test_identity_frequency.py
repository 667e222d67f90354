"""Frequency-aware name evidence (Fellegi & Sunter 1969; Winkler's frequency-based weights): a rare full
name shared across two sources merges when nothing contradicts it; a common one, a contradicted one, or
one twice in one source does not; the user's decisions still win."""

from __future__ import annotations

from pathlib import Path

import pytest

from netvalue import identity
from netvalue.identity.frequency import COINCIDENCE_LIMIT, NameFrequencies
from netvalue.identity.matching import AUTO_MERGE, plan_resolution
from netvalue.records import Identity, PersonRecord
from netvalue.store import Database
from netvalue.store.identity import PersonFacts
from netvalue.store.ingest import import_stream

RARE = "Zephyrine Quast"


def crowd(size: int = 200, start: int = 1000) -> list[PersonFacts]:
    """``size`` LinkedIn connections with names nobody else bears."""
    return [
        PersonFacts(
            start + i, f"Given{i} Family{i}", linkedins=(f"linkedin.com/in/p{i}",), sources=("linkedin",)
        )
        for i in range(size)
    ]


def linkedin(pid: int, name: str, company: str = "Acme") -> PersonFacts:
    return PersonFacts(
        pid, name, companies=(company,), linkedins=(f"linkedin.com/in/{pid}",), sources=("linkedin",)
    )


def mail(pid: int, name: str, address: str = "zq1984@gmail.com") -> PersonFacts:
    return PersonFacts(pid, name, emails=(address,), sources=("email",))


def pairs(people: list[PersonFacts]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    plan = plan_resolution(people)
    return [(m.a, m.b) for m in plan.merges], [(m.a, m.b) for m in plan.queue]


def test_a_rare_name_across_two_sources_merges() -> None:
    plan = plan_resolution([linkedin(1, RARE), mail(2, "Quast, Zephyrine"), *crowd()])
    assert [(m.a, m.b) for m in plan.merges] == [(1, 2)]
    assert plan.merges[0].confidence >= AUTO_MERGE
    assert any(r.startswith("a rare name") for r in plan.merges[0].reasons)


def test_a_common_name_does_not_merge_on_the_name_alone() -> None:
    johns = [linkedin(100 + i, f"John Family{i}", f"Firm{i}") for i in range(30)]
    smiths = [linkedin(200 + i, f"Given{i} Smith", f"Firm{i}") for i in range(30)]
    people = [linkedin(1, "John Smith"), mail(2, "John Smith"), *johns, *smiths, *crowd()]
    merged, queued = pairs(people)
    assert (1, 2) not in merged
    assert (1, 2) in queued


def test_the_prior_keeps_john_smith_common_in_a_small_database() -> None:
    """However few Johns and Smiths a database holds, the built-in prior of common names applies."""
    merged, queued = pairs([linkedin(1, "John Smith"), mail(2, "John Smith"), *crowd(1000)])
    assert merged == [] and queued == [(1, 2)]


def test_a_rare_name_with_a_contradicting_company_does_not_merge() -> None:
    vcard = PersonFacts(2, RARE, companies=("Initech",), phones=("+14155550100",), sources=("vcard",))
    merged, _ = pairs([linkedin(1, RARE, "Acme"), vcard, *crowd()])
    assert merged == []


def test_colleagues_at_one_domain_with_one_rare_name_do_not_merge() -> None:
    people = [
        PersonFacts(1, RARE, emails=("zquast@acme.com",), sources=("email",)),
        PersonFacts(2, RARE, emails=("zephyrine.quast@acme.com",), phones=("+1415",), sources=("vcard",)),
        *crowd(),
    ]
    merged, _ = pairs(people)
    assert merged == []


def test_the_same_rare_name_twice_in_one_source_is_not_merged_by_the_rule() -> None:
    cards = [
        PersonFacts(1, RARE, phones=("+14155550100",), sources=("vcard",)),
        PersonFacts(2, RARE, phones=("+14155550199",), sources=("vcard",)),
    ]
    merged, _ = pairs([*cards, *crowd()])
    assert merged == []


def test_a_name_borne_twice_in_one_source_merges_with_neither() -> None:
    """Two LinkedIn connections named alike are two humans: a mail from that name could be either."""
    people = [linkedin(1, RARE, "Acme"), linkedin(2, RARE, "Initech"), mail(3, RARE), *crowd()]
    merged, _ = pairs(people)
    assert merged == []


def test_two_addresses_with_one_lone_rare_name_merge() -> None:
    """Two e-mail records alone with a rare name nobody else bears: one human's work and personal
    addresses far likelier than two namesakes (a source keyed by address holds one human twice), so they
    merge on the lone-name rule; with a LinkedIn connection of that name all three are one person."""
    work, home = mail(2, RARE, "zq@globex.com"), mail(3, RARE)
    plan = plan_resolution([work, home, *crowd()])
    assert [(m.a, m.b) for m in plan.merges] == [(2, 3)]
    assert any(r.startswith("nobody else bears this name") for r in plan.merges[0].reasons)
    merged, _ = pairs([linkedin(1, RARE, "Globex"), work, home, *crowd()])
    assert sorted(merged) == [(1, 2), (1, 3)]


def test_without_known_sources_the_rule_does_not_apply() -> None:
    people = [PersonFacts(1, RARE), PersonFacts(2, RARE), *crowd()]
    merged, _ = pairs(people)
    assert merged == []


def test_the_users_rejection_wins_over_a_rare_name() -> None:
    plan = plan_resolution([linkedin(1, RARE), mail(2, RARE), *crowd()], {frozenset((1, 2))})
    assert plan.merges == () and plan.queue == ()


def test_a_small_database_says_too_little_to_call_a_name_rare() -> None:
    merged, queued = pairs([linkedin(1, RARE), mail(2, RARE)])
    assert merged == [] and queued == [(1, 2)]


def test_coincidence_estimate() -> None:
    """N * f(first) * f(last), leaving out the pair, add-one smoothed, floored by the prior."""
    people = [{("quast", "zephyrine")}] * 2 + [{(f"family{i}", "john")} for i in range(198)]
    frequencies = NameFrequencies.count(people)
    assert frequencies.named == 200
    assert frequencies.coincidence("quast", "zephyrine") == pytest.approx(200 * (1 / 200) * (1 / 200))
    # 198 Johns, less the two of the pair, plus one; Smith unseen: its prior 0.006 beats one in 200
    assert frequencies.coincidence("smith", "john") == pytest.approx(200 * (197 / 200) * 0.006)
    assert (
        frequencies.coincidence("quast", "zephyrine")
        < COINCIDENCE_LIMIT
        < frequencies.coincidence("smith", "john")
    )
    # among 1,000 people of unique names, a pair of John Smiths is floored by the prior of common names
    unique = NameFrequencies.count([{("smith", "john")}] * 2 + [{(f"f{i}", f"g{i}")} for i in range(998)])
    assert unique.coincidence("smith", "john") == pytest.approx(1000 * 0.015 * 0.006)
    assert unique.coincidence("smith", "john") > COINCIDENCE_LIMIT


def test_resolution_over_a_database_merges_a_rare_name_across_sources(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "nv.db")
    try:
        connections = [
            PersonRecord("linkedin", (Identity("linkedin", f"linkedin.com/in/p{i}"),), f"Given{i} Family{i}")
            for i in range(150)
        ]
        connections.append(
            PersonRecord("linkedin", (Identity("linkedin", "linkedin.com/in/zq"),), RARE, company="Acme")
        )
        import_stream(db, connections, source="linkedin", path="linkedin", sha256="l")
        card = PersonRecord("vcard", (Identity("phone", "+14155550100"),), "Quast, Zephyrine")
        import_stream(db, [card], source="vcard", path="vcard", sha256="v")
        report = identity.resolve(db, now=1_800_000_000)
        assert report.merged == 1
        owners = {
            kind: pid
            for kind, pid in db.conn.execute(
                "SELECT kind, person_id FROM identities WHERE value IN ('linkedin.com/in/zq', '+14155550100')"
            )
        }
        assert owners["linkedin"] == owners["phone"]
    finally:
        db.close()
