"""The judgment of every tie, loaded once for the CLI, the web and the other areas.

``load_ties(db, as_of)`` fetches the interactions before ``as_of``, computes the features and the
judgment (:mod:`netvalue.analysis.ties`), scores with the user's calibrated model when there is one
(``netvalue model``), and lets the user's ratings override the score: a rating r sets the strength
to (r − 1)/4 with the reason "rated r/5 by you".  Ratings are the user's present judgment and apply
at every ``as_of``.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from netvalue.analysis.calibration import Agreement, calibrate, cross_validate
from netvalue.analysis.strength import DEFAULT_MODEL, StrengthModel, design_matrix
from netvalue.analysis.ties import (
    ONE_WAY_STRENGTH_CAP,
    TIERS,
    TieFeatures,
    TieJudgment,
    Tier,
    judge_ties,
    reason_order,
    tie_features,
    tie_reasons,
)
from netvalue.analysis.value import DEFAULT_COEFFICIENT, NetworkValue, network_value
from netvalue.app.persisted import fresh_or_compute
from netvalue.app.tie_codec import (
    TieInputs,
    TieVerdicts,
    decode_inputs,
    decode_verdicts,
    encode_inputs,
    encode_verdicts,
)
from netvalue.errors import UsageError
from netvalue.store import Database
from netvalue.store.analysis_store import data_version
from netvalue.store.status import newest_evidence
from netvalue.store.ties import (
    COEFFICIENT_SETTING,
    MODEL_SETTING,
    PeopleTable,
    fetch_identities,
    fetch_interactions,
    fetch_people,
    fetch_ratings,
    read_json_setting,
    read_setting,
    write_setting,
)

STALE_AFTER_DAYS = 90
"""Evidence older than this at the as-of date is worth a warning (issue 15) [ours]."""
CALIBRATION_MIN_RATINGS = 20  # issue 4: "once there are enough ratings (say 20)"


@dataclass(frozen=True, slots=True)
class TieScore:
    """One person's tie, as every command and page shows it.  Times are epoch seconds (None: never)."""

    person_id: int
    name: str
    identities: tuple[str, ...]
    tier: Tier
    strength: float
    activity: float
    history: float
    lapsing: bool
    dormant: bool
    deep_dormant: bool
    reasons: tuple[str, ...]
    first_contact: int | None
    last_contact: int | None
    last_two_way: int | None
    sent: int
    received: int
    meetings: int
    usual_gap_days: float | None
    rating: int | None
    company: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.person_id,
            "name": self.name,
            "identities": list(self.identities),
            "company": self.company,
            "tier": self.tier,
            "strength": round(self.strength, 4),
            "activity": round(self.activity, 4),
            "history": round(self.history, 4),
            "lapsing": self.lapsing,
            "dormant": self.dormant,
            "deep_dormant": self.deep_dormant,
            "reasons": list(self.reasons),
            "first_contact": self.first_contact,
            "last_contact": self.last_contact,
            "last_two_way": self.last_two_way,
            "sent": self.sent,
            "received": self.received,
            "meetings": self.meetings,
            "usual_gap_days": self.usual_gap_days,
            "rating": self.rating,
        }


