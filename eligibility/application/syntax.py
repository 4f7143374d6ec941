"""What the TOML and JSON parsers say is wrong with a file, in the reader's language, and the
fix for the mistakes applicants make most when they type a file by hand.

tomli and the json module speak English only, in a fixed set of sentences: each is matched
here and given its Japanese, with anything the parser names (a character, a key) kept as the
parser wrote it; a sentence not in the table is shown as the parser wrote it in both. The
fixes look at the line the parser points to: a figure or a word not in quotes
(``energy_product = 46 MGOe``, ``material = 焼結ネオジム磁石``), typographic or Japanese quotes,
a full-width ``＝``, bracket or space, a colon for ``=``, a key with a space in it. A fix shows
the line as it should be written, and is given only for a line short enough to show.
"""

from __future__ import annotations

import re

from eligibility.messages import syntax as say
from eligibility.text import Text, same

# "Invalid value (at line 2, column 6)", "Unterminated string (at end of document)"
_TOML_WHERE = re.compile(
    r"(?P<msg>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)",
    re.DOTALL,
)

_Reasons = tuple[tuple[re.Pattern[str], Text], ...]


def _reasons(*pairs: tuple[str, Text]) -> _Reasons:
    """A parser's sentences (a pattern each, its groups the names the parser puts in) and
    their catalogue texts."""
    return tuple((re.compile(pattern, re.DOTALL), text) for pattern, text in pairs)


_TOML_REASONS = _reasons(
    (r"Invalid value", say.INVALID_VALUE),
    (r"Invalid statement", say.INVALID_STATEMENT),
    (r"Expected newline or end of document after a statement", say.EXPECTED_NEWLINE),
    (r"Expected '=' after a key in a key/value pair", say.EXPECTED_EQUALS),
    (r"Expected '\]' at the end of a table declaration", say.EXPECTED_TABLE_END),
    (r"Expected '\]\]' at the end of an array declaration", say.EXPECTED_ARRAY_TABLE_END),
    (r"Unterminated string", say.UNTERMINATED_STRING),
    (r"Unclosed array", say.UNCLOSED_ARRAY),
    (r"Unclosed inline table", say.UNCLOSED_INLINE_TABLE),
    (r"Illegal character (?P<char>.+)", say.ILLEGAL_CHARACTER),
    (r"Found invalid character (?P<char>.+)", say.ILLEGAL_CHARACTER),
    (r"Expected (?P<expected>'.+')", say.EXPECTED),
    (r"Cannot overwrite a value", say.OVERWRITE),
    (r"Cannot declare (?P<key>.+) twice", say.DECLARED_TWICE),
    (r"Cannot (?:redefine|mutate immutable) namespace (?P<key>.+)", say.DEFINED_ALREADY),
    (r"Duplicate inline table key (?P<key>.+)", say.DUPLICATE_INLINE_KEY),
    (r"Invalid initial character for a key part", say.KEY_START),
    (r"Invalid hex value", say.INVALID_HEX),
    (r"Invalid date or datetime", say.INVALID_DATE),
    (r"Unescaped '\\' in a string", say.UNESCAPED_BACKSLASH),
    (r"Escaped character is not a Unicode scalar value", say.NOT_SCALAR),
)

_JSON_REASONS = _reasons(
    (r"Expecting value", say.JSON_EXPECTING_VALUE),
    (r"Expecting property name enclosed in double quotes", say.JSON_PROPERTY_NAME),
    (r"Expecting ':' delimiter", say.JSON_COLON),
    (r"Expecting ',' delimiter", say.JSON_COMMA),
    (r"Unterminated string starting at", say.UNTERMINATED_STRING),
    (r"Invalid control character at", say.JSON_CONTROL_CHARACTER),
    (r"Invalid \\escape", say.JSON_ESCAPE),
    (r"Invalid \\uXXXX escape", say.JSON_ESCAPE),
    (r"Extra data", say.JSON_EXTRA_DATA),
)

