"""Sentences of the outcome indicators (eligibility.outcomes) about their input files."""

from __future__ import annotations

from eligibility.text import Text

UNKNOWN_KEY = Text(
    "`{key}` is an unknown key; it is not read", "`{key}` は不明なキーです（読み込みません）"
)
NOT_STATED = Text("no {what}", "{what}がありません")
NOT_TEXT = Text("{what} must be text in quotes", "{what}は引用符で囲んだ文字列で記入してください")
NOT_AN_ARRAY = Text(
    "`{key}` must be an array of tables ([[{key}]])",
    "`{key}` は表の配列（[[{key}]]）で記入してください",
)
NOT_A_TABLE = Text("not a table; ignored", "表ではないため無視します")

# What the input files hold, named for findings: "no operator name (`operator`)".
INPUT_NAMES: dict[str, Text] = {
    "operator": Text("operator name (`operator`)", "事業者名（`operator`）"),
    "fiscal_year": Text("fiscal year (`fiscal_year`)", "年度（`fiscal_year`）"),
    "plan_id": Text("plan ID (`id`)", "計画ID（`id`）"),
    "track": Text("track (`track`)", "トラック（`track`）"),
    "target": Text("target for the fiscal year (`target`)", "当該年度の目標（`target`）"),
    "actual": Text("actual for the fiscal year (`actual`)", "当該年度の実績（`actual`）"),
    "per_year": Text("capacity or production per year", "年間の能力・生産量"),
    "motor_id": Text("motor ID (`id`)", "モーターID（`id`）"),
    "developed": Text("fiscal year developed (`developed`)", "開発完了年度（`developed`）"),
    "model": Text("model name (`name`)", "車種名（`name`）"),
    "maker": Text("maker (`maker`)", "メーカー（`maker`）"),
    "launched": Text("fiscal year launched (`launched`)", "市場投入年度（`launched`）"),
    "hre_free": Text(
        "statement that the magnets are heavy-rare-earth free (`heavy_rare_earth_free`); "
        "not counted",
        "重希土類フリー磁石であることの記載（`heavy_rare_earth_free`）。数えません",
    ),
    "review_motor": Text("motor ID (`motor`)", "モーターID（`motor`）"),
    "review_date": Text("date of the review (`date`)", "審査日（`date`）"),
    "passed": Text(
        "result of the review (`passed`, true or false)", "審査結果（`passed`、true 又は false）"
    ),
}

