"""Hostile rule sets: deep nesting, long chains, huge powers and format strings are refused
when the rule set loads, each problem naming its file and key, and never crash or hang
`rules check` (issue 10, item 10).

Each case is a copy of the shipped rule set with one attack in it, as in bad_rulesets/.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import check_bytes
from eligibility.errors import RulesetError
from eligibility.quantities.quantity import Quantity, parse_quantity
from eligibility.quantities.units import DimensionalityError
from eligibility.ruleset import expressions
from eligibility.ruleset.loader import MAX_BASE_CHAIN, MAX_LIKE_CHAIN, load_ruleset
from eligibility.ruleset.places import folders_under
from eligibility.ruleset.toml_file import MAX_DEPTH
from eligibility.text import Text

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "rules" / "permanent-magnets" / "2025-06"
APPLICATION = REPO / "examples" / "ndfeb-line.toml"
EXPR = 'threshold_expr = "magnet.remanence ^ 2 / (4 * mu_0)"'
EXPR_KEY = 'physics.toml: rules."physics.remanence_bound".threshold_expr'


def _copy(tmp_path: Path, name: str = "2025-06") -> Path:
    folder = tmp_path / name
    shutil.copytree(GOOD, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    return info.value.problems


def _rules_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """`eligibility rules check FOLDER` as a user runs it, in its own process, bounded."""
    return subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "rules", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ELIGIBILITY_CACHE": "off"},
        cwd=REPO,
    )


# --- expressions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("(" * 5000 + "magnet.remanence" + ")" * 5000 + " ^ 2 / (4 * mu_0)", "at most 200"),
        (
            "(" * 9 + "magnet.remanence" + ")" * 9 + " ^ 2 / (4 * mu_0)",
            "parentheses nested more than 8 levels deep",
        ),
        ("magnet.remanence ^ 100000000 / (4 * mu_0)", "a power is a whole number from 1 to 4"),
        (
            "magnet.remanence ^ 100000000 / magnet.remanence ^ 99999998 / (4 * mu_0)",
            "a power is a whole number from 1 to 4",
        ),
        (
            "((magnet.remanence ^ 4) ^ 4) ^ 2 / ((magnet.remanence ^ 4) ^ 4) ^ 2 * "
            "magnet.remanence ^ 2 / (4 * mu_0)",
            "multiplies 68 values together (powers expanded); at most 16",
        ),
        ("magnet.remanence ^ 2 / (4" + "0" * 40 + " * mu_0)", "a number has more than 30 digits"),
    ],
    ids=["long", "deep", "huge-power", "huge-power-of-the-right-dimension", "degree", "digits"],
)
def test_an_expression_out_of_bounds_is_refused_naming_file_and_key(
    tmp_path: Path, expr: str, reason: str
) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "physics.toml", EXPR, f'threshold_expr = "{expr}"')
    (problem,) = _problems(folder)
    assert problem.startswith(f"{folder}/{EXPR_KEY}: '")
    assert problem.endswith(reason)


def test_rules_check_refuses_a_huge_power_at_once(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(
        folder / "physics.toml",
        EXPR,
        'threshold_expr = "magnet.remanence ^ 100000000 / magnet.remanence ^ 99999998 '
        '/ (4 * mu_0)"',
    )
    start = time.perf_counter()
    done = _rules_check(folder)
    assert time.perf_counter() - start < 30
    assert done.returncode == 2
    assert "a power is a whole number from 1 to 4" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_the_shipped_expressions_are_within_bounds() -> None:
    ruleset = load_ruleset(GOOD)
    assert ruleset.version == "2025-06"
    assert expressions.parse("(nd_usage_baseline - nd_usage_target) / nd_usage_baseline")


def test_the_bounds_themselves_are_accepted() -> None:
    at_the_bounds = [
        "(" * expressions.MAX_NESTING + "a" + ")" * expressions.MAX_NESTING,
        f"a ^ {expressions.MAX_POWER}",
        "(a * b * c * d) ^ 4",  # degree 16
        "a + b + c + d + e + f",  # six fields
        "9" * expressions.MAX_DIGITS + " * a",
        "a" + " + a" * ((expressions.MAX_TEXT - 1) // 4),  # 197 characters
    ]
    for text in at_the_bounds:
        assert expressions.parse(text).text == text
    for text in ["a ^ 5", "(a * b * c * d) ^ 4 * e", "a + b + c + d + e + f + g", "a ^ 0"]:
        with pytest.raises(expressions.ExprError):
            expressions.parse(text)


def _largest(path: str) -> Quantity:
    """The largest magnitude an application's quantity can have: 30 digits, exponent 30."""
    del path
    return parse_quantity("9" * 30 + "e30 T")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b", "4", "mu_0", "(", ")", "+", "-", "*", "/", "^", "2", "4"]),
        max_size=60,
    )
)
def test_any_expression_either_is_refused_or_computes_at_once(tokens: list[str]) -> None:
    text = " ".join(tokens)
    try:
        e = expressions.parse(text)
    except expressions.ExprError:
        return
    start = time.perf_counter()
    try:
        result = e.evaluate(_largest)
    except (ZeroDivisionError, DimensionalityError):
        return  # adding a tesla to a number, dividing by zero: the checker reports these
    assert time.perf_counter() - start < 0.5
    assert isinstance(result.magnitude, Fraction)
    assert len(str(result.magnitude.numerator)) < 5000


