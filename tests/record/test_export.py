"""Exports: CSV cells that cannot start a formula, and a JSON export that carries enough to
check every hash of the chain without this tool's database."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from eligibility import record
from eligibility.record.chain import CONTENT_FIELDS, GENESIS, decision_hash
from eligibility.record.export import csv_cell, write_csv, write_json
from tests.record.conftest import Filled


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+81 3", "'+81 3"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kanazawa = K.K.", "Kanazawa = K.K."),
        ("", ""),
        ("金沢マグネット", "金沢マグネット"),
    ],
)
def test_csv_cells_cannot_start_a_formula(cell: str, shown: str) -> None:
    assert csv_cell(cell) == shown


def test_the_json_export_is_checkable_against_its_hashes(filled: Filled) -> None:
    db = filled(4)
    out = io.StringIO()
    with record.open(db) as rec:
        assert write_json(rec.decisions(with_input=True), out, source=str(db), with_input=True) == 4
    doc = json.loads(out.getvalue())
    prev = GENESIS
    for d in doc["decisions"]:
        content = {
            "id": d["id"],
            "recorded_at": d["recorded_at"],
            "tool_version": d["tool_version"],
            "ruleset_id": d["ruleset"]["id"],
            "ruleset_version": d["ruleset"]["version"],
            "ruleset_sha256": d["ruleset"]["sha256"],
            "ruleset_folder": d["ruleset"]["folder"],
            "input_name": d["input"]["name"],
            "input_sha256": d["input"]["sha256"],
            "input_kept": d["input"]["kept"],
            "verdict": d["verdict"],
            "applicant": d["applicant"],
            "result": json.dumps(d["result"], ensure_ascii=False),
            "lang": d["lang"],
            "reviewer": d["reviewer"],
            "note": d["note"],
        }
        assert set(content) == set(CONTENT_FIELDS)
        assert d["prev_hash"] == prev
        assert decision_hash(content, prev) == d["hash"]
        kept = base64.b64decode(d["input"]["base64"])
        assert hashlib.sha256(kept).hexdigest() == d["input"]["sha256"]
        prev = d["hash"]


def test_an_empty_export_is_valid(tmp_path: Path) -> None:
    out = io.StringIO()
    assert write_json([], out, source="x") == 0
    assert json.loads(out.getvalue())["decisions"] == []
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert next(csv.reader(io.StringIO(out.getvalue())))[:2] == ["seq", "id"]


def test_an_xlsx_export_has_the_csv_rows_as_text_never_formulas(tmp_path: Path) -> None:
    import io

    import openpyxl
    from click.testing import CliRunner

    from cli import main
    from eligibility import api, record

    db = tmp_path / "decisions.sqlite"
    app = tmp_path / "a.toml"
    source = (Path(__file__).resolve().parents[2] / "examples" / "ndfeb-line.toml").read_text()
    app.write_text(source.replace('name = "', 'name = "=HYPERLINK(1)', 1), encoding="utf-8")
    with record.open(db) as rec:
        rec.add(api.check_file(app))
    out = tmp_path / "decisions.xlsx"
    args = ["record", "export", str(db), "--format", "xlsx", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    rows = list(book["decisions"].iter_rows(values_only=True))
    assert rows[0][:2] == ("seq", "id") and len(rows) == 2
    assert any(str(v).startswith("=HYPERLINK") for v in rows[1])  # kept as text
    import zipfile

    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)


def test_an_xlsx_export_has_a_frozen_header_a_filter_widths_and_verdict_colours(
    tmp_path: Path,
) -> None:
    import io

    import openpyxl

    from eligibility import api, record
    from eligibility.record.export import xlsx_bytes
    from eligibility.rendering.sheet import COLOURS

    db = tmp_path / "decisions.sqlite"
    examples = Path(__file__).resolve().parents[2] / "examples"
    with record.open(db) as rec:
        rec.add(api.check_file(examples / "ndfeb-line.toml"))
        rec.add(api.check_file(examples / "draft-self-check.toml"))
        data, count = xlsx_bytes(rec.decisions(record.Filters()))
    assert count == 2
    ws = openpyxl.load_workbook(io.BytesIO(data))["decisions"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:T{count + 1}"
    head = [c.value for c in ws[1]]
    verdict = head.index("verdict") + 1
    for r in (2, 3):
        shown = ws.cell(r, verdict).value
        assert ws.cell(r, verdict).fill.fgColor.rgb == "00" + COLOURS[shown]
    sha = ws.column_dimensions[ws.cell(1, head.index("input_sha256") + 1).column_letter]
    assert sha.width >= 64  # a hash is never cut off
