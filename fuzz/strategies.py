"""Hypothesis strategies for whole application documents, and the contract every result keeps.

Documents have the outline the reader lets through (a table with an applicant and 1-3 plan
tables, on random tracks of the rule set), with random values in every field: quantity strings
built from real units, garbage, full-width and Japanese notation and hostile text (pint-style
arithmetic, huge exponents, megabytes of digits), and values of every type a TOML or JSON
parser returns. Unknown keys are sprinkled at every level.

``contract_problems`` checks a result against docs/APPLICATION.md (the result shape, statuses,
verdicts and exit codes); ``check_one`` runs one document through the engine and both reports.
Used by ``tests/test_fuzz.py`` (a few hundred documents) and ``fuzz/fuzz_documents.py`` (many).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from eligibility.application.applicant import PLAN_KEYS
from eligibility.checking.document import check_document
from eligibility.checking.result import Result
from eligibility.rendering import result as report
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Ruleset
from eligibility.text import as_written
from eligibility.verdicts import EXIT_CODES

#: The tests' settings for whole fuzz documents: a few hundred checks, each as slow as it is
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules" / "permanent-magnets" / "2025-06"

VERDICTS = ("ineligible", "incomplete", "review", "eligible")  # worst first
STATUSES = ("pass", "fail", "missing", "invalid", "review")
LANGS = ("en", "ja")


@cache
def ruleset() -> Ruleset:
    return load_ruleset(RULES)


# --- values -------------------------------------------------------------------------------

# fmt: off
REAL_UNITS = [
    # every notation the rule set lists, and more of the right and wrong dimensions
    "t/yr", "t/年", "kt/yr", "t/month", "t/a", "tonne/year", "kg/d", "トン/年", "kJ/m^3", "kJ/m³",
    "kJ/m3", "J/cm^3", "MJ/m^3", "MGOe", "MGO", "GOe", "kA/m", "MA/m", "A/m", "kOe", "Oe", "T",
    "mT", "kG", "G", "Gs", "degC", "°C", "℃", "K", "degF", "°F", "C", "wt%", "wt.%", "mass%",
    "mass %", "質量%", "重量%", "ppm", "%", "at%", "vol%", "JPY/kg", "円/kg", "円/t", "万円/t",
    "千円/kg", "億円/t", "USD/kg", "yen/kg", "kg", "g", "mg", "yr", "年", "months", "month",
    "ヶ月", "か月", "d", "h", "s", "min", "rpm", "r/min", "rev/min", "min⁻¹", "min^-1", "min-1",
    "rps", "r/s", "回転/分", "1/min", "N·m", "N*m", "Nm", "N m", "kN·m", "N・m", "J", "L", "l",
    "cm^3", "cm3", "m^3", "mL", "dm^3", "N·m/L", "Nm/L", "kN·m/m^3", "N*m/L", "Nm/l", "m", "km",
    "W", "Pa", "A", "mol",
]
GARBAGE_UNITS = [
    "", " ", "/", "//", "()", "(", ")", "/(m", "m)", "kJ/(m^3", "kJ/(m^3)", "kJ/(m*(m))", "**",
    "^", "m^", "m^99", "m**-5", "m^0", "m0", "m^-0", "m^+2", "m^ 2", "m ** 2", "xyz", "foo_bar",
    "µT", "μT", "Ω", "ΩΩ", "_", "__", "a" * 101, "\t", "\n", "\x00", "$", "🙂", "°", "°C°C",
    "degC/m", "degC^2", "K/s", "m.s", "m..s", "m/", "/m", "m//s", "m/(s/s)", "NaN", "inf", "e",
    "E5", "x10^5", "×10^5", "m m m m m m m", "m*m*m*m*m*m*m", "t/yr/yr", "t/(yr)", "t / yr",
    "t/yr)", "年年", "月", "分", "秒", "時間", "日", "円", "万円", "ｋＪ／ｍ３", "ｔ／ｙｒ",
    "ｋＡ／ｍ", "ＭＧＯｅ", "％", "ｗｔ％", "ｍｉｎ⁻¹", "Ｎ・ｍ／Ｌ", "ネオジム", "トン",
    "リットル", "回転", "kJ/m^3 extra", "t/yr # comment", "t\u3000/\u3000yr", "t/yr\u200b",
    "\u202et/yr", "t\ufeff/yr", "m\u0301", "ﬀ", "㎏", "㎥", "㎜", "㍍", "Å",
]
# fmt: on
HUGE_DIGITS = "1" * 1_000_000
HOSTILE = [
    "10**10**10 kJ/m^3",
    "9**9**9 m",
    HUGE_DIGITS + " t/yr",
    "1 " + "m*" * 5000 + "m",
    "1/0 m",
    "__import__('os')",
    "__import__('os').system('true')",
    "nan kJ/m^3",
    "NaN t/yr",
    "inf t/yr",
    "-inf t/yr",
    "Infinity kA/m",
    "-500 t/yr",
    "1e999 t/yr",
    "1e-999 t/yr",
    "1e30 t/yr",
    "1e31 t/yr",
    "1×10^999 t/yr",
    "1 x 10^-999 t/yr",
    "1 " + "m" * 10_000,
    "1 " + "/(" * 2000 + "m",
    "1 m^99999999999999999999",
    "1 m**-99999999999999",
    "9" * 30 + " t/yr",
    "9" * 31 + " t/yr",
    "0." + "0" * 29 + "1 t/yr",
    "1" + ",000" * 30 + " t/yr",
    "(1+1) t/yr",
    "2*3 t/yr",
    "2^3 t/yr",
    "1e1e1 t/yr",
    "{0} t/yr",
    "%s t/yr",
    "{} t/yr",
    "500 t/yr; DROP TABLE plans",
    "500 t/yr\x00",
    "${HOME} t/yr",
    "０.５ ｔ／ｙｒ",
    "−500 t/yr",
    "‐5 kJ/m^3",
    "0.02 kdegC",  # a prefixed offset unit: pint cannot scale it
    "5 mdegF",
    "1 MdegC",
]
# Control, C1 and bidi characters, terminal escapes and spreadsheet/Markdown openers: text
# that a report must carry as text, in every field.
CONTROL_TEXT = [
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[8mhidden\x1b[0m",  # concealed text
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52: write the clipboard
    "\x1b]8;;http://example.invalid/\x1b\\eligible\x1b]8;;\x1b\\",  # OSC 8: a link
    "\x9b2J",  # CSI as one C1 character
    "\u202eelbigile\u202c",  # right-to-left override
    "\u2066x\u2069\u200f",
    "\r\neligible",
    "\x00\x07\x08\x7f",
    '=HYPERLINK("http://example.invalid","x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "| eligible | eligible |",
    '<span style="display:none">',
    "![](http://example.invalid/t.png)",
    "\\|",
]
CONTROL_CHARACTERS = st.characters(
    codec="utf-8",
    categories=["Cc", "Cf", "Zl", "Zp"],
)
HOSTILE_TEXT = st.one_of(
    st.sampled_from(CONTROL_TEXT),
    st.text(alphabet=CONTROL_CHARACTERS, min_size=1, max_size=8),
    st.builds(
        lambda a, b, c: a + b + c,
        st.sampled_from(["NdFeB", "domestic", "A K.K.", "2028-04-01", "500 t/yr"]),
        st.sampled_from(CONTROL_TEXT),
        st.text(max_size=4),
    ),
    st.integers(990, 1010).map(lambda n: "NdFeB" + " " * n),  # about the length limit
)
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**7).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(0, 10**12).map(lambda n: f"{n:,}"),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", " ")),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-99, 99), st.integers(-400, 400)),
    st.builds(lambda m, e: f"{m}×10^{e}", st.integers(1, 9), st.integers(-40, 40)),
    st.integers(0, 10**6).map(
        lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    ),
    st.sampled_from(
        [
            "1,5",
            "1.5.5",
            ".5",
            "5.",
            "+5",
            "−5",
            "1_000",
            "0x10",
            "0b1",
            "1e",
            "e5",
            "--5",
            "00012",
            "0",
            "-0",
            "1/2",
            "½",
            "٣",
            "١٢٣",
            "५",
            "Ⅻ",
            "1.5e+3",
            "1E-3",
            "12,00",
            "1 00",
        ]
    ),
)
SEPARATORS = st.sampled_from(["", " ", "  ", "\u3000", "\t", "\u00a0", "\n"])
UNIT_TEXT = st.one_of(
    st.sampled_from(REAL_UNITS),
    st.sampled_from(GARBAGE_UNITS),
    st.text(max_size=12),
    st.lists(st.sampled_from(REAL_UNITS + GARBAGE_UNITS[:40]), min_size=2, max_size=4).flatmap(
        lambda parts: st.sampled_from(["*", "/", " ", "·", "/(", "^2 ", "**-1 "]).map(
            lambda sep: sep.join(parts)
        )
    ),
)
QUANTITY_TEXT = st.one_of(
    st.builds(lambda n, s, u: f"{n}{s}{u}", NUMBERS, SEPARATORS, UNIT_TEXT),
    st.builds(lambda n: f"年{n}トン", NUMBERS),
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
)
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
SCALARS = st.one_of(
    QUANTITY_TEXT,
    st.text(max_size=20),
    HOSTILE_TEXT,
    st.sampled_from(
        [
            "true",
            "false",
            "2028-04-01",
            "2028-13-45",
            "domestic",
            "overseas",
            "国内",
            "NdFeB",
            "SmCo",
            "ネオジム磁石",
            "active",
            "housing",
            " ",
            "",
        ]
    ),
    st.integers(),
    st.sampled_from([10**4299, -(10**4299), 2**63, -(2**63) - 1]),
    st.just(4000).map(lambda digits: 16**digits - 1),  # a 4,000-digit hex TOML integer
    st.floats(),
    st.booleans(),
    DATES,
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.times(),
    st.none(),  # JSON null
)
VALUES = st.one_of(
    SCALARS,
    st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=6,
    ),
)
UNKNOWN_KEYS = st.one_of(
    st.text(min_size=1, max_size=12),
    HOSTILE_TEXT,
    st.sampled_from(
        [
            "capacity",
            "capacity_incr",
            "Capacity_Increase",
            "energy",
            "material ",
            "magnet.material",
            "plans",
            "applicant",
            "titel",
            "ID",
            "trak",
            "\u3000",
            "energy_product",
            "coercivity",
            "site",
            "max_speed",
            "名前",
        ]
    ),
)


# --- documents ----------------------------------------------------------------------------


def _allowed_paths(track_id: Any) -> list[str]:
    rs = ruleset()
    track = rs.tracks.get(track_id) if isinstance(track_id, str) else None
    return [p for p in rs.fields if track is None or track.allows(p)]


@st.composite
def plans(draw: st.DrawFn, index: int = 0) -> dict[str, Any]:
    rs = ruleset()
    plan: dict[str, Any] = {}
    plan["id"] = (
        draw(st.one_of(st.just(f"plan-{index}"), st.just("plan-0"), st.text(max_size=10), VALUES))
        if draw(st.integers(0, 9))
        else f"plan-{index}"
    )
    if draw(st.integers(0, 19)):
        plan["track"] = draw(
            st.one_of(
                st.sampled_from(sorted(rs.tracks)),
                st.sampled_from(sorted(rs.tracks)).map(str.upper),
                st.sampled_from(["capacity", "capacity.NdFeB", "recycling", "saving.moter", ""]),
                VALUES,
            )
        )
    if draw(st.booleans()):
        plan["title"] = draw(st.one_of(st.text(max_size=20), VALUES))
    for path in _allowed_paths(plan.get("track")):
        if not draw(st.integers(0, 3)):
            continue  # left out
        block, _, key = path.rpartition(".")
        target = plan.setdefault(block, {}) if block else plan
        if not isinstance(target, dict):
            continue
        spec = rs.fields[path]
        if spec.type == "quantity":
            target[key] = draw(st.one_of(QUANTITY_TEXT, QUANTITY_TEXT, VALUES))
        else:
            target[key] = draw(VALUES)
    for block in ("magnet", "motor", "overseas"):
        if not draw(st.integers(0, 14)):
            plan[block] = draw(VALUES)  # a block that is not a table
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.sampled_from(["", "magnet", "motor", "overseas"]))
        target = plan.setdefault(where, {}) if where else plan
        if isinstance(target, dict):
            target[draw(UNKNOWN_KEYS)] = draw(VALUES)
    return plan


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if draw(st.integers(0, 19)):
        applicant: Any = {}
        if draw(st.integers(0, 9)):
            applicant["name"] = draw(st.one_of(st.text(max_size=20), VALUES))
        if draw(st.booleans()):
            applicant["corporate_number"] = draw(
                st.one_of(
                    st.sampled_from(
                        [
                            "4011001098993",
                            "7000012050002",
                            "1234567890123",
                            "４０１１００１０９８９９３",
                        ]
                    ),
                    st.text(alphabet="0123456789-", max_size=15),
                    VALUES,
                )
            )
        if not draw(st.integers(0, 4)):
            applicant[draw(UNKNOWN_KEYS)] = draw(VALUES)
        doc["applicant"] = applicant if draw(st.integers(0, 19)) else draw(VALUES)
    n = draw(st.integers(1, 3))
    doc["plans"] = [draw(plans(i)) for i in range(n)]
    if not draw(st.integers(0, 9)):
        doc[draw(UNKNOWN_KEYS.filter(lambda k: k != "plans"))] = draw(VALUES)
    return doc


# --- the contract -------------------------------------------------------------------------


def verdict_of(statuses: list[str]) -> str:
    if "fail" in statuses:
        return "ineligible"
    if {"missing", "invalid"} & set(statuses):
        return "incomplete"
    if "review" in statuses:
        return "review"
    return "eligible"


def _finding_problems(f: Any, where: str) -> list[str]:
    if not isinstance(f, dict):
        return [f"{where}: a finding is not an object"]
    out = []
    for key in ("rule", "status", "message"):
        if not isinstance(f.get(key), str) or not f[key]:
            out.append(f"{where}: `{key}` missing or empty: {f!r:.200}")
    if f.get("status") not in STATUSES:
        out.append(f"{where}: status {f.get('status')!r} is not one of {STATUSES}")
    return out


def _expected_unknown(plan: dict[str, Any]) -> list[str]:
    """Paths of the keys in ``plan`` the engine must report (unknown, or a block not a table)."""
    rs = ruleset()
    allowed = set(_allowed_paths(plan.get("track")))
    out = []
    for key, raw in plan.items():
        if key in PLAN_KEYS:
            continue
        is_block = any(p.startswith(key + ".") for p in rs.fields)
        if is_block and isinstance(raw, dict):
            out.extend(f"{key}.{k}" for k in raw if f"{key}.{k}" not in allowed)
        elif is_block or key not in allowed:
            out.append(key)
    return out


def contract_problems(doc: dict[str, Any], result: Result, data: dict[str, Any]) -> list[str]:
    """Every way ``data`` (the JSON result of checking ``doc``) breaks the contract."""
    rs = ruleset()
    out: list[str] = []
    for key in ("file", "verdict", "ruleset", "plans"):
        if key not in data:
            out.append(f"result: no `{key}`")
    if out:
        return out
    if data["verdict"] not in VERDICTS:
        out.append(f"result: verdict {data['verdict']!r}")
    for key in ("id", "version", "sha256"):
        if not isinstance(data["ruleset"].get(key), str):
            out.append(f"result.ruleset: no `{key}`")
    applicant = data.get("applicant", {"findings": []})
    applicant_statuses = []
    for i, f in enumerate(applicant.get("findings", [])):
        out.extend(_finding_problems(f, f"applicant.findings[{i}]"))
        applicant_statuses.append(f.get("status"))
        if not str(f.get("rule", "")).startswith("applicant."):
            out.append(f"applicant.findings[{i}]: rule {f.get('rule')!r} does not start applicant.")
    verdicts = [verdict_of(applicant_statuses)]
    plans_raw = doc.get("plans", [])
    if len(data["plans"]) != len(plans_raw):
        out.append(f"result: {len(data['plans'])} plans for {len(plans_raw)} in the file")
    rule_ids = {r.id for r in rs.rules}
    for i, plan in enumerate(data["plans"]):
        where = f"plans[{i}]"
        for key in ("id", "track", "verdict", "findings"):
            if key not in plan:
                out.append(f"{where}: no `{key}`")
        statuses = []
        for j, f in enumerate(plan.get("findings", [])):
            out.extend(_finding_problems(f, f"{where}.findings[{j}]"))
            statuses.append(f.get("status"))
            rule = str(f.get("rule", ""))
            if not (rule.startswith("plan.") or rule in rule_ids):
                out.append(f"{where}.findings[{j}]: rule {rule!r} is neither plan.* nor a rule")
        if plan.get("verdict") != verdict_of(statuses):
            out.append(
                f"{where}: verdict {plan.get('verdict')!r}, "
                f"but its findings make it {verdict_of(statuses)!r}"
            )
        verdicts.append(plan.get("verdict"))
        if i < len(plans_raw) and isinstance(plans_raw[i], dict):
            reported = {
                f.get("field") for f in plan.get("findings", []) if f.get("status") != "pass"
            }
            for path in _expected_unknown(plans_raw[i]):
                if path not in reported and as_written(path) not in reported:  # long keys: cut
                    out.append(f"{where}: the key {path!r} is not reported")
    known = [v for v in verdicts if v in VERDICTS]
    worst = min(known, key=VERDICTS.index) if known else "eligible"
    if data["verdict"] != worst:
        out.append(
            f"result: verdict {data['verdict']!r}, the worst of plans and applicant {worst!r}"
        )
    if result.exit_code not in (0, 1, 3, 4) or result.exit_code != EXIT_CODES[result.verdict]:
        out.append(f"result: exit code {result.exit_code} for verdict {result.verdict!r}")
    return out


def check_one(doc: dict[str, Any]) -> tuple[float, list[str]]:
    """Check ``doc`` and render every report; (seconds taken, contract problems).

    Exceptions escape: a caller counts them as escapes.
    """
    start = time.perf_counter()
    result = check_document(doc, ruleset(), "fuzz.toml")
    rendered = {lang: report.to_json(result, lang) for lang in LANGS}
    for lang in LANGS:
        report.to_text(result, lang).encode("utf-8")
    elapsed = time.perf_counter() - start
    problems: list[str] = []
    for lang, text in rendered.items():
        text.encode("utf-8")
        data = json.loads(text)
        problems.extend(f"[{lang}] {p}" for p in contract_problems(doc, result, data))
    return elapsed, problems


def describe(value: Any, limit: int = 1500) -> str:
    """A repr short enough to print: long strings are cut, with their length."""

    def cut(v: Any) -> Any:
        if isinstance(v, str) and len(v) > 80:
            return f"{v[:40]}…<{len(v):,} chars>"
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 10**40:
            return f"<int of {v.bit_length()} bits>"
        if isinstance(v, float) and not math.isfinite(v):
            return f"float({v!r})"
        if isinstance(v, dict):
            return {cut(k): cut(x) for k, x in v.items()}
        if isinstance(v, list):
            return [cut(x) for x in v]
        return v

    text = repr(cut(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- files --------------------------------------------------------------------------------


def _toml_key(key: str) -> str:
    return _toml_string(key)


def _toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(v: Any) -> str | None:
    if v is None:
        return None  # TOML has no null: the key is left out
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        if abs(v) < 10**4000:
            return str(v)
        return hex(v) if v > 0 else None  # str() refuses integers this long; TOML takes hex
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, dt.datetime) and v.utcoffset() is not None:
        offset = v.utcoffset()
        assert offset is not None
        minutes = dt.timezone(dt.timedelta(minutes=offset // dt.timedelta(minutes=1)))
        return v.replace(tzinfo=minutes).isoformat()  # TOML offsets are whole minutes
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, list):
        items = [t for t in map(_toml_value, v) if t is not None]
        return "[" + ", ".join(items) + "]"
    if isinstance(v, dict):
        pairs = [(k, _toml_value(x)) for k, x in v.items()]
        return "{" + ", ".join(f"{_toml_key(k)} = {t}" for k, t in pairs if t is not None) + "}"
    return _toml_string(repr(v))


def to_toml(doc: dict[str, Any]) -> str:
    """``doc`` as a TOML file: top-level keys, then [applicant], then one [[plans]] each."""
    lines = []
    for key, value in doc.items():
        if key == "plans" or (key == "applicant" and isinstance(value, dict)):
            continue
        text = _toml_value(value)
        if text is not None:
            lines.append(f"{_toml_key(key)} = {text}")
    if isinstance(doc.get("applicant"), dict):
        lines.append("[applicant]")
        for key, value in doc["applicant"].items():
            text = _toml_value(value)
            if text is not None:
                lines.append(f"{_toml_key(key)} = {text}")
    for plan in doc.get("plans", []):
        lines.append("[[plans]]")
        for key, value in plan.items():
            text = _toml_value(value)
            if text is not None:
                lines.append(f"{_toml_key(key)} = {text}")
    return "\n".join(lines) + "\n"


def to_json_text(doc: dict[str, Any]) -> str:
    def default(v: Any) -> str:
        return v.isoformat() if isinstance(v, dt.date | dt.time) else repr(v)

    def small(v: Any) -> Any:  # JSON numbers are written with str(): at most 4,300 digits
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**4000:
            return 10**4299 if v > 0 else -(10**4299)
        if isinstance(v, dict):
            return {k: small(x) for k, x in v.items()}
        if isinstance(v, list):
            return [small(x) for x in v]
        return v

    return json.dumps(small(doc), ensure_ascii=False, default=default)


RAW_FILES = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe[\x00",
    b"\x00" * 10,
    b"[applicant]\nname = 'A'\n[[plans]]\nid = 1\n",
    b'{"plans": [' * 2000,
    b'{"applicant": {}, "plans": [{}]}',
    b'{"plans": [{"id": "\\ud800"}]}',
    b'{"plans": [{"id": 1' + b"0" * 5000 + b"}]}",
    b"[[plans]]\nid = 1" + b"0" * 5000 + b"\n",
    b"[[plans]]\nx = " + b"[" * 5000 + b"\n",
    b"[[plans]]\n" + b"a." * 5000 + b"b = 1\n",
    b'{"plans": [{"x": 1e999}]}',
    b'{"plans": [{"x": NaN}]}',
    b'{"plans": [{"a": 1, "a": 2}]}',
    b"[[plans]]\ncapacity_increase = '\x82\xa0 t/yr'\n",  # Shift_JIS
    "[[plans]]\ntrack = 'capacity.ndfeb'\ncapacity_increase = '年500トン'\n".encode("cp932"),
    b"plans = 'x'\n",
    b"plans = []\n",
    b"[[plans]]\n" * 1001,
]


@st.composite
def files(draw: st.DrawFn) -> tuple[bytes, str]:
    """(bytes, suffix): a serialised document, mutated or not, raw bytes, or a known trap."""
    suffix = draw(st.sampled_from([".toml", ".json", ".TOML", ".Json"]))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        raw = draw(st.binary(max_size=400))
    elif kind == 1:
        raw = draw(st.sampled_from(RAW_FILES))
    else:
        doc = draw(documents())
        text = to_toml(doc) if suffix.lower() == ".toml" else to_json_text(doc)
        raw = text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig"])), "replace")
        if kind == 3 and raw:
            data = bytearray(raw)
            for _ in range(draw(st.integers(1, 4))):
                at = draw(st.integers(0, len(data)))
                op = draw(st.integers(0, 2))
                chunk = draw(st.binary(min_size=1, max_size=4))
                if op == 0:
                    data[at:at] = chunk
                elif op == 1:
                    del data[at : at + len(chunk)]
                else:
                    data[at : at + len(chunk)] = chunk
            raw = bytes(data)
    return raw, suffix


# --- file names: what a zip from another system unpacks to ----------------------------------

NAME_BYTES = [
    "テスト申請.toml".encode("shift_jis"),  # a Windows zip, read on Linux
    "申請書.toml".encode("euc_jp"),
    "café.toml".encode("latin-1"),
    b"\xff\xfe.toml",
    b"\x1b[2Jclear.toml",
    b"line\nbreak.toml",
    b"tab\there.toml",
    b"-o.toml",
    b"--output=x.toml",
    b"=cmd.toml",
    "\u202eLMTH.toml".encode(),
    b"a" * 250 + b".toml",
    b" .toml",
    b"back\\slash.json",
]


@st.composite
def file_names(draw: st.DrawFn) -> bytes:
    """A file name as bytes (no "/" and no NUL, as the file system allows): not UTF-8,
    with control characters, or looking like an option or a formula."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.sampled_from(NAME_BYTES))
    if kind == 1:
        stem = draw(st.binary(min_size=1, max_size=40).filter(lambda b: b not in (b".", b"..")))
        stem = stem.replace(b"/", b"_").replace(b"\x00", b"_")
        return stem + draw(st.sampled_from([b".toml", b".json", b".TOML"]))
    text = draw(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20))
    raw = text.encode("utf-8").replace(b"/", b"_").replace(b"\x00", b"_")
    return raw + b".toml"