@dataclass(frozen=True)
class TieTable:
    """Every tie as of ``as_of``.  ``features``/``judgment`` are the arrays behind it (rows of ``people``;
    ``present`` marks the people who existed at ``as_of``).

    A :class:`TieScore` is built only when asked for (issue 16: 30,000 of them cost half a second, and
    ``ties --limit 20`` prints 20): :attr:`ranked` and :attr:`by_person` build every present one once;
    :meth:`ranked_rows` and :meth:`score` serve the commands that print a few."""

    as_of: int
    model: StrengthModel
    ratings: dict[int, int]
    people: PeopleTable
    features: TieFeatures
    judgment: TieJudgment
    present: np.ndarray = field(repr=False)
    identities: dict[int, tuple[str, ...]] = field(repr=False)
    reasons: list[tuple[str, ...]] = field(repr=False)
    """The reasons of each present row, in row order, before any rating."""

    @functools.cached_property
    def present_rows(self) -> list[int]:
        """The rows of the people present at ``as_of``, in row order."""
        return [int(i) for i in np.flatnonzero(self.present).tolist()]

    @functools.cached_property
    def strengths(self) -> list[float]:
        """Every row's strength, a rating r setting it to (r − 1)/4."""
        found: list[float] = self.judgment.strength.tolist()
        for pid, rating in self.ratings.items():
            row = self.people.index.get(pid)
            if row is not None:
                found[row] = (rating - 1) / 4.0
        return found

    @functools.cached_property
    def tier_counts(self) -> dict[Tier, int]:
        counts = np.bincount(self.judgment.tier[self.present], minlength=len(TIERS)).tolist()
        return {tier: int(counts[k]) for k, tier in enumerate(TIERS)}

    @functools.cached_property
    def _order(self) -> list[int]:
        """Present rows strongest first (then history, name, id)."""
        strength, history = self.strengths, self.judgment.history.tolist()
        names, ids = self.people.names, self.people.ids.tolist()
        return sorted(
            self.present_rows, key=lambda i: (-strength[i], -history[i], names[i].casefold(), ids[i])
        )

    def ranked_rows(self, wanted: np.ndarray | None = None) -> list[int]:
        """The present rows strongest first; ``wanted`` (a boolean per row) keeps only those it marks."""
        if wanted is None:
            return list(self._order)
        keep = wanted.tolist()
        return [i for i in self._order if keep[i]]

    @functools.cached_property
    def columns(self) -> dict[str, list[Any]]:
        """The columns a :class:`TieScore` shows, as plain Python lists (indexing NumPy scalars field by
        field costs more than the analysis)."""
        j, f = self.judgment, self.features
        found: dict[str, np.ndarray] = {
            "ids": self.people.ids,
            "tier": j.tier,
            "activity": j.activity,
            "history": j.history,
        }
        found |= {"lapsing": j.lapsing, "dormant": j.dormant, "deep_dormant": j.deep_dormant}
        found |= {"first_contact": f.first_contact, "last_contact": f.last_contact}
        found |= {"last_two_way": f.last_two_way, "sent": f.sent, "received": f.received}
        found |= {"meetings": f.meetings, "usual_gap_days": f.usual_gap_days}
        return {name: column.tolist() for name, column in found.items()}

    @functools.cached_property
    def reason_at(self) -> dict[int, tuple[str, ...]]:
        return dict(zip(self.present_rows, self.reasons, strict=True))

    @functools.cached_property
    def _built(self) -> dict[int, TieScore]:
        return {}

    def score(self, row: int) -> TieScore:
        """The :class:`TieScore` of a present row (built once)."""
        built = self._built.get(row)
        if built is None:
            built = self._built[row] = _tie_score(self, row)
        return built

    @functools.cached_property
    def ranked(self) -> list[TieScore]:
        """Every present tie, strongest first."""
        return [self.score(i) for i in self._order]

    @functools.cached_property
    def by_person(self) -> dict[int, TieScore]:
        """Every present tie by person id, in row order."""
        return {int(self.people.ids[i]): self.score(i) for i in self.present_rows}


def _time(value: int) -> int | None:
    return int(value) if value >= 0 else None


def current_model(db: Database, ratings: dict[int, int] | None = None) -> StrengthModel:
    """The calibrated model saved by ``netvalue model`` while there are ≥ 20 ratings, else the default."""
    count = len(ratings if ratings is not None else fetch_ratings(db))
    saved = read_json_setting(db, MODEL_SETTING)
    if saved is None or count < CALIBRATION_MIN_RATINGS:
        return DEFAULT_MODEL
    return StrengthModel.from_dict(saved)


