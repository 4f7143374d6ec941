"""A plan's own keys (``id``, ``track``) and the text of its fields: compared after one
normalisation, blanks not stated, invisible characters reported."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from eligibility.checking.document import check_document
from eligibility.checking.result import Finding, PlanResult
from eligibility.ruleset.model import Ruleset

NDFEB = {"track": "capacity.ndfeb", "capacity_increase": "600 t/yr"}


def _plans(ruleset: Ruleset, *plans: dict[str, Any]) -> tuple[PlanResult, ...]:
    doc = {"applicant": {"name": "A"}, "plans": list(plans)}
    return check_document(doc, ruleset, "x.toml").plans


def _rules(plan: PlanResult, rule: str) -> list[Finding]:
    return [f for f in plan.findings if f.rule == rule]


@pytest.mark.parametrize("second", ["p1", "p1 ", " p1", "ｐ1", "P1", "ｐ１"])
def test_ids_that_fold_alike_are_duplicates(ruleset: Ruleset, second: str) -> None:
    _, other = _plans(ruleset, {"id": "p1", **NDFEB}, {"id": second, **NDFEB})
    (dup,) = _rules(other, "plan.duplicate_id")
    assert dup.status == "invalid"
    assert dup.given == second


def test_different_ids_are_not_duplicates(ruleset: Ruleset) -> None:
    plans = _plans(ruleset, {"id": "p1", **NDFEB}, {"id": "p2", **NDFEB})
    assert not any(_rules(p, "plan.duplicate_id") for p in plans)


@pytest.mark.parametrize("blank", ["", "   ", "　"])
def test_a_blank_id_is_missing_not_invalid(ruleset: Ruleset, blank: str) -> None:
    (plan,) = _plans(ruleset, {"id": blank, **NDFEB})
    (finding,) = _rules(plan, "plan.id")
    assert finding.status == "missing"
    assert "must be text" not in finding.message.en
    assert plan.id == "#1"


def test_an_id_that_is_not_text_is_invalid(ruleset: Ruleset) -> None:
    (plan,) = _plans(ruleset, {"id": 3, **NDFEB})
    (finding,) = _rules(plan, "plan.id")
    assert finding.status == "invalid"


def test_an_id_with_an_invisible_character_is_reported(ruleset: Ruleset) -> None:
    first, second = _plans(ruleset, {"id": "p1", **NDFEB}, {"id": "p1\u200b", **NDFEB})
    (hidden,) = _rules(second, "plan.id")
    assert hidden.status == "invalid"
    assert "U+200B" in hidden.message.en
    assert _rules(second, "plan.duplicate_id")
    assert not _rules(first, "plan.id")


def test_a_track_is_found_after_the_same_normalisation(ruleset: Ruleset) -> None:
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "track": "ｃａｐａｃｉｔｙ．ｎｄｆｅｂ "})
    assert plan.track == "capacity.ndfeb"
    assert not _rules(plan, "plan.track")


def test_a_material_with_an_invisible_character_does_not_read_like_a_pass(
    ruleset: Ruleset,
) -> None:
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "magnet": {"material": "NdFeB\u200b"}})
    (finding,) = _rules(plan, "capacity.ndfeb.material")
    assert finding.status == "invalid"
    assert "U+200B" in finding.message.en
    assert "invisible" in finding.message.en


def test_a_blank_optional_plan_field_is_not_stated(ruleset: Ruleset) -> None:
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "title": "", "operation_start": ""})
    assert not _rules(plan, "capacity.ndfeb.operation_start")
    assert not _rules(plan, "plan.field")


def test_a_zero_divisor_blames_the_divisor(ruleset: Ruleset) -> None:
    plan = {"id": "p", "track": "recycling.rnd"}
    (result,) = _plans(ruleset, {**plan, "baseline_cost": "0 JPY/kg", "target_cost": "10 JPY/kg"})
    (finding,) = _rules(result, "recycling.rnd.cost_reduction")
    assert finding.status == "invalid"
    assert finding.field == "baseline_cost"
    assert "`baseline_cost` is zero" in finding.message.en


@pytest.mark.parametrize(("table", "close"), [("magnets", "magnet"), ("oversea", "overseas")])
def test_a_misspelt_table_gets_the_closest_table(ruleset: Ruleset, table: str, close: str) -> None:
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, table: {"material": "NdFeB"}})
    (finding,) = [f for f in plan.findings if f.rule == "plan.unknown_field"]
    assert finding.status == "invalid"
    assert f"[plans.{table}]" in finding.message.en
    assert f"(did you mean '{close}'?)" in finding.message.en


def test_a_plan_that_is_not_a_table_is_a_finding_beside_the_good_plans(ruleset: Ruleset) -> None:
    good, bad = _plans(ruleset, {"id": "p1", **NDFEB}, "p2")  # type: ignore[arg-type]
    assert good.id == "p1" and not _rules(good, "plan.invalid")
    (finding,) = _rules(bad, "plan.invalid")
    assert finding.status == "invalid"
    assert "Plan #2 is a string" in finding.message.en


def test_a_figure_outside_room_temperature_refers_to_the_temperature_check(
    ruleset: Ruleset,
) -> None:
    magnet = {"material": "NdFeB", "coercivity": "700 kA/m", "measured_at": "150 degC"}
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "magnet": magnet})
    (finding,) = _rules(plan, "capacity.ndfeb.coercivity")
    assert finding.status == "invalid"
    assert "see capacity.ndfeb.measurement_temperature" in finding.message.en
    assert finding.needed is None


def test_one_bad_energy_product_is_explained_once(ruleset: Ruleset) -> None:
    magnet = {"material": "NdFeB", "energy_product": "fifty", "remanence": "1.4 T"}
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "magnet": magnet})
    about = [f for f in plan.findings if f.field == "magnet.energy_product"]
    assert [f.rule for f in about] == [
        "capacity.ndfeb.energy_product",
        "physics.energy_product_limit",
        "physics.remanence_bound",
    ]
    first, *others = about
    assert "'fifty'" in first.message.en
    for other in others:
        assert other.status == "invalid"
        assert "'fifty'" not in other.message.en
        assert "(see capacity.ndfeb.energy_product)" in other.message.en


def test_what_would_pass_names_each_input_of_a_computed_value(ruleset: Ruleset) -> None:
    cost = {"baseline_cost": "6400 JPY/kg", "target_cost": "5900 JPY/kg"}
    (plan,) = _plans(ruleset, {"id": "p", "track": "recycling.rnd", **cost})
    (finding,) = _rules(plan, "recycling.rnd.cost_reduction")
    assert finding.status == "fail"
    assert finding.needed is not None
    assert "target_cost ≤ 5,760 JPY/kg at 6400 JPY/kg" in finding.needed
    # 5900 / 0.9 = 6555.5…: rounded up, so the figure shown does pass
    assert "baseline_cost ≥ 6,556 JPY/kg at 5900 JPY/kg" in finding.needed
    motor = {"peak_torque": "310 N·m", "volume": "6.8 L"}
    (plan,) = _plans(ruleset, {"id": "m", "track": "saving.motor", "motor": motor})
    (finding,) = _rules(plan, "saving.motor.torque_density")
    assert finding.needed == "peak_torque ≥ 340 N·m at 6.8 L or volume ≤ 6.2 L at 310 N·m"
    assert f"{finding.needed} would pass" in finding.message.en


def test_stated_and_computed_figures_that_disagree_show_both(ruleset: Ruleset) -> None:
    motor = {"torque_density": "55 Nm/L", "peak_torque": "310 N·m", "volume": "6.8 L"}
    (plan,) = _plans(ruleset, {"id": "m", "track": "saving.motor", "motor": motor})
    (finding,) = _rules(plan, "saving.motor.torque_density")
    assert finding.status == "review"
    assert "torque_density = 55 Nm/L" in finding.message.en
    assert "peak_torque / volume = 45.5882 N·m/L" in finding.message.en
    assert "2 % of the larger (parameter agreement_tolerance)" in finding.message.en


@pytest.mark.parametrize(
    ("track", "stated", "written", "absent"),
    [
        (
            "saving.motor",
            {"motor": {"torque_density": "55 Nm/L", "peak_torque": "400 N·m"}},
            "peak_torque = 400 N·m",
            "`volume` in [plans.motor]",
        ),
        (
            "recycling.rnd",
            {"cost_reduction": "12 %", "baseline_cost": "6000 JPY/kg"},
            "baseline_cost = 6000 JPY/kg",
            "`target_cost`",
        ),
    ],
)
def test_an_alternative_stated_in_part_is_reported_and_keeps_the_status(
    ruleset: Ruleset, track: str, stated: dict[str, Any], written: str, absent: str
) -> None:
    (plan,) = _plans(ruleset, {"id": "p", "track": track, **stated})
    rule = {"saving.motor": "saving.motor.torque_density"}.get(
        track, "recycling.rnd.cost_reduction"
    )
    (finding,) = _rules(plan, rule)
    assert finding.status == "pass"
    assert f"Also stated: {written}, but not {absent}" in finding.message.en
    assert "cannot be computed" in finding.message.en
    assert written in finding.message.ja and "がないため" in finding.message.ja


def test_a_branch_stated_in_part_is_reported_when_another_branch_is_met(ruleset: Ruleset) -> None:
    magnet = {"dysprosium": "0 wt%", "terbium": "0 wt%"}
    plan_fields = {"track": "saving.magnet-rnd", "nd_usage_target": "15 wt%", "magnet": magnet}
    (plan,) = _plans(ruleset, {"id": "p", **plan_fields})
    (finding,) = _rules(plan, "saving.magnet-rnd.saving_target")
    assert finding.status == "pass"
    assert "Also stated: nd_usage_target = 15 wt%, but not `nd_usage_baseline`" in (
        finding.message.en
    )


def test_an_unusable_branch_is_invalid_even_when_another_branch_is_met(ruleset: Ruleset) -> None:
    magnet = {"dysprosium": "0 wt%", "terbium": "0 wt%"}
    plan_fields = {"track": "saving.magnet-rnd", "nd_reduction": "sixty percent", "magnet": magnet}
    (plan,) = _plans(ruleset, {"id": "p", **plan_fields})
    (finding,) = _rules(plan, "saving.magnet-rnd.saving_target")
    assert finding.status == "invalid"
    assert "'sixty percent'" in finding.message.en
    assert "(Otherwise met by: no heavy rare earth (Dy, Tb) in the target magnet.)" in (
        finding.message.en
    )


def test_a_temperature_not_stated_leaves_every_property_figure_missing_its_condition(
    ruleset: Ruleset,
) -> None:
    magnet = {"material": "NdFeB", "energy_product": "46 MGOe", "coercivity": "700 kA/m"}
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "magnet": magnet})
    for rule, shown in (("energy_product", "46 MGOe"), ("coercivity", "700 kA/m")):
        (finding,) = _rules(plan, f"capacity.ndfeb.{rule}")
        assert finding.status == "missing", finding.message.en
        assert f"{shown}: not judged" in finding.message.en
        assert "(see capacity.ndfeb.measurement_temperature)" in finding.message.en
        assert finding.needed is None and finding.margin is None


def _coercivity(ruleset: Ruleset, written: str) -> Finding:
    magnet = {"material": "NdFeB", "coercivity": written, "measured_at": "20 degC"}
    (plan,) = _plans(ruleset, {"id": "p", **NDFEB, "magnet": magnet})
    (finding,) = _rules(plan, "capacity.ndfeb.coercivity")
    return finding


@pytest.mark.parametrize("written", ["10.053 kOe", "10.05 kOe", "10,053.1 Oe", "≥ 10.053 kOe"])
def test_a_figure_short_only_in_digits_not_written_says_so_and_is_exact(
    ruleset: Ruleset, written: str
) -> None:
    finding = _coercivity(ruleset, written)
    if finding.status == "pass":  # 10,053.1 Oe = 800.0003 kA/m: above, nothing to say
        assert "rounded to the digits written" not in finding.message.en
        return
    assert finding.status == "fail"
    assert "rounded to the digits written" in finding.message.en
    assert "(parameter within_rounding)" in finding.message.en
    assert "記載の桁数に丸めた値" in finding.message.ja


@pytest.mark.parametrize("written", ["10 kOe", "10.0 kOe", "799.99 kA/m", "10.04 kOe", "9～11 kOe"])
def test_a_figure_short_by_more_than_its_digits_gets_no_rounding_notice(
    ruleset: Ruleset, written: str
) -> None:
    finding = _coercivity(ruleset, written)
    assert finding.status == "fail"
    assert "rounded to the digits written" not in finding.message.en


def test_within_rounding_review_sends_such_a_figure_to_a_reviewer(ruleset: Ruleset) -> None:
    lenient = replace(ruleset, parameters={**ruleset.parameters, "within_rounding": "review"})
    assert _coercivity(lenient, "10.053 kOe").status == "review"
    assert "so a reviewer judges" in _coercivity(lenient, "10.053 kOe").message.en
    assert _coercivity(lenient, "10 kOe").status == "fail"
    assert _coercivity(lenient, "799.99 kA/m").status == "fail"


def test_a_computed_value_says_how_a_range_among_its_inputs_was_read(ruleset: Ruleset) -> None:
    cost = {"baseline_cost": "6000 JPY/kg", "target_cost": "5400～5500 JPY/kg"}
    (plan,) = _plans(ruleset, {"id": "p", "track": "recycling.rnd", **cost})
    (finding,) = _rules(plan, "recycling.rnd.cost_reduction")
    assert finding.status == "fail"  # (6000 − 5500) / 6000 = 8.3 %: the least favourable end
    assert "'5400～5500 JPY/kg' is a range: read at its end least favourable" in finding.message.en


def test_a_key_written_outside_its_table_is_named_with_its_place(ruleset: Ruleset) -> None:
    """`material` at the plan's level belongs in [plans.magnet]: the finding says so."""
    (plan,) = _plans(ruleset, {"id": "p1", **NDFEB, "material": "NdFeB"})
    (misplaced,) = [f for f in _rules(plan, "plan.unknown_field") if f.field == "material"]
    assert misplaced.status == "invalid"
    assert "[plans.magnet]" in misplaced.message.en and "move it" in misplaced.message.en
    assert "[plans.magnet]" in misplaced.message.ja
    assert "unknown" not in misplaced.message.en


def test_a_key_no_table_reads_is_still_unknown(ruleset: Ruleset) -> None:
    (plan,) = _plans(ruleset, {"id": "p1", **NDFEB, "colour": "red"})
    (unknown,) = [f for f in _rules(plan, "plan.unknown_field") if f.field == "colour"]
    assert "unknown" in unknown.message.en
