"""The indicator set: the program's outcome indicators as data, loaded and checked.

An indicators file (``indicators.toml``) holds the indicators of one revision of the program's
logic model: each indicator's measure, target, target year, trajectory and source; the figures
program statistics give; the status rules (:mod:`eligibility.outcomes.statuses`) with their
source; and how "N年時点" is read. Like rule sets, indicator sets are versioned by the day they
take effect: a folder of revisions (``<version>/indicators.toml``, each with
``effective_from``) gives the one in force on a day. Every problem in a file is named by file
and key in one :class:`~eligibility.errors.RulesetError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from eligibility.errors import RulesetError
from eligibility.messages import outcomes as outcome_words
from eligibility.outcomes.fiscal_year import FiscalYear, FiscalYearError, parse_fiscal_year
from eligibility.outcomes.screening_rules import (
    Kind,
    Ruleset,
    default_rules_dir,
    kinds,
    select_ruleset,
)
from eligibility.outcomes.statuses import Compare, Period, PeriodRule, Status, StatusRules
from eligibility.quantities import units
from eligibility.quantities.quantity import QuantityError, format_number, parse_quantity
from eligibility.ruleset.toml_file import RuleFileError, parse_rule_toml, read_rule_file
from eligibility.suggest import did_you_mean
from eligibility.text import Text, same

INDICATORS_FILE = "indicators.toml"


def default_indicators_root() -> Path:
    """The indicator sets shipped beside the rule sets, one folder per revision."""
    return default_rules_dir() / "permanent-magnets" / "indicators"


def default_indicators_path(as_of: dt.date | None = None) -> Path:
    """The shipped indicators file in force on ``as_of`` (default: today in Japan)."""
    return indicators_in_force(default_indicators_root(), as_of)


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One outcome indicator, as the program document's table states it."""

    id: str
    term: str
    title: Text
    measure: str  # plan_share | count | ratio
    description: Text  # the measure, in words
    target: Fraction  # a share or ratio as a fraction (1 = 100 %), or a count
    target_year: FiscalYear
    trajectory: str  # plan | linear | none
    method: Text
    source: str
    note: Text | None
    tracks: tuple[str, ...] = ()
    kind: Kind | None = None
    items: str | None = None
    check_track: str | None = None
    stage_gates: bool = False  # motors: stage-gate results decide too
    stage_gates_source: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    denominator_year: FiscalYear | None = None
    baseline: Fraction | None = None  # None with a linear trajectory: the first measured value
    baseline_year: FiscalYear | None = None

    @property
    def is_count(self) -> bool:
        return self.measure == "count"

    @property
    def unit(self) -> Text:
        return outcome_words.COUNT if self.is_count else same("%")

    def show(self, value: Fraction, avoid: Fraction | None = None) -> str:
        """A value of this indicator for people: "75 %", "2"."""
        return show_value(value, self.is_count, avoid)

    @property
    def target_text(self) -> str:
        return self.show(self.target)

    def period(self, year: FiscalYear) -> Period:
        if year < self.target_year:
            return Period.BEFORE
        return Period.TARGET if year == self.target_year else Period.AFTER


def show_value(value: Fraction, is_count: bool, avoid: Fraction | None = None) -> str:
    if is_count:
        return format_number(value)
    return format_number(value * 100, 4, None if avoid is None else avoid * 100) + " %"


@dataclass(frozen=True)
class StatField:
    """A figure of the program statistics, read as a quantity of its kind."""

    name: str
    label: Text
    kind: Kind


@dataclass(frozen=True)
class Reading:
    """How the indicators read "N年時点" (at the point of year N): the date a year's figures
    are taken at. ``fiscal_year_end``: the end of fiscal year N (FY2030: 2031-03-31);
    ``calendar_year_end``: 31 December of year N."""

    phrase: str
    as_at: str  # fiscal_year_end | calendar_year_end
    text: Text
    source: str
    screening_parameter: str | None  # the rule set's parameter for screening's own reading

    def date(self, year: FiscalYear) -> dt.date:
        if self.as_at == "calendar_year_end":
            return dt.date(year.year, 12, 31)
        return year.end


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    version: str
    effective_from: dt.date
    title: Text
    source: str
    path: str
    sha256: str
    statuses: dict[Status, Text]
    rules: StatusRules
    reading: Reading
    fields: dict[str, StatField]
    indicators: tuple[Indicator, ...]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


