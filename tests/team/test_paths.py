"""``team paths``, ``coverage`` and ``overlap`` on a hand-made pool, figures worked out by hand."""

from __future__ import annotations

import pytest

from netvalue.errors import UsageError
from netvalue.team.coverage import find_humans, team_coverage, team_overlap
from netvalue.team.paths import TeamView, team_paths
from netvalue.team.records import PooledContact, SharedContact
from netvalue.team.resolve import resolve
from netvalue.team.salt import hash_key

SALT = bytes(32)


def key(address: str) -> str:
    return hash_key(SALT, "email", address)


def contact(
    name: str,
    company: str | None,
    strength: float,
    month: str | None,
    *keys: str,
    domains: tuple[str, ...] = (),
    role: str | None = None,
) -> SharedContact:
    return SharedContact(
        tuple(key(k) for k in keys),
        domains,
        name,
        company,
        role,
        None,
        "active" if strength >= 0.3 else "known",
        strength,
        month,
    )


@pytest.fixture
def view() -> TeamView:
    """Ann knows Jane at Acme weakly and Bo (her teammate) well; Bo knows Jane well; Cy knows Jane and Raj
    at Acme, and Lee at Globex."""
    members = {
        "Ann": [
            contact("Jane Roe", "Acme Inc", 0.2, "2024-01", "jane@acme.com", domains=("acme.com",)),
            contact("Bo Bell", "Our Fund", 0.9, "2025-05", "bo@fund.example"),
        ],
        "Bo": [
            contact("Jane Roe", "ACME", 0.7, "2025-02", "jane@acme.com", domains=("acme.com",), role="CFO")
        ],
        "Cy": [
            contact("Jane Roe", "Acme", 0.7, "2025-04", "jane.roe@gmail.com", "jane@acme.com"),
            contact("Raj Rao", "Acme", 0.4, "2025-06", "raj@acme.com", domains=("acme.com",)),
            contact("Lee Lam", "Globex", 0.8, "2025-06", "lee@globex.com", domains=("globex.com",)),
        ],
    }
    own = {"Ann": ["ann@fund.example"], "Bo": ["bo@fund.example"], "Cy": ["cy@fund.example"]}
    pool: list[PooledContact] = []
    for m, rows in enumerate(members.values()):
        for c in rows:
            pool.append(PooledContact(len(pool), m, c))
    return TeamView(
        members=tuple(members),
        pool=tuple(pool),
        resolution=resolve(pool, "exact"),
        salt=SALT,
        member_keys=tuple(frozenset(key(a) for a in own[m]) for m in members),
    )


def test_paths_rank_by_weakest_link_then_recency(view: TeamView) -> None:
    humans = find_humans(view, company="Acme, Inc.")
    assert len(humans) == 2  # Jane (three members, one human by her address) and Raj
    paths = team_paths(view, humans)
    summary = [(p["ask"], p["contact"]["name"], p["weakest"], p["hops"], p.get("for")) for p in paths]  # type: ignore[index]
    assert summary == [
        # Cy and Bo both know Jane at 0.7: Cy's last two-way contact (2025-04) is more recent than Bo's.
        ("Cy", "Jane Roe", 0.7, 1, None),
        ("Bo", "Jane Roe", 0.7, 1, None),
        # Ann -> Bo (0.9) -> Jane (0.7): weakest link 0.7, the older month 2025-02; it beats Ann's own 0.2.
        ("Bo", "Jane Roe", 0.7, 2, "Ann"),
        ("Cy", "Raj Rao", 0.4, 1, None),
        ("Ann", "Jane Roe", 0.2, 1, None),
    ]
    assert paths[0]["contact"]["role"] == "CFO"  # type: ignore[index]
    assert [link["from"] for link in paths[2]["links"]] == ["Ann", "Bo"]  # type: ignore[index]


def test_paths_from_one_member_and_by_domain_and_person(view: TeamView) -> None:
    mine = team_paths(view, find_humans(view, domain="acme.com"), from_member="ann")
    assert [(p["ask"], p["weakest"], p["hops"]) for p in mine] == [("Bo", 0.7, 2), ("Ann", 0.2, 1)]
    by_address = find_humans(view, person="JANE.ROE@gmail.com")
    assert by_address == find_humans(view, person="Jane Roe") and len(by_address) == 1
    assert find_humans(view, domain="initech.com") == []
    with pytest.raises(UsageError, match="no member 'Zed'"):
        team_paths(view, by_address, from_member="Zed")


def test_coverage_counts_humans_not_rows(view: TeamView) -> None:
    coverage = team_coverage(view)
    companies = {c["name"]: c for c in coverage["companies"]}  # type: ignore[attr-defined, index]
    acme = next(c for name, c in companies.items() if name.casefold().startswith("acme"))
    assert (acme["contacts"], acme["active_contacts"], acme["members"], acme["strongest"]) == (2, 2, 3, 0.7)
    domains = {d["name"]: d for d in coverage["domains"]}  # type: ignore[attr-defined, index]
    assert domains["acme.com"]["contacts"] == 2 and "gmail.com" not in domains


def test_overlap_names_the_strongest_most_recent_tie_as_owner(view: TeamView) -> None:
    overlap = team_overlap(view)
    assert len(overlap) == 1
    jane = overlap[0]
    assert jane["contact"]["known_by"] == 3  # type: ignore[index]
    assert jane["owner"] == "Cy"  # 0.7 like Bo, but in touch in 2025-04 rather than 2025-02
    assert [t["member"] for t in jane["ties"]] == ["Cy", "Bo", "Ann"]  # type: ignore[index, union-attr]
