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
    entries = list(cache_dir.glob("ruleset-*.json"))
    assert len(entries) == 1
    assert entries[0].stat().st_mode & 0o077 == 0
    from_cache = cache.read_entry(entries[0])
    assert from_cache is not None and from_cache.sha256 == load_ruleset(rules).sha256
    assert from_cache == load_ruleset(rules)  # every rule, threshold and expression
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
    assert len(list(cache_dir.glob("ruleset-*.json"))) == 2


@pytest.mark.parametrize(
    "code_file",
    ["ruleset/model.py", "check_kinds/compare.py", "quantities/units.txt", "text.py"],
)
def test_an_edited_file_of_the_code_makes_a_new_key(code_file: str) -> None:
    """The key knows each file of the code that builds and holds a rule set by its size and
    modification time: a file saved again (an edit, a checkout, a reinstall) makes a new key,
    and a key is the same from run to run while nothing changes."""
    sources = cache.read_sources(SHIPPED)
    path = Path(cache.__file__).resolve().parents[1] / code_file
    before = path.stat()
    first = cache.key(sources)
    assert cache.key(sources) == first
    try:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert cache.key(sources) != first
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.key(sources) == first


def test_the_key_covers_every_file_of_the_code_it_names() -> None:
    """Every file of the packages and modules BUILT_BY and ALLOWED name, and only those."""
    package = Path(cache.__file__).resolve().parents[1]
    listed = [rel for rel, _ in cache._code_files()]
    expected = set()
    for name in (*cache.BUILT_BY, *cache.ALLOWED):
        parts = name.split(".")[1:]
        for cut in range(len(parts), 0, -1):
            base = package.joinpath(*parts[:cut])
            if base.is_dir():
                expected |= {
                    p.relative_to(package).as_posix()
                    for p in base.rglob("*")
                    if p.suffix in (".py", ".txt", ".json") and "__pycache__" not in p.parts
                }
                break
            if base.with_suffix(".py").is_file():
                expected.add(base.with_suffix(".py").relative_to(package).as_posix())
                break
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert {"ruleset/model.py", "quantities/units.json", "text.py"} <= expected


def test_a_damaged_or_foreign_entry_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    expected = _check(rules)
    (entry,) = cache_dir.glob("ruleset-*.json")
    entry.write_bytes(b"not an entry")
    assert _check(rules) == expected
    entry.chmod(0o666)  # writable by others: not trusted
    assert cache.read_entry(entry) is None
    assert _check(rules) == expected


