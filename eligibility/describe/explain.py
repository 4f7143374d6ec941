"""One rule explained in full: its threshold, source, note and worked examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eligibility.checking.plausibility import RULE_PREFIX
from eligibility.describe.examples import examples
from eligibility.describe.listing import parameter_lines, parameter_row
from eligibility.errors import RulesetError, UnknownRuleError
from eligibility.messages import describe as say
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
    plausible = spec.plausible
    return {
        "field": spec.path,
        "key": _block_key(spec.path),
        "type": spec.type,
        "label": {"en": spec.label.en, "ja": spec.label.ja},
        "accepts": spec.accepts,
        "plausible": (
            {"range": plausible.text, "parameter": plausible.parameter} if plausible else None
        ),
    }


def _plausibility_rule(ruleset: Ruleset, rule_id: str) -> dict[str, Any] | None:
    """``plan.plausible.FIELD``, the rule of a plausibility finding, explained as a rule is."""
    path = rule_id.removeprefix(RULE_PREFIX)
    spec = ruleset.fields.get(path) if rule_id.startswith(RULE_PREFIX) else None
    if spec is None or spec.plausible is None:
        return None
    p = ruleset.parameter_info.get(spec.plausible.parameter)
    return {
        "rule": rule_id,
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "folder": ruleset.folder},
        "title": {
            "en": say.PLAUSIBLE_TITLE.en.format(label=spec.label.en, range=spec.plausible.text),
            "ja": say.PLAUSIBLE_TITLE.ja.format(label=spec.label.ja, range=spec.plausible.text),
        },
        "track": "*",
        "track_title": None,
        "test": "plausible",
        "threshold": spec.plausible.text,
        "comparison": f"within {spec.plausible.text} (both ends included)",
        "branches": [],
        "applies": f"when {path} is stated",
        "severity": "advisory",
        "on_fail": "review",
        "source": p.reference if p is not None and p.reference else "",
        "note": {"en": p.description.en, "ja": p.description.ja}
        if p is not None and p.description
        else None,
        "fields": [field_info(spec)],
        "parameters": [
            parameter_row(p, ruleset.rules, ruleset.fields)
            | {"history": parameter_history(ruleset, p.name)}
        ]
        if p is not None
        else [],
        "examples": [],
        "defined_in": p.origin if p is not None else "",
    }


def explain(ruleset: Ruleset, rule_id: str) -> dict[str, Any]:
    """Everything about one rule a reviewer needs to defend a finding it made."""
    plausibility = _plausibility_rule(ruleset, rule_id)
    if plausibility is not None:
        return plausibility
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
            parameter_row(ruleset.parameter_info[name], ruleset.rules, ruleset.fields)
            | {"history": parameter_history(ruleset, name)}
            for name in _parameters(rule, paths, ruleset)
            if name in ruleset.parameter_info
        ],
        "examples": [
            {"status": e.status, "values": e.values, "setting": e.setting, "text": e.text()}
            for e in examples(rule, ruleset)
        ],
        "defined_in": rule.origin,
    }
    return out


def _parameters(rule: Rule, paths: list[str], ruleset: Ruleset) -> list[str]:
    """The parameters a rule uses, then those of its fields' plausible ranges."""
    names = list(rule.parameters)
    for path in paths:
        spec = ruleset.fields.get(path)
        if spec is not None and spec.plausible is not None:
            names.append(spec.plausible.parameter)
    return list(dict.fromkeys(names))


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
        if f.get("plausible"):
            lines.append(
                f"    plausible: {f['plausible']['range']} (parameter "
                f"{f['plausible']['parameter']}; outside it, a reviewer checks the value)"
            )
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