# --- the statuses of an indicator -----------------------------------------------------------
ACHIEVED = Text("achieved", "達成")
MISSED = Text("missed", "未達成")
ON_TRACK = Text("on track", "順調")
BEHIND = Text("behind", "遅れ")
AFTER_TARGET = Text("after the target year", "目標年度後")
NO_DATA = Text("no data", "データなし")
SHORT_TERM = Text("short", "短期")
LONG_TERM = Text("long", "長期")
COUNT = Text("count", "件")
# --- fiscal years ---------------------------------------------------------------------------
ERA_STARTS_AT_ONE = Text(
    "'{given}': an era year starts at 1 (元年)", "'{given}': 元号の年は1（元年）からです"
)
HEISEI_ENDED = Text("'{given}': 平成 ended in its 31st year", "'{given}': 平成は31年度までです")
FISCAL_YEAR_HOW = Text(
    "not a fiscal year: write R10年度, 令和10年度 or FY2028",
    "年度ではありません。R10年度、令和10年度 又は FY2028 の形で記入してください",
)
NOT_A_FISCAL_YEAR = Text("'{given}': {how}", "'{given}': {how}")
YEAR_OUT_OF_RANGE = Text(
    "'{given}': fiscal year {year} is outside {first}–{last}",
    "'{given}': {year}年度は {first}～{last}年度の範囲外です",
)
# --- corrections ----------------------------------------------------------------------------
SUPERSEDED_BY = Text("{file} supersedes it", "{file} により置き換え")
SUPERSEDES_ANOTHERS = Text(
    "'{name}' is a report of {operator} for {year}, not of this report's operator and year "
    "({own_operator}, {own_year}); not applied",
    "'{name}' は {operator} の {year} の報告で、この報告の事業者・年度（{own_operator}、"
    "{own_year}）のものではありません。適用しません",
)
SUPERSEDES_UNREAD = Text(
    "supersedes '{name}', which is not among the files read",
    "置き換え対象 '{name}' は読み込んだファイルにありません",
)
OLDER_REVISION = Text(
    "revision {revision}; {file} is revision {top}", "第{revision}版。{file} が第{top}版"
)
SUPERSEDE_EACH_OTHER = Text(
    "{operator}, {year}: the reports supersede each other ({files}); all are read as current",
    "{operator}、{year}：報告が互いに置き換え合っています（{files}）。すべて有効として読みます",
)
# --- statistics -----------------------------------------------------------------------------
MUST_BE_A_TABLE = Text("must be a table", "表で記入してください")
# --- what a rendering says about the run ----------------------------------------------------
PROVENANCE = Text(
    "indicators {id} {version} (in force from {effective}); motors checked with rule set "
    "{ruleset} {ruleset_version}",
    "指標 {id} {version}（{effective} から有効）、モーターの確認: ルールセット {ruleset} "
    "{ruleset_version}",
)
SCREENING_READS = Text(
    "; screening reads it as {value} (rule set parameter {parameter})",
    "。審査では {value} と読む（ルールセットのパラメータ {parameter}）",
)
# --- stage-gate reviews ---------------------------------------------------------------------
PASSED = Text("passed", "通過")
NOT_PASSED = Text("not passed", "不通過")
STAGE_GATE = Text(
    "stage-gate review ({gate}{date}, {file}): {result}",
    "ステージゲート審査（{gate}{date}、{file}）：{result}",
)
GATE = Text("{gate}, ", "{gate}、")
WRITE_A_DATE = Text(
    'write a date, e.g. 2027-11-20 (in JSON "2027-11-20")',
    '日付で記入してください（例：2027-11-20、JSON では "2027-11-20"）',
)
WRITE_A_BOOLEAN = Text("write true or false, without quotes", "引用符なしで true か false")
MUST_BE_TEXT = Text("must be text", "文字列で記入してください")
REVIEWS_DISAGREE = Text(
    "motor `{motor}` of {operator}: reviews of {date} disagree on whether it passed ({places}); "
    "not counted",
    "{operator} のモーター `{motor}`：{date} の審査結果が食い違っています（{places}）。数えません",
)
# --- measuring an indicator ----------------------------------------------------------------
YEAR_NOT_REPORTED = Text(
    "{operator} has reports before and after {year} but none for it; that year's plans are not "
    "counted",
    "{operator} は {year} の前後の報告がありますが、{year} の報告がありません。"
    "その年度の計画は数えられません",
)
REPORTS_DISAGREE = Text(
    "{operator}, plan `{plan}`, {year}: this report and {file} disagree ({shown}); the plan "
    "counts as not meeting its target until one is corrected",
    "{operator}、計画 `{plan}`、{year}：この報告と {file} の内容が矛盾しています（{shown}）。"
    "どちらかが訂正されるまで、目標未達成として数えます",
)
ALSO_REPORTED = Text(
    "{operator}, plan `{plan}`, {year}: also reported, identically, in {file}",
    "{operator}、計画 `{plan}`、{year}：{file} にも同じ内容の報告があります",
)
OPERATORS_MET = Text(
    "{met} of {operators} operators met their {year} plan targets",
    "{operators} 事業者中 {met} 事業者が {year} の計画目標を達成",
)
MOTOR = Text("motor", "モーター")
EV_MODEL = Text("EV model", "車種")
YEARS_DIFFER = Text(
    "{what} {label} is reported in different fiscal years ({places}); not counted",
    "{what} {label} の年度が報告により異なります（{places}）。数えません",
)
ITEMS_SO_FAR = Text("{count}: {names}", "{count} 件：{names}")
STATISTICS_DISAGREE = Text(
    "{field} for {year}: {value} here, {other} in {file} ({where}); neither is used",
    "{year} の {field}：ここでは {value}、{file}（{where}）では {other}。どちらも使用しません",
)
DENOMINATOR_ZERO = Text(
    "{indicator}: {denominator} is zero; the ratio has no value",
    "{indicator}：{denominator} が0のため比率を計算できません",
)
RATIO = Text(
    "{numerator} ({year}) ÷ {denominator} ({denominator_year})",
    "{numerator}（{year}）÷ {denominator}（{denominator_year}）",
)
# --- judging a year against its target -------------------------------------------------------
BEFORE_TARGET_YEAR = Text(
    "{year} is before the target year {target_year}", "{year} は目標年度 {target_year} より前"
)
IS_TARGET_YEAR = Text("{year} is the target year", "{year} は目標年度")
AFTER_TARGET_YEAR = Text(
    "{year} is after the target year {target_year}", "{year} は目標年度 {target_year} より後"
)
AGAINST_TARGET = Text("{where}, and {value} {sign} {target}", "{where}で、{value} {sign} {target}")
AGAINST_PLAN_TARGETS = Text(
    "{where}; the year's plan targets are its trajectory, and {value} {sign} {target}",
    "{where}。その年度の計画目標が軌道で、{value} {sign} {target}",
)
BEFORE_BASELINE = Text(
    "{where} and before the baseline year {baseline_year}: no trajectory yet",
    "{where}で、基準年度 {baseline_year} より前（軌道なし）",
)
STRAIGHT_LINE = Text(
    "{where}; the straight line from {baseline} in {baseline_year} to {target} in {target_year} "
    "gives {expected}, and {value} {sign} {expected}",
    "{where}。{baseline_year} の {baseline} から {target_year} の {target} への直線で "
    "{expected}、{value} {sign} {expected}",
)
ALREADY_MET = Text(
    "{where}; {value} ≥ {target} already, judged in {target_year}",
    "{where}。既に {value} ≥ {target}（判定は {target_year}）",
)
NOT_YET_DUE = Text(
    "{where}; {value} < {target}, which is not due until {target_year}",
    "{where}。{value} < {target} だが、期限は {target_year}",
)
NO_VALUE = Text("no status report or statistic gives a value", "値を示す状況報告・統計がありません")
NO_TARGET_YEAR_VALUE = Text(
    "no value for the target year {target_year}: its result is not known",
    "目標年度 {target_year} の値がないため、結果は不明",
)
RESULT_STANDS = Text(
    "; the result of the target year {target_year} stands: {status} ({value})",
    "。目標年度 {target_year} の結果（{value}、{status}）が確定",
)
# --- a status report --------------------------------------------------------------------------
REPORT_NOT_A_TABLE = Text("[report] must be a table", "[report] は表です")
REPORT_NOT_USED = Text(
    "without an operator and a fiscal year the report is not used",
    "事業者名と年度がないため、この報告は使用しません",
)
BAD_REVISION = Text(
    "`revision` is a whole number from 1 (the first report), e.g. 2; not read",
    "`revision` は1（最初の報告）からの整数です（例：2）。読み込みません",
)
BAD_SUPERSEDES = Text(
    "`supersedes` is the ID or file name of the report this one replaces, or a list of them; "
    "not read",
    "`supersedes` は置き換える報告のID又はファイル名（又はその配列）です。読み込みません",
)
BAD_SENT = Text(
    'write the date the report was sent, e.g. 2029-05-31 (in JSON "2029-05-31"); not read',
    '提出日は日付で記入してください（例：2029-05-31、JSON では "2029-05-31"）。読み込みません',
)
KEY_NOT_TEXT = Text(
    "`{key}` must be text in quotes; not read", "`{key}` は文字列です。読み込みません"
)
PLAN_TWICE = Text(
    "plan `{plan}` appears twice in one report (also {first}); the second is not used",
    "計画 `{plan}` が1つの報告に2回あります（{first}）。2つ目は使用しません",
)
UNKNOWN_TRACK = Text("unknown track '{track}'", "不明なトラック '{track}'")
PLAN_NOT_STATED = Text(
    "plan `{plan}`: no {what}; the plan counts as not meeting its target",
    "計画 `{plan}`：{what}がありません。目標未達成として数えます",
)
MOTOR_TWICE = Text(
    "motor `{motor}` appears twice in one report; the second is not used",
    "モーター `{motor}` が1つの報告に2回あります。2つ目は使用しません",
)
DEVELOPED_LATER = Text(
    "motor `{motor}`: developed in {developed}, after the report's fiscal year {year}; not counted",
    "モーター `{motor}`：開発完了 {developed} が報告年度 {year} より後です。数えません",
)
REVIEW_NOT_PASSED = Text(
    "motor `{motor}` is not counted: its latest {review}",
    "モーター `{motor}` は数えません：最新の{review}",
)
FIGURES_DO_NOT_PASS = Text(
    "motor `{motor}`: the {review}, but its reported figures do not pass the {track} checks "
    "({problems}); not counted until one is corrected",
    "モーター `{motor}`：{review}ですが、報告された諸元が {track} の確認を満たしていません"
    "（{problems}）。訂正されるまで数えません",
)
CHECKS_DO_NOT_PASS = Text(
    "motor `{motor}` is not counted: the {track} checks do not pass ({problems})",
    "モーター `{motor}` は数えません：{track} の確認を満たしていません（{problems}）",
)
LAUNCHED_LATER = Text(
    "{maker} {name}: launched in {launched}, after the report's fiscal year {year}; not counted",
    "{maker} {name}：市場投入 {launched} が報告年度 {year} より後です。数えません",
)
