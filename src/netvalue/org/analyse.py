"""From the engine's pair table to every organisation output: ties, people, departments, communities,
ties formed and lost per month, and the summary the report shows.

Pure functions of Arrow tables and numpy arrays, with an explicit ``as_of`` and ``seed``.  Sources:

- tie strength, tiers and states: the personal model (:mod:`netvalue.org.ties`);
- graph measures: :mod:`netvalue.org.network`;
- indicative value: Wu, Lin, Aral & Brynjolfsson (2009), $948 a year per e-mail contact, through
  :func:`netvalue.analysis.value.network_value`'s rule (science.md §5): only ties with two-way exchange in
  the last 12 months, each weighted by strength, the naive "correspondents × $948" beside it;
- silos [ours, after Yang et al. 2022, science.md §7]: a department whose ties keep at least
  ``SILO_SHARE`` of their strength inside it; an *isolated* community keeps at least ``ISOLATED_SHARE``;
- brokers [ours, after Burt 1992/2004, science.md §4]: people with at least two current ties whose
  constraint is in the lowest ``BROKER_QUANTILE`` of the organisation's, with some tie across departments
  (when departments are known);
- a tie is *formed* in the month of its first contact (ties that ever had two-way contact) and *lost* in
  the month its silence passed its decay threshold (8× its usual gap, 90–365 days; Navarro et al. 2017,
  science.md §2), when that is before ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from netvalue.analysis.strength import decay_threshold_days
from netvalue.analysis.ties import TIERS, YEAR, TieFeatures
from netvalue.analysis.value import ACTIVE_WINDOW_DAYS, CAVEATS, DEFAULT_COEFFICIENT, SOURCE, network_value
from netvalue.codes import DAY
from netvalue.org.engine import Aggregated
from netvalue.org.hierarchy import (
    LINES,
    Formal,
    formal_structure,
    line_shares,
    person_formal_measures,
    tie_lines,
    title_table,
)
from netvalue.org.network import person_measures
from netvalue.org.ties import DEEP_DORMANT, DORMANT, STATES, STRONG, judge_pairs

SILO_SHARE = 0.9
ISOLATED_SHARE = 0.95
BROKER_QUANTILE = 0.1
ORG_CAVEATS: tuple[str, ...] = (
    *CAVEATS,
    "Per person: each tie counts for both people, so the organisation's sum counts every tie twice.",
    "Metadata only: who wrote to or met whom, and when; not what the work was worth.",
)

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(slots=True)
class OrgResult:
    """The output tables (by file stem) and the summary."""

    tables: dict[str, pa.Table]
    summary: dict[str, object]
    timings: dict[str, float] = field(default_factory=dict)


def _month(epoch: IntArray) -> list[str]:
    return [dt.datetime.fromtimestamp(int(t), dt.UTC).strftime("%Y-%m") for t in epoch]


def analyse(
    aggregated: Aggregated,
    as_of: int,
    *,
    people: pa.Table | None = None,
    monthly_by_department: bool = False,
    seed: int = 0,
    coefficient: float = DEFAULT_COEFFICIENT,
) -> OrgResult:
    """Every output of ``netvalue org analyse`` from the aggregated pairs."""
    pairs = aggregated.pairs
    features, judgment, state = judge_pairs(pairs, as_of)

    listed = [] if people is None else [str(p) for p in people.column("person").to_pylist()]
    names = np.array(sorted(set(aggregated.people) | set(listed)), dtype=object)
    n = len(names)
    a = np.searchsorted(names, np.asarray(pairs.column("a").to_pylist(), dtype=object)).astype(np.int64)
    b = np.searchsorted(names, np.asarray(pairs.column("b").to_pylist(), dtype=object)).astype(np.int64)
    department_names, department = _departments(people, names)
    formal = formal_structure(people, names)

    silence = features.days_since(features.last_two_way)
    recent = features.last_contact >= as_of - YEAR
    current = recent & ~np.isin(state, (DORMANT, DEEP_DORMANT))
    weight = np.where(current, judgment.strength, 0.0)
    measures = person_measures(a, b, weight, state == STRONG, department, n, seed=seed)

    # value per person: the personal rule over each person's own ties (science.md §5)
    active = np.nan_to_num(silence, nan=np.inf) <= ACTIVE_WINDOW_DAYS
    ends = np.concatenate([a, b])
    value = coefficient * np.bincount(
        ends, weights=np.tile(np.where(active, judgment.strength, 0.0), 2), minlength=n
    ).astype(np.float64)
    correspondents = np.bincount(ends, minlength=n)
    dormant = np.isin(state, (DORMANT, DEEP_DORMANT))
    dormant_value = coefficient * np.bincount(
        ends, weights=np.tile(np.where(dormant, judgment.history, 0.0), 2), minlength=n
    )
    whole = network_value(judgment.strength, silence, dormant, judgment.history, coefficient)

    brokers = _brokers(measures.constraint, measures.degree, measures.cross_department_share, department)
    state_names = np.array(STATES, dtype=object)
    tier_names = np.array(TIERS, dtype=object)
    dept_of = np.array([*department_names, None], dtype=object)[
        np.where(department >= 0, department, len(department_names))
    ]

    ties = pa.table(
        {
            "a": pairs.column("a"),
            "b": pairs.column("b"),
            "strength": judgment.strength,
            "history": judgment.history,
            "tier": tier_names[judgment.tier].tolist(),
            "state": state_names[state].tolist(),
            "current": current,
            "sent_a_to_b": features.sent,
            "sent_b_to_a": features.received,
            "meetings": features.meetings,
            "activity": features.activity_raw,
            "first_contact": features.first_contact,
            "last_contact": features.last_contact,
            "last_two_way": pairs.column("last_two_way"),
            "usual_gap_days": pairs.column("usual_gap_days"),
            "months_active": features.months_active,
            "cross_department": (department[a] >= 0)
            & (department[b] >= 0)
            & (department[a] != department[b]),
        }
    )
    persons = pa.table(
        {
            "person": names.tolist(),
            "department": dept_of.tolist(),
            "degree": measures.degree,
            "strong_ties": measures.strong_ties,
            "strength_sum": measures.strength_sum,
            "constraint": measures.constraint,
            "effective_size": measures.effective_size,
            "betweenness": measures.betweenness,
            "clustering": measures.clustering,
            "pagerank": measures.pagerank,
            "community": measures.community,
            "cross_department_share": measures.cross_department_share,
            "broker": brokers,
            "value": value,
            "naive_value": coefficient * correspondents,
            "dormant_value": dormant_value,
        }
    )
    departments = _department_table(
        department_names, department, a, b, weight, measures.community, brokers, value
    )
    line = tie_lines(a, b, formal.manager, department)
    persons, departments, titles, formal_summary = _formal_outputs(
        formal, names, persons, departments, line, (a, b, weight, state == STRONG), department
    )
    if formal.known:
        ties = ties.append_column("line", pa.array(np.array(LINES, dtype=object)[line].tolist(), pa.string()))
    communities = _community_table(measures.community, department_names, department, a, b, weight)
    monthly = _monthly(
        features.first_contact,
        features.last_two_way,
        features.usual_gap_days,
        features.two_way_ever,
        ties.column("cross_department").to_numpy(zero_copy_only=False),
        as_of,
    )
    tables = {
        "ties": ties,
        "people": persons,
        "departments": departments,
        "communities": communities,
        "monthly": monthly,
    }
    if titles is not None:
        tables["titles"] = titles
    if monthly_by_department:
        tables["monthly_departments"] = _monthly_departments(
            features, department, department_names, a, b, as_of
        )

    counts = np.bincount(state, minlength=len(STATES))
    summary: dict[str, object] = {
        "as_of": as_of,
        "events": aggregated.events,
        "first_event": aggregated.first_time,
        "last_event": aggregated.last_time,
        "people": n,
        "ties": int(pairs.num_rows),
        "current_ties": int(current.sum()),
        "states": {name: int(c) for name, c in zip(STATES, counts, strict=True)},
        "departments": len(department_names),
        "communities": int(measures.community.max() + 1) if n else 0,
        "cross_department_share": _share(
            weight, ties.column("cross_department").to_numpy(zero_copy_only=False)
        ),
        "silos": int(pc.sum(departments.column("silo")).as_py() or 0) if departments.num_rows else 0,
        "isolated_communities": int(pc.sum(communities.column("isolated")).as_py() or 0)
        if communities.num_rows
        else 0,
        "brokers": int(brokers.sum()),
        "value": {
            "coefficient": coefficient,
            "per_person_median": float(np.median(value)) if n else 0.0,
            "per_person_total": float(value.sum()),
            "naive_total": float(coefficient * correspondents.sum()),
            "active_ties": whole.active_ties,
            "formula": "per person: coefficient × Σ strength over their ties with two-way exchange in the last 12 months",
            "caveats": list(ORG_CAVEATS),
            "source": SOURCE,
        },
    }
    summary |= formal_summary
    if department_names and n:
        summary["communities_against_departments"] = _agreement(measures.community, department)
    return OrgResult(tables, summary)


def _formal_outputs(
    formal: Formal,
    names: NDArray[np.object_],
    persons: pa.Table,
    departments: pa.Table,
    line: IntArray,
    ties: tuple[IntArray, IntArray, FloatArray, NDArray[np.bool_]],
    department: IntArray,
) -> tuple[pa.Table, pa.Table, pa.Table | None, dict[str, object]]:
    """Manager and title beside the graph (:mod:`netvalue.org.hierarchy`): per-person columns, each
    department's shares of strength by formal line, a table per title and the summary's figures.
    Nothing is added when the people table names no manager (and no title)."""
    a, b, weight, strong = ties
    titled = any(t is not None for t in formal.title)
    if not formal.known and not titled:
        return persons, departments, None, {}
    measures = person_formal_measures(a, b, weight, strong, formal)
    manager = measures.pop("manager")
    summary: dict[str, object] = {}
    if formal.known:
        persons = persons.append_column(
            "manager", pa.array([str(names[m]) if m >= 0 else None for m in manager.tolist()], pa.string())
        )
        for name, column in measures.items():
            persons = persons.append_column(name, pa.array(column.tolist()))
        shares = line_shares(line, weight, department[a], department[b], departments.num_rows)
        for i, kind in enumerate(LINES):
            if departments.num_rows:
                departments = departments.append_column(f"share_{kind}", pa.array(shares[:, i]))
        whole = line_shares(line, weight, np.zeros(len(a), np.int64), np.zeros(len(b), np.int64), 1)[0]
        with_manager = formal.manager >= 0
        summary["formal_lines"] = {kind: _finite(whole[i]) for i, kind in enumerate(LINES)}
        summary["manager_ties"] = {
            "people_with_a_manager": int(with_manager.sum()),
            "current": _fraction(measures["manager_tie_current"], with_manager),
            "strong": _fraction(measures["manager_tie_strong"], with_manager),
            "among_top_ties": _fraction(measures["manager_in_top_ties"], with_manager),
        }
    persons = persons.append_column("title", pa.array(formal.title.tolist(), pa.string()))
    per_title = {
        "degree": persons.column("degree").to_numpy(),
        "constraint": persons.column("constraint").to_numpy(),
        "cross_department_share": persons.column("cross_department_share").to_numpy(),
        "broker": persons.column("broker").to_numpy(),
        "value": persons.column("value").to_numpy(),
    }
    if formal.known:
        per_title["reporting_line_share"] = measures["reporting_line_share"]
    titles = title_table(formal.title, per_title) if titled else None
    return persons, departments, titles, summary


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def _fraction(flags: NDArray[np.generic], among: NDArray[np.bool_]) -> float | None:
    chosen = flags[among]
    return float(np.mean(chosen.astype(bool))) if len(chosen) else None


def _departments(people: pa.Table | None, names: NDArray[np.object_]) -> tuple[list[str], IntArray]:
    code = np.full(len(names), -1, dtype=np.int64)
    if people is None or "department" not in people.column_names:
        return [], code
    listed = people.column("person").to_pylist()
    depts = people.column("department").to_pylist()
    department_names = sorted({str(d) for d in depts if d is not None and str(d) != ""})
    dept_index = {d: i for i, d in enumerate(department_names)}
    where = np.searchsorted(names, np.asarray([str(p) for p in listed], dtype=object))
    for i, d in zip(where.tolist(), depts, strict=True):
        if d is not None and str(d) != "":
            code[i] = dept_index[str(d)]
    return department_names, code


def _brokers(
    constraint: FloatArray, degree: IntArray, cross: FloatArray, department: IntArray
) -> NDArray[np.bool_]:
    eligible = (degree >= 2) & np.isfinite(constraint)
    if not eligible.any():
        return np.zeros(len(degree), dtype=np.bool_)
    cut = float(np.quantile(constraint[eligible], BROKER_QUANTILE))
    broker = eligible & (constraint <= cut)
    if (department >= 0).any():
        broker &= np.nan_to_num(cross, nan=0.0) > 0
    return broker


def _share(weight: FloatArray, mask: NDArray[np.bool_]) -> float | None:
    total = float(weight.sum())
    return float(weight[mask].sum()) / total if total > 0 else None


def _department_table(
    names: list[str],
    department: IntArray,
    a: IntArray,
    b: IntArray,
    weight: FloatArray,
    community: IntArray,
    brokers: NDArray[np.bool_],
    value: FloatArray,
) -> pa.Table:
    k = len(names)
    if k == 0:
        return pa.table({"department": pa.array([], pa.string())})
    da, db = department[a], department[b]
    live = weight > 0
    inside = live & (da >= 0) & (da == db)
    across = live & (da >= 0) & (db >= 0) & (da != db)
    inside_w = np.bincount(da[inside], weights=weight[inside], minlength=k)
    across_w = np.bincount(
        np.concatenate([da[across], db[across]]), weights=np.tile(weight[across], 2), minlength=k
    )
    reached = np.zeros(k, dtype=np.int64)
    if across.any():
        codes = np.unique(np.concatenate([da[across] * k + db[across], db[across] * k + da[across]]))
        reached = np.bincount(codes // k, minlength=k).astype(np.int64)
    has = department >= 0
    members = np.bincount(department[has], minlength=k)
    total = inside_w + across_w
    with np.errstate(invalid="ignore", divide="ignore"):
        internal_share = np.where(total > 0, inside_w / total, np.nan)
    communities = np.zeros(k, dtype=np.int64)
    if has.any():
        communities = np.bincount(
            np.unique(department[has] * (community.max() + 1) + community[has]) // (community.max() + 1),
            minlength=k,
        )
    return pa.table(
        {
            "department": names,
            "people": members,
            "strength_inside": inside_w,
            "strength_across": across_w,
            "internal_share": internal_share,
            "silo": np.nan_to_num(internal_share, nan=0.0) >= SILO_SHARE,
            "departments_reached": reached,
            "communities": communities,
            "brokers": np.bincount(department[has & brokers], minlength=k),
            "value": np.bincount(department[has], weights=value[has], minlength=k),
        }
    )


def _community_table(
    community: IntArray,
    department_names: list[str],
    department: IntArray,
    a: IntArray,
    b: IntArray,
    weight: FloatArray,
) -> pa.Table:
    k = int(community.max()) + 1 if len(community) else 0
    ca, cb = community[a], community[b]
    live = weight > 0
    inside = live & (ca == cb)
    inside_w = np.bincount(ca[inside], weights=weight[inside], minlength=k)
    out = live & (ca != cb)
    out_w = np.bincount(np.concatenate([ca[out], cb[out]]), weights=np.tile(weight[out], 2), minlength=k)
    size = np.bincount(community, minlength=k)
    total = inside_w + out_w
    with np.errstate(invalid="ignore", divide="ignore"):
        internal_share = np.where(total > 0, inside_w / total, np.nan)
    top: list[str | None] = [None] * k
    top_share = np.full(k, np.nan)
    has = department >= 0
    if department_names and has.any():
        d = len(department_names)
        counts = np.bincount(community[has] * d + department[has], minlength=k * d).reshape(k, d)
        best = counts.argmax(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            top_share = np.where(size > 0, counts[np.arange(k), best] / size, np.nan)
        top = [department_names[j] if counts[i, j] > 0 else None for i, j in enumerate(best.tolist())]
    return pa.table(
        {
            "community": np.arange(k, dtype=np.int64),
            "people": size,
            "strength_inside": inside_w,
            "strength_outside": out_w,
            "internal_share": internal_share,
            "isolated": (size >= 2) & (np.nan_to_num(internal_share, nan=0.0) >= ISOLATED_SHARE),
            "top_department": pa.array(top, pa.string()),
            "top_department_share": top_share,
        }
    )


def _lost_at(last_two_way: IntArray, gap: FloatArray, as_of: int) -> IntArray:
    """When each tie passed its decay threshold (−1 when it has not, or never was two-way)."""
    lost = last_two_way + (decay_threshold_days(gap) * DAY).astype(np.int64)
    return np.where((last_two_way >= 0) & (lost <= as_of), lost, -1)


def _monthly(
    first: IntArray,
    last_two_way: IntArray,
    gap: FloatArray,
    two_way: NDArray[np.bool_],
    across: NDArray[np.bool_],
    as_of: int,
) -> pa.Table:
    lost = _lost_at(last_two_way, gap, as_of)
    formed_m = np.array(_month(first[two_way]), dtype=object)
    lost_m = np.array(_month(lost[lost >= 0]), dtype=object)
    months = sorted(set(formed_m.tolist()) | set(lost_m.tolist()))

    def per_month(values: NDArray[np.object_]) -> list[int]:
        found, counts = np.unique(values, return_counts=True) if len(values) else (np.array([]), np.array([]))
        table = dict(zip(found.tolist(), counts.tolist(), strict=True))
        return [int(table.get(m, 0)) for m in months]

    return pa.table(
        {
            "month": pa.array(months, pa.string()),
            "formed": pa.array(per_month(formed_m), pa.int64()),
            "lost": pa.array(per_month(lost_m), pa.int64()),
            "formed_across_departments": pa.array(
                per_month(np.array(_month(first[two_way & across]), dtype=object)), pa.int64()
            ),
            "lost_across_departments": pa.array(
                per_month(np.array(_month(lost[(lost >= 0) & across]), dtype=object)), pa.int64()
            ),
        }
    )


def _monthly_departments(
    features: TieFeatures, department: IntArray, names: list[str], a: IntArray, b: IntArray, as_of: int
) -> pa.Table:
    lost = _lost_at(features.last_two_way, features.usual_gap_days, as_of)
    rows: dict[tuple[str, str], list[int]] = {}
    for end in (a, b):
        dept = department[end]
        for when, which in ((features.first_contact, 0), (lost, 1)):
            ok = (dept >= 0) & features.two_way_ever & (when >= 0)
            for d, m in zip(dept[ok].tolist(), _month(when[ok]), strict=True):
                rows.setdefault((names[d], m), [0, 0])[which] += 1
    keys = sorted(rows)
    return pa.table(
        {
            "department": pa.array([k[0] for k in keys], pa.string()),
            "month": pa.array([k[1] for k in keys], pa.string()),
            "formed": pa.array([rows[k][0] for k in keys], pa.int64()),
            "lost": pa.array([rows[k][1] for k in keys], pa.int64()),
        }
    )


def _agreement(community: IntArray, department: IntArray) -> dict[str, float | int]:
    """NMI and ARI of the communities against the departments (people with a department)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    has = department >= 0
    return {
        "people": int(has.sum()),
        "nmi": float(normalized_mutual_info_score(department[has], community[has])),
        "ari": float(adjusted_rand_score(department[has], community[has])),
    }