def present_at(people: PeopleTable, as_of: int) -> np.ndarray:
    """Who was in the network at ``as_of``: everyone whose earliest dated trace (connection or
    interaction) is before it, and everyone with no dated trace at all (an address-book entry)."""
    big = np.iinfo(np.int64).max
    connected = np.where(people.connected_on >= 0, people.connected_on, big)
    seen = np.where(people.first_seen >= 0, people.first_seen, big)
    earliest = np.minimum(connected, seen)
    return np.asarray((earliest == big) | (earliest < as_of), dtype=np.bool_)


def load_ties(db: Database, as_of: int) -> TieTable:
    """Judge every tie from the interactions before ``as_of`` (epoch seconds).

    Persisted (:mod:`netvalue.app.persisted`): the features are computed once per data version and
    as-of, the scores once per model besides, so a rating that recalibrates the model judges the stored
    features again; a rating that does not only overrides its person's strength here."""
    ratings = fetch_ratings(db)
    model = current_model(db, ratings)
    version = data_version(db)  # one for both: scores judged from features of another version never meet
    inputs = stored_inputs(db, as_of, version)
    present = present_at(inputs.people, as_of)
    verdicts = fresh_or_compute(
        db,
        "tie-scores",
        {"as_of": as_of, "model": model.as_dict()},
        lambda: judge(inputs.features, model, present),
        encode_verdicts,
        decode_verdicts,
        version=version,
    )
    return assemble_ties(as_of, inputs, verdicts, present, ratings, model)


def compute_ties(db: Database, as_of: int) -> TieTable:
    """:func:`load_ties` computed afresh, nothing read from or written to the persisted analysis."""
    ratings = fetch_ratings(db)
    model = current_model(db, ratings)
    inputs = tie_inputs(db, as_of)
    present = present_at(inputs.people, as_of)
    return assemble_ties(as_of, inputs, judge(inputs.features, model, present), present, ratings, model)


def stored_inputs(db: Database, as_of: int, version: int | None = None) -> TieInputs:
    """:func:`tie_inputs`, persisted per data version (``version``: read by the caller) and as-of."""
    return fresh_or_compute(
        db,
        "tie-features",
        {"as_of": as_of},
        lambda: tie_inputs(db, as_of),
        encode_inputs,
        decode_inputs,
        version=version,
    )


def tie_inputs(db: Database, as_of: int) -> TieInputs:
    """Everyone, their features from the interactions before ``as_of``, and their identities."""
    people = fetch_people(db)
    features = tie_features(
        fetch_interactions(db, people, as_of),
        len(people.ids),
        as_of,
        connected_on=people.connected_on,
        same_company=people.same_company,
    )
    return TieInputs(people, features, fetch_identities(db))


def judge(features: TieFeatures, model: StrengthModel, present: np.ndarray) -> TieVerdicts:
    """The judgment under ``model`` and the reasons of every present person (before any rating)."""
    judgment = judge_ties(features, model)
    order = reason_order(judgment)
    reasons = [tie_reasons(features, judgment, i, order=order) for i in np.flatnonzero(present).tolist()]
    return TieVerdicts(judgment, reasons)


def assemble_ties(
    as_of: int,
    inputs: TieInputs,
    verdicts: TieVerdicts,
    present: np.ndarray,
    ratings: dict[int, int],
    model: StrengthModel,
) -> TieTable:
    """The :class:`TieTable` of the features and verdicts, with the user's ratings over the scores."""
    return TieTable(
        as_of=as_of,
        model=model,
        ratings=ratings,
        people=inputs.people,
        features=inputs.features,
        judgment=verdicts.judgment,
        present=present,
        identities=inputs.identities,
        reasons=verdicts.reasons,
    )


def tie_filter(table: TieTable, tier: str | None, dormant: bool) -> np.ndarray | None:
    """The rows of ``tier`` (any case) and, with ``dormant``, of dormant ties only; None: every row."""
    if tier is None and not dormant:
        return None
    wanted = np.ones(len(table.present), dtype=np.bool_)
    if tier is not None:
        wanted &= table.judgment.tier == TIERS.index(tier.lower())
    if dormant:
        wanted &= table.judgment.dormant
    return wanted


