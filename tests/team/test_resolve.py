"""Cross-member identity: exact keys, one member lists a human once, Splink and netvalue's resolver."""

from __future__ import annotations

import random

import pytest

from netvalue.team.records import ENGINES, Engine, PooledContact, SharedContact
from netvalue.team.resolve import resolve

GIVEN = [
    "Amelia",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kaito",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
]
FAMILY = [
    f"{a}{b}"
    for a in ("Vel", "Mor", "Tak", "Sor", "Kel", "Dun", "Rav", "Pol")
    for b in ("ander", "ovic", "stead", "ari", "mund")
]


def row(name: str | None, company: str | None = None, keys: tuple[str, ...] = ()) -> SharedContact:
    return SharedContact(keys, (), name, company, None, None, "active", 0.5, "2025-01")


def pooled(members: list[list[SharedContact]]) -> list[PooledContact]:
    pool: list[PooledContact] = []
    for m, rows in enumerate(members):
        for contact in rows:
            pool.append(PooledContact(len(pool), m, contact))
    return pool


def crowd(seed: int, size: int) -> list[SharedContact]:
    """People nobody else in the team bears a name of: the background every engine learns from.  The tests
    give members 0 and 1 the slices ``[:150]`` and ``[100:]``: 50 people both know, as in a real team."""
    rng = random.Random(seed)
    names = {(g, f) for g in GIVEN for f in FAMILY}
    chosen = rng.sample(sorted(names), size)
    return [row(f"{g} {f}", rng.choice(["Northwind", "Globex", "Initech", None])) for g, f in chosen]


def same(pool: list[PooledContact], engine: Engine, a: int, b: int) -> bool:
    human = resolve(pool, engine).human
    return human[a] == human[b]


@pytest.mark.parametrize("engine", ENGINES)
def test_one_salted_key_is_one_human_whatever_the_names(engine: Engine) -> None:
    pool = pooled(
        [[row("Robert Smith", keys=("email:" + "1" * 32,))], [row("R. S.", keys=("email:" + "1" * 32,))]]
    )
    assert same(pool, engine, 0, 1)
    assert resolve(pool, engine).exact_links == 1


def test_exact_keys_alone_link_nothing_else() -> None:
    pool = pooled([[row("Robert Smith", "Acme")], [row("Robert Smith", "Acme")]])
    assert not same(pool, "exact", 0, 1)


@pytest.mark.parametrize("engine", ["splink", "netvalue"])
def test_nickname_and_company_suffix_across_members_are_one_human(engine: Engine) -> None:
    background = crowd(1, 300)
    pool = pooled(
        [
            [row("Robert Quince", "Acme Inc"), *background[:150]],
            [row("Quince, Bob", "ACME"), *background[100:]],
        ]
    )
    assert same(pool, engine, 0, 151)


@pytest.mark.parametrize("engine", ["splink", "netvalue"])
def test_namesakes_at_different_companies_stay_apart(engine: Engine) -> None:
    background = crowd(2, 300)
    pool = pooled(
        [
            [row("Jordan Smith", "Acme"), *background[:150]],
            [row("Jordan Smith", "Globex Capital"), *background[100:]],
        ]
    )
    assert not same(pool, engine, 0, 151)


def test_two_rows_of_one_member_are_never_one_human() -> None:
    """Member 0 knows two Ana Quirozes (their own resolution kept them apart); member 1's Ana may join one
    of them, never both."""
    background = crowd(3, 300)
    pool = pooled(
        [
            [row("Ana Quiroz", "Acme"), row("Ana Quiroz", "Acme"), *background[:150]],
            [row("Ana Quiroz", "Acme"), *background[100:]],
        ]
    )
    human = resolve(pool, "splink").human
    assert human[0] != human[1]


def _team_around(rows: list[SharedContact], seed: int) -> list[PooledContact]:
    """Ten members, each with a slice of one background crowd, the k-th row of ``rows`` given to member k."""
    background = crowd(seed, 600)
    return pooled(
        [
            [rows[m], *background[m * 50 : m * 50 + 100]]
            if m < len(rows)
            else background[m * 50 : m * 50 + 100]
            for m in range(10)
        ]
    )


def test_a_name_without_employer_joins_the_one_contact_the_whole_team_knows_by_it() -> None:
    """Eight members know Zora Vantablack at Acme (no common key); a ninth shares her name alone.  Few
    namesakes are expected per member who knows one (a rare name, eight members), so she is one contact."""
    known = [row("Zora Vantablack", "Acme", (f"email:{m:032x}",)) for m in range(8)]
    pool = _team_around([*known, row("Zora Vantablack")], 5)
    human = resolve(pool, "splink").human
    firsts = [p.row for p in pool if p.contact.name == "Zora Vantablack"]
    assert len({human[r] for r in firsts}) == 1
