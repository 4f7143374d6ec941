"""Findings that name the workbook cell they are about, as well as the key.

Checking knows keys, not cells; the form's reader knows which cell each key came from. This
step joins the two after checking, so the engine never depends on where a document came from.
"""

from __future__ import annotations

import dataclasses

from eligibility.checking.result import Finding, Result
from eligibility.messages import application as say


def with_cells(result: Result, locations: dict[str, str]) -> Result:
    """``result`` with each finding about a key read from a cell naming that cell, in its
    ``cell`` and at the end of its message."""
    if not locations:
        return result
    applicant = tuple(_located(f, _applicant_key(f), locations) for f in result.applicant_findings)
    plans = tuple(
        dataclasses.replace(
            p,
            findings=tuple(
                _located(f, f"plans[{i}].{f.field}" if f.field else None, locations)
                for f in p.findings
            ),
        )
        for i, p in enumerate(result.plans)
    )
    return dataclasses.replace(result, applicant_findings=applicant, plans=plans)


def _applicant_key(f: Finding) -> str | None:
    if not f.field:
        return None
    return f.field if f.field.startswith("applicant.") else f"applicant.{f.field}"


def _located(f: Finding, key: str | None, locations: dict[str, str]) -> Finding:
    cell = locations.get(key) if key else None
    if cell is None:
        return f
    return dataclasses.replace(f, cell=cell, message=f.message + say.AT_CELL.format(cell=cell))


__all__ = ["with_cells"]