# --- revisions ------------------------------------------------------------------------------


def indicator_files(root: str | os.PathLike[str]) -> list[Path]:
    """Every indicators file under ``root`` (the file itself, a folder holding one, or a folder
    of revisions), oldest first."""
    base = Path(root)
    if base.is_file():
        return [base]
    if (base / INDICATORS_FILE).is_file():
        return [base / INDICATORS_FILE]
    found = sorted(base.glob(f"*/{INDICATORS_FILE}"))
    return sorted(found, key=lambda p: (effective_from(p), str(p)))


def effective_from(file: Path) -> dt.date:
    """The day the indicators in ``file`` take effect, read from ``[indicators]`` alone."""
    try:
        value = parse_rule_toml(read_rule_file(file))["indicators"]["effective_from"]
    except (OSError, KeyError, TypeError, ValueError) as exc:  # RuleFileError among them
        raise RulesetError([f"{file}: indicators.effective_from: {exc}"]) from exc
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise RulesetError([f"{file}: indicators.effective_from: not a date, e.g. 2026-03-31"])
    return value


def indicators_in_force(root: str | os.PathLike[str], as_of: dt.date | None = None) -> Path:
    """The indicators file under ``root`` in force on ``as_of`` (default: today in Japan): the
    latest revision that took effect on or before it. A single file is taken as given."""
    from eligibility.clock import today

    files = indicator_files(root)
    if not files:
        raise RulesetError([f"{root}: no indicators file ({INDICATORS_FILE}) found"])
    if len(files) == 1 and (Path(root).is_file() or (Path(root) / INDICATORS_FILE).is_file()):
        return files[0]
    day = as_of or today()
    chosen = [f for f in files if effective_from(f) <= day]
    if not chosen:
        raise RulesetError(
            [
                f"{files[0]}: no indicators in force on {day.isoformat()} (the first take "
                f"effect {effective_from(files[0]).isoformat()})"
            ]
        )
    return chosen[-1]


def load_indicators(
    path: str | os.PathLike[str] | None = None,
    ruleset: Ruleset | None = None,
    as_of: dt.date | None = None,
) -> IndicatorSet:
    """Load and check the indicators in force on ``as_of`` under ``path`` (a file, a folder
    holding one, or a folder of revisions; default: shipped); raise RulesetError listing all.

    ``ruleset`` (default: the one in force on ``as_of``) supplies the tracks and kinds of
    quantity the indicators name.
    """
    file = indicators_in_force(path if path is not None else default_indicators_root(), as_of)
    rs = ruleset if ruleset is not None else select_ruleset(None, as_of)
    return _IndicatorLoader(file, rs).load()


# --- the file's schema ----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _MetaModel(_Strict):
    id: str
    version: str
    effective_from: dt.date
    title_en: str
    title_ja: str
    source: str


class _TextModel(_Strict):
    en: str
    ja: str


class _PeriodModel(_Strict):
    compare: Literal["trajectory", "target", "none"]
    meets: Literal[">=", ">"] | None = None
    met: str | None = None
    not_met: str | None = None
    no_trajectory: str | None = None
    status: str | None = None
    source: str


class _ReadingModel(_Strict):
    phrase: str
    as_at: Literal["fiscal_year_end", "calendar_year_end"]
    en: str
    ja: str
    source: str
    screening_parameter: str | None = None


class _StatFieldModel(_Strict):
    kind: str
    label_en: str
    label_ja: str


class _IndicatorModel(_Strict):
    term: Literal["short", "long"]
    title_en: str
    title_ja: str
    measure: Literal["plan_share", "count", "ratio"]
    measure_en: str
    measure_ja: str
    target: str | int
    target_year: str | int
    trajectory: Literal["plan", "linear", "none"]
    method_en: str
    method_ja: str
    source: str
    note_en: str | None = None
    note_ja: str | None = None
    tracks: list[str] | None = None
    kind: str | None = None
    items: Literal["motors", "ev_models"] | None = None
    check_track: str | None = None
    stage_gates: bool | None = None
    stage_gates_source: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    denominator_year: str | int | None = None
    baseline: str | None = None
    baseline_year: str | int | None = None


