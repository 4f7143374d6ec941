"""A cold `eligibility check` of a TOML or JSON file loads only what a check needs: no pint
(the unit table it compiled is read instead), no openpyxl, pydantic (the rule-file schema is
for compiling and linting), weasyprint or fastapi, and none of the describe, outcomes or
server packages; no second TOML parser (the standard library's, beside the compiled one every
file is read with), no explainer of syntax errors for files that parse and no examples of
values that pass (those are `explain`'s); and it gives the same JSON with pint impossible to
import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO, SHARED_EXAMPLES

NOT_FOR_A_CHECK = (
    "pint",
    "openpyxl",
    "pydantic",
    "weasyprint",
    "fastapi",
    "eligibility.describe",
    "eligibility.outcomes",
    "eligibility.server",
    "eligibility.record",
    "eligibility.ruleset.loader",
    "tomllib",
    "eligibility.application.syntax",
    "eligibility.check_kinds.examples",
)

# Runs the command line in-process on each file given, then prints what it loaded and each
# report (without its clock reading), as one JSON object.
_RUN = """
import contextlib, io, json, sys
for name in filter(None, sys.argv[1].split(",")):
    if name.startswith("+"):
        __import__(name[1:])  # loaded before the check, as a host program might have
    else:
        sys.modules[name] = None  # import pint -> ImportError
import cli
reports = {}
for path in sys.argv[2:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        cli.main(["check", path, "--format", "json", "--as-of", "2026-04-01"], "eligibility")
    report = json.loads(out.getvalue())
    report.pop("checked_at", None)
    reports[path] = report
loaded = sorted(m for m in sys.modules if sys.modules[m] is not None)
print(json.dumps({"loaded": loaded, "reports": reports}))
"""


def _run(files: list[Path], cache: Path, modules: str = "", cache_on: bool = True) -> dict:
    """``modules``: "pint" blocks pint, "+pint" imports it first."""
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache)}
    if not cache_on:
        env["ELIGIBILITY_CACHE"] = "off"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, modules, *map(str, files)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _json_example(tmp_path: Path) -> Path:
    import tomllib

    doc = tomllib.loads((SHARED_EXAMPLES / "ndfeb-line.toml").read_text("utf-8"))
    path = tmp_path / "ndfeb-line.json"
    path.write_text(json.dumps(doc, default=str), "utf-8")
    return path


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("cache") / "eligibility"
    _run([SHARED_EXAMPLES / "ndfeb-line.toml"], cache)  # compiles and stores the rule set
    return cache


def test_a_check_loads_nothing_it_does_not_need(warm_cache: Path, tmp_path: Path) -> None:
    files = [SHARED_EXAMPLES / "ndfeb-line.toml", _json_example(tmp_path)]
    loaded = _run(files, warm_cache)["loaded"]
    found = [m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_FOR_A_CHECK)]
    assert found == []


EVERY_EXAMPLE = sorted({*SHARED_EXAMPLES.glob("*.toml"), *EXAMPLES.glob("*.toml")})


@pytest.mark.parametrize("cache_on", [True, False], ids=["cached", "compiled"])
def test_without_pint_every_example_gives_the_same_json(
    warm_cache: Path, tmp_path: Path, cache_on: bool
) -> None:
    """With pint importable (and imported first) and with it blocked: the same reports,
    whether the rule set comes from the cache or is compiled from its files."""
    with_pint = _run(EVERY_EXAMPLE, warm_cache, cache_on=cache_on)
    import_pint_first = _run(EVERY_EXAMPLE, tmp_path / "other", "+pint", cache_on=cache_on)
    without = _run(EVERY_EXAMPLE, warm_cache, "pint", cache_on=cache_on)
    assert without["reports"] == with_pint["reports"] == import_pint_first["reports"]
    assert len(without["reports"]) == len(EVERY_EXAMPLE)
    assert "pint" not in without["loaded"]


# After a check, the dataclasses of every module of ours it loaded that have no docstring of
# their own: for those, dataclasses wrote one from the class's signature at import.
_UNDOCUMENTED = """
import contextlib, dataclasses, io, sys
import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(["check", sys.argv[1], "--format", "json"], "eligibility")
found = []
for name, module in list(sys.modules.items()):
    if module is None or not (name == "cli" or name.startswith("eligibility")):
        continue
    for value in list(vars(module).values()):
        if (
            isinstance(value, type)
            and dataclasses.is_dataclass(value)
            and value.__module__ == name
            and (value.__doc__ or "").startswith(value.__name__ + "(")
        ):
            found.append(f"{name}.{value.__qualname__}")
print("\\n".join(sorted(set(found))))
"""


def test_every_dataclass_a_check_loads_has_a_docstring(warm_cache: Path) -> None:
    """For a class without one, dataclasses computes the class's signature at import to
    write one (``inspect.signature``): some 4 M instructions of a cold check for 15 classes."""
    done = subprocess.run(
        [sys.executable, "-c", _UNDOCUMENTED, str(SHARED_EXAMPLES / "ndfeb-line.toml")],
        cwd=REPO,
        env={**os.environ, "ELIGIBILITY_CACHE_DIR": str(warm_cache)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""
