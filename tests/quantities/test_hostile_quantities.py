"""Quantities written to attack the parser: each is refused quickly, with its exact message.

Application files come from outside, and pint evaluates arithmetic, so nothing a user writes
may reach it as an expression. Every threat below is read by our own parser, refused with a
reason, and reported through ``check_document`` as an ``invalid`` finding of the rule that
reads the field, with a message naming the field, in both languages.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest

from eligibility.checking.document import check_document
from eligibility.checking.result import Finding
from eligibility.quantities.quantity import QuantityError, parse_quantity
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Ruleset

RULES = Path(__file__).resolve().parents[2] / "rules" / "permanent-magnets" / "2025-06"
FAST = 1.0  # seconds

# An eligible capacity.ndfeb plan; each case replaces one field.
PLAN: dict[str, Any] = {
    "id": "line-4",
    "track": "capacity.ndfeb",
    "capacity_increase": "800 t/yr",
    "operation_start": "2028-10-01",
    "magnet": {
        "material": "NdFeB",
        "energy_product": "390 kJ/m^3",
        "coercivity": "1600 kA/m",
        "remanence": "1.42 T",
        "measured_at": "20 degC",
    },
}
# field path -> (the rule that reads it, its name in English and Japanese messages)
FIELDS = {
    "capacity_increase": (
        "capacity.ndfeb.capacity_increase",
        "`capacity_increase`: ",
        "`capacity_increase`：",
    ),
    "magnet.energy_product": (
        "capacity.ndfeb.energy_product",
        "`energy_product` in [plans.magnet]: ",
        "[plans.magnet] の `energy_product`：",
    ),
    "magnet.coercivity": (
        "capacity.ndfeb.coercivity",
        "`coercivity` in [plans.magnet]: ",
        "[plans.magnet] の `coercivity`：",
    ),
}

ONE_MB_OF_DIGITS = "1" * 1_000_000 + " t/yr"
M_TIMES_5000 = "1 " + "m*" * 5000 + "m"
TEN_KB_UNIT = "500 " + "t/yr" * 2500

# (test id, field path, text, parse_quantity's reason in English, in Japanese)
THREATS = [
    (
        "power-tower-energy-product",
        "magnet.energy_product",
        "10**10**10 kJ/m^3",
        "'10**10**10 kJ/m^3': write one number and its unit, not a calculation",
        "'10**10**10 kJ/m^3': 計算式ではなく、一つの数値と単位で記入してください",
    ),
    (
        "power-tower-metre",
        "capacity_increase",
        "9**9**9 m",
        "'9**9**9 m': write one number and its unit, not a calculation",
        "'9**9**9 m': 計算式ではなく、一つの数値と単位で記入してください",
    ),
    (
        "one-megabyte-of-digits",
        "capacity_increase",
        ONE_MB_OF_DIGITS,
        "the text is 1000005 characters long; a quantity has at most 100",
        "1000005 文字あります。数量は 100 文字以内で記入してください",
    ),
    (
        "m-times-m-5000-deep",
        "capacity_increase",
        M_TIMES_5000,
        "the text is 10003 characters long; a quantity has at most 100",
        "10003 文字あります。数量は 100 文字以内で記入してください",
    ),
    (
        "m-times-m-within-the-length-limit",
        "capacity_increase",
        "1 " + "m*" * 40 + "m",
        f"'1 {'m*' * 40}m': a unit has at most 6 parts",
        f"'1 {'m*' * 40}m': 単位の要素は 6 個までです",
    ),
    (
        "division-by-zero",
        "capacity_increase",
        "1/0 m",
        "'1/0 m': write one number and its unit, not a calculation",
        "'1/0 m': 計算式ではなく、一つの数値と単位で記入してください",
    ),
    (
        "python-import",
        "magnet.coercivity",
        "__import__('os')",
        "'__import__('os')' does not start with a number",
        "'__import__('os')' が数値で始まっていません",
    ),
    (
        "nan",
        "magnet.energy_product",
        "nan kJ/m^3",
        "'nan kJ/m^3' is not a finite number",
        "'nan kJ/m^3' は有限の数値ではありません",
    ),
    (
        "inf",
        "capacity_increase",
        "inf t/yr",
        "'inf t/yr' is not a finite number",
        "'inf t/yr' は有限の数値ではありません",
    ),
    (
        "minus-inf",
        "capacity_increase",
        "-inf t/yr",
        "'-inf t/yr' is not a finite number",
        "'-inf t/yr' は有限の数値ではありません",
    ),
    (
        "exponent-999",
        "capacity_increase",
        "1e999 t/yr",
        "'1e999 t/yr': the exponent 999 is out of range (at most ±30)",
        "'1e999 t/yr': 指数 999 は範囲外です（±30 以内）",
    ),
    (
        "times-ten-to-the-999",
        "capacity_increase",
        "1×10^999 t/yr",
        "'1×10^999 t/yr': the exponent 999 is out of range (at most ±30)",
        "'1×10^999 t/yr': 指数 999 は範囲外です（±30 以内）",
    ),
    (
        "unit-power-99",
        "capacity_increase",
        "500 m^99",
        "'500 m^99': the power 99 of 'm' is out of range",
        "'500 m^99': 'm' の指数 99 は範囲外です",
    ),
    (
        "ten-kilobyte-unit",
        "capacity_increase",
        TEN_KB_UNIT,
        "the text is 10004 characters long; a quantity has at most 100",
        "10004 文字あります。数量は 100 文字以内で記入してください",
    ),
    (
        "thirty-one-digits",
        "capacity_increase",
        "1" * 31 + " t/yr",
        f"'{'1' * 31} t/yr' has more than 30 digits",
        f"'{'1' * 31} t/yr' の桁数が 30 桁を超えています",
    ),
]


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return load_ruleset(RULES)


def _check(ruleset: Ruleset, path: str, raw: Any) -> tuple[Finding, float]:
    """The finding of the rule reading ``path`` when it holds ``raw``, and the seconds taken."""
    plan = copy.deepcopy(PLAN)
    block, _, key = path.rpartition(".")
    (plan[block] if block else plan)[key] = raw
    doc = {"applicant": {"name": "A"}, "plans": [plan]}
    start = time.perf_counter()
    result = check_document(doc, ruleset, "hostile.toml")
    elapsed = time.perf_counter() - start
    rule_id = FIELDS[path][0]
    (finding,) = [f for f in result.plans[0].findings if f.rule == rule_id]
    assert result.verdict == "incomplete"
    assert result.exit_code == 3
    return finding, elapsed


def _expect(ruleset: Ruleset, path: str, raw: Any, reason_en: str, reason_ja: str) -> None:
    rule_id, name_en, name_ja = FIELDS[path]
    rule = ruleset.rule(rule_id)
    assert rule is not None
    finding, elapsed = _check(ruleset, path, raw)
    assert finding.status == "invalid"
    assert finding.field == path
    assert finding.message.en == f"{rule.title.en} {name_en}{reason_en}."
    assert finding.message.ja == f"{rule.title.ja}{name_ja}{reason_ja}。"
    assert elapsed < FAST


@pytest.mark.parametrize(
    ("path", "text", "reason_en", "reason_ja"),
    [case[1:] for case in THREATS],
    ids=[case[0] for case in THREATS],
)
def test_parse_quantity_refuses_with_the_exact_reason(
    path: str, text: str, reason_en: str, reason_ja: str
) -> None:
    start = time.perf_counter()
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert time.perf_counter() - start < FAST
    assert str(caught.value) == reason_en
    assert caught.value.text.en == reason_en
    assert caught.value.text.ja == reason_ja


@pytest.mark.parametrize(
    ("path", "text", "reason_en", "reason_ja"),
    [case[1:] for case in THREATS],
    ids=[case[0] for case in THREATS],
)
def test_check_document_reports_the_threat_as_invalid_naming_the_field(
    ruleset: Ruleset, path: str, text: str, reason_en: str, reason_ja: str
) -> None:
    _expect(ruleset, path, text, reason_en, reason_ja)


def test_one_megabyte_of_digits_is_refused_in_under_a_second(ruleset: Ruleset) -> None:
    start = time.perf_counter()
    with pytest.raises(QuantityError):
        parse_quantity(ONE_MB_OF_DIGITS)
    finding, _ = _check(ruleset, "capacity_increase", ONE_MB_OF_DIGITS)
    assert finding.status == "invalid"
    assert time.perf_counter() - start < FAST


def test_a_negative_capacity_increase_is_invalid(ruleset: Ruleset) -> None:
    # it parses (a temperature may be negative); the field's kind refuses it
    assert parse_quantity("-500 t/yr").magnitude == -500
    _expect(
        ruleset,
        "capacity_increase",
        "-500 t/yr",
        "'-500 t/yr' is negative; capacity increase cannot be below zero",
        "'-500 t/yr' は負の値です。生産能力の増強量は0以上です",
    )


def test_a_negative_energy_product_is_invalid(ruleset: Ruleset) -> None:
    _expect(
        ruleset,
        "magnet.energy_product",
        "-5 kJ/m^3",
        "'-5 kJ/m^3' is negative; maximum energy product (BH)max cannot be below zero",
        "'-5 kJ/m^3' は負の値です。最大エネルギー積 (BH)maxは0以上です",
    )


# TOML has nan and inf literals, and integers of thousands of digits: they arrive as numbers.
@pytest.mark.parametrize(
    ("raw", "reason_en", "reason_ja"),
    [
        (float("nan"), "nan is not a finite number", "nan は有限の数値ではありません"),
        (float("inf"), "inf is not a finite number", "inf は有限の数値ではありません"),
        (float("-inf"), "-inf is not a finite number", "-inf は有限の数値ではありません"),
    ],
    ids=["nan", "inf", "minus-inf"],
)
def test_a_non_finite_toml_float_is_invalid(
    ruleset: Ruleset, raw: float, reason_en: str, reason_ja: str
) -> None:
    _expect(ruleset, "capacity_increase", raw, reason_en, reason_ja)


def test_a_huge_toml_integer_is_a_number_without_a_unit(ruleset: Ruleset) -> None:
    units = "t/yr, t/年, 年500トン, kt/yr, t/month"
    big = 10**4299  # the most digits Python converts to text (4300)
    shown = "1" + "0" * 19 + "…(4300 digits)"  # not repeated in full
    _expect(
        ruleset,
        "capacity_increase",
        big,
        f"{shown} is a number without a unit; write it with a unit, e.g. {units}",
        f"{shown} は単位のない数値です。単位を付けて記入してください（例：{units}）",
    )


def test_a_quoted_number_without_a_unit_names_the_units_accepted(ruleset: Ruleset) -> None:
    finding, _ = _check(ruleset, "capacity_increase", "500")
    assert finding.status == "invalid"
    assert "`capacity_increase`" in finding.message.en
    assert "t/yr, t/年, 年500トン, kt/yr, t/month" in finding.message.en
    assert "t/yr, t/年, 年500トン, kt/yr, t/month" in finding.message.ja


# --- values that crashed or hung the check ---------------------------------------------------


def _findings_for(ruleset: Ruleset, path: str, raw: Any) -> list[Finding]:
    plan = copy.deepcopy(PLAN)
    block, _, key = path.rpartition(".")
    (plan[block] if block else plan)[key] = raw
    result = check_document({"applicant": {"name": "A"}, "plans": [plan]}, ruleset, "x.toml")
    return [f for f in result.plans[0].findings if f.field == path and f.status != "pass"]


@pytest.mark.parametrize("text", ["0.02 kdegC", "5 mdegF", "1 MdegC"])
def test_a_prefixed_temperature_with_an_offset_is_refused(ruleset: Ruleset, text: str) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert "takes no prefix" in caught.value.text.en
    assert "接頭辞" in caught.value.text.ja
    (finding,) = _findings_for(ruleset, "magnet.measured_at", text)
    assert finding.status == "invalid"
    assert "takes no prefix" in finding.message.en


def test_a_prefixed_kelvin_is_still_a_temperature() -> None:
    assert parse_quantity("0.3 kK").to("K") == 300


def test_a_4000_digit_hexadecimal_integer_is_a_number_without_a_unit(ruleset: Ruleset) -> None:
    import tomllib

    huge = tomllib.loads("x = 0x" + "f" * 4000)["x"]  # 4,817 decimal digits
    (finding,) = _findings_for(ruleset, "capacity_increase", huge)
    assert finding.status == "invalid"
    assert "(4817 digits) is a number without a unit" in finding.message.en
    assert finding.given is not None and len(finding.given) <= 80


def test_name_folding_is_linear(ruleset: Ruleset) -> None:
    from eligibility.ruleset.model import fold_name

    start = time.perf_counter()
    fold_name("NdFeB" + " " * 200_000 + "x")  # was quadratic: > 90 s for 200 KB
    fold_name("(" * 200_000 + ")" * 200_000)
    assert time.perf_counter() - start < FAST


def test_a_200_kb_material_is_refused_quickly_saying_the_limit(ruleset: Ruleset) -> None:
    from eligibility.application.applicant import MAX_TEXT

    start = time.perf_counter()
    (finding,) = _findings_for(ruleset, "magnet.material", "NdFeB" + " " * 200_000 + "x")
    assert time.perf_counter() - start < FAST
    assert finding.status == "invalid"
    assert f"at most {MAX_TEXT:,} characters" in finding.message.en
    assert f"{MAX_TEXT:,} 文字" in finding.message.ja


@pytest.mark.parametrize("path", ["magnet.grade", "title", "site"])
def test_every_free_text_field_has_a_length_limit(ruleset: Ruleset, path: str) -> None:
    from eligibility.application.applicant import MAX_TEXT

    findings = _findings_for(ruleset, path, "x" * (MAX_TEXT + 1))
    assert [f.status for f in findings] == ["invalid"]
    assert f"at most {MAX_TEXT:,} characters" in findings[0].message.en
    assert _findings_for(ruleset, path, "x" * MAX_TEXT) == [] or path == "site"


def test_the_applicant_name_and_plan_id_have_a_length_limit(ruleset: Ruleset) -> None:
    from eligibility.application.applicant import MAX_TEXT

    long = "x" * (MAX_TEXT + 1)
    doc = {"applicant": {"name": long}, "plans": [{**copy.deepcopy(PLAN), "id": long}]}
    result = check_document(doc, ruleset, "x.toml")
    name = [f for f in result.applicant_findings if f.field == "applicant.name"]
    assert [f.status for f in name] == ["invalid"]
    plan_id = [f for f in result.plans[0].findings if f.field == "id"]
    assert [f.status for f in plan_id] == ["invalid"]
    assert len(result.plans[0].id) <= 80
    assert all(f"at most {MAX_TEXT:,} characters" in f.message.en for f in name + plan_id)


def test_name_folding_keeps_what_is_written_in_brackets() -> None:
    from eligibility.ruleset.model import fold_name

    assert fold_name("国内（一部海外）") != fold_name("国内")
    assert fold_name("Sintered  Nd-Fe-B") == fold_name("sintered ndfeb")
