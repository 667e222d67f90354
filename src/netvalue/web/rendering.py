"""What every page shares: the app's state, a database per request, ``?as_of=``, and one ``respond`` that
renders a template for ``/page`` and the same data as JSON for its twin ``/page.json``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from netvalue.app.database import Database, open_database
from netvalue.app.moments import day as format_day
from netvalue.app.persisted import last_page, save_page
from netvalue.errors import UsageError
from netvalue.web.cache import AnalysisCache

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass(slots=True)
class WebState:
    """Everything the routes share, kept on ``app.state.web``."""

    db_path: Path
    templates: Jinja2Templates
    cache: AnalysisCache
    imports: dict[str, Any] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # analysis modules whose last run raised a bug
    warm_in_background: bool = False  # recompute the analysis after writes that change it (netvalue serve)
    warming: threading.Lock = field(default_factory=threading.Lock)  # held while the analysis is warmed
    warmed: bool = False  # the first background computation since start has finished (or failed)


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def request_db(request: Request) -> Iterator[Database]:
    """A FastAPI dependency: the database, opened for this request (already migrated at start-up)."""
    db = open_database(web_state(request).db_path, migrate=False)
    try:
        yield db
    finally:
        db.close()


def request_as_of(request: Request) -> int:
    """``?as_of=YYYY-MM-DD`` (the end of that day, UTC) as epoch seconds, like the CLI's ``--as-of``;
    default the end of today, UTC, as the CLI's (so the persisted analysis is reused:
    :meth:`AnalysisCache.current_as_of`)."""
    value = request.query_params.get("as_of")
    if not value:
        return web_state(request).cache.current_as_of(int(time.time()))
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise UsageError(f"as_of {value!r} is not a date; write it as YYYY-MM-DD") from None
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) + 86400


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def jsonable(value: object) -> Any:
    """``value`` as plain JSON types: dataclasses as dicts, tuples and sets as lists, NaN as null."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    as_dict = getattr(value, "as_dict", None)
    if callable(as_dict):
        return jsonable(as_dict())
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    return str(value)


class Result(Protocol):
    """A typed result of :mod:`netvalue.app`: what its page's ``.json`` twin answers is ``to_json()``."""

    def to_json(self) -> Mapping[str, Any]: ...


def respond(
    request: Request,
    template: str,
    data: Result | Mapping[str, Any],
    *,
    page: Mapping[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """``data`` (a typed result's ``to_json()``) as JSON for ``*.json`` paths, else ``template``
    rendered with the same keys (and ``page``: what only the HTML needs, such as the choices of a form)."""
    plain = data if isinstance(data, Mapping) else data.to_json()
    if wants_json(request):
        return JSONResponse(jsonable(plain), status_code=status_code)
    context: dict[str, Any] = {**plain, **(page or {})}
    return web_state(request).templates.TemplateResponse(request, template, context, status_code=status_code)


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A response's bytes as the page cache keeps them (``AnalysisCache.page``)."""

    body: bytes
    status_code: int
    content_type: str

    def response(self) -> Response:
        return Response(self.body, status_code=self.status_code, headers={"content-type": self.content_type})


async def cached_page(request: Request, render: Callable[[Database, int], Response]) -> Response:
    """``render(db, as_of)``'s response, rendered once per database version and request (path, query,
    HTMX or not, ``as_of``) and then served as the same bytes, straight from the event loop (no database
    opened, no worker thread); a page that names an analysis that could not be computed, or an error,
    is rendered again each time.

    A bare page (no query: what a browser opens) rendered from a current analysis is also kept in the
    database (:func:`~netvalue.app.persisted.save_page`), and until the first background computation
    after start has finished it is what that page shows, with the date it was computed
    (:func:`last_page_shown`), rather than waiting seconds for the analysis (issue 16)."""
    as_of = request_as_of(request)
    key = (request.url.path, request.url.query, is_htmx(request), as_of)
    kept = web_state(request).cache.kept_page(key)
    if isinstance(kept, RenderedPage):
        return kept.response()
    return await run_in_threadpool(_render_page, request, key, as_of, render)


def _render_page(
    request: Request, key: Hashable, as_of: int, render: Callable[[Database, int], Response]
) -> Response:
    state = web_state(request)
    bare = not request.url.query and not is_htmx(request)
    if bare and state.warm_in_background and not state.warmed:
        shown = last_page_shown(state, request.url.path)
        if shown is not None:
            return shown
    fresh: list[Response] = []

    def rendered() -> RenderedPage:
        with open_database(state.db_path, migrate=False) as db:
            fresh.append(render(db, as_of))
        content_type = fresh[0].headers.get("content-type", "application/octet-stream")
        return RenderedPage(bytes(fresh[0].body), fresh[0].status_code, content_type)

    def keep_for_next_start(page: RenderedPage) -> None:
        if bare and state.warm_in_background and page.content_type.startswith("text/html"):
            before = state.cache.database_version()
            with open_database(state.db_path, migrate=False) as db:
                save_page(db, request.url.path, page.body)
            state.cache.carry_forward(before, pages=True)  # the analysis and the pages are unchanged

    page = state.cache.page(
        key, rendered, lambda page: page.status_code == 200 and not state.failed, keep_for_next_start
    )
    return fresh[0] if fresh else page.response()  # the template's own response when just rendered


_MAIN = b"<main>"


def last_page_shown(state: WebState, path: str) -> Response | None:
    """The page at ``path`` as last rendered from a current analysis (by this or an earlier run), with
    the notice that it shows the analysis of that date; None if none was kept."""
    with open_database(state.db_path, migrate=False) as db:
        found = last_page(db, path)
    if found is None or _MAIN not in found[0]:
        return None
    body, stored_at = found
    notice = state.templates.get_template("_earlier_analysis.html").render(since=stored_at)
    body = body.replace(_MAIN, _MAIN + b"\n" + notice.encode(), 1)
    return Response(body, media_type="text/html")


def partial(request: Request, template: str, context: Mapping[str, Any]) -> Response:
    """A fragment for HTMX to swap in."""
    return web_state(request).templates.TemplateResponse(request, template, dict(context))


def format_ago(epoch: int | float | None, now: int | None = None) -> str:
    """ "3 days ago", "2 years ago" - a rough age for tables."""
    if epoch is None:
        return "never"
    days = int(((now if now is not None else time.time()) - epoch) // 86400)
    if days < 1:
        return "today"
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days >= size:
            n = days // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "today"


_HOST_FIRST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)", re.IGNORECASE)


def web_link(value: object) -> str | None:
    """``value`` as an absolute ``http(s)://`` URL to link to, or ``None`` when it must not be a link.

    Profile addresses are stored in their canonical form without a scheme (``linkedin.com/in/ada``,
    :func:`netvalue.keys.normalize_linkedin_url`), which a browser would read as a path on the dashboard;
    they get ``https://``.  Any other scheme (``javascript:``, ``data:``, ``file:``) is no link at all."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() in ("http", "https"):
        return text if _HOST_FIRST.match(rest) else None
    if _HOST_FIRST.match(text):
        return "https://" + text
    return None


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.filters["day"] = format_day
    templates.env.filters["web_link"] = web_link
    templates.env.filters["ago"] = format_ago
    templates.env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, (int, float)) else n
    templates.env.filters["pct"] = lambda x: f"{100 * x:.0f}%" if isinstance(x, (int, float)) else ""
    templates.env.filters["num"] = lambda x, d=2: f"{x:.{d}f}" if isinstance(x, (int, float)) else ""
    return templates
