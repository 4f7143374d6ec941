"""Outcome indicators (アウトカム指標): from operators' status reports and program statistics to
the program's logic model.

The indicators are data (``rules/permanent-magnets/indicators/indicators.toml``), loaded and
checked like a rule set: every problem named by file and key. Inputs are two kinds of file,
told apart by their top-level table:

- a status report (``[report]``): one operator, one fiscal year; its plans with the year's
  target and actual, the motors it developed and the EV models launched with them;
- program statistics (``[statistics]``): domestic NdFeB demand, Japanese makers' capacity and
  recycling capacity by fiscal year, and EV models heard of from makers.

:func:`compute` gives every indicator's value, target and status for each fiscal year it has
data for, with the rule that decided the status and the files the value came from. Anything
missing, unreadable or contradictory inside a readable file is a :class:`Finding`, never an
exception; a file that cannot be read at all raises an
:class:`~eligibility.errors.EligibilityError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import pint
from pydantic import BaseModel, ConfigDict, ValidationError

from eligibility import api
from eligibility.application.corporate_number import normalize as corporate_number_normalize
from eligibility.application.reader import (
    DEFAULT_MAX_BYTES,
    _check_depth_and_text,
    _decode,
    _file_format,
    _parse_json,
    _parse_toml,
    read_file,
)
from eligibility.checking.fields import Value, read_value
from eligibility.checking.plan import check_plan
from eligibility.errors import EligibilityError, RulesetError
from eligibility.quantities import units
from eligibility.quantities.quantity import QuantityError, format_number, parse_quantity
from eligibility.ruleset.model import FieldSpec, Kind, Ruleset, fold_name
from eligibility.ruleset.select import default_rules_dir
from eligibility.screening.walk import walk
from eligibility.text import Lang, Text, same

Status = Literal["achieved", "on_track", "behind", "no_data"]
STATUSES: tuple[Status, ...] = ("achieved", "on_track", "behind", "no_data")
STATUS_TEXT: dict[str, Text] = {
    "achieved": Text("achieved", "達成"),
    "on_track": Text("on track", "順調"),
    "behind": Text("behind", "遅れ"),
    "no_data": Text("no data", "データなし"),
}
FindingStatus = Literal["missing", "invalid", "contradiction", "notice"]

INDICATORS_FILE = "indicators.toml"
MAX_FILES = 1000


class OutcomesError(EligibilityError):
    """An outcomes input that cannot be used at all: not a report or statistics file."""


def default_indicators_path() -> Path:
    """The indicators shipped beside the rule sets."""
    return default_rules_dir() / "permanent-magnets" / "indicators" / INDICATORS_FILE


# --- fiscal years -------------------------------------------------------------------------

_ERAS = {"R": 2018, "令和": 2018, "H": 1988, "平成": 1988}
_FY_WESTERN = re.compile(r"(?:FY ?)?(\d{4})(?: ?年度)?", re.IGNORECASE)
_FY_ERA = re.compile(r"(令和|平成|R|H) ?(\d{1,2}|元) ?(?:年度)?", re.IGNORECASE)
FIRST_YEAR = 1989
LAST_YEAR = 2100


class FiscalYearError(ValueError):
    """A fiscal year that cannot be read; ``text`` says why, in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Japanese fiscal year, April to March: FY2028 = 令和10年度, 2028-04-01 to 2029-03-31."""

    year: int

    @property
    def western(self) -> str:
        return f"FY{self.year}"

    @property
    def japanese(self) -> str:
        if self.year >= 2019:
            return f"R{self.year - 2018}年度"
        return f"H{self.year - 1988}年度"

    @property
    def both(self) -> str:
        return f"{self.western} ({self.japanese})"

    def label(self, lang: Lang) -> str:
        return f"{self.japanese} ({self.western})" if lang == "ja" else self.both

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)


def fiscal_year_of(day: dt.date) -> FiscalYear:
    """The fiscal year a date falls in (April to March)."""
    return FiscalYear(day.year if day.month >= 4 else day.year - 1)


def parse_fiscal_year(raw: Any) -> FiscalYear:
    """Read "R10年度", "令和10年度", "R10", "FY2028", "2028年度", 2028 or a date."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return fiscal_year_of(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise FiscalYearError(_FY_HOW)
    if isinstance(raw, int):
        return _in_range(raw, str(raw))
    s = unicodedata.normalize("NFKC", raw).strip()
    if m := _FY_WESTERN.fullmatch(s):
        return _in_range(int(m.group(1)), raw)
    if m := _FY_ERA.fullmatch(s):
        era = m.group(1).upper() if m.group(1).isascii() else m.group(1)
        n = 1 if m.group(2) == "元" else int(m.group(2))
        if n < 1:
            raise FiscalYearError(
                Text(
                    f"'{raw}': an era year starts at 1 (元年)",
                    f"'{raw}': 元号の年は1（元年）からです",
                )
            )
        if era in ("H", "平成") and n > 31:
            raise FiscalYearError(
                Text(f"'{raw}': 平成 ended in its 31st year", f"'{raw}': 平成は31年度までです")
            )
        return _in_range(_ERAS[era] + n, raw)
    try:
        return fiscal_year_of(dt.date.fromisoformat(s))
    except ValueError:
        pass
    raise FiscalYearError(Text(f"'{raw}': ", f"'{raw}': ") + _FY_HOW)


_FY_HOW = Text(
    "not a fiscal year: write R10年度, 令和10年度 or FY2028",
    "年度ではありません。R10年度、令和10年度 又は FY2028 の形で記入してください",
)


def _in_range(year: int, raw: str) -> FiscalYear:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FiscalYearError(
            Text(
                f"'{raw}': fiscal year {year} is outside {FIRST_YEAR}–{LAST_YEAR}",
                f"'{raw}': {year}年度は {FIRST_YEAR}～{LAST_YEAR}年度の範囲外です",
            )
        )
    return FiscalYear(year)


# --- the indicators -----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _MetaModel(_Strict):
    id: str
    version: str
    title_en: str
    title_ja: str
    source: str


class _TextModel(_Strict):
    en: str
    ja: str


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
    numerator: str | None = None
    denominator: str | None = None
    denominator_year: str | int | None = None
    baseline: str | None = None
    baseline_year: str | int | None = None


