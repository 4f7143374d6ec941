"""The API's documents as pydantic models: they give /openapi.json its schemas.

Responses are the command line's own text (``check --format json`` byte for byte), not
re-serialised through these models; the tests validate real responses against them, so the
schemas cannot drift from what is sent.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")  # the contract may be extended, never bent


class Finding(_Open):
    rule: str = Field(examples=["capacity.ndfeb.energy_product"])
    status: str = Field(description="pass, fail, missing, invalid or review")
    field: str | None = None
    given: str | None = Field(None, examples=["46 MGOe"])
    value: str | None = Field(None, examples=["366.05 kJ/m³"])
    threshold: str | None = Field(None, examples=["≥ 150 kJ/m³"])
    margin: str | None = Field(None, examples=["+216.05 kJ/m³"])
    needed: str | None = None
    message: str
    source: str | None = None
    severity: str
    note: str | None = None


class Plan(_Open):
    id: str
    track: str | None
    verdict: str
    title: str | None = None
    findings: list[Finding]


class Applicant(_Open):
    name: str | None
    findings: list[Finding]


class RulesetRef(_Open):
    id: str
    version: str
    effective_from: str
    sha256: str
    files: dict[str, str]
    as_of: str | None = None
    chosen_by: str | None = None


class CheckResult(_Open):
    """What ``eligibility check FILE --format json`` prints."""

    file: str
    verdict: str = Field(description="eligible, ineligible, incomplete or review")
    ruleset: RulesetRef
    applicant: Applicant
    plans: list[Plan]
    tool: dict[str, str]
    sha256: str | None = None
    notices: list[str] | None = None
    checked_at: str | None = None


class Closest(_Open):
    rule: str
    margin: str
    threshold: str
    relative: float = Field(description="margin ÷ threshold on the passing side (< 0: short)")


class Row(_Open):
    file: str
    applicant: str | None
    plan: str | None
    track: str | None
    verdict: str = Field(description="eligible, ineligible, incomplete, review or error")
    failed: list[str]
    missing: list[str]
    review: list[str]
    sha256: str | None
    ruleset: str | None
    error: str | None = None
    result: int | None = Field(None, description="with details=true: index into results")
    closest: Closest | None = Field(None, description="with details=true")


class Summary(_Open):
    verdict: str
    files: int
    plans: int
    by_verdict: dict[str, int]
    by_track: dict[str, dict[str, int]]


class ScreenResult(_Open):
    """What ``eligibility screen --format json`` prints (with details=true, also each
    file's result)."""

    tool: dict[str, str]
    rows: list[Row]
    summary: Summary
    rulesets: list[dict[str, str]]
    checked_at: str
    results: list[CheckResult | None] | None = None


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str
    ruleset: str = Field(examples=["permanent-magnets 2025-06"])


def example_application() -> dict[str, Any]:
    return {
        "applicant": {"name": "Kanazawa Magnet Industries K.K."},
        "plans": [
            {
                "id": "line-4",
                "track": "capacity.ndfeb",
                "site": "domestic",
                "capacity_increase": "800 t/yr",
                "operation_start": "2028-10-01",
                "magnet": {
                    "material": "NdFeB",
                    "grade": "N50SH",
                    "energy_product": "390 kJ/m^3",
                    "coercivity": "1600 kA/m",
                    "remanence": "1.42 T",
                    "measured_at": "20 degC",
                },
            }
        ],
    }
