"""The purpose: validation, the TOML round trip, and target matching."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue.errors import UsageError
from netvalue.recommend.purpose import (
    Purpose,
    dump_purpose,
    load_purpose,
    make_purpose,
    match_targets,
    purpose_path,
    save_purpose,
    stem,
)


def test_missing_file_is_the_unset_purpose(tmp_path: Path) -> None:
    purpose = load_purpose(tmp_path / "purpose.toml")
    assert purpose == Purpose()
    assert not purpose.is_set
    assert "no purpose set" in purpose.label


def test_round_trip_through_toml(tmp_path: Path) -> None:
    path = purpose_path(tmp_path / "netvalue.db")
    assert path == tmp_path / "purpose.toml"
    chosen = make_purpose(
        ("job-search", "learning"),
        roles=("data engineer",),
        industries=('fin"tech',),
        places=("Zürich",),
        open_to_strangers=False,
        avoid=("Globex", "Dana Lee", "globex"),
    )
    assert chosen.avoid == ("Globex", "Dana Lee")  # cleaned like targets
    save_purpose(path, chosen)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_purpose(path) == chosen
    data = tomllib.loads(path.read_text())
    assert data["targets"]["industries"] == ['fin"tech'] and data["avoid"] == ["Globex", "Dana Lee"]


def test_a_purpose_file_without_avoid_loads_with_none() -> None:
    assert make_purpose(("business",)).avoid == ()


def test_avoid_matches_headline_company_and_whole_names() -> None:
    from netvalue.recommend.purpose import match_avoid

    purpose = make_purpose(("job-search",), avoid=("Globex", "Dana Lee"))
    assert match_avoid(purpose, "Ana Ruiz", "Product Manager at Globex") == ["Globex"]
    assert match_avoid(purpose, "dana lee", "") == ["Dana Lee"]
    assert match_avoid(purpose, "Dana Leeds", "Baker") == []


@given(st.lists(st.text(max_size=20), max_size=4))
def test_any_target_text_round_trips(values: list[str]) -> None:
    chosen = make_purpose(("business",), keywords=tuple(values))
    data = tomllib.loads(dump_purpose(chosen))
    assert tuple(data["targets"]["keywords"]) == chosen.keywords


def test_unknown_goal_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown goal"):
        make_purpose(("world-domination",))


def test_known_only_defaults_to_closed_and_dedupes_targets() -> None:
    purpose = make_purpose(("known-only",), roles=("CTO", "cto", " "))
    assert purpose.known_only and not purpose.open_to_strangers
    assert purpose.roles == ("CTO",)
    assert make_purpose(("job-search",)).open_to_strangers


def test_broken_toml_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "purpose.toml"
    path.write_text("goals = [unclosed")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_purpose(path)
    path.write_text('goals = "job-search"')
    with pytest.raises(UsageError, match="goals must be a list"):
        load_purpose(path)


def test_stem_meets_word_forms() -> None:
    assert stem("engineering") == stem("engineers") == stem("engineer")
    assert stem("recruiting") == stem("recruiter")
    assert stem("data") == "data"


def test_targets_match_as_runs_of_stems() -> None:
    purpose = make_purpose(
        ("job-search",), roles=("data engineer",), companies=("Monzo",), places=("London",)
    )
    found = match_targets(purpose, "Data Engineering Lead at Monzo")
    assert ("roles", "data engineer") in found and ("companies", "Monzo") in found
    assert ("places", "London") not in found
    assert ("roles", "data engineer") in match_targets(purpose, "Engineer, Data Platform")
    assert match_targets(purpose, "Data Scientist and Software Engineer") == []  # too far apart
    ml = make_purpose(("job-search",), roles=("machine learning engineer", "frontend developer"))
    assert len(match_targets(ml, "Senior ML Engineer; front-end developers guild")) == 2


@settings(deadline=None)  # a loaded machine can take 0.7 s for one example; time is not what this asserts
@given(st.text(max_size=200))
def test_any_file_content_loads_or_is_a_usage_error(content: str) -> None:
    """The purpose file parser: a Purpose or UsageError, nothing else."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "purpose.toml"
        path.write_text(content, encoding="utf-8")
        try:
            purpose = load_purpose(path)
        except UsageError:
            return
        assert isinstance(purpose, Purpose)


@pytest.mark.parametrize(
    "content",
    [
        "goals = [1]",
        "targets = 3",
        'open_to_strangers = "yes"',
        '[targets]\nroles = "x"',
        "[targets]\nroles = [1, 2]",
        'goals = ["job-search", "nope"]',
        "avoid = [1]",
        'avoid = "Globex"',
    ],
)
def test_wrong_shapes_are_usage_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "purpose.toml"
    path.write_text(content)
    with pytest.raises(UsageError):
        load_purpose(path)


@pytest.mark.parametrize(
    ("roles", "keywords", "headline"),
    [
        (("data engineer",), (), "Analytics Engineer @ Monzo | dbt"),
        (("data engineer",), (), "ETL developer | Spark"),
        (("machine learning engineer",), (), "MLOps engineer"),
        (("procurement manager",), (), "Category Buyer – Energy Transition"),
        (("procurement manager",), (), "Head of Purchasing"),
        (("procurement manager",), (), "Einkäufer bei Siemens"),
        (("frontend developer",), (), "UI engineer (React/TypeScript)"),
        (("product designer",), (), "Interaction designer"),
        (("investor",), (), "Partner, climate fund"),
        ((), ("genomics",), "Transcriptomics postdoc"),
        ((), ("bioinformatics",), "Computational biologist"),
        ((), ("renewable energy",), "Offshore wind project manager"),
    ],
)
def test_concepts_match_synonyms_tools_and_other_languages(
    roles: tuple[str, ...], keywords: tuple[str, ...], headline: str
) -> None:
    purpose = make_purpose(("job-search",), roles=roles, keywords=keywords)
    assert match_targets(purpose, headline), headline


@pytest.mark.parametrize(
    ("roles", "headline"),
    [
        (("data engineer",), "Chef de partie"),  # "de" is not an abbreviation of data engineer
        (("data engineer",), "Software Engineer"),
        (("product designer",), "Graphic designer"),
        (("investor",), "NHS GP"),  # a family doctor, not a general partner
        (("investor",), "Financial advisor"),
        (("procurement manager",), "Sales manager"),
        (("frontend developer",), "Mechanical engineer"),
    ],
)
def test_concepts_do_not_match_near_misses(roles: tuple[str, ...], headline: str) -> None:
    assert match_targets(make_purpose(("job-search",), roles=roles), headline) == []
