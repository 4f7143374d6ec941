"""Result workbooks: the sheets a reviewer sorts and filters, and no formula from an applicant."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import TYPE_STRING

from eligibility import api
from eligibility.application.workbook import read_workbook_bytes
from eligibility.application.workbook_layout import display_width
from eligibility.rendering.formats.xlsx import COLOURS, XlsxBatchWriter, result_workbook
from eligibility.screening.batch import Summary, rows_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = """
[applicant]
name = "=HYPERLINK(\\"http://x.invalid\\",\\"click\\")"

[[plans]]
id = "=1+1"
track = "capacity.ndfeb"
title = "@SUM(A1)\\u0007bell"
"""


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(ws, header: str) -> int:  # type: ignore[no-untyped-def]
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def test_a_result_has_plans_findings_and_provenance_sheets(ruleset) -> None:  # type: ignore[no-untyped-def]
    result = api.check_file(EXAMPLES / "recycling-program.toml", ruleset)
    book = _open(result_workbook(result, "en"))
    assert book.sheetnames == ["plans", "findings", "provenance"]
    plans = book["plans"]
    assert [plans.cell(r, 3).value for r in range(2, plans.max_row + 1)] == [
        "furnace-2",
        "solvent-rnd",
    ]
    verdict = _column(plans, "verdict")
    for r in range(2, plans.max_row + 1):
        v = plans.cell(r, verdict).value
        assert plans.cell(r, verdict).fill.fgColor.rgb == "00" + COLOURS[v]
    for ws in (plans, book["findings"]):
        assert ws.freeze_panes == "A2"
        assert (
            ws.auto_filter.ref
            == f"A1:{ws.cell(ws.max_row, ws.max_column).column_letter}{ws.max_row}"
        )
    findings = book["findings"]
    heads = [findings.cell(1, c).value for c in range(1, findings.max_column + 1)]
    for head in ("given", "value", "threshold", "margin", "what would pass", "source", "note"):
        assert head in heads
    count = sum(len(p.findings) for p in result.plans)
    assert findings.max_row == count + 1
    info = {r[0].value: r[1].value for r in book["provenance"].iter_rows()}
    assert info["rule set sha256"] == ruleset.sha256
    assert info["file sha256"] == result.file_sha256


def test_japanese_sheets_and_widths_that_fit_japanese_text(ruleset) -> None:  # type: ignore[no-untyped-def]
    result = api.check_file(EXAMPLES / "ndfeb-line.toml", ruleset)
    book = _open(result_workbook(result, "ja"))
    assert book.sheetnames == ["計画", "指摘", "出典"]
    findings = book["指摘"]
    message = _column(findings, "内容")
    longest = max(display_width(str(c.value)) for c in list(findings.iter_cols())[message - 1])
    assert findings.column_dimensions[findings.cell(1, message).column_letter].width == min(
        60, longest + 2
    )
    assert display_width("最大エネルギー積") == 16


def test_applicant_text_is_never_a_formula(tmp_path: Path, ruleset) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    data = result_workbook(api.check_file(path, ruleset), "en")
    book = _open(data)
    plans = book["plans"]
    assert plans.cell(2, 2).value == '=HYPERLINK("http://x.invalid","click")'
    assert plans.cell(2, 2).data_type == TYPE_STRING
    assert plans.cell(2, 3).value == "=1+1"
    assert plans.cell(2, 3).data_type == TYPE_STRING
    assert plans.cell(2, 5).value == "@SUM(A1)\\u0007bell"  # a control character is shown
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml


def test_a_screened_batch_as_a_workbook(ruleset) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    writer = XlsxBatchWriter(out, "en", dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    summary = Summary()
    writer.begin()
    for name in ("draft-self-check.toml", "ndfeb-line.toml"):
        rows = rows_of(api.check_file(EXAMPLES / name, ruleset))
        summary.add(rows)
        writer.rows(rows)
    writer.end(summary)
    book = _open(out.getvalue())
    plans = book["plans"]
    assert [plans.cell(r, 6).value for r in range(2, plans.max_row + 1)] == [
        "incomplete",
        "eligible",
    ]
    findings = book["findings"]
    files = {Path(findings.cell(r, 1).value).name for r in range(2, findings.max_row + 1)}
    assert files == {"draft-self-check.toml", "ndfeb-line.toml"}
    info = {r[0].value: r[1].value for r in book["provenance"].iter_rows()}
    assert info["checked at"] == "2026-04-01T00:00:00Z"
    assert info["incomplete"] == "1" and info["eligible"] == "1"


def test_a_result_workbook_is_not_mistaken_for_a_form(ruleset) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from eligibility.errors import ApplicationReadError

    data = result_workbook(api.check_file(EXAMPLES / "ndfeb-line.toml", ruleset), "en")
    with pytest.raises(ApplicationReadError, match="no sheet has the form's header"):
        read_workbook_bytes(data, "result.xlsx")
