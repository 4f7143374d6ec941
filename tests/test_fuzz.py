"""Whole documents with random values in every field: nothing escapes, the result keeps the
contract, and every document is checked quickly.

The strategies live in ``fuzz/strategies.py``, shared with ``fuzz/fuzz_documents.py``, which
runs the same documents by the hundred thousand.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eligibility.application.reader import parse_application_bytes
from eligibility.checking.document import check_document
from eligibility.errors import ApplicationReadError
from eligibility.rendering import result as report
from fuzz.strategies import (
    FUZZ,
    check_one,
    contract_problems,
    describe,
    documents,
    file_names,
    files,
    hostile_rulesets,
    lint_hostile,
    read_tampered,
    ruleset,
    screen_name,
    tampered_entries,
)

TIME_LIMIT = 2.0  # seconds per document, reports included


@FUZZ
@given(documents())
def test_any_document_gives_a_result_that_keeps_the_contract(doc: dict[str, Any]) -> None:
    elapsed, problems = check_one(doc)
    assert problems == [], describe(doc)
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f} s for {describe(doc)}"


@settings(FUZZ, max_examples=100)
@given(files())
def test_any_bytes_are_read_or_refused_with_a_read_error(file: tuple[bytes, str]) -> None:
    raw, suffix = file
    start = time.perf_counter()
    try:
        app = parse_application_bytes(raw, "fuzz" + suffix, suffix=suffix)
    except ApplicationReadError as exc:
        assert str(exc).startswith("fuzz" + suffix + ": ")
        return
    result = check_document(app.data, ruleset(), app.path, notices=app.notices, sha256=app.sha256)
    for lang in ("en", "ja"):
        data = json.loads(report.to_json(result, lang))
        report.to_text(result, lang).encode("utf-8")
        assert contract_problems(app.data, result, data) == [], describe(app.data)
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f} s for {describe(raw)}"


# --- the validator itself: it must catch what it is for --------------------------------------

GOOD = {"applicant": {"name": "A"}, "plans": [{"id": "p", "track": "capacity.ndfeb"}]}


def _json(doc: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    result = check_document(doc, ruleset(), "x.toml")
    return result, json.loads(report.to_json(result))


def test_the_validator_passes_a_plain_result() -> None:
    result, data = _json(GOOD)
    assert contract_problems(GOOD, result, data) == []


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d.pop("verdict"), "result: no `verdict`"),
        (lambda d: d.update(verdict="fine"), "result: verdict 'fine'"),
        (lambda d: d["plans"][0].update(verdict="eligible"), "plans[0]: verdict 'eligible'"),
        (lambda d: d["plans"][0]["findings"][0].update(status="ok"), "status 'ok'"),
        (lambda d: d["plans"][0]["findings"][0].pop("message"), "`message` missing"),
        (lambda d: d["plans"][0]["findings"][0].update(rule="x.y"), "rule 'x.y'"),
        (lambda d: d["plans"].clear(), "result: 0 plans for 1"),
    ],
)
def test_the_validator_catches_a_broken_result(damage: Any, expected: str) -> None:
    result, data = _json(GOOD)
    damage(data)
    assert any(expected in p for p in contract_problems(GOOD, result, data))


def test_the_validator_catches_an_unreported_key() -> None:
    doc = {"applicant": {"name": "A"}, "plans": [{"id": "p", "track": "capacity.ndfeb", "x": 1}]}
    result, data = _json(doc)
    data["plans"][0]["findings"] = [
        f for f in data["plans"][0]["findings"] if f.get("field") != "x"
    ]
    assert "plans[0]: the key 'x' is not reported" in contract_problems(doc, result, data)


# --- file names and cache entries ------------------------------------------------------------


@settings(FUZZ, max_examples=60)
@given(file_names())
def test_any_file_name_is_screened_or_an_error_row_and_every_report_writes(name: bytes) -> None:
    elapsed, problems = screen_name(name)
    assert problems == [], name
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f} s for {name!r}"


@settings(FUZZ, max_examples=60)
@given(tampered_entries())
def test_a_tampered_cache_entry_is_read_whole_or_ignored(raw: bytes) -> None:
    elapsed, problems = read_tampered(raw)  # never raises
    assert problems == []
    assert elapsed < TIME_LIMIT


@settings(FUZZ, max_examples=12)
@given(hostile_rulesets())
def test_a_hostile_rule_set_is_refused_by_file_or_loads_and_checks(
    rule_files: dict[str, str],
) -> None:
    elapsed, problems = lint_hostile(rule_files)  # never raises
    assert problems == []
    assert elapsed < 10 * TIME_LIMIT  # two loads of a rule set of up to 3,000 rules
