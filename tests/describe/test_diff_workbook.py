"""`rules diff --format xlsx`: the thresholds that changed with their fields and notes, every
change a row, the provenance of both rule sets; a note is text, never a formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cli import main
from eligibility.rendering.sheet import CHANGE_COLOURS

SHIPPED = Path(__file__).resolve().parents[2] / "rules" / "permanent-magnets" / "2025-06"
RULE = "capacity.ndfeb.capacity_increase"


def _revision(tmp_path: Path) -> Path:
    """A revision of the shipped rule set raising one threshold, with a hostile note."""
    folder = tmp_path / "2027-04"
    result = CliRunner().invoke(
        main,
        ["rules", "new", "2027-04", "--effective-from", "2027-04-01", "--into", str(tmp_path)],
        env={"ELIGIBILITY_RULES": str(SHIPPED.parent)},
    )
    assert result.exit_code == 0, result.output
    with (folder / "ruleset.toml").open("a", encoding="utf-8") as f:
        f.write(
            f'\n[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n'
            'note_ja = "=HYPERLINK(1) 新基準"\nnote_en = "@SUM(A1) new threshold"\n'
        )
    return folder


def test_the_workbook_of_a_revision(tmp_path: Path) -> None:
    revision = _revision(tmp_path)
    out = tmp_path / "diff.xlsx"
    args = ["rules", "diff", str(SHIPPED), str(revision), "--format", "xlsx", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["基準値の変更 thresholds", "変更点 changes", "出典 provenance"]
    thresholds = book["基準値の変更 thresholds"]
    head = [c.value for c in thresholds[1]]
    assert head[:5] == [
        "規則 / rule",
        "区分 / track",
        "項目 / fields",
        "旧基準値 / old threshold",
        "新基準値 / new threshold",
    ]
    row = dict(zip(head, next(thresholds.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["規則 / rule"], row["項目 / fields"]) == (RULE, "capacity_increase")
    assert (row["旧基準値 / old threshold"], row["新基準値 / new threshold"]) == (
        "≥ 500 t/yr",
        "≥ 0.6 kt/yr",
    )
    assert row["注記 / note (ja)"] == "=HYPERLINK(1) 新基準"
    changes = book["変更点 changes"]
    found = {(r[1], r[2], r[3]) for r in changes.iter_rows(min_row=2, values_only=True)}
    assert ("changed", RULE, "threshold") in found and ("changed", RULE, "note_en") in found
    for r in range(2, changes.max_row + 1):
        assert changes.cell(r, 2).fill.fgColor.rgb == "00" + CHANGE_COLOURS["changed"]
    for ws in (thresholds, changes):
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    info = dict(book["出典 provenance"].iter_rows(values_only=True))
    assert info["変更前 / from version"] == "2025-06" and info["変更後 / to version"] == "2027-04"
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)


def test_a_text_diff_can_go_to_a_file(tmp_path: Path) -> None:
    revision = _revision(tmp_path)
    out = tmp_path / "diff.md"
    args = ["rules", "diff", str(SHIPPED), str(revision), "--format", "markdown", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "## Thresholds" in out.read_text(encoding="utf-8")
