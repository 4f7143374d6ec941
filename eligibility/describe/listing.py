"""The rule listing reviewers cite: every rule of a rule set with its threshold and source."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eligibility import api
from eligibility.checking.plausibility import RULE_PREFIX
from eligibility.errors import RulesetError
from eligibility.quantities.quantity import pretty_unit
from eligibility.rendering.table import aligned
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import FieldSpec, Parameter, Rule, Ruleset

# --- the listing ----------------------------------------------------------------------------


def rule_row(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "track": rule.track,
        "threshold": rule.threshold_text(),
        "severity": rule.severity,
        "on_fail": rule.on_fail,
        "title": {"en": rule.title.en, "ja": rule.title.ja},
        "source": rule.source,
        "parameters": list(rule.parameters),
    }


def parameter_row(
    p: Parameter, rules: tuple[Rule, ...] = (), fields: Mapping[str, FieldSpec] | None = None
) -> dict[str, Any]:
    """A parameter as documented data: value in display form, unit, description, reference,
    and the rules that use it (with ``plan.plausible.FIELD`` for a field's plausible range)."""
    plausible = [
        RULE_PREFIX + path
        for path, spec in (fields or {}).items()
        if spec.plausible is not None and spec.plausible.parameter == p.name
    ]
    return {
        "name": p.name,
        "value": p.shown,
        "unit": pretty_unit(p.unit) if p.unit else None,
        "description": {"en": p.description.en, "ja": p.description.ja} if p.description else None,
        "reference": p.reference,
        "used_by": [r.id for r in rules if p.name in r.parameters] + plausible,
        "defined_in": p.origin,
    }


def ruleset_info(rs: Ruleset) -> dict[str, Any]:
    return {
        "id": rs.id,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "path": rs.path,
        "folder": rs.folder,
        "base": rs.base,
        "sha256": rs.sha256,
        "rules": len(rs.rules),
    }


def rules_listing(
    rules: str | os.PathLike[str] | None = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The rule sets under ``rules`` (default: shipped), and every rule of the one in force on
    ``as_of`` (default: today), or of ``rules`` itself when it is one rule set folder."""
    chosen = api.select_ruleset(rules, as_of)
    sets: list[dict[str, Any]] = []
    for folder in api.ruleset_folders(rules):
        in_force = Path(chosen.path).resolve() == folder.resolve()
        try:
            rs = chosen if in_force else load_ruleset(folder)
        except RulesetError as exc:
            sets.append({"path": str(folder), "in_force": False, "problems": len(exc.problems)})
            continue
        info = ruleset_info(rs)
        info["path"] = str(folder)
        info["in_force"] = in_force
        sets.append(info)
    return {
        "rulesets": sets,
        "ruleset": ruleset_info(chosen),
        "rules": [rule_row(r) for r in chosen.rules],
        "parameters": [
            parameter_row(p, chosen.rules, chosen.fields) for p in chosen.parameter_info.values()
        ],
    }


def listing_text(listing: dict[str, Any]) -> str:
    lines = ["Rule sets:"]
    for s in listing["rulesets"]:
        if "problems" in s:
            lines.append(
                f"  {s['path']}  does not load ({s['problems']} problems): "
                f"run `eligibility rules check {s['path']}`"
            )
            continue
        mark = "  (in force)" if s["in_force"] else ""
        lines.append(
            f"  {s['id']} {s['version']}  effective {s['effective_from']}  {s['path']}{mark}"
        )
    rs = listing["ruleset"]
    rows = listing["rules"]
    lines += ["", f"{rs['id']} {rs['version']}: {len(rows)} rules", ""]
    header = ["ID", "TRACK", "THRESHOLD", "SEVERITY", "SOURCE"]
    cols = ("id", "track", "threshold", "severity", "source")
    # measured in display columns: a Japanese threshold or source takes two per character
    lines += aligned([header, *([str(r[c]) for c in cols] for r in rows)])
    params = listing.get("parameters", [])
    if params:
        lines += ["", f"parameters ({len(params)}):"]
        for p in params:
            lines += parameter_lines(p)
    return "\n".join(lines) + "\n"


def parameter_lines(p: dict[str, Any], indent: str = "  ") -> list[str]:
    """A parameter for reading: name and value, then what it means and where it comes from."""
    unit = f"  (unit {p['unit']})" if p["unit"] else ""
    lines = [f"{indent}{p['name']} = {p['value']}{unit}"]
    if p["description"]:
        lines.append(f"{indent}    {p['description']['en']}")
        lines.append(f"{indent}    {p['description']['ja']}")
    else:
        lines.append(f"{indent}    (no description: `eligibility rules check` refuses it)")
    if p["reference"]:
        lines.append(f"{indent}    reference: {p['reference']}")
    if p.get("used_by"):
        lines.append(f"{indent}    used by: {', '.join(p['used_by'])}")
    return lines
