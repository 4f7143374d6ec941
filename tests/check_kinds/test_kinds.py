"""The rule language on small synthetic rule sets: every check kind, every operator and every
field type run, and pass, fail, are missing and are invalid — not only the shipped rules.

``tests/check_kinds/ruleset/`` is a tiny rule set without rules (every field type, two
quantity kinds, one track ``t`` that reads everything). Each ``cases/KIND.toml`` holds the
rules of one kind (``[rules."t.NAME"]``, and ``[parameters]`` they use; ``title_en``,
``title_ja`` and ``source`` default to the rule's ID) and its cases::

    [[case]]
    description = "at the threshold"    # unique in the file; the test id
    rule = "t.at_least"                 # the finding the case checks ("plan.field" too)
    plan = { mass = "10 kg" }           # the plan's fields, as an applicant writes them
    expect = "pass"                     # pass | fail | review | invalid | missing | none
    threshold = "≥ 10 kg"               # optional: the finding's threshold, margin, needed
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eligibility import describe
from eligibility.check_kinds.any import AnyCheck
from eligibility.check_kinds.compare import CompareCheck
from eligibility.check_kinds.registry import KINDS
from eligibility.checking.document import check_document
from eligibility.errors import RulesetError
from eligibility.field_types.registry import FIELD_TYPES
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Rule, Ruleset
from eligibility.ruleset.model import Test as Comparison

HERE = Path(__file__).resolve().parent
BASE = HERE / "ruleset"
CASES = HERE / "cases"
STATUSES = {"pass", "fail", "review", "invalid", "missing", "none"}
CASE_KEYS = {"description", "rule", "plan", "expect", "threshold", "margin", "needed", "says"}
OPERATORS = {">=", ">", "<=", "<"}


def _case_files() -> dict[str, dict[str, Any]]:
    return {
        p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.toml"))
    }


CASE_FILES = _case_files()


# --- writing a rule set ----------------------------------------------------------------------


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def rules_file(rules: dict[str, dict[str, Any]], parameters: dict[str, Any]) -> str:
    """The text of a rule file holding ``parameters`` and ``rules`` (titles and sources
    filled in where the case file leaves them out)."""
    lines = ["[parameters]", *(f"{json.dumps(k)} = {toml_value(v)}" for k, v in parameters.items())]
    for rid, body in rules.items():
        full = {"title_en": rid, "title_ja": rid, "source": "synthetic", **body}
        lines += ["", f"[rules.{json.dumps(rid)}]"]
        lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in full.items()]
    return "\n".join(lines) + "\n"


def write_ruleset(folder: Path, rules: dict[str, Any], parameters: dict[str, Any]) -> Path:
    shutil.copytree(BASE, folder)
    (folder / "rules.toml").write_text(rules_file(rules, parameters), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Ruleset]:
    """The rule set of one case file, written and loaded once."""
    loaded: dict[str, Ruleset] = {}

    def get(kind: str) -> Ruleset:
        if kind not in loaded:
            data = CASE_FILES[kind]
            folder = tmp_path_factory.mktemp(kind) / "synthetic"
            write_ruleset(folder, data.get("rules", {}), data.get("parameters", {}))
            loaded[kind] = load_ruleset(folder)
        return loaded[kind]

    return get


def document(plan: dict[str, Any]) -> dict[str, Any]:
    return {"applicant": {"name": "Synthetic K.K."}, "plans": [{"id": "p", "track": "t", **plan}]}


# --- the cases -------------------------------------------------------------------------------


def _cases() -> list[Any]:
    return [
        pytest.param(kind, case, id=f"{kind}:{case['description']}")
        for kind, data in CASE_FILES.items()
        for case in data.get("case", [])
    ]


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_case(synthetic: Callable[[str], Ruleset], kind: str, case: dict[str, Any]) -> None:
    ruleset = synthetic(kind)
    (plan,) = check_document(document(case["plan"]), ruleset, f"{kind}.toml").plans
    unknown = [f for f in plan.findings if f.rule == "plan.unknown_field"]
    assert not unknown, f"the case writes a key the track does not read: {unknown}"
    findings = [f for f in plan.findings if f.rule == case["rule"]]
    if case["expect"] == "none":
        assert findings == [], f"{case['rule']} should give no finding: {findings}"
        return
    assert len(findings) == 1, f"{case['rule']}: expected one finding, got {plan.findings}"
    (finding,) = findings
    assert finding.status == case["expect"], finding.message.en
    for key in ("threshold", "margin", "needed"):
        if key in case:
            assert getattr(finding, key) == case[key], finding.message.en
    for said in case.get("says", []):
        assert said in finding.message.en, finding.message.en


def test_the_case_files_are_well_formed(synthetic: Callable[[str], Ruleset]) -> None:
    for kind, data in CASE_FILES.items():
        assert set(data) <= {"rules", "parameters", "case"}, f"{kind}: unknown top-level keys"
        ruleset = synthetic(kind)
        descriptions = [c.get("description") for c in data["case"]]
        assert len(set(descriptions)) == len(descriptions), f"{kind}: repeated description"
        for case in data["case"]:
            where = f"{kind}: {case.get('description')}"
            assert set(case) <= CASE_KEYS, f"{where}: unknown keys"
            assert case.get("expect") in STATUSES, where
            assert case.get("rule") == "plan.field" or ruleset.rule(case["rule"]), where
        assert {r.test for r in ruleset.rules} == {kind}, f"{kind}.toml: rules of its kind only"


# --- what the cases cover --------------------------------------------------------------------


def _covered(
    synthetic: Callable[[str], Ruleset],
) -> list[tuple[Ruleset, Rule | None, dict[str, Any]]]:
    out = []
    for kind, data in CASE_FILES.items():
        ruleset = synthetic(kind)
        for case in data["case"]:
            out.append((ruleset, ruleset.rule(case["rule"]), case))
    return out


def test_every_kind_has_a_case_file() -> None:
    assert set(CASE_FILES) == set(KINDS), "a new check kind needs tests/check_kinds/cases/KIND.toml"


def test_every_kind_passes_fails_and_reads_missing_and_invalid_values(
    synthetic: Callable[[str], Ruleset],
) -> None:
    statuses: dict[str, set[str]] = {k: set() for k in KINDS}
    for _, rule, case in _covered(synthetic):
        if rule is not None:
            statuses[rule.test].add(case["expect"])
    for kind, seen in statuses.items():
        rules = synthetic(kind).rules
        if all(not r.fields for r in rules):  # a kind that reads no field
            assert {"review", "none"} <= seen, kind
            continue
        assert {"pass", "missing", "invalid"} <= seen, f"{kind}: {seen}"
        assert seen & {"fail", "review"}, f"{kind} never fails: {seen}"


def _comparisons(rule: Rule) -> list[Comparison]:
    if isinstance(rule.criterion, CompareCheck):
        return [rule.criterion.test]
    if isinstance(rule.criterion, AnyCheck):
        return list(rule.criterion.branches)
    return []


def test_every_operator_passes_and_fails_on_a_quantity(
    synthetic: Callable[[str], Ruleset],
) -> None:
    seen: dict[str, set[str]] = {op: set() for op in OPERATORS}
    for _, rule, case in _covered(synthetic):
        tests = _comparisons(rule) if rule is not None else []
        threshold = tests[0].threshold if len(tests) == 1 else None
        if threshold is not None and threshold.quantity is not None and tests[0].op:
            seen[tests[0].op].add(case["expect"])
    for op, statuses in seen.items():
        assert {"pass", "fail", "missing", "invalid"} <= statuses, f"{op}: {statuses}"


def test_every_field_type_is_read_valid_and_invalid(synthetic: Callable[[str], Ruleset]) -> None:
    seen: dict[str, set[str]] = {t: set() for t in FIELD_TYPES}
    for ruleset, rule, case in _covered(synthetic):
        stated = {
            f"{k}.{sub}" if isinstance(v, dict) else k: v
            for k, v in case["plan"].items()
            for sub in (v if isinstance(v, dict) else [None])
        }
        for path in stated:
            read = rule is None or path in rule.fields or path == rule.when_field
            if read and path in ruleset.fields:
                seen[ruleset.fields[path].type].add(case["expect"])
    for ftype, statuses in seen.items():
        assert statuses & {"pass", "review"}, f"{ftype} is never read as valid: {statuses}"
        assert "invalid" in statuses, f"{ftype} is never invalid: {statuses}"


# --- what each kind says about itself ----------------------------------------------------------


def _rules(synthetic: Callable[[str], Ruleset]) -> list[tuple[Ruleset, Rule]]:
    return [(synthetic(k), r) for k in CASE_FILES for r in synthetic(k).rules]


def test_every_rule_has_a_threshold_text_and_a_comparison(
    synthetic: Callable[[str], Ruleset],
) -> None:
    for ruleset, rule in _rules(synthetic):
        assert rule.threshold_text(), rule.id
        info = describe.explain(ruleset, rule.id)
        assert info["threshold"] == rule.threshold_text()
        assert info["comparison"], rule.id
        assert len(info["branches"]) == len(_comparisons(rule)) - (rule.test == "compare")


def test_explain_examples_are_what_the_engine_says(synthetic: Callable[[str], Ruleset]) -> None:
    for ruleset, rule in _rules(synthetic):
        found = describe.examples(rule, ruleset)
        schema = describe.schema(ruleset)
        c = rule.criterion
        computed_only = isinstance(c, CompareCheck) and not c.test.each
        computed_only = computed_only and not any(v.is_field for v in c.test.values)
        if rule.fields and not computed_only:  # explain has no examples for a computed value
            assert {"pass"} < {e.status for e in found}, rule.id
        for example in found:
            doc = describe.example_application(rule, ruleset, example)
            jsonschema.validate(doc, schema)
            (plan,) = check_document(doc, ruleset, "example.toml").plans
            statuses = [f.status for f in plan.findings if f.rule == rule.id]
            assert statuses == [example.status], f"{rule.id}: {example.text()}"


def test_a_template_names_every_field_with_what_it_accepts(
    synthetic: Callable[[str], Ruleset],
) -> None:
    ruleset = synthetic("compare")
    text = describe.template(ruleset, "t")
    assert tomllib.loads(text)["plans"][0]["track"] == "t"
    for path, spec in ruleset.fields.items():
        assert f"\n{path.rpartition('.')[2]} = " in text, path
        assert spec.label.en in text, path
    assert "# 単位 / units: kg, g, t" in text
    assert "# 値 / values: true, false" in text
    assert '# 値 / values: "domestic", "overseas"' in text


# --- compiling: each kind's mistakes, reported by key --------------------------------------------

BAD_RULES: list[tuple[str, dict[str, Any], str]] = [
    (
        "an unknown kind",
        {"test": "compar", "value": "mass"},
        "test: unknown test 'compar' (did you mean 'compare'?)",
    ),
    ("no kind", {"value": "mass"}, "test: required key is missing"),
    (
        "a key of another kind",
        {"test": "compare", "value": "mass", "op": ">=", "threshold": "1 kg", "min": "1 kg"},
        "min: unknown key 'min'",
    ),
    ("compare without op", {"test": "compare", "value": "mass"}, "op: required key is missing"),
    (
        "compare without threshold",
        {"test": "compare", "value": "mass", "op": ">="},
        "threshold: required key is missing",
    ),
    (
        "compare of nothing",
        {"test": "compare", "op": ">=", "threshold": "1 kg"},
        ": give value or each: what is compared",
    ),
    (
        "compare of a threshold in the wrong dimension",
        {"test": "compare", "value": "mass", "op": ">=", "threshold": "1 K"},
        "threshold: threshold '1 K' does not have the dimension of 'mass'",
    ),
    (
        "range over a date",
        {"test": "range", "value": "start", "min": "1 kg", "max": "2 kg"},
        "value: 'start' is not a quantity field",
    ),
    (
        "range with a bound in the wrong dimension",
        {"test": "range", "value": "mass", "min": "1 K", "max": "2 kg"},
        "min: '1 K' does not have the dimension of mass (kg)",
    ),
    ("range without max", {"test": "range", "value": "mass", "min": "1 kg"}, "max: required"),
    (
        "member of an unknown material",
        {"test": "member", "value": "material", "values": ["NdFeBB"]},
        "values: unknown material 'NdFeBB' (did you mean 'NdFeB'?)",
    ),
    (
        "all_true over a quantity",
        {"test": "all_true", "each": ["attested", "mass"]},
        "each: 'mass' is not a true/false field",
    ),
    (
        "any with one branch",
        {
            "test": "any",
            "of": [
                {"title_en": "a", "title_ja": "a", "value": "mass", "op": ">=", "threshold": "1 kg"}
            ],
        },
        "of: an 'any' check needs at least two branches",
    ),
    (
        "any with a branch in error",
        {
            "test": "any",
            "of": [
                {"title_en": "a", "title_ja": "a", "value": "mas", "op": ">=", "threshold": "1 kg"},
                {"title_en": "b", "title_ja": "b", "value": "mass", "op": "<", "threshold": "1 kg"},
            ],
        },
        "of[0].value: unknown field 'mas' (did you mean 'mass'?)",
    ),
    ("flag without when", {"test": "flag"}, "when: required key is missing"),
]


@pytest.mark.parametrize(("body", "message"), [pytest.param(b, m, id=d) for d, b, m in BAD_RULES])
def test_a_kinds_mistake_is_reported_by_key(
    tmp_path: Path, body: dict[str, Any], message: str
) -> None:
    good = {"test": "compare", "value": "mass", "op": ">=", "threshold": "1 kg"}
    folder = write_ruleset(tmp_path / "synthetic", {"t.good": good, "t.bad": body}, {})
    with pytest.raises(RulesetError) as info:
        load_ruleset(folder)
    where = f'{folder / "rules.toml"}: rules."t.bad"'
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{where}.{message}" if message[0] != ":" else where + message)


def test_the_registries_need_no_pydantic() -> None:
    """A compiled rule set read back from a store rebuilds its checks through the registries;
    only validating rule files needs pydantic."""
    code = (
        "import sys; import eligibility.check_kinds.registry as k;"
        "import eligibility.field_types.registry;"
        "assert k.kind('range').__name__ == 'RangeCheck';"
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _field_schema(schema: dict[str, Any], path: str) -> dict[str, Any]:
    props = schema["$defs"]["plan"]["properties"]
    block, _, key = path.rpartition(".")
    return props[block]["properties"][key] if block else props[key]  # type: ignore[no-any-return]


def test_each_kind_gives_the_schema_the_values_that_pass(
    synthetic: Callable[[str], Ruleset],
) -> None:
    for ruleset, rule in _rules(synthetic):
        schema = describe.schema(ruleset)
        hints = rule.criterion.schema_hints(ruleset)
        passing = [e for e in describe.examples(rule, ruleset) if e.status == "pass"]
        for path in rule.fields:
            field_schema = _field_schema(schema, path)
            assert rule.id in field_schema["description"], (rule.id, path)
            for example in hints.get(path, {}).get("examples", []):
                assert example in field_schema["examples"], (rule.id, path)
                jsonschema.validate(example, field_schema)
        for example in passing:  # what explain shows as passing, an editor offers
            for path, raw in example.values.items():
                assert raw in _field_schema(schema, path).get("examples", []), (rule.id, path)


def test_a_member_check_offers_every_accepted_name(ruleset: Ruleset) -> None:
    smco = next(r for r in ruleset.rules if r.id == "capacity.smco.material")
    (hint,) = smco.criterion.schema_hints(ruleset).values()
    assert {"SmCo", "Sm2Co17", "サマリウムコバルト"} <= set(hint["examples"])
    assert "NdFeB" not in hint["examples"]  # a name this check fails is no example of it
    material = _field_schema(describe.schema(ruleset), "magnet.material")
    assert "capacity.smco.material (SmCo)" in material["description"]
