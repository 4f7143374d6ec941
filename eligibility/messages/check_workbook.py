"""The words of the workbooks of `check` and `screen` (`--format xlsx`): sheet names and column
heads, in both languages."""

from __future__ import annotations

from eligibility.text import Text

SHEETS: dict[str, Text] = {
    "plans": Text("plans", "計画"),
    "findings": Text("findings", "指摘"),
    "provenance": Text("provenance", "出典"),
    "summary": Text("summary", "集計"),
}
PLAN_HEAD = (
    Text("file", "ファイル"),
    Text("applicant", "申請者"),
    Text("plan", "計画"),
    Text("track", "区分"),
    Text("title", "件名"),
    Text("verdict", "判定"),
    Text("failed", "不適合"),
    Text("missing or invalid", "不足・不正"),
    Text("review", "要確認"),
    Text("error", "エラー"),
    Text("file sha256", "ファイル sha256"),
)
FINDING_HEAD = (
    Text("file", "ファイル"),
    Text("plan", "計画"),
    Text("rule", "規則"),
    Text("status", "結果"),
    Text("field", "項目"),
    Text("cell", "セル"),
    Text("given", "記入値"),
    Text("value", "換算値"),
    Text("threshold", "基準"),
    Text("margin", "差"),
    Text("what would pass", "適合に必要な値"),
    Text("source", "根拠"),
    Text("note", "注記"),
    Text("message", "内容"),
)
