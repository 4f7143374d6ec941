"""The command line: exit codes and output as the contract fixes them, help with examples, and
no traceback on any input."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from cli import main

REPO = Path(__file__).resolve().parents[2]
# the shared contract's examples (as in CI), else the copies shipped in examples/
SHARED_EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
EXAMPLES = SHARED_EXAMPLES if SHARED_EXAMPLES.is_dir() else REPO / "examples"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.toml"))
EXIT_CODES = {"eligible": 0, "ineligible": 1, "incomplete": 3, "review": 4}
STATUSES = {"pass", "fail", "missing", "invalid", "review"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to; later versions keep both
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def run(*args: str) -> Result:
    return _runner().invoke(main, list(args), catch_exceptions=False)


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = run("check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out.extend(_walk(command, (*prefix, name)))
    return out


COMMANDS = _walk(main)


# --- check on the shipped examples --------------------------------------------------------


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) == 5


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_exit_code_is_the_verdicts(name: str) -> None:
    path = str(EXAMPLES / name)
    code, doc = run_json(path)
    assert code == EXIT_CODES[doc["verdict"]]
    text = run("check", path)
    assert text.exit_code == code
    assert text.stdout.startswith(f"{path}: {doc['verdict']}")
    assert text.stderr == ""


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_json_has_the_contracts_keys(name: str) -> None:
    path = str(EXAMPLES / name)
    _, doc = run_json(path)
    assert doc["file"] == path
    assert doc["verdict"] in EXIT_CODES
    assert doc["ruleset"]["id"] == "permanent-magnets"
    assert doc["ruleset"]["version"] == "2025-06"
    assert re.fullmatch(r"[0-9a-f]{64}", doc["ruleset"]["sha256"])
    assert doc["plans"]
    for plan in doc["plans"]:
        assert {"id", "track", "verdict", "findings"} <= plan.keys()
        assert plan["verdict"] in EXIT_CODES
        assert plan["findings"]
        for finding in plan["findings"]:
            assert {"rule", "status", "message"} <= finding.keys()
            assert finding["status"] in STATUSES
            assert finding["message"]
            if not finding["rule"].startswith(("plan.", "applicant.")):
                assert finding["source"], finding  # checks of the rule set cite the policy


def test_json_rule_set_checksum_is_stable() -> None:
    _, a = run_json(str(EXAMPLES / "smco-line.toml"))
    _, b = run_json(str(EXAMPLES / "ndfeb-line.toml"))
    assert a["ruleset"] == b["ruleset"]


def test_lang_ja_gives_japanese_messages() -> None:
    _, doc = run_json(str(EXAMPLES / "draft-self-check.toml"), "--lang", "ja")
    findings = doc["plans"][0]["findings"]
    assert all(JAPANESE.search(f["message"]) for f in findings), findings
    unknown = next(f for f in findings if f["rule"] == "plan.unknown_field")
    assert unknown["message"] == (
        "[plans.magnet] の `coercivty` は不明なキーです。（'coercivity' のことですか？）"
    )
    text = run("check", str(EXAMPLES / "draft-self-check.toml"), "--lang", "ja")
    assert text.stdout.splitlines()[0].endswith("不備あり — Draft Magnetics K.K.")


def test_lang_en_is_the_default() -> None:
    _, doc = run_json(str(EXAMPLES / "ndfeb-line.toml"))
    messages = [f["message"] for f in doc["plans"][0]["findings"]]
    assert messages[0].startswith("The magnet is an NdFeB (neodymium) magnet.")


# --- files that cannot be read, and bad usage ---------------------------------------------


def test_not_toml_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = not [toml\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {bad}: not valid TOML: line 1, column 6: Expected '=' after a key in a "
        'key/value pair. Written as TOML: this_is = "not [toml"\n'
    )


def test_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run("check", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {missing}: no such file\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["check", "x.toml", "--frmat", "json"],
            "No such option '--frmat'. Did you mean '--format'?",
        ),
        (["check", "x.toml", "--lang", "fr"], "Invalid value for '--lang': 'fr' is not one of"),
        (["check"], "Missing argument 'FILE'."),
        (["chek", "x.toml"], "No such command 'chek'."),
    ],
)
def test_bad_usage_exits_2(args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr


# --- help -----------------------------------------------------------------------------------


def test_there_are_commands() -> None:
    assert ("check",) in COMMANDS


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "main")
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, f"`eligibility {' '.join(command)} --help` has no example"


# --- run as a program ------------------------------------------------------------------------


def _subprocess(
    args: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_runs_from_another_directory(tmp_path: Path) -> None:
    (tmp_path / "app.toml").write_bytes((EXAMPLES / "smco-line.toml").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = "from cli import main; main()"
    proc = _subprocess(
        [sys.executable, "-c", code, "check", "app.toml", "--format", "json"], tmp_path, env
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["file"] == "app.toml"
    assert doc["ruleset"]["id"] == "permanent-magnets"
    assert doc["verdict"] == "eligible"


def test_installed_entry_point_finds_the_shipped_rules(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "eligibility"
    if not script.exists():
        pytest.skip("the package is not installed in this environment")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    (tmp_path / "app.toml").write_bytes((EXAMPLES / "recycling-program.toml").read_bytes())
    proc = _subprocess([str(script), "check", "app.toml", "--format", "json"], tmp_path, env)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["ruleset"]["id"], doc["verdict"]) == ("permanent-magnets", "ineligible")
