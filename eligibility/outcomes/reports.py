"""Status reports (状況報告): one operator, one fiscal year.

A report is read in two steps. Its head (:func:`read_head`: operator, fiscal year, and what it
corrects: ``id``, ``revision``, ``supersedes``) decides, with the other reports of that operator
and year, whether it is current (:mod:`eligibility.outcomes.corrections`). Only a current
report's body is read (:func:`read_report`): its plans with the year's target and actual, the
motors it developed (checked with the screening rules, and against the stage-gate results) and
the EV models launched with them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from eligibility.messages import outcomes as say
from eligibility.outcomes.findings import (
    CONTRADICTION,
    INVALID,
    MISSING,
    NOTICE,
    WORDS,
    Findings,
    FindingStatus,
)
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import IndicatorSet
from eligibility.outcomes.inputs import InputFile, operator_key
from eligibility.outcomes.screening_rules import (
    Ruleset,
    Value,
    check_motor,
    fold_name,
    read_quantity,
)
from eligibility.outcomes.stage_gates import Gates, Review
from eligibility.suggest import did_you_mean
from eligibility.text import Text

REPORT_KEYS = ("report", "plans", "motors", "ev_models")
HEAD_KEYS = (
    "operator",
    "corporate_number",
    "fiscal_year",
    "submitted",
    "id",
    "revision",
    "supersedes",
    "note",
)
PLAN_KEYS = ("id", "track", "title", "target", "actual", "note")
MOTOR_NOT_FIGURES = ("id", "title", "developed", "note")
MOTOR_NOT_PLAN = ("developed", "note")  # what a motor has that a saving.motor plan does not
EV_KEYS = ("name", "maker", "launched", "motor", "heavy_rare_earth_free", "note")


@dataclass(frozen=True)
class ReportHead:
    """Who and when a report is about, and what it says it corrects."""

    file: str
    operator: str
    operator_key: str
    year: FiscalYear
    report_id: str | None  # the report's own number, for `supersedes` to name
    revision: int | None  # 1 the first report, 2 its first correction, …
    supersedes: tuple[str, ...]  # report IDs or file names this one replaces
    submitted: dt.date | None


@dataclass(frozen=True)
class PlanEntry:
    file: str
    where: str
    id: str
    track: str
    target: Value | None
    actual: Value | None


@dataclass(frozen=True)
class Item:
    """A motor developed, or an EV model launched, as one file reports it."""

    file: str
    where: str
    key: tuple[str, ...]  # identity: (operator, motor id) or (maker, model)
    label: str
    year: FiscalYear
    counts: bool  # passes what it must (the motor checks; a heavy-rare-earth-free magnet)
    also: tuple[str, ...] = ()  # other files it rests on (a stage-gate review)


@dataclass(frozen=True)
class Report:
    head: ReportHead
    plans: tuple[PlanEntry, ...]
    motors: tuple[Item, ...]
    ev_models: tuple[Item, ...]

    @property
    def file(self) -> str:
        return self.head.file

    @property
    def year(self) -> FiscalYear:
        return self.head.year


def read_head(f: InputFile, r: Findings) -> ReportHead | None:
    """The head of one status report, or None (with a finding) when it cannot be used."""
    doc = f.data
    r.unknown_keys(f.path, "", doc, REPORT_KEYS)
    head = doc.get("report")
    if not isinstance(head, dict):
        r.add(f.path, "report", INVALID, say.REPORT_NOT_A_TABLE)
        return None
    r.unknown_keys(f.path, "report", head, HEAD_KEYS)
    operator = r.text(f.path, "report.operator", head.get("operator"), WORDS["operator"])
    year = r.year(f.path, "report.fiscal_year", head.get("fiscal_year"), WORDS["fiscal_year"])
    if operator is None or year is None:
        r.add(
            f.path,
            "report",
            NOTICE,
            say.REPORT_NOT_USED,
        )
        return None
    report_id = _optional_text(f, r, head, "id")
    revision = head.get("revision")
    if revision is not None and (
        isinstance(revision, bool) or not isinstance(revision, int) or revision < 1
    ):
        r.add(
            f.path,
            "report.revision",
            INVALID,
            say.BAD_REVISION,
        )
        revision = None
    supersedes = head.get("supersedes")
    if isinstance(supersedes, str):
        supersedes = [supersedes]
    if supersedes is None:
        supersedes = []
    if not isinstance(supersedes, list) or not all(
        isinstance(x, str) and x.strip() for x in supersedes
    ):
        r.add(
            f.path,
            "report.supersedes",
            INVALID,
            say.BAD_SUPERSEDES,
        )
        supersedes = []
    submitted = _submitted(f, r, head.get("submitted"))
    return ReportHead(
        f.path,
        operator,
        operator_key(operator, head.get("corporate_number")),
        year,
        report_id,
        revision,
        tuple(x.strip() for x in supersedes),
        submitted,
    )


def _submitted(f: InputFile, r: Findings, raw: Any) -> dt.date | None:
    if isinstance(raw, str):  # JSON has no dates: an ISO date in a string
        with contextlib.suppress(ValueError):
            raw = dt.date.fromisoformat(raw.strip())
    if raw is None or (isinstance(raw, dt.date) and not isinstance(raw, dt.datetime)):
        return raw
    r.add(
        f.path,
        "report.submitted",
        INVALID,
        say.BAD_SENT,
    )
    return None


def _optional_text(f: InputFile, r: Findings, head: dict[str, Any], key: str) -> str | None:
    raw = head.get(key)
    if raw is None:
        return None
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    r.add(
        f.path,
        f"report.{key}",
        INVALID,
        say.KEY_NOT_TEXT.format(key=key),
    )
    return None


def read_report(
    f: InputFile,
    head: ReportHead,
    indicators: IndicatorSet,
    ruleset: Ruleset,
    gates: Gates,
    r: Findings,
) -> Report:
    """The usable content of one current status report; problems go to ``r`` as findings."""
    doc = f.data
    plan_tracks = {t for i in indicators.indicators for t in i.tracks}
    kinds = {t: i.kind for i in indicators.indicators for t in i.tracks if i.kind is not None}
    plans: list[PlanEntry] = []
    seen: dict[str, str] = {}
    for where, plan in r.tables(f.path, "plans", doc.get("plans")):
        r.unknown_keys(f.path, where, plan, PLAN_KEYS)
        pid = r.text(f.path, f"{where}.id", plan.get("id"), WORDS["plan_id"])
        track = r.text(f.path, f"{where}.track", plan.get("track"), WORDS["track"])
        if pid is None or track is None:
            continue
        if pid in seen:
            r.add(
                f.path,
                f"{where}.id",
                CONTRADICTION,
                say.PLAN_TWICE.format(plan=pid, first=seen[pid]),
            )
            continue
        seen[pid] = where
        if track not in ruleset.tracks:
            r.add(
                f.path,
                f"{where}.track",
                INVALID,
                say.UNKNOWN_TRACK.format(track=track) + did_you_mean(track, ruleset.tracks),
            )
            continue
        if track not in plan_tracks:
            continue  # a plan no indicator counts (recycling R&D, development plans)
        kind = kinds[track]
        values: list[Value | None] = []
        for key in ("target", "actual"):
            raw = plan.get(key)
            if raw is None:
                r.add(
                    f.path,
                    f"{where}.{key}",
                    MISSING,
                    say.PLAN_NOT_STATED.format(plan=pid, what=WORDS[key]),
                )
                values.append(None)
                continue
            v = read_quantity(key, WORDS["per_year"], kind, raw)
            if v.problem is not None:
                r.add(f.path, f"{where}.{key}", INVALID, v.problem)
            values.append(v)
        plans.append(PlanEntry(f.path, where, pid, track, values[0], values[1]))
    motors = _motors(f, head, indicators, ruleset, gates, r)
    ev_models = read_ev_models(f, head.year, r)
    return Report(head, tuple(plans), motors, ev_models)


def _motors(
    f: InputFile,
    head: ReportHead,
    indicators: IndicatorSet,
    ruleset: Ruleset,
    gates: Gates,
    r: Findings,
) -> tuple[Item, ...]:
    counting = next((i for i in indicators.indicators if i.items == "motors"), None)
    check_track = counting.check_track if counting is not None else None
    use_gates = counting is not None and counting.stage_gates
    year = head.year
    out: list[Item] = []
    seen: set[str] = set()
    for where, motor in r.tables(f.path, "motors", f.data.get("motors")):
        mid = r.text(f.path, f"{where}.id", motor.get("id"), WORDS["motor_id"])
        developed = r.year(
            f.path, f"{where}.developed", motor.get("developed"), WORDS["developed"], year
        )
        if mid is None or developed is None:
            continue
        if mid in seen:
            r.add(
                f.path,
                f"{where}.id",
                CONTRADICTION,
                say.MOTOR_TWICE.format(motor=mid),
            )
            continue
        seen.add(mid)
        counts = True
        if developed > year:
            r.add(
                f.path,
                f"{where}.developed",
                CONTRADICTION,
                say.DEVELOPED_LATER.format(
                    motor=mid,
                    developed=Text(developed.both, developed.japanese),
                    year=Text(year.both, year.japanese),
                ),
            )
            counts = False
        key = (head.operator_key, mid)
        gate_key = gates.find(head.operator_key, head.operator, mid) if use_gates else None
        review = None if gate_key is None else gates.latest[gate_key]
        if gate_key is not None:
            key = gate_key  # one identity for the motor, however each file names the operator
        also: tuple[str, ...] = ()
        if gate_key is not None:
            if review is None:  # reviews that disagree: already a finding
                counts = False
            else:
                also = (review.file,)
                if not review.passed and counts:
                    r.add(
                        f.path,
                        where,
                        INVALID,
                        say.REVIEW_NOT_PASSED.format(motor=mid, review=review.text),
                    )
                    counts = False
        if counts and check_track is not None:
            counts = _motor_passes(f.path, where, mid, motor, check_track, ruleset, review, r)
        elif check_track is None:
            r.unknown_keys(f.path, where, motor, MOTOR_NOT_FIGURES)
        label = f"{head.operator} {mid}"
        out.append(Item(f.path, where, key, label, developed, counts, also))
    return tuple(out)


def _motor_passes(
    file: str,
    where: str,
    mid: str,
    motor: dict[str, Any],
    track: str,
    ruleset: Ruleset,
    review: Review | None,
    r: Findings,
) -> bool:
    """The motor's reported figures checked with the screening rules of ``track``; a passed
    stage-gate review stands for figures the report leaves out."""
    has_figures = any(k not in MOTOR_NOT_FIGURES for k in motor)
    if review is not None and review.passed and not has_figures:
        return True
    result = check_motor(motor, track, ruleset, MOTOR_NOT_PLAN)
    if result.passes:
        return True
    assert result.problems is not None
    if review is not None and review.passed:
        r.add(
            file,
            where,
            CONTRADICTION,
            say.FIGURES_DO_NOT_PASS.format(
                motor=mid, review=review.text, track=track, problems=result.problems
            ),
        )
        return False
    status: FindingStatus = MISSING if result.only_missing else INVALID
    r.add(
        file,
        where,
        status,
        say.CHECKS_DO_NOT_PASS.format(motor=mid, track=track, problems=result.problems),
    )
    return False


def read_ev_models(f: InputFile, year: FiscalYear | None, r: Findings) -> tuple[Item, ...]:
    """EV models of a report (``year``: the report's) or of program statistics (None)."""
    out: list[Item] = []
    for where, ev in r.tables(f.path, "ev_models", f.data.get("ev_models")):
        r.unknown_keys(f.path, where, ev, EV_KEYS)
        name = r.text(f.path, f"{where}.name", ev.get("name"), WORDS["model"])
        maker = r.text(f.path, f"{where}.maker", ev.get("maker"), WORDS["maker"])
        launched = r.year(f.path, f"{where}.launched", ev.get("launched"), WORDS["launched"], year)
        if name is None or maker is None or launched is None:
            continue
        hre_free = ev.get("heavy_rare_earth_free")
        counts = hre_free is True
        if hre_free is None:
            r.missing(f.path, f"{where}.heavy_rare_earth_free", WORDS["hre_free"])
        elif not isinstance(hre_free, bool):
            r.add(
                f.path,
                f"{where}.heavy_rare_earth_free",
                INVALID,
                say.WRITE_A_BOOLEAN,
            )
        if year is not None and launched > year:
            r.add(
                f.path,
                f"{where}.launched",
                CONTRADICTION,
                say.LAUNCHED_LATER.format(
                    maker=maker,
                    name=name,
                    launched=Text(launched.both, launched.japanese),
                    year=Text(year.both, year.japanese),
                ),
            )
            counts = False
        key = (fold_name(maker), fold_name(name))
        out.append(Item(f.path, where, key, f"{maker} {name}", launched, counts))
    return tuple(out)
