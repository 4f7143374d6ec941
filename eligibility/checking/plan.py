"""Checking one plan: its id and track, every rule of its track, and the keys no rule read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from eligibility.application.applicant import too_long
from eligibility.checking.fields import PlanFields, invisible_finding, key_text, read_fields
from eligibility.checking.plausibility import implausible
from eligibility.checking.result import Finding, PlanResult, verdict_of
from eligibility.checking.rules import evaluate
from eligibility.messages import checking as say
from eligibility.ruleset.model import Rule, Ruleset, Track
from eligibility.suggest import did_you_mean
from eligibility.text import Text, as_written, fold_key, invisible_characters
from eligibility.verdicts import STATUS_TEXT

# --- whole documents ----------------------------------------------------------------------


def check_plan(plan: Any, index: int, ruleset: Ruleset, seen_ids: set[str]) -> PlanResult:
    findings: list[Finding] = []
    if not isinstance(plan, dict):
        f = Finding(
            "plan.invalid",
            "invalid",
            say.NOT_A_TABLE_PLAN.format(number=index + 1, kind=_kind(plan)),
            given=as_written(plan),
        )
        return PlanResult(f"#{index + 1}", None, None, "incomplete", (f,))
    plan_id, id_findings = _plan_id(plan.get("id"), index, seen_ids)
    findings.extend(id_findings)
    title = plan.get("title") if isinstance(plan.get("title"), str) else None
    if title is not None and (long := too_long(title)) is not None:
        findings.append(
            Finding(
                "plan.title",
                "invalid",
                say.TITLE_PROBLEM.format(reason=long),
                field="title",
                given=as_written(title),
            )
        )
        title = as_written(title)
    track_id = plan.get("track")
    track = _track(ruleset, track_id)
    if isinstance(track_id, str) and invisible_characters(track_id):
        findings.append(invisible_finding("plan.track", "track", track_id))
    if track is None:
        names = list(ruleset.tracks)
        if track_id is None:
            findings.append(
                Finding(
                    "plan.track",
                    "missing",
                    say.TRACK_MISSING.format(names=", ".join(names)),
                    field="track",
                )
            )
        else:
            hint = did_you_mean(as_written(track_id), names, cutoff=0.5)
            findings.append(
                Finding(
                    "plan.track",
                    "invalid",
                    say.TRACK_UNKNOWN.format(given=as_written(track_id), names=", ".join(names))
                    + hint,
                    field="track",
                    given=as_written(track_id),
                )
            )
        fields, unknown = read_fields(plan, ruleset, None)
        findings.extend(unknown)
        findings.extend(_unused_problems(fields, set()))
        return PlanResult(
            plan_id,
            as_written(track_id) if track_id is not None else None,
            title,
            verdict_of(findings),
            tuple(findings),
        )
    fields, unknown = read_fields(plan, ruleset, track)
    used: set[str] = set()
    rules = ruleset.rules_for(track.id)
    judged = _judge(track.id, fields, ruleset)
    reported: dict[str, str] = {}  # an unusable field -> the rule whose finding gives why
    for rule in rules:
        finding = judged[rule.id]
        if finding is None:
            continue
        used.update(rule.fields)
        findings.append(_once(finding, rule, fields, reported))
    findings.extend(implausible(fields, ruleset))
    findings.extend(unknown)
    findings.extend(_unused_problems(fields, used))
    return PlanResult(plan_id, track.id, title, verdict_of(findings), tuple(findings))


def _judge(track: str, fields: PlanFields, ruleset: Ruleset) -> dict[str, Finding | None]:
    """Every rule's finding. A rule that ``requires`` another is judged only when that one
    passes: figures whose conditions are not known to hold cannot show the criterion, so they
    neither pass nor fail. The finding shows the figure and refers to the check that did not
    pass, with the status that check gives the plan (:func:`_unjudged`): a temperature not
    stated leaves the figure ``missing`` its condition, one outside the range makes it
    ``invalid``, one a reviewer must judge sends it to ``review``."""
    by_id = ruleset.rules_by_id_for(track)
    out: dict[str, Finding | None] = {}
    for rule in ruleset.rules_for(track):
        _run(rule, 0, fields, ruleset, by_id, out)
    return out


def _run(
    rule: Rule,
    depth: int,
    fields: PlanFields,
    ruleset: Ruleset,
    by_id: Mapping[str, Rule],
    out: dict[str, Finding | None],
) -> Finding | None:
    """``rule``'s finding, judged once per plan into ``out``, after the rules it requires.
    A function of its own, not a closure that calls itself: such a closure is a reference
    cycle (the function holds the cell that holds it), which kept every plan's fields and
    findings alive until the garbage collector came by, so a worker's memory grew with the
    files it had checked."""
    if rule.id in out:
        return out[rule.id]
    finding = evaluate(rule, fields, ruleset)
    if (
        rule.requires
        and finding is not None
        and finding.status in ("pass", "fail", "review")
        and depth < 16
    ):
        for rid in rule.requires:
            other = by_id.get(rid)
            if other is None:
                continue
            before = _run(other, depth + 1, fields, ruleset, by_id, out)
            if before is None or before.status == "pass":
                continue
            finding = _unjudged(finding, rule, other, before)
            break
    out[rule.id] = finding
    return finding


def _unjudged(finding: Finding, rule: Rule, required: Rule, because: Finding) -> Finding:
    """The finding of a rule whose required check did not pass: its figure is shown, but not
    compared (a pass or fail sentence beside "cannot be judged" would contradict itself).

    Its status follows the required check's: ``missing`` when that one is missing (state the
    condition and the figure is judged), ``review`` when a reviewer judges that one, else
    ``invalid`` (the figure cannot show the criterion, as POLICY.md says of figures measured
    outside room temperature)."""
    if because.status in ("missing", "review"):
        status = because.status
        template = say.UNJUDGED_MISSING if status == "missing" else say.UNJUDGED_REVIEW
    else:
        status, template = "invalid", say.UNJUDGED
    shown = f" {finding.given}:" if finding.given else ""
    return replace(
        finding,
        status=status,
        message=rule.title
        + template.format(
            shown=shown,
            required=Text(required.title.en.rstrip("."), required.title.ja.rstrip("。")),
            status=STATUS_TEXT[because.status],
            rule=required.id,
        ),
        margin=None,
        needed=None,
    )


def _once(finding: Finding, rule: Rule, fields: PlanFields, reported: dict[str, str]) -> Finding:
    """An unusable field is explained by the first finding that reads it; the other checks
    reading it refer to that finding instead of repeating the reason."""
    path = finding.field
    v = fields.get(path) if path is not None else None
    if finding.status != "invalid" or path is None or v is None or v.problem is None:
        return finding
    first = reported.setdefault(path, finding.rule)
    if first == finding.rule:
        return finding
    return replace(
        finding, message=rule.title + say.REFERS_TO_FIRST.format(key=key_text(path), first=first)
    )


def _unused_problems(fields: PlanFields, used: set[str]) -> list[Finding]:
    """Unreadable fields that no check reported: they must not pass unseen."""
    out: list[Finding] = []
    for path, v in fields.values.items():
        if v.problem is not None and path not in used:
            out.append(
                Finding(
                    "plan.field",
                    "invalid",
                    say.FIELD_PROBLEM.format(key=key_text(path), reason=v.problem),
                    field=path,
                    given=v.given,
                )
            )
    return out


def _plan_id(raw_id: Any, index: int, seen_ids: set[str]) -> tuple[str, list[Finding]]:
    """The plan's id as written (or its place, ``#2``) and the problems with it. Ids are
    compared after :func:`~eligibility.text.fold_key`: ``p1``, ``p1 `` and ``ｐ1`` are one id."""
    if raw_id is None or (isinstance(raw_id, str) and not fold_key(raw_id)):
        missing = Finding(
            "plan.id",
            "missing",
            say.ID_MISSING,
            field="id",
        )
        return f"#{index + 1}", [missing]
    if not isinstance(raw_id, str):
        not_text = Finding(
            "plan.id",
            "invalid",
            say.ID_NOT_TEXT,
            field="id",
            given=as_written(raw_id),
        )
        return f"#{index + 1}", [not_text]
    if (long := too_long(raw_id)) is not None:  # a megabyte id is not folded or repeated
        shown = as_written(raw_id)
        too_long_id = Finding(
            "plan.id",
            "invalid",
            say.ID_PROBLEM.format(reason=long),
            field="id",
            given=shown,
        )
        return shown, [too_long_id]
    findings: list[Finding] = []
    if invisible_characters(raw_id):
        findings.append(invisible_finding("plan.id", "id", raw_id))
    key = fold_key(raw_id)
    if key in seen_ids:
        findings.append(
            Finding(
                "plan.duplicate_id",
                "invalid",
                say.ID_DUPLICATE.format(given=as_written(raw_id)),
                field="id",
                given=as_written(raw_id),
            )
        )
    seen_ids.add(key)
    return raw_id, findings


def _track(ruleset: Ruleset, track_id: Any) -> Track | None:
    """The track a plan names, compared after the one normalisation of ids."""
    if not isinstance(track_id, str):
        return None
    found = ruleset.tracks.get(track_id)
    if found is None:
        key = fold_key(track_id)
        found = next((t for t in ruleset.tracks.values() if fold_key(t.id) == key), None)
    return found


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "not a table" if value is not None else "null"
