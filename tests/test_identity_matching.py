"""Identity matching as pure functions: names (accents, order, nicknames, initials), corroboration, the
rule that a name alone never merges, and that colleagues with similar names stay apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netvalue.identity.blocking import candidate_pairs
from netvalue.identity.matching import AUTO_MERGE, REVIEW, normalize_company, plan_resolution
from netvalue.identity.names import ParsedName, canonical_given, compare_names, fold, parse_name
from netvalue.identity.profiles import profile_of
from netvalue.store.identity import PersonFacts


def level(a: str, b: str) -> str:
    return compare_names(parse_name(a), parse_name(b))[0]


def test_fold_drops_accents_and_case() -> None:
    assert fold("José Müller-Łukasz Ørsted") == "jose muller-lukasz orsted"


def test_parse_name_handles_order_titles_suffixes_and_hyphens() -> None:
    assert parse_name("Smith, John") == ParsedName("john", "smith")
    assert parse_name("Dr. John Q. Smith Jr.") == ParsedName("john", "smith", ("q",))
    assert parse_name("John Smith, PhD") == ParsedName("john", "smith")
    assert parse_name("María García-López") == ParsedName("maria", "lopez", ("garcia",))
    assert parse_name("x", "Jane", "O'Brien") == ParsedName("jane", "obrien")
    assert parse_name("john.smith@example.com") == ParsedName("john", "smith", derived=True)
    assert not parse_name("jsmith@example.com").usable
    assert not parse_name("Madonna").usable


def test_name_levels() -> None:
    assert level("José García", "Jose Garcia") == "exact"
    assert level("Smith, John", "John Smith") == "exact"
    assert level("Bob Smith", "Robert Smith") == "nickname"
    assert level("Liz Taylor", "Elizabeth Taylor") == "nickname"
    assert level("Bill Gates", "William Gates") == "nickname"
    assert level("J. Smith", "John Smith") == "initial"
    assert level("John Michael Smith", "John Smith") == "exact"
    assert level("Jonh Smith", "John Smith") == "typo"
    assert level("John Smith", "John Smyth") == "typo"
    # a typo in both parts, or a family name two edits away, is no match at all
    assert level("John Smith", "Jon Smyth") == "none"
    assert level("Ann Lee", "Anna Li") == "none"
    assert level("John Smith", "Jane Smith") == "none"
    assert level("Smith John", "John Smith") == "exact"


def test_normalize_company_drops_legal_suffixes() -> None:
    assert (
        normalize_company("Acme, Inc.")
        == normalize_company("ACME GmbH")
        == normalize_company("The Acme Group")
    )
    assert normalize_company("Société Générale S.A.") == "societegenerale"


def facts(pid: int, name: str, **kw: object) -> PersonFacts:
    return PersonFacts(id=pid, name=name, **kw)  # type: ignore[arg-type]


def test_a_common_name_alone_never_merges() -> None:
    plan = plan_resolution([facts(1, "John Smith"), facts(2, "John Smith")])
    assert plan.merges == ()
    # it is not ignored either: an exact name is worth a look
    assert [(m.a, m.b) for m in plan.queue] == [(1, 2)]
    assert REVIEW <= plan.queue[0].confidence < AUTO_MERGE


def test_name_plus_company_merges_across_order_accents_and_nicknames() -> None:
    people = [
        facts(1, "Robert Müller", companies=("Acme Inc.",), linkedins=("linkedin.com/in/rmuller",)),
        facts(2, "Muller, Bob", companies=("ACME GmbH",), emails=("bob@home.example",)),
        facts(3, "José Núñez", companies=("Globex",)),
        facts(4, "Jose Nunez", emails=("jose.nunez@globex.com",)),
    ]
    plan = plan_resolution(people)
    assert sorted((m.a, m.b) for m in plan.merges) == [(1, 2), (3, 4)]
    assert all(m.confidence >= AUTO_MERGE for m in plan.merges)


def test_initial_needs_more_than_the_company() -> None:
    only_company = plan_resolution(
        [facts(1, "John Smith", companies=("Acme",)), facts(2, "J. Smith", companies=("Acme",))]
    )
    assert only_company.merges == () and len(only_company.queue) == 1
    with_address = plan_resolution(
        [facts(1, "John Smith", companies=("Acme",)), facts(2, "J. Smith", emails=("john.smith@acme.com",))]
    )
    assert [(m.a, m.b) for m in with_address.merges] == [(1, 2)]


def test_colleagues_with_similar_names_stay_apart() -> None:
    people = [
        facts(1, "Ann Lee", companies=("Acme",), emails=("ann.lee@acme.com",)),
        facts(2, "Anna Li", companies=("Acme",), emails=("anna.li@acme.com",)),
        facts(3, "John Smith", companies=("Acme",), emails=("john.smith@acme.com",)),
        facts(4, "Jon Smyth", companies=("Acme",), emails=("jon.smyth@acme.com",)),
        facts(5, "John Smyth", companies=("Acme",), emails=("jsmyth@acme.com",)),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()
    assert all(m.confidence < AUTO_MERGE for m in plan.queue)


def test_two_linkedin_profiles_are_never_merged_automatically() -> None:
    people = [
        facts(1, "Jane Doe", companies=("Acme",), linkedins=("linkedin.com/in/jane-doe-1",)),
        facts(2, "Jane Doe", companies=("Acme",), linkedins=("linkedin.com/in/jane-doe-2",)),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()
    assert [(m.a, m.b) for m in plan.queue] == [(1, 2)]
    assert "two different LinkedIn profiles" in plan.queue[0].reasons


def test_no_chain_joins_two_profiles_through_a_third_person() -> None:
    people = [
        facts(1, "Jane Doe", companies=("Acme",), linkedins=("linkedin.com/in/jane-doe-1",)),
        facts(2, "Jane Doe", emails=("jane.doe@acme.com",)),
        facts(3, "Jane Doe", companies=("Acme",), linkedins=("linkedin.com/in/jane-doe-2",)),
    ]
    plan = plan_resolution(people)
    assert len(plan.merges) == 1


def test_kept_apart_pairs_are_neither_merged_nor_queued() -> None:
    people = [facts(1, "Jane Doe", companies=("Acme",)), facts(2, "Jane Doe", companies=("Acme",))]
    assert len(plan_resolution(people).merges) == 1
    plan = plan_resolution(people, {frozenset((1, 2))})
    assert plan.merges == () and plan.queue == ()


def test_different_companies_lower_the_confidence() -> None:
    plan = plan_resolution(
        [facts(1, "John Smith", companies=("Acme",)), facts(2, "John Smith", companies=("Initech",))]
    )
    assert plan.merges == () and plan.queue == ()


@given(st.text(max_size=40), st.text(max_size=40))
def test_parse_and_compare_never_raise(a: str, b: str) -> None:
    lvl, _ = compare_names(parse_name(a), parse_name(b))
    assert lvl in {"exact", "nickname", "initial", "typo", "none"}


def test_an_address_without_a_name_matches_the_name_it_spells() -> None:
    people = [
        facts(1, "Timothy Watanabe", companies=("Blue Labs",)),
        facts(2, "twatanabe@bluelabs.com", emails=("twatanabe@bluelabs.com",)),
    ]
    plan = plan_resolution(people)
    assert [(m.a, m.b) for m in plan.merges] == [(1, 2)]
    assert any("spells" in r for r in plan.merges[0].reasons)


def test_namesakes_addresses_spelling_their_own_name_are_no_evidence() -> None:
    """Two Omar Hills each write from an address spelling their own name: still only a name match."""
    people = [
        facts(1, "Omar Hill", companies=("Harbor Logistics",), emails=("ohill@harborlogistics.com",)),
        facts(2, "Omar Hill", emails=("ohill99@gmx.de",)),
    ]
    plan = plan_resolution(people)
    assert plan.merges == ()
    assert len(plan.queue) == 1 and plan.queue[0].confidence < AUTO_MERGE


def test_two_profiles_with_only_a_name_in_common_are_not_even_queued() -> None:
    people = [
        facts(1, "John Smith", linkedins=("linkedin.com/in/john-smith-1",)),
        facts(2, "John Smith", linkedins=("linkedin.com/in/john-smith-2",)),
    ]
    plan = plan_resolution(people)
    assert plan.merges == () and plan.queue == ()


def test_a_rare_name_of_unknown_sources_ranks_higher_in_review_but_never_merges() -> None:
    rare = plan_resolution([facts(1, "Zephyrine Quast"), facts(2, "Zephyrine Quast")])
    shared = plan_resolution(
        [facts(1, "Zephyrine Quast"), facts(2, "Zephyrine Quast"), facts(3, "Zephyrine Quast")]
    )
    assert rare.merges == () and shared.merges == ()
    assert rare.queue[0].confidence > max(m.confidence for m in shared.queue)
    assert "nobody else has this name" in rare.queue[0].reasons


def test_blocking_never_compares_unrelated_names() -> None:
    people = [facts(i, f"Person{i} Family{i}") for i in range(1, 400)]
    assert plan_resolution(people).compared == 0


def test_an_initial_or_nickname_takes_the_full_given_name_its_own_address_spells() -> None:
    """ "C Jones" writing from carmenjones9@ is Carmen Jones (the name key resolution counts bearers by);
    an address of someone else's name, or two addresses that disagree, leave the name as shown."""
    spelled = profile_of(facts(1, "C Jones", emails=("carmenjones9@outlook.com",)))
    assert (spelled.name.given, spelled.name.family, spelled.name.derived) == ("carmen", "jones", True)
    assert spelled.name_key == ("jones", "carmen")
    dotted = profile_of(facts(2, "P. Larssoner", emails=("priya.larssoner@gmx.de",)))
    assert dotted.name_key == ("larssoner", "priya")
    nickname = profile_of(facts(3, "Chris Jonesson", emails=("christopher.jonesson@icloud.com",)))
    assert nickname.name_key == ("jonesson", "christopher")
    # not a fuller form of what is shown: the name stays as it is
    assert profile_of(facts(4, "C Jones", emails=("dave.jones@x.com",))).name_key is None
    assert profile_of(facts(5, "C Jones", emails=("cjones@x.com",))).name_key is None
    assert profile_of(facts(6, "Chris Jonesson", emails=("chris.jonesson@x.com",))).name_key == (
        "jonesson",
        min(canonical_given("chris")),
    )
    # two addresses spelling two different given names: nothing to choose between them
    two = profile_of(facts(7, "C Jones", emails=("carmen.jones@a.com", "carla.jones@b.com")))
    assert two.name_key is None
    # a full given name shown is never replaced
    assert profile_of(facts(8, "Carla Jones", emails=("carmen.jones@a.com",))).name_key == ("jones", "carla")


