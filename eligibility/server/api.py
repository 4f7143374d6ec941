"""The HTTP API, version 1: the command line's commands as resources.

=====================================  ==============================================
``POST /v1/check``                     ``eligibility check FILE --format json``
``POST /v1/screen``                    ``eligibility screen FILES --format json``
``GET /v1/rulesets``                   ``eligibility rules --format json``
``GET /v1/rules/{id}``                 ``eligibility explain ID --format json``
``GET /v1/tracks/{id}/template``       ``eligibility template TRACK [--format xlsx]``
``POST /v1/workbook``                  the application in the xlsx form ``template`` writes
``GET /v1/schema``                     ``eligibility schema``
=====================================  ==============================================

Every route takes ``lang`` (``?lang=`` or ``Accept-Language``) and ``as_of`` where the
command takes ``--lang`` and ``--as-of``; every refusal is problem+json carrying the
command's message.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from eligibility.messages import files as files_say
from eligibility.server import forms, models, uploads
from eligibility.server.guard import ASGIApp, Receive, Scope, Send
from eligibility.server.library import (
    REPORT_FORMATS,
    SCREEN_FORMATS,
    TEMPLATE_FORMATS,
    WORKBOOK_SUFFIXES,
    ApplicationReadError,
    EligibilityError,
    Lang,
    Library,
    UnknownRuleError,
    UnknownTrackError,
    Upload,
)
from eligibility.server.problems import Problem, openapi_problem

T = TypeVar("T")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroenabled.12"  # media types compare in lower case
TOML_TYPES = ("application/toml", "text/toml", "text/x-toml", "application/x-toml")
JSON_TYPES = ("application/json", "text/json")
MEDIA = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)

LANG_QUERY = Query(
    None, description="en or ja (default: Accept-Language, else en)", examples=["ja"]
)
PRETTY_QUERY = Query(
    False, description="indent the JSON as `check --format json` prints it (default: one line)"
)
AS_OF_QUERY = Query(
    None,
    description="use the rule set in force on this day, YYYY-MM-DD (as --as-of)",
    examples=["2026-04-01"],
)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"description": "a problem (RFC 9457)", **openapi_problem()} for s in statuses}


# --- parameters ---------------------------------------------------------------------------


def choose_lang(request: Request, lang: str | None, default: Lang = "en") -> Lang:
    """``?lang=`` when given, else the first of en/ja in Accept-Language, else ``default``."""
    if lang is not None:
        if lang not in ("en", "ja"):
            raise Problem(400, "bad-parameter", f"lang: '{lang[:40]}' is not one of: en, ja")
        return "ja" if lang == "ja" else "en"
    accepted: list[tuple[float, Lang]] = []
    for item in request.headers.get("accept-language", "").split(","):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-", 1)[0]
        if primary in ("en", "ja") and q > 0:
            accepted.append((q, "ja" if primary == "ja" else "en"))
    if accepted:
        return max(accepted, key=lambda a: a[0])[1]  # max keeps the first of equal weights
    return default


_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off", "")


def choose_bool(value: str | None, name: str) -> bool:
    """A flag as FastAPI reads a ``bool`` query parameter."""
    if value is None or value.lower() in _FALSE:
        return False
    if value.lower() in _TRUE:
        return True
    raise Problem(400, "bad-parameter", f"{name}: '{value[:40]}' is not true or false")


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _not_a_date(value)
    except ValueError:
        return _not_a_date(value)


def _not_a_date(value: str) -> dt.date:
    raise Problem(
        400, "bad-parameter", f"as_of: '{value[:40]}' is not a date; write it as YYYY-MM-DD"
    )


def choose(value: str | None, allowed: tuple[str, ...], name: str, default: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        raise Problem(
            400, "bad-parameter", f"{name}: '{value[:40]}' is not one of: {', '.join(allowed)}"
        )
    return value


# --- library errors as problems -------------------------------------------------------------


INLINE_BYTES = 64 * 1024  # a body this small is checked in milliseconds


async def call(
    library: Library, work: Callable[[], T], *, inline: bool = False, lang: Lang = "en"
) -> T:
    """Run library work, its refusals becoming problems with its message, in ``lang`` where
    the message has one (as the command line gives it under ``--lang``).

    Work runs in a thread, where the guard's time limit can answer for it while it runs;
    ``inline`` work (one small application, bounded well below the limit because reading
    and checking are linear in its size) runs on the event loop, which spares a thread
    hand-off that costs as much as the check itself."""
    try:
        return work() if inline else await run_in_threadpool(work)
    except EligibilityError as exc:
        status, kind = next((s, k) for cls, s, k in _REFUSALS if isinstance(exc, cls))
        raise Problem(status, kind, library.public(exc.in_language(lang)), exit_code=2) from exc
    except RecursionError as exc:
        detail = files_say.NESTED_TOO_DEEPLY_TO_READ(lang)
        raise Problem(422, "unreadable-application", detail, exit_code=2) from exc


# a refusal's HTTP status and problem type, the most particular class first
_REFUSALS: tuple[tuple[type[EligibilityError], int, str], ...] = (
    (UnknownRuleError, 404, "unknown-rule"),
    (UnknownTrackError, 404, "unknown-track"),
    (ApplicationReadError, 422, "unreadable-application"),
    (EligibilityError, 422, "no-ruleset"),  # a rule set that does not load or is not in force
)


def inline(upload: Upload) -> bool:
    """Whether checking ``upload`` is quick enough for the event loop: a small TOML or JSON
    file. A workbook is unpacked and parsed by openpyxl, which takes tens of milliseconds."""
    return len(upload.data) <= INLINE_BYTES and not upload.name.lower().endswith(WORKBOOK_SUFFIXES)


def report_csp(page: str) -> str:
    """A CSP for a report page: no scripts at all, and only the page's own inline styles."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _STYLE.findall(page)
    )
    return (
        f"default-src 'none'; style-src {hashes or chr(39) + 'none' + chr(39)}; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def text_response(text: str, fmt: str, **headers: str) -> Response:
    if fmt == "html":
        headers["content-security-policy"] = report_csp(text)
    return Response(text, media_type=MEDIA[fmt], headers=headers)


# --- the application in a request -------------------------------------------------------------


def application_of(body: bytes, content_type: str | None) -> Upload:
    """The one application a /v1/check request carries."""
    kind = forms.media_type(content_type)
    if kind in JSON_TYPES or kind.endswith("+json"):
        return Upload("application.json", body)
    if kind in TOML_TYPES:
        return Upload("application.toml", body)
    if kind == XLSX:
        return Upload("application.xlsx", body)
    if kind == XLSM:  # read only to be refused, with the command line's message
        return Upload("application.xlsm", body)
    if kind == "multipart/form-data":
        parts = forms.multipart(body, content_type or "")
        for part in parts:
            if part.name == "file" and part.filename is not None:
                name = uploads.label(part.filename, "application.toml")
                return Upload(name, bytes(part.data))
        for part in parts:
            if part.name == "application" and part.filename is None:
                return Upload("application.json", bytes(part.data))
        raise Problem(
            400,
            "bad-form",
            "the form has no file: send the application as a part named 'file' "
            "(or its JSON as a field named 'application')",
        )
    if kind == "application/x-www-form-urlencoded":
        fields = forms.urlencoded(body)
        if "application" in fields:
            return Upload("application.json", fields["application"].encode())
        raise Problem(400, "bad-form", "the form has no field named 'application'")
    raise Problem(
        415,
        "unsupported-media-type",
        f"cannot read a body of type '{kind or 'none'}': send application/json, "
        f"application/toml, {XLSX}, or multipart/form-data with a file",
    )


def batch_of(body: bytes, content_type: str | None, limits: uploads.Limits) -> uploads.Batch:
    """The files a /v1/screen request carries: form parts with a file name, or one zip."""
    kind = forms.media_type(content_type)
    if kind in ("application/zip", "application/x-zip-compressed"):
        files = [("batch.zip", body)]
    elif kind == "multipart/form-data":
        files = [
            (uploads.label(p.filename, f"file-{i + 1}"), bytes(p.data))
            for i, p in enumerate(forms.multipart(body, content_type or ""))
            if p.filename is not None
        ]
    else:
        raise Problem(
            415,
            "unsupported-media-type",
            f"cannot read a body of type '{kind or 'none'}': send multipart/form-data with "
            "the files (.toml, .json, .xlsx or .zip), or application/zip",
        )
    if not files:
        raise Problem(
            400,
            "no-files",
            "no files: send one or more .toml, .json or .xlsx files, or a zip of them",
        )
    return uploads.batch(_unique(files), limits)


def _unique(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Uploads with the same name get a number, so every row names one file."""
    seen: dict[str, int] = {}
    out = []
    for name, data in files:
        seen[name] = seen.get(name, 0) + 1
        out.append((name if seen[name] == 1 else f"{name} ({seen[name]})", data))
    return out


# --- the routes -----------------------------------------------------------------------------


CHECK_BODY = {
    "requestBody": {
        "required": True,
        "description": "The application: its JSON, its TOML, its form workbook (.xlsx; "
        "a macro-enabled .xlsm is refused), or a form with the file (.toml, .json, .xlsx).",
        "content": {
            "application/json": {
                "schema": {"type": "object"},
                "example": models.example_application(),
            },
            "application/toml": {
                "schema": {"type": "string"},
                "example": '[applicant]\nname = "Kanazawa Magnet Industries K.K."\n\n'
                '[[plans]]\nid = "line-4"\ntrack = "capacity.ndfeb"\n',
            },
            XLSX: {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}
SCREEN_BODY = {
    "requestBody": {
        "required": True,
        "description": "The files (.toml, .json, .xlsx, or a .zip of them) as form parts, "
        "or one zip.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        }
                    },
                }
            },
            "application/zip": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


Checker = Callable[[Request], Awaitable[Response]]


def check_route(library: Library) -> Checker:
    """POST /v1/check, as a function of the request alone.

    The hot path of the API: the app calls it straight from the guard, without FastAPI's
    routing and parameter machinery, which cost as much again as a compact JSON response
    (``benchmarks/serve_load.py``). Query parameters are read by hand, with the refusals
    the declared route would give."""

    async def checker(request: Request) -> Response:
        query = request.query_params
        chosen = choose_lang(request, query.get("lang"))
        day = parse_as_of(query.get("as_of"))
        fmt = choose(query.get("format"), REPORT_FORMATS, "format", "json")
        pretty = choose_bool(query.get("pretty"), "pretty")
        upload = application_of(await request.body(), request.headers.get("content-type"))

        def work() -> tuple[str, str, int]:
            result = library.check(upload, as_of=day)
            if fmt == "json":
                text = library.result_json(result, chosen, pretty=pretty)
            else:
                text = library.render(result, fmt, chosen)
            return text, result.verdict, result.exit_code

        text, verdict, code = await call(library, work, inline=inline(upload), lang=chosen)
        return text_response(
            text, fmt, **{"eligibility-verdict": verdict, "eligibility-exit-code": str(code)}
        )

    return checker


def lane(checker: Checker) -> ASGIApp:
    """``checker`` as a bare ASGI app: a refusal becomes its problem response here, as the
    app's exception handler would make it."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await checker(request)
        except Problem as exc:
            response = exc.response()
        await response(scope, receive, send)

    return app


def router(library: Library, limits: uploads.Limits, checker: Checker) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["v1"])

    @api.post(
        "/check",
        summary="Check one application",
        description="Returns what `eligibility check FILE --format json` prints: the same "
        "JSON document, on one line; with pretty=true two-space indented, byte for byte as "
        "the command prints it. With format=html, text or markdown, that report. The verdict "
        "is in the body and in the `Eligibility-Verdict` header; the status is 200 whatever "
        "the verdict.",
        openapi_extra=CHECK_BODY,
        responses={
            200: {"model": models.CheckResult, "description": "the result"},
            **problems(400, 413, 415, 422),
        },
    )
    async def check(
        request: Request,
        lang: str | None = LANG_QUERY,
        as_of: str | None = AS_OF_QUERY,
        format: str | None = Query(None, description=", ".join(REPORT_FORMATS)),
        pretty: bool = PRETTY_QUERY,
    ) -> Response:
        # (the app serves this path on its short lane, `checker`, which reads the same
        # parameters; this route gives the API its schema and stands in for the lane)
        return await checker(request)

    @api.post(
        "/screen",
        summary="Screen a batch",
        description="Returns what `eligibility screen --format json` prints: one row per "
        "plan, an error row for a file that cannot be read, and the summary. With "
        "details=true, each row also names its result (an index into `results`, each file's "
        "check result) and the finding closest to its threshold.",
        openapi_extra=SCREEN_BODY,
        responses={
            200: {"model": models.ScreenResult, "description": "rows and summary"},
            **problems(400, 413, 415, 422),
        },
    )
    async def screen(
        request: Request,
        lang: str | None = LANG_QUERY,
        as_of: str | None = AS_OF_QUERY,
        format: str | None = Query(None, description=", ".join(SCREEN_FORMATS)),
        details: bool = Query(False, description="add each file's result and closest margin"),
    ) -> Response:
        chosen = choose_lang(request, lang)
        day = parse_as_of(as_of)
        fmt = choose(format, SCREEN_FORMATS, "format", "json")
        body = await request.body()
        content_type = request.headers.get("content-type")

        def work() -> str | bytes:
            files = batch_of(body, content_type, limits)
            screened = library.screen(
                files.uploads,
                fmt=fmt,
                lang=chosen,
                as_of=day,
                refused=files.refused,
            )
            if fmt == "xlsx":
                return screened.data
            if fmt != "json" or not details:
                return screened.text
            doc = json.loads(screened.text)
            doc["rows"] = screened.rows
            doc["results"] = screened.results
            return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

        report = await call(library, work, lang=chosen)
        headers = {}
        if fmt in ("csv", "html", "markdown", "xlsx"):
            suffix = {"csv": "csv", "html": "html", "markdown": "md", "xlsx": "xlsx"}[fmt]
            headers["content-disposition"] = f'attachment; filename="screening.{suffix}"'
        if isinstance(report, bytes):
            return Response(report, media_type=XLSX, headers=headers)
        return text_response(report, fmt, **headers)

    @api.get(
        "/rulesets",
        summary="The rule sets, and the rules of the one in force",
        description="What `eligibility rules --format json` prints.",
        responses=problems(400, 422),
    )
    async def rulesets(as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        listing = await call(library, lambda: library.rulesets(day))
        return json_response(listing)

    @api.get(
        "/rules/{rule_id}",
        summary="One rule explained",
        description="What `eligibility explain RULE_ID --format json` prints.",
        responses=problems(400, 404, 422),
    )
    async def explain(rule_id: str, as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        info = await call(library, lambda: library.explain(rule_id, day))
        return json_response(info)

    @api.get(
        "/tracks",
        summary="The tracks of the rule set in force",
        responses=problems(400, 422),
    )
    async def tracks(as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        return json_response(await call(library, lambda: library.tracks(day)))

    @api.get(
        "/tracks/{track_id}/template",
        summary="A blank application for a track",
        description="What `eligibility template TRACK --format FORMAT` writes: a commented "
        "TOML file, or (format=xlsx) the form workbook, with a column for each of `plans`.",
        responses={
            200: {
                "content": {
                    "application/toml": {"schema": {"type": "string"}},
                    XLSX: {"schema": {"type": "string", "format": "binary"}},
                },
                "description": "the template, as an attachment named after the track",
            },
            **problems(400, 404, 422),
        },
    )
    async def template(
        track_id: str,
        as_of: str | None = AS_OF_QUERY,
        format: str | None = Query(None, description=", ".join(TEMPLATE_FORMATS)),
        plans: int = Query(1, ge=1, le=50, description="plans the xlsx form has columns for"),
    ) -> Response:
        day = parse_as_of(as_of)
        fmt = choose(format, TEMPLATE_FORMATS, "format", "toml")
        data = await call(library, lambda: library.template_bytes(track_id, fmt, day, plans))
        return attachment(data, fmt, _safe(track_id))

    @api.post(
        "/workbook",
        summary="An application as a form workbook",
        description="The application (as for /v1/check) written into the form workbook "
        "`eligibility template TRACK --format xlsx` writes for its first plan's track: what "
        "the self-check page downloads as xlsx. Checking the workbook gives the same findings "
        "as checking the application.",
        openapi_extra=CHECK_BODY,
        responses={
            200: {
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
                "description": "the filled form, as an attachment named after the file sent "
                "(application.xlsx for a JSON or TOML body)",
            },
            **problems(400, 413, 415, 422),
        },
    )
    async def workbook(request: Request, as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        upload = application_of(await request.body(), request.headers.get("content-type"))
        data = await call(library, lambda: library.workbook(upload, day))
        return attachment(data, "xlsx", _safe(upload.name.rsplit(".", 1)[0]) or "application")

    @api.get(
        "/tracks/{track_id}/form",
        summary="What the self-check form shows for a track",
        responses=problems(400, 404, 422),
    )
    async def form(track_id: str, as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        return json_response(await call(library, lambda: library.form(track_id, day)))

    @api.get(
        "/schema",
        summary="JSON Schema of the application file",
        description="What `eligibility schema` prints.",
        responses=problems(400, 422),
    )
    async def schema(as_of: str | None = AS_OF_QUERY) -> Response:
        day = parse_as_of(as_of)
        doc = await call(library, lambda: library.schema(day))
        return json_response(doc, "application/schema+json")

    return api


def attachment(data: bytes, fmt: str, stem: str) -> Response:
    """A file to save: TOML text or a workbook, named ``stem`` with the format's suffix."""
    media = XLSX if fmt == "xlsx" else "application/toml"
    disposition = f'attachment; filename="{stem}.{fmt}"'
    return Response(data, media_type=media, headers={"content-disposition": disposition})


def json_response(data: Any, media_type: str = "application/json") -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", media_type=media_type)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:100]