_TOP_LEVEL = ("indicators", "statuses", "status_rules", "reading", "fields", "indicator")
_STATUS_KEYS = ("met", "not_met", "no_trajectory", "status")


class _IndicatorLoader:
    def __init__(self, file: Path, ruleset: Ruleset) -> None:
        self.file = file
        self.name = str(file)
        self.ruleset = ruleset
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.name}: {where}: {message}")

    def model(self, model: type[BaseModel], where: str, data: Any) -> Any:
        if not isinstance(data, dict):
            self.problem(where, "must be a table")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function"))
                key = f"{where}.{loc}" if loc else where
                if err["type"] == "extra_forbidden":
                    self.problem(key, _unknown("key", str(err["loc"][-1]), model.model_fields))
                elif err["type"] == "missing":
                    self.problem(key, "required key is missing")
                else:
                    self.problem(key, err["msg"])
            return None

    def load(self) -> IndicatorSet:
        try:  # a regular file of bounded size and depth, as the rule set's own files
            raw = read_rule_file(self.file)
            doc = parse_rule_toml(raw)
        except RuleFileError as exc:
            raise RulesetError([f"{self.name}: {exc}"]) from exc
        for key in doc:
            if key not in _TOP_LEVEL:
                self.problem(key, _unknown("table", key, _TOP_LEVEL))
        meta = self.model(_MetaModel, "indicators", doc.get("indicators", {}))
        statuses = self.statuses(_table(doc, "statuses"))
        rules = self.status_rules(_table(doc, "status_rules"), statuses)
        rm = self.model(_ReadingModel, "reading", doc.get("reading", {}))
        screening = None if rm is None else rm.screening_parameter
        if screening is not None and screening not in self.ruleset.parameters:
            self.problem(
                "reading.screening_parameter",
                _unknown("parameter", screening, self.ruleset.parameters),
            )
        kind_names = kinds(self.ruleset)
        fields: dict[str, StatField] = {}
        for name, raw_field in _table(doc, "fields").items():
            where = f"fields.{name}"
            fm = self.model(_StatFieldModel, where, raw_field)
            if fm is None:
                continue
            if fm.kind not in kind_names:
                self.problem(f"{where}.kind", _unknown("kind", fm.kind, kind_names))
                continue
            fields[name] = StatField(name, Text(fm.label_en, fm.label_ja), kind_names[fm.kind])
        indicators: list[Indicator] = []
        table = _table(doc, "indicator")
        if not table:
            self.problem("indicator", "no indicators")
        for iid, raw_ind in table.items():
            where = f'indicator."{iid}"'
            im = self.model(_IndicatorModel, where, raw_ind)
            if im is not None:
                ind = self.indicator(iid, im, where, kind_names, fields)
                if ind is not None:
                    indicators.append(ind)
        if self.problems or meta is None or rules is None or rm is None:
            raise RulesetError(self.problems)
        return IndicatorSet(
            id=meta.id,
            version=meta.version,
            effective_from=meta.effective_from,
            title=Text(meta.title_en, meta.title_ja),
            source=meta.source,
            path=self.name,
            sha256=hashlib.sha256(raw).hexdigest(),
            statuses=statuses,
            rules=rules,
            reading=Reading(
                rm.phrase, rm.as_at, Text(rm.en, rm.ja), rm.source, rm.screening_parameter
            ),
            fields=fields,
            indicators=tuple(indicators),
        )

    def statuses(self, table: dict[str, Any]) -> dict[Status, Text]:
        out: dict[Status, Text] = {}
        for status in Status:
            tm = self.model(_TextModel, f"statuses.{status}", table.get(status))
            if tm is not None:
                out[status] = Text(tm.en, tm.ja)
        for other in table:
            if other not in tuple(Status):
                self.problem(f"statuses.{other}", _unknown("status", other, tuple(Status)))
        return out

    def status_rules(
        self, table: dict[str, Any], statuses: dict[Status, Text]
    ) -> StatusRules | None:
        for other in table:
            if other not in tuple(Period):
                self.problem(f"status_rules.{other}", _unknown("period", other, tuple(Period)))
        rules: dict[Period, PeriodRule] = {}
        for period in Period:
            where = f"status_rules.{period}"
            pm = self.model(_PeriodModel, where, table.get(period))
            if pm is None:
                continue
            rule = self.period_rule(period, pm, where)
            if rule is not None:
                rules[period] = rule
        if len(rules) != len(Period):
            return None
        return StatusRules(rules[Period.BEFORE], rules[Period.TARGET], rules[Period.AFTER])

    def period_rule(self, period: Period, m: _PeriodModel, where: str) -> PeriodRule | None:
        before = len(self.problems)
        compare = Compare(m.compare)
        if compare is Compare.NONE:
            needed: tuple[str, ...] = ("status",)
        elif compare is Compare.TRAJECTORY:
            needed = ("meets", "met", "not_met", "no_trajectory")
        else:
            needed = ("meets", "met", "not_met")
        if compare is Compare.TRAJECTORY and period is not Period.BEFORE:
            self.problem(f"{where}.compare", "only years before the target year have a trajectory")
        for key in ("meets", *_STATUS_KEYS):
            present = getattr(m, key) is not None
            if key in needed and not present:
                self.problem(f"{where}.{key}", f'required with compare = "{m.compare}"')
            elif key not in needed and present:
                self.problem(f"{where}.{key}", f'not used with compare = "{m.compare}"')
        found: dict[str, Status] = {}
        for key in _STATUS_KEYS:
            name = getattr(m, key)
            if name is None:
                continue
            if name not in tuple(Status) or name == Status.NO_DATA:
                known = [s for s in Status if s is not Status.NO_DATA]
                self.problem(f"{where}.{key}", _unknown("status", name, known))
                continue
            found[key] = Status(name)
        if len(self.problems) > before:
            return None
        return PeriodRule(
            period,
            compare,
            m.source,
            meets=m.meets,
            met=found.get("met"),
            not_met=found.get("not_met"),
            no_trajectory=found.get("no_trajectory"),
            status=found.get("status"),
        )

    def fiscal_year(self, where: str, raw: Any) -> FiscalYear | None:
        try:
            return parse_fiscal_year(raw)
        except FiscalYearError as exc:
            self.problem(where, exc.text.en)
            return None

    def indicator(
        self,
        iid: str,
        m: _IndicatorModel,
        where: str,
        kind_names: dict[str, Kind],
        fields: dict[str, StatField],
    ) -> Indicator | None:
        before = len(self.problems)
        target_year = self.fiscal_year(f"{where}.target_year", m.target_year)
        target = self.amount(f"{where}.target", m.target, m.measure == "count")

        def need(key: str, present: bool) -> None:
            if not present:
                self.problem(f"{where}.{key}", f'required for measure = "{m.measure}"')

        def forbid(keys: Iterable[str]) -> None:
            for key in keys:
                if getattr(m, key) is not None:
                    self.problem(f"{where}.{key}", f'not used by measure = "{m.measure}"')

        kind = None
        if m.measure == "plan_share":
            need("tracks", bool(m.tracks))
            need("kind", m.kind is not None)
            forbid(
                [
                    "items",
                    "check_track",
                    "stage_gates",
                    "numerator",
                    "denominator",
                    "denominator_year",
                ]
            )
            for t in m.tracks or []:
                if t not in self.ruleset.tracks:
                    self.problem(f"{where}.tracks", _unknown("track", t, self.ruleset.tracks))
            if m.kind is not None:
                kind = kind_names.get(m.kind)
                if kind is None:
                    self.problem(f"{where}.kind", _unknown("kind", m.kind, kind_names))
            if m.trajectory == "linear":
                self.problem(f"{where}.trajectory", 'a share of operators uses "plan" or "none"')
        elif m.measure == "count":
            need("items", m.items is not None)
            forbid(["tracks", "kind", "numerator", "denominator", "denominator_year"])
            if m.check_track is not None and m.check_track not in self.ruleset.tracks:
                self.problem(
                    f"{where}.check_track", _unknown("track", m.check_track, self.ruleset.tracks)
                )
            if m.check_track is not None and m.items != "motors":
                self.problem(f"{where}.check_track", "only motors are checked against a track")
            if m.stage_gates and m.items != "motors":
                self.problem(f"{where}.stage_gates", "only motors have stage-gate reviews")
            if m.stage_gates and not m.stage_gates_source:
                self.problem(f"{where}.stage_gates_source", "required with stage_gates = true")
        else:
            need("numerator", m.numerator is not None)
            need("denominator", m.denominator is not None)
            forbid(["tracks", "kind", "items", "check_track", "stage_gates"])
            for key in ("numerator", "denominator"):
                name = getattr(m, key)
                if name is not None and name not in fields:
                    self.problem(f"{where}.{key}", _unknown("field", name, fields))
            if m.numerator is not None and m.numerator in fields and m.denominator in fields:
                a = fields[m.numerator].kind
                b = fields[m.denominator].kind
                if a.dimensions != b.dimensions:
                    self.problem(where, "numerator and denominator have different dimensions")
        if m.trajectory == "plan" and m.measure != "plan_share":
            self.problem(f"{where}.trajectory", '"plan" is for a share of operators')
        baseline = None
        baseline_year = None
        if m.trajectory == "linear":
            need_baseline = m.baseline is None
            if need_baseline:
                self.problem(f"{where}.baseline", 'required for trajectory = "linear"')
            elif m.baseline != "measured":
                baseline = self.amount(f"{where}.baseline", m.baseline, m.measure == "count")
                if m.baseline_year is None:
                    self.problem(f"{where}.baseline_year", "required with a fixed baseline")
            if m.baseline_year is not None:
                baseline_year = self.fiscal_year(f"{where}.baseline_year", m.baseline_year)
            if (
                baseline_year is not None
                and target_year is not None
                and baseline_year >= target_year
            ):
                self.problem(f"{where}.baseline_year", "must be before the target year")
        else:
            for key in ("baseline", "baseline_year"):
                if getattr(m, key) is not None:
                    self.problem(f"{where}.{key}", 'only for trajectory = "linear"')
        denominator_year = None
        if m.denominator_year is not None:
            denominator_year = self.fiscal_year(f"{where}.denominator_year", m.denominator_year)
        if len(self.problems) > before or target is None or target_year is None:
            return None
        note = Text(m.note_en, m.note_ja) if m.note_en and m.note_ja else None
        if (m.note_en is None) != (m.note_ja is None):
            self.problem(where, "note_en and note_ja go together")
        return Indicator(
            id=iid,
            term=m.term,
            title=Text(m.title_en, m.title_ja),
            measure=m.measure,
            description=Text(m.measure_en, m.measure_ja),
            target=target,
            target_year=target_year,
            trajectory=m.trajectory,
            method=Text(m.method_en, m.method_ja),
            source=m.source,
            note=note,
            tracks=tuple(m.tracks or ()),
            kind=kind,
            items=m.items,
            check_track=m.check_track,
            stage_gates=bool(m.stage_gates),
            stage_gates_source=m.stage_gates_source,
            numerator=m.numerator,
            denominator=m.denominator,
            denominator_year=denominator_year,
            baseline=baseline,
            baseline_year=baseline_year,
        )

    def amount(self, where: str, raw: Any, is_count: bool) -> Fraction | None:
        if is_count:
            if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
                return Fraction(raw)
            self.problem(where, "a count is a whole number, e.g. 2")
            return None
        if not isinstance(raw, str):
            self.problem(where, 'a share or ratio is a percentage in quotes, e.g. "100 %"')
            return None
        try:
            q = parse_quantity(raw)
        except QuantityError as exc:
            self.problem(where, exc.text.en)
            return None
        if q.unit.dimensionality:
            self.problem(where, f"'{raw}' is not a percentage, e.g. \"100 %\"")
            return None
        return q.to(units.DIMENSIONLESS)


def _table(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key, {})
    return value if isinstance(value, dict) else {}


def _unknown(what: str, name: str, known: Iterable[Any]) -> str:
    return f"unknown {what} '{name}'" + did_you_mean(name, known).en
