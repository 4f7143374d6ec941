"""What the server promises about safety: headers, limits, no stack trace, nothing of an
application kept, written or logged."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from typing import Any

import httpx
import pytest
from server_support import EXAMPLES, make_client

from eligibility.server import Settings, create_app

SECRET = "Himitsu Magnet Works K.K."


def _application() -> bytes:
    data = (EXAMPLES / "ndfeb-line.toml").read_text(encoding="utf-8")
    return data.replace("Kanazawa Magnet Industries K.K.", SECRET).encode()


def _large_application() -> bytes:
    """Large enough to be checked in a thread, where the time limit can answer for it (a
    small one is checked on the event loop, in milliseconds)."""
    from eligibility.server.api import INLINE_BYTES

    return _application() + b"#" * INLINE_BYTES + b"\n"


@pytest.mark.parametrize("path", ["/", "/workbench", "/rules", "/healthz", "/v1/schema", "/nope"])
def test_every_response_carries_the_security_headers(client: Any, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_or_style(client: Any) -> None:
    import re

    for path in ("/", "/?lang=en", "/workbench", "/rules"):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert "<style" not in page and " style=" not in page, path
        assert re.search(r" on[a-z]+=", page) is None, path  # no inline event handlers


def test_a_defect_is_a_bare_500_problem_and_logs_no_content(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(Settings())
    library = client.app.state.library  # type: ignore[attr-defined]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"defect while reading {SECRET}")

    monkeypatch.setattr(library, "check", broken)
    with caplog.at_level(logging.INFO, logger="eligibility.server"):
        response = client.post(
            "/v1/check", content=_application(), headers={"content-type": "application/toml"}
        )
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/internal-error"
    assert SECRET not in response.text and "RuntimeError" not in response.text
    assert "Traceback" not in response.text and "File " not in response.text
    assert SECRET not in caplog.text
    assert "internal error RuntimeError" in caplog.text  # the log says what, for a report


def test_logs_carry_a_hash_not_the_application(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import hashlib

    data = _application()
    with caplog.at_level(logging.INFO, logger="eligibility.server"):
        response = client.post("/v1/check", files={"file": ("secret.toml", data)})
        client.post("/v1/screen", files=[("files", ("secret.toml", data))])
    assert response.status_code == 200
    assert SECRET not in caplog.text and "capacity_increase" not in caplog.text
    assert "POST /v1/check 200" in caplog.text
    assert "body=" in caplog.text
    assert hashlib.sha256(data).hexdigest() not in caplog.text  # the body's, not the file's


def test_an_application_never_reaches_the_disk(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_disk(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a temporary file was made for a request")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, no_disk)
    padded = _application() + b"#" * (2 * 1024 * 1024) + b"\n"  # above a 1 MB spool
    response = client.post("/v1/check", files={"file": ("big.toml", padded)})
    assert response.status_code == 200, response.text
    response = client.post("/v1/screen", files=[("files", ("big.toml", padded))])
    assert response.json()["rows"][0]["verdict"] == "eligible"


def test_a_request_over_the_time_limit_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(Settings(time_limit=0.2))
    library = client.app.state.library  # type: ignore[attr-defined]
    checked = library.check

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.6)
        return checked(*args, **kwargs)

    monkeypatch.setattr(library, "check", slow)
    started = time.perf_counter()
    response = client.post("/v1/check", files={"file": ("a.toml", _large_application())})
    assert time.perf_counter() - started < 0.55
    assert response.status_code == 503
    body = response.json()
    assert body["type"] == "/problems/time-limit" and "0.2 s" in body["detail"]


def test_more_requests_than_the_concurrency_limit_get_503(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(max_concurrent=2))
    checked = app.state.library.check

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return checked(*args, **kwargs)

    monkeypatch.setattr(app.state.library, "check", slow)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await asyncio.gather(
                *(c.post("/v1/check", files={"file": ("a.toml", _application())}) for _ in range(5))
            )

    statuses = sorted(r.status_code for r in asyncio.run(burst()))
    assert statuses == [200, 200, 503, 503, 503]


def test_the_rules_root_comes_from_start_up_not_from_a_request(client: Any) -> None:
    response = client.get("/v1/rulesets", params={"rules": "/etc"})
    assert response.status_code == 200
    assert "/etc" not in response.text
    response = client.post(
        "/v1/check",
        params={"ruleset": "/etc"},
        files={"file": ("/etc/passwd", b"x")},
    )
    assert response.json()["detail"].startswith("passwd: unknown file type")


def test_a_client_gone_before_its_body_arrived_gets_nothing_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = create_app(Settings())
    called: list[object] = []
    monkeypatch.setattr(app.state.library, "check", lambda *a, **k: called.append(a))
    messages = iter(
        [
            {"type": "http.request", "body": b'{"applicant": ', "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/check",
        "raw_path": b"/v1/check",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    assert called == [] and sent == []
