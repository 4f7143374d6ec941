"""Every workbook the tool writes opens in LibreOffice and survives being saved again by it:
result, screening, outcomes (with its charts), rules diff, impact and the record export.
Skipped where LibreOffice (soffice) is not installed; failed under CI."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from components import require

from eligibility import api, record
from eligibility.describe.diff import diff
from eligibility.describe.diff_workbook import diff_workbook
from eligibility.impact import compute
from eligibility.impact.report import Impact
from eligibility.impact.workbook import impact_workbook
from eligibility.outcomes import measure
from eligibility.outcomes.render.xlsx import to_xlsx
from eligibility.record.export import xlsx_bytes
from eligibility.rendering.formats.xlsx import XlsxBatchWriter, result_workbook
from eligibility.ruleset.loader import load_ruleset, load_with_overrides
from eligibility.screening.batch import Summary, rows_of

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
RULE = "capacity.ndfeb.capacity_increase"


def _workbooks(folder: Path) -> dict[str, bytes]:
    base = load_ruleset(SHIPPED)
    overrides = folder / "raise.toml"
    overrides.write_text(f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n', encoding="utf-8")
    reform = load_with_overrides(SHIPPED, overrides)
    changes = diff(base, reform)
    impact = Impact(base, reform, changes["thresholds"])
    for rows in compute.run([str(p) for p in EXAMPLES], base, reform, frozenset({RULE}), 1):
        impact.add(rows)
    stream = io.BytesIO()
    writer = XlsxBatchWriter(stream, "ja", dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    summary = Summary()
    with record.open(folder / "decisions.sqlite") as rec:
        for example in EXAMPLES:
            result = api.check_file(example, base)
            rec.add(result)
            rows = rows_of(result)
            summary.add(rows)
            writer.rows(rows)
        decisions, _ = xlsx_bytes(rec.decisions(record.Filters()))
    writer.end(summary)
    return {
        "result": result_workbook(api.check_file(EXAMPLES[0], base), "en"),
        "screening": stream.getvalue(),
        "outcomes": to_xlsx(measure.compute_files([REPO / "examples" / "outcomes"]), "ja"),
        "diff": diff_workbook(changes, base, reform),
        "impact": impact_workbook(impact),
        "decisions": decisions,
    }


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], Path]:
    """The workbooks as written, and the folder of LibreOffice's copies of them."""
    require(SOFFICE is not None, "LibreOffice (soffice)")
    src = tmp_path_factory.mktemp("written")
    out = tmp_path_factory.mktemp("libreoffice")
    books = _workbooks(src)
    for name, data in books.items():
        (src / f"{name}.xlsx").write_bytes(data)
    profile = tmp_path_factory.mktemp("profile")
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *(str(src / f"{name}.xlsx") for name in books),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert b"Error" not in done.stderr, done.stderr
    return books, out


@pytest.mark.parametrize("name", ["result", "screening", "outcomes", "diff", "impact", "decisions"])
def test_libreoffice_opens_and_saves_the_workbook(
    name: str, converted: tuple[dict[str, bytes], Path]
) -> None:
    books, out = converted
    ours = openpyxl.load_workbook(io.BytesIO(books[name]))
    theirs = openpyxl.load_workbook(out / f"{name}.xlsx")
    assert theirs.sheetnames == ours.sheetnames
    for sheet in ours.sheetnames:
        mine = [[c.value for c in row] for row in ours[sheet].iter_rows()]
        saved = [[c.value for c in row] for row in theirs[sheet].iter_rows()]
        assert len(saved) == len(mine), sheet
        assert saved == mine, sheet  # cell for cell: no text became a formula or a number
        if ours[sheet].auto_filter.ref:
            assert theirs[sheet].auto_filter.ref == ours[sheet].auto_filter.ref, sheet


def test_the_outcome_charts_survive_libreoffice(converted: tuple[dict[str, bytes], Path]) -> None:
    books, out = converted
    with zipfile.ZipFile(io.BytesIO(books["outcomes"])) as z:
        ours = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    with zipfile.ZipFile(out / "outcomes.xlsx") as z:
        theirs = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        first = z.read(sorted(theirs)[0]).decode("utf-8")
    assert len(theirs) == len(ours) >= 1
    assert "年度別" in first and "$E$2" in first  # still drawn from the year sheet's values
