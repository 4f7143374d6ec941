"""Outcomes as a workbook: one value per cell, units and the era year in cells of their own,
native charts drawn from the year sheet, and no formula from an input file."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from eligibility.outcomes import measure
from eligibility.outcomes.render.formats import render_bytes
from eligibility.outcomes.render.xlsx import STATUS_FILLS, to_xlsx
from eligibility.outcomes.statuses import Status
from eligibility.rendering.formats import OutcomesFormat

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "outcomes"


@pytest.fixture(scope="module")
def outcomes() -> measure.Outcomes:
    return measure.compute_files([EXAMPLES])


@pytest.fixture(scope="module")
def workbook_ja(outcomes: measure.Outcomes) -> bytes:
    return to_xlsx(outcomes, "ja")


def _rows(ws) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_the_sheets_in_both_languages(outcomes: measure.Outcomes, workbook_ja: bytes) -> None:
    en = openpyxl.load_workbook(io.BytesIO(to_xlsx(outcomes, "en")))
    assert en.sheetnames == [
        "indicators",
        "years",
        "sources",
        "charts",
        "findings",
        "inputs",
        "statuses",
        "provenance",
    ]
    ja = openpyxl.load_workbook(io.BytesIO(workbook_ja))
    assert ja.sheetnames[:4] == ["指標", "年度別", "根拠ファイル", "グラフ"]
    for name in ja.sheetnames:
        ws = ja[name]
        if name in ("グラフ", "出典"):
            continue
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert not ws.merged_cells.ranges


def test_one_value_per_cell_with_units_and_both_years(outcomes: measure.Outcomes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(outcomes, "en")))
    rows = _rows(book["years"])
    assert len(rows) == len(outcomes.rows)
    by_key = {(r["indicator"], r["fiscal year (Western)"]): r for r in rows}
    share = by_key[("short.capacity_plans", 2026)]
    assert share["fiscal year (era)"] == "R8年度"
    assert (share["value"], share["unit"], share["exact value"]) == (75, "%", "3/4")
    assert share["target"] == 100 and share["status"] == "behind"
    count = by_key[("short.motors_developed", 2026)]
    assert (count["value"], count["unit"], count["target"]) == (1, "count", 2)
    ratio = by_key[("long.capacity_vs_demand", 2024)]
    assert ratio["value"] == pytest.approx(6100 / 7000 * 100, abs=1e-4)
    assert isinstance(ratio["value"], float) and ratio["exact value"] == "61/70"
    sources = _rows(book["sources"])
    assert len(sources) == sum(len(r.sources) for r in outcomes.rows)
    assert all(";" not in str(s["file"]) for s in sources)  # one file a row
    indicators = {r["indicator"]: r for r in _rows(book["indicators"])}
    first = indicators["short.capacity_plans"]
    assert (first["target"], first["target year (Western)"], first["target year (era)"]) == (
        100,
        2028,
        "R10年度",
    )
    assert first["result"] == "missed" and first["result value"] == 50


def test_statuses_are_coloured(outcomes: measure.Outcomes) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(outcomes, "en")))["years"]
    column = [c.value for c in ws[1]].index("status") + 1
    seen = set()
    for r in range(2, ws.max_row + 1):
        status = Status(ws.cell(r, column).value)
        assert ws.cell(r, column).fill.fgColor.rgb == "00" + STATUS_FILLS[status]
        seen.add(status)
    assert {Status.ON_TRACK, Status.BEHIND, Status.MISSED} <= seen


def _chart_refs(data: bytes) -> list[tuple[str, list[str], list[str]]]:
    """Each chart's title, its series' value ranges and its category ranges."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(
            (n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        for name in names:
            xml = z.read(name).decode("utf-8")
            title = re.search(r"<a:t>([^<]*)</a:t>", xml)
            values = re.findall(r"<val><numRef><f>([^<]*)</f>", xml)
            categories = re.findall(r"<cat><multiLvlStrRef><f>([^<]*)</f>", xml)
            out.append((title.group(1) if title else "", values, categories))
    return out


def test_each_indicator_has_a_native_chart_drawn_from_its_years(
    outcomes: measure.Outcomes, workbook_ja: bytes
) -> None:
    charts = _chart_refs(workbook_ja)
    with_values = [
        ind
        for ind in outcomes.indicators.indicators
        if any(r.value is not None for r in outcomes.rows_for(ind.id))
    ]
    assert len(charts) == len(with_values) >= 1
    ws = openpyxl.load_workbook(io.BytesIO(workbook_ja))["年度別"]
    for ind, (title, values, categories) in zip(with_values, charts, strict=True):
        assert title.startswith(f"{ind.id}: {ind.title.ja}")
        rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ind.id]
        first, last = rows[0], rows[-1]
        assert values[0] == f"'年度別'!$E${first}:$E${last}"  # the values, as bars
        assert values[1] == f"'年度別'!$H${first}:$H${last}"  # the target, as a line
        if any(r.trajectory is not None for r in outcomes.rows_for(ind.id)):
            assert values[2] == f"'年度別'!$I${first}:$I${last}"
        assert set(categories) == {f"'年度別'!$B${first}:$C${last}"}  # Western over era year
    assert _drawing_sheets(workbook_ja) == ["グラフ"]  # the charts have a sheet of their own


