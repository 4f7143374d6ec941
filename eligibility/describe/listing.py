"""The rule listing reviewers cite: every rule of a rule set with its threshold and source."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from eligibility import api
from eligibility.errors import RulesetError
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Rule, Ruleset

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
    }


def ruleset_info(rs: Ruleset) -> dict[str, Any]:
    return {
        "id": rs.id,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "path": rs.path,
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
    header = {"id": "ID", "track": "TRACK", "threshold": "THRESHOLD", "severity": "SEVERITY"}
    cols = ("id", "track", "threshold", "severity")
    width = {c: max(len(header[c]), *(len(r[c]) for r in rows)) for c in cols}
    lines.append("  ".join(header[c].ljust(width[c]) for c in cols) + "  SOURCE")
    for r in rows:
        lines.append("  ".join(str(r[c]).ljust(width[c]) for c in cols) + "  " + r["source"])
    return "\n".join(lines) + "\n"
