"""Loading a rule set: one mistake per case in tests/ruleset/bad_rulesets, each with its exact
message.

Every case is a change to a copy of the shipped rule set (see tests/ruleset/bad_rulesets/README.md),
so a case stays one mistake away from a rule set that loads.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from eligibility.errors import RulesetError
from eligibility.ruleset.loader import load_ruleset

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "rules" / "permanent-magnets" / "2025-06"
CASES = Path(__file__).resolve().parent / "bad_rulesets"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.stem, tomllib.loads(path.read_text(encoding="utf-8")))
        for path in sorted(CASES.glob("*.toml"))
    ]


def _copy_good(tmp_path: Path) -> Path:
    folder = tmp_path / GOOD.name
    shutil.copytree(GOOD, folder)
    return folder


def _apply(folder: Path, case: dict[str, Any]) -> None:
    target = folder / case["file"]  # a file the rule set does not have is a new file
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if "replace" in case:
        old, new = case["replace"]["old"], case["replace"]["new"]
        assert text.count(old) == 1, f"{case['file']} must hold the text to replace exactly once"
        text = text.replace(old, new)
    if "append" in case:
        text += case["append"]
    target.write_text(text, encoding="utf-8")


def _problems(tmp_path: Path, case: dict[str, Any]) -> tuple[list[str], str]:
    folder = _copy_good(tmp_path)
    _apply(folder, case)
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    message = case["message"].replace("{folder}", str(folder))
    return info.value.problems, message


def _params(*bug_keys: str) -> list[Any]:
    """One parameter per case; a case with one of ``bug_keys`` is a strict xfail."""
    out = []
    for name, case in _cases():
        reasons = [case[k] for k in bug_keys if k in case]
        marks = [pytest.mark.xfail(strict=True, reason=r) for r in reasons[:1]]
        out.append(pytest.param(case, id=name, marks=marks))
    return out


def test_every_case_is_read() -> None:
    names = [name for name, _ in _cases()]
    assert len(names) == 14, names
    for name, case in _cases():
        assert {"description", "file", "message"} <= case.keys(), name
        assert ("append" in case) != ("replace" in case), name


def test_the_unchanged_copy_loads(tmp_path: Path) -> None:
    ruleset = load_ruleset(_copy_good(tmp_path))
    assert (ruleset.id, ruleset.version) == ("permanent-magnets", "2025-06")


@pytest.mark.parametrize("case", _params("message_bug"))
def test_the_mistake_is_reported_with_file_and_key(tmp_path: Path, case: dict[str, Any]) -> None:
    problems, message = _problems(tmp_path, case)
    assert message in problems


@pytest.mark.parametrize("case", _params("message_bug", "known_bug"))
def test_one_mistake_is_one_problem(tmp_path: Path, case: dict[str, Any]) -> None:
    problems, message = _problems(tmp_path, case)
    assert problems == [message]


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    folder = _copy_good(tmp_path)
    names = ["missing-source", "unknown-value-field", "like-unknown-rule"]
    cases = dict(_cases())
    for name in names:
        _apply(folder, cases[name])
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    expected = [cases[n]["message"].replace("{folder}", str(folder)) for n in names]
    assert sorted(info.value.problems) == sorted(expected)
    assert str(info.value) == "\n".join(info.value.problems)
