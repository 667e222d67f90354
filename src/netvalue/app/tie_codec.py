"""The tie analysis's persisted results as named columns and back (``netvalue.app.persisted``).

Two results: the tie features (who, their features and identities: data and as-of) and the tie scores
(the judgment and each present person's reasons before any rating: plus the model).  Array fields of
the analysis dataclasses are stored as they are; names, companies, identities and reasons as text
columns (``netvalue.app.network_codec`` does the same for the network).  Decoding gives objects equal
to the ones encoded (tests/test_persisted_analysis.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from netvalue.analysis.record import RecordClock
from netvalue.analysis.ties import TieFeatures, TieJudgment
from netvalue.app.persisted import Columns, text_column, texts_of
from netvalue.store.ties import PeopleTable


@dataclass(frozen=True, slots=True)
class TieInputs:
    """Everyone the analysis judges, their features as of ``features.as_of`` and their identities."""

    people: PeopleTable
    features: TieFeatures
    identities: dict[int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class TieVerdicts:
    """The judgment of every tie under one model, and the reasons of each present person (array rows of
    ``present``, in order) before any rating."""

    judgment: TieJudgment
    reasons: list[tuple[str, ...]]


def arrays(obj: Any, prefix: str, skip: tuple[str, ...] = ()) -> Columns:
    return {f"{prefix}{f.name}": np.asarray(getattr(obj, f.name)) for f in fields(obj) if f.name not in skip}


def fields_of(cls: Any, columns: Columns, prefix: str, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: columns[f"{prefix}{f.name}"] for f in fields(cls) if f.name not in skip}


_PEOPLE_TEXT = ("names", "companies", "index")
_FEATURE_OTHER = ("as_of", "two_way_moments", "clock")


def encode_inputs(inputs: TieInputs) -> Columns:
    people, features = inputs.people, inputs.features
    pids = sorted(inputs.identities)
    return {
        **arrays(people, "people.", _PEOPLE_TEXT),
        "people.names": text_column(people.names),
        "people.companies": text_column(people.companies),
        **arrays(features, "features.", _FEATURE_OTHER),
        "features.as_of": np.array(features.as_of, dtype=np.int64),
        "features.moment_person": features.two_way_moments[0],
        "features.moment_time": features.two_way_moments[1],
        **arrays(features.clock, "clock."),
        "identities.person": np.array(pids, dtype=np.int64),
        "identities.values": text_column([list(inputs.identities[p]) for p in pids]),
    }


def decode_inputs(columns: Columns) -> TieInputs:
    ids = columns["people.ids"]
    people = PeopleTable(
        **fields_of(PeopleTable, columns, "people.", _PEOPLE_TEXT),
        names=tuple(texts_of(columns["people.names"])),
        companies=tuple(texts_of(columns["people.companies"])),
        index={pid: i for i, pid in enumerate(ids.tolist())},
    )
    features = TieFeatures(
        **fields_of(TieFeatures, columns, "features.", _FEATURE_OTHER),
        as_of=int(columns["features.as_of"]),
        two_way_moments=(columns["features.moment_person"], columns["features.moment_time"]),
        clock=RecordClock(**fields_of(RecordClock, columns, "clock.")),
    )
    values = texts_of(columns["identities.values"])  # lists of strings, as JSON gives them
    identities = dict(zip(columns["identities.person"].tolist(), map(tuple, values), strict=True))
    return TieInputs(people, features, identities)


def encode_verdicts(verdicts: TieVerdicts) -> Columns:
    return {
        **arrays(verdicts.judgment, "judgment."),
        "reasons": text_column([list(r) for r in verdicts.reasons]),
    }


def decode_verdicts(columns: Columns) -> TieVerdicts:
    reasons = list(map(tuple, texts_of(columns["reasons"])))  # lists of strings, as JSON gives them
    return TieVerdicts(TieJudgment(**fields_of(TieJudgment, columns, "judgment.")), reasons)