def test_the_cache_can_be_turned_off(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELIGIBILITY_CACHE", "off")
    _check(SHIPPED)
    assert not cache_dir.exists()


def test_units_stay_exact_from_run_to_run_without_pints_cache(
    cache_dir: Path, tmp_path: Path
) -> None:
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
    assert not (cache_dir / "pint").exists()  # pint's cache holds pickles: not used
    assert runs[0] == runs[1]
    assert runs[0].startswith("Fraction(150, 1) Fraction(")


# --- a cache on a shared machine: nothing in it can run code or serve the wrong rules -------


class _Planted:
    """Unpickling this runs ``touch marker``: what an attacker would put in a cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def _plant_everywhere(where: Path, payload: bytes) -> int:
    """Overwrite every file under the cache folder with ``payload``; how many."""
    count = 0
    for path in where.rglob("*"):
        if path.is_file():
            path.write_bytes(payload)
            count += 1
    return count


def test_a_planted_pickle_in_the_rule_set_cache_runs_nothing(
    cache_dir: Path, tmp_path: Path
) -> None:
    import pickle

    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    expected = _check(rules)
    marker = tmp_path / "ran"
    assert _plant_everywhere(cache_dir, pickle.dumps(_Planted(marker))) >= 1
    assert _check(rules) == expected
    assert not marker.exists()


def test_a_planted_pickle_in_the_unit_cache_runs_nothing(cache_dir: Path, tmp_path: Path) -> None:
    import pickle

    code = "from eligibility.quantities.quantity import parse_quantity as q; print(q('1 kJ/m^3'))"
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache_dir)}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = run()
    marker = tmp_path / "ran"
    _plant_everywhere(cache_dir, pickle.dumps(_Planted(marker)))
    assert run() == first
    assert not marker.exists()


@pytest.mark.parametrize(
    "cls",
    [
        "subprocess.Popen",  # not ours
        "eligibility.ruleset.model.re",  # reachable from an allowed module, but not a class
        "eligibility.ruleset.model.fold_name",  # a function of an allowed module
        "eligibility.ruleset.model.Ruleset.__init__",
    ],
)
def test_a_tampered_entry_naming_a_class_off_the_allow_list_is_rebuilt(
    cache_dir: Path, tmp_path: Path, cls: str
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    expected = _check(rules)
    marker = tmp_path / "ran"
    (entry,) = cache_dir.glob("ruleset-*")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["value"] = {"$": "dataclass", "class": cls, "fields": {"args": ["touch", str(marker)]}}
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.read_entry(entry) is None
    assert _check(rules) == expected
    assert not marker.exists()


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 2, "value": null}',
        b'{"format": 2, "value": {"$": "dataclass"}}',
        b'{"format": 2, "value": {"$": "fraction", "value": "1/0"}}',
        b'{"format": 2, "value": {"$": "unit", "value": [["__class__", 1]]}}',
        b'{"format": 2, "value": {"$": "expr", "value": "((("}}',
        b'{"format": 2, "value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
)
def test_a_malformed_entry_is_rebuilt_without_an_error(
    cache_dir: Path, tmp_path: Path, payload: bytes
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    expected = _check(rules)
    (entry,) = cache_dir.glob("ruleset-*")
    entry.write_bytes(payload)
    assert cache.read_entry(entry) is None
    assert _check(rules) == expected


def test_a_rule_file_saved_between_hashing_and_compiling_never_serves_the_wrong_rules(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eligibility.ruleset import loader

    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules)
    recycling = rules / "recycling.toml"
    original = recycling.read_text(encoding="utf-8")
    compile_rules = loader.load_ruleset

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        # the policy officer saves an edit while the rule set is being compiled
        recycling.write_text(
            original.replace('threshold = "10 %"', 'threshold = "7 %"'), encoding="utf-8"
        )
        return compile_rules(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_ruleset", saved_meanwhile)
    _check(rules)  # compiled while the file changed under it
    monkeypatch.setattr(loader, "load_ruleset", compile_rules)
    recycling.write_text(original, encoding="utf-8")  # ... and reverts it
    assert _check(rules)["verdict"] == "ineligible"  # the 10 % rule, as the file says again


def test_the_cache_folder_is_private(cache_dir: Path, tmp_path: Path) -> None:
    _check(SHIPPED)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    (entry,) = cache_dir.glob("ruleset-*")
    assert entry.stat().st_mode & 0o077 == 0
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


def test_a_cache_folder_others_can_write_is_not_used(cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    expected = _check(SHIPPED)
    assert list(cache_dir.iterdir()) == []  # nothing written where others could swap it
    assert _check(SHIPPED) == expected


def test_a_cache_folder_only_others_can_read_is_made_private_and_used(cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o755)  # as a umask of 022 leaves ~/.cache/eligibility
    expected = _check(SHIPPED)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert list(cache_dir.glob("ruleset-*"))  # the cache is on
    assert _check(SHIPPED) == expected


def test_a_cache_folder_that_is_a_symlink_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    cache_dir.symlink_to(target)
    expected = _check(SHIPPED)
    assert list(target.iterdir()) == []
    assert _check(SHIPPED) == expected


def test_an_entry_reached_through_a_symlink_is_refused(cache_dir: Path, tmp_path: Path) -> None:
    _check(SHIPPED)
    (entry,) = cache_dir.glob("ruleset-*")
    real = tmp_path / "real-entry"
    entry.rename(real)
    entry.symlink_to(real)
    assert cache.read_entry(entry) is None
    assert _check(SHIPPED)["verdict"] == "ineligible"


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_entries_and_folders_of_another_user_are_refused(cache_dir: Path) -> None:
    expected = _check(SHIPPED)
    (entry,) = cache_dir.glob("ruleset-*")
    os.chown(entry, 65534, -1)
    assert cache.read_entry(entry) is None
    os.chown(entry, 0, -1)
    assert cache.read_entry(entry) is not None
    os.chown(cache_dir, 65534, -1)
    assert cache.read_entry(entry) is None
    assert _check(SHIPPED) == expected