# --- cache entries: a compiled rule set, tampered with -----------------------------------------


@cache
def cache_entry() -> dict[str, Any]:
    """The shipped rule set as the cache writes it."""
    from eligibility.ruleset import cache as ruleset_cache

    return {"format": ruleset_cache.FORMAT, "value": ruleset_cache.to_plain(ruleset())}


TAMPERED_CLASSES = [
    ("subprocess", "Popen"),
    ("os", "system"),
    ("builtins", "eval"),
    ("eligibility.ruleset.model", "re"),
    ("eligibility.ruleset.model", "fold_name"),
    ("eligibility.ruleset.model", "Ruleset.__init__"),
    ("eligibility.ruleset.cache", "_Unusable"),
    ("eligibility.text", "as_written"),
    ("eligibility.quantities.quantity", "QuantityError"),
    ("eligibility.ruleset.model", "Rule"),  # allowed, but in the wrong place
]
TAMPERED_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=10),
    st.sampled_from(
        [
            {"$": "fraction", "value": "1/0"},
            {"$": "fraction", "value": "9" * 5000 + "/1"},
            {"$": "unit", "value": [["__class__", 1]]},
            {"$": "unit", "value": [["meter", True]]},
            {"$": "unit", "value": [["kilo meter", 1]]},
            {"$": "expr", "value": "(" * 5000},
            {"$": "expr", "value": "__import__('os')"},
            {"$": "date", "value": "2028-02-30"},
            {"$": "tuple"},
            {"$": "dict", "items": [[1]]},
            {"$": "dict", "items": [[[], 1]]},
            {"$": "frozenset", "items": [[]]},
            {"$": "nothing"},
            {"$": "dataclass", "module": "os", "class": "system", "fields": {}},
        ]
    ),
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (iteratively: entries are deep)."""
    out: list[tuple[Any, ...]] = []
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        out.append(where)
        if isinstance(node, dict):
            stack.extend((v, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))
    return out


@st.composite
def tampered_entries(draw: st.DrawFn) -> bytes:
    """A cache entry someone has edited: a node replaced, a class renamed, a field dropped,
    or the bytes themselves damaged."""
    entry = json.loads(json.dumps(cache_entry()))  # a private copy
    kind = draw(st.integers(0, 3))
    if kind == 3:
        raw = bytearray(json.dumps(entry).encode())
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(raw) - 1))
            raw[at : at + 1] = draw(st.binary(min_size=0, max_size=3))
        return bytes(raw)
    nodes = _nodes(entry)
    for _ in range(draw(st.integers(1, 3))):
        if kind == 1:  # rename a class: the allow-list is what is tried
            nodes = [n for n in nodes if n and n[-1] == "class"] or nodes
        where = draw(st.sampled_from(nodes))
        if not where:
            continue
        parent = entry
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        if kind == 0:
            parent[last] = draw(TAMPERED_VALUES)
        elif kind == 1 and isinstance(parent, dict) and last == "class":
            module, name = draw(st.sampled_from(TAMPERED_CLASSES))
            parent["module"], parent["class"] = module, name
        elif isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
        nodes = _nodes(entry)
    return json.dumps(entry).encode()


# --- the checks of a name and of an entry, shared by the tests and the long run ---------------


def screen_name(name: bytes) -> tuple[float, list[str]]:
    """Screen the shipped example under the file name ``name`` and write every batch report;
    (seconds taken, problems). Exceptions escape: a caller counts them."""
    import io
    import os
    import tempfile
    import tomllib

    from eligibility.rendering import batch as batch_report
    from eligibility.screening import batch as screen

    start = time.perf_counter()
    toml = (REPO / "examples" / "ndfeb-line.toml").read_bytes()
    as_json = json.dumps(tomllib.loads(toml.decode()), default=str).encode()
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(as_json if name.lower().endswith(b".json") else toml)
        found = screen.collect_all([folder])
        if len(found.files) + len(found.problems) != 1:
            problems.append(f"name: {len(found.files)} files, {len(found.problems)} error rows")
        rows = [*found.problems, *(r for f in found.files for r in screen.screen_file(f))]
    if [r.verdict for r in rows] != ["eligible"]:
        problems.append(f"name: verdicts {[str(r.verdict) for r in rows]}")
    summary = screen.Summary()
    summary.add(rows)
    for fmt, writer_class in batch_report.WRITERS.items():
        out = io.StringIO()
        writer = writer_class(out, "en", dt.datetime(2028, 4, 1, tzinfo=dt.UTC))
        writer.begin()
        writer.rows(rows)
        writer.end(summary)
        try:
            out.getvalue().encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"name: the {fmt} report cannot be written as UTF-8")
    return time.perf_counter() - start, problems


def read_tampered(raw: bytes) -> tuple[float, list[str]]:
    """Read ``raw`` as a cache entry; (seconds taken, problems). The promise: a rule set or
    nothing, never an exception and never another object."""
    import tempfile

    from eligibility.ruleset import cache as ruleset_cache

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        entry = Path(folder) / "ruleset-x.json"
        entry.write_bytes(raw)
        entry.chmod(0o600)
        value = ruleset_cache.read_entry(entry)
    problems = [] if value is None or isinstance(value, Ruleset) else [f"cache: {type(value)}"]
    return time.perf_counter() - start, problems


# --- rule sets: the shipped one with hostile edits -------------------------------------------


@cache
def ruleset_files() -> dict[str, str]:
    """The shipped rule set's files, name -> text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(RULES.glob("*.toml"))}


