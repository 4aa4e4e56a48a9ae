"""Security headers on every response, and a limit on request bodies (uploads).

The Content-Security-Policy allows no inline script or style and nothing from another origin, so
templates carry no `style=` attribute and no `<script>` body: styles live in static/tiptrain.css.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
UPLOAD_LIMIT = 5 * 1024 * 1024
"""Default largest request body for an upload (a roster): 5 MiB."""


class SecurityHeaders:
    """ASGI middleware: HEADERS on every HTTP response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def body_limit(max_bytes: int = UPLOAD_LIMIT) -> Callable[[Request], Awaitable[None]]:
    """A dependency refusing (413) a request body larger than `max_bytes`, declared or streamed.

    Use it on upload routes: `dependencies=[Depends(body_limit(2_000_000))]`. The body read here is kept
    by Starlette, so `await request.form()` afterwards parses it without reading again.
    """

    async def limited(request: Request) -> None:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            raise HTTPException(413, f"the upload is larger than {max_bytes // 1024} KiB")
        size, chunks = 0, []
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise HTTPException(413, f"the upload is larger than {max_bytes // 1024} KiB")
            chunks.append(chunk)
        request._body = b"".join(chunks)  # Starlette's cache of the body, read by form()

    return limited
