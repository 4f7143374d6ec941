"""JSON: the contract's result object (``../shared/spec/APPLICATION.md``) for one result, and
a batch document streamed row by row.

Values are the application's text as given; only the JSON text is made terminal-safe:
control, separator and bidi characters inside strings are written as ``\\u`` escapes (which
every JSON reader decodes to the same value), so printing a result cannot drive a terminal.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from eligibility import __version__
from eligibility.checking.result import Finding, PlanResult, Result
from eligibility.rendering.escape import json_text
from eligibility.rendering.outline import BatchWriter
from eligibility.rendering.provenance import timestamp
from eligibility.ruleset.places import folder_label
from eligibility.text import Lang
from eligibility.verdicts import BATCH_ORDER

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary

_COMPACT = json.JSONEncoder(ensure_ascii=False)
_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2)
_TIGHT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value: Any, *, indent: bool = True) -> str:
    """``value`` as JSON text, two-space indented or on one line, non-ASCII kept readable,
    and with no raw control character (outside strings JSON text has none; inside, the
    encoder escapes C0 itself and this escapes the rest).

    Indented text comes from orjson when it can write the value: the standard library's
    encoder falls back to pure Python for any ``indent`` (about 100 µs of a plan's 150 µs
    budget, against 5 µs), and orjson's two-space indent writes the same text. A value
    orjson refuses (an integer beyond 64 bits) is written by the standard encoder."""
    if indent:
        fast = _orjson(value, indent=True)
        if fast is not None:
            return json_text(fast)
    return json_text((_INDENTED if indent else _COMPACT).encode(value))


def line(value: Any) -> str:
    """``value`` as JSON on one line with no space after a separator, for programs (the
    server's answers): made as :func:`dumps` makes its text, by orjson when it can write the
    value (its compact form is this), else by the standard encoder, which writes the same."""
    fast = _orjson(value, indent=False)
    return json_text(fast if fast is not None else _TIGHT.encode(value))


def _orjson(value: Any, *, indent: bool) -> str | None:
    try:
        import orjson
    except ImportError:  # an install without it: the standard encoder, slower, same text
        return None
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else None).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return None


# --- one result ------------------------------------------------------------------------------


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": f.rule, "status": f.status}
    for key in ("field", "cell", "given", "value", "threshold", "margin", "needed", "basis"):
        v = getattr(f, key)
        if v is not None:
            out[key] = v
    out["message"] = f.message(lang)
    if f.source:
        out["source"] = f.source
    out["severity"] = f.severity
    if f.note is not None:
        out["note"] = f.note(lang)
    return out


def plan_dict(p: PlanResult, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "track": p.track, "verdict": p.verdict}
    if p.title is not None:
        out["title"] = p.title
    out["findings"] = [finding_dict(f, lang) for f in p.findings]
    return out


def ruleset_dict(r: Result) -> dict[str, Any]:
    rs = r.ruleset
    out: dict[str, Any] = {
        "id": rs.id,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "sha256": rs.sha256,
        "files": dict(sorted(rs.files.items())),
        "folder": folder_label(rs.folder),
    }
    if rs.base is not None:
        out["base"] = rs.base
    if r.as_of is not None:
        out["as_of"] = r.as_of.isoformat()
    if r.as_of_source:
        out["chosen_by"] = r.as_of_source
    if r.in_force_today is not None:
        out["in_force_today"] = r.in_force_today
    return out


def result_dict(r: Result, lang: Lang) -> dict[str, Any]:
    """The contract's result object, as plain data."""
    out: dict[str, Any] = {
        "file": r.file,
        "verdict": r.verdict,
        "ruleset": ruleset_dict(r),
        "applicant": {
            "name": r.applicant_name,
            "findings": [finding_dict(f, lang) for f in r.applicant_findings],
        },
        "plans": [plan_dict(p, lang) for p in r.plans],
        "tool": {"name": "eligibility", "version": __version__},
    }
    if r.file_sha256 is not None:
        out["sha256"] = r.file_sha256
    if r.notices:
        out["notices"] = [n(lang) for n in r.notices]
    if r.checked_at is not None:
        out["checked_at"] = timestamp(r.checked_at)
    return out


def render(r: Result, lang: Lang = "en") -> str:
    return dumps(result_dict(r, lang)) + "\n"


# --- a batch ---------------------------------------------------------------------------------


class ObjectStream:
    """One JSON object written member by member, exactly as ``dumps(obj)`` would write it
    whole, except that an array opened with :meth:`begin_array` holds one item per line: a
    batch of any size is written as it arrives and never held in memory.

    Members are encoded by the JSON encoder and nested by indenting each line: the encoder
    writes a newline only between tokens (one inside a string is always ``\\n``), so the
    nesting is exact.
    """

    INDENT = "  "

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.members = 0
        self.items: int | None = None  # items in the open array, if one is open
        out.write("{")

    def _key(self, key: str) -> None:
        self.out.write(("," if self.members else "") + "\n" + self.INDENT + dumps(key) + ": ")
        self.members += 1

    def member(self, key: str, value: Any, *, compact: bool = False) -> None:
        self._key(key)
        text = dumps(value, indent=not compact)
        self.out.write(text.replace("\n", "\n" + self.INDENT))

    def begin_array(self, key: str) -> None:
        self._key(key)
        self.out.write("[")
        self.items = 0

    def item(self, value: Any) -> None:
        assert self.items is not None, "no array is open"
        self.out.write(("," if self.items else "") + "\n" + self.INDENT * 2)
        self.out.write(dumps(value, indent=False))
        self.items += 1

    def items_text(self, text: str, count: int) -> None:
        """``count`` items already encoded, each as ``",\n" + indent + JSON``: the first
        item of the array goes without its comma."""
        assert self.items is not None, "no array is open"
        if count:
            self.out.write(text if self.items else text[1:])
            self.items += count

    def end_array(self) -> None:
        assert self.items is not None, "no array is open"
        self.out.write("\n" + self.INDENT + "]" if self.items else "]")
        self.items = None

    def close(self) -> None:
        self.out.write("\n}\n" if self.members else "}\n")


def row_dict(r: Row) -> dict[str, Any]:
    item: dict[str, Any] = {
        "file": r.file,
        "applicant": r.applicant,
        "plan": r.plan,
        "track": r.track,
        "verdict": r.verdict,
        "failed": list(r.failed),
        "missing": list(r.missing),
        "review": list(r.review),
        "sha256": r.sha256,
        "ruleset": r.ruleset,
    }
    if r.error is not None:
        item["error"] = r.error
    return item


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "verdict": summary.worst,
        "files": summary.files,
        "plans": summary.plans,
        "by_verdict": {v: summary.by_verdict[v] for v in BATCH_ORDER if summary.by_verdict[v]},
        "by_track": {
            t: {v: c[v] for v in BATCH_ORDER if c[v]} for t, c in sorted(summary.by_track.items())
        },
    }


class JsonWriter(BatchWriter):
    """``{"tool", "rows": [one per line], "summary", "rulesets", "checked_at"}``."""

    def begin(self) -> None:
        self.doc = ObjectStream(self.out)
        self.doc.member("tool", {"name": "eligibility", "version": __version__}, compact=True)
        self.doc.begin_array("rows")

    def render(self, rows: list[Row]) -> str:
        return "".join(self.doc_item(row_dict(r)) for r in rows)

    @staticmethod
    def doc_item(value: Any) -> str:
        """An item of the rows array as :meth:`ObjectStream.item` writes it after another."""
        return ",\n" + ObjectStream.INDENT * 2 + dumps(value, indent=False)

    def write(self, text: str, rows: int) -> None:
        self.doc.items_text(text, rows)

    def end(self, summary: Summary) -> None:
        self.doc.end_array()
        self.doc.member("summary", summary_dict(summary))
        rulesets = [{"ruleset": n, "sha256": s} for n, s in sorted(summary.rulesets.items())]
        self.doc.member("rulesets", rulesets)
        self.doc.member("checked_at", timestamp(self.checked_at))
        self.doc.close()
