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
