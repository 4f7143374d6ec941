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
OTHERWISE_MET_BY = Text(
    " (Otherwise met by: {branch}.)", "（他の条件「{branch}」は満たしています。）"
)
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
# --- compare: alternatives, rounding, dates ------------------------------------------
# An alternative the plan states only in part (peak_torque without volume beside a stated
# torque_density): its fields were read (a bad one is reported), but it gives no figure, so
# nothing confirms or contradicts the figure used. The finding keeps that figure's status: the
# criterion is shown by a complete alternative, and an unfinished second one adds no doubt a
# reviewer could resolve; the applicant is told what to add for it to be compared.
HALF_STATED = Text(
    " Also stated: {written}, but not {absent}, so {expression} cannot be computed and is "
    "left out of this check; state {absent} to have it read too.",
    "{written} も記入されていますが {absent} がないため、{expression} を計算できず、"
    "この確認には用いていません。用いるには {absent} も記入してください。",
)
# A figure that misses the threshold only in digits it does not write (parameter
# within_rounding): {rounded} is the threshold in the figure's unit, to the figure's decimals.
# By default figures are exact, as in every unit (the same value never changes its verdict
# with the unit it is written in), and the finding says how close the figure is; a rule set
# whose within_rounding is "review" sends such a figure to a reviewer instead.
WITHIN_ROUNDING_EXACT = Text(
    " '{given}' is the threshold {threshold} converted into its unit and rounded to the digits "
    "written ({rounded}); figures are read as exact, so it falls short in the digits not "
    "written: a figure in the threshold's unit settles it (parameter within_rounding).",
    "'{given}' は基準値 {threshold} を記載の単位に換算し記載の桁数に丸めた値（{rounded}）"
    "です。記載値は厳密値として扱うため、記載されていない桁で基準に届きません。基準値の単位で"
    "記入すれば確定します（パラメータ within_rounding）。",
)
WITHIN_ROUNDING_REVIEW = Text(
    " '{given}' is the threshold {threshold} converted into its unit and rounded to the digits "
    "written ({rounded}): it falls short only in digits not written, so a reviewer judges "
    "(parameter within_rounding; a figure in the threshold's unit settles it).",
    "'{given}' は基準値 {threshold} を記載の単位に換算し記載の桁数に丸めた値（{rounded}）"
    "です。記載されていない桁でのみ基準に届かないため、審査担当者が判断します"
    "（パラメータ within_rounding。基準値の単位で記入すれば確定します）。",
)
# A date that does not meet its limit, with how far it is from it.
DAYS_AFTER = Text("{day}, {span} after the limit ({limit})", "{day}（期限 {limit} の {span}後）")
DAYS_BEFORE = Text("{day}, {span} before the limit ({limit})", "{day}（期限 {limit} の {span}前）")
ONE_DAY = Text("{n} day", "{n} 日")
DAYS = Text("{n} days", "{n} 日")
# --- compare: a bound read end by end (pair_ends) -----------------------------------------
PAIRED_ENDS = Text(
    "Read end by end ({given}), as a datasheet's ranges pair: the low ends together, the high"
    " ends together; shown: the {side}.",
    "範囲は端ごとに対応させて読みました（{given}）：下限は下限どうし、上限は上限どうし。"
    "表示は{side}の比較です。",
)
HIGH_ENDS = Text("high ends", "上限どうし")
LOW_ENDS = Text("low ends", "下限どうし")
