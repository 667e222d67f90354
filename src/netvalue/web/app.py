"""The dashboard's FastAPI application: pages over the same report and store functions as the CLI.

:func:`create_app` wires the security middleware (token, CSRF, Host), the vendored static assets, one
router per page, and the error pages: a :class:`NetvalueError` renders as a page with the same one-line
``Error: ...`` the CLI prints; anything else as a generic error page, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from netvalue.app.database import Database
from netvalue.errors import AmbiguousPersonError, NetvalueError, PersonNotFoundError
from netvalue.web import features
from netvalue.web.cache import AnalysisCache
from netvalue.web.limits import DEFAULT_MAX_UPLOAD_MB, MB, UploadLimit
from netvalue.web.rendering import STATIC_DIR, WebState, make_templates, wants_json, web_state
from netvalue.web.routes import ROUTERS
from netvalue.web.security import OneTimeLinks, SecurityMiddleware

log = logging.getLogger("netvalue.web")


def create_app(
    db_path: Path | str,
    token: str,
    *,
    port: int | None = None,
    warm: bool = False,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * MB,
) -> FastAPI:
    """The dashboard over the database at ``db_path``, answering only requests that carry ``token``.

    ``port`` is the port it is served on, for the Host check; ``None`` accepts 127.0.0.1 and localhost on
    any port (in-process tests).  The database is opened and migrated once here, so that a database that
    cannot be opened fails at start-up with the CLI's message.  ``warm``: compute the analysis in the
    background at start-up and after a rating (``netvalue serve``), so pages rarely wait for it.
    ``max_upload_bytes``: the largest request body (an export uploaded to /import) taken.
    """
    path = Path(db_path)
    Database.open(path).close()
    cache = AnalysisCache(path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        features.start_warm_up(state)
        yield
        cache.close()

    app = FastAPI(title="netvalue", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    state = WebState(db_path=path, templates=make_templates(), cache=cache, warm_in_background=warm)
    app.state.web = state
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(NetvalueError, _netvalue_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(UploadLimit, max_bytes=max_upload_bytes)  # inside the security checks
    app.state.one_time_links = OneTimeLinks()
    app.add_middleware(SecurityMiddleware, token=token, port=port, links=app.state.one_time_links)
    return app


def error_response(request: Request, message: str, status_code: int) -> Response:
    """The error as the CLI words it, as a page (or ``{"error": ...}`` for a ``.json`` path)."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status_code)
    return web_state(request).templates.TemplateResponse(
        request, "error.html", {"message": message}, status_code=status_code
    )


async def _netvalue_error(request: Request, exc: Exception) -> Response:
    status = (
        404 if isinstance(exc, PersonNotFoundError) else 409 if isinstance(exc, AmbiguousPersonError) else 400
    )
    return error_response(request, f"Error: {exc}", status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = "Error: no such page" if exc.status_code == 404 else f"Error: {exc.detail}"
    return error_response(request, message, exc.status_code)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    """A missing or malformed form field or path part, in one line (FastAPI would answer with JSON)."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {str(error.get('msg', 'invalid')).lower()}")
    return error_response(request, "Error: " + "; ".join(problems), 400)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return error_response(
        request, "Error: something went wrong inside netvalue; run `netvalue --debug` for the details", 500
    )
