"""The `outcomes` command's options: --strict, --indicators (a file, or versions chosen by
--as-of), --rules, --format html (printable, charts inline, every input text escaped)."""

from __future__ import annotations

import csv
import inspect
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from eligibility.outcomes.indicators import default_indicators_path, default_indicators_root

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "outcomes"
RULES = REPO / "rules" / "permanent-magnets" / "2025-06"
SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str) -> Result:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


GOOD = (
    '[report]\noperator = "A K.K."\nfiscal_year = "R10年度"\n\n[[plans]]\nid = "l1"\n'
    'track = "capacity.ndfeb"\ntarget = "600 t/yr"\nactual = "600 t/yr"\n'
)


def test_strict_exits_1_on_findings_and_0_without(tmp_path: Path) -> None:
    assert run("outcomes", str(EXAMPLES)).exit_code == 0
    assert run("outcomes", str(EXAMPLES), "--strict").exit_code == 1
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    assert run("outcomes", str(good), "--strict").exit_code == 0


def test_strict_lets_notices_pass(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")  # the same twice: a notice
    result = run("outcomes", str(tmp_path), "--strict", "--format", "json")
    assert result.exit_code == 0
    assert '"status": "notice"' in result.stdout


def _copy_indicators(folder: Path, version: str, effective: str, title: str) -> None:
    text = default_indicators_path().read_text(encoding="utf-8")
    text = text.replace("effective_from = 2026-03-31", f"effective_from = {effective}", 1)
    text = text.replace('version = "2026-03-31"', f'version = "{version}"', 1)
    text = text.replace(
        'title_en = "Permanent-magnet supply-chain program: outcome indicators"',
        f'title_en = "{title}"',
        1,
    )
    (folder / version).mkdir(parents=True)
    (folder / version / "indicators.toml").write_text(text, encoding="utf-8")


def test_indicators_from_a_file_of_ones_own(tmp_path: Path) -> None:
    _copy_indicators(tmp_path, "mine", "2026-03-31", "Our own indicators")
    result = run(
        "outcomes", str(EXAMPLES), "--indicators", str(tmp_path / "mine" / "indicators.toml")
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("Our own indicators (permanent-magnets-outcomes mine)")


def test_as_of_chooses_the_indicator_set_in_force(tmp_path: Path) -> None:
    _copy_indicators(tmp_path, "2026-03-31", "2026-03-31", "First")
    _copy_indicators(tmp_path, "2027-04-01", "2027-04-01", "Revised")

    def first_line(*extra: str) -> str:
        result = run("outcomes", str(EXAMPLES), "--indicators", str(tmp_path), *extra)
        assert result.exit_code == 0, result.stderr
        return result.stdout.splitlines()[0]

    assert first_line("--as-of", "2027-03-31").startswith("First ")
    assert first_line("--as-of", "2027-04-01").startswith("Revised ")
    early = run("outcomes", str(EXAMPLES), "--indicators", str(tmp_path), "--as-of", "2026-01-01")
    assert early.exit_code == 2
    assert "no indicators in force on 2026-01-01" in early.stderr


def test_the_shipped_indicators_are_versioned_by_folder() -> None:
    path = default_indicators_path()
    assert path.parent.parent == default_indicators_root()
    assert path.parent.name == "2026-03-31"


def test_rules_and_as_of_choose_the_rule_set_the_motors_are_checked_against() -> None:
    result = run("outcomes", str(EXAMPLES), "--rules", str(RULES), "--as-of", "2026-12-01")
    assert result.exit_code == 0
    assert "motors checked with rule set permanent-magnets 2025-06" in result.stdout
    before = run("outcomes", str(EXAMPLES), "--rules", str(RULES), "--as-of", "2020-01-01")
    assert before.exit_code == 2 and "no rule set in force on 2020-01-01" in before.stderr


def test_html_is_one_printable_page_with_the_charts_inline() -> None:
    result = run("outcomes", str(EXAMPLES), "--format", "html")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<svg ") == 6
    assert "@media print" in page and "<script" not in page
    assert "size: A4" in page and "counter(pages)" in page  # A4 pages, numbered
    assert "Superseded reports" in page and "Findings" in page
    # each inline chart is well-formed SVG
    for chunk in page.split("<svg ")[1:]:
        ET.fromstring("<svg " + chunk.split("</svg>")[0] + "</svg>")


def test_html_escapes_every_piece_of_input_text(tmp_path: Path) -> None:
    evil = "<script>alert('x')</script> & <b>"
    text = GOOD.replace("A K.K.", evil) + (
        f'\n[[ev_models]]\nname = "{evil}"\nmaker = "<i>M</i>"\nheavy_rare_earth_free = true\n'
    )
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "statistics.toml", tmp_path / "s.toml")
    result = run("outcomes", str(tmp_path), "--format", "html")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "<i>M</i>" not in result.stdout
    assert "&lt;script&gt;" in result.stdout and "&lt;i&gt;M&lt;/i&gt;" in result.stdout


def test_html_in_japanese() -> None:
    result = run("outcomes", str(EXAMPLES), "--format", "html", "--lang", "ja")
    assert result.exit_code == 0
    assert '<html lang="ja">' in result.stdout and "置き換えられた報告" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_every_format_says_how_n_nen_jiten_is_read(fmt: str) -> None:
    result = run("outcomes", str(EXAMPLES), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        assert ",2031-03-31," in result.stdout  # as_at of FY2030
    else:
        assert "2031-03-31" in result.stdout and "2030-12-31" in result.stdout


def test_schema_of_stage_gates() -> None:
    result = run("outcomes", "--schema", "stage_gates")
    assert result.exit_code == 0
    assert '"required": [\n    "stage_gates"\n  ]' in result.stdout


def test_csv_neutralises_a_source_name_that_would_start_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A status report's file name comes from outside the office: in the CSV it is text."""
    folder = tmp_path / "outcomes"
    shutil.copytree(EXAMPLES, folder)
    for report in (folder / "reports").glob("*.toml"):
        report.rename(report.with_name("=HYPERLINK(" + report.name))
    monkeypatch.chdir(folder / "reports")
    names = sorted(p.name for p in Path().glob("*.toml"))
    result = run("outcomes", *names, "../statistics.toml", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    sources = [r["sources"] for r in rows if r["sources"]]
    assert sources and not any(s.startswith("=") for s in sources)
    assert any(s.startswith("'=HYPERLINK(") for s in sources)
    assert result.stdout_bytes.count(b"\r\n") == len(rows) + 1  # records end as Excel writes
