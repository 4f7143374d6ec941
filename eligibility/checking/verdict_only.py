"""Statuses and verdicts of a parsed application, without what only a report shows.

A batch (``screen``) and a comparison of two rule sets (``impact``) need, for each plan, its
verdict and which rules failed, are missing or await review; never a finding's message,
margin or "what would pass" text, nor the result's notices and provenance. The same checks
decide as in :func:`eligibility.checking.document.check_document`, and nothing here builds a
:class:`~eligibility.checking.result.Result`, chooses a rule set or renders text; a check
kind that knows its status early returns it without the sentence that explains it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eligibility.application.applicant import check_applicant
from eligibility.checking.mode import statuses_only
from eligibility.checking.plan import check_plan
from eligibility.checking.result import Finding, verdict_of, worst
from eligibility.ruleset.model import Ruleset

__all__ = ["DocumentVerdicts", "PlanVerdict", "check_verdicts"]


@dataclass(frozen=True, slots=True)
class PlanVerdict:
    """One plan (or the applicant, with ``id`` None): its verdict and every finding's
    ``(rule, status)`` in the order a report lists them; ``failed``, ``missing`` (missing or
    invalid) and ``review`` name the rules as a screen row does (an unknown key as
    ``plan.unknown_field:<key>``)."""

    id: str | None
    track: str | None
    verdict: str
    statuses: tuple[tuple[str, str], ...]
    failed: tuple[str, ...]
    missing: tuple[str, ...]
    review: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentVerdicts:
    """The whole file: its verdict, the applicant's findings and one entry per plan."""

    verdict: str
    applicant_name: str | None
    applicant: PlanVerdict
    plans: tuple[PlanVerdict, ...]


def check_verdicts(doc: dict[str, Any], ruleset: Ruleset) -> DocumentVerdicts:
    """The statuses and verdicts :func:`~eligibility.checking.document.check_document` gives
    ``doc`` under ``ruleset``, and nothing else. Check kinds skip the texts of outcomes
    whose status is decided (:data:`eligibility.checking.mode.STATUSES_ONLY`)."""
    with statuses_only():
        return _check(doc, ruleset)


def _check(doc: dict[str, Any], ruleset: Ruleset) -> DocumentVerdicts:
    name, applicant_findings = check_applicant(doc)
    applicant = _entry(None, None, verdict_of(applicant_findings), applicant_findings)
    raw_plans = doc.get("plans")
    seen: set[str] = set()
    plans = []
    for i, plan in enumerate(raw_plans if isinstance(raw_plans, list) else []):
        p = check_plan(plan, i, ruleset, seen)
        plans.append(_entry(p.id, p.track, p.verdict, p.findings))
    verdict = worst([applicant.verdict, *(p.verdict for p in plans)])
    return DocumentVerdicts(verdict, name, applicant, tuple(plans))


def _entry(
    plan_id: str | None, track: str | None, verdict: str, findings: Iterable[Finding]
) -> PlanVerdict:
    statuses: list[tuple[str, str]] = []
    failed: list[str] = []
    missing: list[str] = []
    review: list[str] = []
    for f in findings:
        statuses.append((f.rule, f.status))
        named = f"{f.rule}:{f.field}" if f.rule == "plan.unknown_field" and f.field else f.rule
        if f.status == "fail":
            failed.append(named)
        elif f.status in ("missing", "invalid"):
            missing.append(named)
        elif f.status == "review":
            review.append(named)
    return PlanVerdict(
        plan_id, track, verdict, tuple(statuses), tuple(failed), tuple(missing), tuple(review)
    )