_TOP_LEVEL = {"indicators", "statuses", "fields", "indicator"}


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
        return Text("count", "件") if self.is_count else same("%")

    def show(self, value: Fraction, avoid: Fraction | None = None) -> str:
        """A value of this indicator for people: "75 %", "2"."""
        return show_value(value, self.is_count, avoid)

    @property
    def target_text(self) -> str:
        return self.show(self.target)


def show_value(value: Fraction, is_count: bool, avoid: Fraction | None = None) -> str:
    if is_count:
        return format_number(value)
    return format_number(value * 100, 4, None if avoid is None else avoid * 100) + " %"


@dataclass(frozen=True)
class StatField:
    name: str
    spec: FieldSpec


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    version: str
    title: Text
    source: str
    path: str
    sha256: str
    statuses: dict[str, Text]
    fields: dict[str, StatField]
    indicators: tuple[Indicator, ...]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


def load_indicators(
    path: str | os.PathLike[str] | None = None, ruleset: Ruleset | None = None
) -> IndicatorSet:
    """Load and check the indicators file (default: shipped); raise RulesetError listing all.

    ``ruleset`` (default: the one in force today) supplies the tracks and kinds of quantity
    the indicators name.
    """
    file = Path(path) if path is not None else default_indicators_path()
    if file.is_dir():
        file = file / INDICATORS_FILE
    rs = ruleset if ruleset is not None else api.select_ruleset()
    return _IndicatorLoader(file, rs).load()