def _tie_score(table: TieTable, i: int) -> TieScore:
    """The :class:`TieScore` of row ``i``; a rating r sets the strength to (r − 1)/4."""
    c = table.columns
    pid = c["ids"][i]
    rating = table.ratings.get(pid)
    reasons = table.reason_at[i]
    if rating is not None:
        reasons = (f"rated {rating}/5 by you", *reasons)
    gap = c["usual_gap_days"][i]
    return TieScore(
        person_id=pid,
        name=table.people.names[i],
        identities=table.identities.get(pid, ()),
        tier=TIERS[c["tier"][i]],
        strength=table.strengths[i],
        activity=c["activity"][i],
        history=c["history"][i],
        lapsing=c["lapsing"][i],
        dormant=c["dormant"][i],
        deep_dormant=c["deep_dormant"][i],
        reasons=reasons,
        first_contact=_time(c["first_contact"][i]),
        last_contact=_time(c["last_contact"][i]),
        last_two_way=_time(c["last_two_way"][i]),
        sent=c["sent"][i],
        received=c["received"][i],
        meetings=c["meetings"][i],
        usual_gap_days=None if gap != gap else gap,
        rating=rating,
        company=table.people.companies[i],
    )


@dataclass(frozen=True, slots=True)
class EvidenceAge:
    """How old the newest evidence is at ``as_of``: when it is more than 90 days old, every figure
    "in the last 12 months" counts from a date the record never reached, and the reports say so once,
    suggesting ``--as-of`` the newest evidence's day."""

    as_of: int
    newest: int | None

    @property
    def stale(self) -> bool:
        return self.newest is not None and self.as_of - self.newest > STALE_AFTER_DAYS * 86_400

    def as_dict(self) -> dict[str, object]:
        return {"newest": self.newest, "stale": self.stale}


def evidence_age(db: Database, as_of: int) -> EvidenceAge:
    return EvidenceAge(as_of, newest_evidence(db, as_of))


def value_coefficient(db: Database) -> float:
    """The dollars per active contact per year: the user's setting, else $948 (Wu et al. 2009)."""
    raw = read_setting(db, COEFFICIENT_SETTING)
    try:
        return float(raw) if raw is not None else DEFAULT_COEFFICIENT
    except ValueError:
        return DEFAULT_COEFFICIENT


def save_value_coefficient(db: Database, coefficient: float) -> None:
    if not (math.isfinite(coefficient) and coefficient > 0):
        raise UsageError(
            f"the coefficient is dollars per contact per year, a positive number, not {coefficient}"
        )
    write_setting(db, COEFFICIENT_SETTING, repr(float(coefficient)))


def table_value(table: TieTable, coefficient: float) -> NetworkValue:
    """The network's value from a loaded :class:`TieTable` (strengths include the user's ratings)."""
    rows = np.flatnonzero(table.present)
    strength = np.array(table.strengths, dtype=np.float64)[rows]
    days = table.features.days_since(table.features.last_two_way)[rows]
    return network_value(
        strength,
        days,
        table.judgment.dormant[rows],
        table.judgment.history[rows],
        coefficient,
    )


def value_report(db: Database, as_of: int, table: TieTable | None = None) -> ValueReport:
    """``netvalue value``: the figure, the model, the contrast and the caveats."""
    ties = table if table is not None else load_ties(db, as_of)
    return ValueReport(as_of=as_of, value=table_value(ties, value_coefficient(db)))


