"""Every field type, on the synthetic rule set's fields: what it samples, it reads as valid and
its JSON Schema piece accepts; what it reads as invalid says why; its template line parses."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eligibility.checking.fields import read_value
from eligibility.field_types.registry import FIELD_TYPES, field_type
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import FieldSpec, Ruleset

BASE = Path(__file__).resolve().parents[1] / "check_kinds" / "ruleset"
GOOD_RULE = """
[rules."t.mass"]
title_en = "mass"
title_ja = "質量"
test = "compare"
value = "mass"
op = ">="
threshold = "1 kg"
source = "synthetic"
"""
NOT_ANY_TYPE = [{"a": 1}, ["x"], 1.5]  # values no field type takes


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    folder = tmp_path_factory.mktemp("types") / "synthetic"
    folder.mkdir()
    for path in BASE.glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "rules.toml").write_text(GOOD_RULE, encoding="utf-8")
    return load_ruleset(folder)


def _specs(ruleset: Ruleset) -> list[FieldSpec]:
    return list(ruleset.fields.values())


def test_the_synthetic_rule_set_has_a_field_of_every_type(ruleset: Ruleset) -> None:
    assert {s.type for s in _specs(ruleset)} == set(FIELD_TYPES)


def test_a_sample_is_read_as_valid_and_fits_the_schema(ruleset: Ruleset) -> None:
    for spec in _specs(ruleset):
        ftype = field_type(spec)
        sample = ftype.sample(spec, ruleset)
        value = read_value(spec, sample, ruleset)
        assert value.problem is None, (spec.path, sample, value.problem)
        jsonschema.validate(sample, ftype.json_schema(spec, ruleset))


@pytest.mark.parametrize("raw", NOT_ANY_TYPE, ids=repr)
def test_a_value_of_no_type_is_invalid_with_a_reason(ruleset: Ruleset, raw: Any) -> None:
    for spec in _specs(ruleset):
        value = read_value(spec, raw, ruleset)
        assert value.value is None and value.problem is not None, spec.path
        assert value.problem.en and value.problem.ja, spec.path


def test_every_type_says_what_it_accepts(ruleset: Ruleset) -> None:
    for spec in _specs(ruleset):
        assert spec.accepts, spec.path
        assert spec.label.en in field_type(spec).json_schema(spec, ruleset)["description"]


def test_a_template_line_is_toml(ruleset: Ruleset) -> None:
    for spec in _specs(ruleset):
        ftype = field_type(spec)
        line = f"key = {ftype.placeholder(spec)}\n"
        comment = ftype.template_comment(spec)
        assert comment == "" or comment.startswith("# "), spec.path
        assert "key" in tomllib.loads(comment + "\n" + line), spec.path


def test_a_material_is_named_by_the_rule_set(ruleset: Ruleset) -> None:
    spec = ruleset.fields["material"]
    assert read_value(spec, "ネオジム", ruleset).value == "NdFeB"
    assert read_value(spec, "ferrite", ruleset).value == "ferrite"
    assert read_value(spec, "ネオジム").value == "ネオジム"  # no rule set: kept as written


def test_a_choice_is_read_by_any_of_its_names(ruleset: Ruleset) -> None:
    spec = ruleset.fields["site"]
    assert read_value(spec, "海外").value == "overseas"
    assert read_value(spec, " Domestic ").value == "domestic"
    problem = read_value(spec, "moon").problem
    assert problem is not None and '"domestic", "overseas"' in problem.en
