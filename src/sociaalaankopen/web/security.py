"""The ASGI middlewares every response passes through: HEAD as GET, security headers, a limit on the request
body, and the safety net for bugs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The same limit as the tender readers: a tender description is kilobytes, not megabytes.
MAX_BODY = 5 * 1024 * 1024

# No inline script or style anywhere; 'wasm-unsafe-eval' lets the guide's search (Pagefind) run its
# WebAssembly, and allows no eval() of JavaScript.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_NAMES = {name for name, _ in HEADERS}


class _HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests only (lifespan events pass through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        else:
            await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class SecurityHeaders(_HttpMiddleware):
    """Adds HEADERS to every HTTP response, whatever produced it (a page, the API, a static file, an error)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": headers + HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit(_HttpMiddleware):
    """Refuses a request body over `limit` bytes with 413: before reading anything when Content-Length
    says so, else as soon as the streamed body passes the limit (it is never read whole into memory).
    The refusal is raised where the app reads the body, so a page answers it as a page in its language
    and the API as a problem document."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        super().__init__(app)
        self.limit = limit

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = next((value for name, value in scope.get("headers", []) if name == b"content-length"), b"0")
        declared = int(header) if header.isdigit() else 0
        received = 0

        async def limited_receive() -> Message:
            # An HTTPException passes through FastAPI's body parsing unchanged and reaches the app's
            # handlers, which answer it as a page or as a problem document.
            nonlocal received
            if declared > self.limit:
                raise HTTPException(413)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)


class HeadAsGet(_HttpMiddleware):
    """HEAD is answered wherever GET is, as HTTP asks (link checkers and monitors use it): the GET's status
    and headers, without its body."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class CatchAll(_HttpMiddleware):
    """A bug becomes a 500 that quotes nothing of the request: `answer` makes it (the error page on a page's
    address, a problem document on the API's); the traceback goes to stderr without the request's content."""

    def __init__(self, app: ASGIApp, answer: Callable[[Scope], Response]) -> None:
        super().__init__(app)
        self.answer = answer

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as e:  # noqa: BLE001 - the last line of defence
            print(f"error: {scope.get('method')} {scope.get('path')}: {type(e).__name__}", file=sys.stderr)
            if started:
                return
            try:
                response = self.answer(scope)
            except Exception:  # noqa: BLE001 - the answer itself failed: say so plainly
                response = Response("500 Internal Server Error", status_code=500, media_type="text/plain")
            await response(scope, receive, send)
