"""What every request passes through before a route sees it: the body-size limit, the
concurrency limit, the time limit, the security headers, and the last line of defence that
turns any unexpected exception into a bare problem+json 500.

A plain ASGI middleware (not Starlette's ``BaseHTTPMiddleware``): it costs one function call
per request, and it sits outside the routes, so a defect anywhere below it still ends in a
response without a stack trace. The body is read here, up to its limit, and handed on from
memory; nothing of it is logged but its SHA-256.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from eligibility.server.problems import MEDIA_TYPE, problem_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("eligibility.server")

# Pages load scripts and styles from the server only; nothing may frame them.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


DEFECT = "internal error; nothing was checked. Please report it with the time of the request."


@dataclass(frozen=True)
class GuardSettings:
    body_bytes: int  # a request with one application
    batch_bytes: int  # a request with a batch (/v1/screen)
    max_concurrent: int  # requests handled at once by one worker process
    time_limit: float  # seconds one request may take


class Guard:
    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings
        self.slots = asyncio.Semaphore(settings.max_concurrent)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path: str = scope.get("path", "")
        limit = (
            self.settings.batch_bytes
            if path.startswith("/v1/screen")
            else (self.settings.body_bytes)
        )
        state = {"started": False, "status": 0}

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                state["status"] = message["status"]
                message["headers"] = _with_security_headers(list(message.get("headers", [])), path)
            await send(message)

        async def refuse(status: int, kind: str, detail: str, extra: tuple[Any, ...] = ()) -> None:
            body = problem_bytes(status, kind, detail)
            await send_guarded(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", MEDIA_TYPE.encode()),
                        (b"content-length", str(len(body)).encode()),
                        *extra,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})

        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await refuse(413, "too-large", _too_large(limit))
            return
        try:
            body = await _read_body(receive, limit)
        except _Gone:
            return  # half a body is never checked
        if body is None:
            await refuse(413, "too-large", _too_large(limit))
            return
        if self.slots.locked():
            await refuse(
                503,
                "busy",
                f"the server is handling {self.settings.max_concurrent} requests; try again",
                ((b"retry-after", b"1"),),
            )
            return
        digest = hashlib.sha256(body).hexdigest()[:16] if body else "-"
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async with self.slots:
            try:
                await asyncio.wait_for(
                    self.app(scope, replay, send_guarded), self.settings.time_limit
                )
            except TimeoutError:
                if not state["started"]:
                    await refuse(
                        503,
                        "time-limit",
                        f"the request took longer than {self.settings.time_limit:g} s; "
                        "nothing was checked",
                    )
                    state["status"] = 503
            except Exception as exc:  # a defect: say so without details, log no content
                log.error(
                    "internal error %s on %s %s body=%s\n%s",
                    type(exc).__name__,
                    scope.get("method"),
                    path,
                    digest,
                    "".join(traceback.format_tb(exc.__traceback__)),
                )
                if not state["started"]:
                    await refuse(500, "internal-error", DEFECT)
                    state["status"] = 500
        log.info(
            "%s %s %s %.1f ms body=%s",
            scope.get("method"),
            path,
            state["status"],
            (time.perf_counter() - started) * 1000,
            digest,
        )


def _too_large(limit: int) -> str:
    return f"the request is larger than {limit:,} bytes, the limit"


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class _Gone(Exception):
    """The client went away before its body arrived: there is no one to answer."""


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or ``None`` as soon as it grows past ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Gone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _with_security_headers(headers: list[Any], path: str) -> list[Any]:
    names = {k.lower() for k, _ in headers}
    out = list(headers)
    if b"content-security-policy" not in names:
        out.append((b"content-security-policy", CSP.encode()))
    out.extend(h for h in HEADERS if h[0] not in names)
    if b"cache-control" not in names:
        # results and applications are confidential: no cache keeps them; static files may
        cache = b"public, max-age=3600" if path.startswith("/static/") else b"no-store"
        out.append((b"cache-control", cache))
    return out
