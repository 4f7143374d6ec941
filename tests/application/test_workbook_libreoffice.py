"""Forms saved by LibreOffice read as forms written by openpyxl do, and the result workbooks
the tool writes open in LibreOffice. Skipped where LibreOffice (soffice) is not installed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tomllib
from pathlib import Path

import openpyxl
import pytest
from components import require
from test_workbook_roundtrip import EXAMPLES, SHIPPED, as_workbook, example_id, file_name, outline
from xlsx_forms import fill_form

from eligibility import api
from eligibility.describe.workbook import template_workbook
from eligibility.rendering.formats.xlsx import XlsxBatchWriter, result_workbook
from eligibility.screening.batch import Summary, rows_of

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(autouse=True)
def _libreoffice() -> None:
    require(SOFFICE is not None, "LibreOffice (soffice)")


def _formula_form(ruleset) -> bytes:  # type: ignore[no-untyped-def]
    doc = tomllib.loads((EXAMPLES[0].parent / "ndfeb-line.toml").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(
        io.BytesIO(fill_form(template_workbook(ruleset, "capacity.ndfeb"), doc))
    )
    ws = book["申請"]
    row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "plans.magnet.energy_product"
    )
    ws.cell(row, 6).value = "=300+90"  # saved by openpyxl without a value; LibreOffice computes it
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def saved_by_libreoffice(ruleset, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Every example as a form, a form with a formula, and a result workbook, each opened and
    saved again as .xlsx by LibreOffice in one run."""
    src = tmp_path_factory.mktemp("openpyxl")
    out = tmp_path_factory.mktemp("libreoffice")
    files = [as_workbook(example, ruleset, src) for example in SHIPPED]
    formula = src / "formula.xlsx"
    formula.write_bytes(_formula_form(ruleset))
    result = src / "result.xlsx"
    result.write_bytes(result_workbook(api.check_file(EXAMPLES[0], ruleset), "ja"))
    batch = src / "batch.xlsx"
    stream = io.BytesIO()
    writer = XlsxBatchWriter(stream, "en", dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    summary = Summary()
    for example in EXAMPLES:
        rows = rows_of(api.check_file(example, ruleset))
        summary.add(rows)
        writer.rows(rows)
    writer.end(summary)
    batch.write_bytes(stream.getvalue())
    profile = tmp_path_factory.mktemp("profile")
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *(str(f) for f in [*files, formula, result, batch]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


@pytest.mark.parametrize("example", SHIPPED, ids=example_id)
def test_a_form_saved_by_libreoffice_checks_as_the_toml(
    example: Path,
    saved_by_libreoffice: Path,
    ruleset,  # type: ignore[no-untyped-def]
) -> None:
    saved = saved_by_libreoffice / file_name(example)
    assert outline(api.check_file(saved, ruleset)) == outline(api.check_file(example, ruleset))


def test_libreoffice_saves_the_value_of_a_formula(saved_by_libreoffice: Path, ruleset) -> None:  # type: ignore[no-untyped-def]
    result = api.check_file(saved_by_libreoffice / "formula.xlsx", ruleset)
    energy = next(f for f in result.plans[0].findings if f.rule == "capacity.ndfeb.energy_product")
    assert (energy.status, energy.given) == ("pass", "390 kJ/m^3")


def test_a_result_workbook_opens_in_libreoffice(saved_by_libreoffice: Path) -> None:
    book = openpyxl.load_workbook(saved_by_libreoffice / "result.xlsx")
    assert book.sheetnames == ["計画", "指摘", "出典"]
    findings = book["指摘"]
    rules = {findings.cell(r, 3).value for r in range(2, findings.max_row + 1)}
    assert "capacity.ndfeb.coercivity" in rules


def test_a_screening_workbook_opens_in_libreoffice(saved_by_libreoffice: Path) -> None:
    book = openpyxl.load_workbook(saved_by_libreoffice / "batch.xlsx")
    assert book.sheetnames == ["plans", "findings", "provenance"]
    plans = book["plans"]
    files = {Path(plans.cell(r, 1).value).name for r in range(2, plans.max_row + 1)}
    assert files == {p.name for p in EXAMPLES}
    assert plans.auto_filter.ref == f"A1:K{plans.max_row}"
    # (frozen panes are a view setting, which LibreOffice without a window does not save)
