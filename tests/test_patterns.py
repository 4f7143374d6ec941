"""Patterns compiled on first use: the same matches as re.compile, and no compiling at import."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

import pytest

from eligibility.patterns import lazy
from tests.conftest import REPO


def test_a_lazy_pattern_compiles_on_its_first_use_only(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(source: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(source)
        return real(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    p = lazy(r"(\d+)\s*(kA/m|kOe)", re.IGNORECASE)
    assert compiled == []
    assert p.fullmatch("800 KA/M") is not None
    assert compiled == [r"(\d+)\s*(kA/m|kOe)"]
    assert p.sub(r"\2=\1", "10 koe, 800 kA/m") == "koe=10, kA/m=800"
    assert [m.group(1) for m in p.finditer("1 kOe 2 kA/m")] == ["1", "2"]
    assert p.pattern == r"(\d+)\s*(kA/m|kOe)"
    assert p.flags & re.IGNORECASE
    assert compiled == [r"(\d+)\s*(kA/m|kOe)"]  # once, whatever the methods used


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source = r"(?P<n>[+-]?\d[\d,]*(?:\.\d+)?)\s*(?P<u>\S+)?"
    eager, deferred = re.compile(source), lazy(source)
    for text in ("1,000 t/yr", "-0.5", "", "abc", "１５０ kJ/m³"):
        a, b = eager.match(text), deferred.match(text)
        assert (a and a.groupdict()) == (b and b.groupdict())
        assert eager.split(text) == deferred.split(text)


def test_a_lazy_pattern_is_not_mistaken_for_a_compiled_one() -> None:
    """Dunder lookups (copy, pickle, hasattr checks) are not answered by compiling."""
    p = lazy(r"x")
    assert not isinstance(p, re.Pattern)
    assert not hasattr(p, "__fspath__")
    assert copy.copy(p).match("x") is not None
    assert pickle.loads(pickle.dumps(p)).match("x") is not None
    assert repr(lazy("x")) == "lazy('x', 0)"


# Records every pattern compiled while the command line and the check's modules are imported,
# with the file of ours that asked for it.
_IMPORT = """
import re, sys
real = re._compile
asked = []
def recording(pattern, flags):
    frame = sys._getframe(1)
    while frame and frame.f_code.co_filename.endswith(("re/__init__.py", "patterns.py")):
        frame = frame.f_back
    where = frame.f_code.co_filename if frame is not None else "?"
    if not isinstance(pattern, re.Pattern) and ("eligibility" in where or where.endswith("cli.py")):
        asked.append(f"{where}:{frame.f_lineno}: {pattern!r:.60}")
    return real(pattern, flags)
re._compile = recording
import cli, eligibility.api, eligibility.checking.verdict_only, eligibility.rendering.formats.json
print("\\n".join(asked))
"""


def test_importing_what_a_check_needs_compiles_no_pattern() -> None:
    """The check's modules define their patterns with :func:`lazy`: a cold check compiles
    only the patterns its application needs (compiling them all cost some 35 M
    instructions more)."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
