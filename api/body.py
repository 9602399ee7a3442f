"""Request bodies are counted and timed while they stream in, so none is read whole before a refusal."""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

# JSON bodies are small: a 4,000-character message is at most 16 KB of UTF-8, escaped.
MAX_JSON_BYTES = 64 * 1024


class BodyLimit:
    """413 as soon as a body crosses its limit, 408 when it has not arrived in ``timeout`` seconds.

    A pure ASGI middleware: it wraps ``receive``, so the refusal happens at the chunk that crosses the
    limit, whether or not the client declared Content-Length (a chunked body does not). Uvicorn bounds
    neither: ``--timeout-keep-alive`` only closes idle connections between requests, and h11 limits
    the headers, not how slowly a body trickles in."""

    def __init__(self, app: ASGIApp, max_attachment_bytes: int, timeout: float) -> None:
        self.app, self.max_attachment_bytes, self.timeout = app, max_attachment_bytes, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = MAX_JSON_BYTES
        if scope["path"].endswith("/attachments"):
            limit += self.max_attachment_bytes
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            await error_response(413, "too_large", f"The request body is over {limit} bytes.")(scope, receive, send)
            return
        await self.app(scope, _Guarded(receive, limit, self.timeout), send)


class _Guarded:
    """``receive`` that counts body bytes and enforces one deadline until the body is complete."""

    def __init__(self, receive: Receive, limit: int, timeout: float) -> None:
        self.receive, self.limit, self.timeout = receive, limit, timeout
        self.deadline = asyncio.get_running_loop().time() + timeout
        self.received, self.complete = 0, False

    async def __call__(self) -> Message:
        if self.complete:  # afterwards only http.disconnect comes, at any time (SSE waits for it)
            return await self.receive()
        remaining = self.deadline - asyncio.get_running_loop().time()
        try:
            message = await asyncio.wait_for(self.receive(), max(remaining, 0.001))
        except TimeoutError:
            raise self._too_slow() from None
        self.complete = message["type"] != "http.request" or not message.get("more_body", False)
        self.received += len(message.get("body", b""))
        if self.received > self.limit:
            raise HTTPException(413, f"The request body is over {self.limit} bytes.")
        if not self.complete and asyncio.get_running_loop().time() > self.deadline:  # bytes that trickle in
            raise self._too_slow()
        return message

    def _too_slow(self) -> HTTPException:
        return HTTPException(408, f"The request body did not arrive within {self.timeout:g} seconds; send it again.")