# --- nesting in the files themselves ------------------------------------------------------------


@pytest.mark.parametrize("file", ["extra.toml", "ruleset.toml"])
def test_deep_arrays_are_refused_naming_file_and_place(tmp_path: Path, file: str) -> None:
    folder = _copy(tmp_path)
    with (folder / file).open("a", encoding="utf-8") as out:
        out.write("\n[parameters.deep]\nvalue = " + "[" * 5000 + "]" * 5000 + "\n")
    line = (folder / file).read_text(encoding="utf-8").count("\n")
    problems = _problems(folder)
    expected = (
        f"{folder}/{file}: line {line}, column {9 + MAX_DEPTH}: nested more than "
        f"{MAX_DEPTH} levels deep; a rule file needs only a few levels of tables"
    )
    assert expected in problems
    done = _rules_check(folder)
    assert done.returncode == 2
    assert "nested more than 16 levels deep" in done.stdout + done.stderr
    assert "RecursionError" not in done.stderr and "Traceback" not in done.stderr


def test_deep_dotted_keys_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "extra.toml").write_text("[parameters]\n" + ".".join(["k"] * 3000) + " = 1\n")
    (problem,) = _problems(folder)
    assert problem.startswith(f"{folder}/extra.toml: line 2, column ")
    assert "nested more than 16 levels deep" in problem


def test_a_fifo_among_the_rule_files_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = _copy(tmp_path)
    os.mkfifo(folder / "extra.toml")
    done = _rules_check(folder)  # a blocking read would hit the subprocess timeout
    assert done.returncode == 2
    assert f"{folder}/extra.toml: not a regular file" in done.stdout + done.stderr


# --- chains of like and base --------------------------------------------------------------------


def _like_chain(folder: Path, length: int) -> None:
    rules = [
        f'[rules."physics.copy{i}"]\nlike = "physics.{f"copy{i - 1}" if i else "remanence_bound"}"'
        for i in range(length)
    ]
    (folder / "chain.toml").write_text("\n".join(rules) + "\n", encoding="utf-8")


def test_a_long_like_chain_is_one_problem_at_the_first_rule_too_far(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _like_chain(folder, 3000)
    problems = _problems(folder)
    first = MAX_LIKE_CHAIN - 1  # copy0 ... copy31 and remanence_bound: 33 rules
    assert problems == [
        f'{folder}/chain.toml: rules."physics.copy{first}".like: a chain of more than '
        f"{MAX_LIKE_CHAIN} rules, each like the next: copy the keys of a rule nearer the "
        "chain's end"
    ]
    done = _rules_check(folder)
    assert done.returncode == 2
    assert "RecursionError" not in done.stderr and "Traceback" not in done.stderr


def test_a_like_chain_within_the_bound_loads(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _like_chain(folder, MAX_LIKE_CHAIN - 1)  # with remanence_bound: 32 rules
    ruleset = load_ruleset(folder)
    last = next(r for r in ruleset.rules if r.id == f"physics.copy{MAX_LIKE_CHAIN - 2}")
    original = next(r for r in ruleset.rules if r.id == "physics.remanence_bound")
    assert last.title == original.title


def test_a_like_cycle_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "cycle.toml").write_text(
        '[rules."physics.a"]\nlike = "physics.b"\n[rules."physics.b"]\nlike = "physics.a"\n',
        encoding="utf-8",
    )
    problems = _problems(folder)
    assert problems == [
        f'{folder}/cycle.toml: rules."physics.b".like: refers back to itself',
        f'{folder}/cycle.toml: rules."physics.a".like: refers back to itself',
    ]


def _revision(folder: Path, version: str, base: str, day: int) -> None:
    folder.mkdir()
    (folder / "ruleset.toml").write_text(
        f'[ruleset]\nid = "permanent-magnets"\nversion = "{version}"\nbase = "{base}"\n'
        f"effective_from = {2026 + day // 365}-{1 + day % 365 // 31:02d}-"
        f"{1 + day % 365 % 31 % 28:02d}\n",
        encoding="utf-8",
    )


def test_a_long_base_chain_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELIGIBILITY_RULES", str(tmp_path / "none"))
    _copy(tmp_path)
    previous = "2025-06"
    for i in range(MAX_BASE_CHAIN + 5):
        _revision(tmp_path / f"r{i}", f"r{i}", previous, i)
        previous = f"r{i}"
    # r99 is the 101st revision of its chain (2025-06 at the bottom): refused
    problems = _problems(tmp_path / f"r{MAX_BASE_CHAIN - 1}")
    assert problems == [
        f"{tmp_path}/r0/ruleset.toml: ruleset.base: more than {MAX_BASE_CHAIN} revisions, "
        "each based on the one before: write a revision that states everything, with no base"
    ]
    assert load_ruleset(tmp_path / f"r{MAX_BASE_CHAIN - 2}").version == f"r{MAX_BASE_CHAIN - 2}"


def test_a_base_cycle_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELIGIBILITY_RULES", str(tmp_path / "none"))
    _revision(tmp_path / "a", "a", "b", 1)
    _revision(tmp_path / "b", "b", "a", 2)
    assert _problems(tmp_path / "a") == [
        f"{tmp_path}/b/ruleset.toml: ruleset.base: 'a' is based, in the end, on this "
        "revision itself"
    ]


# --- message templates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("{0}", "'{0…' is not a placeholder: write {name}, or {{ and }} for braces"),
        (
            "{label.__class__.__mro__}",
            "'{label.__class__.__mro__…' is not a placeholder: write {name}, or {{ and }} "
            "for braces",
        ),
        (
            "{label.__class__}",
            "unknown placeholder '{label.__class__}' (known here: {label}, {shown})",
        ),
        ("{label!r}", "'{label!r…' is not a placeholder: write {name}, or {{ and }} for braces"),
        ("{threshold}", "unknown placeholder '{threshold}' (known here: {label}, {shown})"),
    ],
)
def test_a_message_template_is_checked_when_the_rule_set_loads(
    tmp_path: Path, template: str, reason: str
) -> None:
    folder = _copy(tmp_path)
    _replace(
        folder / "messages.toml",
        'plain = { en = "{label}: {shown}.",',
        f'plain = {{ en = "{template}: {{shown}}.",',
    )
    assert _problems(folder) == [f"{folder}/messages.toml: detail.plain.en: {reason}"]


