"""Property tests: every quantity threshold of the shipped rule set holds exactly, in every unit.

The checks are discovered from the rule set (every ``compare`` check with a quantity threshold,
and every branch of an ``any`` check), so a new threshold is covered without editing this file;
a threshold of a kind of quantity the unit tables below do not know fails loudly.

The truth each property compares with is computed here, independently of the registry: unit
factors are exact fractions written below, and π comes from Machin's formula in integer
arithmetic, to far more digits than any application can state.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.check_kinds.any import AnyCheck
from eligibility.check_kinds.compare import CompareCheck
from eligibility.checking.document import check_document
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Rule, Ruleset
from eligibility.ruleset.model import Test as RuleTest

RULES = Path(__file__).resolve().parents[2] / "rules" / "permanent-magnets" / "2025-06"


# --- π, independently ---------------------------------------------------------------------------


def machin_pi(digits: int) -> int:
    """π × 10**digits, truncated: π/4 = 4·arctan(1/5) − arctan(1/239), in integers."""
    scale = 10 ** (digits + 10)

    def arctan_inv(x: int) -> int:
        total = term = scale // x
        n, sign, x2 = 1, 1, x * x
        while term:
            term //= x2
            n += 2
            sign = -sign
            total += sign * (term // n)
        return total

    return (4 * (4 * arctan_inv(5) - arctan_inv(239))) // 10**10


PI_DIGITS = 250
PI = Fraction(machin_pi(PI_DIGITS), 10**PI_DIGITS)  # error below 1e-249


def test_machin_pi() -> None:
    assert str(machin_pi(50)) == "314159265358979323846264338327950288419716939937510"


# --- units people write, with their exact factors -----------------------------------------------


@dataclass(frozen=True)
class Unit:
    """``template`` with the number in place of {}; one of it is ``factor × π**pi_power`` of
    the kind's unit (the unit in fields.toml, e.g. kJ/m^3 for an energy product)."""

    template: str
    factor: Fraction
    pi_power: int = 0

    @property
    def exact(self) -> bool:
        return self.pi_power == 0

    def in_kind_unit(self, magnitude: Fraction) -> Fraction:
        """``magnitude`` of this unit in the kind's unit (π to 250 digits where it appears)."""
        return magnitude * self.factor * PI**self.pi_power

    def from_kind_unit(self, magnitude: Fraction) -> Fraction:
        return magnitude / (self.factor * PI**self.pi_power)

    def write(self, number: str) -> str:
        return self.template.format(number)


F = Fraction
UNITS: dict[str, tuple[Unit, ...]] = {
    "energy_product": (  # kJ/m^3; 1 MGOe = 100/(4π) kJ/m³ = 25/π
        Unit("{} kJ/m^3", F(1)),
        Unit("{} kJ/m³", F(1)),
        Unit("{} kJ/m3", F(1)),
        Unit("{} J/cm^3", F(1000)),
        Unit("{} MJ/m^3", F(1000)),
        Unit("{} J/L", F(1)),
        Unit("{} J/m^3", F(1, 1000)),
        Unit("{} MGOe", F(25), -1),
    ),
    "field_strength": (  # kA/m; 1 Oe = 1000/(4π) A/m = 1/(4π) kA/m
        Unit("{} kA/m", F(1)),
        Unit("{} MA/m", F(1000)),
        Unit("{} A/m", F(1, 1000)),
        Unit("{} kOe", F(250), -1),
        Unit("{} Oe", F(1, 4), -1),
    ),
    "annual_mass": (  # t/yr; a year is 365.25 days
        Unit("{} t/yr", F(1)),
        Unit("{} kt/yr", F(1000)),
        Unit("{} kg/yr", F(1, 1000)),
        Unit("{} t/年", F(1)),
        Unit("{} トン/年", F(1)),
        Unit("年{}トン", F(1)),
        Unit("{} t/month", F(12)),
        Unit("{} kg/d", F(36525, 100000)),
    ),
    "ratio": (  # %
        Unit("{} %", F(1)),
        Unit("{}%", F(1)),
        Unit("{} ％", F(1)),
    ),
    "content": (  # wt%
        Unit("{} wt%", F(1)),
        Unit("{} mass%", F(1)),
        Unit("{} 質量%", F(1)),
        Unit("{} wt.%", F(1)),
        Unit("{} ppm", F(1, 10000)),
    ),
    "duration": (  # yr
        Unit("{} yr", F(1)),
        Unit("{} 年", F(1)),
        Unit("{} months", F(1, 12)),
        Unit("{} ヶ月", F(1, 12)),
        Unit("{} d", F(100, 36525)),
    ),
    "rotational_speed": (  # rpm; a revolution is one turn, a radian 1/(2π) of one
        Unit("{} rpm", F(1)),
        Unit("{} r/min", F(1)),
        Unit("{} min⁻¹", F(1)),
        Unit("{} min^-1", F(1)),
        Unit("{} rps", F(60)),
        Unit("{} rad/s", F(30), -1),
    ),
    "torque_density": (  # N*m/L
        Unit("{} N*m/L", F(1)),
        Unit("{} N·m/L", F(1)),
        Unit("{} Nm/L", F(1)),
        Unit("{} N・m/L", F(1)),
        Unit("{} kN·m/m^3", F(1)),
        Unit("{} N·m/m^3", F(1, 1000)),
        Unit("{} N·m/cm^3", F(1000)),
    ),
}


