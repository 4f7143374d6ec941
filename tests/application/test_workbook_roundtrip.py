"""Every shipped example, filled into the form workbook, checks as its TOML file does."""

from __future__ import annotations

import io
import json
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from xlsx_forms import fill_form

from cli import main
from eligibility import api
from eligibility.checking.result import Finding, Result
from eligibility.describe.workbook import template_workbook

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
# The contract's own examples, where the shared specification sits beside the repository.
SPEC_EXAMPLES = REPO.parent / "shared" / "spec" / "examples"
SHIPPED = EXAMPLES + sorted(SPEC_EXAMPLES.glob("*.toml"))
_CELL = re.compile(r" \[cell [^\]]+\]$")
# A cell with its value: numbers are written t="n" by openpyxl, with no type by Excel
_VALUE_CELL = re.compile(rb"<c ([^>]*)><v>([^<]*)</v>")


def example_id(path: Path) -> str:
    return ("spec/" if SPEC_EXAMPLES in path.parents else "") + path.stem


def file_name(path: Path) -> str:
    """A name for the example's workbook that no other example's shares."""
    return example_id(path).replace("/", "-") + ".xlsx"


def as_workbook(toml_path: Path, ruleset, folder: Path, *, excel: bool = False) -> Path:  # type: ignore[no-untyped-def]
    doc = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    plans = doc["plans"]
    form = template_workbook(ruleset, plans[0]["track"], plans=len(plans))
    target = folder / file_name(toml_path)
    filled = fill_form(form, doc)
    target.write_bytes(saved_as_excel_saves(filled) if excel else filled)
    return target


def saved_as_excel_saves(data: bytes) -> bytes:
    """The workbook as Excel writes its numbers: 17 significant digits, so 4.2 is stored as
    4.2000000000000002 (openpyxl writes the shortest form)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            raw = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                raw = _VALUE_CELL.sub(_as_excel_writes, raw)
            dst.writestr(item, raw)
    return out.getvalue()


def _as_excel_writes(m: re.Match[bytes]) -> bytes:
    attributes, value = m[1], m[2]
    if b' t="' in attributes and b' t="n"' not in attributes:
        return m[0]  # a string, a boolean, an error: as it was
    number = format(float(value), ".17g").encode()
    return b"<c " + attributes.replace(b' t="n"', b"") + b"><v>" + number + b"</v>"


def comparable(f: Finding) -> tuple[object, ...]:
    def plain(text: str | None) -> str | None:
        return None if text is None else text.replace(",", "").replace(" ", "")

    return (
        f.rule,
        f.status,
        f.field,
        plain(f.given),
        f.value,
        f.threshold,
        f.margin,
        f.needed,
        plain(_CELL.sub("", f.message.en)),
    )


def outline(r: Result) -> tuple[object, ...]:
    return (
        r.verdict,
        r.applicant_name,
        tuple(comparable(f) for f in r.applicant_findings),
        tuple(
            (p.id, p.track, p.verdict, tuple(comparable(f) for f in p.findings)) for p in r.plans
        ),
    )


def test_the_spec_examples_are_all_covered() -> None:
    """Every example of the contract is converted, not only the repository's copies."""
    assert len(EXAMPLES) >= 5
    if SPEC_EXAMPLES.is_dir():
        assert {p.name for p in SHIPPED if SPEC_EXAMPLES in p.parents} == {
            p.name for p in SPEC_EXAMPLES.glob("*.toml")
        }


@pytest.mark.parametrize("excel", [False, True], ids=["openpyxl", "excel-numbers"])
@pytest.mark.parametrize("example", SHIPPED, ids=example_id)
def test_example_as_workbook_checks_as_toml(
    example: Path, excel: bool, ruleset, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workbook = as_workbook(example, ruleset, tmp_path, excel=excel)
    from_toml = api.check_file(example, ruleset)
    from_xlsx = api.check_file(workbook, ruleset)
    assert outline(from_xlsx) == outline(from_toml)


def test_findings_name_their_cells(ruleset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = as_workbook(EXAMPLES[0], ruleset, tmp_path)  # draft-self-check: incomplete
    result = api.check_file(workbook, ruleset)
    located = {f.rule: f.cell for p in result.plans for f in p.findings}
    assert located["capacity.ndfeb.coercivity"] is not None
    assert located["capacity.ndfeb.coercivity"].startswith("申請!F")
    missing = next(f for f in result.plans[0].findings if f.rule == "capacity.ndfeb.coercivity")
    assert missing.message.en.endswith(f"[cell {missing.cell}]")
    assert missing.message.ja.endswith(f"［セル {missing.cell}］")


def _screened(folder: Path) -> tuple[int, dict[str, tuple[object, ...]], dict[str, object]]:
    result = CliRunner().invoke(main, ["screen", str(folder), "--format", "json", "-j", "1"])
    doc = json.loads(result.stdout)
    rows = {
        f"{Path(r['file']).stem} {r['plan']}": tuple(
            r[k]
            for k in ("applicant", "track", "verdict", "failed", "missing", "review", "ruleset")
        )
        for r in doc["rows"]
    }
    summary = {
        k: doc["summary"][k] for k in ("verdict", "files", "plans", "by_verdict", "by_track")
    }
    return result.exit_code, rows, summary


def test_screen_gives_the_same_rows_for_the_forms_as_for_the_toml(ruleset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tomls, forms = tmp_path / "toml", tmp_path / "xlsx"
    tomls.mkdir()
    forms.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, tomls / example.name)
        as_workbook(example, ruleset, forms, excel=True)
    from_toml, from_forms = _screened(tomls), _screened(forms)
    assert from_forms == from_toml
    assert len(from_toml[1]) >= len(EXAMPLES)
