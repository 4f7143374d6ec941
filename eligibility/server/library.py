"""The server's one door into the library: every library function the server calls is
imported here and nowhere else in ``eligibility.server``.

Routes and pages call these functions with bytes and plain values and get back the text the
command line prints or plain data for a template, so a change in the library's layout is a
change in this file alone. Nothing here touches the file system on a request's behalf: an
application arrives as bytes with a name that is only a label.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eligibility import __version__, api, clock, describe, record
from eligibility.application.reader import DEFAULT_MAX_BYTES, parse_application_bytes
from eligibility.checking.result import Result
from eligibility.describe.filled_workbook import filled_workbook
from eligibility.describe.formats import TemplateFormat
from eligibility.errors import (
    ApplicationReadError,
    EligibilityError,
    RulesetError,
    UnknownRuleError,
    UnknownTrackError,
)
from eligibility.messages import describe as describe_words
from eligibility.messages import screening as screening_say
from eligibility.rendering import result as report
from eligibility.rendering.formats import ScreenFormat
from eligibility.rendering.formats import json as json_format
from eligibility.ruleset.model import Ruleset, Track
from eligibility.ruleset.select import default_rules_dir, select_ruleset
from eligibility.screening import batch as screening
from eligibility.text import Lang, Text
from eligibility.verdicts import BATCH_ORDER, BATCH_VERDICT_TEXT

__all__ = [
    "DEFAULT_MAX_BYTES",
    "REPORT_FORMATS",
    "SCREEN_FORMATS",
    "SUFFIXES",
    "TEMPLATE_FORMATS",
    "VERSION",
    "WORKBOOK_SUFFIXES",
    "ApplicationReadError",
    "EligibilityError",
    "Lang",
    "Library",
    "RulesetError",
    "Screened",
    "UnknownRuleError",
    "UnknownTrackError",
    "Upload",
]

VERSION = __version__
SUFFIXES = tuple(screening.SUFFIXES)  # what an application file may be called
REPORT_FORMATS = tuple(report.FORMATS)  # check --format
SCREEN_FORMATS = tuple(str(f) for f in ScreenFormat)  # screen --format
TEMPLATE_FORMATS = tuple(str(f) for f in TemplateFormat)  # template --format
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")  # read as a form workbook (.xlsm only to be refused)
BATCH_VERDICTS = tuple(str(v) for v in BATCH_ORDER)
_SIGNED_NUMBER = re.compile(r"^\s*([+\-−]?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)")
# a number not followed by "-" and a digit: "≤ 2030-12-31" is a date, not 2030
_THRESHOLD = re.compile(r"^\s*(≥|>|≤|<)\s*([0-9][0-9,]*(?:\.[0-9]+)?)(?![-\d.,])")


@dataclass(frozen=True)
class Upload:
    """One application as received: a name that is only a label, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Screened:
    """A screened batch: the report in the format asked for (``text``, or ``data`` for the
    workbook), the rows, and each file's result (``None`` for a file that could not be
    read)."""

    text: str
    rows: list[dict[str, Any]]
    results: list[dict[str, Any] | None]
    data: bytes = b""


