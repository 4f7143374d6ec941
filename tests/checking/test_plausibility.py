"""Figures no real plant could have go to a reviewer (issue 10, item 11): a value outside its
field's plausible range (a documented parameter of the rule set) is a `review` finding naming
the field, the value and the range; a value inside gives no finding; the ends are inside;
a review never hides a fail; the shared examples keep their results."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import check_bytes
from eligibility.checking.result import Result
from eligibility.describe.explain import explain, explain_text
from eligibility.describe.lint import lint
from eligibility.errors import RulesetError
from eligibility.quantities.quantity import format_number
from eligibility.ruleset.loader import load_ruleset

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "rules" / "permanent-magnets" / "2025-06"
NDFEB = (REPO / "examples" / "ndfeb-line.toml").read_text(encoding="utf-8")
MOTOR = (REPO / "examples" / "motor-development.toml").read_text(encoding="utf-8")
SHARED = Path("/work/shared/spec/examples")
RULESET = load_ruleset(GOOD)


def _check(text: str) -> Result:
    return check_bytes(text.encode(), "x.toml", RULESET)


def _with(text: str, key: str, value: str) -> str:
    lines = text.splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(f"{key} = ")]
    assert len(hits) == 1, key
    lines[hits[0]] = f'{key} = "{value}"'
    return "\n".join(lines) + "\n"


def _plausibility(result: Result) -> list[tuple[str, str, str]]:
    return [
        (f.rule, f.status, f.message.en)
        for p in result.plans
        for f in p.findings
        if f.rule.startswith("plan.plausible.")
    ]


# --- the attacks of the issue -------------------------------------------------------------------


def test_an_impossible_capacity_goes_to_a_reviewer() -> None:
    result = _check(_with(NDFEB, "capacity_increase", "1e30 t/yr"))
    ((rule, status, message),) = _plausibility(result)
    assert (rule, status) == ("plan.plausible.capacity_increase", "review")
    assert message == (
        "`capacity_increase`: '1e30 t/yr' = 1,000,000,000,000,000,000,000,000,000,000 t/yr is "
        "outside the plausible range 0.01 t/yr – 100,000 t/yr (parameter plausible_annual_mass):"
        " no real plant, magnet or motor has such a figure, so a reviewer checks it."
    )
    assert result.verdict == "review"
    assert result.exit_code == 4


def test_a_prefixed_year_goes_to_a_reviewer() -> None:
    result = _check(_with(NDFEB, "capacity_increase", "1 t/ma"))
    ((rule, status, message),) = _plausibility(result)
    assert (rule, status) == ("plan.plausible.capacity_increase", "review")
    assert message == (
        "`capacity_increase`: '1 t/ma' reads 'ma' as a milliyear, so the value is 1,000 t/yr: "
        "no datasheet writes a year with a prefix (parameter unprefixed_units), so a reviewer "
        "checks which unit was meant."
    )
    assert result.verdict == "review"


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        ("energy_product", "1001 kJ/m^3", "plan.plausible.magnet.energy_product"),
        ("energy_product", "126 MGOe", "plan.plausible.magnet.energy_product"),  # 1,002.7 kJ/m³
        ("coercivity", "101 kOe", "plan.plausible.magnet.coercivity"),  # 8,037 kA/m
        ("remanence", "2.6 T", "plan.plausible.magnet.remanence"),
    ],
)
def test_impossible_magnet_figures_go_to_a_reviewer(key: str, value: str, rule: str) -> None:
    result = _check(_with(NDFEB, key, value))
    assert (rule, "review") in [(r, s) for r, s, _ in _plausibility(result)]


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        ("max_speed", "100001 rpm", "plan.plausible.motor.max_speed"),
        ("peak_torque", "1e8 N*m", "plan.plausible.motor.peak_torque"),
        ("volume", "101 m^3", "plan.plausible.motor.volume"),
    ],
)
def test_impossible_motor_figures_go_to_a_reviewer(key: str, value: str, rule: str) -> None:
    result = _check(_with(MOTOR, key, value))
    assert (rule, "review") in [(r, s) for r, s, _ in _plausibility(result)]


def test_a_stated_range_reaching_outside_goes_to_a_reviewer() -> None:
    result = _check(_with(NDFEB, "energy_product", "390～1200 kJ/m^3"))
    assert ("plan.plausible.magnet.energy_product", "review") in [
        (r, s) for r, s, _ in _plausibility(result)
    ]


def test_a_review_never_hides_a_fail() -> None:
    # 1 t/Ma is a millionth of a tonne a year: below the threshold, and implausible
    result = _check(_with(NDFEB, "capacity_increase", "1 t/Ma"))
    statuses = {f.rule: f.status for p in result.plans for f in p.findings}
    assert statuses["capacity.ndfeb.capacity_increase"] == "fail"
    assert statuses["plan.plausible.capacity_increase"] == "review"
    assert result.verdict == "ineligible"
    assert result.exit_code == 1


# --- inside, outside, and the ends pinned -------------------------------------------------------

# (field key, the example it belongs to, the unit, the plausible minimum, the maximum)
BOUNDS = [
    ("capacity_increase", NDFEB, "t/yr", Fraction(1, 100), Fraction(100_000)),
    ("energy_product", NDFEB, "kJ/m^3", None, Fraction(1000)),
    ("coercivity", NDFEB, "kA/m", None, Fraction(8000)),
    ("remanence", NDFEB, "T", None, Fraction(5, 2)),
    ("max_speed", MOTOR, "rpm", None, Fraction(100_000)),
    ("peak_torque", MOTOR, "N*m", None, Fraction(10_000_000)),
    ("volume", MOTOR, "L", None, Fraction(100_000)),
]


def _number(x: Fraction) -> str:
    return format_number(x, 30).replace(",", "")


@pytest.mark.parametrize(("key", "text", "unit", "low", "high"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_the_ends_are_inside_the_range_and_a_hair_beyond_is_not(
    key: str, text: str, unit: str, low: Fraction | None, high: Fraction | None
) -> None:
    hair = Fraction(1, 10**12)
    for end, beyond in ((low, -hair), (high, hair)):
        if end is None:
            continue
        assert _plausibility(_check(_with(text, key, f"{_number(end)} {unit}"))) == []
        outside = _plausibility(_check(_with(text, key, f"{_number(end + beyond)} {unit}")))
        assert [s for _, s, _ in outside] == ["review"]


def test_the_pinned_bounds_are_the_rule_sets() -> None:
    """The table above is the shipped data, so the tests pin the ranges as written."""
    by_key = {p.rsplit(".", 1)[-1]: s.plausible for p, s in RULESET.fields.items() if s.plausible}
    for key, _, unit, low, high in BOUNDS:
        plausible = by_key[key]
        assert plausible is not None
        assert (plausible.minimum.to(unit) if plausible.minimum else None) == low, key
        assert (plausible.maximum.to(unit) if plausible.maximum else None) == high, key


def _digits_counted(number: str) -> int:
    """The digits the quantity reader counts against its limit: the whole part's without
    leading zeros and every digit after the point (0.000…01 counts its zeros)."""
    whole, _, fraction = number.partition(".")
    return len(whole.lstrip("0")) + len(fraction)


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(100_000)))
def test_any_capacity_inside_gives_no_plausibility_finding(value: Fraction) -> None:
    text = f"{_number(value)} t/yr"
    if _digits_counted(_number(value)) > 30:
        return  # more digits than a quantity may have: refused as invalid, not judged
    assert _plausibility(_check(_with(NDFEB, "capacity_increase", text))) == []


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.fractions(min_value=Fraction(100_001), max_value=Fraction(10**20)),
        st.fractions(min_value=Fraction(1, 10**9), max_value=Fraction(99, 10_000)),
    )
)
def test_any_capacity_outside_goes_to_a_reviewer(value: Fraction) -> None:
    shown = _number(value)
    if _digits_counted(shown) > 30 or Fraction(shown) != value:
        return  # not exactly writable in 30 digits
    findings = _plausibility(_check(_with(NDFEB, "capacity_increase", f"{shown} t/yr")))
    assert [(r, s) for r, s, _ in findings] == [("plan.plausible.capacity_increase", "review")]
    assert "0.01 t/yr – 100,000 t/yr" in findings[0][2]


# --- the examples keep their results -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted([*(REPO / "examples").glob("*.toml"), *SHARED.glob("*.toml")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_example_has_a_plausibility_finding(path: Path) -> None:
    result = check_bytes(path.read_bytes(), path.name, RULESET)
    assert _plausibility(result) == []


# --- rule-set data: loaded, linted, explained -------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "2025-06"
    shutil.copytree(GOOD, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


RANGE = 'value = { minimum = "0.01 t/yr", maximum = "100000 t/yr" }'


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        (
            'value = { minimum = "0.01 kJ/m^3" }',
            "plausibility.toml: parameters.plausible_annual_mass.value.minimum: '0.01 kJ/m^3' "
            "is not a quantity of annual_mass (t/yr)",
        ),
        (
            'value = { minimum = "2 t/yr", maximum = "1 t/yr" }',
            "plausibility.toml: parameters.plausible_annual_mass.value: the minimum is above "
            "the maximum",
        ),
        (
            'value = { least = "2 t/yr" }',
            "plausibility.toml: parameters.plausible_annual_mass.value: a plausible range is "
            '{ minimum = "…", maximum = "…" } (either may be left out)',
        ),
    ],
)
def test_a_wrong_range_does_not_load(tmp_path: Path, new: str, problem: str) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "plausibility.toml", RANGE, new)
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    assert f"{folder}/{problem}" in info.value.problems


def test_an_unknown_range_parameter_does_not_load(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(
        folder / "fields.toml",
        'plausible = "$plausible_motor_speed"',
        'plausible = "$plausible_motor_sped"',
    )
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    (problem,) = info.value.problems
    assert problem.startswith(
        f'{folder}/fields.toml: fields."motor.max_speed".plausible: unknown parameter '
        "'$plausible_motor_sped'"
    )


def test_the_lint_refuses_a_threshold_outside_the_plausible_range(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(
        folder / "plausibility.toml",
        RANGE,
        'value = { minimum = "0.01 t/yr", maximum = "400 t/yr" }',
    )
    result = lint(folder)
    assert not result.ok
    assert (
        f'{folder}/capacity.toml: rules."capacity.ndfeb.capacity_increase".threshold: 500 t/yr '
        "is outside the plausible range 0.01 t/yr – 400 t/yr of capacity_increase (parameter "
        "plausible_annual_mass): widen the range or correct the threshold"
    ) in result.lines
    assert lint(GOOD).ok


def test_every_range_is_a_documented_parameter() -> None:
    for spec in RULESET.fields.values():
        if spec.plausible is not None:
            p = RULESET.parameter_info[spec.plausible.parameter]
            assert p.documented and p.unit, p.name


def test_a_changed_parameter_changes_the_range(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "plausibility.toml", RANGE, 'value = { maximum = "1e30 t/yr" }')
    ruleset = load_ruleset(folder)
    result = check_bytes(_with(NDFEB, "capacity_increase", "1e30 t/yr").encode(), "x.toml", ruleset)
    assert _plausibility(result) == []
    assert result.verdict == "eligible"


def test_explain_knows_the_ranges() -> None:
    info = explain(RULESET, "plan.plausible.capacity_increase")
    assert (info["test"], info["on_fail"], info["threshold"]) == (
        "plausible",
        "review",
        "0.01 t/yr – 100,000 t/yr",
    )
    assert [p["name"] for p in info["parameters"]] == ["plausible_annual_mass"]
    text = explain_text(explain(RULESET, "capacity.ndfeb.capacity_increase"))
    assert (
        "plausible: 0.01 t/yr – 100,000 t/yr (parameter plausible_annual_mass; outside it, a "
        "reviewer checks the value)"
    ) in text
    assert "plausible_annual_mass = minimum 0.01 t/yr, maximum 100,000 t/yr" in text
