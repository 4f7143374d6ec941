"""Checking a batch under a baseline and a reform: each file read once, checked under both
in one worker pass, one row per plan.

The workers are screening's (:func:`eligibility.screening.batch.run_each`), with its limits
on each file and its recovery from a worker that dies, forked with both compiled rule sets
already in memory, so a file costs one read and two checks; results come back in input
order as small rows.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from eligibility.application.reader import read_application
from eligibility.checking.document import check_document
from eligibility.checking.result import Finding, Result, verdict_of
from eligibility.record.session import Recording
from eligibility.ruleset.model import Ruleset
from eligibility.screening import batch as screening
from eligibility.screening.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT
from eligibility.verdicts import BatchVerdict

ERROR = BatchVerdict.ERROR.value
APPLICANT = "(applicant)"


@dataclass(frozen=True)
class FindingChange:
    """A finding whose status differs between the two rule sets."""

    rule: str
    baseline: str  # status, or "none" when the rule gave no finding
    reform: str
    message: str  # the reform's message (the baseline's when the reform has none)


@dataclass(frozen=True)
class Margin:
    """How far a plan is from a watched rule's threshold, under each rule set."""

    rule: str
    baseline: str | None
    reform: str | None

    @property
    def distance(self) -> Fraction | None:
        """The reform's margin as a number, for ordering plans by nearness."""
        return margin_number(self.reform if self.reform is not None else self.baseline)


@dataclass(frozen=True)
class PlanImpact:
    file: str
    baseline: str  # verdict under the baseline
    reform: str
    applicant: str | None = None
    plan: str | None = None
    track: str | None = None
    changes: tuple[FindingChange, ...] = ()
    margins: tuple[Margin, ...] = ()
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.baseline != self.reform


_NUMBER = re.compile(r"^([+−-]?)(\d[\d,]*(?:\.\d+)?)")


def margin_number(margin: str | None) -> Fraction | None:
    """The number a margin starts with ("−50 t/yr", "+1,096 days"), signed."""
    if margin is None:
        return None
    m = _NUMBER.match(margin.strip())
    if m is None:
        return None
    value = Fraction(m.group(2).replace(",", ""))
    return -value if m.group(1) in ("−", "-") else value


def _groups(result: Result) -> list[tuple[str, str | None, str, tuple[Finding, ...]]]:
    groups: list[tuple[str, str | None, str, tuple[Finding, ...]]] = []
    problems = tuple(f for f in result.applicant_findings if f.status != "pass")
    if problems:
        groups.append((APPLICANT, None, verdict_of(problems), problems))
    groups += [(p.id, p.track, p.verdict, p.findings) for p in result.plans]
    return groups


def compare_results(
    path: str, before: Result, after: Result, watched: frozenset[str]
) -> list[PlanImpact]:
    """One row per plan: both verdicts, the findings that differ, margins of watched rules."""
    rows: list[PlanImpact] = []
    after_groups = {g[0]: g for g in _groups(after)}
    for plan, track, verdict, findings in _groups(before):
        other = after_groups.pop(plan, None)
        new_findings = other[3] if other is not None else ()
        old = {f.rule: f for f in findings}
        new = {f.rule: f for f in new_findings}
        changes = []
        for rule in dict.fromkeys([*old, *new]):
            a, b = old.get(rule), new.get(rule)
            sa = a.status if a is not None else "none"
            sb = b.status if b is not None else "none"
            if sa != sb:
                shown = b if b is not None else a
                assert shown is not None
                changes.append(FindingChange(rule, sa, sb, shown.message.en))
        margins = tuple(
            Margin(
                rule,
                old[rule].margin if rule in old else None,
                new[rule].margin if rule in new else None,
            )
            for rule in sorted(watched)
            if rule in old or rule in new
        )
        rows.append(
            PlanImpact(
                file=path,
                baseline=verdict,
                reform=other[2] if other is not None else "none",
                applicant=before.applicant_name,
                plan=plan,
                track=track,
                changes=tuple(changes),
                margins=margins,
            )
        )
    for plan, track, verdict, _ in after_groups.values():  # applicant rows only the reform has
        rows.append(PlanImpact(path, "none", verdict, before.applicant_name, plan, track))
    return rows


# --- one file, and the workers ---------------------------------------------------------------

_PAIR: tuple[Ruleset, Ruleset, frozenset[str], Recording | None] | None = None


def impact_of_file(
    path: str,
    baseline: Ruleset,
    reform: Ruleset,
    watched: frozenset[str] = frozenset(),
    recording: Recording | None = None,
    options: screening.Options | None = None,
) -> list[PlanImpact]:
    """One file read once and checked under both rule sets; with ``recording``, both
    results are kept in the decision record, each noted as the impact run's. Never raises: a
    file over the batch's time or memory limit (``options``, as ``screen`` has them), one
    that cannot be read and one that meets a defect are an error row each."""
    work = functools.partial(_impact, path, baseline, reform, watched, recording)
    return screening.guarded(path, work, functools.partial(_error_row, path), options)


def _impact(
    path: str,
    baseline: Ruleset,
    reform: Ruleset,
    watched: frozenset[str],
    recording: Recording | None,
    opts: screening.Options,
) -> list[PlanImpact]:
    with screening.file_time_limit(opts):
        raw = read_application(path)
        before = check_document(raw.data, baseline, path, sha256=raw.sha256)
        after = check_document(raw.data, reform, path, sha256=raw.sha256)
    if recording is not None:  # after the time limit, as screen records
        for result, side in ((before, "baseline"), (after, "reform")):
            note = f"impact {side} {result.ruleset.version}; {recording.note}".rstrip("; ")
            dataclasses.replace(recording, note=note).add(result)
    return compare_results(path, before, after, watched)


def _error_row(path: str, why: str) -> list[PlanImpact]:
    return [PlanImpact(path, ERROR, ERROR, error=why)]


def _failed(row: screening.Row) -> list[PlanImpact]:
    """A file whose worker died, or whose rows could not come back."""
    return _error_row(row.file, row.error or "")


def _work(path: str) -> list[PlanImpact]:
    assert _PAIR is not None
    baseline, reform, watched, recording = _PAIR
    return impact_of_file(path, baseline, reform, watched, recording)


def _work_chunk(paths: list[str]) -> list[list[PlanImpact]]:
    return [_work(p) for p in paths]


def run(
    files: Sequence[str],
    baseline: Ruleset,
    reform: Ruleset,
    watched: frozenset[str],
    jobs: int | None = None,
    recording: Recording | None = None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_limit: int = DEFAULT_MEMORY_LIMIT,
) -> Iterator[list[PlanImpact]]:
    """Each file's rows in input order, by ``jobs`` worker processes (default: one per
    core), screening's: each file under ``time_limit`` seconds and ``memory_limit`` bytes
    beyond what a worker starts with, and a file whose worker dies is an error row while the
    others carry on. Workers are forked with both rule sets in memory; where there is no
    fork, the files are checked in this process, without the limits."""
    global _PAIR
    if not hasattr(os, "fork"):
        for path in files:
            yield impact_of_file(path, baseline, reform, watched, recording)
        return
    _PAIR = (baseline, reform, watched, recording)  # inherited by the forked workers
    options = screening.Options(time_limit=time_limit, memory_limit=memory_limit)
    try:
        yield from screening.run_each(files, options, _work, _work_chunk, _failed, jobs)
    finally:
        _PAIR = None
