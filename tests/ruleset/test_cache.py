"""The compiled rule set kept between runs: used when it is the same build, never when not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.checking.document import check_document
from eligibility.rendering import result as report
from eligibility.ruleset import cache
from eligibility.ruleset.loader import load_ruleset

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
EXAMPLE = REPO / "examples" / "recycling-program.toml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(where))
    monkeypatch.delenv("ELIGIBILITY_CACHE", raising=False)
    return where


def _check(ruleset_folder: Path) -> dict[str, object]:
    import tomllib

    doc = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    return report.result_dict(check_document(doc, cache.load(ruleset_folder), "x.toml"), "en")


def test_a_cached_rule_set_gives_the_same_results(cache_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    first = _check(rules)
    entries = list(cache_dir.glob("ruleset-*.pickle"))
    assert len(entries) == 1
    assert entries[0].stat().st_mode & 0o077 == 0
    from_cache = cache._read(entries[0])
    assert from_cache is not None and from_cache.sha256 == load_ruleset(rules).sha256
    assert _check(rules) == first


def test_a_cold_check_with_a_warm_cache_does_not_import_pydantic(
    cache_dir: Path, tmp_path: Path
) -> None:
    code = (
        "import sys, json; from eligibility import api;"
        f"r = api.check_file({str(EXAMPLE)!r});"
        "print(json.dumps({'pydantic': 'pydantic' in sys.modules, 'verdict': r.verdict}))"
    )
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache_dir)}

    def run() -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return dict(json.loads(out))

    assert run() == {"pydantic": True, "verdict": "ineligible"}  # fills the cache
    assert run() == {"pydantic": False, "verdict": "ineligible"}


def test_an_edited_rule_file_is_never_served_from_the_cache(
    cache_dir: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    assert _check(rules)["verdict"] == "ineligible"  # 7.8 % < 10 %
    recycling = rules / "recycling.toml"
    recycling.write_text(
        recycling.read_text(encoding="utf-8").replace('threshold = "10 %"', 'threshold = "7 %"'),
        encoding="utf-8",
    )
    assert _check(rules)["verdict"] == "eligible"
    assert len(list(cache_dir.glob("ruleset-*.pickle"))) == 2


def test_a_damaged_or_foreign_entry_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    expected = _check(rules)
    (entry,) = cache_dir.glob("ruleset-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _check(rules) == expected
    entry.chmod(0o666)  # writable by others: not trusted
    assert cache._read(entry) is None
    assert _check(rules) == expected


def test_the_cache_can_be_turned_off(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELIGIBILITY_CACHE", "off")
    _check(SHIPPED)
    assert not cache_dir.exists()


def test_units_read_from_pints_cache_stay_exact(cache_dir: Path, tmp_path: Path) -> None:
    code = (
        "from eligibility.quantities.quantity import parse_quantity as q;"
        "print(repr(q('0.15 J/cm^3').to('kJ/m^3')), repr(q('46 MGOe').to('kJ/m^3'))[:40])"
    )
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache_dir)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert (cache_dir / "pint").is_dir()  # the second run read the parsed definitions
    assert runs[0] == runs[1]
    assert runs[0].startswith("Fraction(150, 1) Fraction(")