def test_a_hyphenated_given_name_is_one_given_name() -> None:
    """Min-jun, Minjun and Min Jun are one given name; Min-jun and Min-seo Kim are two people (the
    hyphen once split the given name, and both parsed as Min Kim)."""
    assert parse_name("Min-jun Kim") == parse_name("Minjun Kim") == ParsedName("minjun", "kim")
    assert parse_name("x", "Min-jun", "Kim") == ParsedName("minjun", "kim")
    assert parse_name("Kim, Min-jun") == ParsedName("minjun", "kim")
    assert parse_name("Jean-Pierre García-López") == ParsedName("jeanpierre", "lopez", ("garcia",))
    assert level("Min-jun Kim", "Minjun Kim") == "exact"
    assert level("Min Jun Kim", "Minjun Kim") == "exact"
    assert level("Min Jun Kim", "Min-jun Kim") == "exact"
    assert level("Min-jun Kim", "Min-seo Kim") == "none"
    assert level("Seo-yeon Park", "Seo-jun Park") == "none"


_SYLLABLE = st.sampled_from(
    [
        "min",
        "jun",
        "seo",
        "yeon",
        "ji",
        "ho",
        "ha",
        "yoon",
        "woo",
        "eun",
        "su",
        "hyun",
        "jae",
        "sung",
        "young",
        "hye",
        "jin",
        "soo",
        "kyung",
        "sang",
        "dong",
        "hee",
        "wei",
        "fang",
        "na",
        "jing",
        "li",
        "qiang",
        "lei",
        "yang",
        "yong",
        "yan",
        "jie",
        "tao",
        "ming",
        "chao",
        "xiu",
        "ying",
        "xia",
        "ping",
        "gang",
        "hui",
        "hao",
    ]
)


