"""The words of `impact --format xlsx`: sheet names and column heads, in both languages."""

from __future__ import annotations

from eligibility.text import Text

SHEETS = {
    "counts": Text("counts", "集計"),
    "changed": Text("verdict changes", "判定の変化"),
    "transitions": Text("transitions", "判定の遷移"),
    "thresholds": Text("thresholds", "基準値の変更"),
    "nearest": Text("nearest", "基準値に近い計画"),
    "errors": Text("not checked", "確認できないファイル"),
    "provenance": Text("provenance", "出典"),
}
BASELINE = Text("baseline", "現行")
REFORM = Text("reform", "改正案")
COUNT_HEAD = (
    Text("verdict", "判定"),
    Text("plans (baseline)", "計画数（現行）"),
    Text("plans (reform)", "計画数（改正案）"),
    Text("difference", "増減"),
)
CHANGED_HEAD = (
    Text("file", "ファイル"),
    Text("applicant", "申請者"),
    Text("plan", "計画"),
    Text("track", "区分"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
    Text("rule", "規則"),
    Text("finding (baseline)", "結果（現行）"),
    Text("finding (reform)", "結果（改正案）"),
    Text("message", "内容"),
)
TRANSITION_HEAD = (
    Text("track", "区分"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
    Text("plans", "計画数"),
)
THRESHOLD_HEAD = (Text("rule", "規則"), BASELINE, REFORM)
NEAREST_HEAD = (
    Text("rule", "規則"),
    Text("file", "ファイル"),
    Text("plan", "計画"),
    Text("margin (baseline)", "差（現行）"),
    Text("margin (reform)", "差（改正案）"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
)
ERROR_HEAD = (Text("file", "ファイル"), Text("error", "エラー"))
PROVENANCE = {
    "files": Text("files", "ファイル数"),
    "plans": Text("plans", "計画数"),
    "changed": Text("plans whose verdict changes", "判定が変わる計画"),
    "tool": Text("tool", "ツール"),
}