MAX_SHOWN_LINE = 200  # a fix repeats the line: a longer one is not repeated
_QUOTES = "“”„‟「」『』‘’«»〝〞＂"
_ASCII_FOR = str.maketrans({"［": "[", "］": "]", "＝": "=", "：": ":", "\u3000": " "})
# key = value, where the key is a bare or quoted key and the value runs to a comment or the end
_KEY_VALUE = re.compile(
    r"^(?P<indent>\s*)(?P<key>[^=＝:：#\[［]+?)\s*(?P<sep>=|＝|:|：)\s*(?P<value>.*)$"
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*")
_HEADING = re.compile(r"(?P<open>\[\[?)\s*(?P<name>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*\]?")


def toml_detail(message: str, text: str) -> Text:
    """The detail of a TOML parse error (``str()`` of tomli's error) for the file's ``text``."""
    m = _TOML_WHERE.fullmatch(message)
    if m is None:
        return same(message)
    reason = _reason(m["msg"], _TOML_REASONS)
    if m["line"] is None:
        return say.AT_END.format(reason=reason)
    line_no, column = int(m["line"]), int(m["column"])
    detail = say.AT.format(line=line_no, column=column, reason=reason)
    fix = _toml_fix(_line(text, line_no), column)
    return detail if fix is None else detail + fix


def json_reason(msg: str) -> Text:
    """The json module's ``msg`` (its place is given apart) in the reader's language."""
    return _reason(msg, _JSON_REASONS)


def _reason(msg: str, table: _Reasons) -> Text:
    for pattern, text in table:
        m = pattern.fullmatch(msg)
        if m is not None:
            return text.format(**m.groupdict()) if m.groupdict() else text
    return same(msg)


def _line(text: str, number: int) -> str | None:
    """Line ``number`` (from 1) of ``text``, or None when it is too long to show."""
    start = 0
    for _ in range(number - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    line = line.rstrip("\r")
    return line if len(line) <= MAX_SHOWN_LINE else None


def _toml_fix(line: str | None, column: int) -> Text | None:
    """How to write ``line`` so that it parses, for the mistakes people make typing TOML."""
    if line is None:
        return None
    at = line[column - 1] if 0 < column <= len(line) else ""
    stripped = line.strip()
    if stripped[:1] == "［" or "］" in stripped:
        return say.FIX_BRACKETS.format(line=_shown(stripped.translate(_ASCII_FOR)))
    heading = _HEADING.fullmatch(stripped)
    if heading is not None:  # "[[plans]" or "[plans.magnet": the closing brackets left out
        opening = heading["open"]
        fixed = f"{opening}{heading['name']}{']' * len(opening)}"
        return None if fixed == stripped else say.FIX_HEADING.format(line=fixed)
    kv = _KEY_VALUE.match(line)
    if kv is None:
        return None
    key, sep, value = kv["key"].strip(), kv["sep"], kv["value"]
    value, comment = _split_comment(value)
    fixed_key = key
    if not (key.startswith(('"', "'")) or _BARE_KEY.fullmatch(key)):
        fixed_key = re.sub(r"\s+", "_", key)
        if not _BARE_KEY.fullmatch(fixed_key):
            return None  # a key of other characters: nothing sure to suggest
    fixed_value = _value(value.strip())
    if fixed_value is None:
        return None
    fixed = f"{kv['indent']}{fixed_key} = {fixed_value}{comment}"
    if fixed == line:
        return None
    changes = (sep != "=") + (fixed_key != key) + (fixed_value != value.strip())
    if changes > 1:  # the line as TOML, without naming one mistake of several
        return say.FIX_LINE.format(line=_shown(fixed))
    if sep != "=":
        return say.FIX_EQUALS.format(line=_shown(fixed))
    if fixed_key != key:
        return say.FIX_KEY_SPACES.format(line=_shown(fixed))
    if (at and at in _QUOTES) or any(q in value for q in _QUOTES):
        return say.FIX_QUOTES.format(line=_shown(fixed))
    if value.count('"') == 1:
        return say.FIX_CLOSE_QUOTE.format(line=_shown(fixed))
    if "\u3000" in value:
        return say.FIX_WIDE_SPACE.format(line=_shown(fixed))
    return say.FIX_UNQUOTED.format(line=_shown(fixed))


def _split_comment(value: str) -> tuple[str, str]:
    """The value and its trailing comment (`` # …``), for a value without quotes in it."""
    if '"' in value or "'" in value:
        return value, ""
    hash_at = value.find("#")
    if hash_at < 0:
        return value, ""
    return value[:hash_at].rstrip(), " " + value[hash_at:]


def _value(value: str) -> str | None:
    """The value as TOML text: a plain TOML value unchanged, anything else as a string."""
    if not value:
        return None
    for pair in ("“”", "„“", "「」", "『』", "‘’", "«»", "〝〞", "＂＂"):
        if len(value) >= 2 and value[0] == pair[0] and value[-1] == pair[1]:
            value = value[1:-1]
            break
    value = value.strip("\u3000 ")
    if value[:1] in ("[", "{") or value in ("true", "false"):
        return value
    if re.fullmatch(r'"(?:[^"\\]|\\.)*"', value):
        return value
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", value) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if value.count('"') == 1 and value.startswith('"') and "\\" not in value:
        return value + '"'  # the closing quote left out
    if '"' in value or "\\" in value or any(ord(c) < 0x20 for c in value):
        return None  # not a simple text to put in quotes
    return f'"{value}"'


def _shown(line: str) -> str:
    return line.strip()
