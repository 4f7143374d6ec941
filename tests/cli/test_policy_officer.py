"""The README's "How a policy officer changes a threshold", step by step, through an installed
console script: create a revision, lint it, see its diff and its impact on a folder of
applications, and have applications checked under it from its date.

The steps run the `eligibility` script of the environment running the tests, and, when a
regular (non-editable) install into a temporary folder takes under 20 s, that install too, so
the rules the script reads are the installed copy's and the revision is found only through
ELIGIBILITY_RULES.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PIP_INSTALL = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
PIP_INSTALL += ["--no-index"]
INSTALL_BUDGET = 20.0  # seconds; a slower install is left to the venv script's run

APPLICATION = """\
[applicant]
name = "Policy Test Magnets K.K."
submitted = {submitted}

[[plans]]
id = "line-1"
track = "capacity.ndfeb"
capacity_increase = "550 t/yr"
operation_start = 2028-04-01

[plans.magnet]
material = "NdFeB"
energy_product = "46 MGOe"
coercivity = "20 kOe"
measured_at = "20 degC"
"""

Run = Callable[..., subprocess.CompletedProcess[str]]


def _runner(script: Path, tmp: Path, extra_env: dict[str, str]) -> Run:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ELIGIBILITY_", "XDG_CONFIG", "PYTHON"))
    }
    env |= {
        "ELIGIBILITY_RULES": str(tmp / "revisions"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "ELIGIBILITY_CACHE_DIR": str(tmp / "cache"),
        **extra_env,
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A regular install of this source tree into a temporary folder (skipped when it cannot
    be made here, or takes longer than the budget)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", ".*cache"),
    )
    target = tmp / "target"
    start = time.monotonic()
    try:
        done = subprocess.run(
            [*PIP_INSTALL, "--target", str(target), str(source)],
            capture_output=True,
            text=True,
            timeout=INSTALL_BUDGET,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip(f"a regular install takes over {INSTALL_BUDGET:g} s here")
    if done.returncode != 0 or not (target / "bin" / "eligibility").exists():
        pytest.skip(f"no regular install here: {done.stderr.strip().splitlines()[-1:]}")
    assert time.monotonic() - start < INSTALL_BUDGET + 1
    return target / "bin" / "eligibility", {"PYTHONPATH": str(target)}


def _venv_script() -> Path:
    script = Path(sys.executable).parent / "eligibility"
    if not script.exists():
        pytest.skip("the environment has no `eligibility` console script")
    return script


def _recipe(run: Run, tmp: Path, shipped_under: str | None) -> None:
    revisions = tmp / "revisions"
    apps = tmp / "applications"
    apps.mkdir()
    (apps / "before.toml").write_text(APPLICATION.format(submitted="2027-03-31"), "utf-8")
    (apps / "after.toml").write_text(APPLICATION.format(submitted="2027-04-01"), "utf-8")

    where = run("rules", "path")
    assert where.returncode == 0, where.stderr
    lines = where.stdout.splitlines()
    assert lines[1] == f"  1. {revisions}  [ELIGIBILITY_RULES]  (not there)"
    shipped = next(line for line in lines if "[shipped]" in line)
    if shipped_under is not None:  # the installed copy's rules, not the source tree's
        assert shipped_under in shipped and str(REPO) not in shipped

    # 1. create the revision
    new = run("rules", "new", "2027-04", "--effective-from", "2027-04-01")
    assert new.returncode == 0, new.stderr
    written = Path(new.stdout.strip())
    assert written == revisions / "2027-04" / "ruleset.toml"
    assert 'base = "2025-06"' in written.read_text("utf-8")

    # 2. lint it: nothing changed yet is a warning, not a failure
    check = run("rules", "check", str(written.parent))
    assert (check.returncode, check.stdout.splitlines()[-1]) == (
        0,
        f"warning: {written.parent}: changes nothing relative to 2025-06",
    )
    with written.open("a", encoding="utf-8") as out:
        out.write('\n[rules."capacity.ndfeb.capacity_increase"]\nthreshold = "0.6 kt/yr"\n')
    check = run("rules", "check", str(written.parent))
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("ok: permanent-magnets 2027-04, ")
    assert "(revision of 2025-06: 1 change)" in check.stdout

    # 3. its diff
    diff = run("rules", "diff", "2025-06", "2027-04", "--format", "json")
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["thresholds"] == [
        {"rule": "capacity.ndfeb.capacity_increase", "from": "≥ 500 t/yr", "to": "≥ 0.6 kt/yr"}
    ]

    # 4. its impact on a folder of applications
    impact = run("impact", str(apps), "--baseline", "2025-06", "--reform", "2027-04")
    assert impact.returncode == 0, impact.stderr
    impact = run(
        "impact", str(apps), "--baseline", "2025-06", "--reform", "2027-04", "--format", "json"
    )
    doc = json.loads(impact.stdout)
    assert doc["plans"] == 2
    assert {(c["baseline"], c["reform"]) for c in doc["changed"]} == {("eligible", "ineligible")}
    assert doc["changed"][0]["findings"][0]["rule"] == "capacity.ndfeb.capacity_increase"

    # 5. applications checked under it from its date, and under the old one before
    for name, version, code in (("before", "2025-06", 0), ("after", "2027-04", 1)):
        result = run("check", str(apps / f"{name}.toml"), "--format", "json")
        assert result.returncode == code, result.stderr
        out = json.loads(result.stdout)
        assert out["ruleset"]["version"] == version
        folder = "ELIGIBILITY_RULES:2027-04" if version == "2027-04" else "shipped:"
        assert out["ruleset"]["folder"].startswith(folder)
    (finding,) = [
        f for f in out["plans"][0]["findings"] if f["rule"] == "capacity.ndfeb.capacity_increase"
    ]
    # one source for the number: the sentence and the comparison say the same threshold
    assert finding["message"].startswith(
        "The NdFeB production capacity increases by at least 0.6 kt/yr. "
    )
    assert finding["threshold"] == "≥ 0.6 kt/yr"
    assert "500" not in finding["message"].split(".")[0]


def test_the_recipe_through_the_environments_console_script(tmp_path: Path) -> None:
    _recipe(_runner(_venv_script(), tmp_path, {}), tmp_path, None)


def test_the_recipe_through_a_regular_install(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    script, env = installed
    _recipe(_runner(script, tmp_path, env), tmp_path, str(script.parent.parent))


def test_the_config_file_names_a_folder_of_revisions(tmp_path: Path) -> None:
    run = _runner(_venv_script(), tmp_path, {"ELIGIBILITY_RULES": ""})
    (tmp_path / "config" / "eligibility").mkdir(parents=True)
    (tmp_path / "config" / "eligibility" / "config.toml").write_text(
        '[rules]\npath = "../../office-rules"\n', encoding="utf-8"
    )
    new = run("rules", "new", "2028-01", "--effective-from", "2028-01-01")
    assert new.returncode == 0, new.stderr
    office = (tmp_path / "config" / "eligibility" / "../../office-rules").resolve()
    assert Path(new.stdout.strip()).resolve() == office / "2028-01" / "ruleset.toml"
    lines = run("rules", "path").stdout.splitlines()
    assert "[config " in lines[1] and lines[2].split()[:2] == ["permanent-magnets", "2028-01"]


def test_a_broken_config_file_is_an_error_naming_it(tmp_path: Path) -> None:
    run = _runner(_venv_script(), tmp_path, {})
    config = tmp_path / "config" / "eligibility" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[rules\npath = 1\n", encoding="utf-8")
    result = run("rules", "path")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {config}: not valid TOML")
    assert "Traceback" not in result.stderr
