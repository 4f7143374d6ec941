"""Outcomes as JSON for programs: the indicators file and rule set used, the inputs (with the
reports superseded), each indicator with its result and its years, and the findings."""

from __future__ import annotations

import json
from typing import Any

from eligibility import __version__
from eligibility.outcomes.findings import Finding
from eligibility.outcomes.judge import Row
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.statuses import Status
from eligibility.text import Lang


def row_dict(row: Row, lang: Lang) -> dict[str, Any]:
    ind = row.indicator
    out: dict[str, Any] = {
        "fiscal_year": None if row.year is None else row.year.year,
        "label": None if row.year is None else row.year.western,
        "label_ja": None if row.year is None else row.year.japanese,
        "as_at": None if row.as_at is None else row.as_at.isoformat(),
        "value": None if row.value is None else row.value_text,
        "exact": None if row.value is None else common.fraction(row.value),
        "target": ind.target_text,
        "status": str(row.status),
        "status_text": row.status.text(lang),
        "rule": row.rule(lang),
    }
    if row.detail is not None:
        out["detail"] = row.detail(lang)
    if row.trajectory is not None:
        out["trajectory"] = ind.show(row.trajectory)
    out["sources"] = list(row.sources)
    return out


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    return {"file": f.file, "where": f.where, "status": str(f.status), "message": f.message(lang)}


def outcomes_dict(o: Outcomes, lang: Lang) -> dict[str, Any]:
    s = o.indicators
    indicators = []
    for ind in s.indicators:
        item: dict[str, Any] = {
            "id": ind.id,
            "term": ind.term,
            "title": ind.title(lang),
            "measure": ind.description(lang),
            "target": {
                "value": ind.target_text,
                "exact": common.fraction(ind.target),
                "fiscal_year": ind.target_year.year,
                "label": ind.target_year.western,
                "label_ja": ind.target_year.japanese,
            },
            "trajectory": ind.trajectory,
            "method": ind.method(lang),
            "source": ind.source,
        }
        if ind.stage_gates_source is not None:
            item["stage_gates_source"] = ind.stage_gates_source
        if ind.note is not None:
            item["note"] = ind.note(lang)
        result = o.result(ind.id)
        item["result"] = (
            None
            if result is None
            else {
                "status": str(result.status),
                "value": None if result.value is None else result.value_text,
            }
        )
        item["years"] = [row_dict(r, lang) for r in o.rows_for(ind.id)]
        indicators.append(item)
    superseded = {sp.head.file: sp for sp in o.superseded}
    inputs = []
    for f in o.inputs:
        entry: dict[str, Any] = {"file": f.path, "kind": str(f.kind), "sha256": f.sha256}
        if f.path in superseded:
            entry["superseded_by"] = superseded[f.path].by.file
            entry["superseded"] = superseded[f.path].reason(lang)
        inputs.append(entry)
    rd = s.reading
    return {
        "indicators_file": {
            "id": s.id,
            "version": s.version,
            "effective_from": s.effective_from.isoformat(),
            "path": s.path,
            "sha256": s.sha256,
        },
        "ruleset": {"id": o.ruleset.id, "version": o.ruleset.version},
        "reading": {"phrase": rd.phrase, "as_at": rd.as_at, "text": common.reading(o)(lang)},
        "statuses": {str(k): s.statuses[k](lang) for k in Status if k in s.statuses},
        "status_rules": {
            str(rule.period): {
                key: str(value)
                for key, value in (
                    ("compare", rule.compare),
                    ("meets", rule.meets),
                    ("met", rule.met),
                    ("not_met", rule.not_met),
                    ("no_trajectory", rule.no_trajectory),
                    ("status", rule.status),
                    ("source", rule.source),
                )
                if value is not None
            }
            for rule in (s.rules.before, s.rules.target, s.rules.after)
        },
        "inputs": inputs,
        "indicators": indicators,
        "findings": [finding_dict(f, lang) for f in o.findings],
        "tool": {"name": "eligibility", "version": __version__},
    }


def to_json(o: Outcomes, lang: Lang = "en") -> str:
    return json.dumps(outcomes_dict(o, lang), ensure_ascii=False, indent=2) + "\n"
