"""Outcome input files are read as untrusted bytes by the application reader's public parse
step: the same refusals, word for word, and then the three kinds told apart."""

from __future__ import annotations

import codecs

import pytest

from eligibility.application.reader import MAX_DEPTH, parse_application_bytes
from eligibility.errors import EligibilityError
from eligibility.outcomes.inputs import InputKind, parse_input_bytes


@pytest.mark.parametrize(
    ("raw", "suffix"),
    [
        (codecs.BOM_UTF16_LE + "[report]".encode("utf-16-le"), ".toml"),
        (b"\x00\x01\x02binary", ".toml"),
        (b"a = " + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), ".toml"),
        (b'{"a": ' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}", ".json"),
        (b"[report\n", ".toml"),
        (b'{"a": 1, "a": 2}', ".json"),
        (b"x", ".txt"),
    ],
)
def test_the_same_refusals_as_an_application(raw: bytes, suffix: str) -> None:
    with pytest.raises(EligibilityError) as app:
        parse_application_bytes(raw, "f" + suffix, suffix=suffix)
    with pytest.raises(EligibilityError) as ours:
        parse_input_bytes(raw, "f" + suffix, suffix=suffix)
    assert str(ours.value) == str(app.value)


def test_shift_jis_is_read_with_a_notice() -> None:
    raw = '[report]\noperator = "北陸リサイクル株式会社"\n'.encode("cp932")
    f = parse_input_bytes(raw, "r.toml", suffix=".toml")
    assert f.kind is InputKind.REPORT and f.data["report"]["operator"].startswith("北陸")
    assert f.notices and "Shift_JIS" in f.notices[0].en


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "r.toml: file is empty: a status report has a [report] table"),
        (b"[report]\n[statistics]\n", "r.toml: [report] and [statistics] in one file"),
        (b"[x]\n", "r.toml: no [report], [statistics] or [stage_gates]"),
    ],
)
def test_what_is_not_an_outcomes_input(raw: bytes, message: str) -> None:
    with pytest.raises(EligibilityError) as exc:
        parse_input_bytes(raw, "r.toml", suffix=".toml")
    assert str(exc.value).startswith(message)


@pytest.mark.parametrize("kind", list(InputKind))
def test_each_kind_by_its_top_level_table(kind: InputKind) -> None:
    f = parse_input_bytes(f"[{kind}]\n".encode(), "x.toml", suffix=".toml")
    assert f.kind is kind