# --- the checks, discovered from the rule set ---------------------------------------------------


@cache
def shipped_ruleset() -> Ruleset:
    return load_ruleset(RULES)


@dataclass(frozen=True)
class Check:
    """One quantity comparison: a compare rule, or one branch of an ``any`` rule."""

    rule: Rule
    test: RuleTest
    field: str  # the field the property writes
    others: tuple[str, ...]  # fields of the same test that must be stated (each: set to pass)
    kind: str
    threshold: Fraction  # in the kind's unit, computed with the tables above

    def __repr__(self) -> str:
        return f"Check({self.id})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # hypothesis' reports
        printer.text(repr(self))

    @property
    def id(self) -> str:
        main = self.rule.criterion.test if isinstance(self.rule.criterion, CompareCheck) else None
        if self.test is main and not self.test.each:
            return self.rule.id
        return f"{self.rule.id}[{self.field}]"

    @property
    def units(self) -> tuple[Unit, ...]:
        return UNITS[self.kind]

    def holds(self, value: Fraction) -> bool:
        op = self.test.op
        t = self.threshold
        return {
            ">=": value >= t,
            ">": value > t,
            "<=": value <= t,
            "<": value < t,
        }[str(op)]

    def impossible(self, value: Fraction) -> bool:
        """Above the bound of the field's kind (a reduction above 100 %): invalid."""
        kind = shipped_ruleset().fields[self.field].kind
        bound = kind.at_most if kind is not None else None
        return bound is not None and value > bound.to(kind.unit)  # type: ignore[union-attr]

    def expected(self, value: Fraction) -> str:
        if self.impossible(value):
            return "invalid"
        return "pass" if self.holds(value) else self.rule.on_fail

    def plan(self, text: str) -> dict[str, Any]:
        plan: dict[str, Any] = {"id": "p", "track": self.rule.track}
        _put(plan, self.field, text)
        for other in self.others:
            # the other fields of an `each` test sit exactly at the threshold, which passes
            _put(plan, other, _at_threshold_text(self))
        if self.rule.when_field is not None and self.rule.when_in:
            _put(plan, self.rule.when_field, self.rule.when_in[0])
        for rid in self.rule.requires:  # the checks it requires pass, so it is judged
            required = shipped_ruleset().rule(rid)
            assert required is not None
            passing = required.criterion.examples(required.on_fail, shipped_ruleset(), {})
            for path, value in next(e.values for e in passing if e.status == "pass").items():
                _put(plan, path, value)
        return plan

    def status(self, text: str) -> str:
        doc = {"applicant": {"name": "Property Magnet Works K.K."}, "plans": [self.plan(text)]}
        (plan,) = check_document(doc, shipped_ruleset(), "property.toml").plans
        found = [f for f in plan.findings if f.rule == self.rule.id]
        assert len(found) == 1, f"{self.rule.id}: {plan.findings}"
        return found[0].status


def _put(plan: dict[str, Any], path: str, value: Any) -> None:
    block, _, key = path.partition(".")
    if key:
        plan.setdefault(block, {})[key] = value
    else:
        plan[block] = value