EXPR_TOKENS = st.sampled_from(
    ["magnet.remanence", "mu_0", "pi", "4", "2", "(", ")", "+", "-", "*", "/", "^", "**",
     "100000000", "99999999999999999999999999999999999", "x", "__import__", ".", "'"]
)  # fmt: skip
TEMPLATES = st.one_of(
    st.sampled_from(
        ["{0}", "{label.__class__.__mro__}", "{label!r}", "{label:>99999}", "{", "}", "{{",
         "}}", "{label}{shown}", "{param.x}", "{threshold}", "{reason.__init__.__globals__}",
         "%s", "${label}", "{label", "{ label }", "\x1b]52;c;QQ==\x07{label}"]
    ),
    st.text(alphabet="{}0123456789abel._!:r ", max_size=30),
)  # fmt: skip


def _toml_text(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


@st.composite
def hostile_rulesets(draw: st.DrawFn) -> dict[str, str]:
    """The shipped rule set's files with one to three hostile edits: an expression out of
    bounds, deep nesting, a long or looping `like` chain, a format-string message, a
    threshold from the hostile quantities, a `base` that loops, damaged bytes."""
    files = dict(ruleset_files())
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.integers(0, 7))
        name = draw(st.sampled_from(sorted(files)))
        if edit == 0:
            expr = " ".join(draw(st.lists(EXPR_TOKENS, max_size=40)))
            if draw(st.booleans()):
                depth = draw(st.integers(0, 6000))
                expr = "(" * depth + expr + ")" * depth
            files["physics.toml"] = files["physics.toml"].replace(
                '"magnet.remanence ^ 2 / (4 * mu_0)"', _toml_text(expr), 1
            )
        elif edit == 1:
            depth = draw(st.integers(1, 6000))
            opener, closer = draw(st.sampled_from([("[", "]"), ("{a=", "}")]))
            files[name] += f"\n[parameters.deep{depth}]\nvalue = {opener * depth}{closer * depth}\n"
        elif edit == 2:
            length = draw(st.integers(1, 3000))
            loop = draw(st.booleans())
            rules = [
                f'[rules."physics.c{i}"]\nlike = "physics.'
                + (f"c{i - 1}" if i else (f"c{length - 1}" if loop else "remanence_bound"))
                + '"'
                for i in range(length)
            ]
            files["chain.toml"] = "\n".join(rules) + "\n"
        elif edit == 3:
            template = draw(TEMPLATES)
            files["messages.toml"] = files["messages.toml"].replace(
                'plain = { en = "{label}: {shown}."', f"plain = {{ en = {_toml_text(template)}", 1
            )
        elif edit == 4:
            value = draw(st.one_of(st.sampled_from(HOSTILE), QUANTITY_TEXT))
            if isinstance(value, str):
                files["capacity.toml"] = files["capacity.toml"].replace(
                    'threshold = "500 t/yr"', f"threshold = {_toml_text(value[:200_000])}", 1
                )
        elif edit == 5:
            base = draw(st.sampled_from(["2025-06", "fuzz", "", "../2025-06", "\x00"]))
            files["ruleset.toml"] = files["ruleset.toml"].replace(
                'version = "2025-06"', f'version = "fuzz"\nbase = {_toml_text(base)}', 1
            )
        elif edit == 6:
            dots = draw(st.integers(1, 5000))
            files[name] += "\n[parameters]\n" + ".".join(["k"] * dots) + " = 1\n"
        else:
            text = bytearray(files[name].encode())
            for _ in range(draw(st.integers(1, 4))):
                at = draw(st.integers(0, len(text) - 1))
                text[at : at + 1] = draw(st.binary(max_size=3))
            files[name] = text.decode("utf-8", "replace")
    return files


def lint_hostile(files: dict[str, str]) -> tuple[float, list[str]]:
    """`rules check` on a hostile rule set, then the shipped example checked under it when
    it loads; (seconds taken, problems). The promise: ok, or problems each naming a file of
    the folder, never an exception, and a rule set that loads keeps the contract."""
    import tempfile

    from eligibility.describe.lint import lint
    from eligibility.errors import RulesetError

    start = time.perf_counter()
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as top:
        folder = Path(top) / "fuzz"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        result = lint(folder)
        for line in result.lines:
            if not line.startswith((str(folder), "ok:", "warning:")):
                problems.append(f"rules check: a problem that names no file: {line[:120]}")
        try:
            loaded = load_ruleset(folder)
        except RulesetError:
            loaded = None
        if loaded is not None:
            import tomllib

            doc = tomllib.loads((REPO / "examples" / "ndfeb-line.toml").read_text())
            checked = check_document(doc, loaded, "ndfeb-line.toml")
            if checked.verdict not in VERDICTS:
                problems.append(f"check: verdict {checked.verdict}")
    return time.perf_counter() - start, problems
