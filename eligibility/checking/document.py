"""Checking a whole parsed application file: the applicant, then every plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.application.applicant import check_applicant
from eligibility.checking.plan import check_plan
from eligibility.checking.result import PlanResult, Result, verdict_of, worst
from eligibility.ruleset.model import (
    Ruleset,
)
from eligibility.text import Text


def check_document(
    doc: dict[str, Any],
    ruleset: Ruleset,
    file: str,
    *,
    notices: tuple[Text, ...] = (),
    sha256: str | None = None,
    as_of: dt.date | None = None,
    as_of_source: str = "",
    in_force_today: str | None = None,
    checked_at: dt.datetime | None = None,
) -> Result:
    """Check a parsed application (a TOML/JSON document) against ``ruleset``; the keywords
    are the result's record of how it was asked for (:class:`Result`)."""
    name, applicant_findings = check_applicant(doc)
    plans_raw = doc.get("plans")
    plans: list[PlanResult] = []
    seen: set[str] = set()
    for i, plan in enumerate(plans_raw if isinstance(plans_raw, list) else []):
        plans.append(check_plan(plan, i, ruleset, seen))
    verdict = worst([verdict_of(applicant_findings), *(p.verdict for p in plans)])
    return Result(
        file=file,
        verdict=verdict,
        ruleset=ruleset,
        applicant_name=name,
        applicant_findings=tuple(applicant_findings),
        plans=tuple(plans),
        notices=notices,
        file_sha256=sha256,
        as_of=as_of,
        as_of_source=as_of_source,
        in_force_today=in_force_today,
        checked_at=checked_at,
    )
