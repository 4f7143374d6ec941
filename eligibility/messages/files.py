"""Why a file cannot be read at all (eligibility.application): each starts with the file's
name, as the command line prints it after ``error:``."""

from __future__ import annotations

from eligibility.text import Text

NO_SUCH_FILE = Text("{name}: no such file", "{name}: ファイルがありません")
IS_A_DIRECTORY = Text("{name}: is a directory", "{name}: ファイルではなくフォルダーです")
PERMISSION_DENIED = Text(
    "{name}: permission denied: make the file readable or copy it somewhere readable",
    "{name}: 読み取る権限がありません。読み取れるようにするか、読み取れる場所にコピーしてください",
)
NOT_A_FILE_NAME = Text("{name}: not a valid file name", "{name}: ファイル名として使えません")
CANNOT_BE_READ = Text("{name}: cannot be read: {reason}", "{name}: 読み取れません（{reason}）")
EMPTY = Text("{name}: file is empty: {needs}", "{name}: ファイルが空です。{needs}")
APPLICATION_NEEDS = Text(
    "an application needs an applicant and at least one plan",
    "申請には申請者と一つ以上の計画が必要です",
)
TOO_LARGE = Text(
    "{name}: file is {size} bytes; the limit is {limit} bytes",
    "{name}: ファイルが {size} バイトあります。上限は {limit} バイトです",
)
MORE_THAN = Text("more than {limit}", "{limit} 超")
UNKNOWN_TYPE = Text(
    "{name}: unknown file type {kind}: use .toml, .json or .xlsx",
    "{name}: 不明なファイル形式 {kind} です。.toml、.json または .xlsx を使ってください",
)
NO_EXTENSION = Text("(no extension)", "（拡張子なし）")
OTHER_ENCODING = Text(
    "{name}: {encoding} text: save the file as UTF-8",
    "{name}: {encoding} のテキストです。UTF-8 で保存してください",
)
BINARY = Text("{name}: binary data, not a text file", "{name}: テキストではなくバイナリデータです")
NOT_UTF8 = Text(
    "{name}: not UTF-8 text (byte 0x{byte:02x} at offset {offset}): save the file as UTF-8",
    "{name}: UTF-8 のテキストではありません（位置 {offset} のバイト 0x{byte:02x}）。"
    "UTF-8 で保存してください",
)
NOT_TOML = Text("{name}: not valid TOML: {detail}", "{name}: TOML として読めません：{detail}")
TOML_DIGITS = Text(
    "{name}: not valid TOML: a number has too many digits: write a shorter number",
    "{name}: TOML として読めません：数値の桁数が多すぎます。短い数値で記入してください",
)
NOT_JSON = Text(
    "{name}: not valid JSON: line {line}, column {column}: {detail}",
    "{name}: JSON として読めません：{line} 行 {column} 列：{detail}",
)
TOO_DEEP = Text(
    "{name}: nested more than {limit} levels deep{where}: an application needs only a few "
    "levels of tables",
    "{name}: 入れ子が {limit} 段を超えています{where}。申請に必要な表の入れ子は数段です",
)
DEEP_AT_LINE = Text(" at line {line}, column {column}", "（{line} 行 {column} 列）")
DEEP_AT_KEY = Text(" at {path}", "（{path} の位置）")
NO_PLANS_LEFT = Text(
    "{name}: plans is an empty array: an application needs at least one plan",
    "{name}: plans が空の配列です。申請には一つ以上の計画が必要です",
)
TOO_MANY_PLANS = Text(
    "{name}: {count:,} plans; the limit is {limit:,} plans in one file: split them into "
    "several files",
    "{name}: 計画が {count:,} 件あります。一つのファイルの上限は {limit:,} 件です。"
    "複数のファイルに分けてください",
)
