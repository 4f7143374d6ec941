"""The TOML parser every file is read with (tomli, compiled: applications, rule files,
settings) builds tomllib's documents and gives tomllib's messages: an applicant or a policy
officer reads the same line and column whichever is installed."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from eligibility import config
from eligibility.application import reader
from eligibility.ruleset import toml_file

REPO = Path(__file__).resolve().parents[2]

DOCUMENTS = [
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27T07:32:00",
    "d = 1979-05-27\nt = 07:32:00.5\nu = 1979-05-27 07:32:00+09:00",
    "big = 123456789012345678901234567890\nneg = -9223372036854775809",
    "x = inf\ny = -inf\nw = 1e400\nv = 0.1\nh = 0xDEAD_BEEF\no = 0o755\nbits = 0b1010",
    's = "tab\\there \\u00e9 \\U0001F600"\nm = """\nline\n"""',
    'inline = { a = 1, b = [1, 2, { c = "d" }] }\n"quoted key" = 1\na.b.c = 2',
]
BROKEN = [
    "a = ",
    "a = 1\na = 2",
    "[t]\n[t]",
    'a = "unclosed',
    "a = 1979-13-45",
    "a = [1, 2",
    "= 1",
    "a = 1 b = 2",
    "a = 0777",
    "a = tru",
    "a = '''\nnever closed",
    "a = { b = 1, }",  # TOML 1.1 allows the trailing comma; tomllib (TOML 1.0) does not
    "a = {\n b = 1 }",
    'a = "\\e"',
]


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    offset = value.utcoffset() if hasattr(value, "utcoffset") else None
    return (type(value).__name__, repr(value), offset)


@pytest.mark.parametrize(
    "text",
    DOCUMENTS + [p.read_text("utf-8") for p in sorted((REPO / "examples").glob("*.toml"))],
)
def test_the_same_document(text: str) -> None:
    assert _typed(reader.toml_parser.loads(text)) == _typed(tomllib.loads(text))


@pytest.mark.parametrize("text", BROKEN)
def test_the_same_message(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(reader.toml_parser.TOMLDecodeError) as got:
        reader.toml_parser.loads(text)
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("text", BROKEN)
def test_a_rule_file_gets_the_same_message(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(toml_file.RuleFileError) as got:
        toml_file.parse_rule_toml(text.encode())
    assert str(got.value) == f"not valid TOML: {expected.value}"


@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_rule_file_and_the_settings_get_the_same_document(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _typed(toml_file.parse_rule_toml(text.encode())) == _typed(tomllib.loads(text))
    settings = tmp_path / "config.toml"
    settings.write_text(text, encoding="utf-8")
    monkeypatch.setenv(config.ENV_VAR, str(settings))
    assert _typed(config.load()) == _typed(tomllib.loads(text))
