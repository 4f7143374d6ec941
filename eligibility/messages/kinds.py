"""Sentences of the check kinds (eligibility.check_kinds) around the rule set's own templates:
how two readings disagree, what a bound cannot show, what a range or a name is."""

from __future__ import annotations

from eligibility.text import Text

# --- shared pieces ------------------------------------------------------------------------
WITH_NOTE = Text("{detail} {note}", "{detail}{note}")
DISTANCE = Text("{gap} {word}", "{gap} {word}")
AND = Text(" and ", "と")
OR = Text(", or ", "、又は")
THEN = Text(" ", "")
KEYS_IN_BLOCK = Text("{keys} in [plans.{block}]", "[plans.{block}] の {keys}")
# --- compare ------------------------------------------------------------------------------
DISAGREE = Text(
    "{first} but {second}: the figures differ by more than the tolerance for rounding, "
    "{share} of the larger{parameter}, so a reviewer judges which is right.",
    "{first} ですが {second} です。差が端数処理の許容範囲（大きい方の {share}{parameter}）を"
    "超えるため、審査担当者が判断します。",
)
DISAGREE_PARAMETER = Text(" (parameter {name})", "、パラメータ {name}")
UPPER_BOUND = Text("an upper bound", "上限")
LOWER_BOUND = Text("a lower bound", "下限")
THE_CRITERION = Text("the criterion", "基準")
ONE_SIDED = Text(
    "'{given}' is only {side}: it cannot show {needs}; write the figure itself or the end that can",
    "'{given}' は{side}のみのため{needs}を示せません。値そのもの、又は判定に使える側の値を"
    "記入してください",
)
DIVISOR_ZERO = Text(
    "{key} is zero, so {expression} cannot be computed.",
    "{key} が0のため {expression} を計算できません。",
)
CANNOT_COMBINE = Text(
    "{shown} cannot be combined: give them in one unit (one currency).",
    "{shown} は組み合わせられません。同じ単位（同じ通貨）で記入してください。",
)
# --- any ----------------------------------------------------------------------------------
MET_BY = Text("Met by: {branch}. {detail}", "{branch}により満たしています。{detail}")
# --- range --------------------------------------------------------------------------------
IN_RANGE = Text("{shown}, range {threshold}", "{shown}、範囲 {threshold}")
# --- member -------------------------------------------------------------------------------
UNCLASSIFIED = Text(
    "'{given}' is not a material name the rule set can classify, so a reviewer judges it. "
    "Accepted names: {listed}.{qualifiers}",
    "'{given}' は規則セットで分類できない材料名のため、審査担当者が判断します。"
    "使用できる名称：{listed}。{qualifiers}",
)
QUALIFIERS_ALLOWED = Text(
    " Qualifiers such as {qualifiers} may be added.",
    "{qualifiers} などの修飾語は付けても構いません。",
)
# --- all_true -----------------------------------------------------------------------------
NOT_ATTESTED = Text("Not attested: {keys}.", "表明がありません：{keys}。")
KEYS = Text(", ", "、")
ALL_ATTESTED = Text("All attested.", "すべて表明されています。")
