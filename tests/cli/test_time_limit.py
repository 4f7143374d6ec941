"""One time limit per file in `check`, `screen` and `outcomes`, that no `except Exception`
in the code it interrupts can swallow."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from eligibility import api
from eligibility.outcomes import inputs
from eligibility.screening import batch as screen
from eligibility.screening.limits import DEFAULT_TIME_LIMIT, TimeLimitExceeded, time_limit

REPO = Path(__file__).resolve().parents[2]
APPLICATION = REPO / "examples" / "ndfeb-line.toml"
REPORTS = REPO / "examples" / "outcomes"


def _forgiving_and_slow(real: Any) -> Any:
    """Code that takes 5 s and swallows every Exception on the way, then does the work."""

    def slow(*args: Any, **kwargs: Any) -> Any:
        for _ in range(50):
            with contextlib.suppress(Exception):  # the point: a timeout must get through
                time.sleep(0.1)
        return real(*args, **kwargs)

    return slow


def test_the_time_limit_cannot_be_swallowed() -> None:
    assert not issubclass(TimeLimitExceeded, Exception)
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        _forgiving_and_slow(lambda: None)()
    assert time.perf_counter() - start < 2


def test_check_stops_a_file_over_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "check_file", _forgiving_and_slow(api.check_file))
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(APPLICATION), "--time-limit", "0.3"])
    assert time.perf_counter() - start < 3
    assert result.exit_code == 2
    assert result.stderr == f"error: {APPLICATION}: took longer than 0.3 s; skipped\n"


def test_outcomes_stops_a_file_over_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "read_input", _forgiving_and_slow(inputs.read_input))
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["outcomes", str(REPORTS), "--time-limit", "0.3"])
    assert time.perf_counter() - start < 3
    assert result.exit_code == 2
    assert "took longer than 0.3 s; skipped" in result.stderr


def test_screen_stops_a_file_whose_code_swallows_exceptions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api, "check_file", _forgiving_and_slow(api.check_file))  # forked
    start = time.perf_counter()
    options = screen.Options(time_limit=0.3)
    (rows,) = list(screen.run([str(APPLICATION)], options, jobs=1))
    assert time.perf_counter() - start < 4
    assert [r.error for r in rows] == [f"{APPLICATION}: took longer than 0.3 s; skipped"]


@pytest.mark.parametrize("command", ["check", "screen", "outcomes"])
def test_every_command_that_reads_files_has_the_same_time_limit(command: str) -> None:
    params = {p.opts[0]: p for p in main.commands[command].params if p.opts}
    assert params["--time-limit"].default == DEFAULT_TIME_LIMIT
    assert "--time-limit" in CliRunner().invoke(main, [command, "--help"]).output
