"""The [applicant] block and the top level of an application file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.application import corporate_number
from eligibility.application.dates import read_day
from eligibility.checking.result import Finding
from eligibility.suggest import did_you_mean
from eligibility.text import Text, as_written

PLAN_KEYS = ("id", "track", "title")  # a plan's own keys, beside its field blocks
APPLICANT_KEYS = ("name", "corporate_number", "submitted")
TOP_LEVEL_KEYS = ("applicant", "plans")
MAX_TEXT = 1000  # characters in any free-text value: names, ids, titles, materials, grades


def too_long(text: str) -> Text | None:
    """Why a free-text value is refused when it is longer than MAX_TEXT characters (a
    hostile file's megabyte of text would be folded, compared and repeated in every report)."""
    if len(text) <= MAX_TEXT:
        return None
    return Text(
        f"the text is {len(text):,} characters long; write at most {MAX_TEXT:,} characters",
        f"{len(text):,} 文字あります。{MAX_TEXT:,} 文字以内で記入してください",
    )


def check_applicant(doc: dict[str, Any]) -> tuple[str | None, list[Finding]]:
    findings: list[Finding] = []
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            hint = did_you_mean(key, TOP_LEVEL_KEYS)
            findings.append(
                Finding(
                    "applicant.unknown_section",
                    "invalid",
                    Text(
                        f"The top-level key `{key}` is unknown.",
                        f"最上位のキー `{key}` は不明です。",
                    )
                    + hint,
                    field=key,
                )
            )
    block = doc.get("applicant")
    if not isinstance(block, dict):
        findings.append(
            Finding(
                "applicant.name",
                "missing" if block is None else "invalid",
                Text(
                    "State the applicant in an [applicant] table with its `name`.",
                    "[applicant] 表に申請者の `name` を記入してください。",
                ),
                field="applicant",
            )
        )
        return None, findings
    name = block.get("name")
    if not isinstance(name, str) or not name.strip():
        findings.append(
            Finding(
                "applicant.name",
                "missing" if _blank(name) else "invalid",
                Text(
                    "State the applicant's `name` in [applicant].",
                    "[applicant] に申請者の `name` を記入してください。",
                ),
                field="applicant.name",
                given=None if _blank(name) else as_written(name),
            )
        )
        name = None
    elif (long := too_long(name)) is not None:
        findings.append(
            Finding(
                "applicant.name",
                "invalid",
                Text("The applicant's `name`: ", "申請者の `name`：") + long + Text(".", "。"),
                field="applicant.name",
                given=as_written(name),
            )
        )
        name = as_written(name)
    submitted = block.get("submitted")
    if not _blank(submitted) and as_date(submitted) is None:
        findings.append(
            Finding(
                "applicant.submitted",
                "invalid",
                (_TIME_NOT_DATE if isinstance(submitted, dt.time) else _NOT_DATE).format(
                    given=as_written(submitted)
                ),
                field="applicant.submitted",
                given=as_written(submitted),
            )
        )
    number = block.get("corporate_number")
    if not _blank(number):  # optional: a blank left by the template is not stated
        if not isinstance(number, str):
            findings.append(
                Finding(
                    "applicant.corporate_number",
                    "invalid",
                    Text(
                        "Write the corporate number (法人番号) as text in quotes: 13 digits.",
                        "法人番号は引用符で囲んだ13桁の文字列で記入してください。",
                    ),
                    field="applicant.corporate_number",
                    given=as_written(number),
                )
            )
        elif not corporate_number.is_valid(number):
            findings.append(
                Finding(
                    "applicant.corporate_number",
                    "invalid",
                    Text(
                        f"'{number}' is not a valid corporate number (法人番号): "
                        "13 digits whose first digit is the check digit.",
                        f"'{number}' は有効な法人番号ではありません"
                        "（先頭がチェックデジットの13桁）。",
                    ),
                    field="applicant.corporate_number",
                    given=number,
                )
            )
    for key in block:
        if key not in APPLICANT_KEYS:
            hint = did_you_mean(key, APPLICANT_KEYS)
            findings.append(
                Finding(
                    "applicant.unknown_field",
                    "invalid",
                    Text(
                        f"The key `{key}` in [applicant] is unknown.",
                        f"[applicant] の `{key}` は不明なキーです。",
                    )
                    + hint,
                    field=f"applicant.{key}",
                )
            )
    return name, findings


_NOT_DATE = Text(
    "'{given}' is not a date: write the submission date as 2026-04-01; the rule set in force "
    "on that day is used.",
    "'{given}' は日付ではありません。提出日を 2026-04-01 の形で記入してください"
    "（その日に有効なルールセットを使います）。",
)
_TIME_NOT_DATE = Text(
    "'{given}' is a time of day, not a date: write the submission date as 2026-04-01 "
    "(without quotes in TOML); the rule set in force on that day is used.",
    "'{given}' は時刻で、日付ではありません。提出日を 2026-04-01 の形で記入してください"
    "（その日に有効なルールセットを使います）。",
)


def _blank(raw: Any) -> bool:
    """Not stated: absent, or text with nothing but white space (as a template leaves it)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_date(raw: Any) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            return read_day(raw)  # 令和10年4月1日, 2028年4月1日, 2028/4/1
    return None


def submitted_date(doc: dict[str, Any]) -> dt.date | None:
    """The application's ``applicant.submitted`` date, when it states a valid one."""
    block = doc.get("applicant")
    return as_date(block.get("submitted")) if isinstance(block, dict) else None
