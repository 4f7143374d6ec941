"""Workbooks over HTTP: a form workbook checked as `check FORM.xlsx` checks it, screened in a
batch or a zip, the blank form as `template --format xlsx` writes it, an application written
into the form, and the limits a workbook (a zip) is read under."""

from __future__ import annotations

import io
import json
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from server_support import AS_OF, EXAMPLE_FILES, EXAMPLES, cli, without_checked_at

from eligibility import api
from eligibility.application import workbook_layout as layout
from eligibility.describe.filled_workbook import filled_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEM = "application/problem+json"


def as_form(name: str, ruleset: Any) -> bytes:
    doc = tomllib.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return filled_workbook(ruleset, doc, name)


def problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"/problems/{kind}"
    assert "Traceback" not in response.text
    return dict(body)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- /v1/check ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_check_of_a_form_is_what_the_command_line_prints(
    client: Any, ruleset: Any, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    form = Path(name).with_suffix(".xlsx").name
    data = as_form(name, ruleset)
    Path(form).write_bytes(data)
    printed = cli("check", form, "--format", "json", "--as-of", AS_OF)
    assert printed.stdout.startswith("{"), printed.stderr
    params = {"as_of": AS_OF, "pretty": "true"}
    response = client.post("/v1/check", params=params, files={"file": (form, data)})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert without_checked_at(response.text) == without_checked_at(printed.stdout)
    assert response.headers["eligibility-verdict"] == json.loads(response.text)["verdict"]
    line = client.post("/v1/check", params={"as_of": AS_OF}, files={"file": (form, data)})
    document, result = json.loads(line.text), json.loads(printed.stdout)
    assert document.pop("checked_at") and result.pop("checked_at")
    assert document == result
    assert '"cell"' in response.text or "申請!" in response.text  # findings name their cells


def test_check_takes_a_workbook_as_the_body(client: Any, ruleset: Any) -> None:
    data = as_form("smco-line.toml", ruleset)
    response = client.post("/v1/check", content=data, headers={"content-type": XLSX})
    assert response.status_code == 200
    result = response.json()
    assert result["file"] == "application.xlsx"
    assert result["verdict"] == "eligible"


def test_a_macro_enabled_workbook_is_refused_as_on_the_command_line(
    client: Any, ruleset: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = as_form("smco-line.toml", ruleset)
    Path("form.xlsm").write_bytes(data)
    printed = cli("check", "form.xlsm")
    assert printed.exit_code == 2
    body = problem(
        client.post("/v1/check", files={"file": ("form.xlsm", data)}),
        422,
        "unreadable-application",
    )
    assert "macro" in body["detail"]
    assert printed.stderr.strip() == f"error: {body['detail']}"
    macro_type = "application/vnd.ms-excel.sheet.macroEnabled.12"
    response = client.post("/v1/check", content=data, headers={"content-type": macro_type})
    assert "macro" in problem(response, 422, "unreadable-application")["detail"]


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """``data`` (a workbook) with one more member in its package."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ("member", "content", "says"),
    [
        ("xl/vbaProject.bin", b"\x00" * 100, "macro"),
        ("xl/bomb.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>", "zip bomb"),
        (
            "xl/entity.xml",
            b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
            "DOCTYPE or ENTITY",
        ),
    ],
)
def test_a_hostile_workbook_is_refused_with_the_readers_message(
    client: Any, ruleset: Any, member: str, content: bytes, says: str
) -> None:
    hostile = _with_member(as_form("smco-line.toml", ruleset), member, content)
    assert len(hostile) < 200_000  # a small upload: the limit is on what it unpacks to
    body = problem(
        client.post("/v1/check", files={"file": ("form.xlsx", hostile)}),
        422,
        "unreadable-application",
    )
    assert body["detail"].startswith("form.xlsx: ") and says in body["detail"]


def test_a_broken_workbook_is_unreadable_not_a_crash(client: Any) -> None:
    for data in (b"PK\x03\x04 not a zip", b"", _zip({"a.txt": b"x"})):
        body = problem(
            client.post("/v1/check", files={"file": ("form.xlsx", data)}),
            422,
            "unreadable-application",
        )
        assert body["detail"].startswith("form.xlsx: ")


def test_a_workbook_over_the_file_limit_is_413(client: Any) -> None:
    big = b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024)
    problem(client.post("/v1/check", content=big, headers={"content-type": XLSX}), 413, "too-large")


# --- /v1/screen ---------------------------------------------------------------------------------


def test_screen_reads_workbooks_uploaded_and_in_a_zip(client: Any, ruleset: Any) -> None:
    recycling = (EXAMPLES / "recycling-program.toml").read_bytes()
    as_toml = client.post("/v1/screen", files=[("files", ("r.toml", recycling))]).json()["rows"]
    verdicts = [(r["plan"], r["verdict"]) for r in as_toml]
    assert {v for _, v in verdicts} >= {"eligible", "ineligible"}
    form = as_form("recycling-program.toml", ruleset)
    toml = (EXAMPLES / "smco-line.toml").read_bytes()
    files = [("files", ("recycling.xlsx", form)), ("files", ("smco.toml", toml))]
    rows = client.post("/v1/screen", files=files).json()["rows"]
    assert [(r["plan"], r["verdict"]) for r in rows if r["file"] == "recycling.xlsx"] == verdicts
    assert [r["verdict"] for r in rows if r["file"] == "smco.toml"] == ["eligible"]
    archive = _zip({"forms/recycling.xlsx": form, "forms/macro.xlsm": form})
    rows = client.post("/v1/screen", files=[("files", ("batch.zip", archive))]).json()["rows"]
    by_file: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        by_file.setdefault(r["file"], []).append((r["plan"], r["verdict"]))
    assert by_file["batch.zip:forms/recycling.xlsx"] == verdicts
    assert [v for _, v in by_file["batch.zip:forms/macro.xlsm"]] == ["error"]  # not skipped
    error = next(r for r in rows if r["file"] == "batch.zip:forms/macro.xlsm")
    assert "macro" in error["error"]


def test_screen_a_workbook_is_one_application_not_a_batch_zip(client: Any, ruleset: Any) -> None:
    form = as_form("smco-line.toml", ruleset)
    rows = client.post("/v1/screen", files=[("files", ("f.xlsx", form))]).json()["rows"]
    assert {r["file"] for r in rows} == {"f.xlsx"}  # not f.xlsx:xl/worksheets/…


def test_screen_xlsx_is_the_workbook_screen_writes(client: Any) -> None:
    files = [("files", (n, (EXAMPLES / n).read_bytes())) for n in EXAMPLE_FILES]
    response = client.post("/v1/screen", params={"format": "xlsx"}, files=files)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"] == 'attachment; filename="screening.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert all(name in cells for name in EXAMPLE_FILES)


# --- templates and forms ------------------------------------------------------------------------


def test_template_xlsx_is_the_form_the_command_line_writes(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli("template", "capacity.ndfeb", "--format", "xlsx", "--plans", "2", "-o", "cli.xlsx")
    response = client.get(
        "/v1/tracks/capacity.ndfeb/template", params={"format": "xlsx", "plans": "2"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"] == 'attachment; filename="capacity.ndfeb.xlsx"'

    def cells(data: bytes) -> list[Any]:
        ws = openpyxl.load_workbook(io.BytesIO(data))[layout.FORM_SHEET]
        return [row for row in ws.iter_rows(values_only=True)]

    assert cells(response.content) == cells(Path("cli.xlsx").read_bytes())
    result = client.post("/v1/check", files={"file": ("blank.xlsx", response.content)}).json()
    assert result["verdict"] == "incomplete"


def test_template_refusals_are_problems(client: Any) -> None:
    url = "/v1/tracks/capacity.ndfeb/template"
    assert (
        "toml, xlsx"
        in problem(client.get(url, params={"format": "pdf"}), 400, "bad-parameter")["detail"]
    )
    problem(client.get(url, params={"format": "xlsx", "plans": "0"}), 400, "bad-parameter")
    problem(client.get(url, params={"format": "xlsx", "plans": "51"}), 400, "bad-parameter")
    problem(client.get("/v1/tracks/nope/template?format=xlsx"), 404, "unknown-track")


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_workbook_of_an_application_checks_as_the_application(
    client: Any, ruleset: Any, name: str
) -> None:
    data = (EXAMPLES / name).read_bytes()
    response = client.post(
        "/v1/workbook", content=data, headers={"content-type": "application/toml"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert 'filename="application.xlsx"' in response.headers["content-disposition"]
    as_toml = api.check_bytes(data, name, ruleset)
    as_form = api.check_bytes(response.content, "form.xlsx", ruleset)

    def findings(result: Any) -> list[tuple[Any, ...]]:
        return [
            (p.id, f.rule, f.status, f.value, f.margin) for p in result.plans for f in p.findings
        ]

    assert as_form.verdict == as_toml.verdict
    assert findings(as_form) == findings(as_toml)


def test_workbook_of_the_self_check_json_names_the_file_it_was_sent_as(client: Any) -> None:
    doc = {
        "applicant": {"name": "Kanazawa Magnet Industries K.K."},
        "plans": [
            {
                "id": "line-4",
                "track": "capacity.ndfeb",
                "magnet": {"energy_product": "390 kJ/m^3", "grain_boundary_diffusion": True},
            }
        ],
    }
    response = client.post("/v1/workbook", json=doc)
    ws = openpyxl.load_workbook(io.BytesIO(response.content))[layout.FORM_SHEET]
    rows = {ws.cell(r, layout.KEY_COLUMN).value: r for r in range(1, ws.max_row + 1)}
    energy = rows["plans.magnet.energy_product"]
    value = layout.value_column(0)
    assert ws.cell(energy, value).value == 390  # a number Excel can compute with
    assert ws.cell(energy, layout.unit_column(0)).value == "kJ/m^3"
    named = client.post("/v1/workbook", files={"file": ("line-4.toml", b'[applicant]\nname="x"\n')})
    problem(named, 422, "unreadable-application")  # no plan: no track to write a form for
    toml = (EXAMPLES / "smco-line.toml").read_bytes()
    named = client.post("/v1/workbook", files={"file": ("smco.toml", toml)})
    assert 'filename="smco.xlsx"' in named.headers["content-disposition"]


@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ({"applicant": {"name": "x"}, "plans": [{"id": "a", "track": "nope"}]}, "plans[0].track"),
        ({"applicant": {"name": "x"}, "plans": [{"id": "a"}]}, "not set"),
        (
            {
                "applicant": {"name": "x"},
                "plans": [{"id": "a", "track": "capacity.ndfeb", "l": []}],
            },
            "a list",
        ),
    ],
)
def test_workbook_refusals_are_problems(client: Any, doc: dict[str, Any], says: str) -> None:
    body = problem(client.post("/v1/workbook", json=doc), 422, "unreadable-application")
    assert says in body["detail"]
    problem(
        client.post("/v1/workbook", content=b"x", headers={"content-type": "image/png"}),
        415,
        "unsupported-media-type",
    )


def test_openapi_documents_workbooks(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert XLSX in paths["/v1/check"]["post"]["requestBody"]["content"]
    template = paths["/v1/tracks/{track_id}/template"]["get"]
    assert XLSX in template["responses"]["200"]["content"]
    assert {p["name"] for p in template["parameters"]} >= {"format", "plans"}
    workbook = paths["/v1/workbook"]["post"]
    assert XLSX in workbook["responses"]["200"]["content"]
    assert PROBLEM in workbook["responses"]["422"]["content"]
    assert ".xlsx" in paths["/v1/screen"]["post"]["requestBody"]["description"]
