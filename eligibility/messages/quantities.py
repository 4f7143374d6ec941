"""Why a number with a unit cannot be read (eligibility.quantities): the grammar's refusals,
each naming the text as written (``{given}``)."""

from __future__ import annotations

from eligibility.text import Text

AT_PERCENT = Text(
    "'at%' is an atomic fraction; give the content by mass (wt%)",
    "'at%' は原子分率です。質量分率（wt%）で記入してください",
)
VOL_PERCENT = Text(
    "'vol%' is a volume fraction; give the content by mass (wt%)",
    "'vol%' は体積分率です。質量分率（wt%）で記入してください",
)
TOO_LONG = Text(
    "the text is {length} characters long; a quantity has at most {limit}",
    "{length} 文字あります。数量は {limit} 文字以内で記入してください",
)
NOT_FINITE = Text("'{given}' is not a finite number", "'{given}' は有限の数値ではありません")
NO_NUMBER = Text("'{given}' does not start with a number", "'{given}' が数値で始まっていません")
PRODUCT = Text(
    "'{given}': write a power of ten as 10^4, 10⁴ or e4 (2×10^4 or 2e4); any other product is "
    "not read",
    "'{given}': 10の累乗は 10^4、10⁴ または e4 の形で記入してください（2×10^4、2e4）。"
    "それ以外の積は読み取りません",
)
CALCULATION = Text(
    "'{given}': write one number and its unit, not a calculation",
    "'{given}': 計算式ではなく、一つの数値と単位で記入してください",
)
DECIMAL_COMMA = Text(
    "'{given}': write decimals with a point (1.5) and group thousands in threes (10,000)",
    "'{given}': 小数点はピリオド（1.5）、桁区切りは3桁ごと（10,000）で記入してください",
)
MALFORMED = Text("'{given}' has a malformed number", "'{given}' の数値の書式が不正です")
TOO_MANY_DIGITS = Text(
    "'{given}' has more than {limit} digits", "'{given}' の桁数が {limit} 桁を超えています"
)
EXPONENT_RANGE = Text(
    "'{given}': the exponent {exponent} is out of range (at most ±{limit})",
    "'{given}': 指数 {exponent} は範囲外です（±{limit} 以内）",
)
NO_UNIT = Text("'{given}' has no unit", "'{given}' に単位がありません")
REFUSED_UNIT = Text("'{given}': {reason}", "'{given}': {reason}")
POWER_RANGE = Text(
    "'{given}': the power {power} of '{symbol}' is out of range",
    "'{given}': '{symbol}' の指数 {power} は範囲外です",
)
TOO_MANY_PARTS = Text(
    "'{given}': a unit has at most {limit} parts", "'{given}': 単位の要素は {limit} 個までです"
)
PREFIXED_TEMPERATURE = Text(
    "'{given}': the temperature unit '{symbol}' takes no prefix (write °C, °F or K)",
    "'{given}': 温度の単位 '{symbol}' に接頭辞は付けられません"
    "（°C、°F または K で記入してください）",
)
TEMPERATURE_ALONE = Text(
    "'{given}': a temperature in '{symbol}' stands alone, without other units",
    "'{given}': 温度の単位 '{symbol}' は他の単位と組み合わせられません",
)
UNREADABLE_UNIT = Text("'{given}': the unit cannot be read", "'{given}': 単位を読み取れません")
UNKNOWN_UNIT = Text(
    "'{given}': unknown unit '{symbol}'{hint}", "'{given}': 不明な単位 '{symbol}'{hint}"
)
# --- a datasheet's bound, range or typical figure -----------------------------------------
TYPICAL = Text(
    "'{given}' is a typical figure, read as stated; the criterion asks for the guaranteed one.",
    "'{given}' は標準値（代表値）として記載値のまま読みました。基準は保証値で判断します。",
)
RANGE = Text(
    "'{given}' is a range: read at its end least favourable to the applicant.",
    "'{given}' は範囲です。申請者に最も不利な端の値で読みました。",
)
BOUND = Text(
    "'{given}' is a bound, not a value: read at the bound.",
    "'{given}' は値ではなく限界値です。限界値で読みました。",
)
RANGE_ORDER = Text(
    "'{given}': a range is written low to high (45～48 MGOe)",
    "'{given}': 範囲は小さい値から大きい値の順に記入してください（45～48 MGOe）",
)
