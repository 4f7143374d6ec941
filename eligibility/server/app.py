"""The server application: settings, the app factory, and the error handlers.

``create_app(settings)`` builds one ASGI app; ``factory()`` builds it from the environment
the ``serve`` command sets, which is how each of uvicorn's worker processes gets the same
settings.
"""

from __future__ import annotations

import gc
import json
import logging
import os
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from eligibility.ruleset.select import pin_folders
from eligibility.server import api, models, pages, uploads
from eligibility.server.collector import collect_on_a_clock
from eligibility.server.guard import DEFECT, ASGIApp, Guard, GuardSettings, Receive, Scope, Send
from eligibility.server.library import DEFAULT_MAX_BYTES, VERSION, Library
from eligibility.server.problems import Problem

SETTINGS_ENV = "ELIGIBILITY_SERVER_SETTINGS"
RULE_FOLDERS_SECONDS = 1.0  # how often a worker looks at the rule folders again
STATIC = os.path.join(os.path.dirname(__file__), "static")
FORM_OVERHEAD = 64 * 1024  # a multipart form's headers around one file


@dataclass(frozen=True)
class Settings:
    rules: str | None = None  # a rules root given at start-up; never taken from a request
    max_bytes: int = DEFAULT_MAX_BYTES  # one application file, as `check` reads it
    batch_bytes: int = 64 * 1024 * 1024  # one /v1/screen request
    max_concurrent: int = 64  # requests one worker handles at once; more get 503
    time_limit: float = 30.0  # seconds one request may take
    record: str | None = None  # a decision record every check is kept in (serve --record)
    keep_input: bool = False  # keep each application's bytes in the record too
    reviewer: str | None = None  # who the record names (default: the user running the server)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        raw = os.environ.get(SETTINGS_ENV)
        return cls(**json.loads(raw)) if raw else cls()


class Server(FastAPI):
    """The FastAPI app behind its guard, with POST /v1/check on a short lane.

    The guard is outermost, so one concurrency count, body limit and time limit covers
    every request, whichever way it is served. Behind it, the requests the API is run for
    at volume (one application checked) go straight to their endpoint; FastAPI's routing,
    parameter parsing and middleware stack cost as much per request as rendering the
    result, and serve everything else, and give the short lane its OpenAPI schema."""

    guard: Guard
    lanes: dict[tuple[str, str], ASGIApp]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.guard(scope, receive, send)

    async def dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.root_path:
            lane = self.lanes.get((scope["method"], scope["path"]))
            if lane is not None:
                await lane(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> Server:
    settings = settings or Settings()
    library = Library(
        settings.rules,
        settings.max_bytes,
        record=settings.record,
        keep_input=settings.keep_input,
        reviewer=settings.reviewer,
    )
    limits = uploads.Limits(max_bytes=settings.max_bytes)
    app = Server(
        title="eligibility",
        version=VERSION,
        summary="Screening for the permanent-magnet supply-chain program "
        "(経済安全保障 サプライチェーン強靱化事業（永久磁石）)",
        description="The command line's checks over HTTP. Errors are "
        "application/problem+json (RFC 9457) with the command line's message in `detail`.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the CSP forbids it
        redoc_url=None,
    )
    app.state.library = library

    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        detail = {
            404: f"no such resource: {request.url.path[:200]}",
            405: f"{request.method} is not allowed on {request.url.path[:200]}",
        }.get(exc.status_code, str(exc.detail))
        return Problem(exc.status_code, kind, detail, headers=dict(exc.headers or {})).response()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        messages = []
        for error in exc.errors()[:5]:
            where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
            messages.append(f"{where}: {error.get('msg', 'invalid')}")
        return Problem(400, "bad-parameter", "; ".join(messages) or "invalid request").response()

    @app.exception_handler(Exception)
    async def on_defect(request: Request, exc: Exception) -> Response:
        # a defect in a route: answered here as the guard answers one on the short lane;
        # Starlette raises it on, and the guard logs it
        return Problem(500, "internal-error", DEFECT).response()

    @app.get(
        "/healthz",
        tags=["health"],
        summary="Alive, with the rule set in force",
        response_model=models.Health,
    )
    async def healthz() -> Any:
        rs = library.ruleset()
        return {"status": "ok", "version": VERSION, "ruleset": f"{rs.id} {rs.version}"}

    checker = api.check_route(library)
    app.include_router(api.router(library, limits, checker))
    app.include_router(pages.router(library))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.lanes = {("POST", "/v1/check"): api.lane(checker)}
    app.guard = Guard(
        app.dispatch,
        GuardSettings(
            body_bytes=settings.max_bytes + FORM_OVERHEAD,
            batch_bytes=settings.batch_bytes,
            max_concurrent=settings.max_concurrent,
            time_limit=settings.time_limit,
        ),
    )
    library.warm()
    return app


def factory() -> Server:
    """The app for uvicorn (``--factory``), with the settings the serve command passed."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(Settings.from_env())
    # A worker looks at the rule folders at most once a second: a revision a policy officer
    # saves is in force within a second, and a request costs no look at the disk (choosing
    # the revision stat()ed the config file and every rule folder, twice per check).
    pin_folders(seconds=RULE_FOLDERS_SECONDS)
    # The rule set, the unit registry and the modules are some 80,000 objects that live as
    # long as the worker. Left to the collector, each full collection walks them all: one
    # took 200 ms on a loaded machine, a pause every request in flight on the worker waits
    # out. Frozen, they are never walked again; what requests allocate is collected as usual.
    gc.collect()
    gc.freeze()
    collect_on_a_clock()  # and what requests leave is walked whole once a minute, not under load
    return app
