"""The words of `outcomes --format xlsx`: sheet names, column heads and chart titles, in both
languages."""

from __future__ import annotations

from eligibility.text import Text

SHEETS = {
    "indicators": Text("indicators", "指標"),
    "years": Text("years", "年度別"),
    "sources": Text("sources", "根拠ファイル"),
    "charts": Text("charts", "グラフ"),
    "findings": Text("findings", "指摘"),
    "inputs": Text("inputs", "入力ファイル"),
    "statuses": Text("statuses", "状況の判定"),
    "provenance": Text("provenance", "出典"),
}
UNIT = Text("unit", "単位")
INDICATOR_HEAD = (
    Text("indicator", "指標"),
    Text("term", "期間"),
    Text("title", "名称"),
    Text("measure", "測定指標"),
    Text("target", "目標値"),
    UNIT,
    Text("target year (Western)", "目標年度（西暦）"),
    Text("target year (era)", "目標年度（和暦）"),
    Text("trajectory", "軌道"),
    Text("result", "結果"),
    Text("result value", "結果の値"),
    UNIT,
    Text("method", "測定方法"),
    Text("source", "出典"),
    Text("note", "解釈"),
)
YEAR_HEAD = (
    Text("indicator", "指標"),
    Text("fiscal year (Western)", "年度（西暦）"),
    Text("fiscal year (era)", "年度（和暦）"),
    Text("as at", "時点"),
    Text("value", "値"),
    UNIT,
    Text("exact value", "正確な値"),
    Text("target", "目標値"),
    Text("trajectory", "軌道の値"),
    Text("status", "状況"),
    Text("status (words)", "状況（語）"),
    Text("detail", "内訳"),
    Text("rule", "規則"),
)
SOURCE_HEAD = (
    Text("indicator", "指標"),
    Text("fiscal year (Western)", "年度（西暦）"),
    Text("fiscal year (era)", "年度（和暦）"),
    Text("file", "ファイル"),
)
FINDING_HEAD = (
    Text("file", "ファイル"),
    Text("where", "箇所"),
    Text("status", "種類"),
    Text("message", "内容"),
)
INPUT_HEAD = (
    Text("file", "ファイル"),
    Text("kind", "種類"),
    Text("sha256", "sha256"),
    Text("superseded by", "置き換え先"),
    Text("why superseded", "置き換えの理由"),
)
STATUS_HEAD = (
    Text("status", "状況"),
    Text("mark", "記号"),
    Text("status (words)", "状況（語）"),
    Text("meaning", "意味"),
)
PROVENANCE = {
    "indicators": Text("indicators", "指標ファイル"),
    "version": Text("indicators version", "指標の版"),
    "effective": Text("in force from", "適用開始日"),
    "path": Text("indicators file", "指標ファイルの場所"),
    "sha256": Text("indicators sha256", "指標ファイル sha256"),
    "inputs": Text("inputs", "入力"),
    "reading": Text("reading of N年時点", "「N年時点」の読み方"),
}
X_AXIS = Text("fiscal year (April–March)", "年度（4月〜3月）")
VALUE_SERIES = Text("value", "実績")
TARGET_SERIES = Text("target", "目標")
TRAJECTORY_SERIES = Text("trajectory", "軌道")
COUNT_AXIS = Text("count", "件数")
SHARE_AXIS = Text("share (%)", "割合（%）")
