"""What templates, forms and schemas say about each key (eligibility.describe): its label and
whether it must be stated."""

from __future__ import annotations

from eligibility.text import Text

APPLICANT_NAME = Text("applicant name", "申請者名")
CORPORATE_NUMBER = Text("corporate number, 13 digits", "法人番号（13桁）")
SUBMISSION_DATE = Text("date of submission", "提出日")
REQUIRED = Text("required", "必須")
OPTIONAL = Text("optional: delete the line if not stated", "任意：記入しない場合は行を削除")
OPTIONAL_IN_FORM = Text("optional: leave blank if not stated", "任意：記入しない場合は空欄")
OPTIONAL_IN_PAGE = Text("optional", "任意")  # a page has no line to delete, as a template has
OPTIONAL_DEFAULT = Text("optional, default {default}", "任意、既定値 {default}")
REQUIRED_WHEN = Text("required when {field} is {values}", "{field} が {values} のとき必須")
ONE_OF = Text(
    "give one of: {fields} (delete the lines you do not use)",
    "いずれかを記入：{fields}（使わない行は削除）",
)
PLAN_ID = Text(
    "plan id, unique in the file (e.g. line-3)", "計画の ID（ファイル内で一意、例：line-3）"
)
PLAN_ID_IN_FORM = Text("plan id, unique in the file", "計画の ID（ファイル内で一意）")
TRACK = Text("track", "区分")
TITLE = Text("title", "件名")
PLAUSIBLE_TITLE = Text(
    "{label} lies in its plausible range {range}.", "{label}が妥当な範囲 {range} にあること。"
)
UNKNOWN_TRACK = Text(
    "{path}: unknown track '{track}'{hint}; the tracks are: {names}",
    "{path}: 区分 '{track}' はありません{hint}。区分：{names}",
)