def test_a_message_is_filled_as_plain_text_even_past_the_loader() -> None:
    """A compiled rule set that did not come through the loader (a cache entry, a library
    caller) still cannot make a finding reach into the tool's objects: messages are filled by
    the restricted formatter, never str.format."""
    ruleset = load_ruleset(GOOD)
    hostile = Text("{label.__class__.__mro__} {0} {reason}", "{label.__class__} {reason}")
    ruleset = dataclasses.replace(ruleset, detail_text={**ruleset.detail_text, "invalid": hostile})
    data = APPLICATION.read_bytes().replace(
        b'energy_product = "390 kJ/m^3"', b'energy_product = "<= 390 kJ/m^3"'
    )
    result = check_bytes(data, "x.toml", ruleset)
    details = [f.message.en for p in result.plans for f in p.findings if f.status == "invalid"]
    assert details, "the one-sided value gives an invalid finding"
    assert all("{label.__class__.__mro__} {0} '<= 390 kJ/m^3' is only" in d for d in details)
    assert not any("<class" in d for d in details)


def test_deeply_nested_folders_beside_a_rule_set_do_not_crash_the_search(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    deep = tmp_path / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    try:  # built relative to each parent, as the whole path gets long
        for _ in range(1200):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    try:
        assert folders_under(tmp_path) == [folder]
        done = _rules_check(folder)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "RecursionError" not in done.stderr
    finally:  # pytest's own (recursive) clean-up of old temporary folders would fail on it
        subprocess.run(["rm", "-rf", str(deep)], check=True)


def test_deep_arrays_in_the_indicators_are_refused_naming_the_file(tmp_path: Path) -> None:
    from eligibility.outcomes.indicators import load_indicators

    shipped = REPO / "rules" / "permanent-magnets" / "indicators" / "2026-03-31"
    file = tmp_path / "indicators.toml"
    text = (shipped / "indicators.toml").read_text(encoding="utf-8")
    file.write_text(text + "\n[reading.deep]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(RulesetError) as info:
        load_indicators(file)
    (problem,) = info.value.problems
    assert problem.startswith(f"{file}: line ")
    assert problem.endswith(
        "nested more than 16 levels deep; a rule file needs only a few levels of tables"
    )


@pytest.mark.parametrize("threshold", ["年600トン", "600t/yr"])
def test_a_threshold_written_without_a_space_checks_in_the_unit_it_reads(
    tmp_path: Path, threshold: str
) -> None:
    """Found by the rule-set fuzzer: "年0トン" loaded, then every check ended in an internal
    error, as the unit to show results in was taken to be the text after a space."""
    folder = _copy(tmp_path)
    _replace(folder / "capacity.toml", 'threshold = "500 t/yr"', f'threshold = "{threshold}"')
    result = check_bytes(APPLICATION.read_bytes(), "x.toml", load_ruleset(folder))
    (finding,) = [
        f for p in result.plans for f in p.findings if f.rule == "capacity.ndfeb.capacity_increase"
    ]
    assert finding.status == "pass"
    assert "≥ 600 t/yr (200 t/yr above)" in finding.message.en
