"""Who may talk to the dashboard: a secret token, a same-origin check on writes, and the Host header.

The dashboard listens on 127.0.0.1 only, but any web page the user visits can still send requests to
localhost.  Three checks, the ones Jupyter Notebook uses for the same problem, keep it private:

- **Token.**  ``netvalue serve`` prints ``http://127.0.0.1:PORT/?token=...``; the first request with the
  token gets an HttpOnly ``SameSite=Strict`` cookie and a redirect to the same URL without the token
  (so it is not left in the history or a Referer).  Scripts may send ``Authorization: Bearer TOKEN``.
  Anything else gets 401.
- **One-time links.**  The browser ``netvalue serve`` opens gets ``/?once=...`` instead of the token:
  a secret that buys the cookie once, within a minute (:class:`OneTimeLinks`), since a browser's
  command line is readable by every user of the machine.
- **CSRF.**  A request that may change something (any method but GET, HEAD, OPTIONS) must come from
  the dashboard itself, however it carries the token (cookie, ``Authorization`` or ``?token=``):
  ``Sec-Fetch-Site`` must be ``same-origin`` and ``Origin`` must be the dashboard's own origin when
  the browser sends them (OWASP CSRF Prevention Cheat Sheet, "Fetch Metadata" and "Verifying
  Origin").  Otherwise 403.
- **DNS rebinding.**  A hostile name that resolves to 127.0.0.1 would make the browser treat the
  dashboard as that site's origin; the ``Host`` header gives it away, so only ``127.0.0.1:PORT`` and
  ``localhost:PORT`` are accepted (400 otherwise).
"""

from __future__ import annotations

import secrets
import threading
import time
from urllib.parse import urlencode

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE_NAME = "netvalue_token"
ONE_TIME_SECONDS = 60.0
"""How long the link given to the browser ``netvalue serve`` opens stays usable [ours]: a browser
starting cold takes seconds; a minute is ample and short."""
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # every other method must come from the dashboard
_LOCAL_NAMES = ("127.0.0.1", "localhost")

SECURITY_HEADERS: dict[str, str] = {
    # vega compiles its expressions with Function(): 'unsafe-eval' is the price of Vega-Lite charts.
    "content-security-policy": (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    # "no-referrer" would make the browser send "Origin: null" on form posts, failing the CSRF check.
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe), one per ``netvalue serve``."""
    return secrets.token_urlsafe(32)


def allowed_hosts(port: int | None) -> frozenset[str] | None:
    """The Host header values accepted for ``port``; ``None`` (any port of 127.0.0.1/localhost) when
    the port is not known, as in in-process tests."""
    if port is None:
        return None
    return frozenset(f"{name}:{port}" for name in _LOCAL_NAMES)


def host_is_allowed(host: str, hosts: frozenset[str] | None) -> bool:
    if hosts is not None:
        return host.lower() in hosts
    name, _, port = host.lower().rpartition(":") if ":" in host else (host.lower(), "", "")
    return name in _LOCAL_NAMES and (port == "" or port.isdecimal())


class OneTimeLinks:
    """Short-lived, single-use secrets that stand in for the token in the link ``netvalue serve`` gives
    the browser it opens.  A browser is started with the URL on its command line, which every user of
    the machine can read (``/proc/PID/cmdline``); such a link is dead once the browser has used it (or
    after :data:`ONE_TIME_SECONDS`), so reading it later opens nothing."""

    def __init__(self) -> None:
        self._open: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self, now: float | None = None) -> str:
        secret = secrets.token_urlsafe(32)
        with self._lock:
            self._open[secret] = (time.monotonic() if now is None else now) + ONE_TIME_SECONDS
        return secret

    def redeem(self, secret: str, now: float | None = None) -> bool:
        """True once for a secret :meth:`issue` gave, within its lifetime; False ever after."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            for known in list(self._open):
                if secrets.compare_digest(known, secret):
                    return self._open.pop(known) >= moment
        return False


class SecurityMiddleware:
    """ASGI middleware applying the Host, token and CSRF checks to every HTTP request."""

    def __init__(
        self, app: ASGIApp, *, token: str, port: int | None = None, links: OneTimeLinks | None = None
    ) -> None:
        self.app = app
        self.token = token
        self.hosts = allowed_hosts(port)
        self.links = links

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))  # type: ignore[call-overload]
                present = {name.lower() for name, _ in raw}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        raw.append((name.encode(), value.encode()))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)  # type: ignore[arg-type]

    def refusal(self, scope: Scope, headers: Headers) -> Response | None:
        """The response refusing this request, or ``None`` when it may go on."""
        host = headers.get("host", "")
        if not host_is_allowed(host, self.hosts):
            return PlainTextResponse(
                "Error: this dashboard answers only to 127.0.0.1 and localhost (bad Host header)",
                status_code=400,
            )
        request = Request(scope)
        given = request.query_params.get("token")
        token_in_url = given is not None and secrets.compare_digest(given, self.token)
        if request.method == "GET":
            if token_in_url:
                return self._accept_token(request)
            once = request.query_params.get("once")
            if once is not None and self.links is not None and self.links.redeem(once):
                return self._accept_token(request)
        if not (token_in_url or self._authorised(request)):
            return PlainTextResponse(
                "Error: open the dashboard with the link `netvalue serve` printed (it carries the token)",
                status_code=401,
            )
        if request.method not in _SAFE_METHODS and not self._same_origin(headers, host):
            return PlainTextResponse(
                "Error: refused a cross-site request; use the dashboard's own pages", status_code=403
            )
        return None

    def _authorised(self, request: Request) -> bool:
        cookie = request.cookies.get(COOKIE_NAME)
        if cookie is not None and secrets.compare_digest(cookie, self.token):
            return True
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            return secrets.compare_digest(bearer[7:].strip(), self.token)
        return False

    @staticmethod
    def _same_origin(headers: Headers, host: str) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None and site != "same-origin":
            return False
        origin = headers.get("origin")
        return origin is None or origin.lower() == f"http://{host.lower()}"

    def _accept_token(self, request: Request) -> Response:
        """Move the token from the URL into a cookie and redirect to the same page without it."""
        rest = [(k, v) for k, v in request.query_params.multi_items() if k not in ("token", "once")]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE_NAME, self.token, httponly=True, samesite="strict", path="/")
        return response
