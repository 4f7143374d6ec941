"""The describing commands: rules (and rules check), explain, template, schema.

Examples shown by `explain` are checked by running the engine on a plan that states them;
every track's template is checked to read as TOML and to come out incomplete, never a crash.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from cli import main
from eligibility import api, describe
from eligibility.application.dates import DAY_PATTERN
from eligibility.checking.document import check_document

REPO = Path(__file__).resolve().parents[2]
RULESET_DIR = REPO / "rules" / "permanent-magnets" / "2025-06"
EXAMPLES = REPO / "examples"
RULESET = api.select_ruleset(RULESET_DIR)


def _runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def run(*args: str) -> Result:
    return _runner().invoke(main, list(args), catch_exceptions=False)


# --- every command has help with an example -----------------------------------------------


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out.extend(_walk(command, (*prefix, name)))
    return out


@pytest.mark.parametrize("path", [(), *_walk(main)], ids=lambda p: " ".join(p) or "main")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, f"`eligibility {' '.join(path)} --help` has no example"


def test_the_new_commands_are_there() -> None:
    commands = set(_walk(main))
    for c in [("rules",), ("rules", "check"), ("explain",), ("template",), ("schema",)]:
        assert c in commands


# --- rules ----------------------------------------------------------------------------------


def test_rules_lists_the_rule_sets_and_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Rule sets:"
    assert lines[1].startswith("  permanent-magnets 2025-06  effective 2025-06-01  ")
    assert lines[1].endswith("2025-06  (in force)")
    assert f"permanent-magnets 2025-06: {len(RULESET.rules)} rules" in lines
    row = next(x for x in lines if x.startswith("capacity.ndfeb.energy_product "))
    assert row.split()[:5] == [
        "capacity.ndfeb.energy_product",
        "capacity.ndfeb",
        "≥",
        "150",
        "kJ/m³",
    ]
    assert " required  取組1 取組対象：「" in row
    for rule in RULESET.rules:
        assert any(x.startswith(rule.id + " ") for x in lines), rule.id


def test_rules_json_with_ruleset() -> None:
    result = run("rules", "--ruleset", str(RULESET_DIR), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [
        (s["id"], s["version"], s["effective_from"], s["in_force"]) for s in doc["rulesets"]
    ] == [("permanent-magnets", "2025-06", "2025-06-01", True)]
    assert doc["rulesets"][0]["path"] == str(RULESET_DIR)
    rows = {r["id"]: r for r in doc["rules"]}
    assert len(rows) == len(RULESET.rules)
    assert rows["capacity.ndfeb.energy_product"]["threshold"] == "≥ 150 kJ/m³"
    assert rows["capacity.ndfeb.operation_start"]["threshold"] == "≤ 2030-12-31"
    assert rows["capacity.ndfeb.operation_start"]["severity"] == "advisory"
    assert rows["physics.energy_product_limit"]["track"] == "*"
    assert all(r["source"] and r["threshold"] for r in doc["rules"])


def test_rules_before_the_first_rule_set_takes_effect() -> None:
    result = run("rules", "--as-of", "2020-01-01")
    assert result.exit_code == 2
    assert "no rule set in force on 2020-01-01" in result.stderr
    checked = run(
        "check", str(EXAMPLES / "smco-line.toml"), "--as-of", "2020-01-01", "--lang", "ja"
    )
    assert checked.exit_code == 2
    assert "2020-01-01 に施行中のルールセットがありません（最初のものは 2025-06-01 施行）" in (
        checked.stderr
    )


def test_rules_check_ok() -> None:
    result = run("rules", "check", str(RULESET_DIR))
    assert result.exit_code == 0
    assert result.stdout == f"ok: permanent-magnets 2025-06, {len(RULESET.rules)} rules\n"


def test_rules_check_reports_each_problem(tmp_path: Path) -> None:
    folder = tmp_path / "2025-06"
    shutil.copytree(RULESET_DIR, folder)
    capacity = folder / "capacity.toml"
    text = capacity.read_text(encoding="utf-8")
    text = text.replace('threshold = "150 kJ/m^3"', 'threshold = "150 kA/m"', 1)
    text = text.replace('value = "capacity_increase"', 'value = "capacity_increse"', 1)
    capacity.write_text(text, encoding="utf-8")
    result = run("rules", "check", str(folder))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == (
        f'{capacity}: rules."capacity.ndfeb.energy_product".threshold: threshold '
        "'150 kA/m' does not have the dimension of 'magnet.energy_product'"
    )
    assert lines[1] == (
        f'{capacity}: rules."capacity.ndfeb.capacity_increase".value: unknown field '
        "'capacity_increse' (did you mean 'capacity_increase'?)"
    )


def test_rules_check_not_a_rule_set(tmp_path: Path) -> None:
    result = run("rules", "check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == f"{tmp_path}: no .toml files\n"


# --- explain --------------------------------------------------------------------------------


def test_explain_text() -> None:
    result = run("explain", "capacity.ndfeb.energy_product")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "capacity.ndfeb.energy_product  (permanent-magnets 2025-06)"
    assert lines[1] == (
        "  Maximum energy product (BH)max at room temperature is at least 150 kJ/m³."
    )
    assert lines[2] == "  室温下の最大エネルギー積 (BH)max が 150 kJ/m³ 以上であること。"
    assert (
        "track:      capacity.ndfeb — NdFeB magnet manufacturing capacity / "
        "ネオジム磁石製造設備の能力増強" in lines
    )
    assert "threshold:  ≥ 150 kJ/m³" in lines
    assert "comparison: magnet.energy_product ≥ 150 kJ/m³" in lines
    assert "severity:   required (a value not stated is reported missing)" in lines
    assert "on fail:    fail" in lines
    assert any(x.startswith("source:     取組1 取組対象：「サマリウムコバルト磁石") for x in lines)
    assert "  magnet.energy_product  ([plans.magnet] energy_product)" in lines
    assert "    maximum energy product (BH)max / 最大エネルギー積 (BH)max" in lines
    assert "    accepts: kJ/m^3, kJ/m³, J/cm^3, MJ/m^3, MGOe" in lines
    # the check requires measurement_temperature: its examples state a room temperature
    assert lines[-2:] == [
        "  150 kJ/m^3 with measured_at = 5 degC passes",
        "  149.9 kJ/m^3 with measured_at = 5 degC fails",
    ]


def test_explain_names_the_checks_a_rule_requires_and_what_happens_without_them() -> None:
    lines = run("explain", "capacity.ndfeb.energy_product").stdout.splitlines()
    (row,) = [x for x in lines if x.startswith("requires:")]
    assert "capacity.ndfeb.measurement_temperature" in row
    assert "missing while one is missing" in row
    assert not any(
        x.startswith("requires:")
        for x in run("explain", "capacity.ndfeb.material").stdout.splitlines()
    )


def test_explain_shows_the_interpretation_note() -> None:
    lines = run("explain", "capacity.ndfeb.coercivity").stdout.splitlines()
    assert any(
        x.startswith("note (en):  保磁力 is read as intrinsic coercivity HcJ") for x in lines
    )
    assert any(x.startswith("note (ja):  保磁力はグレード表が示す固有保磁力 HcJ") for x in lines)


def test_explain_json() -> None:
    result = run("explain", "saving.motor.torque_density", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["rule"] == "saving.motor.torque_density"
    assert doc["threshold"] == "≥ 50 N·m/L"
    assert doc["comparison"] == (
        "motor.torque_density, or motor.peak_torque / motor.volume ≥ 50 N·m/L"
    )
    assert [f["field"] for f in doc["fields"]] == [
        "motor.torque_density",
        "motor.peak_torque",
        "motor.volume",
        "motor.volume_basis",
    ]
    assert doc["fields"][3]["accepts"] == '"active", "housing"'
    assert [e["text"] for e in doc["examples"]] == [
        "torque_density = 50 N*m/L passes",
        "torque_density = 49.9 N*m/L fails",
    ]


def test_explain_unknown_rule_suggests_one() -> None:
    result = run("explain", "capacity.ndfeb.energy")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {RULESET_DIR}: no rule 'capacity.ndfeb.energy'")
    assert "did you mean 'capacity.ndfeb.energy_product'?" in result.stderr


@pytest.mark.parametrize("rule_id", [r.id for r in RULESET.rules])
def test_explain_examples_are_what_the_engine_says(rule_id: str) -> None:
    rule = RULESET.rule(rule_id)
    assert rule is not None
    found = describe.examples(rule, RULESET)
    assert found, f"{rule_id} has no example"
    if rule.test != "flag":
        assert {e.status for e in found} >= {"pass"}
        assert len({e.status for e in found}) == 2
    for example in found:
        doc = describe.example_application(rule, RULESET, example)
        result = check_document(doc, RULESET, "example.toml")
        statuses = [f.status for f in result.plans[0].findings if f.rule == rule_id]
        assert statuses == [example.status], f"{rule_id}: {example.text()}"


# --- template -------------------------------------------------------------------------------


@pytest.mark.parametrize("track", list(RULESET.tracks))
def test_template_of_every_track_reads_and_is_incomplete(track: str) -> None:
    result = run("template", track)
    assert result.exit_code == 0
    text = result.stdout
    assert text.splitlines()[0] == "#:schema ./eligibility.schema.json"
    doc = tomllib.loads(text)
    plan = doc["plans"][0]
    assert plan["track"] == track
    # every field the track reads is in it
    for path in describe.track_fields(RULESET, RULESET.tracks[track]):
        block, _, key = path.rpartition(".")
        assert key in (plan[block] if block else plan), path
    checked = check_document(doc, RULESET, "application.toml")
    assert checked.verdict == "incomplete"
    assert {f.status for p in checked.plans for f in p.findings} <= {"missing", "invalid"}


def test_template_comments_give_label_and_units_in_both_languages() -> None:
    lines = run("template", "capacity.ndfeb").stdout.splitlines()
    i = lines.index('energy_product = ""')
    assert lines[i - 2] == (
        "# 最大エネルギー積 (BH)max / maximum energy product (BH)max — 必須 / required"
    )
    assert lines[i - 1] == "# 単位 / units: kJ/m^3, kJ/m³, J/cm^3, MJ/m^3, MGOe"
    assert 'site = "domestic"' in lines
    assert "[plans.overseas]" in lines
    j = lines.index("[plans.overseas]")
    assert lines[j + 1] == (
        "# site が overseas のとき必須。それ以外はこの表を削除 / "
        "required when site is overseas; delete this table otherwise"
    )


def test_template_alternatives_say_so() -> None:
    lines = run("template", "saving.motor").stdout.splitlines()
    i = lines.index('torque_density = ""')
    assert "give one of: torque_density, or peak_torque and volume" in lines[i - 2]


def test_template_unknown_track_lists_the_tracks() -> None:
    result = run("template", "capacity.ndfb")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {RULESET_DIR}: unknown track 'capacity.ndfb' (did you mean "
        "'capacity.ndfeb'?); the tracks are: " + ", ".join(RULESET.tracks) + "\n"
    )


# --- schema ---------------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    result = run("schema")
    assert result.exit_code == 0
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_schema_shape() -> None:
    s = _schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["additionalProperties"] is False
    assert s["properties"]["plans"]["minItems"] == 1
    plan = s["$defs"]["plan"]
    assert plan["additionalProperties"] is False
    assert plan["properties"]["track"]["enum"] == list(RULESET.tracks)
    for block in ("magnet", "motor", "overseas"):
        assert plan["properties"][block]["type"] == "object"
        assert plan["properties"][block]["additionalProperties"] is False
    magnet = plan["properties"]["magnet"]["properties"]
    assert magnet["energy_product"]["type"] == "string"
    assert "kJ/m^3, kJ/m³, J/cm^3, MJ/m^3, MGOe" in magnet["energy_product"]["description"]
    assert plan["properties"]["overseas"]["properties"]["domestic_rnd_center"]["type"] == "boolean"
    start = plan["properties"]["operation_start"]
    # an ISO date, or a day as Japanese forms write it (令和10年4月1日, 2028/4/1)
    assert {k: v for k, v in start.items() if k not in ("description", "examples")} == {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": DAY_PATTERN}]
    }
    # the field type's description, then the checks that read the field (their own hints)
    assert start["description"].startswith(
        "start of operation / 稼働開始日. A date: 2028-04-01 (or 令和10年4月1日, 2028/4/1)."
    )
    assert "Checked by: capacity.ndfeb.operation_start (≤ 2030-12-31)" in start["description"]
    assert start["examples"] == ["2030-12-31"]
    assert len(plan["allOf"]) == len(RULESET.tracks)


def _as_json(value: Any) -> Any:
    """A TOML document as an editor's schema check sees it: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_schema_accepts_the_shipped_examples(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    s = _schema()
    jsonschema.Draft202012Validator.check_schema(s)
    validator = jsonschema.Draft202012Validator(s, format_checker=jsonschema.FormatChecker())
    doc = tomllib.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    errors = sorted(e.message for e in validator.iter_errors(_as_json(doc)))
    # the schema refuses exactly the keys the checker reports as unknown
    checked = check_document(doc, RULESET, name)
    unknown = [
        f.field
        for f in (*checked.applicant_findings, *(f for p in checked.plans for f in p.findings))
        if f.rule.endswith(("unknown_field", "unknown_section"))
    ]
    if not unknown:
        assert errors == []
    else:
        for path in unknown:
            assert path is not None
            assert any(repr(path.rsplit(".", 1)[-1]) in e for e in errors), (path, errors)
