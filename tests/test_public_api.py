"""The package root is the library's documented front door: every name in ``__all__`` resolves,
``import eligibility`` stays cheap, and ``python -m eligibility`` is the command line."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import eligibility
from eligibility import clock

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_every_public_name_resolves() -> None:
    for name in eligibility.__all__:
        assert getattr(eligibility, name) is not None, name
    assert sorted(dir(eligibility)) == sorted(eligibility.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        eligibility.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("an unknown name resolved")


def test_check_file_through_the_root() -> None:
    result = eligibility.check_file(EXAMPLES / "ndfeb-line.toml", as_of=dt.date(2026, 4, 1))
    assert isinstance(result, eligibility.Result)
    assert result.verdict in set(eligibility.Verdict)
    assert result.exit_code == eligibility.Verdict(result.verdict).exit_code


def test_import_is_cheap() -> None:
    code = (
        "import sys, eligibility;"
        "print(sorted(m for m in ('pint', 'pydantic', 'click') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_runs_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "eligibility", "--help"], capture_output=True, text=True, check=True
    )
    assert "check" in out.stdout and "screen" in out.stdout


def test_today_is_the_date_in_japan() -> None:
    # 2026-06-01 00:30 in Japan is still 2026-05-31 in UTC: the Japanese day counts
    at = dt.datetime(2026, 5, 31, 15, 30, tzinfo=dt.UTC)
    assert clock.today(at) == dt.date(2026, 6, 1)
    assert clock.today(dt.datetime(2026, 5, 31, 14, 59, tzinfo=dt.UTC)) == dt.date(2026, 5, 31)
