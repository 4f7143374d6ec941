"""JSON: the contract's bytes unchanged, the batch streamed by the encoder, and no raw control
character in any JSON text."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility import __version__, api
from eligibility.rendering.escape import json_text
from eligibility.rendering.formats import ScreenFormat
from eligibility.rendering.formats.json import ObjectStream, dumps, line, render, result_dict
from eligibility.screening.batch import Row, Summary
from eligibility.verdicts import BATCH_ORDER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.toml")))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_result_is_the_contract_object_dumped_as_it_always_was(name: str, lang: str) -> None:
    result = api.check_file(EXAMPLES / name, now=NOW)
    expected = json.dumps(result_dict(result, lang), ensure_ascii=False, indent=2) + "\n"
    assert render(result, lang) == expected


def _old_batch_document(rows: list[Row], summary: Summary) -> str:
    """The batch document as screen wrote it before it was streamed by the encoder."""
    out = '{\n  "tool": ' + json.dumps({"name": "eligibility", "version": __version__})
    out += ',\n  "rows": ['
    for i, r in enumerate(rows):
        item = {
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
        out += ("\n    " if i == 0 else ",\n    ") + json.dumps(item, ensure_ascii=False)
    tail = {
        "summary": {
            "verdict": summary.worst,
            "files": summary.files,
            "plans": summary.plans,
            "by_verdict": {v: summary.by_verdict[v] for v in BATCH_ORDER if summary.by_verdict[v]},
            "by_track": {
                t: {v: c[v] for v in BATCH_ORDER if c[v]}
                for t, c in sorted(summary.by_track.items())
            },
        },
        "rulesets": [{"ruleset": n, "sha256": s} for n, s in sorted(summary.rulesets.items())],
        "checked_at": "2026-05-01T09:00:00Z",
    }
    body = json.dumps(tail, ensure_ascii=False, indent=2)[1:-2]
    return out + ("\n  ]," if rows else "],") + body + "\n}\n"


ROWS = [
    Row(file="missing.toml", verdict="error", error="missing.toml: no such file or folder"),
    Row(
        file="日本/a.toml",
        verdict="ineligible",
        applicant='株式会社 "引用" \\ K.K.',
        plan="p1",
        track="capacity.ndfeb",
        failed=("capacity.ndfeb.energy_product",),
        missing=("a", "b"),
        sha256="ab" * 32,
        ruleset="permanent-magnets 2025-06",
        ruleset_sha256="cd" * 32,
    ),
    Row(file="b.json", verdict="eligible", plan="x", track="saving.motor", sha256="ef" * 32),
]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_streamed_batch_document_is_byte_for_byte_the_old_one(count: int) -> None:
    rows = ROWS[:count]
    summary = Summary()
    out = io.StringIO()
    writer = ScreenFormat.JSON.to_writer()(out, "en", NOW)
    writer.begin()
    for row in rows:
        summary.add([row])
        writer.rows([row])
    writer.end(summary)
    assert out.getvalue() == _old_batch_document(rows, summary)
    assert json.loads(out.getvalue())["summary"]["files"] == count


def test_an_object_stream_writes_what_the_encoder_writes_whole() -> None:
    doc = {"a": {"b": [1, {"c": "x\ny"}], "d": {}}, "e": [], "f": "日本", "g": None}
    out = io.StringIO()
    stream = ObjectStream(out)
    for key, value in doc.items():
        stream.member(key, value)
    stream.close()
    assert out.getvalue() == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    ObjectStream(empty).close()
    assert empty.getvalue() == "{}\n"


def test_json_text_carries_no_raw_control_or_bidi_character_and_keeps_the_value() -> None:
    value = {"name": "a\x1b[2J\x9b\x7f\u202e\u2066\u2028\u200f\u061cb"}
    text = dumps(value)
    assert all(ch == "\n" or (ch.isprintable() and ch not in "\u202e\u2066") for ch in text)
    assert "\\u001b" in text and "\\u009b" in text and "\\u202e" in text
    assert json.loads(text) == value


def test_indented_json_is_the_standard_encoders_text_byte_for_byte(shared_examples: Path) -> None:
    """The fast encoder writes what ``json.dumps(indent=2)`` writes, for every example; a
    value it refuses (an integer beyond 64 bits) is written by the standard encoder."""
    for example in sorted(shared_examples.glob("*.toml")):
        data = result_dict(api.check_file(example), "ja")
        assert dumps(data) == json_text(json.dumps(data, ensure_ascii=False, indent=2)), example
    huge = {"n": 10**30, "s": "\u2028"}
    assert dumps(huge) == json_text(json.dumps(huge, ensure_ascii=False, indent=2))


def test_a_json_line_is_the_standard_encoders_tight_text_byte_for_byte(
    shared_examples: Path,
) -> None:
    """The server's one-line answer: what ``json.dumps(separators=(",", ":"))`` writes, for
    every example and for hostile text, and from the standard encoder what orjson refuses."""

    def tight(value: object) -> str:
        return json_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    for example in sorted(shared_examples.glob("*.toml")):
        for lang in ("en", "ja"):
            data = result_dict(api.check_file(example), lang)  # type: ignore[arg-type]
            assert line(data) == tight(data), example
    hostile = {
        "s": 'a\x1b[2J\x9b\x7f\u202e\u2066\u2028\u200f\u061c"\\\n\t\x00b',
        "n": [1, None, True],
    }
    assert line(hostile) == tight(hostile)
    assert "\n" not in line(hostile) and json.loads(line(hostile)) == hostile
    huge = {"n": 10**30}
    assert line(huge) == '{"n":1000000000000000000000000000000}'


def test_the_characters_json_text_looks_for_are_those_its_pattern_escapes() -> None:
    """The quick look for each character (``_BEYOND_C0_CHARS``) and the regular expression
    that escapes them are one set: over the whole of the Basic Multilingual Plane, and more."""
    from eligibility.rendering import escape

    matched = {chr(c) for c in range(0x3_0000) if escape.INVISIBLE_BEYOND_C0.match(chr(c))}
    assert matched == set(escape._BEYOND_C0_CHARS)


_ESCAPED_OR_NOT = st.text(
    alphabet=st.one_of(
        st.sampled_from([chr(c) for c in (0x7F, 0x9F, 0x61C, 0x200E, 0x2029, 0x202E, 0x2069)]),
        st.characters(),
    )
)


@given(_ESCAPED_OR_NOT)
def test_json_text_is_the_escape_of_every_character_it_names(text: str) -> None:
    from eligibility.rendering import escape

    assert json_text(text) == escape.INVISIBLE_BEYOND_C0.sub(escape._u_escape, text)
