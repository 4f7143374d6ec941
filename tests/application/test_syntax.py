"""A file that does not parse is explained in the reader's language, with the line as it
should be written for the mistakes people make typing TOML by hand, and the fix parses to
what the applicant meant."""

from __future__ import annotations

import string

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from eligibility.application import syntax
from eligibility.application.reader import parse_application_bytes
from eligibility.errors import ApplicationReadError

# (what was typed, the fix's sentence in English, the line as it should be)
MISTAKES = [
    (
        "energy_product = 46 MGOe",
        "Text and figures with a unit are written in double quotes",
        'energy_product = "46 MGOe"',
    ),
    (
        "material = 焼結ネオジム磁石  # 材料",
        "Text and figures with a unit are written in double quotes",
        'material = "焼結ネオジム磁石" # 材料',
    ),
    (
        "operation_start = 2029年4月1日",
        "Text and figures with a unit are written in double quotes",
        'operation_start = "2029年4月1日"',
    ),
    ("coercivity = “17 kOe”", 'Quotes are the plain double quote (")', 'coercivity = "17 kOe"'),
    ("coercivity = 「17 kOe」", 'Quotes are the plain double quote (")', 'coercivity = "17 kOe"'),
    ('grade = "N52', "The closing quote is missing", 'grade = "N52"'),
    ('grade ＝ "N52"', "A key and its value are joined by a plain '='", 'grade = "N52"'),
    ('grade: "N52"', "A key and its value are joined by a plain '='", 'grade = "N52"'),
    ('capacity increase = "600 t/yr"', "A key has no spaces", 'capacity_increase = "600 t/yr"'),
    ('grade = "N52"\u3000', "Remove the full-width space", 'grade = "N52"'),
    ("［plans.magnet］", "A table heading uses plain brackets", "[plans.magnet]"),
    ("[plans.magnet", "Close the heading with its brackets", "[plans.magnet]"),
    ("[[plans]", "Close the heading with its brackets", "[[plans]]"),
    ("grade: N52", "Written as TOML", 'grade = "N52"'),
]


def _document(line: str) -> str:
    return f'[applicant]\nname = "Hokuriku Magnetics K.K."\n\n[[plans]]\nid = "p1"\n{line}\n'


def _error(text: str) -> ApplicationReadError:
    with pytest.raises(ApplicationReadError) as info:
        parse_application_bytes(text.encode(), "a.toml", suffix=".toml")
    return info.value


@pytest.mark.parametrize(("typed", "sentence", "fixed"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_explained_with_its_fix(typed: str, sentence: str, fixed: str) -> None:
    text = _document(typed)
    en = _error(text).in_language("en")
    assert en.endswith(f". {sentence}: {fixed}"), en
    assert "line 6, column" in en
    ja = _error(text).in_language("ja")
    assert "6 行" in ja and ja.endswith(f"：{fixed}"), ja
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError as exc:  # the parser's English is not shown under ja
        assert str(exc).split(" (at ")[0] not in ja and sentence not in ja
    tomli.loads(_document(fixed))  # the fix is TOML


def test_the_parsers_sentences_are_japanese_under_ja() -> None:
    ja = _error(_document("energy_product = 46 MGOe")).in_language("ja")
    assert ja == (
        "a.toml: TOML として読めません：6 行 21 列：値の後には改行が必要です（一行に キー = 値 を"
        '一つ）。文字や単位付きの数値は二重引用符で囲みます：energy_product = "46 MGOe"'
    )
    with pytest.raises(ApplicationReadError) as info:
        parse_application_bytes(b'{"plans": [{"id": "a",}]}', "a.json", suffix=".json")
    assert info.value.in_language("ja") == (
        "a.json: JSON として読めません：1 行 23 列：二重引用符で囲んだキーが必要です"
    )


def test_no_fix_where_none_is_sure() -> None:
    for typed in ('x = "1" y = "2"', "id = ", 'x = "1"\nx = "2"'):
        en = _error(_document(typed)).in_language("en")
        assert ". " not in en.split("TOML: ", 1)[1], en
    long = "x = " + "a" * (syntax.MAX_SHOWN_LINE + 1)  # the line is not repeated
    assert syntax.toml_detail("Invalid value (at line 1, column 5)", long).en == (
        "line 1, column 5: Invalid value"
    )
    # a sentence the table does not know is the parser's own, in both languages
    unknown = syntax.toml_detail("Something new (at line 1, column 1)", "x")
    assert unknown.en == unknown.ja.replace("1 行 1 列：", "line 1, column 1: ")


WORDS = st.text(
    alphabet=string.ascii_letters + string.digits + " ./%,-～~" + "焼結ネオジム磁石年月日トン以上",
    min_size=1,
    max_size=30,
)


@given(value=WORDS)
def test_a_fix_for_an_unquoted_value_reads_back_as_written(value: str) -> None:
    """Whatever was typed unquoted, the fix offered parses to that text, changed in nothing
    but its outer spaces."""
    line = f"grade = {value}"
    try:
        tomli.loads(line)
        return  # a value TOML reads as it stands (a number, an array): nothing to fix
    except tomli.TOMLDecodeError as exc:
        detail = syntax.toml_detail(str(exc), line)
    if "Text and figures with a unit" not in detail.en:
        return
    fixed = detail.en.rsplit(": ", 1)[1]
    assert tomli.loads(fixed) == {"grade": value.strip()}


# a document for each of tomli's sentences, and the Japanese it is given
PARSER_SENTENCES = [
    ('x = "a\\qb"\n', "文字列の中の '\\' がエスケープされていません"),
    ("a = {b = 1, b = 2}\n", "インラインテーブルのキー 'b' が重複しています"),
    ('x = "\\uD800"\n', "エスケープされた文字が Unicode のスカラー値ではありません"),
    ("= 1\n", "行として読めません"),
    ("x = [1, 2\n", "配列が閉じられていません"),
    ("x = {a = 1\n", "インラインテーブルが閉じられていません"),
    ('x = "1"\nx = "2"\n', "値を上書きできません"),
    ("[a]\n[a]\n", "が二度宣言されています"),
    ("x = 1979-02-30\n", "日付又は日時として読めません"),
    ('x = """abc', "文字列が閉じられていません"),
]


@pytest.mark.parametrize(("text", "ja"), PARSER_SENTENCES, ids=[t for t, _ in PARSER_SENTENCES])
def test_each_parser_sentence_has_its_japanese(text: str, ja: str) -> None:
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads(text)
    detail = syntax.toml_detail(str(caught.value), text)
    assert ja in detail.ja, (str(caught.value), detail.ja)
    assert str(caught.value).split(" (at ")[0] in detail.en  # English as the parser says it
