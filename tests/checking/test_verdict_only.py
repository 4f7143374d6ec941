"""The verdict-only path decides as the full path: the same verdicts, and every finding's rule
and status in the same order, on every shipped example, on the fuzz documents and on values
written near every quantity threshold of the shipped rule set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.application.reader import read_application
from eligibility.checking.document import check_document
from eligibility.checking.mode import STATUSES_ONLY
from eligibility.checking.result import Result
from eligibility.checking.verdict_only import DocumentVerdicts, check_verdicts
from eligibility.ruleset.model import Ruleset
from fuzz.strategies import FUZZ, documents
from fuzz.strategies import ruleset as fuzz_ruleset
from tests.checking.test_properties import CHECK_IDS, CHECKS, Check, written
from tests.conftest import EXAMPLES, SHARED_EXAMPLES


def _as_verdicts(result: Result) -> tuple[Any, ...]:
    applicant = tuple((f.rule, f.status) for f in result.applicant_findings)
    plans = tuple(
        (p.id, p.track, p.verdict, tuple((f.rule, f.status) for f in p.findings))
        for p in result.plans
    )
    return result.verdict, result.applicant_name, applicant, plans


def _of(v: DocumentVerdicts) -> tuple[Any, ...]:
    plans = tuple((p.id, p.track, p.verdict, p.statuses) for p in v.plans)
    return v.verdict, v.applicant_name, v.applicant.statuses, plans


def _same(doc: dict[str, Any], ruleset: Ruleset) -> None:
    full = check_document(doc, ruleset, "file.toml")
    fast = check_verdicts(doc, ruleset)
    assert _of(fast) == _as_verdicts(full)
    assert not STATUSES_ONLY.get()  # the mode ends with the call


EXAMPLE_FILES = sorted({*SHARED_EXAMPLES.glob("*.toml"), *EXAMPLES.glob("*.toml")})


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_gets_the_full_paths_statuses(path: Path, ruleset: Ruleset) -> None:
    _same(read_application(path).data, ruleset)


def test_the_rows_of_a_batch_name_the_rules_by_status(ruleset: Ruleset) -> None:
    doc = read_application(SHARED_EXAMPLES / "draft-self-check.toml").data
    full = check_document(doc, ruleset, "file.toml")
    for plan, fast in zip(full.plans, check_verdicts(doc, ruleset).plans, strict=True):
        assert fast.failed == tuple(f.rule for f in plan.findings if f.status == "fail")
        assert fast.review == tuple(f.rule for f in plan.findings if f.status == "review")
        assert len(fast.missing) == sum(f.status in ("missing", "invalid") for f in plan.findings)


def test_the_mode_ends_even_when_checking_raises(ruleset: Ruleset) -> None:
    class Exploding(dict):  # type: ignore[type-arg]
        def get(self, *args: Any) -> Any:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        check_verdicts(Exploding(), ruleset)
    assert not STATUSES_ONLY.get()


@FUZZ
@given(documents())
def test_fuzz_documents_get_the_full_paths_statuses(doc: dict[str, Any]) -> None:
    _same(doc, fuzz_ruleset())


@pytest.mark.parametrize("rounding", ["fail", "review"])
@pytest.mark.parametrize("check", CHECKS, ids=CHECK_IDS)
@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_near_every_threshold_get_the_full_paths_statuses(
    check: Check, rounding: str, data: st.DataObject, ruleset: Ruleset
) -> None:
    """Both paths agree under either setting of ``within_rounding`` (a figure short of its
    threshold only in digits it does not write: ``fail`` by default, ``review`` if set)."""
    chosen = replace(ruleset, parameters={**ruleset.parameters, "within_rounding": rounding})
    _unit, _number, text = data.draw(written(check))
    doc = {"applicant": {"name": "Property Magnet Works K.K."}, "plans": [check.plan(text)]}
    _same(doc, chosen)


@pytest.mark.parametrize(
    "written", ["10.053 kOe", "10.05 kOe", "≥ 10.053 kOe", "10 kOe", "799.99 kA/m"]
)
def test_a_figure_within_rounding_goes_to_review_on_both_paths_when_the_rule_set_says_so(
    ruleset: Ruleset, written: str
) -> None:
    """Under ``within_rounding = "review"`` a figure short of 800 kA/m only in digits it does
    not write is a reviewer's, in a batch as in a report: the batch once gave it ``fail``,
    an ineligible row for a plan whose report said review."""
    lenient = replace(ruleset, parameters={**ruleset.parameters, "within_rounding": "review"})
    magnet = {"material": "NdFeB", "coercivity": written, "measured_at": "20 degC"}
    plan = {"id": "p", "track": "capacity.ndfeb", "capacity_increase": "600 t/yr", "magnet": magnet}
    doc = {"applicant": {"name": "Rounding Magnet Works K.K."}, "plans": [plan]}
    _same(doc, lenient)
    statuses = dict(check_verdicts(doc, lenient).plans[0].statuses)
    rounded = written in ("10.053 kOe", "10.05 kOe", "≥ 10.053 kOe")  # 800 kA/m = 10.0531 kOe
    assert statuses["capacity.ndfeb.coercivity"] == ("review" if rounded else "fail")