def _rated_design(db: Database, as_of: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """``(x, ratings, two_way)`` of the rated people, or None with fewer than 20 ratings."""
    ratings = fetch_ratings(db)
    people = stored_inputs(db, as_of).people
    rated = [(people.index[pid], r) for pid, r in sorted(ratings.items()) if pid in people.index]
    if len(rated) < CALIBRATION_MIN_RATINGS:
        return None
    features = stored_inputs(db, as_of).features
    rows = np.array([i for i, _ in rated], dtype=np.int64)
    values = np.array([r for _, r in rated], dtype=np.int64)
    return design_matrix(features)[rows], values, features.two_way_ever[rows]


def recalibrate(db: Database, as_of: int) -> StrengthModel | None:
    """With ≥ 20 ratings: fit the weights to them and save the model (``ties.model``); else None.
    ``netvalue rate`` calls this after every rating, so scores follow the user's judgment."""
    design = _rated_design(db, as_of)
    if design is None:
        return None
    model = calibrate(design[0], design[1])
    write_setting(db, MODEL_SETTING, json.dumps(model.as_dict()))
    return model


def model_report(db: Database, as_of: int, *, save: bool = True) -> ModelReport:
    """Calibrate the weights on the user's ratings (≥ 20) and persist them; report cross-validated
    agreement (Spearman, MAE; 5-fold) of the default and the calibrated model with the ratings."""
    design = _rated_design(db, as_of)
    ratings = len(fetch_ratings(db))
    if design is None:
        return ModelReport(
            ratings=ratings, needed=CALIBRATION_MIN_RATINGS, calibrated_model=None, agreement=None
        )
    x, values, two_way = design
    agreement = cross_validate(x, values, DEFAULT_MODEL, two_way=two_way, cap=ONE_WAY_STRENGTH_CAP)
    model = calibrate(x, values)
    if save:
        write_setting(db, MODEL_SETTING, json.dumps(model.as_dict()))
    return ModelReport(
        ratings=ratings, needed=CALIBRATION_MIN_RATINGS, calibrated_model=model, agreement=agreement
    )


ACTIVE_CAPACITY = 150  # Dunbar (2020); warn above it (Miritello et al. 2013) [ours], science.md §3


# -- the typed results of ``value`` and ``model`` ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueReport:
    """``netvalue value``: the network's indicative yearly value as of ``as_of``."""

    as_of: int
    value: NetworkValue

    def to_json(self) -> dict[str, object]:
        return {**self.value.as_dict(), "as_of": self.as_of}


@dataclass(frozen=True, slots=True)
class ModelReport:
    """``netvalue model``: how many ratings there are and how many calibration needs; with enough, the
    model calibrated on them (saved, in use from now on) and both models' cross-validated agreement."""

    ratings: int
    needed: int
    calibrated_model: StrengthModel | None
    agreement: Agreement | None
    default_model: StrengthModel = DEFAULT_MODEL

    @property
    def in_use(self) -> Literal["default", "calibrated"]:
        return "default" if self.calibrated_model is None else "calibrated"

    def to_json(self) -> dict[str, object]:
        return {
            "ratings": self.ratings,
            "needed": self.needed,
            "default_model": self.default_model.as_dict(),
            "calibrated_model": None if self.calibrated_model is None else self.calibrated_model.as_dict(),
            "agreement": None if self.agreement is None else self.agreement.as_dict(),
            "in_use": self.in_use,
        }


@dataclass(frozen=True, slots=True)
class TieList:
    """``netvalue ties``: the ranked ties asked for (a tier, the dormant ones, the first few), beside how
    many people every tier holds in the whole table."""

    as_of: int
    ties: tuple[TieScore, ...]
    tier_counts: dict[Tier, int]

    def to_json(self) -> list[dict[str, object]]:
        return [s.as_dict() for s in self.ties]


def list_ties(
    db: Database, as_of: int, *, tier: Tier | None = None, dormant: bool = False, limit: int | None = None
) -> TieList:
    """The ties as of ``as_of``, strongest first: only ``tier`` (every tier: None), only the dormant ones
    if ``dormant``, at most ``limit`` (every one: None)."""
    table = load_ties(db, as_of)
    order = table.ranked_rows(tie_filter(table, tier, dormant))
    chosen = tuple(table.score(i) for i in (order if limit is None else order[:limit]))  # only those shown
    return TieList(as_of=as_of, ties=chosen, tier_counts=table.tier_counts)
