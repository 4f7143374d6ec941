"""Rule sets described for people: the listing reviewers cite, one rule explained in full, a
blank application for a track, a JSON Schema of the application file, and the lint policy
staff run on a rule set folder.

Everything here is derived from a loaded :class:`~eligibility.ruleset.Ruleset`, so a new track
or threshold in ``rules/`` shows up in every description without new code. Nothing here knows
the terminal: each function returns text or plain data for the CLI to print.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from eligibility import api
from eligibility.errors import EligibilityError, RulesetError
from eligibility.quantity import Quantity, parse_quantity, round_toward
from eligibility.ruleset import (
    OP_SYMBOL,
    FieldSpec,
    Rule,
    Ruleset,
    Test,
    Track,
    fold_name,
    load_ruleset,
)
from eligibility.text import Text

SCHEMA_FILE = "eligibility.schema.json"
SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
PLAN_KEYS = ("id", "track", "title")
APPLICANT_FIELDS: dict[str, tuple[Text, dict[str, Any]]] = {
    "name": (Text("applicant name", "申請者名"), {"type": "string"}),
    "corporate_number": (
        Text("corporate number, 13 digits", "法人番号（13桁）"),
        {"type": "string"},
    ),
    "submitted": (
        Text("date of submission", "提出日"),
        {"type": "string", "format": "date"},
    ),
}
REQUIRED = Text("required", "必須")
OPTIONAL = Text("optional: delete the line if not stated", "任意：記入しない場合は行を削除")
STATUS_VERB = {
    "pass": "passes",
    "fail": "fails",
    "review": "goes to review",
    "invalid": "is invalid",
    "missing": "is missing",
}


class UnknownRuleError(EligibilityError):
    """A rule ID that the rule set does not have."""


class UnknownTrackError(EligibilityError):
    """A track that the rule set does not have."""


# --- the listing ----------------------------------------------------------------------------


def threshold_display(rule: Rule) -> str:
    """What a rule compares against, with its unit: ``Rule.threshold_text`` or a summary of
    the tests it has none for (``any``, ``all_true``, ``flag``)."""
    text = rule.threshold_text()
    if text:
        return text
    if rule.test == "any":
        return " or ".join(_test_threshold(b) for b in rule.branches)
    if rule.test == "all_true":
        return "all true"
    if rule.test == "flag":
        return "review"
    return ""


def _test_threshold(test: Test) -> str:
    if test.op is None:
        return ""
    if test.threshold is not None:
        return f"{OP_SYMBOL[test.op]} {test.threshold.text}"
    if test.threshold_expr is not None:
        return f"{OP_SYMBOL[test.op]} {test.threshold_expr.text}"
    return f"{OP_SYMBOL[test.op]} limit of the material"


def rule_row(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "track": rule.track,
        "threshold": threshold_display(rule),
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


# --- lint -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintResult:
    ok: bool
    lines: tuple[str, ...]


def lint(folder: str | os.PathLike[str]) -> LintResult:
    """Load the rule set in ``folder`` (or every rule set under it) and say what is wrong:
    ``ok: <id> <version>, N rules`` per rule set, or each problem, naming file and key."""
    base = Path(folder)
    try:
        folders = api.ruleset_folders(base)
    except RulesetError as exc:
        return LintResult(False, tuple(exc.problems))
    if not folders:
        folders = [base]  # not a rule set: load it to say why
    lines: list[str] = []
    ok = True
    for f in folders:
        try:
            rs = load_ruleset(f)
        except RulesetError as exc:
            ok = False
            lines.extend(exc.problems)
            continue
        lines.append(f"ok: {rs.id} {rs.version}, {len(rs.rules)} rules")
    return LintResult(ok, tuple(lines))


# --- examples: values just passing and just failing a rule ------------------------------------

Raw = str | bool


@dataclass(frozen=True)
class Example:
    """Field values (as an applicant writes them) and the status the rule gives them.

    ``setting`` holds the other fields a plan states so that the rule applies at all (the
    ``when`` field, the material whose limit is used, the fields of a computed threshold).
    """

    status: str
    values: dict[str, Raw]
    setting: dict[str, Raw] = field(default_factory=dict)
    named: bool = False  # show field names even for one value

    def text(self) -> str:
        vals = list(self.values.values())
        if len(vals) == 1 and not self.named:
            shown = _raw_text(vals[0])
        elif len(vals) > 1 and all(v == vals[0] for v in vals):
            keys = ", ".join(_key(p) for p in self.values)
            shown = f"{_raw_text(vals[0])} ({keys})"
        else:
            shown = ", ".join(f"{_key(p)} = {_raw_text(v)}" for p, v in self.values.items())
        context = ""
        if self.setting:
            context = " with " + ", ".join(
                f"{_key(p)} = {_raw_text(v)}" for p, v in self.setting.items()
            )
        if not shown:
            return f"a plan{context} {STATUS_VERB[self.status]}"
        return f"{shown}{context} {STATUS_VERB[self.status]}"


def _raw_text(v: Raw) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def _key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _decimal(value: Fraction, max_places: int = 9) -> tuple[str, int] | None:
    """``value`` as an exact decimal and its number of decimal places, if it has one."""
    for places in range(max_places + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            n = abs(scaled.numerator)
            whole, frac = divmod(n, 10**places)
            sign = "-" if value < 0 else ""
            text = f"{sign}{whole}" + (f".{str(frac).rjust(places, '0')}" if places else "")
            return text, places
    return None


def _number(value: Fraction) -> str:
    exact = _decimal(value)
    if exact is not None:
        return exact[0]
    rounded = _decimal(round_toward(value, 12, up=True), 30)
    assert rounded is not None  # a value rounded to 12 significant digits
    return rounded[0]


def _boundary(limit: Fraction, op: str) -> tuple[Fraction, Fraction]:
    """A passing and a failing value next to ``limit``: the threshold itself and one step
    beyond it in the digit after its last, or 4 significant digits either side when the
    threshold is not a short decimal (a limit computed with μ0)."""
    exact = _decimal(limit, 6)
    up = op in (">=", ">")
    if exact is None:
        return round_toward(limit, 4, up=up), round_toward(limit, 4, up=not up)
    step = Fraction(1, 10 ** (exact[1] + 1))
    if op == ">=":
        return limit, limit - step
    if op == ">":
        return limit + step, limit
    if op == "<=":
        return limit, limit + step
    return limit - step, limit


def _sample(spec: FieldSpec, ruleset: Ruleset) -> Raw:
    """Some valid value of a field, for fields an example needs but does not vary."""
    if spec.kind is not None:
        return f"1 {spec.kind.unit_source}"
    if spec.type == "bool":
        return True
    if spec.type == "date":
        return "2028-04-01"
    if spec.type == "choice":
        return next(iter(dict.fromkeys(spec.choices.values())))
    if spec.type == "material":
        return next(iter(dict.fromkeys(ruleset.materials.values())), "NdFeB")
    return "text"


def _when_setting(rule: Rule, ruleset: Ruleset) -> dict[str, Raw]:
    if rule.when_field is None:
        return {}
    if rule.when_in:
        return {rule.when_field: rule.when_in[0]}
    if rule.when_present and rule.when_field in ruleset.fields:
        return {rule.when_field: _sample(ruleset.fields[rule.when_field], ruleset)}
    return {}


def _test_examples(
    test: Test, ruleset: Ruleset, setting: dict[str, Raw]
) -> tuple[dict[str, Raw], dict[str, Raw] | None] | None:
    """Passing and failing values for one compare test (``setting`` may gain entries)."""
    if test.op is None:
        return None
    paths = list(test.each)
    if not paths:
        plain = next((v for v in test.values if v.is_field), None)
        if plain is None:
            return None
        paths = [plain.text]
    spec = ruleset.fields[paths[0]]
    if test.threshold is not None and test.threshold.date is not None:
        day = dt.timedelta(days=1)
        deadline = test.threshold.date
        moves = {">=": (deadline, deadline - day), ">": (deadline + day, deadline)}
        moves |= {"<=": (deadline, deadline + day), "<": (deadline - day, deadline)}
        good_d, bad_d = moves[test.op]
        return (
            {p: good_d.isoformat() for p in paths},
            {p: bad_d.isoformat() for p in paths},
        )
    if test.display_unit is None:
        return None
    unit = parse_quantity("1 " + test.display_unit).unit
    limit_q: Quantity | None
    if test.threshold is not None and test.threshold.quantity is not None:
        limit_q = test.threshold.quantity
    elif test.by_material is not None:
        material_field, table = test.by_material
        if not table:
            return None
        key = next(iter(table))
        setting[material_field] = ruleset.materials.get(key, key)
        material_limit = table[key].quantity
        limit_q = material_limit
    elif test.threshold_expr is not None:
        for f in test.threshold_expr.fields:
            if f not in setting:
                setting[f] = _sample(ruleset.fields[f], ruleset)
        limit_q = test.threshold_expr.evaluate(lambda p: parse_quantity(str(setting[p])))
    else:
        return None
    if limit_q is None:
        return None
    limit = limit_q.to(unit)
    good, bad = _boundary(limit, test.op)
    good_text = f"{_number(good)} {test.display_unit}"
    bad_text = f"{_number(bad)} {test.display_unit}"
    nonnegative = spec.kind is not None and spec.kind.nonnegative
    return (
        {p: good_text for p in paths},
        None if nonnegative and bad < 0 else {p: bad_text for p in paths},
    )


def examples(rule: Rule, ruleset: Ruleset) -> list[Example]:
    """A passing and a failing example for ``rule``, derived from its threshold."""
    named = len(rule.fields) > 1
    return [Example(e.status, e.values, e.setting, named=named) for e in _examples(rule, ruleset)]


def _examples(rule: Rule, ruleset: Ruleset) -> list[Example]:
    setting = _when_setting(rule, ruleset)
    if rule.test == "flag":
        return [Example(rule.on_fail, {}, setting)]
    if rule.test == "member":
        path = rule.main.values[0].text
        other = next(
            (m for m in dict.fromkeys(ruleset.materials.values()) if m not in rule.members),
            "ferrite",
        )
        return [
            Example("pass", {path: rule.members[0]}, setting),
            Example(rule.on_fail, {path: other}, setting),
        ]
    if rule.test == "all_true":
        each = list(rule.main.each)
        return [
            Example("pass", dict.fromkeys(each, True), setting),
            Example(rule.on_fail, {p: i != 0 for i, p in enumerate(each)}, setting),
        ]
    if rule.test == "range":
        assert rule.minimum and rule.maximum
        lo_q, hi_q = rule.minimum.quantity, rule.maximum.quantity
        if lo_q is None or hi_q is None:
            return []
        path = rule.main.values[0].text
        unit_text = rule.minimum.unit_source or lo_q.unit_text
        lo = lo_q.magnitude
        hi = hi_q.to(lo_q.unit)
        _, below = _boundary(lo, ">=")
        _, above = _boundary(hi, "<=")
        return [
            Example("pass", {path: f"{_number(lo)} {unit_text}"}, setting),
            Example(rule.on_fail, {path: f"{_number(below)} {unit_text}"}, setting),
            Example(rule.on_fail, {path: f"{_number(above)} {unit_text}"}, setting),
        ]
    if rule.test == "any":
        found = [_test_examples(b, ruleset, setting) for b in rule.branches]
        if not found or any(f is None for f in found):
            return []
        branches = [f for f in found if f is not None]
        out = [Example("pass", branches[0][0], dict(setting))]
        if all(bad is not None for _, bad in branches):
            failing: dict[str, Raw] = {}
            for _, bad in branches:
                failing |= bad or {}
            out.append(Example(rule.on_fail, failing, dict(setting)))
        return out
    pair = _test_examples(rule.main, ruleset, setting)
    if pair is None:
        return []
    good, bad = pair
    out = [Example("pass", good, setting)]
    if bad is not None:
        out.append(Example(rule.on_fail, bad, setting))
    return out


def example_track(rule: Rule, ruleset: Ruleset, example: Example) -> Track:
    """The track a plan showing ``example`` is filed under (the first that allows its fields,
    for a check of every track)."""
    if rule.track != "*":
        return ruleset.tracks[rule.track]
    paths = [*example.values, *example.setting]
    return next(t for t in ruleset.tracks.values() if all(t.allows(p) for p in paths))


def example_application(rule: Rule, ruleset: Ruleset, example: Example) -> dict[str, Any]:
    """An application document with one plan stating ``example`` (for checking it)."""
    track = example_track(rule, ruleset, example)
    plan: dict[str, Any] = {"id": "example", "track": track.id}
    for path, value in {**example.setting, **example.values}.items():
        block, _, key = path.rpartition(".")
        (plan.setdefault(block, {}) if block else plan)[key] = value
    return {"applicant": {"name": "Example K.K."}, "plans": [plan]}


# --- explain ----------------------------------------------------------------------------------


def find_rule(ruleset: Ruleset, rule_id: str) -> Rule:
    rule = ruleset.rule(rule_id)
    if rule is not None:
        return rule
    ids = [r.id for r in ruleset.rules]
    close = difflib.get_close_matches(rule_id, ids, n=1, cutoff=0.5)
    if not close:
        close = [i for i in ids if rule_id.casefold() in i.casefold()][:1]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownRuleError(
        f"{ruleset.path}: no rule '{rule_id}' in {ruleset.id} {ruleset.version}{hint} "
        "(`eligibility rules` lists them)"
    )


def _comparison(test: Test, rule: Rule | None = None) -> str:
    if rule is not None and rule.test == "range" and rule.minimum and rule.maximum:
        return f"{rule.minimum.text} ≤ {rule.main.values[0].text} ≤ {rule.maximum.text}"
    if rule is not None and rule.test == "member":
        return f"{rule.main.values[0].text} is one of: {', '.join(rule.members)}"
    if rule is not None and rule.test == "all_true":
        return f"{', '.join(rule.main.each)}: all true"
    if rule is not None and rule.test == "flag":
        return "nothing is compared: every plan it applies to goes to review"
    if rule is not None and rule.test == "any":
        return "any one of the following"
    if test.each:
        subject = "each of " + ", ".join(test.each)
    else:
        subject = ", or ".join(v.text for v in test.values)
    if test.op is None:
        return subject
    if test.threshold is not None:
        target = test.threshold.text
    elif test.threshold_expr is not None:
        target = f"{test.threshold_expr.text} (in {test.display_unit})"
    elif test.by_material is not None:
        material, table = test.by_material
        target = (
            f"the limit for {material} ("
            + ", ".join(f"{k}: {t.text}" for k, t in table.items())
            + ")"
        )
    else:
        target = "?"
    return f"{subject} {OP_SYMBOL[test.op]} {target}"


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
        "ruleset": {"id": ruleset.id, "version": ruleset.version},
        "title": {"en": rule.title.en, "ja": rule.title.ja},
        "track": rule.track,
        "track_title": {"en": track.title.en, "ja": track.title.ja} if track else None,
        "test": rule.test,
        "threshold": threshold_display(rule),
        "comparison": _comparison(rule.main, rule),
        "branches": [
            {"title": {"en": b.title.en, "ja": b.title.ja}, "comparison": _comparison(b)}
            for b in rule.branches
        ],
        "applies": _applies_text(rule),
        "severity": rule.severity,
        "on_fail": rule.on_fail,
        "source": rule.source,
        "note": {"en": rule.note.en, "ja": rule.note.ja} if rule.note else None,
        "fields": [field_info(ruleset.fields[p]) for p in paths if p in ruleset.fields],
        "examples": [
            {"status": e.status, "values": e.values, "setting": e.setting, "text": e.text()}
            for e in examples(rule, ruleset)
        ],
        "defined_in": rule.origin,
    }
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
        ("source", info["source"]),
    ]
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
    if info["examples"]:
        lines += ["", "examples:"]
        lines += [f"  {e['text']}" for e in info["examples"]]
    return "\n".join(lines) + "\n"


# --- what a track needs -----------------------------------------------------------------------


def field_needs(ruleset: Ruleset, track: Track) -> dict[str, Text]:
    """For each field the track reads: required, required under a condition, one of some
    alternatives, or optional — derived from the track's rules."""
    required: set[str] = set()
    conditional: dict[str, Text] = {}
    alternatives: dict[str, Text] = {}
    for rule in ruleset.rules_for(track.id):
        if rule.test == "flag":
            continue
        groups: list[list[str]] = []
        tests = list(rule.branches) if rule.test == "any" else [rule.main]
        for t in tests:
            if t.each:
                groups.append(list(t.each))
            groups.extend(list(v.fields) for v in t.values)
        groups = [g for g in groups if all(track.allows(p) for p in g)]
        if not groups:
            continue
        if rule.when_field is not None:
            if not rule.when_in:
                continue  # checked only when something else is stated: optional
            cond = Text(
                f"required when {rule.when_field} is {' or '.join(rule.when_in)}",
                f"{rule.when_field} が {' / '.join(rule.when_in)} のとき必須",
            )
            for g in groups:
                for p in g:
                    conditional.setdefault(p, cond)
            continue
        if rule.severity != "required":
            continue
        if len(groups) == 1:
            required.update(groups[0])
            continue
        en = [" and ".join(_key(p) for p in g) for g in groups]
        ja = ["と".join(_key(p) for p in g) for g in groups]
        alt = Text(
            "give one of: " + ", or ".join(en) + " (delete the lines you do not use)",
            "いずれかを記入：" + "、又は".join(ja) + "（使わない行は削除）",
        )
        for g in groups:
            for p in g:
                alternatives.setdefault(p, alt)
    out: dict[str, Text] = {}
    for path in track_fields(ruleset, track):
        spec = ruleset.fields[path]
        if path in required:
            out[path] = REQUIRED
        elif path in alternatives:
            out[path] = alternatives[path]
        elif path in conditional:
            out[path] = conditional[path]
        elif spec.default is not None:
            out[path] = Text(f"optional, default {spec.default}", f"任意、既定値 {spec.default}")
        else:
            out[path] = OPTIONAL
    return out


