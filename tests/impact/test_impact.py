"""The impact of a reform on a batch: what changes, per track, nearest each threshold, in every
format, with applicant text made inert in each."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from eligibility.impact import compute, escape
from eligibility.impact.report import WRITERS, Impact
from eligibility.ruleset.loader import load_ruleset, load_with_overrides

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
RULE = "capacity.ndfeb.capacity_increase"
HOSTILE = '=HYPERLINK("http://x")|<b>x</b> ![](http://t/i.png) *\x1b[2J'

PLAN = """\
[[plans]]
id = "{id}"
track = "capacity.ndfeb"
capacity_increase = "{capacity}"

[plans.magnet]
material = "NdFeB"
energy_product = "46 MGOe"
coercivity = "20 kOe"
measured_at = "20 degC"
"""


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ELIGIBILITY_RULES", str(tmp_path / "none"))
    folder = tmp_path / "apps"
    folder.mkdir()
    for name, capacity in (
        ("a", "550 t/yr"),
        ("b", "590 t/yr"),
        ("c", "800 t/yr"),
        ("d", "400 t/yr"),
    ):
        text = f"[applicant]\nname = {json.dumps(HOSTILE if name == 'a' else name)}\n\n"
        text += PLAN.format(id=f"plan-{name}", capacity=capacity)
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text("[[plans]\n", encoding="utf-8")
    return folder


@pytest.fixture
def reform(tmp_path: Path) -> Path:
    path = tmp_path / "raise.toml"
    path.write_text(f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n', encoding="utf-8")
    return path


def _impact(batch: Path, reform: Path, jobs: int) -> Impact:
    base = load_ruleset(SHIPPED)
    new = load_with_overrides(SHIPPED, reform)
    thresholds = [{"rule": RULE, "from": "≥ 500 t/yr", "to": "≥ 0.6 kt/yr"}]
    impact = Impact(base, new, thresholds, nearest=2)
    files = sorted(str(p) for p in batch.iterdir())
    for rows in compute.run(files, base, new, frozenset({RULE}), jobs):
        impact.add(rows)
    return impact


@pytest.mark.parametrize("jobs", [1, 2])
def test_changed_plans_matrix_and_nearest(batch: Path, reform: Path, jobs: int) -> None:
    impact = _impact(batch, reform, jobs)
    assert (impact.files, impact.plans, len(impact.errors)) == (5, 4, 1)
    assert [(r.plan, r.baseline, r.reform) for r in impact.changed] == [
        ("plan-a", "eligible", "ineligible"),
        ("plan-b", "eligible", "ineligible"),
    ]
    (change,) = impact.changed[0].changes
    assert (change.rule, change.baseline, change.reform) == (RULE, "pass", "fail")
    assert impact.matrix["capacity.ndfeb"] == {
        ("eligible", "ineligible"): 2,
        ("eligible", "eligible"): 1,
        ("ineligible", "ineligible"): 1,
    }
    nearest = [(r.plan, m.reform) for r, m in impact.nearest_to(RULE)]
    assert nearest == [("plan-b", "−0.01 kt/yr"), ("plan-a", "−0.05 kt/yr")]


def test_every_format_keeps_applicant_text_inert(batch: Path, reform: Path) -> None:
    impact = _impact(batch, reform, 1)
    doc = json.loads(WRITERS["json"](impact))
    assert doc["changed"][0]["applicant"] == HOSTILE  # JSON carries the raw value
    rows = list(csv.reader(io.StringIO(WRITERS["csv"](impact))))
    assert rows[1][1] == "'" + HOSTILE
    md = WRITERS["markdown"](impact)
    assert "![](" not in md and "<b>" not in md and "\x1b" not in md
    assert "\\|&lt;b\\>x&lt;/b\\>" in md
    html_out = WRITERS["html"](impact)
    assert "<b>x</b>" not in html_out and "&lt;b&gt;x&lt;/b&gt;" in html_out
    table = WRITERS["table"](impact)
    assert "\x1b" not in table and "\\x1b[2J" in table


def test_escapers() -> None:
    for start in "=+-@\t\r":
        assert escape.csv_cell(start + "1") == "'" + start + "1"
    assert escape.csv_cell("plain") == "plain"
    assert escape.markdown_cell("a|b *c* [x](y) <i>") == "a\\|b \\*c\\* \\[x\\]\\(y\\) &lt;i\\>"
    assert escape.terminal("a\x1b]52;c;x\x07b\u202e") == "a\\x1b]52;c;x\\x07b\\u202e"


def test_the_command_with_a_file_of_overrides(batch: Path, reform: Path, tmp_path: Path) -> None:
    out = tmp_path / "impact.csv"
    result = CliRunner().invoke(
        main,
        [
            "impact",
            str(batch),
            "--baseline",
            str(SHIPPED),
            "--reform",
            str(reform),
            "-j",
            "1",
            "--format",
            "csv",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert {r["plan"] for r in rows if r["plan"]} == {"plan-a", "plan-b"}
    assert any(r["error"] for r in rows)  # the unreadable file is named, not skipped
    table = CliRunner().invoke(
        main, ["impact", str(batch), "--baseline", "2025-06", "--reform", str(reform), "-j", "1"]
    )
    assert table.exit_code == 0
    assert table.output.startswith(
        "impact of permanent-magnets 2025-06+raise against 2025-06: 2 of 4 plans change verdict"
    )
    bad = CliRunner().invoke(main, ["impact", str(batch), "--baseline", "1999", "--reform", "x"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: 1999: neither a rule set folder")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_impact_record_keeps_both_results_of_each_file(
    batch: Path, reform: Path, tmp_path: Path, jobs: str
) -> None:
    from eligibility import record

    db = tmp_path / "decisions.sqlite"
    args = ["impact", str(batch), "--baseline", str(SHIPPED), "--reform", str(reform)]
    result = CliRunner().invoke(main, [*args, "-j", jobs, "--record", str(db)])
    assert result.exit_code == 0, result.output
    with record.open(db, create=False) as rec:
        decisions = list(rec.decisions())
        assert record.verify(rec).intact
    readable = sorted(p.name for p in batch.iterdir() if p.name != "broken.toml")
    assert sorted({Path(d.input_name).name for d in decisions}) == readable
    notes = sorted(d.note.split(";")[0] for d in decisions)
    assert notes == sorted(
        ["impact baseline 2025-06" for _ in readable]
        + [f"impact reform 2025-06+{reform.stem}" for _ in readable]
    )


def _sheet_rows(ws) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return list(ws.iter_rows(min_row=2, values_only=True))


def test_the_workbook_counts_verdicts_and_lists_each_change(
    batch: Path, reform: Path, tmp_path: Path
) -> None:
    import zipfile

    import openpyxl

    from eligibility.rendering.sheet import COLOURS

    out = tmp_path / "impact.xlsx"
    args = ["impact", str(batch), "--baseline", str(SHIPPED), "--reform", str(reform)]
    result = CliRunner().invoke(main, [*args, "-j", "1", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "集計 counts",
        "判定の変化 verdict changes",
        "判定の遷移 transitions",
        "基準値の変更 thresholds",
        "基準値に近い計画 nearest",
        "確認できないファイル not checked",
        "出典 provenance",
    ]
    counts = {r[0]: r[1:] for r in _sheet_rows(book["集計 counts"])}
    assert counts["eligible"] == (3, 1, -2)  # plans a and b fall short of 0.6 kt/yr
    assert counts["ineligible"] == (1, 3, 2)  # plan d (400 t/yr) was already
    assert counts["error"] == (1, 1, 0)  # broken.toml
    changed = book["判定の変化 verdict changes"]
    rows = _sheet_rows(changed)
    assert {(r[2], r[4], r[5], r[6]) for r in rows} == {
        ("plan-a", "eligible", "ineligible", RULE),
        ("plan-b", "eligible", "ineligible", RULE),
    }
    assert HOSTILE.replace("\x1b", "\\u001b") in [r[1] for r in rows]  # whole, as text
    for r in range(2, changed.max_row + 1):
        for column in (5, 6):
            verdict = changed.cell(r, column).value
            assert changed.cell(r, column).fill.fgColor.rgb == "00" + COLOURS[verdict]
    for ws in book.worksheets[:-1]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)


def test_the_html_report_prints_on_a4_with_verdicts_coloured(batch: Path, reform: Path) -> None:
    page = WRITERS["html"](_impact(batch, reform, 1))
    assert "@page{size:A4" in page and "counter(pages)" in page
    assert '<td class="eligible">eligible</td>' in page
    assert '<td class="ineligible">ineligible</td>' in page


# --- what a file from outside the office can do to an impact run ------------------------------


def _many_plans(path: Path, plans: int = 1000) -> Path:
    """An application of ``plans`` plans, each with a capacity of its own, so each is read
    and judged anew under both rule sets."""
    text = '[applicant]\nname = "Big K.K."\n\n' + "".join(
        PLAN.format(id=f"p{i}", capacity=f"{600 + i} t/yr") for i in range(plans)
    )
    path.write_text(text, encoding="utf-8")
    return path


def _command(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        main, ["impact", *args, "--baseline", str(SHIPPED), "--format", "csv", "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))


def test_a_file_over_the_time_limit_is_an_error_row_and_the_run_carries_on(
    batch: Path, reform: Path, tmp_path: Path
) -> None:
    big = _many_plans(tmp_path / "big.toml")
    rows = _command(str(big), str(batch / "a.toml"), "--reform", str(reform), "--time-limit", "0.1")
    errors = {r["file"]: r["error"] for r in rows if r["error"]}
    assert errors == {str(big): f"{big}: took longer than 0.1 s; skipped"}
    assert [r["plan"] for r in rows if r["file"] == str(batch / "a.toml")] == ["plan-a"]


def test_a_file_over_the_memory_limit_is_an_error_row(
    reform: Path, memory_hungry_application: Path
) -> None:
    # a fresh process, as for screen's memory test: the limit counts from a worker's start
    big = memory_hungry_application
    code = "import sys; from cli import main; sys.exit(main())"
    args = ["impact", str(big), "--baseline", str(SHIPPED), "--reform", str(reform)]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args, "--format", "json", "--memory-limit", "1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert [e["error"] for e in json.loads(proc.stdout)["errors"]] == [
        f"{big}: needed more than 1 MB of memory; skipped"
    ]


def test_a_file_that_kills_its_worker_is_an_error_row_and_the_others_are_judged(
    batch: Path, reform: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = compute._impact

    def fatal(path: str, *args: Any) -> list[compute.PlanImpact]:
        if path.endswith("b.toml"):
            os._exit(9)  # as if killed, or crashed in native code
        return real(path, *args)

    monkeypatch.setattr(compute, "_impact", fatal)  # the workers are forked: they see it
    impact = _impact(batch, reform, 2)
    assert [(e.file, e.error) for e in impact.errors if not e.file.endswith("broken.toml")] == [
        (
            str(batch / "b.toml"),
            f"{batch / 'b.toml'}: the process checking it stopped (killed or crashed); skipped",
        )
    ]
    assert [(r.plan, r.baseline, r.reform) for r in impact.changed] == [
        ("plan-a", "eligible", "ineligible")
    ]
