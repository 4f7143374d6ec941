"""JSON Schemas (draft 2020-12) of the input files, for editors and for checking files
elsewhere: a status report, program statistics, stage-gate results."""

from __future__ import annotations

from typing import Any

from eligibility.outcomes.fiscal_year import FIRST_YEAR, LAST_YEAR
from eligibility.outcomes.indicators import IndicatorSet
from eligibility.outcomes.inputs import InputKind, OutcomesError
from eligibility.outcomes.screening_rules import Ruleset

_FISCAL_YEAR_PATTERN = (
    r"^\s*(?:(?:FY|ＦＹ)\s*\d{4}|\d{4}\s*年度|(?:R|令和|H|平成)\s*(?:\d{1,2}|元)\s*(?:年度)?)\s*$"
)


def input_schema(kind: str, indicators: IndicatorSet, ruleset: Ruleset) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a status report (``kind="report"``), a program
    statistics file (``"statistics"``) or stage-gate results (``"stage_gates"``)."""
    if kind not in tuple(InputKind):
        raise OutcomesError(f"--schema {kind}: choose " + ", ".join(InputKind))
    defs: dict[str, Any] = {
        "fiscal_year": {
            "description": "A fiscal year, April to March: R10年度, 令和10年度, FY2028, 2028年度, "
            "2028, or a date in it",
            "anyOf": [
                {"type": "string", "pattern": _FISCAL_YEAR_PATTERN},
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                {"type": "string", "format": "date"},
            ],
        },
        "annual_mass": {
            "type": "string",
            "description": 'A mass per year with its unit: "500 t/yr", "0.5 kt/yr", "年500トン"',
            "examples": ["500 t/yr"],
        },
        "ev_model": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "maker", "heavy_rare_earth_free"],
            "properties": {
                "name": {"type": "string", "description": "Model name (車種名)"},
                "maker": {"type": "string", "description": "Vehicle maker (メーカー)"},
                "launched": {
                    "$ref": "#/$defs/fiscal_year",
                    "description": "Fiscal year (or date) of market launch (市場投入); in a "
                    "status report, the report's fiscal year when left out",
                },
                "motor": {"type": "string", "description": "ID of the drive motor, if ours"},
                "heavy_rare_earth_free": {
                    "type": "boolean",
                    "description": "The drive motor's magnets are heavy-rare-earth free",
                },
                "note": {"type": "string"},
            },
        },
    }
    base = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "additionalProperties": False,
        "$defs": defs,
    }
    if kind == InputKind.STAGE_GATES:
        return _stage_gates_schema(base)
    if kind == "statistics":
        years_props: dict[str, Any] = {"fiscal_year": {"$ref": "#/$defs/fiscal_year"}}
        for name, sf in indicators.fields.items():
            years_props[name] = {
                "$ref": "#/$defs/annual_mass",
                "description": f"{sf.label.en} ({sf.label.ja})",
            }
        years_props["note"] = {"type": "string"}
        return {
            **base,
            "title": "Program statistics (プログラム統計) for eligibility outcomes",
            "required": ["statistics"],
            "properties": {
                "statistics": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "title": {"type": "string"},
                        "source": {"type": "string", "description": "Survey, hearing (出典)"},
                        "surveyed": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                },
                "years": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["fiscal_year"],
                        "properties": years_props,
                    },
                },
                "ev_models": {
                    "type": "array",
                    "items": {
                        "allOf": [{"$ref": "#/$defs/ev_model"}],
                        "required": ["launched"],
                    },
                },
            },
        }
    counted = sorted({t for i in indicators.indicators for t in i.tracks})
    return {
        **base,
        "title": "Status report (状況報告) of one operator for one fiscal year",
        "required": ["report"],
        "properties": {
            "report": {
                "type": "object",
                "additionalProperties": False,
                "required": ["operator", "fiscal_year"],
                "properties": {
                    "operator": {"type": "string", "description": "Operator (事業者名)"},
                    "corporate_number": {
                        "type": "string",
                        "description": "法人番号, 13 digits; reports go together by it",
                    },
                    "fiscal_year": {"$ref": "#/$defs/fiscal_year"},
                    "submitted": {"type": "string", "format": "date"},
                    "id": {
                        "type": "string",
                        "description": "The report's own number, for a correction to name",
                    },
                    "revision": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "1 the first report of this operator and fiscal year, "
                        "2 its first correction (訂正報告), …; the highest is current",
                    },
                    "supersedes": {
                        "description": "The ID or file name of the report this one corrects "
                        "(訂正報告), or a list of them",
                        "anyOf": [
                            {"type": "string"},
                            {"type": "array", "items": {"type": "string"}},
                        ],
                    },
                    "note": {"type": "string"},
                },
            },
            "plans": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "track"],
                    "properties": {
                        "id": {"type": "string", "description": "Plan ID, as in the application"},
                        "track": {
                            "enum": sorted(ruleset.tracks),
                            "description": "Track; targets and actuals are read for: "
                            + ", ".join(counted),
                        },
                        "title": {"type": "string"},
                        "target": {
                            "$ref": "#/$defs/annual_mass",
                            "description": "The approved plan's target for the fiscal year: "
                            "capacity in operation, or NdFeB magnet production the recycling "
                            "equipment enables, at the end of the year",
                        },
                        "actual": {
                            "$ref": "#/$defs/annual_mass",
                            "description": "What was achieved by the end of the fiscal year",
                        },
                        "note": {"type": "string"},
                    },
                },
            },
            "motors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id"],
                    "description": "An EV drive motor whose development was completed, with "
                    "the figures the saving.motor track reads ([motors.magnet], [motors.motor])",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "developed": {
                            "$ref": "#/$defs/fiscal_year",
                            "description": "Fiscal year (or date) development was completed; "
                            "the report's fiscal year when left out",
                        },
                        "development_period": {"type": "string"},
                        "magnet": {"type": "object"},
                        "motor": {"type": "object"},
                        "note": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
            "ev_models": {"type": "array", "items": {"$ref": "#/$defs/ev_model"}},
        },
    }


def _stage_gates_schema(base: dict[str, Any]) -> dict[str, Any]:
    return {
        **base,
        "title": "Stage-gate results (ステージゲート審査) of the motors under development",
        "required": ["stage_gates"],
        "properties": {
            "stage_gates": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string"},
                    "source": {"type": "string", "description": "Who held the reviews"},
                    "note": {"type": "string"},
                },
            },
            "reviews": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["operator", "motor", "date", "passed"],
                    "properties": {
                        "operator": {"type": "string", "description": "Operator (事業者名)"},
                        "corporate_number": {"type": "string", "description": "法人番号"},
                        "motor": {
                            "type": "string",
                            "description": "The motor's ID, as in the status reports",
                        },
                        "date": {"type": "string", "format": "date"},
                        "gate": {"type": "string", "description": "Which gate, e.g. 最終審査"},
                        "passed": {"type": "boolean", "description": "The gate was passed"},
                        "note": {"type": "string"},
                    },
                },
            },
        },
    }