class Library:
    """The library as one server configuration sees it: one rules root (the shipped rules
    unless ``rules`` names a folder at start-up, never from a request)."""

    def __init__(
        self,
        rules: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        *,
        record: str | None = None,
        keep_input: bool = False,
        reviewer: str | None = None,
    ) -> None:
        self.rules = rules
        self.max_bytes = max_bytes
        self.record = record
        self.keep_input = keep_input
        self.reviewer = reviewer
        self._recorders = threading.local()  # a SQLite connection is never shared by threads
        root = Path(rules) if rules is not None else default_rules_dir()
        self._root = str(root.resolve())

    # --- what a response may say about where the rules are --------------------------------

    def public(self, text: str) -> str:
        """``text`` without the server's own folders: rule set paths are shown relative to
        the rules root, so a response never tells where the server is installed."""
        return text.replace(self._root + "/", "").replace(self._root, ".")

    # --- rule sets ---------------------------------------------------------------------------

    def ruleset(self, as_of: dt.date | None = None) -> Ruleset:
        return select_ruleset(self.rules, as_of)

    def warm(self) -> None:
        """Load the rule set in force now, so the first request does not pay for it."""
        self.ruleset()

    def rulesets(self, as_of: dt.date | None = None) -> dict[str, Any]:
        listing = describe.rules_listing(self.rules, as_of)
        for item in [*listing["rulesets"], listing["ruleset"]]:
            item["path"] = self.public(str(item["path"]))
        return listing

    def explain(self, rule_id: str, as_of: dt.date | None = None) -> dict[str, Any]:
        return describe.explain(self.ruleset(as_of), rule_id)

    def rules_page(self, as_of: dt.date | None) -> dict[str, Any]:
        """The rule set in force on ``as_of`` with every rule explained, and the others."""
        rs = self.ruleset(as_of)
        return {
            "listing": self.rulesets(as_of),
            "rules": _explained(rs),
            "tracks": [(t.id, t.title) for t in rs.tracks.values()],
        }

    def template(self, track_id: str, as_of: dt.date | None = None) -> str:
        return describe.template(self.ruleset(as_of), track_id)

    def template_bytes(
        self, track_id: str, fmt: str, as_of: dt.date | None = None, plans: int = 1
    ) -> bytes:
        """What ``template TRACK --format fmt`` writes: TOML text or a form workbook."""
        return TemplateFormat(fmt).to_bytes(self.ruleset(as_of), track_id, plans=plans)

    def workbook(self, upload: Upload, as_of: dt.date | None = None) -> bytes:
        """The application in ``upload`` written into the form workbook of its first plan's
        track (the rule set in force on ``as_of``, else today), which ``check`` reads back to
        the same findings."""
        raw = parse_application_bytes(
            upload.data, upload.name, suffix=_suffix(upload.name), max_bytes=self.max_bytes
        )
        return filled_workbook(self.ruleset(as_of), raw.data, upload.name)

    def schema(self, as_of: dt.date | None = None) -> dict[str, Any]:
        return describe.schema(self.ruleset(as_of))

    def tracks(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        rs = self.ruleset(as_of)
        return [
            {"id": t.id, "family": t.family, "title": {"en": t.title.en, "ja": t.title.ja}}
            for t in rs.tracks.values()
        ]

    def form(self, track_id: str, as_of: dt.date | None = None) -> dict[str, Any]:
        """What the self-check form shows for a track: each field the track reads, with its
        label, units, an example, whether it is needed, and the rules that read it."""
        return _form(self.ruleset(as_of), track_id)

    # --- checking ------------------------------------------------------------------------------

    def check(
        self, upload: Upload, *, as_of: dt.date | None = None, now: dt.datetime | None = None
    ) -> Result:
        """Check one application given as bytes, choosing the rule set as ``check`` does:
        ``as_of``, else the application's ``applicant.submitted``, else today in Japan."""
        result = api.check_bytes(
            upload.data,
            upload.name,
            suffix=_suffix(upload.name),
            rules=self.rules,
            as_of=as_of,
            max_bytes=self.max_bytes,
            now=now,
        )
        if self.record is not None:  # a RecordError answers the request: never unrecorded
            self._recorder().add(
                result,
                reviewer=self.reviewer,
                note="eligibility serve",
                input_bytes=upload.data if self.keep_input else None,
            )
        return result

    def _recorder(self) -> record.Recorder:
        recorder: record.Recorder | None = getattr(self._recorders, "recorder", None)
        if recorder is None:
            assert self.record is not None
            recorder = self._recorders.recorder = record.open(self.record)
        return recorder

    def render(self, result: Result, fmt: str, lang: Lang) -> str:
        """A result as ``check --format fmt`` prints it."""
        return report.FORMATS[fmt](result, lang)

    def result_json(self, result: Result, lang: Lang, *, pretty: bool = False) -> str:
        """The JSON ``check --format json`` prints: two-space indented when ``pretty``, else
        the same document on one line. Indenting makes the standard library encode in
        Python rather than in C, at five times the cost: the line is for programs."""
        if pretty:
            return report.FORMATS["json"](result, lang)
        return json_format.line(report.result_dict(result, lang)) + "\n"

    def screen(
        self,
        uploads: Sequence[Upload],
        *,
        fmt: str,
        lang: Lang,
        as_of: dt.date | None = None,
        refused: Iterable[tuple[str, Text]] = (),
        now: dt.datetime | None = None,
    ) -> Screened:
        """Screen a batch as ``screen --format fmt`` does, in this process: one row per
        plan, a row with its error for a file that cannot be read, the summary underneath.
        ``refused`` are (name, message) pairs for members not read at all (too big)."""
        when = (now or clock.now()).replace(microsecond=0)
        summary = screening.Summary()
        chosen = ScreenFormat(fmt)
        out = io.StringIO()
        binary = io.BytesIO()
        writer = (
            chosen.to_binary_writer()(binary, lang, when)
            if chosen.binary
            else chosen.to_writer()(out, lang, when)
        )
        writer.begin()
        rows: list[dict[str, Any]] = []
        results: list[dict[str, Any] | None] = []

        def emit(batch_rows: list[screening.Row], closest: dict[str | None, Any]) -> None:
            summary.add(batch_rows)
            writer.rows(batch_rows)
            for row in batch_rows:
                item = _row_dict(row)
                item["result"] = len(results) - 1
                item["closest"] = closest.get(row.plan)
                rows.append(item)

        for name, refusal in refused:
            results.append(None)
            emit([screening.Row(name, screening.ERROR, error=refusal(lang))], {})
        for upload in uploads:
            try:
                result = self.check(upload, as_of=as_of, now=when)
            except EligibilityError as exc:  # a row in the batch's language, as screen's
                results.append(None)
                message = self.public(exc.in_language(lang))
                emit([screening.Row(upload.name, screening.ERROR, error=message)], {})
                continue
            except RecursionError:
                results.append(None)
                message = screening_say.NESTED_TOO_DEEPLY.format(path=upload.name)(lang)
                emit([screening.Row(upload.name, screening.ERROR, error=message)], {})
                continue
            results.append(report.result_dict(result, lang))
            emit(screening.rows_of(result), _closest_by_plan(result))
        writer.end(summary)
        text = out.getvalue()
        if chosen.takes_encoding:  # CSV for Excel, as `screen` writes it: a BOM
            text = "\ufeff" + text
        return Screened(text, rows, results, binary.getvalue())


# --- helpers -----------------------------------------------------------------------------------


def _suffix(name: str) -> str:
    lower = name.lower()
    return next((s for s in SUFFIXES if lower.endswith(s)), Path(name).suffix)


def _row_dict(row: screening.Row) -> dict[str, Any]:
    return {
        "file": row.file,
        "applicant": row.applicant,
        "plan": row.plan,
        "track": row.track,
        "verdict": row.verdict,
        "failed": list(row.failed),
        "missing": list(row.missing),
        "review": list(row.review),
        "sha256": row.sha256,
        "ruleset": row.ruleset,
        **({"error": row.error} if row.error is not None else {}),
    }


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def relative_margin(margin: str | None, threshold: str | None) -> float | None:
    """How far a value is from its threshold, as a fraction of the threshold, on the side
    that passes (positive: clears it; negative: short of it); ``None`` when the finding's
    margin or threshold is not a single number (a range, a choice, a date)."""
    if not margin or not threshold:
        return None
    m = _SIGNED_NUMBER.match(margin)
    t = _THRESHOLD.match(threshold)
    if m is None or t is None:
        return None
    value = _number(m.group(2)) * (-1 if m.group(1) in ("-", "−") else 1)
    limit = _number(t.group(2))
    if limit == 0:
        return None
    headroom = value if t.group(1) in ("≥", ">") else -value
    return headroom / limit


def _closest_by_plan(result: Result) -> dict[str | None, Any]:
    """For each plan, the finding closest to its threshold (the smallest relative margin)."""
    out: dict[str | None, Any] = {}
    for plan in result.plans:
        best: dict[str, Any] | None = None
        for f in plan.findings:
            rel = relative_margin(f.margin, f.threshold)
            if rel is not None and (best is None or rel < best["relative"]):
                best = {
                    "rule": f.rule,
                    "margin": f.margin,
                    "threshold": f.threshold,
                    "relative": round(rel, 6),
                }
        out[plan.id] = best
    return out


# Descriptions are derived from a rule set alone, so they are kept per rule set checksum.
_EXPLAINED: dict[str, list[dict[str, Any]]] = {}
_FORMS: dict[tuple[str, str], dict[str, Any]] = {}


def _explained(rs: Ruleset) -> list[dict[str, Any]]:
    if rs.sha256 not in _EXPLAINED:
        _EXPLAINED[rs.sha256] = [describe.explain(rs, r.id) for r in rs.rules]
    return _EXPLAINED[rs.sha256]


def _form(rs: Ruleset, track_id: str) -> dict[str, Any]:
    track = describe.find_track(rs, track_id)
    key = (rs.sha256, track.id)
    if key not in _FORMS:
        _FORMS[key] = _build_form(rs, track)
    return _FORMS[key]


FORM_OPTIONAL = describe_words.OPTIONAL_IN_PAGE


def _build_form(rs: Ruleset, track: Track) -> dict[str, Any]:
    from eligibility.describe.application_fields import OPTIONAL
    from eligibility.describe.template import field_needs

    needs = field_needs(rs, track)
    rules = rs.rules_for(track.id)
    fields: list[dict[str, Any]] = []
    for path in describe.track_fields(rs, track):
        spec = rs.fields[path]
        reading = [r for r in rules if path in r.fields or path == r.when_field]
        example = None
        for rule in reading:
            for ex in describe.examples(rule, rs):
                value = ex.values.get(path)
                if ex.status == "pass" and value is not None:
                    example = value if isinstance(value, str) else json.dumps(value)
                    break
            if example is not None:
                break
        block, _, key = path.rpartition(".")
        need = FORM_OPTIONAL if needs[path] == OPTIONAL else needs[path]
        fields.append(
            {
                "path": path,
                "block": block,
                "key": key,
                "type": spec.type,
                "label": {"en": spec.label.en, "ja": spec.label.ja},
                "accepts": spec.accepts,
                "choices": list(dict.fromkeys(spec.choices.values())),
                "default": spec.default,
                "need": {"en": need.en, "ja": need.ja},
                "required": need.en == "required",
                "example": example,
                "rules": [
                    {
                        "id": r.id,
                        "title": {"en": r.title.en, "ja": r.title.ja},
                        "threshold": r.threshold_text(),
                        "source": r.source,
                    }
                    for r in reading
                    if path in r.fields
                ],
            }
        )
    return {
        "track": {"id": track.id, "title": {"en": track.title.en, "ja": track.title.ja}},
        "ruleset": {"id": rs.id, "version": rs.version},
        "fields": fields,
    }


def verdict_text(verdict: str, lang: Lang) -> str:
    return BATCH_VERDICT_TEXT[verdict](lang)
