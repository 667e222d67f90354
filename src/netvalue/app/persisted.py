"""The analysis, computed once per change: a stored result while its data and parameters hold, else fresh.

Every command used to judge the whole network again (30,000 connections: seconds per command, issue 16).
Now :func:`fresh_or_compute` keeps each result in the database (``netvalue.store.analysis_store``) with the
evidence's data version and the parameters it was computed from, and computes it again only when one of
them changed.  The results are split where the issue asks for incremental work: the tie features (data,
as-of) apart from the scores (plus the model), so a rating that recalibrates the model judges the stored
features again without reading an interaction; the network's graph and communities (data, as-of, seed)
apart from everything that depends on tie strength, so a rating never reruns community detection.

Results are kept as named NumPy columns in NumPy's ``.npz`` format (``allow_pickle=False``: a database
file never runs code when read); text columns are one JSON document stored as bytes.

As-of: a command without ``--as-of`` judges the network as of the end of the current UTC day
(:func:`day_as_of`), the same moment as ``--as-of`` today, so that every run of a day reuses the stored
analysis; within a day an interaction is counted as soon as it is imported (the data version changes).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from netvalue import __version__
from netvalue.store import Database
from netvalue.store.analysis_store import data_version, latest_result_unforgotten, load_result, save_result

log = logging.getLogger("netvalue.analysis")
T = TypeVar("T")
Columns = dict[str, npt.NDArray[Any]]

DAY = 86_400


def day_as_of(now: float) -> int:
    """The end of the UTC day that holds ``now`` (epoch seconds): ``--as-of`` today, the default as-of."""
    return (int(now) // DAY + 1) * DAY


def pack(columns: Columns) -> bytes:
    """``columns`` as one ``.npz`` document (uncompressed: read back in milliseconds)."""
    buffer = io.BytesIO()
    np.savez(buffer, **columns)  # type: ignore[arg-type]
    return buffer.getvalue()


def unpack(payload: bytes) -> Columns:
    """The columns of a :func:`pack` document; raises ValueError if it is not one."""
    with np.load(io.BytesIO(payload), allow_pickle=False) as found:
        return {name: found[name] for name in found.files}


def text_column(values: Sequence[object]) -> npt.NDArray[np.uint8]:
    """JSON-able values (strings, lists, None) as one column of bytes."""
    return np.frombuffer(json.dumps(list(values), ensure_ascii=False).encode(), dtype=np.uint8)


def texts_of(column: npt.NDArray[Any]) -> list[Any]:
    """The values of a :func:`text_column`."""
    found = json.loads(column.tobytes().decode())
    if not isinstance(found, list):
        raise ValueError("not a text column")
    return found


def fresh_or_compute(
    db: Database,
    kind: str,
    parameters: dict[str, object],
    compute: Callable[[], T],
    encode: Callable[[T], Columns],
    decode: Callable[[Columns], T],
    *,
    version: int | None = None,
) -> T:
    """The stored ``kind`` result for ``parameters`` at the data version; else ``compute()``, stored for
    the next run.  ``version``: the data version read once for results that go together (the tie
    features and the scores judged from them), else read here.  It is read before computing, so a
    write that lands meanwhile leaves this result unstored.  A stored result that cannot be read
    (written by another netvalue) is computed again, and so is one another version of netvalue stored."""
    parameters = {**parameters, "netvalue": __version__}  # an upgrade may judge differently: recompute
    at = data_version(db) if version is None else version
    stored = load_result(db, kind, parameters, at)
    if stored is not None:
        try:
            return decode(unpack(stored.payload))
        except (ValueError, KeyError, TypeError):
            log.warning("the stored %s analysis cannot be read; computing it again", kind)
    result = compute()
    save_result(db, kind, parameters, version=at, as_of=_as_of(parameters), payload=pack(encode(result)))
    return result


def _as_of(parameters: dict[str, object]) -> int:
    value = parameters.get("as_of")
    return value if isinstance(value, int) else 0


def _page_kind(page: str) -> str:
    return f"page {page}"


def save_page(db: Database, page: str, body: bytes) -> bool:
    """The dashboard's ``page`` (a path) as last rendered from a current analysis, kept so that the next
    start shows it, dated, while the analysis is loaded or computed again (issue 16)."""
    return save_result(db, _page_kind(page), {"page": page}, version=data_version(db), as_of=0, payload=body)


def last_page(db: Database, page: str) -> tuple[bytes, int] | None:
    """The newest :func:`save_page` of ``page`` whatever the data has become since, and when it was
    stored; None if there is none or someone was forgotten since."""
    found = latest_result_unforgotten(db, _page_kind(page))
    return None if found is None else (found.payload, found.computed_at)
