"""The form workbook: the TOML template's fields, laid out for Excel, and read back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from eligibility import api
from eligibility.application import workbook_layout as layout
from eligibility.describe.template import template, track_fields
from eligibility.describe.workbook import template_workbook
from eligibility.errors import UnknownTrackError


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def _validation(ws, coordinate: str):  # type: ignore[no-untyped-def]
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.fixture
def form(ruleset) -> openpyxl.Workbook:  # type: ignore[no-untyped-def]
    return _open(template_workbook(ruleset, "capacity.ndfeb"))


def test_every_field_of_the_track_has_a_row_with_both_labels(form, ruleset) -> None:  # type: ignore[no-untyped-def]
    ws = form[layout.FORM_SHEET]
    rows = _rows(ws)
    track = ruleset.tracks["capacity.ndfeb"]
    for path in track_fields(ruleset, track):
        row = rows[f"plans.{path}"]
        spec = ruleset.fields[path]
        assert ws.cell(row, layout.LABEL_JA_COLUMN).value == spec.label.ja
        assert ws.cell(row, layout.LABEL_EN_COLUMN).value == spec.label.en
    for key in ("applicant.name", "applicant.corporate_number", "plans.id", "plans.track"):
        assert key in rows
    assert ws.cell(rows["plans.track"], layout.value_column(0)).value == "capacity.ndfeb"


def test_the_unit_has_its_own_cell_with_a_drop_down_of_accepted_units(form) -> None:  # type: ignore[no-untyped-def]
    ws = form[layout.FORM_SHEET]
    row = _rows(ws)["plans.magnet.energy_product"]
    assert ws.cell(row, layout.TYPE_COLUMN).value == layout.CellKind.AMOUNT
    unit = ws.cell(row, layout.unit_column(0)).coordinate
    dv = _validation(ws, unit)
    assert dv is not None and dv.type == "list"
    assert dv.formula1 == '"kJ/m^3,kJ/m³,J/cm^3,MJ/m^3,MGOe"'
    assert dv.errorStyle == "warning"  # any other unit of the right dimension is accepted
    assert ws.cell(row, layout.value_column(0)).number_format == "General"  # a number
    assert ws.cell(_rows(ws)["plans.id"], layout.value_column(0)).number_format == "@"  # text
    annual = _rows(ws)["plans.capacity_increase"]
    dv = _validation(ws, ws.cell(annual, layout.unit_column(0)).coordinate)
    assert dv is not None and "年500トン" not in dv.formula1  # a notation, not a unit


def test_yes_no_site_and_material_are_drop_downs(form) -> None:  # type: ignore[no-untyped-def]
    ws = form[layout.FORM_SHEET]
    rows = _rows(ws)

    def dv(key: str):  # type: ignore[no-untyped-def]
        return _validation(ws, ws.cell(rows[key], layout.value_column(0)).coordinate)

    yes_no = dv("plans.overseas.domestic_rnd_center")
    assert yes_no.formula1 == f'"{layout.YES},{layout.NO}"' and yes_no.errorStyle == "stop"
    site = dv("plans.site")
    assert site.formula1 == '"domestic,国内,overseas,海外"' and site.errorStyle == "stop"
    material = dv("plans.magnet.material")
    assert material.formula1 == '"NdFeB,SmCo"'
    assert material.errorStyle == "warning"  # free text allowed: ferrite, SmFeN, …
    assert dv("plans.magnet.grade") is None


def test_input_cells_are_unlocked_and_the_rest_protected_without_a_password(form) -> None:  # type: ignore[no-untyped-def]
    ws = form[layout.FORM_SHEET]
    assert ws.protection.sheet is True
    assert not ws.protection.password
    row = _rows(ws)["plans.magnet.energy_product"]
    assert ws.cell(row, layout.value_column(0)).protection.locked is False
    assert ws.cell(row, layout.unit_column(0)).protection.locked is False
    assert ws.cell(row, layout.KEY_COLUMN).protection.locked is True
    assert ws.cell(row, layout.LABEL_JA_COLUMN).protection.locked is True


def test_the_rule_set_is_stamped_and_an_instructions_sheet_is_there(form, ruleset) -> None:  # type: ignore[no-untyped-def]
    assert form.sheetnames == [layout.FORM_SHEET, layout.INSTRUCTIONS_SHEET]
    ws = form[layout.FORM_SHEET]
    stamp = f"{ruleset.id} {ruleset.version} (sha256 {ruleset.sha256})"
    assert ws["A2"].value == f"規則セット / rule set: {stamp}"
    assert stamp in form.properties.subject
    text = "\n".join(str(c.value) for c in form[layout.INSTRUCTIONS_SHEET]["A"] if c.value)
    assert stamp in text and "merged cells and macros are not accepted" in text


def test_a_form_for_several_plans_has_a_value_and_unit_column_per_plan(ruleset) -> None:  # type: ignore[no-untyped-def]
    ws = _open(template_workbook(ruleset, "saving.motor", plans=3))[layout.FORM_SHEET]
    heads = [ws.cell(5, layout.value_column(i)).value for i in range(3)]
    assert heads == ["計画1 / plan 1", "計画2 / plan 2", "計画3 / plan 3"]
    assert ws.cell(5, layout.value_column(3)).value is None
    row = _rows(ws)["plans.motor.max_speed"]
    for i in range(3):
        assert _validation(ws, ws.cell(row, layout.unit_column(i)).coordinate) is not None


def test_a_blank_form_is_incomplete_in_the_same_rules_as_the_blank_toml_template(
    ruleset,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    for track in ruleset.tracks:
        toml = tmp_path / f"{track}.toml"
        toml.write_text(template(ruleset, track), encoding="utf-8")
        xlsx = tmp_path / f"{track}.xlsx"
        xlsx.write_bytes(template_workbook(ruleset, track))
        from_toml = api.check_file(toml, ruleset)
        from_xlsx = api.check_file(xlsx, ruleset)
        assert from_xlsx.verdict == from_toml.verdict == "incomplete"
        # a blank cell is missing where TOML's id = "" is invalid: both leave the plan incomplete
        missing = [
            {
                (f.rule, f.status.replace("invalid", "missing"))
                for f in p.findings
                if f.status != "pass"
            }
            for p in (from_toml.plans[0], from_xlsx.plans[0])
        ]
        assert missing[0] == missing[1], track
        assert all(f.cell for f in from_xlsx.plans[0].findings if f.field and f.status == "missing")


def test_an_unknown_track_and_a_bad_plan_count_are_refused(ruleset) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownTrackError, match=r"unknown track 'capacity\.ndfe'"):
        template_workbook(ruleset, "capacity.ndfe")
    with pytest.raises(ValueError, match="1 to 50 plans"):
        template_workbook(ruleset, "capacity.ndfeb", plans=0)
