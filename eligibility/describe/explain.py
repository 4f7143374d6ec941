"""One rule explained in full: its threshold, source, note and worked examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eligibility.describe.examples import examples
from eligibility.describe.listing import parameter_lines, parameter_row
from eligibility.errors import RulesetError, UnknownRuleError
from eligibility.ruleset.model import FieldSpec, Rule, Ruleset
from eligibility.ruleset.places import find_revision
from eligibility.ruleset.select import load
from eligibility.suggest import closest, hint

# --- explain ----------------------------------------------------------------------------------


def find_rule(ruleset: Ruleset, rule_id: str) -> Rule:
    rule = ruleset.rule(rule_id)
    if rule is not None:
        return rule
    ids = [r.id for r in ruleset.rules]
    close = closest(rule_id, ids, cutoff=0.5) or next(
        (i for i in ids if rule_id.casefold() in i.casefold()), None
    )
    suggestion = hint(close).en
    raise UnknownRuleError(
        f"{ruleset.path}: no rule '{rule_id}' in {ruleset.id} {ruleset.version}{suggestion} "
        "(`eligibility rules` lists them)"
    )


# what a finding is when a check it requires does not pass (checking/plan.py, _unjudged)
_REQUIRES_TEXT = (
    " — judged only when these pass; otherwise neither pass nor fail: missing while one is"
    " missing, review while one is for a reviewer, else invalid"
)


def _applies_text(rule: Rule) -> str:
    if rule.when_field is None:
        return "always" if rule.track != "*" else "every track"
    if rule.when_in is not None:
        return f"only when {rule.when_field} is {' or '.join(rule.when_in)}"
    return f"only when {rule.when_field} is {'stated' if rule.when_present else 'not stated'}"


def _block_key(path: str) -> str:
    block, _, key = path.rpartition(".")
    return f"[plans.{block}] {key}" if block else key


def field_info(spec: FieldSpec) -> dict[str, Any]:
    return {
        "field": spec.path,
        "key": _block_key(spec.path),
        "type": spec.type,
        "label": {"en": spec.label.en, "ja": spec.label.ja},
        "accepts": spec.accepts,
    }


def explain(ruleset: Ruleset, rule_id: str) -> dict[str, Any]:
    """Everything about one rule a reviewer needs to defend a finding it made."""
    rule = find_rule(ruleset, rule_id)
    paths = list(rule.fields)
    for extra in (rule.when_field, rule.basis_field):
        if extra is not None and extra not in paths and extra in ruleset.fields:
            paths.append(extra)
    track = ruleset.tracks.get(rule.track)
    out: dict[str, Any] = {
        "rule": rule.id,
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "folder": ruleset.folder},
        "title": {"en": rule.title.en, "ja": rule.title.ja},
        "track": rule.track,
        "track_title": {"en": track.title.en, "ja": track.title.ja} if track else None,
        "test": rule.test,
        "threshold": rule.threshold_text(),
        "comparison": rule.criterion.comparison(),
        "branches": [
            {"title": {"en": title.en, "ja": title.ja}, "comparison": comparison}
            for title, comparison in rule.criterion.branch_comparisons()
        ],
        "applies": _applies_text(rule),
        "severity": rule.severity,
        "on_fail": rule.on_fail,
        "requires": list(rule.requires),
        "source": rule.source,
        "note": {"en": rule.note.en, "ja": rule.note.ja} if rule.note else None,
        "fields": [field_info(ruleset.fields[p]) for p in paths if p in ruleset.fields],
        "parameters": [
            parameter_row(ruleset.parameter_info[name], ruleset.rules)
            | {"history": parameter_history(ruleset, name)}
            for name in rule.parameters
            if name in ruleset.parameter_info
        ],
        "examples": [
            {"status": e.status, "values": e.values, "setting": e.setting, "text": e.text()}
            for e in examples(rule, ruleset)
        ],
        "defined_in": rule.origin,
    }
    return out


def revisions_back(ruleset: Ruleset) -> list[Ruleset]:
    """The rule set and the revisions it is based on, newest first."""
    chain = [ruleset]
    while chain[-1].base is not None and len(chain) < 64:
        here = Path(chain[-1].folder)
        folder = find_revision(chain[-1].base or "", near=here, ident=ruleset.id)
        if folder is None:
            break
        try:
            chain.append(load(folder))
        except RulesetError:
            break
    return chain


def parameter_history(ruleset: Ruleset, name: str) -> list[dict[str, str]]:
    """A parameter's values by the date each took effect, oldest first (as OpenFisca keeps
    a parameter's history): one entry per revision that changed it."""
    out: list[dict[str, str]] = []
    for rs in reversed(revisions_back(ruleset)):
        p = rs.parameter_info.get(name)
        shown = p.shown if p is not None else "(none)"
        if not out or out[-1]["value"] != shown:
            out.append(
                {"from": rs.effective_from.isoformat(), "version": rs.version, "value": shown}
            )
    return out


SEVERITY_TEXT = {
    "required": "required (a value not stated is reported missing)",
    "advisory": "advisory (checked only when the value is stated)",
}


def explain_text(info: dict[str, Any]) -> str:
    rs = info["ruleset"]
    lines = [
        f"{info['rule']}  ({rs['id']} {rs['version']})",
        f"  {info['title']['en']}",
        f"  {info['title']['ja']}",
        "",
    ]
    track = info["track"]
    if info["track_title"]:
        tt = info["track_title"]
        track = f"{track} — {tt['en']} / {tt['ja']}"
    elif track == "*":
        track = "* (every track)"
    rows = [
        ("track", track),
        ("test", info["test"]),
        ("threshold", info["threshold"]),
        ("comparison", info["comparison"]),
    ]
    for i, b in enumerate(info["branches"], 1):
        rows.append(
            (f"  or ({i})", f"{b['comparison']}  — {b['title']['en']} / {b['title']['ja']}")
        )
    rows += [
        ("applies", info["applies"]),
        ("severity", SEVERITY_TEXT.get(info["severity"], info["severity"])),
        ("on fail", info["on_fail"]),
    ]
    if info["requires"]:
        rows.append(("requires", ", ".join(info["requires"]) + _REQUIRES_TEXT))
    rows += [("source", info["source"])]
    if info["note"]:
        rows += [("note (en)", info["note"]["en"]), ("note (ja)", info["note"]["ja"])]
    rows.append(("defined in", info["defined_in"]))
    width = max(len(k) for k, _ in rows) + 1
    lines += [f"{(k + ':').ljust(width)} {v}" for k, v in rows]
    lines += ["", "fields:"]
    for f in info["fields"]:
        lines.append(f"  {f['field']}  ({f['key']})")
        lines.append(f"    {f['label']['en']} / {f['label']['ja']}")
        lines.append(f"    accepts: {f['accepts']}")
    if info["parameters"]:
        lines += ["", "parameters:"]
        for p in info["parameters"]:
            lines += parameter_lines(p)
            if len(p["history"]) > 1:
                steps = "; ".join(
                    f"{h['from']} ({h['version']}): {h['value']}" for h in p["history"]
                )
                lines.append(f"      history: {steps}")
    if info["examples"]:
        lines += ["", "examples:"]
        lines += [f"  {e['text']}" for e in info["examples"]]
    return "\n".join(lines) + "\n"
