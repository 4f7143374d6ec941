"""Sentences about one plan: its id, its track, its keys and the checks that could not run."""

from __future__ import annotations

from eligibility.text import Text

NOT_A_TABLE_PLAN = Text(
    "Plan #{number} is {kind}: write each plan as a table ([[plans]] in TOML, an object in JSON).",
    "計画 #{number} が表ではありません（{kind}）。各計画は表（TOML の [[plans]]、JSON の"
    "オブジェクト）で記入してください。",
)
TITLE_PROBLEM = Text("The plan's `title`: {reason}.", "計画の `title`：{reason}。")
TRACK_MISSING = Text(
    "State the plan's `track`, one of: {names}.",
    "計画の `track` を記入してください（{names} のいずれか）。",
)
TRACK_UNKNOWN = Text(
    "Unknown track '{given}'; the tracks are: {names}.",
    "不明な区分 '{given}'。区分は {names} です。",
)
# A figure whose required check did not pass, by that check's status: the figure takes the
# status the plan is given anyway, so no finding reads as met (or not met) on conditions not
# known to hold. {shown} is " figure:" as written (or nothing), {required} and {rule} the
# required check.
UNJUDGED = Text(
    "{shown} cannot be judged, as the check '{required}' does not hold ({status}; see {rule}).",
    "{shown} {required}（{rule}）を満たさないため（{status}）、判定できません。",
)
UNJUDGED_MISSING = Text(
    "{shown} not judged, as the check '{required}' is still {status} (see {rule}): a figure "
    "whose conditions are not stated cannot show the criterion.",
    "{shown} {required}（{rule}）の記入がないため（{status}）、判定していません。"
    "条件が記載されていない値では基準を示せません。",
)
UNJUDGED_REVIEW = Text(
    "{shown} judged only once a reviewer has judged '{required}' ({status}; see {rule}).",
    "{shown} {required}（{rule}）を審査担当者が判断するまで（{status}）、判定していません。",
)
REFERS_TO_FIRST = Text(
    " Not checked: {key} cannot be used (see {first}).",
    "確認できません：{key} を使用できません（{first} を参照）。",
)
FIELD_PROBLEM = Text("{key}: {reason}.", "{key}：{reason}。")
ID_MISSING = Text(
    "State the plan's `id` (unique in the file).",
    "計画の `id`（ファイル内で一意）を記入してください。",
)
ID_NOT_TEXT = Text(
    'The plan\'s `id` must be text, e.g. "line-3".',
    '計画の `id` は文字列で記入してください（例："line-3"）。',
)
ID_PROBLEM = Text("The plan's `id`: {reason}.", "計画の `id`：{reason}。")
ID_DUPLICATE = Text(
    "Another plan in this file already has the id '{given}' (ids are compared without case, "
    "width or surrounding spaces); ids must be unique.",
    "id '{given}' は同じファイル内の別の計画で使われています（大文字・小文字、全角・半角、"
    "前後の空白は区別しません）。id は一意にしてください。",
)
INVISIBLE = Text(
    "it contains an invisible character ({names}) that makes it differ from what it shows: "
    "delete it and write the text again",
    "見えない文字（{names}）が含まれ、表示と内容が異なります。削除して記入し直してください",
)
OWN_KEY_PROBLEM = Text("`{key}`: {reason}.", "`{key}`：{reason}。")
BLOCK_NOT_A_TABLE = Text(
    "`{key}` must be a table: write its keys under [plans.{key}].",
    "`{key}` は表です。[plans.{key}] の下にキーを記入してください。",
)
UNKNOWN_BLOCK = Text("The table [plans.{key}] is unknown.", "表 [plans.{key}] は不明です。")
KEY_OF_OTHER_TRACK = Text(
    "The key {key} is not used by this plan's track.", "{key} はこの計画の区分では使用しません。"
)
UNKNOWN_KEY = Text("The key {key} is unknown.", "{key} は不明なキーです。")
KEY_IN_OTHER_PLACE = Text(
    "The key {key} is not read there: it is {place}; move it.",
    "{key} はこの位置では読みません。{place} として記入してください。",
)
RULE_DETAIL = Text("{title} {detail}", "{title}{detail}")
VOLUME_BASIS = Text(" (volume basis: {basis})", "（体積の基準：{basis}）")
# --- plausibility (parameters of each field's range) ------------------------------------
IMPLAUSIBLE = Text(
    "{label}: {given} is outside the plausible range {range} (parameter {parameter}): no "
    "real plant, magnet or motor has such a figure, so a reviewer checks it.",
    "{label}：{given} は妥当な範囲 {range} の外にあります（パラメータ {parameter}）。実在の"
    "設備・磁石・モーターではあり得ない値のため、審査担当者が確認します。",
)
PREFIXED_UNIT = Text(
    "{label}: '{given}' reads '{atom}' as a {prefix}{unit}, so the value is {value}: no "
    "datasheet writes a {unit} with a prefix (parameter {parameter}), so a reviewer checks "
    "which unit was meant.",
    "{label}：'{given}' の '{atom}' は {prefix}{unit} と読まれ、値は {value} となります。"
    "{unit} に接頭語を付けた単位はデータシートで使われないため（パラメータ {parameter}）、"
    "審査担当者が意図した単位を確認します。",
)