@given(_SYLLABLE, _SYLLABLE, _SYLLABLE)
def test_two_syllable_given_names_agree_however_written(first: str, second: str, family: str) -> None:
    """Hyphenated, one word or two words: one given name, the same for the source's first-name field."""
    forms = (f"{first}-{second} {family}", f"{first}{second} {family}", f"{first} {second} {family}")
    for a in forms:
        for b in forms:
            assert compare_names(parse_name(a), parse_name(b))[0] == "exact", (a, b)
    split = parse_name("x", f"{first.capitalize()}-{second}", family.capitalize())
    assert split == parse_name(f"{first}{second} {family}")


def test_in_a_block_too_large_to_compare_whole_only_a_shared_employer_or_phone_compares() -> None:
    """400 Min-jun Kims (more than MAX_BLOCK) at 40 employers, and two ``M. Kim``: by default the block
    is skipped whole; with a second key a namesake meets those at its employer, the initial those at its
    own or with its phone, and nobody else."""
    people = [facts(i, "Min-jun Kim", companies=(f"Employer{i % 40:02d}",)) for i in range(400)]
    people += [
        facts(400, "M. Kim", companies=("Employer07",)),
        facts(401, "M. Kim", phones=("+821012345678",)),
        facts(402, "Minjun Kim", phones=("+821012345678",)),
    ]
    profiles = [profile_of(p) for p in people]
    pairs = candidate_pairs(profiles, second_key=True)
    employer = {p.id: p.companies for p in people}
    assert all(employer[x] == employer[y] or {x, y} == {401, 402} for x, y in pairs)
    assert {(7, 400), (401, 402), (0, 40)} <= {(min(x, y), max(x, y)) for x, y in pairs}
    assert len(pairs) <= 10 * len(people)
    assert not candidate_pairs(profiles) & {(7, 400), (400, 7), (0, 40), (40, 0)}
