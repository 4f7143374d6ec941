"""The HTTP API as a client uses it: every endpoint, every refusal, and the same answers
as the command line."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from server_support import (
    AS_OF,
    EXAMPLE_FILES,
    EXAMPLES,
    cli,
    make_client,
    without_checked_at,
)

from eligibility.server import Settings, models

PROBLEM = "application/problem+json"


def upload(client: Any, name: str, data: bytes, **params: str) -> Any:
    return client.post("/v1/check", params=params, files={"file": (name, data)})


def assert_problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"/problems/{kind}"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


# --- /v1/check: the same as check --format json -------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_check_is_what_the_command_line_prints(
    client: Any, name: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = (EXAMPLES / name).read_bytes()
    Path(name).write_bytes(data)
    printed = cli("check", name, "--format", "json", "--lang", lang, "--as-of", AS_OF)
    response = upload(client, name, data, lang=lang, as_of=AS_OF, pretty="true")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert without_checked_at(response.text) == without_checked_at(printed.stdout)
    result = json.loads(response.text)
    assert response.headers["eligibility-verdict"] == result["verdict"]
    line = upload(client, name, data, lang=lang, as_of=AS_OF)  # for programs: one line
    assert line.status_code == 200 and line.text.count("\n") == 1 and line.text.endswith("}\n")
    document = json.loads(line.text)
    assert document.pop("checked_at") and result.pop("checked_at")
    assert document == result
    assert line.headers["eligibility-verdict"] == result["verdict"]
    assert response.headers["eligibility-exit-code"] == str(printed.exit_code)
    models.CheckResult.model_validate(result)  # the OpenAPI schema fits what is sent


def test_check_takes_the_application_as_json_or_toml(client: Any) -> None:
    import tomllib

    toml_bytes = (EXAMPLES / "recycling-program.toml").read_bytes()
    doc = tomllib.loads(toml_bytes.decode())
    as_json = client.post(
        "/v1/check",
        params={"as_of": AS_OF},
        content=json.dumps(doc, default=str),
        headers={"content-type": "application/json"},
    )
    as_json.raise_for_status()
    as_toml = client.post(
        "/v1/check",
        params={"as_of": AS_OF},
        content=toml_bytes,
        headers={"content-type": "application/toml"},
    )
    as_toml.raise_for_status()
    j, t = as_json.json(), as_toml.json()
    assert (j["file"], t["file"]) == ("application.json", "application.toml")
    assert j["verdict"] == t["verdict"] == "ineligible"
    assert j["plans"] == t["plans"]


def test_check_html_is_the_command_lines_report(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "ndfeb-line.toml"
    data = (EXAMPLES / name).read_bytes()
    Path(name).write_bytes(data)
    printed = cli("check", name, "--format", "html", "--lang", "ja", "--as-of", AS_OF)
    response = upload(client, name, data, lang="ja", as_of=AS_OF, format="html")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert without_checked_at(response.text) == without_checked_at(printed.stdout)
    csp = response.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert "unsafe-inline" not in csp


def test_check_form_field_application_for_the_print_view(client: Any) -> None:
    doc = {"applicant": {"name": "A K.K."}, "plans": [{"id": "p", "track": "capacity.ndfeb"}]}
    response = client.post(
        "/v1/check",
        params={"format": "html"},
        files={"application": (None, json.dumps(doc))},
    )
    assert response.status_code == 200
    assert "<html" in response.text and "A K.K." in response.text


@pytest.mark.parametrize(
    ("headers", "params", "japanese"),
    [
        ({}, {}, False),
        ({"accept-language": "ja-JP,ja;q=0.9,en;q=0.8"}, {}, True),
        ({"accept-language": "fr, ja;q=0.5, en;q=0.4"}, {}, True),
        ({"accept-language": "en-GB, ja;q=0.5"}, {}, False),
        ({"accept-language": "ja"}, {"lang": "en"}, False),
        ({}, {"lang": "ja"}, True),
    ],
)
def test_lang_from_the_query_else_accept_language(
    client: Any, headers: dict[str, str], params: dict[str, str], japanese: bool
) -> None:
    data = (EXAMPLES / "draft-self-check.toml").read_bytes()
    response = client.post(
        "/v1/check", params=params, headers=headers, files={"file": ("a.toml", data)}
    )
    messages = [f["message"] for p in response.json()["plans"] for f in p["findings"]]
    expected = _messages(data, "ja" if japanese else "en")
    assert messages == expected
    assert messages != _messages(data, "en" if japanese else "ja")


def _messages(data: bytes, lang: str) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        path.write_bytes(data)
        doc = json.loads(cli("check", str(path), "--format", "json", "--lang", lang).stdout)
    return [f["message"] for p in doc["plans"] for f in p["findings"]]


def test_as_of_chooses_the_rule_set_as_the_command_line_does(client: Any) -> None:
    data = (EXAMPLES / "smco-line.toml").read_bytes()
    ruleset = upload(client, "a.toml", data, as_of=AS_OF).json()["ruleset"]
    assert (ruleset["as_of"], ruleset["chosen_by"]) == (AS_OF, "as-of")
    ruleset = upload(client, "a.toml", data).json()["ruleset"]
    assert ruleset["chosen_by"] == "today"


def test_no_rule_set_in_force_is_the_command_lines_message(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.toml").write_bytes((EXAMPLES / "smco-line.toml").read_bytes())
    printed = cli("check", "a.toml", "--as-of", "2020-01-01")
    assert printed.exit_code == 2
    response = upload(client, "a.toml", Path("a.toml").read_bytes(), as_of="2020-01-01")
    body = assert_problem(response, 422, "no-ruleset")
    assert body["exit_code"] == 2
    assert printed.stderr.strip().endswith(body["detail"])
    assert "no rule set in force on 2020-01-01" in body["detail"]
    assert str(Path.cwd()) not in body["detail"] and "/rules/" not in body["detail"]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("broken.toml", b"[applicant\nname = 1\n", "broken.toml: "),
        ("empty.toml", b"   \n", "empty.toml: file is empty"),
        ("notes.txt", b"x = 1\n", "notes.txt: unknown file type '.txt'"),
        ("noplans.json", b'{"applicant": {"name": "x"}}', "noplans.json: "),
        ("deep.json", b"[" * 5000 + b"]" * 5000, "deep.json: "),
    ],
)
def test_unreadable_application_is_422_with_the_command_lines_message(
    client: Any,
    name: str,
    data: bytes,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(data)
    printed = cli("check", name)
    assert printed.exit_code == 2
    body = assert_problem(upload(client, name, data), 422, "unreadable-application")
    assert body["detail"].startswith(says)
    assert printed.stderr.strip() == f"error: {body['detail']}"
    assert body["exit_code"] == 2


def test_a_file_name_is_a_label_not_a_path(client: Any) -> None:
    data = (EXAMPLES / "smco-line.toml").read_bytes()
    result = upload(client, "../../etc/passwd/../line.toml", data).json()
    assert result["file"] == "line.toml"


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("kwargs", "status", "kind"),
    [
        (
            {"content": b"x", "headers": {"content-type": "image/png"}},
            415,
            "unsupported-media-type",
        ),
        ({"content": b"x"}, 415, "unsupported-media-type"),
        ({"files": {"other": ("a.toml", b"x")}}, 400, "bad-form"),
        ({"data": {"nothing": "x"}}, 400, "bad-form"),
        (
            {"content": b"--x\r\n", "headers": {"content-type": "multipart/form-data"}},
            400,
            "bad-form",
        ),
        ({"content": b"{}", "headers": JSON, "params": {"lang": "fr"}}, 400, "bad-parameter"),
        (
            {"content": b"{}", "headers": JSON, "params": {"as_of": "2026-13-01"}},
            400,
            "bad-parameter",
        ),
        (
            {"content": b"{}", "headers": JSON, "params": {"as_of": "tomorrow"}},
            400,
            "bad-parameter",
        ),
        ({"content": b"{}", "headers": JSON, "params": {"format": "pdf"}}, 400, "bad-parameter"),
        ({"content": b"{}", "headers": JSON, "params": {"pretty": "maybe"}}, 400, "bad-parameter"),
    ],
)
def test_check_refusals_are_problems(
    client: Any, kwargs: dict[str, Any], status: int, kind: str
) -> None:
    assert_problem(client.post("/v1/check", **kwargs), status, kind)


def test_check_on_its_short_lane_answers_as_the_declared_route(app: Any) -> None:
    """POST /v1/check is served straight from the guard; the route FastAPI declares for
    it (its schema) answers the same, refusals included."""
    from fastapi import FastAPI
    from server_support import TestClient

    async def through_fastapi(scope: Any, receive: Any, send: Any) -> None:
        await FastAPI.__call__(app, scope, receive, send)  # routing, without the short lane

    data = (EXAMPLES / "smco-line.toml").read_bytes()
    answers = []
    for served in (app, through_fastapi):
        with TestClient(served, raise_server_exceptions=False) as c:
            fine = upload(c, "a.toml", data, as_of=AS_OF, lang="ja")
            bad = c.post("/v1/check", params={"lang": "fr"}, content=b"{}", headers=JSON)
            doc = fine.json()
            doc.pop("checked_at")
            answers.append((fine.status_code, fine.headers["eligibility-verdict"], doc, bad.json()))
    assert answers[0] == answers[1]
    assert answers[0][1] == "eligible" and answers[0][3]["type"] == "/problems/bad-parameter"


def test_body_larger_than_the_command_lines_file_limit_is_413(client: Any) -> None:
    from eligibility.application.reader import DEFAULT_MAX_BYTES

    big = b"#" * (DEFAULT_MAX_BYTES + 128 * 1024)
    response = client.post("/v1/check", content=big, headers={"content-type": "application/toml"})
    body = assert_problem(response, 413, "too-large")
    assert f"{DEFAULT_MAX_BYTES + 64 * 1024:,}" in body["detail"]

    def chunks():  # no Content-Length: the limit holds while the body streams in
        for _ in range(80):
            yield b"#" * 65536

    response = client.post(
        "/v1/check", content=chunks(), headers={"content-type": "application/toml"}
    )
    assert_problem(response, 413, "too-large")


def test_a_file_just_over_the_limit_is_the_readers_refusal(client: Any) -> None:
    small = make_client(Settings(max_bytes=1000))
    body = assert_problem(upload(small, "a.toml", b"#" * 1001), 422, "unreadable-application")
    assert body["detail"] == "a.toml: file is 1,001 bytes; the limit is 1,000 bytes"


# --- /v1/screen ------------------------------------------------------------------------------


def _screen_cli(tmp_path: Path, names: list[str], fmt: str, monkeypatch: Any) -> str:
    monkeypatch.chdir(tmp_path)
    for name in names:
        Path(name).write_bytes((EXAMPLES / name).read_bytes())
    return cli("screen", *names, "--format", fmt, "--as-of", AS_OF, "--jobs", "1").stdout


def _files(names: list[str]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (n, (EXAMPLES / n).read_bytes())) for n in names]


def test_screen_is_what_the_command_line_prints(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = EXAMPLE_FILES
    printed = json.loads(_screen_cli(tmp_path, names, "json", monkeypatch))
    response = client.post("/v1/screen", params={"as_of": AS_OF}, files=_files(names))
    assert response.status_code == 200
    served = response.json()
    models.ScreenResult.model_validate(served)
    for doc in (printed, served):
        doc.pop("checked_at")
    assert served == printed


@pytest.mark.parametrize("fmt", ["csv", "html", "markdown", "table"])
def test_screen_formats_are_the_command_lines(
    client: Any, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["ndfeb-line.toml", "draft-self-check.toml"]
    printed = _screen_cli(tmp_path, names, fmt, monkeypatch)
    response = client.post(
        "/v1/screen", params={"as_of": AS_OF, "format": fmt}, files=_files(names)
    )
    assert response.status_code == 200
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    # (the test runner reads the command's output with universal newlines: CSV's CRLF as LF)
    assert stamp.sub("T", response.text.replace("\r\n", "\n")) == stamp.sub("T", printed)
    if fmt == "csv":
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="screening.csv"'


def test_screen_details_give_each_rows_result_and_closest_margin(client: Any) -> None:
    names = ["recycling-program.toml", "ndfeb-line.toml"]
    files = [*_files(names), ("files", ("bad.toml", b"[[["))]
    response = client.post("/v1/screen", params={"details": "true"}, files=files)
    doc = models.ScreenResult.model_validate(response.json())
    assert doc.results is not None and len(doc.results) == 3
    assert doc.results[2] is None
    by_plan = {row.plan: row for row in doc.rows}
    solvent = by_plan["solvent-rnd"]
    assert solvent.verdict == "ineligible"
    assert solvent.closest is not None and solvent.closest.relative < 0
    result = doc.results[solvent.result or 0]
    assert result is not None and result.file == "recycling-program.toml"
    assert by_plan["line-4"].closest is not None and by_plan["line-4"].closest.relative >= 0
    error = next(row for row in doc.rows if row.verdict == "error")
    assert error.file == "bad.toml" and error.error and error.error.startswith("bad.toml: ")


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_screen_a_zip_member_names_are_labels(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = (EXAMPLES / "smco-line.toml").read_bytes()
    archive = _zip(
        {
            "batch/a.toml": data,
            "../../outside.toml": data,
            "/etc/absolute.json": b"{}",
            "notes.txt": b"ignored, as screen ignores it in a folder",
            "batch/": b"",
        }
    )
    response = client.post("/v1/screen", files=[("files", ("apps.zip", archive))])
    rows = response.json()["rows"]
    assert [r["file"] for r in rows] == [
        "apps.zip:batch/a.toml",
        "apps.zip:../../outside.toml",
        "apps.zip:/etc/absolute.json",
    ]
    assert [r["verdict"] for r in rows] == ["eligible", "eligible", "error"]
    assert list(tmp_path.iterdir()) == []  # nothing was written anywhere near
    raw = client.post("/v1/screen", content=archive, headers={"content-type": "application/zip"})
    assert raw.json()["rows"][0]["file"] == "batch.zip:batch/a.toml"


def test_zip_bomb_is_refused(client: Any) -> None:
    bomb = _zip({"bomb.toml": b"#" * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000
    body = assert_problem(
        client.post("/v1/screen", files=[("files", ("b.zip", bomb))]), 413, "zip-bomb"
    )
    assert "b.zip:bomb.toml" in body["detail"]


def test_zip_limits_on_expansion_members_and_size() -> None:
    from eligibility.server import uploads
    from eligibility.server.problems import Problem

    stored = _zip({f"{i}.toml": b"x" * 5000 for i in range(5)}, zipfile.ZIP_STORED)
    with pytest.raises(Problem) as caught:
        uploads.batch([("a.zip", stored)], uploads.Limits(max_bytes=10_000, max_expanded=12_000))
    assert caught.value.kind == "zip-too-large"
    with pytest.raises(Problem) as caught:
        uploads.batch([("a.zip", stored)], uploads.Limits(max_bytes=10_000, max_members=3))
    assert caught.value.kind == "batch-too-large"
    batch = uploads.batch([("a.zip", stored)], uploads.Limits(max_bytes=4000))
    assert batch.uploads == []
    name, refusal = batch.refused[0]
    assert name == "a.zip:0.toml"
    assert refusal.en == "a.zip:0.toml: file is more than 4,000 bytes; the limit is 4,000 bytes"
    assert refusal.ja == "a.zip:0.toml: ファイルが 4,000 超 バイトあります。上限は 4,000 バイトです"


def test_screen_member_too_big_is_an_error_row_and_the_batch_carries_on() -> None:
    small = make_client(Settings(max_bytes=5000))
    data = (EXAMPLES / "smco-line.toml").read_bytes()
    archive = _zip({"big.toml": b"#" * 6000 + b"\n", "ok.toml": data}, zipfile.ZIP_STORED)
    rows = small.post("/v1/screen", files=[("files", ("z.zip", archive))]).json()["rows"]
    assert [(r["file"], r["verdict"]) for r in rows] == [
        ("z.zip:big.toml", "error"),
        ("z.zip:ok.toml", "eligible"),
    ]
    assert "the limit is 5,000 bytes" in rows[0]["error"]


def test_refusals_and_error_rows_speak_the_language_asked_for() -> None:
    """Under ``lang=ja`` a file the server cannot read is refused in Japanese, and a batch's
    error rows are Japanese, as ``check`` and ``screen`` give them under ``--lang ja``."""
    small = make_client(Settings(max_bytes=5000))
    bad = b"[[plans]]\nenergy_product = 46 MGOe\n"
    answer = small.post("/v1/check?lang=ja", files={"file": ("bad.toml", bad)})
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "bad.toml: TOML として読めません：2 行 21 列：値の後には改行が必要です（一行に キー = 値 を"
        '一つ）。文字や単位付きの数値は二重引用符で囲みます：energy_product = "46 MGOe"'
    )
    archive = _zip({"big.toml": b"#" * 6000 + b"\n", "bad.toml": bad}, zipfile.ZIP_STORED)
    rows = small.post("/v1/screen?lang=ja", files=[("files", ("z.zip", archive))]).json()["rows"]
    errors = {r["file"]: r["error"] for r in rows}
    assert errors["z.zip:big.toml"] == (
        "z.zip:big.toml: ファイルが 5,000 超 バイトあります。上限は 5,000 バイトです"
    )
    assert errors["z.zip:bad.toml"].startswith("z.zip:bad.toml: TOML として読めません：2 行 21 列")
    english = small.post("/v1/screen", files=[("files", ("z.zip", archive))]).json()["rows"]
    assert {r["error"] for r in english} == {
        "z.zip:big.toml: file is more than 5,000 bytes; the limit is 5,000 bytes",
        "z.zip:bad.toml: not valid TOML: line 2, column 21: Expected newline or end of document "
        "after a statement. Text and figures with a unit are written in double quotes: "
        'energy_product = "46 MGOe"',
    }


@pytest.mark.parametrize(
    ("kwargs", "status", "kind"),
    [
        ({"files": [("files", ("bad.zip", b"PK\x03\x04 not a zip"))]}, 422, "unreadable-zip"),
        ({"files": {"x": (None, "y")}}, 400, "no-files"),
        (
            {"content": b"{}", "headers": {"content-type": "application/json"}},
            415,
            "unsupported-media-type",
        ),
        (
            {"files": [("files", ("a.toml", b""))], "params": {"format": "pdf"}},
            400,
            "bad-parameter",
        ),
    ],
)
def test_screen_refusals_are_problems(
    client: Any, kwargs: dict[str, Any], status: int, kind: str
) -> None:
    assert_problem(client.post("/v1/screen", **kwargs), status, kind)


def test_screen_same_names_are_told_apart(client: Any) -> None:
    data = (EXAMPLES / "smco-line.toml").read_bytes()
    files = [("files", ("a.toml", data)), ("files", ("a.toml", data))]
    rows = client.post("/v1/screen", files=files).json()["rows"]
    assert [r["file"] for r in rows] == ["a.toml", "a.toml (2)"]


# --- describing the rules ----------------------------------------------------------------------


def test_rulesets_is_the_rules_listing(client: Any) -> None:
    printed = json.loads(cli("rules", "--format", "json", "--as-of", AS_OF).stdout)
    served = client.get("/v1/rulesets", params={"as_of": AS_OF}).json()
    assert served["rules"] == printed["rules"]
    assert served["ruleset"]["sha256"] == printed["ruleset"]["sha256"]
    assert [s["version"] for s in served["rulesets"]] == [s["version"] for s in printed["rulesets"]]
    assert all(not s["path"].startswith("/") for s in served["rulesets"])


def test_rule_is_explain(client: Any) -> None:
    rule = "capacity.ndfeb.energy_product"
    printed = json.loads(cli("explain", rule, "--format", "json").stdout)
    assert client.get(f"/v1/rules/{rule}").json() == printed


def test_unknown_rule_is_404_with_the_suggestion(client: Any) -> None:
    printed = cli("explain", "capacity.ndfeb.energy_prodcut")
    body = assert_problem(
        client.get("/v1/rules/capacity.ndfeb.energy_prodcut"), 404, "unknown-rule"
    )
    assert "capacity.ndfeb.energy_product" in body["detail"]
    assert printed.stderr.strip().endswith(body["detail"])


def test_template_is_the_command_lines(client: Any) -> None:
    printed = cli("template", "capacity.ndfeb").stdout
    response = client.get("/v1/tracks/capacity.ndfeb/template")
    assert response.text == printed
    assert response.headers["content-type"].startswith("application/toml")
    assert 'filename="capacity.ndfeb.toml"' in response.headers["content-disposition"]


def test_unknown_track_is_404(client: Any) -> None:
    body = assert_problem(client.get("/v1/tracks/capacity.ndfe/template"), 404, "unknown-track")
    assert "capacity.ndfeb" in body["detail"]  # the suggestion
    assert_problem(client.get("/v1/tracks/nope/form"), 404, "unknown-track")


def test_schema_is_the_command_lines(client: Any) -> None:
    response = client.get("/v1/schema")
    assert response.text == cli("schema").stdout
    assert response.headers["content-type"] == "application/schema+json"


def test_tracks_and_form(client: Any) -> None:
    tracks = client.get("/v1/tracks").json()
    assert "capacity.ndfeb" in [t["id"] for t in tracks]
    form = client.get("/v1/tracks/capacity.ndfeb/form").json()
    fields = {f["path"]: f for f in form["fields"]}
    energy = fields["magnet.energy_product"]
    assert "kJ/m" in energy["accepts"] and energy["example"]
    assert energy["rules"][0]["source"] and energy["rules"][0]["threshold"].startswith("≥")


# --- the rest ------------------------------------------------------------------------------------


def test_healthz(client: Any) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["ruleset"].startswith("permanent-magnets ")


def test_openapi_lists_every_route_with_examples(client: Any) -> None:
    doc = client.get("/openapi.json").json()
    for path in (
        "/v1/check",
        "/v1/screen",
        "/v1/rulesets",
        "/v1/rules/{rule_id}",
        "/v1/tracks/{track_id}/template",
        "/v1/schema",
        "/healthz",
    ):
        assert path in doc["paths"], path
    check = doc["paths"]["/v1/check"]["post"]
    assert check["requestBody"]["content"]["application/json"]["example"]["plans"]
    assert PROBLEM in check["responses"]["422"]["content"]
    assert "CheckResult" in doc["components"]["schemas"]
    assert "/" not in doc["paths"]  # pages are not API


def test_unknown_route_and_method_are_problems(client: Any) -> None:
    assert_problem(client.get("/v2/check"), 404, "not-found")
    assert_problem(client.get("/v1/check"), 405, "method-not-allowed")


def test_a_backdated_application_gets_the_same_notice_as_on_the_command_line(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the server checks uploads through the same library call as `check`: the revision
    # chosen, its notices and a submission date before every revision are decided once
    body = (EXAMPLES / "ndfeb-line.toml").read_text(encoding="utf-8")
    body = body.replace("[applicant]\n", "[applicant]\nsubmitted = 2020-01-01\n", 1)
    (tmp_path / "early.toml").write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed = json.loads(cli("check", "early.toml", "--format", "json").stdout)
    served = upload(client, "early.toml", body.encode()).json()
    for doc in (printed, served):
        (finding,) = [f for f in doc["applicant"]["findings"] if f["rule"] == "applicant.submitted"]
        assert finding["status"] == "invalid"
    assert served["applicant"] == printed["applicant"]
    assert served["verdict"] == printed["verdict"]
