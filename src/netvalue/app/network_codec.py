"""The network's persisted result as named columns and back (``netvalue.app.persisted`` stores it):
the contact graph (CSR arrays), its communities and the people's attributes (a text column), which
depend on the data, the as-of date and the seed, never on tie strength or ratings."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

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
    attributes: Mapping[int, PersonAttributes]


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


PersonLabels = tuple[str | None, str | None, str | None, Collection[str]]
"""(company, domain, location, topics): what clusters are labelled by."""


class StoredAttributes(Mapping[int, PersonAttributes]):
    """The people's attributes as stored rows (see :func:`_attribute_row`), each made a
    :class:`PersonAttributes` when first read: 30,000 of them cost more than the rest of the read, and
    most commands name a few people (issue 16).  :meth:`labels_of` reads the rows as they are."""

    def __init__(self, rows: dict[int, list[Any]]) -> None:
        self._rows = rows
        self._made: dict[int, PersonAttributes] = {}

    def __getitem__(self, pid: int) -> PersonAttributes:
        made = self._made.get(pid)
        if made is None:
            name, company, location, headline, domain, topics, connected_on, is_connection = self._rows[pid]
            made = self._made[pid] = PersonAttributes(
                name=name,
                company=company,
                location=location,
                headline=headline,
                domain=domain,
                topics=frozenset(topics),
                connected_on=connected_on,
                is_connection=bool(is_connection),
            )
        return made

    def __contains__(self, pid: object) -> bool:
        return pid in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def labels_of(self, pid: int) -> PersonLabels | None:
        """(company, domain, location, topics) of ``pid`` without making its :class:`PersonAttributes`."""
        row = self._rows.get(pid)
        return None if row is None else (row[1], row[4], row[2], row[5])


def decode_network(columns: Columns) -> NetworkShape:
    shape = tuple(int(n) for n in columns["graph.shape"].tolist())
    weights = sp.csr_array(
        (columns["graph.data"], columns["graph.indices"], columns["graph.indptr"]), shape=shape
    )
    rows = dict(
        zip(columns["attributes.person"].tolist(), texts_of(columns["attributes.values"]), strict=True)
    )
    return NetworkShape(
        CooccurrenceGraph(columns["graph.people"], weights), columns["labels"], StoredAttributes(rows)
    )
