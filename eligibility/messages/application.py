"""Sentences about the application as a whole (eligibility.application, eligibility.api): the
applicant block, how the file was read, a workbook's cells and the revision used."""

from __future__ import annotations

from eligibility.text import Text

TEXT_TOO_LONG = Text(
    "the text is {length:,} characters long; write at most {limit:,} characters",
    "{length:,} 文字あります。{limit:,} 文字以内で記入してください",
)
UNKNOWN_SECTION = Text("The top-level key `{key}` is unknown.", "最上位のキー `{key}` は不明です。")
NO_APPLICANT = Text(
    "State the applicant in an [applicant] table with its `name`.",
    "[applicant] 表に申請者の `name` を記入してください。",
)
NO_NAME = Text(
    "State the applicant's `name` in [applicant].",
    "[applicant] に申請者の `name` を記入してください。",
)
NAME_PROBLEM = Text("The applicant's `name`: {reason}.", "申請者の `name`：{reason}。")
NOT_A_DATE = Text(
    "'{given}' is not a date: write the submission date as 2026-04-01; the rule set in force "
    "on that day is used.",
    "'{given}' は日付ではありません。提出日を 2026-04-01 の形で記入してください"
    "（その日に有効なルールセットを使います）。",
)
TIME_NOT_DATE = Text(
    "'{given}' is a time of day, not a date: write the submission date as 2026-04-01 "
    "(without quotes in TOML); the rule set in force on that day is used.",
    "'{given}' は時刻で、日付ではありません。提出日を 2026-04-01 の形で記入してください"
    "（その日に有効なルールセットを使います）。",
)
NUMBER_NOT_TEXT = Text(
    "Write the corporate number (法人番号) as text in quotes: 13 digits.",
    "法人番号は引用符で囲んだ13桁の文字列で記入してください。",
)
NUMBER_INVALID = Text(
    "'{given}' is not a valid corporate number (法人番号): 13 digits whose first digit is the "
    "check digit.",
    "'{given}' は有効な法人番号ではありません（先頭がチェックデジットの13桁）。",
)
UNKNOWN_APPLICANT_KEY = Text(
    "The key `{key}` in [applicant] is unknown.", "[applicant] の `{key}` は不明なキーです。"
)
# --- how the file was read ------------------------------------------------------------------
SHIFT_JIS = Text(
    "read as Shift_JIS (cp932) because the file is not UTF-8; save it as UTF-8",
    "UTF-8 ではないため Shift_JIS（cp932）として読み込みました。UTF-8 で保存してください",
)
AT_CELL = Text(" [cell {cell}]", "［セル {cell}］")
UNIT_NOT_READ = Text(
    "{where}: a unit for a value that takes none was not read",
    "{where}：単位のない項目の単位は読み込んでいません",
)
NO_PLAN_HEADING = Text(
    "{where}: a value in a column with no plan heading (row of '{heading}') was not read: head "
    "the column, e.g. 計画2 / plan 2, or move the value",
    "{where}：計画の見出しのない列（'{heading}' の行）の値は読み込んでいません。"
    "見出し（例：計画2）を付けるか、"
    "値を移してください",
)
NO_KEY = Text(
    "{where}: a value in a row with no key in column A was not read",
    "{where}：A 列にキーのない行の値は読み込んでいません",
)
# --- the revision used ------------------------------------------------------------------------
OTHER_REVISION = Text(
    "Checked under rule set {id} {version}, in force on {day} ({source}); the revision in "
    "force today is {current}. A reviewer sets the date of receipt with --as-of.",
    "{day}（{source}）に有効なルールセット {id} {version} で確認しました。"
    "現在有効な改訂は {current} です。審査担当者は --as-of で受付日を指定します。",
)
BEFORE_FIRST_REVISION = Text(
    "The submission date {day} is before the first rule set took effect ({first}): correct "
    "the date; the application was checked under the rule set in force today.",
    "提出日 {day} は最初のルールセットの施行日（{first}）より前です。日付を訂正してください"
    "（本日有効なルールセットで確認しました）。",
)
# --- "did you mean" ---------------------------------------------------------------------------
DID_YOU_MEAN = Text(" (did you mean '{close}'?)", "（'{close}' のことですか？）")