def _unit_for(kind: str, unit_source: str) -> Unit:
    for unit in UNITS[kind]:
        if unit.template == "{} " + unit_source:
            return unit
    raise AssertionError(f"add '{unit_source}' to the {kind} table in tests/test_properties.py")


def discover() -> list[Check]:
    """Every quantity comparison of the rule set whose value is a field a person writes."""
    ruleset = shipped_ruleset()
    checks: list[Check] = []
    for rule in ruleset.rules:
        c = rule.criterion
        if isinstance(c, CompareCheck):
            tests = [c.test]
        elif isinstance(c, AnyCheck):
            tests = list(c.branches)
        else:
            continue
        for test in tests:
            th = test.threshold
            if th is None or th.quantity is None or th.unit_source is None:
                continue
            if test.each:
                paths = list(test.each)
            elif test.values and test.values[0].is_field:
                paths = [test.values[0].text]
            else:
                continue
            for path in paths if isinstance(c, CompareCheck) else paths[:1]:
                kind = ruleset.fields[path].kind
                assert kind is not None
                assert kind.name in UNITS, (
                    f"{rule.id}: add a unit table for kind '{kind.name}' in this file"
                )
                threshold = _unit_for(kind.name, th.unit_source).in_kind_unit(th.quantity.magnitude)
                others = tuple(p for p in test.each if p != path)
                checks.append(Check(rule, test, path, others, kind.name, threshold))
    return checks


CHECKS = discover()
CHECK_IDS = [c.id for c in CHECKS]


def _at_threshold_text(check: Check) -> str:
    unit = next(u for u in check.units if u.exact and u.factor == 1)
    return unit.write(_decimal_text(_finite_decimal(check.threshold)))


def test_discovery_finds_every_quantity_threshold() -> None:
    found = {c.rule.id for c in CHECKS}
    for rule_id in (
        "capacity.ndfeb.energy_product",
        "capacity.ndfeb.coercivity",
        "capacity.ndfeb.capacity_increase",
        "capacity.hre-free.heavy_rare_earth_free",
        "recycling.rnd.cost_reduction",
        "saving.magnet-rnd.saving_target",
        "saving.motor.torque_density",
    ):
        assert rule_id in found
    assert len(CHECKS) >= 20


# --- numbers ------------------------------------------------------------------------------------


def _finite_decimal(value: Fraction) -> Decimal:
    """``value`` as an exact Decimal; it must have a finite decimal expansion."""
    d = value.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    assert d == 1, f"{value} has no finite decimal expansion"
    places = max(twos, fives)
    return Decimal(f"{value.numerator * 10**places // value.denominator}E-{places}")