def track_fields(ruleset: Ruleset, track: Track) -> list[str]:
    """Every field path a track reads, "magnet.*" expanded, in the rule set's order."""
    return [p for p in ruleset.fields if track.allows(p)]


def find_track(ruleset: Ruleset, track_id: str) -> Track:
    track = ruleset.tracks.get(track_id)
    if track is not None:
        return track
    names = list(ruleset.tracks)
    close = difflib.get_close_matches(track_id, names, n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UnknownTrackError(
        f"{ruleset.path}: unknown track '{track_id}'{hint}; the tracks are: {', '.join(names)}"
    )


# --- template ---------------------------------------------------------------------------------


def _accepts_comment(spec: FieldSpec) -> str:
    if spec.kind is not None:
        return f"# 単位 / units: {spec.accepts}"
    if spec.type == "bool":
        return "# 値 / values: true, false（引用符なし / without quotes）"
    if spec.type == "date":
        return "# 日付 / date: 2028-04-01（引用符なし / without quotes）"
    if spec.type == "choice":
        return f"# 値 / values: {spec.accepts}"
    return ""


def _comment(label: Text, need: Text | None) -> str:
    if need is None:
        return f"# {label.ja} / {label.en}"
    return f"# {label.ja} / {label.en} — {need.ja} / {need.en}"


def _placeholder(spec: FieldSpec) -> str:
    if spec.type == "choice" and spec.default is not None:
        return json.dumps(spec.default, ensure_ascii=False)
    return '""'


def template(ruleset: Ruleset, track_id: str) -> str:
    """A blank application for one track: every field it reads, each with its label and
    accepted units or values in Japanese and English. Every value is left empty, so
    ``eligibility check`` lists each one still to fill in."""
    track = find_track(ruleset, track_id)
    needs = field_needs(ruleset, track)
    lines = [
        SCHEMA_LINE,
        f"# 申請書のひな形：{track.id}（{track.title.ja}）",
        f"# Application template: {track.id} ({track.title.en})",
        f"# 規則セット / rule set: {ruleset.id} {ruleset.version}",
        '# 空欄（""）をすべて記入し、eligibility check で確認してください。',
        '# Fill in every "" and check the file with: eligibility check application.toml',
        "",
        "[applicant]",
    ]
    for key, need in (("name", REQUIRED), ("corporate_number", OPTIONAL)):
        label = APPLICANT_FIELDS[key][0]
        lines += [_comment(label, need), f'{key} = ""']
    lines += [
        "",
        "[[plans]]",
        _comment(
            Text(
                "plan id, unique in the file (e.g. line-3)",
                "計画の ID（ファイル内で一意、例：line-3）",
            ),
            REQUIRED,
        ),
        'id = ""',
        f"# 区分 / track: {track.title.ja} / {track.title.en}",
        f"track = {json.dumps(track.id)}",
        _comment(Text("title", "件名"), OPTIONAL),
        'title = ""',
    ]
    blocks: dict[str, list[str]] = {}
    for path in track_fields(ruleset, track):
        blocks.setdefault(path.rpartition(".")[0], []).append(path)
    for block, members in blocks.items():
        block_need = None
        if block:
            lines += ["", f"[plans.{block}]"]
            shared = {needs[p] for p in members}
            if len(shared) == 1 and (need := shared.pop()).en.startswith("required when"):
                block_need = need
                lines.append(
                    f"# {need.ja}。それ以外はこの表を削除 / {need.en}; delete this table otherwise"
                )
        for path in members:
            spec = ruleset.fields[path]
            need = needs[path]
            lines.append(_comment(spec.label, None if need == block_need else need))
            accepts = _accepts_comment(spec)
            if accepts:
                lines.append(accepts)
            lines.append(f"{_key(path)} = {_placeholder(spec)}")
    return "\n".join(lines) + "\n"


# --- JSON Schema ------------------------------------------------------------------------------


def _field_schema(spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
    label = f"{spec.label.en} / {spec.label.ja}"
    out: dict[str, Any]
    if spec.type == "bool":
        out = {"type": "boolean", "description": f"{label}. true or false."}
    elif spec.type == "date":
        out = {"type": "string", "format": "date", "description": f"{label}. A date: 2028-04-01."}
    elif spec.type == "quantity":
        assert spec.kind is not None
        out = {
            "type": "string",
            "description": f"{label}. A number with a unit: {spec.accepts}.",
            "examples": [f"1 {spec.kind.accepts[0]}"],
        }
    elif spec.type == "choice":
        values = list(dict.fromkeys(spec.choices.values()))
        aliases = sorted(set(spec.choices) - {fold_name(v) for v in values})
        extra = f" (also: {', '.join(aliases)})" if aliases else ""
        out = {
            "type": "string",
            "description": f"{label}. One of: {', '.join(values)}{extra}.",
            "examples": values,
        }
        if spec.default is not None:
            out["default"] = spec.default
    elif spec.type == "material":
        names = list(dict.fromkeys(ruleset.materials.values()))
        out = {
            "type": "string",
            "description": f"{label}. {', '.join(names)}, or any other material's name.",
            "examples": names,
        }
    else:
        out = {"type": "string", "description": f"{label}. Text."}
    return out


def schema(ruleset: Ruleset) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the application file, from the rule set's fields and
    tracks. Keys a plan's track does not read are refused for that track."""
    top: dict[str, dict[str, Any]] = {}
    blocks: dict[str, dict[str, dict[str, Any]]] = {}
    for path, spec in ruleset.fields.items():
        block, _, key = path.rpartition(".")
        target = blocks.setdefault(block, {}) if block else top
        target[key] = _field_schema(spec, ruleset)
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


def schema_json(ruleset: Ruleset) -> str:
    return json.dumps(schema(ruleset), ensure_ascii=False, indent=2) + "\n"


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
