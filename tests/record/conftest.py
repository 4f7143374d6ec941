"""What the decision-record tests share: applications to record, a record with a few
decisions in it, and the `eligibility` console script of the installed package."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from eligibility import api, record
from eligibility.checking.result import Result

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"
RULES = REPO / "rules" / "permanent-magnets" / "2025-06"
APPLICATIONS = ("ndfeb-line.toml", "smco-line.toml", "recycling-program.toml")
Filled = Callable[[int], Path]  # the `filled` fixture: a record of n decisions


def script() -> Path:
    """The console script that `pip install` put beside this Python."""
    path = Path(sys.executable).parent / "eligibility"
    assert path.is_file(), f"{path}: the eligibility console script is not installed here"
    return path


def cli_env(home: Path) -> dict[str, str]:
    """The environment of a run of the script: no settings file but the test's own."""
    env = {k: v for k, v in os.environ.items() if k != "ELIGIBILITY_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed `eligibility` script; stdout and stderr as text."""
    return subprocess.run(
        [str(script()), *map(str, args)],
        cwd=cwd,
        env=env or cli_env(cwd),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def revised_rules(tmp_path: Path) -> Path:
    """A later revision of the shipped rule set: motors must reach 20,000 rpm, not 10,000."""
    folder = tmp_path / "rules-2026-04"
    shutil.copytree(RULES, folder)
    meta = folder / "ruleset.toml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace('version = "2025-06"', 'version = "2026-04"')
    text = text.replace("effective_from = 2025-06-01", "effective_from = 2026-04-01")
    meta.write_text(text, encoding="utf-8")
    saving = folder / "saving.toml"
    text = saving.read_text(encoding="utf-8")
    assert 'threshold = "10000 rpm"' in text
    saving.write_text(text.replace('threshold = "10000 rpm"', 'threshold = "20000 rpm"'), "utf-8")
    return folder


def sql(db: Path, statement: str, *params: object) -> None:
    """Change the record by hand, as someone with the file and the sqlite3 shell could."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(statement, params)
    conn.close()


@pytest.fixture
def results() -> list[Result]:
    return [api.check_file(EXAMPLES / name) for name in APPLICATIONS]


@pytest.fixture
def filled(tmp_path: Path, results: list[Result]) -> Filled:
    """A record holding ``n`` decisions (the examples in turn, inputs kept)."""

    def make(n: int) -> Path:
        db = tmp_path / "decisions.sqlite"
        with record.open(db) as rec:
            for i in range(n):
                r = results[i % len(results)]
                rec.add(r, reviewer="sato", note=f"n{i + 1}", input_bytes=_bytes(r))
        return db

    return make


def _bytes(r: Result) -> bytes:
    return Path(r.file).read_bytes()
