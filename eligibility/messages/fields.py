"""Why a field as written cannot be used, by field type (eligibility.field_types): the reason
a finding gives after the field's name."""

from __future__ import annotations

from eligibility.text import Text

NEED_TEXT = Text(
    "write it as text in quotes, e.g. {accepts}",
    "引用符で囲んだ文字列で記入してください（例：{accepts}）",
)
NOT_A_CHOICE = Text(
    "'{given}' is not one of {accepts}", "'{given}' は {accepts} のいずれでもありません"
)
NOT_A_DATE = Text(
    "'{given}' is not a date (write {example})",
    "'{given}' は日付ではありません（{example} の形で記入）",
)
NOT_A_BOOLEAN = Text(
    "'{given}' is not true or false (write true or false, without quotes)",
    "'{given}' は true／false ではありません（引用符なしで true か false）",
)
NOT_FINITE = Text("{given} is not a finite number", "{given} は有限の数値ではありません")
READ_AS_ZERO = Text("'{given}' is read as 0 {unit}.", "'{given}' は 0 {unit} と読みました。")
WRONG_KIND = Text(
    "'{given}' is not a {label} (accepted: {accepts})",
    "'{given}' は{label}の単位ではありません（使用できる単位：{accepts}）",
)
BELOW_ABSOLUTE_ZERO = Text(
    "'{given}' is below absolute zero", "'{given}' は絶対零度を下回っています"
)
REJECTED = Text("'{given}' is {reason}", "'{given}' は{reason}")
NEGATIVE = Text(
    "'{given}' is negative; {label} cannot be below zero",
    "'{given}' は負の値です。{label}は0以上です",
)
IMPOSSIBLE = Text(
    "'{given}' is impossible: {label} cannot exceed {limit}",
    "'{given}' はあり得ない値です。{label}は {limit} を超えません",
)
UNKNOWN_UNIT = Text("'{given}': unknown unit '{symbol}'", "'{given}': 不明な単位 '{symbol}'")
NO_UNIT = Text(
    "{given} is a number without a unit; write it with a unit, e.g. {accepts}",
    "{given} は単位のない数値です。単位を付けて記入してください（例：{accepts}）",
)