def _drawing_sheets(data: bytes) -> list[str]:
    """The names of the sheets that hold drawings (charts), followed through the package's
    relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        targets = {
            rid: target.lstrip("/").removeprefix("xl/")
            for target, rid in re.findall(r'Target="([^"]+)" Id="([^"]+)"', rels)
        }
        names = []
        for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]* r:id="([^"]+)"', book):
            part = targets[rid]
            sheet_rels = f"xl/worksheets/_rels/{part.rsplit('/', 1)[-1]}.rels"
            if sheet_rels in z.namelist() and b"drawing" in z.read(sheet_rels):
                names.append(name)
    return names


def test_bars_take_the_colour_of_their_status(outcomes: measure.Outcomes) -> None:
    from eligibility.outcomes.render.chart import COLOURS

    with zipfile.ZipFile(io.BytesIO(to_xlsx(outcomes, "en"))) as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    first = outcomes.indicators.indicators[0]
    statuses = [r.status for r in outcomes.rows_for(first.id) if r.value is not None]
    bars = re.findall(r'<dPt><idx val="\d+" /><spPr><a:solidFill><a:srgbClr val="(\w+)"', xml)
    assert bars == [COLOURS[s].lstrip("#") for s in statuses]


def test_text_from_an_input_is_never_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "outcomes"
    shutil.copytree(EXAMPLES, folder)
    report = folder / "reports" / "chubu-motor-FY2026.toml"
    text = report.read_text(encoding="utf-8")
    text = text.replace('operator = "Chubu Motor Systems K.K."', 'operator = "=HYPERLINK(1)"')
    text = text.replace('[[motors]]\nid = "motor-A"', '[[motors]]\nid = "@SUM(A1)"')
    report.rename(folder / "=cmd.toml")
    (folder / "=cmd.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)  # the file is named "=cmd.toml" in every cell that names it
    data = to_xlsx(measure.compute_files(["=cmd.toml", "reports", "stage-gates.toml"]), "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any(c.value == "=cmd.toml" for c in cells)
    assert any("=HYPERLINK(1) @SUM(A1)" in str(c.value) for c in cells)
    assert all(c.data_type != "f" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)


def test_the_command_writes_the_workbook_and_refuses_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "outcomes.xlsx"
    result = CliRunner().invoke(
        main, ["outcomes", str(EXAMPLES), "--format", "xlsx", "-o", str(target), "--lang", "ja"]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target).sheetnames[0] == "指標"
    over = CliRunner().invoke(
        main, ["outcomes", str(EXAMPLES), "-o", str(EXAMPLES / "statistics.toml")]
    )
    assert over.exit_code == 2 and "is one of the input files" in over.output
    assert OutcomesFormat.XLSX.binary and not OutcomesFormat.CSV.binary
    assert render_bytes(measure.compute_files([EXAMPLES]), OutcomesFormat.CSV, "en").startswith(
        b"indicator,"
    )
