"""A check leaves no reference cycles behind: everything it makes for a file is freed when the
result is dropped, not when the garbage collector next runs.

A batch worker checks file after file with the collector set to run rarely (checking makes
many short-lived objects); a cycle made per plan (a closure that called itself) kept every
plan's fields and findings alive in the oldest generation until a full collection, so a
worker's memory grew with the files it had checked. Every example and trial application,
checked fully and for statuses only, rendered in every text format and as a batch row, must
make none."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from eligibility import api
from eligibility.checking.mode import statuses_only
from eligibility.rendering.result import FORMATS
from eligibility.screening import batch
from tests.conftest import EXAMPLES, SHARED_EXAMPLES

HERE = Path(__file__).resolve().parent
FILES = sorted(
    {
        *SHARED_EXAMPLES.glob("*.toml"),
        *EXAMPLES.glob("*.toml"),
        *(HERE / "applications").glob("*.toml"),
    }
    - {HERE / "applications" / "expected.toml"}  # the verdicts they must give
)


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector off, and what it would find before the test collected first."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cyclic_garbage() -> int:
    """Objects only the collector can free (unreachable, in cycles)."""
    return gc.collect()


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) > 20


@pytest.mark.usefixtures("collector_off")
def test_a_full_check_and_its_reports_leave_no_cycles() -> None:
    ruleset = api.select_ruleset()
    for path in FILES:  # the rule set's memos and caches are made on first use, not counted
        api.check_file(path, ruleset)
    _cyclic_garbage()
    for path in FILES:
        result = api.check_file(path, ruleset)
        for lang in ("en", "ja"):
            for render in FORMATS.values():
                render(result, lang)
        del result
    assert _cyclic_garbage() == 0


@pytest.mark.usefixtures("collector_off")
def test_statuses_and_batch_rows_leave_no_cycles() -> None:
    ruleset = api.select_ruleset()
    options = batch.Options(findings=False)
    with statuses_only():
        for path in FILES:
            api.check_file(path, ruleset)
    for path in FILES:
        batch.screen_file(str(path), options)
    _cyclic_garbage()
    with statuses_only():
        for path in FILES:
            api.check_file(path, ruleset)
    for path in FILES:
        batch.screen_file(str(path), options)
    assert _cyclic_garbage() == 0
