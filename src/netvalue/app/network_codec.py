"""The network's persisted result as named columns and back (``netvalue.app.persisted`` stores it):
the contact graph (CSR arrays), its communities and the people's attributes (a text column), which
depend on the data, the as-of date and the seed, never on tie strength or ratings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netvalue.analysis.cooccurrence import CooccurrenceGraph
from netvalue.app.persisted import Columns, text_column, texts_of
from netvalue.store.structure import PersonAttributes


@dataclass(frozen=True, slots=True)
class NetworkShape:
    """The contact graph, its communities (``labels[i]`` for ``graph.people[i]``) and who the people are."""

    graph: CooccurrenceGraph
    labels: npt.NDArray[np.int64]
    attributes: dict[int, PersonAttributes]


def encode_network(shape: NetworkShape) -> Columns:
    weights = sp.csr_array(shape.graph.weights)
    pids = sorted(shape.attributes)
    return {
        "graph.people": shape.graph.people,
        "graph.data": weights.data,
        "graph.indices": weights.indices,
        "graph.indptr": weights.indptr,
        "graph.shape": np.array(weights.shape, dtype=np.int64),
        "labels": shape.labels,
        "attributes.person": np.array(pids, dtype=np.int64),
        "attributes.values": text_column([_attribute_row(shape.attributes[p]) for p in pids]),
    }


def _attribute_row(a: PersonAttributes) -> list[object]:
    return [
        a.name,
        a.company,
        a.location,
        a.headline,
        a.domain,
        sorted(a.topics),
        a.connected_on,
        a.is_connection,
    ]


def decode_network(columns: Columns) -> NetworkShape:
    shape = tuple(int(n) for n in columns["graph.shape"].tolist())
    weights = sp.csr_array(
        (columns["graph.data"], columns["graph.indices"], columns["graph.indptr"]), shape=shape
    )
    attributes: dict[int, PersonAttributes] = {}
    for pid, row in zip(
        columns["attributes.person"].tolist(), texts_of(columns["attributes.values"]), strict=True
    ):
        name, company, location, headline, domain, topics, connected_on, is_connection = row
        attributes[pid] = PersonAttributes(
            name=name,
            company=company,
            location=location,
            headline=headline,
            domain=domain,
            topics=frozenset(topics),
            connected_on=connected_on,
            is_connection=bool(is_connection),
        )
    return NetworkShape(CooccurrenceGraph(columns["graph.people"], weights), columns["labels"], attributes)