def _is_finite_decimal(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _round_sig(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` significant digits (half-even)."""
    with decimal.localcontext() as ctx:
        ctx.prec = digits
        return Decimal(value.numerator) / Decimal(value.denominator)


def _decimal_text(d: Decimal) -> str:
    """Positional notation when it fits the parser's 30 digits, else an exponent."""
    if d == 0:
        return "0"
    text = format(d, "f")
    whole, _, frac = text.lstrip("-").partition(".")
    if len(whole.lstrip("0")) + len(frac) <= 30:  # the parser's limit (quantity.MAX_DIGITS)
        return text
    return format(d, "E")


FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _styled(d: Decimal, style: str) -> str:
    text = _decimal_text(d)
    if style == "grouped" and "E" not in text:
        whole, dot, frac = text.partition(".")
        text = f"{int(whole):,}" + dot + frac
    if style == "full-width":
        text = text.translate(FULL_WIDTH)
    return text


STYLES = st.sampled_from(["plain", "plain", "grouped", "full-width"])


@st.composite
def near(draw: st.DrawFn, target: Fraction) -> Decimal:
    """A decimal of up to 15 significant digits (what applications state), now and then up to
    30 (the most the parser reads): at, or a few last places from, the rounding of
    ``target``; or a random one on the same scale."""
    digits = draw(st.integers(1, 15) | st.integers(1, 30))
    with decimal.localcontext() as ctx:
        ctx.prec = 80  # the arithmetic below is exact
        return _near(draw, target, digits)


def _near(draw: st.DrawFn, target: Fraction, digits: int) -> Decimal:
    if target == 0:
        digits = min(digits, 15)
        mantissa = draw(st.integers(0, 10**digits - 1))
        return Decimal(mantissa).scaleb(draw(st.integers(-15, 2)) - digits)
    base = _round_sig(target, digits)
    if draw(st.booleans()):
        ulp = Decimal(1).scaleb(base.adjusted() - digits + 1)
        value = base + draw(st.integers(-3, 3)) * ulp
    else:
        mantissa = draw(st.integers(0, 10**digits - 1))
        shift = draw(st.integers(-1, 1))
        value = Decimal(mantissa).scaleb(base.adjusted() - digits + 1 + shift)
    return value if value > 0 else Decimal(0)


@st.composite
def written(draw: st.DrawFn, check: Check) -> tuple[Unit, Decimal, str]:
    """A value near the check's threshold, written in one of its kind's units."""
    unit = draw(st.sampled_from(check.units))
    number = draw(near(unit.from_kind_unit(check.threshold)))
    return unit, number, unit.write(_styled(number, draw(STYLES)))


def true_value(unit: Unit, number: Decimal) -> Fraction:
    return unit.in_kind_unit(Fraction(number))


# --- properties ---------------------------------------------------------------------------------

FAST = settings(
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("check", CHECKS, ids=CHECK_IDS)
@FAST
@given(data=st.data())
def test_status_is_the_exact_comparison(check: Check, data: st.DataObject) -> None:
    """In any unit, the status is the exact comparison of the true value with the threshold."""
    unit, number, text = data.draw(written(check))
    assert check.status(text) == check.expected(true_value(unit, number)), text


@pytest.mark.parametrize("check", CHECKS, ids=CHECK_IDS)
def test_exactly_at_the_threshold(check: Check) -> None:
    """At the threshold, written in every unit where it is a finite decimal, in several forms."""
    inclusive = check.test.op in (">=", "<=")
    expected = "pass" if inclusive else check.rule.on_fail
    tried = 0
    for unit in check.units:
        if not unit.exact:
            continue
        in_unit = unit.from_kind_unit(check.threshold)
        if not _is_finite_decimal(in_unit):
            continue
        d = _finite_decimal(in_unit)
        forms = {_decimal_text(d), _decimal_text(d.normalize()), format(d, ".20f")}
        if d != 0:
            forms.add(format(d.normalize(), "E"))
        for form in forms:
            text = unit.write(form)
            assert check.status(text) == expected, text
            tried += 1
    assert tried >= 3


@pytest.mark.parametrize("check", CHECKS, ids=CHECK_IDS)
@FAST
@given(data=st.data())
def test_improving_never_turns_pass_into_fail(check: Check, data: st.DataObject) -> None:
    """Monotonicity: of two values, the one further on the passing side passes if the other does."""
    a_unit, a_number, a_text = data.draw(written(check))
    b_unit, b_number, b_text = data.draw(written(check))
    a, b = true_value(a_unit, a_number), true_value(b_unit, b_number)
    if a == b:
        assert check.status(a_text) == check.status(b_text)
        return
    higher_is_better = check.test.op in (">=", ">")
    worse, better = (a_text, b_text) if (a < b) == higher_is_better else (b_text, a_text)
    if check.impossible(max(a, b)):
        return  # beyond the kind's bound, a value is invalid, not better (another test)
    if check.status(worse) == "pass":
        assert check.status(better) == "pass", f"{worse} passes but {better} does not"


@pytest.mark.parametrize("check", CHECKS, ids=CHECK_IDS)
@settings(deadline=None, max_examples=40)
@given(data=st.data())
def test_unit_never_changes_the_verdict(check: Check, data: st.DataObject) -> None:
    """One value written in every unit that expresses it exactly gets one status."""
    base_unit = data.draw(st.sampled_from([u for u in check.units if u.exact]))
    number = data.draw(near(base_unit.from_kind_unit(check.threshold)))
    value = base_unit.in_kind_unit(Fraction(number))
    expected = check.expected(value)
    for unit in check.units:
        if not unit.exact:
            continue
        in_unit = unit.from_kind_unit(value)
        if not _is_finite_decimal(in_unit):
            continue
        d = _finite_decimal(in_unit)
        text = unit.write(_decimal_text(d))
        if len(text) > 90 or "E" in text:
            continue
        assert check.status(text) == expected, f"{text} (= {base_unit.write(str(number))})"


# --- the π claim: CGS magnet units near the boundary, checked at 200 digits ------------------

PRECISION = 200


@cache
def pi_decimal() -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION + 10
        return Decimal(machin_pi(PRECISION + 5)).scaleb(-(PRECISION + 5))


# Each CGS unit: its value in the kind's unit as a Decimal expression of π, evaluated at 200 digits.
CGS: dict[str, dict[str, Any]] = {
    "energy_product": {"MGOe": lambda x, pi: x * 100 / (4 * pi)},  # kJ/m³
    "field_strength": {
        "kOe": lambda x, pi: x * 1000 / (4 * pi),  # kA/m
        "Oe": lambda x, pi: x / (4 * pi),
    },
}

CGS_CHECKS = [
    pytest.param(c, unit, id=f"{c.id}:{unit}")
    for c in CHECKS
    if c.kind in CGS
    for unit in CGS[c.kind]
]

# Full plans that pass every other check, so the plan's verdict turns on this one value.
COMPLETE: dict[str, dict[str, Any]] = {
    "capacity.ndfeb": {"capacity_increase": "600 t/yr"},
    "capacity.ndfeb-program-results": {
        "capacity_increase": "120 t/yr",
        "uses_program_results": True,
    },
    "capacity.hre-free": {"capacity_after": "150 t/yr"},
}
N48SH = {
    "material": "NdFeB",
    "grade": "N48SH",
    "energy_product": "374 kJ/m^3",
    "coercivity": "1592 kA/m",
    "remanence": "1.40 T",
    "measured_at": "20 degC",
    "dysprosium": "0 wt%",
    "terbium": "0 wt%",
}


@st.composite
def near_cgs_boundary(draw: st.DrawFn, threshold_in_unit: Decimal, max_digits: int) -> Decimal:
    """Up to ``max_digits`` significant digits: the threshold's rounding, a few last places
    off, or with its last digits replaced by random ones."""
    digits = draw(st.integers(6, max_digits))
    with decimal.localcontext() as ctx:
        ctx.prec = digits
        base = +threshold_in_unit
    ulp = Decimal(1).scaleb(base.adjusted() - digits + 1)
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        if draw(st.booleans()):
            return base + draw(st.integers(-5, 5)) * ulp
        tail = draw(st.integers(1, min(6, digits - 2)))  # keep the leading two digits
        kept = (base / ulp).to_integral_value() // 10**tail * 10**tail
        return (kept + draw(st.integers(0, 10**tail - 1))) * ulp


@pytest.mark.parametrize("max_digits", [15, 30], ids=["15 digits", "30 digits"])
@pytest.mark.parametrize(("check", "unit"), CGS_CHECKS)
@settings(deadline=None, max_examples=150)
@given(data=st.data())
def test_cgs_units_near_the_boundary_at_200_digits(
    check: Check, unit: str, max_digits: int, data: st.DataObject
) -> None:
    """The verdict for a CGS figure near the threshold is the one exact arithmetic gives.

    Values have up to 15 significant digits (what an application states), and up to 30 (the
    most the parser reads); the truth is computed with the decimal module at 200 digits and
    π from Machin's formula, never with the registry's π.
    """
    convert = CGS[check.kind][unit]
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        pi = pi_decimal()
        threshold = Decimal(check.threshold.numerator) / Decimal(check.threshold.denominator)
        threshold_in_unit = threshold / convert(Decimal(1), pi)
    number = data.draw(near_cgs_boundary(threshold_in_unit, max_digits))
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        value = convert(number, pi)
        ok = {">=": value >= threshold, "<=": value <= threshold}[str(check.test.op)]
    text = f"{_decimal_text(number)} {unit}"
    plan: dict[str, Any] = {
        "id": "p",
        "track": check.rule.track,
        **COMPLETE[check.rule.track],
        "magnet": {**N48SH, check.field.partition(".")[2]: text},
    }
    result = check_document(
        {"applicant": {"name": "CGS K.K."}, "plans": [plan]}, shipped_ruleset(), "cgs"
    )
    (finding,) = [f for f in result.plans[0].findings if f.rule == check.rule.id]
    assert finding.status == ("pass" if ok else check.rule.on_fail), text
    assert result.verdict == ("eligible" if ok else "ineligible"), (
        text,
        [(f.rule, f.status) for f in result.plans[0].findings if f.status != "pass"],
    )
