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
