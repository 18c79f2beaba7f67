"""The cap on a request's body. Evidence files, Terraform states and briefs arrive as
multipart forms, which are received whole (spooled to a temporary file) before a route or
the core's own size limit sees them; this middleware counts a body's bytes as the server
hands them over and refuses the request with 413 once it would pass the cap: at its first
read when its Content-Length says so (not a byte of it is read, and a client that sent
`Expect: 100-continue` is never asked for it), else as soon as a chunked body grows past.

The refusal is an HTTPException raised from `receive`, so the app's own handler answers it
(app.py): a page for a browser, JSON under /api, both naming the limit and the setting that
raises it. Starlette's RequestBodyLimitMiddleware (FastAPI's `max_body_size`) counts the
same way, but answers a declared over-large body with its own plain-text "Content Too
Large" in place of whatever the app renders (starlette/middleware/body_limit.py,
`send_with_limit`, Starlette 1.10.0, read 2026-12-07): hence this small one.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infragate.portal.settings import ENV_MAX_UPLOAD, MB


def _megabytes(size: int) -> str:
    return f"{size / MB:,.1f}".removesuffix(".0") + " MB"


class BodyTooLarge(HTTPException):
    """A request whose body is over the cap: 413, saying the limit and how to raise it."""

    def __init__(self, limit: int, declared: int | None) -> None:
        size = (
            f"the request is {_megabytes(declared)}, over"
            if declared is not None
            else "the request grew past"
        )
        super().__init__(
            413,
            f"{size} the portal's limit of {_megabytes(limit)} a request: send a smaller "
            f"file, or have the portal's administrator raise {ENV_MAX_UPLOAD}",
        )


def _declared(scope: Scope) -> int | None:
    """The Content-Length the client sent (the server refuses a malformed one itself)."""
    value = Headers(scope=scope).get("content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


class UploadCap:
    """Refuses a request's body past `limit` bytes; every other message passes unchanged."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared(scope)
        received = 0

        async def counted() -> Message:
            nonlocal received
            if declared is not None and declared > self.limit:
                raise BodyTooLarge(self.limit, declared)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit, None)
            return message

        await self.app(scope, counted, send)
