"""The words of `rules diff --format xlsx`: sheet names and column heads, in both languages."""

from __future__ import annotations

from eligibility.text import Text

SHEETS = {
    "thresholds": Text("thresholds", "基準値の変更"),
    "changes": Text("changes", "変更点"),
    "provenance": Text("provenance", "出典"),
}
THRESHOLD_HEAD = (
    Text("rule", "規則"),
    Text("track", "区分"),
    Text("fields", "項目"),
    Text("old threshold", "旧基準値"),
    Text("new threshold", "新基準値"),
    Text("title (ja)", "件名"),
    Text("title (en)", "件名（英）"),
    Text("note (ja)", "注記"),
    Text("note (en)", "注記（英）"),
    Text("source", "根拠"),
)
CHANGE_HEAD = (
    Text("what", "対象"),
    Text("change", "変更"),
    Text("name", "名前"),
    Text("attribute", "属性"),
    Text("old", "旧"),
    Text("new", "新"),
)
WHAT = {
    "parameters": Text("parameter", "パラメータ"),
    "rules": Text("rule", "規則"),
    "messages": Text("message", "文言"),
    "tracks": Text("track", "区分"),
    "fields": Text("field", "項目"),
}
PROVENANCE = (
    ("from", Text("from", "変更前")),
    ("to", Text("to", "変更後")),
)
CHANGES = Text("changes", "変更の数")
TOOL = Text("tool", "ツール")
