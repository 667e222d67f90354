"""How large a request body the dashboard takes: an upload beyond the limit is refused with 413 and a
message saying what to do, before it fills the disk (the upload is copied to a temporary folder)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_UPLOAD_MB = 2048
"""The dashboard's default upload limit in MB (2 GiB) [ours]: a LinkedIn or Facebook export is tens to
hundreds of MB; a larger mailbox is better imported in place with ``netvalue import PATH``, which reads
it without a copy."""

MB = 1 << 20


def too_large_message(limit_bytes: int) -> str:
    return (
        f"Error: the upload is larger than the dashboard's limit of {limit_bytes // MB:,} MB; import it "
        "with `netvalue import PATH` (which reads it in place) or start the dashboard with "
        "`netvalue serve --max-upload-mb N`"
    )


class UploadLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413.

    A declared ``Content-Length`` over the limit is refused before anything is read; a body that grows
    past it (chunked) is cut off: the application is told the client left, and whatever it would have
    answered is replaced by the 413."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdecimal() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        over = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = PlainTextResponse(
            too_large_message(self.max_bytes), status_code=413, headers={"connection": "close"}
        )
        await response(scope, receive, send)
