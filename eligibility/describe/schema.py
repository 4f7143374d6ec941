"""A JSON Schema of the application file, for editors."""

from __future__ import annotations

import json
from typing import Any

from eligibility.application.applicant import PLAN_KEYS
from eligibility.describe.application_fields import (
    APPLICANT_FIELDS,
    JSON_SCHEMA_DRAFT,
    SCHEMA_FILE,
    SCHEMA_LINE,
)
from eligibility.describe.template import track_fields
from eligibility.field_types.registry import field_type
from eligibility.ruleset.model import Ruleset

# --- JSON Schema ------------------------------------------------------------------------------


def schema(ruleset: Ruleset) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the application file, from the rule set's fields and
    tracks. Keys a plan's track does not read are refused for that track."""
    top: dict[str, dict[str, Any]] = {}
    blocks: dict[str, dict[str, dict[str, Any]]] = {}
    hints = _check_hints(ruleset)
    for path, spec in ruleset.fields.items():
        block, _, key = path.rpartition(".")
        target = blocks.setdefault(block, {}) if block else top
        target[key] = _merged(field_type(spec).json_schema(spec, ruleset), hints.get(path, {}))
    plan_props: dict[str, Any] = {
        "id": {"type": "string", "description": "plan id, unique in the file / 計画の ID"},
        "track": {
            "enum": list(ruleset.tracks),
            "description": "track / 区分: "
            + "; ".join(f"{t.id}: {t.title.en} / {t.title.ja}" for t in ruleset.tracks.values()),
        },
        "title": {"type": "string", "description": "title / 件名"},
        **top,
    }
    for block, props in blocks.items():
        plan_props[block] = {
            "type": "object",
            "description": f"[plans.{block}]",
            "properties": props,
            "additionalProperties": False,
        }
    per_track: list[dict[str, Any]] = []
    for t in ruleset.tracks.values():
        allowed = track_fields(ruleset, t)
        names = [*PLAN_KEYS]
        then: dict[str, Any] = {"properties": {}}
        for p in allowed:
            block, _, key = p.rpartition(".")
            if not block:
                names.append(key)
                continue
            if block not in names:
                names.append(block)
                then["properties"][block] = {"propertyNames": {"enum": []}}
            then["properties"][block]["propertyNames"]["enum"].append(key)
        then["propertyNames"] = {"enum": names}
        per_track.append(
            {"if": {"properties": {"track": {"const": t.id}}, "required": ["track"]}, "then": then}
        )
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "$id": f"urn:eligibility:{ruleset.id}:{ruleset.version}",
        "title": f"Application: {ruleset.title.en} / {ruleset.title.ja}",
        "description": (
            f"Rule set {ruleset.id} {ruleset.version}. Save as {SCHEMA_FILE} and put "
            f"'{SCHEMA_LINE}' as the first line of the application TOML."
        ),
        "type": "object",
        "required": ["applicant", "plans"],
        "additionalProperties": False,
        "properties": {
            "applicant": {
                "type": "object",
                "description": "[applicant]",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    k: {**s, "description": f"{label.en} / {label.ja}"}
                    for k, (label, s) in APPLICANT_FIELDS.items()
                },
            },
            "plans": {
                "type": "array",
                "description": "[[plans]]: one table per plan",
                "minItems": 1,
                "items": {"$ref": "#/$defs/plan"},
            },
        },
        "$defs": {
            "plan": {
                "type": "object",
                "required": ["id", "track"],
                "additionalProperties": False,
                "properties": plan_props,
                "allOf": per_track,
            }
        },
    }


def _check_hints(ruleset: Ruleset) -> dict[str, dict[str, Any]]:
    """What the rules say about each field, from each check kind's own hints, with the rules
    that read it named in its description."""
    out: dict[str, dict[str, Any]] = {}
    for rule in ruleset.rules:
        for path, hint in rule.criterion.schema_hints(ruleset).items():
            out[path] = _merged(out.get(path, {}), hint)
        for path in rule.criterion.fields:
            checked = out.setdefault(path, {}).setdefault("checked_by", [])
            checked.append(f"{rule.id} ({rule.threshold_text()})")
    return out


def _merged(schema: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``hint``: examples added (each once), the checks named after the
    description."""
    out = dict(schema)
    examples = [*out.get("examples", []), *hint.get("examples", [])]
    if examples:
        out["examples"] = list(dict.fromkeys(examples))
    if "checked_by" in hint:
        if "description" in out:
            out["description"] += " Checked by: " + "; ".join(hint["checked_by"]) + "."
        else:
            out["checked_by"] = [*out.get("checked_by", []), *hint["checked_by"]]
    return out


def schema_json(ruleset: Ruleset) -> str:
    return json.dumps(schema(ruleset), ensure_ascii=False, indent=2) + "\n"


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
