"""Sentences of the TOML and JSON parsers (eligibility.application.syntax), and the fixes for
the mistakes people make typing a file by hand."""

from __future__ import annotations

from eligibility.text import Text

# --- where --------------------------------------------------------------------------------
AT = Text("line {line}, column {column}: {reason}", "{line} 行 {column} 列：{reason}")
AT_END = Text("end of file: {reason}", "ファイルの末尾：{reason}")
# --- what the TOML parser says --------------------------------------------------------------
INVALID_VALUE = Text("Invalid value", "値として読めません")
INVALID_STATEMENT = Text(
    "Invalid statement", "行として読めません（キー = 値、[表] 又は [[表の配列]] ではありません）"
)
EXPECTED_NEWLINE = Text(
    "Expected newline or end of document after a statement",
    "値の後には改行が必要です（一行に キー = 値 を一つ）",
)
EXPECTED_EQUALS = Text("Expected '=' after a key in a key/value pair", "キーの後に '=' が必要です")
EXPECTED_TABLE_END = Text(
    "Expected ']' at the end of a table declaration", "表の見出しの末尾に ']' が必要です"
)
EXPECTED_ARRAY_TABLE_END = Text(
    "Expected ']]' at the end of an array declaration",
    "表の配列の見出しの末尾に ']]' が必要です",
)
UNTERMINATED_STRING = Text("Unterminated string", "文字列が閉じられていません")
UNCLOSED_ARRAY = Text("Unclosed array", "配列が閉じられていません")
UNCLOSED_INLINE_TABLE = Text("Unclosed inline table", "インラインテーブルが閉じられていません")
ILLEGAL_CHARACTER = Text("Illegal character {char}", "使用できない文字 {char} があります")
EXPECTED = Text("Expected {expected}", "{expected} が必要です")
OVERWRITE = Text("Cannot overwrite a value", "値を上書きできません（同じキーが二度書かれています）")
DECLARED_TWICE = Text("Cannot declare {key} twice", "{key} が二度宣言されています")
DEFINED_ALREADY = Text(
    "Cannot redefine namespace {key}", "{key} は既に定義されているため変更できません"
)
DUPLICATE_INLINE_KEY = Text(
    "Duplicate inline table key {key}", "インラインテーブルのキー {key} が重複しています"
)
KEY_START = Text("Invalid initial character for a key part", "キーの先頭の文字が不正です")
INVALID_HEX = Text("Invalid hex value", "16 進数の値が不正です")
INVALID_DATE = Text("Invalid date or datetime", "日付又は日時として読めません")
UNESCAPED_BACKSLASH = Text(
    "Unescaped '\\' in a string", "文字列の中の '\\' がエスケープされていません"
)
NOT_SCALAR = Text(
    "Escaped character is not a Unicode scalar value",
    "エスケープされた文字が Unicode のスカラー値ではありません",
)
# --- what the JSON parser says --------------------------------------------------------------
JSON_EXPECTING_VALUE = Text("Expecting value", "値が必要です")
JSON_PROPERTY_NAME = Text(
    "Expecting property name enclosed in double quotes",
    "二重引用符で囲んだキーが必要です",
)
JSON_COLON = Text("Expecting ':' delimiter", "':' が必要です")
JSON_COMMA = Text("Expecting ',' delimiter", "',' が必要です")
JSON_CONTROL_CHARACTER = Text(
    "Invalid control character in a string", "文字列の中に制御文字があります"
)
JSON_ESCAPE = Text("Invalid escape in a string", "文字列の中のエスケープが不正です")
JSON_EXTRA_DATA = Text("Extra data", "余分なデータがあります（JSON の値は一つだけ）")
# --- the fixes ------------------------------------------------------------------------------
FIX_UNQUOTED = Text(
    ". Text and figures with a unit are written in double quotes: {line}",
    "。文字や単位付きの数値は二重引用符で囲みます：{line}",
)
FIX_QUOTES = Text(
    '. Quotes are the plain double quote ("): {line}',
    '。引用符は半角の二重引用符（"）を使います：{line}',
)
FIX_CLOSE_QUOTE = Text(
    ". The closing quote is missing: {line}",
    "。閉じる引用符がありません：{line}",
)
FIX_EQUALS = Text(
    ". A key and its value are joined by a plain '=': {line}",
    "。キーと値は半角の '=' でつなぎます：{line}",
)
FIX_KEY_SPACES = Text(
    ". A key has no spaces: {line}",
    "。キーには空白を入れません：{line}",
)
FIX_WIDE_SPACE = Text(
    ". Remove the full-width space: {line}",
    "。全角の空白を取り除いてください：{line}",
)
FIX_BRACKETS = Text(
    ". A table heading uses plain brackets: {line}",
    "。表の見出しには半角の角括弧を使います：{line}",
)
FIX_LINE = Text(". Written as TOML: {line}", "。TOML では次のように書きます：{line}")
FIX_HEADING = Text(
    ". Close the heading with its brackets: {line}",
    "。見出しを角括弧で閉じてください：{line}",
)
