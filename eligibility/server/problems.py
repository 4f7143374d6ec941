"""Errors as ``application/problem+json`` (RFC 9457): one shape for every refusal.

``detail`` carries the command line's own message (what ``eligibility`` prints after
``error:``), so a person reads the same words in a terminal and in a browser. ``type`` is a
relative URI naming the kind of problem; ``exit_code`` is what the command line would exit
with, for a client that maps the two.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}


class Problem(Exception):
    """A refusal a route raises; the app turns it into a problem+json response."""

    def __init__(
        self,
        status: int,
        kind: str,
        detail: str,
        *,
        title: str | None = None,
        exit_code: int | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.title = title or TITLES.get(status, "Error")
        self.exit_code = exit_code
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": f"/problems/{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.exit_code is not None:
            out["exit_code"] = self.exit_code
        out.update(self.extra)
        return out

    def response(self) -> Response:
        return problem_response(self.status, self.body(), self.headers)


def problem_response(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False) + "\n",
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def problem_bytes(status: int, kind: str, detail: str) -> bytes:
    """The body of a problem sent before the app runs (by the request guard)."""
    return (
        json.dumps(
            {
                "type": f"/problems/{kind}",
                "title": TITLES.get(status, "Error"),
                "status": status,
                "detail": detail,
            },
            ensure_ascii=False,
        )
        + "\n"
    ).encode()


def openapi_problem() -> dict[str, Any]:
    """The problem+json schema, for the OpenAPI document's error responses."""
    return {
        "content": {
            MEDIA_TYPE: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "exit_code": {"type": "integer"},
                    },
                    "required": ["type", "title", "status", "detail"],
                },
                "example": {
                    "type": "/problems/unreadable-application",
                    "title": "Unprocessable content",
                    "status": 422,
                    "detail": "application.json: not valid JSON: Expecting value "
                    "(line 1, column 1)",
                    "exit_code": 2,
                },
            }
        }
    }