def _kinds(ruleset: Ruleset) -> dict[str, Kind]:
    return {f.kind.name: f.kind for f in ruleset.fields.values() if f.kind is not None}


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
        try:
            raw = self.file.read_bytes()
        except OSError as exc:
            raise RulesetError([f"{self.name}: cannot be read: {exc.strerror or exc}"]) from exc
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RulesetError([f"{self.name}: not valid TOML: {exc}"]) from exc
        for key in doc:
            if key not in _TOP_LEVEL:
                self.problem(key, _unknown("table", key, _TOP_LEVEL))
        meta = self.model(_MetaModel, "indicators", doc.get("indicators", {}))
        statuses: dict[str, Text] = {}
        for status in STATUSES:
            tm = self.model(_TextModel, f"statuses.{status}", _table(doc, "statuses").get(status))
            if tm is not None:
                statuses[status] = Text(tm.en, tm.ja)
        for other in _table(doc, "statuses"):
            if other not in STATUSES:
                self.problem(f"statuses.{other}", _unknown("status", other, STATUSES))
        kinds = _kinds(self.ruleset)
        fields: dict[str, StatField] = {}
        for name, raw_field in _table(doc, "fields").items():
            where = f"fields.{name}"
            fm = self.model(_StatFieldModel, where, raw_field)
            if fm is None:
                continue
            if fm.kind not in kinds:
                self.problem(f"{where}.kind", _unknown("kind", fm.kind, kinds))
                continue
            label = Text(fm.label_en, fm.label_ja)
            fields[name] = StatField(name, FieldSpec(name, "quantity", label, kinds[fm.kind]))
        indicators: list[Indicator] = []
        table = _table(doc, "indicator")
        if not table:
            self.problem("indicator", "no indicators")
        for iid, raw_ind in table.items():
            where = f'indicator."{iid}"'
            im = self.model(_IndicatorModel, where, raw_ind)
            if im is not None:
                ind = self.indicator(iid, im, where, kinds, fields)
                if ind is not None:
                    indicators.append(ind)
        if self.problems or meta is None:
            raise RulesetError(self.problems)
        return IndicatorSet(
            id=meta.id,
            version=meta.version,
            title=Text(meta.title_en, meta.title_ja),
            source=meta.source,
            path=self.name,
            sha256=hashlib.sha256(raw).hexdigest(),
            statuses=statuses,
            fields=fields,
            indicators=tuple(indicators),
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
        kinds: dict[str, Kind],
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
            forbid(["items", "check_track", "numerator", "denominator", "denominator_year"])
            for t in m.tracks or []:
                if t not in self.ruleset.tracks:
                    self.problem(f"{where}.tracks", _unknown("track", t, self.ruleset.tracks))
            if m.kind is not None:
                kind = kinds.get(m.kind)
                if kind is None:
                    self.problem(f"{where}.kind", _unknown("kind", m.kind, kinds))
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
        else:
            need("numerator", m.numerator is not None)
            need("denominator", m.denominator is not None)
            forbid(["tracks", "kind", "items", "check_track"])
            for key in ("numerator", "denominator"):
                name = getattr(m, key)
                if name is not None and name not in fields:
                    self.problem(f"{where}.{key}", _unknown("field", name, fields))
            if m.numerator is not None and m.numerator in fields and m.denominator in fields:
                a = fields[m.numerator].spec.kind
                b = fields[m.denominator].spec.kind
                if a is not None and b is not None and a.dimensions != b.dimensions:
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
        return q.to(units.registry().Unit(""))


def _table(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key, {})
    return value if isinstance(value, dict) else {}


def _unknown(what: str, name: str, known: Iterable[Any]) -> str:
    import difflib

    close = difflib.get_close_matches(name, [str(k) for k in known], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {what} '{name}'{hint}"


# --- reading input files ------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Something wrong or worth knowing inside a readable input file."""

    file: str
    where: str  # key path in the file, "" for the whole file
    status: FindingStatus
    message: Text


@dataclass(frozen=True)
class InputFile:
    path: str
    kind: str  # "report" | "statistics"
    sha256: str
    data: dict[str, Any]
    notices: tuple[Text, ...] = ()


def read_input(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> InputFile:
    """Read one status report or statistics file, or raise an EligibilityError."""
    name, suffix, raw = read_file(path, max_bytes=max_bytes)
    return parse_input_bytes(raw, name, suffix=suffix)


def parse_input_bytes(raw: bytes, name: str, *, suffix: str) -> InputFile:
    """Read a status report or statistics file from ``raw``, the bytes of file ``name``."""
    fmt = _file_format(name, suffix)
    text, notices = _decode(raw, name)
    if not text.strip():
        raise OutcomesError(f"{name}: file is empty: {_WHAT_INPUTS}")
    data = _parse_toml(text, name) if fmt == "toml" else _parse_json(text, name)
    if not isinstance(data, dict):
        raise OutcomesError(f"{name}: the top level is not a table: {_WHAT_INPUTS}")
    _check_depth_and_text(data, name)
    kinds = [k for k in ("report", "statistics") if k in data]
    if len(kinds) != 1:
        raise OutcomesError(
            f"{name}: "
            + ("both [report] and [statistics]" if kinds else "neither [report] nor [statistics]")
            + f": {_WHAT_INPUTS}"
        )
    return InputFile(name, kinds[0], hashlib.sha256(raw).hexdigest(), data, notices)


_WHAT_INPUTS = (
    "a status report has a [report] table, program statistics a [statistics] table "
    "(see docs/OUTCOMES.md)"
)


def input_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The files to read: each file as given, each folder's .toml and .json files (recursive)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            walked = walk(str(path), (".toml", ".json"))  # iterative: any depth of folders
            if walked.problems:  # an entry that cannot be read is never passed over
                where, why = walked.problems[0]
                raise OutcomesError(f"{where}: {why}")
            found = [f for f, _ in walked.files]
            if not found:
                raise OutcomesError(f"{p}: no .toml or .json files in this folder")
            out.extend(found)
        else:
            out.append(os.fspath(p))
        if len(out) > MAX_FILES:
            raise OutcomesError(f"{p}: more than {MAX_FILES:,} files; give fewer at a time")
    return list(dict.fromkeys(out))


# --- status reports and statistics, as read -----------------------------------------------


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


@dataclass(frozen=True)
class Report:
    file: str
    operator: str
    operator_key: str
    year: FiscalYear
    plans: tuple[PlanEntry, ...]
    motors: tuple[Item, ...]
    ev_models: tuple[Item, ...]


@dataclass(frozen=True)
class StatValue:
    file: str
    where: str
    year: FiscalYear
    field: str
    value: Value


@dataclass
class _Reading:
    findings: list[Finding] = field(default_factory=list)

    def add(self, file: str, where: str, status: FindingStatus, message: Text) -> None:
        self.findings.append(Finding(file, where, status, message))


_REPORT_KEYS = ("report", "plans", "motors", "ev_models")
_REPORT_HEAD = ("operator", "corporate_number", "fiscal_year", "submitted", "note")
_PLAN_KEYS = ("id", "track", "title", "target", "actual", "note")
_MOTOR_EXTRA = ("developed", "note")
_EV_KEYS = ("name", "maker", "launched", "motor", "heavy_rare_earth_free", "note")
_STAT_KEYS = ("statistics", "years", "ev_models")
_STAT_HEAD = ("title", "source", "surveyed", "note")


def _unknown_keys(
    r: _Reading, file: str, where: str, table: dict[str, Any], known: Sequence[str]
) -> None:
    import difflib

    for key in table:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint_en = f" Did you mean `{close[0]}`?" if close else ""
            hint_ja = f"`{close[0]}` のことですか？" if close else ""
            at = f"{where}.{key}" if where else str(key)
            r.add(
                file,
                at,
                "invalid",
                Text(
                    f"`{key}` is an unknown key; it is not read.{hint_en}",
                    f"`{key}` は不明なキーです（読み込みません）。{hint_ja}",
                ),
            )


def _missing(r: _Reading, file: str, where: str, what: Text) -> None:
    r.add(file, where, "missing", Text("no ", "") + what + Text("", "がありません"))


def _text(r: _Reading, file: str, where: str, raw: Any, what: Text) -> str | None:
    if raw is None:
        _missing(r, file, where, what)
        return None
    if not isinstance(raw, str) or not raw.strip():
        r.add(
            file,
            where,
            "invalid",
            what + Text(" must be text in quotes", "は引用符で囲んだ文字列で記入してください"),
        )
        return None
    return raw.strip()


def _year(
    r: _Reading, file: str, where: str, raw: Any, what: Text, default: FiscalYear | None = None
) -> FiscalYear | None:
    if raw is None:
        if default is None:
            _missing(r, file, where, what)
        return default
    try:
        return parse_fiscal_year(raw)
    except FiscalYearError as exc:
        r.add(file, where, "invalid", exc.text)
        return None


def _tables(r: _Reading, file: str, key: str, raw: Any) -> list[tuple[str, dict[str, Any]]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        r.add(
            file,
            key,
            "invalid",
            Text(
                f"`{key}` must be an array of tables ([[{key}]])",
                f"`{key}` は表の配列（[[{key}]]）で記入してください",
            ),
        )
        return []
    out = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if isinstance(item, dict):
            out.append((where, item))
        else:
            r.add(file, where, "invalid", Text("not a table; ignored", "表ではないため無視します"))
    return out


def operator_key(name: str, corporate_number: Any) -> str:
    """Reports of one operator go together: by 法人番号 when given, else by folded name."""
    if isinstance(corporate_number, str) and corporate_number.strip():
        return "#" + corporate_number_normalize(corporate_number)
    return fold_name(name)


def read_report(
    f: InputFile, indicators: IndicatorSet, ruleset: Ruleset, r: _Reading
) -> Report | None:
    """The usable content of one status report; problems go to ``r`` as findings."""
    doc = f.data
    _unknown_keys(r, f.path, "", doc, _REPORT_KEYS)
    head = doc.get("report")
    if not isinstance(head, dict):
        r.add(f.path, "report", "invalid", Text("[report] must be a table", "[report] は表です"))
        return None
    _unknown_keys(r, f.path, "report", head, _REPORT_HEAD)
    operator = _text(r, f.path, "report.operator", head.get("operator"), _W["operator"])
    year = _year(r, f.path, "report.fiscal_year", head.get("fiscal_year"), _W["fiscal_year"])
    if operator is None or year is None:
        r.add(
            f.path,
            "report",
            "notice",
            Text(
                "without an operator and a fiscal year the report is not used",
                "事業者名と年度がないため、この報告は使用しません",
            ),
        )
        return None
    okey = operator_key(operator, head.get("corporate_number"))
    plan_tracks = {t for i in indicators.indicators for t in i.tracks}
    kinds = {t: i.kind for i in indicators.indicators for t in i.tracks if i.kind is not None}
    plans: list[PlanEntry] = []
    seen: dict[str, str] = {}
    for where, plan in _tables(r, f.path, "plans", doc.get("plans")):
        _unknown_keys(r, f.path, where, plan, _PLAN_KEYS)
        pid = _text(r, f.path, f"{where}.id", plan.get("id"), _W["plan_id"])
        track = _text(r, f.path, f"{where}.track", plan.get("track"), _W["track"])
        if pid is None or track is None:
            continue
        if pid in seen:
            r.add(
                f.path,
                f"{where}.id",
                "contradiction",
                Text(
                    f"plan `{pid}` appears twice in one report (also {seen[pid]}); "
                    "the second is not used",
                    f"計画 `{pid}` が1つの報告に2回あります（{seen[pid]}）。2つ目は使用しません",
                ),
            )
            continue
        seen[pid] = where
        if track not in ruleset.tracks:
            close = _close(track, ruleset.tracks)
            r.add(
                f.path,
                f"{where}.track",
                "invalid",
                Text(f"unknown track '{track}'", f"不明なトラック '{track}'")
                + _did_you_mean(close),
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
                    "missing",
                    Text(f"plan `{pid}`: no ", f"計画 `{pid}`：")
                    + _W[key]
                    + Text(
                        "; the plan counts as not meeting its target",
                        "がありません。目標未達成として数えます",
                    ),
                )
                values.append(None)
                continue
            v = read_value(FieldSpec(key, "quantity", _W["per_year"], kind), raw)
            if v.problem is not None:
                r.add(f.path, f"{where}.{key}", "invalid", v.problem)
            values.append(v)
        plans.append(PlanEntry(f.path, where, pid, track, values[0], values[1]))
    motors = _motors(f, doc, operator, okey, year, indicators, ruleset, r)
    ev_models = _ev_models(f, doc, year, r)
    return Report(f.path, operator, okey, year, tuple(plans), motors, ev_models)


def _motors(
    f: InputFile,
    doc: dict[str, Any],
    operator: str,
    okey: str,
    year: FiscalYear,
    indicators: IndicatorSet,
    ruleset: Ruleset,
    r: _Reading,
) -> tuple[Item, ...]:
    check_track = next((i.check_track for i in indicators.indicators if i.items == "motors"), None)
    out: list[Item] = []
    seen: set[str] = set()
    for where, motor in _tables(r, f.path, "motors", doc.get("motors")):
        mid = _text(r, f.path, f"{where}.id", motor.get("id"), _W["motor_id"])
        developed = _year(
            r, f.path, f"{where}.developed", motor.get("developed"), _W["developed"], year
        )
        if mid is None or developed is None:
            continue
        if mid in seen:
            r.add(
                f.path,
                f"{where}.id",
                "contradiction",
                Text(
                    f"motor `{mid}` appears twice in one report; the second is not used",
                    f"モーター `{mid}` が1つの報告に2回あります。2つ目は使用しません",
                ),
            )
            continue
        seen.add(mid)
        counts = True
        if developed > year:
            r.add(
                f.path,
                f"{where}.developed",
                "contradiction",
                Text(
                    f"motor `{mid}`: developed in {developed.both}, after the report's fiscal "
                    f"year {year.both}; not counted",
                    f"モーター `{mid}`：開発完了 {developed.japanese} が報告年度 {year.japanese} "
                    "より後です。数えません",
                ),
            )
            counts = False
        if counts and check_track is not None:
            counts = _motor_passes(f.path, where, mid, motor, check_track, ruleset, r)
        else:
            _unknown_keys(r, f.path, where, motor, ("id", "title", *_MOTOR_EXTRA))
        out.append(Item(f.path, where, (okey, mid), f"{operator} {mid}", developed, counts))
    return tuple(out)


def _motor_passes(
    file: str,
    where: str,
    mid: str,
    motor: dict[str, Any],
    track: str,
    ruleset: Ruleset,
    r: _Reading,
) -> bool:
    """Check a reported motor with the screening rules of ``track`` (e.g. saving.motor)."""
    plan = {k: v for k, v in motor.items() if k not in _MOTOR_EXTRA}
    plan["track"] = track
    result = check_plan(plan, 0, ruleset, set())
    if result.verdict in ("eligible", "review"):
        return True
    problems = [x for x in result.findings if x.status not in ("pass", "review")]
    en = "; ".join(f"{x.rule} {x.status}: {x.message('en')}" for x in problems)
    ja = "；".join(f"{x.rule} {x.status}：{x.message('ja')}" for x in problems)
    status: FindingStatus = "missing" if all(x.status == "missing" for x in problems) else "invalid"
    r.add(
        file,
        where,
        status,
        Text(
            f"motor `{mid}` is not counted: the {track} checks do not pass ({en})",
            f"モーター `{mid}` は数えません：{track} の確認を満たしていません（{ja}）",
        ),
    )
    return False


def _ev_models(
    f: InputFile, doc: dict[str, Any], year: FiscalYear | None, r: _Reading
) -> tuple[Item, ...]:
    out: list[Item] = []
    for where, ev in _tables(r, f.path, "ev_models", doc.get("ev_models")):
        _unknown_keys(r, f.path, where, ev, _EV_KEYS)
        name = _text(r, f.path, f"{where}.name", ev.get("name"), _W["model"])
        maker = _text(r, f.path, f"{where}.maker", ev.get("maker"), _W["maker"])
        launched = _year(r, f.path, f"{where}.launched", ev.get("launched"), _W["launched"], year)
        if name is None or maker is None or launched is None:
            continue
        hre_free = ev.get("heavy_rare_earth_free")
        counts = hre_free is True
        if hre_free is None:
            _missing(r, f.path, f"{where}.heavy_rare_earth_free", _W["hre_free"])
        elif not isinstance(hre_free, bool):
            r.add(
                f.path,
                f"{where}.heavy_rare_earth_free",
                "invalid",
                Text("write true or false, without quotes", "引用符なしで true か false"),
            )
        if year is not None and launched > year:
            r.add(
                f.path,
                f"{where}.launched",
                "contradiction",
                Text(
                    f"{maker} {name}: launched in {launched.both}, after the report's fiscal "
                    f"year {year.both}; not counted",
                    f"{maker} {name}：市場投入 {launched.japanese} が報告年度 {year.japanese} "
                    "より後です。数えません",
                ),
            )
            counts = False
        key = (fold_name(maker), fold_name(name))
        out.append(Item(f.path, where, key, f"{maker} {name}", launched, counts))
    return tuple(out)


def read_statistics(
    f: InputFile, indicators: IndicatorSet, r: _Reading
) -> tuple[list[StatValue], tuple[Item, ...]]:
    """The figures of one statistics file; problems go to ``r`` as findings."""
    doc = f.data
    _unknown_keys(r, f.path, "", doc, _STAT_KEYS)
    head = doc.get("statistics")
    if isinstance(head, dict):
        _unknown_keys(r, f.path, "statistics", head, _STAT_HEAD)
    else:
        r.add(f.path, "statistics", "invalid", Text("must be a table", "表で記入してください"))
    out: list[StatValue] = []
    names = list(indicators.fields)
    for where, entry in _tables(r, f.path, "years", doc.get("years")):
        _unknown_keys(r, f.path, where, entry, ["fiscal_year", *names, "note"])
        year = _year(r, f.path, f"{where}.fiscal_year", entry.get("fiscal_year"), _W["fiscal_year"])
        if year is None:
            continue
        for name, sf in indicators.fields.items():
            if name not in entry:
                continue
            v = read_value(sf.spec, entry[name])
            if v.problem is not None:
                r.add(f.path, f"{where}.{name}", "invalid", v.problem)
                continue
            out.append(StatValue(f.path, f"{where}.{name}", year, name, v))
    return out, _ev_models(f, doc, None, r)


_W: dict[str, Text] = {
    "operator": Text("operator name (`operator`)", "事業者名（`operator`）"),
    "fiscal_year": Text("fiscal year (`fiscal_year`)", "年度（`fiscal_year`）"),
    "plan_id": Text("plan ID (`id`)", "計画ID（`id`）"),
    "track": Text("track (`track`)", "トラック（`track`）"),
    "target": Text("target for the fiscal year (`target`)", "当該年度の目標（`target`）"),
    "actual": Text("actual for the fiscal year (`actual`)", "当該年度の実績（`actual`）"),
    "per_year": Text("capacity or production per year", "年間の能力・生産量"),
    "motor_id": Text("motor ID (`id`)", "モーターID（`id`）"),
    "developed": Text("fiscal year developed (`developed`)", "開発完了年度（`developed`）"),
    "model": Text("model name (`name`)", "車種名（`name`）"),
    "maker": Text("maker (`maker`)", "メーカー（`maker`）"),
    "launched": Text("fiscal year launched (`launched`)", "市場投入年度（`launched`）"),
    "hre_free": Text(
        "statement that the magnets are heavy-rare-earth free (`heavy_rare_earth_free`); "
        "not counted",
        "重希土類フリー磁石であることの記載（`heavy_rare_earth_free`）。数えません",
    ),
}


def _close(name: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, list(options), n=1)
    return found[0] if found else None


def _did_you_mean(close: str | None) -> Text:
    if close is None:
        return Text("", "")
    return Text(f" (did you mean '{close}'?)", f"（'{close}' のことですか？）")


# --- computing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One indicator in one fiscal year."""

    indicator: Indicator
    year: FiscalYear | None  # None: no data at all
    value: Fraction | None
    detail: Text | None  # how the value is made: "3 of 4 operators", "6,800 t/yr ÷ 7,200 t/yr"
    status: Status
    rule: Text  # the rule that decided the status, with the numbers
    sources: tuple[str, ...]
    trajectory: Fraction | None = None  # the value expected in this year, when there is one

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "—"
        return self.indicator.show(self.value, self.indicator.target)


@dataclass(frozen=True)
class Outcomes:
    indicators: IndicatorSet
    ruleset: Ruleset
    inputs: tuple[InputFile, ...]
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]

    def rows_for(self, indicator_id: str) -> list[Row]:
        return [r for r in self.rows if r.indicator.id == indicator_id]


def compute_files(
    paths: Sequence[str | os.PathLike[str]],
    indicators: IndicatorSet | None = None,
    ruleset: Ruleset | None = None,
) -> Outcomes:
    """Read every status report and statistics file under ``paths`` and compute."""
    rs = ruleset if ruleset is not None else api.select_ruleset()
    ind = indicators if indicators is not None else load_indicators(ruleset=rs)
    files = [read_input(p) for p in input_paths(paths)]
    return compute(files, ind, rs)


def compute(files: Sequence[InputFile], indicators: IndicatorSet, ruleset: Ruleset) -> Outcomes:
    """Every indicator for each fiscal year it has data for, with the findings met on the way."""
    r = _Reading()
    for f in files:
        for n in f.notices:
            r.add(f.path, "", "notice", n)
    reports: list[Report] = []
    stats: list[StatValue] = []
    stat_models: list[Item] = []
    for f in files:
        if f.kind == "report":
            rep = read_report(f, indicators, ruleset, r)
            if rep is not None:
                reports.append(rep)
        else:
            values, models = read_statistics(f, indicators, r)
            stats.extend(values)
            stat_models.extend(models)
    _report_gaps(reports, r)
    plans = _merge_plans(reports, r)
    figures = _merge_stats(stats, r)
    report_years = sorted({rep.year for rep in reports})
    rows: list[Row] = []
    for ind in indicators.indicators:
        if ind.measure == "plan_share":
            found = _plan_share(ind, plans)
        elif ind.measure == "count":
            items = (
                [m for rep in reports for m in rep.motors]
                if ind.items == "motors"
                else [m for rep in reports for m in rep.ev_models] + stat_models
            )
            years = set(report_years) | {m.year for m in items}
            found = _count(ind, _merge_items(items, r, ind), sorted(years))
        else:
            found = _ratio(ind, figures, indicators, r)
        rows.extend(_judge(ind, found))
    order = {f.path: i for i, f in enumerate(files)}
    findings = sorted(r.findings, key=lambda x: (order.get(x.file, len(order)), x.file))
    return Outcomes(indicators, ruleset, tuple(files), tuple(rows), tuple(findings))


@dataclass(frozen=True)
class _Point:
    year: FiscalYear
    value: Fraction
    detail: Text | None
    sources: tuple[str, ...]
    met: int = 0  # plan_share: operators that met their targets
    of: int = 0  # plan_share: operators with targets


# One plan of one operator in one year: its state and where it was reported.
@dataclass
class _PlanState:
    track: str
    met: bool | None  # None: cannot be told (missing, unreadable, contradictory)
    sources: list[str]


def _report_gaps(reports: list[Report], r: _Reading) -> None:
    by_op: dict[str, list[Report]] = {}
    for rep in reports:
        by_op.setdefault(rep.operator_key, []).append(rep)
    for reps in by_op.values():
        years = sorted({x.year.year for x in reps})
        for y in range(years[0] + 1, years[-1]):
            if y not in years:
                fy = FiscalYear(y)
                last = max((x for x in reps if x.year.year < y), key=lambda x: x.year)
                r.add(
                    last.file,
                    "report.fiscal_year",
                    "missing",
                    Text(
                        f"{last.operator} has reports before and after {fy.both} but none "
                        f"for it; that year's plans are not counted",
                        f"{last.operator} は {fy.japanese} の前後の報告がありますが、"
                        f"{fy.japanese} の報告がありません。その年度の計画は数えられません",
                    ),
                )


def _same(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.value is not None and b.value is not None:
        unit = a.value.unit
        try:
            return bool(a.value.to(unit) == b.value.to(unit))
        except pint.DimensionalityError:
            return False
    return a.given == b.given


def _merge_plans(
    reports: list[Report], r: _Reading
) -> dict[tuple[FiscalYear, str], dict[str, _PlanState]]:
    """Per (year, operator): each counted plan's state, contradictions between reports found."""
    first: dict[tuple[FiscalYear, str, str], PlanEntry] = {}
    out: dict[tuple[FiscalYear, str], dict[str, _PlanState]] = {}
    for rep in reports:
        states = out.setdefault((rep.year, rep.operator_key), {})
        for p in rep.plans:
            key = (rep.year, rep.operator_key, p.id)
            if key in first:
                prior = first[key]
                state = states[p.id]
                state.sources.append(p.file)
                clash = [] if prior.track == p.track else ["track"]
                clash += [
                    k
                    for k, a, b in (
                        ("target", prior.target, p.target),
                        ("actual", prior.actual, p.actual),
                    )
                    if not _same(a, b)
                ]
                if clash:
                    shown = ", ".join(
                        f"{k}: {_given(getattr(p, k))} ≠ {_given(getattr(prior, k))}" for k in clash
                    )
                    r.add(
                        p.file,
                        f"{p.where}.{clash[0]}",
                        "contradiction",
                        Text(
                            f"{rep.operator}, plan `{p.id}`, {rep.year.both}: this report and "
                            f"{prior.file} disagree ({shown}); the plan counts as not meeting "
                            "its target until one is corrected",
                            f"{rep.operator}、計画 `{p.id}`、{rep.year.japanese}：この報告と "
                            f"{prior.file} の内容が矛盾しています（{shown}）。どちらかが訂正される"
                            "まで、目標未達成として数えます",
                        ),
                    )
                    state.met = None
                else:
                    r.add(
                        p.file,
                        p.where,
                        "notice",
                        Text(
                            f"{rep.operator}, plan `{p.id}`, {rep.year.both}: also reported, "
                            f"identically, in {prior.file}",
                            f"{rep.operator}、計画 `{p.id}`、{rep.year.japanese}：{prior.file} "
                            "にも同じ内容の報告があります",
                        ),
                    )
                continue
            first[key] = p
            states[p.id] = _PlanState(p.track, _plan_met(p), [p.file])
    return out


def _given(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, Value):
        return v.given
    return str(v)


def _plan_met(p: PlanEntry) -> bool | None:
    if p.target is None or p.actual is None or p.target.value is None or p.actual.value is None:
        return None
    unit = p.target.value.unit
    return bool(p.actual.value.to(unit) >= p.target.value.to(unit))


def _plan_share(
    ind: Indicator, plans: dict[tuple[FiscalYear, str], dict[str, _PlanState]]
) -> list[_Point]:
    by_year: dict[FiscalYear, list[tuple[bool, list[str]]]] = {}
    for (year, _op), states in plans.items():
        mine = [s for s in states.values() if s.track in ind.tracks]
        if not mine:
            continue
        met = all(s.met is True for s in mine)
        sources = sorted({src for s in mine for src in s.sources})
        by_year.setdefault(year, []).append((met, sources))
    out = []
    for year in sorted(by_year):
        ops = by_year[year]
        n_met = sum(1 for m, _ in ops if m)
        detail = Text(
            f"{n_met} of {len(ops)} operators met their {year.western} plan targets",
            f"{len(ops)} 事業者中 {n_met} 事業者が {year.japanese} の計画目標を達成",
        )
        files = tuple(sorted({s for _, srcs in ops for s in srcs}))
        out.append(_Point(year, Fraction(n_met, len(ops)), detail, files, n_met, len(ops)))
    return out


def _merge_items(items: list[Item], r: _Reading, ind: Indicator) -> list[Item]:
    """One item per identity; the same motor or model reported with different years is
    contradictory and not counted."""
    groups: dict[tuple[str, ...], list[Item]] = {}
    for it in items:
        groups.setdefault(it.key, []).append(it)
    out: list[Item] = []
    for group in groups.values():
        years = sorted({it.year for it in group})
        if len(years) > 1:
            places = ", ".join(f"{it.file} ({it.year.western})" for it in group)
            what_en = "motor" if ind.items == "motors" else "EV model"
            what_ja = "モーター" if ind.items == "motors" else "車種"
            r.add(
                group[-1].file,
                group[-1].where,
                "contradiction",
                Text(
                    f"{what_en} {group[0].label} is reported in different fiscal years "
                    f"({places}); not counted",
                    f"{what_ja} {group[0].label} の年度が報告により異なります（{places}）。"
                    "数えません",
                ),
            )
            continue
        counts = all(it.counts for it in group)
        out.append(
            Item(group[0].file, group[0].where, group[0].key, group[0].label, years[0], counts)
        )
        for it in group[1:]:
            out.append(Item(it.file, it.where, it.key, it.label, it.year, False))
    return out


def _count(ind: Indicator, items: list[Item], years: list[FiscalYear]) -> list[_Point]:
    counted = [it for it in items if it.counts]
    out = []
    for year in years:
        upto = [it for it in counted if it.year <= year]
        sources = tuple(sorted({it.file for it in items if it.year <= year}))
        names = ", ".join(sorted(it.label for it in upto)) or "—"
        detail = Text(f"{len(upto)}: {names}", f"{len(upto)} 件：{names}")
        out.append(_Point(year, Fraction(len(upto)), detail, sources))
    return out


def _merge_stats(
    stats: list[StatValue], r: _Reading
) -> dict[tuple[FiscalYear, str], StatValue | None]:
    """One figure per (year, field); disagreeing figures are contradictory (None)."""
    out: dict[tuple[FiscalYear, str], StatValue | None] = {}
    firsts: dict[tuple[FiscalYear, str], StatValue] = {}
    for s in stats:
        key = (s.year, s.field)
        if key not in firsts:
            firsts[key] = s
            out[key] = s
            continue
        prior = firsts[key]
        if _same(prior.value, s.value):
            continue
        r.add(
            s.file,
            s.where,
            "contradiction",
            Text(
                f"{s.field} for {s.year.both}: {s.value.given} here, {prior.value.given} in "
                f"{prior.file} ({prior.where}); neither is used",
                f"{s.year.japanese} の {s.field}：ここでは {s.value.given}、{prior.file}"
                f"（{prior.where}）では {prior.value.given}。どちらも使用しません",
            ),
        )
        out[key] = None
    return out


def _ratio(
    ind: Indicator,
    figures: dict[tuple[FiscalYear, str], StatValue | None],
    indicators: IndicatorSet,
    r: _Reading,
) -> list[_Point]:
    assert ind.numerator is not None and ind.denominator is not None
    out = []
    years = sorted({y for (y, name) in figures if name == ind.numerator})
    for year in years:
        num = figures.get((year, ind.numerator))
        den_year = ind.denominator_year or year
        den = figures.get((den_year, ind.denominator))
        if num is None or den is None:
            continue
        assert num.value.value is not None and den.value.value is not None
        unit = den.value.value.unit
        d = den.value.value.to(unit)
        if d == 0:
            r.add(
                den.file,
                den.where,
                "invalid",
                Text(
                    f"{ind.id}: {ind.denominator} is zero; the ratio has no value",
                    f"{ind.id}：{ind.denominator} が0のため比率を計算できません",
                ),
            )
            continue
        value = num.value.value.to(unit) / d
        detail = Text(
            f"{num.value.given} ({year.western}) ÷ {den.value.given} ({den_year.western})",
            f"{num.value.given}（{year.japanese}）÷ {den.value.given}（{den_year.japanese}）",
        )
        out.append(_Point(year, value, detail, tuple(sorted({num.file, den.file}))))
    return out


def _judge(ind: Indicator, points: list[_Point]) -> list[Row]:
    if not points:
        return [
            Row(
                ind,
                None,
                None,
                None,
                "no_data",
                Text(
                    "no status report or statistic gives a value",
                    "値を示す状況報告・統計がありません",
                ),
                (),
            )
        ]
    baseline = ind.baseline
    baseline_year = ind.baseline_year
    if ind.trajectory == "linear" and baseline is None:
        baseline, baseline_year = points[0].value, points[0].year
    rows = []
    for p in points:
        status, rule, expected = judge(ind, p.year, p.value, baseline, baseline_year)
        rows.append(Row(ind, p.year, p.value, p.detail, status, rule, p.sources, expected))
    return rows


def trajectory_value(
    ind: Indicator, year: FiscalYear, baseline: Fraction, baseline_year: FiscalYear
) -> Fraction:
    """The straight line from ``baseline`` in ``baseline_year`` to the target in its year."""
    span = ind.target_year.year - baseline_year.year
    return baseline + (ind.target - baseline) * Fraction(year.year - baseline_year.year, span)


def judge(
    ind: Indicator,
    year: FiscalYear,
    value: Fraction,
    baseline: Fraction | None = None,
    baseline_year: FiscalYear | None = None,
) -> tuple[Status, Text, Fraction | None]:
    """The status of ``value`` in ``year``, the rule that decided it, and the trajectory."""
    ty = ind.target_year
    v = ind.show(value, ind.target)
    t = ind.target_text
    if year >= ty:
        if value >= ind.target:
            return (
                "achieved",
                Text(
                    f"{year.western} is the target year {ty.western} or later, and {v} ≥ {t}",
                    f"{year.japanese} は目標年度 {ty.japanese} 以降で、{v} ≥ {t}",
                ),
                None,
            )
        return (
            "behind",
            Text(
                f"{year.western} is the target year {ty.western} or later, and {v} < {t}",
                f"{year.japanese} は目標年度 {ty.japanese} 以降で、{v} < {t}",
            ),
            None,
        )
    before_en = f"{year.western} is before the target year {ty.western}"
    before_ja = f"{year.japanese} は目標年度 {ty.japanese} より前"
    if ind.trajectory == "plan":
        if value >= ind.target:
            return (
                "on_track",
                Text(
                    f"{before_en}; the year's plan targets are its trajectory, and {v} ≥ {t}",
                    f"{before_ja}。その年度の計画目標が軌道で、{v} ≥ {t}",
                ),
                ind.target,
            )
        return (
            "behind",
            Text(
                f"{before_en}; the year's plan targets are its trajectory, and {v} < {t}",
                f"{before_ja}。その年度の計画目標が軌道で、{v} < {t}",
            ),
            ind.target,
        )
    if value >= ind.target:
        return (
            "achieved",
            Text(
                f"{before_en}, and {v} ≥ {t} already",
                f"{before_ja}で、既に {v} ≥ {t}",
            ),
            None,
        )
    if ind.trajectory == "linear" and baseline is not None and baseline_year is not None:
        if year < baseline_year:
            return (
                "on_track",
                Text(
                    f"{before_en} and before the baseline year {baseline_year.western}",
                    f"{before_ja}で、基準年度 {baseline_year.japanese} より前",
                ),
                None,
            )
        expected = trajectory_value(ind, year, baseline, baseline_year)
        e = ind.show(expected, value)
        line_en = (
            f"the straight line from {ind.show(baseline)} in {baseline_year.western} "
            f"to {t} in {ty.western} gives {e}"
        )
        line_ja = (
            f"{baseline_year.japanese} の {ind.show(baseline)} から {ty.japanese} の {t} への"
            f"直線で {e}"
        )
        if value >= expected:
            return (
                "on_track",
                Text(
                    f"{before_en}; {line_en}, and {v} ≥ {e}", f"{before_ja}。{line_ja}、{v} ≥ {e}"
                ),
                expected,
            )
        return (
            "behind",
            Text(f"{before_en}; {line_en}, and {v} < {e}", f"{before_ja}。{line_ja}、{v} < {e}"),
            expected,
        )
    return (
        "on_track",
        Text(
            f"{before_en}; {v} < {t}, which is not due until {ty.western}",
            f"{before_ja}。{v} < {t} だが、期限は {ty.japanese}",
        ),
        None,
    )


# --- JSON Schema of the input files -------------------------------------------------------

_FISCAL_YEAR_PATTERN = (
    r"^\s*(?:(?:FY|ＦＹ)\s*\d{4}|\d{4}\s*年度|(?:R|令和|H|平成)\s*(?:\d{1,2}|元)\s*(?:年度)?)\s*$"
)


def input_schema(kind: str, indicators: IndicatorSet, ruleset: Ruleset) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a status report (``kind="report"``) or a program
    statistics file (``kind="statistics"``), for editors and for checking files elsewhere."""
    if kind not in ("report", "statistics"):
        raise OutcomesError(f"--schema {kind}: choose report or statistics")
    defs: dict[str, Any] = {
        "fiscal_year": {
            "description": "A fiscal year, April to March: R10年度, 令和10年度, FY2028, 2028年度, "
            "2028, or a date in it",
            "anyOf": [
                {"type": "string", "pattern": _FISCAL_YEAR_PATTERN},
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                {"type": "string", "format": "date"},
            ],
        },
        "annual_mass": {
            "type": "string",
            "description": 'A mass per year with its unit: "500 t/yr", "0.5 kt/yr", "年500トン"',
            "examples": ["500 t/yr"],
        },
        "ev_model": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "maker", "heavy_rare_earth_free"],
            "properties": {
                "name": {"type": "string", "description": "Model name (車種名)"},
                "maker": {"type": "string", "description": "Vehicle maker (メーカー)"},
                "launched": {
                    "$ref": "#/$defs/fiscal_year",
                    "description": "Fiscal year (or date) of market launch (市場投入); in a "
                    "status report, the report's fiscal year when left out",
                },
                "motor": {"type": "string", "description": "ID of the drive motor, if ours"},
                "heavy_rare_earth_free": {
                    "type": "boolean",
                    "description": "The drive motor's magnets are heavy-rare-earth free",
                },
                "note": {"type": "string"},
            },
        },
    }
    base = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "additionalProperties": False,
        "$defs": defs,
    }
    if kind == "statistics":
        years_props: dict[str, Any] = {"fiscal_year": {"$ref": "#/$defs/fiscal_year"}}
        for name, sf in indicators.fields.items():
            years_props[name] = {
                "$ref": "#/$defs/annual_mass",
                "description": f"{sf.spec.label.en} ({sf.spec.label.ja})",
            }
        years_props["note"] = {"type": "string"}
        return {
            **base,
            "title": "Program statistics (プログラム統計) for eligibility outcomes",
            "required": ["statistics"],
            "properties": {
                "statistics": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "title": {"type": "string"},
                        "source": {"type": "string", "description": "Survey, hearing (出典)"},
                        "surveyed": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                },
                "years": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["fiscal_year"],
                        "properties": years_props,
                    },
                },
                "ev_models": {
                    "type": "array",
                    "items": {
                        "allOf": [{"$ref": "#/$defs/ev_model"}],
                        "required": ["launched"],
                    },
                },
            },
        }
    counted = sorted({t for i in indicators.indicators for t in i.tracks})
    return {
        **base,
        "title": "Status report (状況報告) of one operator for one fiscal year",
        "required": ["report"],
        "properties": {
            "report": {
                "type": "object",
                "additionalProperties": False,
                "required": ["operator", "fiscal_year"],
                "properties": {
                    "operator": {"type": "string", "description": "Operator (事業者名)"},
                    "corporate_number": {
                        "type": "string",
                        "description": "法人番号, 13 digits; reports go together by it",
                    },
                    "fiscal_year": {"$ref": "#/$defs/fiscal_year"},
                    "submitted": {"type": "string", "format": "date"},
                    "note": {"type": "string"},
                },
            },
            "plans": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "track"],
                    "properties": {
                        "id": {"type": "string", "description": "Plan ID, as in the application"},
                        "track": {
                            "enum": sorted(ruleset.tracks),
                            "description": "Track; targets and actuals are read for: "
                            + ", ".join(counted),
                        },
                        "title": {"type": "string"},
                        "target": {
                            "$ref": "#/$defs/annual_mass",
                            "description": "The approved plan's target for the fiscal year: "
                            "capacity in operation, or NdFeB magnet production the recycling "
                            "equipment enables, at the end of the year",
                        },
                        "actual": {
                            "$ref": "#/$defs/annual_mass",
                            "description": "What was achieved by the end of the fiscal year",
                        },
                        "note": {"type": "string"},
                    },
                },
            },
            "motors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id"],
                    "description": "An EV drive motor whose development was completed, with "
                    "the figures the saving.motor track reads ([motors.magnet], [motors.motor])",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "developed": {
                            "$ref": "#/$defs/fiscal_year",
                            "description": "Fiscal year (or date) development was completed; "
                            "the report's fiscal year when left out",
                        },
                        "development_period": {"type": "string"},
                        "magnet": {"type": "object"},
                        "motor": {"type": "object"},
                        "note": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
            "ev_models": {"type": "array", "items": {"$ref": "#/$defs/ev_model"}},
        },
    }
