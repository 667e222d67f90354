"""Where connections hang out: grouping, real vs collected, trend (netvalue.analysis.hangouts)."""

from __future__ import annotations

from netvalue.analysis.hangouts import YEAR, Member, group_hangouts, match_by_name, trend_of

AS_OF = 1_750_000_000


def test_trend_thresholds() -> None:
    # growing/shrinking need 1.5x and a difference of 2 or more (module docstring); all new: "new".
    assert trend_of(3, 1, 5) == "growing"
    assert trend_of(2, 1, 5) == "steady"  # difference 1
    assert trend_of(1, 4, 6) == "shrinking"
    assert trend_of(4, 3, 9) == "steady"  # 4 < 1.5 x 3
    assert trend_of(2, 0, 2) == "new"


def test_groups_case_insensitively_with_real_and_collected() -> None:
    pairs = [
        ("Acme", Member(1, True, AS_OF - 10)),
        ("ACME ", Member(2, False, AS_OF - YEAR - 10)),
        ("acme", Member(3, False, None)),
        ("Acme", Member(1, True, AS_OF - 10)),  # the same person twice counts once
        ("Solo", Member(4, True, None)),
        ("", Member(5, True, None)),
    ]
    groups = group_hangouts("company", pairs, AS_OF)
    assert [g.name for g in groups] == ["Acme"]  # Solo is below min_size, blank names are dropped
    acme = groups[0]
    assert (acme.size, acme.real, acme.collected) == (3, 1, 2)
    assert (acme.added_last_year, acme.added_year_before, acme.trend) == (1, 1, "steady")
    assert acme.as_dict()["people"] == [1, 2, 3]


def test_match_by_name_needs_the_whole_phrase() -> None:
    members = {1: Member(1, True, None), 2: Member(2, False, None), 3: Member(3, False, None)}
    texts = {1: "PhD student, TU Berlin", 2: "Alumnus of TU Berliner Kreis", 3: "tu berlin | Acme"}
    pairs = match_by_name(["TU Berlin"], texts, members)
    assert sorted(m.person_id for _, m in pairs) == [1, 3]
