"""Quantities as people write them, parsed exactly and safely.

``parse_quantity("１５０ ｋＪ／ｍ３")`` gives 150 kJ/m^3 with a Fraction magnitude. The text is
split into a number and a unit expression by the allow-list grammar below; nothing a user
writes is evaluated. The number is read digit by digit into an exact Fraction; each unit atom
is resolved by name in the program's unit table (:mod:`eligibility.quantities.units`).

Number:  [sign] (digits [grouping] [. digits] [e[sign]digits | ×10^[sign]digits] | 10^[sign]digits)
         grouping is "," or a space between groups of exactly three digits ("10,000",
         "1 000"); "1,5" is refused, never read as 15. A power of ten counts only when
         written as one: "10^4", "10**4", a real superscript "10⁴" (read before Unicode
         normalisation, which would make it "104"), or "e4". Any other product ("2 × 104",
         "2 x 1030") is refused, never multiplied out.
Unit:    atom [exponent] ((" " | "*" | "·" | "・" | "." | "/") atom [exponent])*
         with one level of parentheses after "/"; an exponent is "^n", "**n" or digits
         written straight after the atom ("m3", "min-1", "min⁻¹").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from eligibility.messages import quantities as say
from eligibility.patterns import lazy
from eligibility.quantities import units
from eligibility.quantities.units import Unit
from eligibility.suggest import closest, hint
from eligibility.text import Text

MAX_TEXT = 100
MAX_DIGITS = 30
MAX_EXPONENT = 30
MAX_ATOMS = 6
MAX_POWER = 4


class QuantityError(ValueError):
    """A quantity string that cannot be read; ``text`` says why, in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:  # formatted when shown, like every message
        return self.text.en


@dataclass(frozen=True)
class Quantity:
    """An exact quantity: ``magnitude`` in ``unit``; ``atoms`` are the unit names it used."""

    magnitude: Fraction
    unit: Unit
    atoms: frozenset[str]
    unit_text: str
    key: str = ""  # the unit as normalised text, when it was parsed from text

    def __repr__(self) -> str:
        return f"<Quantity {format_number(self.magnitude, 12)} {self.unit_text or self.unit!s}>"

    def to(self, target: Unit | str) -> Fraction:
        """The magnitude in ``target`` (a unit, or a unit written as text), exactly:
        rational arithmetic, with pi to 110 digits.

        Each conversion is remembered on the quantity (a quantity is immutable, and one
        reading of a field is shared by every plan that writes the same text): a threshold,
        a bound or a batch's recurring figure is converted once, not once per plan."""
        known = self.__dict__.get("_converted")
        if known is None:
            known = self.__dict__["_converted"] = {}  # not a field: not compared or stored
        else:
            found = known.get(target)
            if found is not None:
                return found  # type: ignore[no-any-return]
        value = self._convert(target)
        if len(known) < 16:
            known[target] = value
        return value

    def _convert(self, target: Unit | str) -> Fraction:
        if isinstance(target, str):
            if self.key:
                affine = _text_affine(self.key, target)
                if affine is not None:
                    scale, offset = affine
                    value = self.magnitude * scale
                    return value + offset if offset else value
            target = unit_of(target)
        if units.is_offset(self.unit) or units.is_offset(target):
            scale, offset = units.affine(self.unit, target)
            return self.magnitude * scale + offset
        return self.magnitude * units.factor(self.unit, target)


# Words and symbols that are not pint names but that people write. Keys are matched on the
# text after NFKC normalisation (so full-width forms are already ASCII here).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("回転/分", "rpm"),
    ("r*min-1", "rpm"),
    ("r*min^-1", "rpm"),
    ("RPM", "rpm"),
    ("Rpm", "rpm"),
    ("KOe", "kOe"),
    ("N-m", "N*m"),
    ("per year", "/yr"),
    ("per annum", "/yr"),
    ("per month", "/month"),
    ("年間", "yr"),
    ("r/min", "rpm"),
    ("rev/min", "rpm"),
    ("r/s", "rps"),
    ("wt.%", "wt_pct"),
    ("wt%", "wt_pct"),
    ("mass%", "wt_pct"),
    ("mass %", "wt_pct"),
    ("質量%", "wt_pct"),
    ("重量%", "wt_pct"),
    ("%", "pct"),
    ("°C", "degC"),
    ("°F", "degF"),
    ("万円", "man_yen"),
    ("千円", "sen_yen"),
    ("億円", "oku_yen"),
    ("ヶ月", "month"),
    ("ケ月", "month"),
    ("か月", "month"),
    ("カ月", "month"),
    ("ヵ月", "month"),
    ("箇月", "month"),
    ("トン", "t"),
    ("リットル", "L"),
    ("年", "yr"),
    ("月", "month"),
    ("日", "d"),
    ("時間", "h"),
    ("秒", "s"),
    ("分", "min"),
    ("円", "yen"),
)

_REFUSED: dict[str, Text] = {
    "at%": say.AT_PERCENT,
    "vol%": say.VOL_PERCENT,
}

_NUMBER = lazy(
    r"""
    (?P<sign>[+-]?)
    (?:
        10(?:\^|\*\*)(?P<pow>[+-]?\d+)
    |
        (?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\ \d{3})+(?![\d,.])|\d+)
        (?:\.(?P<frac>\d+))?
        (?:[eE](?P<exp>[+-]?\d+)|\ ?[xX×*]\ ?10(?:\^|\*\*)(?P<exp2>[+-]?\d+))?
    )
    """,
    re.VERBOSE,
)
_PRODUCT = lazy(r"\s*[xX×*]\s*[\d(]")
_CALCULATION = lazy(r"\s*(?:\*\*|\^|[*/+-])\s*[\d(]")
_DECIMAL_COMMA = lazy(r",\d")
_MALFORMED = lazy(r"\.\d|\d")
_ATOM = lazy(r"[A-Za-zµμΩ_\u3040-\u30ff\u4e00-\u9fff]+")
_EXPONENT = lazy(r"(?:\^|\*\*)?([+-]?\d+)")


_FOLD = str.maketrans(
    {**dict.fromkeys("\u2212\u2010\u2011\u2012\u2013\u2014", "-"), **dict.fromkeys("·・⋅•∙", "*")}
)


_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# "10⁴" after a number's "×" or at the start: a power of ten, which NFKC would turn into 104
_SUPERSCRIPT_POWER = lazy(r"(?:(?<=^)|(?<=[\s×xX*·・⋅]))(?:1|１)(?:0|０)([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS + "⁺⁻", "0123456789+-")


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII, ℃ → °C, ³ → 3), one kind of minus, one kind of space; a
    superscript power of ten (10⁴) is kept as a power (10^4), never flattened to 104."""
    if not text.isascii():
        text = _SUPERSCRIPT_POWER.sub(
            lambda m: "10^" + m.group(1).translate(_FROM_SUPERSCRIPT), text.strip()
        )
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return " ".join(text.split())


def parse_quantity(text: str) -> Quantity:
    """Read ``text`` as a quantity with a unit, or raise :class:`QuantityError`."""
    if len(text) > MAX_TEXT:
        raise QuantityError(say.TOO_LONG.format(length=len(text), limit=MAX_TEXT))
    s = normalize(text)
    per = _PER_BEFORE.match(s)
    if per:
        # 年500トン, 年間500トン, 月産50トン: "per year/month" before the number, as the program
        # document and production plans write it
        s = s[per.end() :].strip() + ("/yr" if per.group(1) == "年" else "/month")
    magnitude, rest = _parse_number(s, text)
    parsed = _parse_unit_cached(rest.strip())
    if isinstance(parsed, Text):
        raise QuantityError(Text(parsed.en.replace(_SELF, text), parsed.ja.replace(_SELF, text)))
    unit, atoms, unit_text = parsed
    return Quantity(magnitude, unit, atoms, unit_text, rest.strip())


_PER_BEFORE = lazy(r"(年|月)(?:間|産|当たり|あたり)?\s*(?=[+-]?\d)")
_SELF = "\x00"  # stands for the text as written in cached messages


@lru_cache(maxsize=4096)
def _parse_unit_cached(s: str) -> tuple[Unit, frozenset[str], str] | Text:
    """Units repeat across applications: each distinct unit text is parsed once."""
    try:
        return _parse_unit(s, _SELF)
    except QuantityError as exc:
        alike = look_alike_unit(s) if s not in _HINTS else None
        if alike is None:
            return exc.text
        return say.UNKNOWN_UNIT.format(given=_SELF, symbol=s, hint=hint(alike))


# The units of magnet datasheets and motor specifications, for a unit written unlike them
# only in letter case or in a zero typed for the letter O ("MG0e", "KA/m", "k0e"): those get
# the datasheet unit as a suggestion, never as a reading, since case is meaning (mT and MT).
_DATASHEET_UNITS = (
    "MGOe", "kOe", "Oe", "kA/m", "kJ/m³", "T", "mT", "kG", "G", "rpm", "N·m", "N·m/L", "kW",
    "kW/kg", "kW/L", "t/yr",
)  # fmt: skip


_SPACING = lazy(r"[\s·*^.]")


def _look_alike_key(text: str) -> str:
    return _SPACING.sub("", normalize(text)).lower().replace("0", "o")


@lru_cache(maxsize=1)
def _look_alikes() -> dict[str, str]:
    """The datasheet units by look-alike key, made when first asked for (a unit that does
    not read), not when a check imports this module."""
    return {_look_alike_key(u): u for u in _DATASHEET_UNITS}


def look_alike_unit(text: str, among: tuple[str, ...] | None = None) -> str | None:
    """The unit of ``among`` (by default the datasheet units) that ``text`` differs from only
    in letter case, a zero for an O or a dot between symbols, if any: the first so written
    (``N·m/L`` and ``Nm/L`` are one unit)."""
    key = _look_alike_key(text)
    if among is None:
        found = _look_alikes().get(key)
    else:
        found = next((u for u in among if _look_alike_key(u) == key), None)
    return found if found is not None and found != text else None


@lru_cache(maxsize=4096)
def _text_affine(key: str, target: str) -> tuple[Fraction, Fraction] | None:
    """Conversion between two units written as text, as exact ``scale·x + offset``:
    a plain factor for multiplicative units, an affine map for temperatures (°C, °F, K)."""
    source = _parse_unit_cached(key)
    if isinstance(source, Text):
        return None
    dest = unit_of(target)
    if not (units.is_offset(source[0]) or units.is_offset(dest)):
        return units.factor(source[0], dest), Fraction(0)
    return units.affine(source[0], dest)


@lru_cache(maxsize=1024)
def unit_of(text: str) -> Unit:
    """The unit of a unit written in a rule file, e.g. ``kJ/m^3``."""
    parsed = _parse_unit_cached(normalize(text))
    if isinstance(parsed, Text):
        raise QuantityError(Text(parsed.en.replace(_SELF, text), parsed.ja.replace(_SELF, text)))
    return parsed[0]


def _parse_number(s: str, original: str) -> tuple[Fraction, str]:
    m = _NUMBER.match(s)
    if not m:
        if s.lower().lstrip("+-") in {"nan", "inf", "infinity"} or s.lower().startswith(
            ("nan", "inf", "+inf", "-inf")
        ):
            raise QuantityError(say.NOT_FINITE.format(given=original))
        raise QuantityError(say.NO_NUMBER.format(given=original))
    rest = s[m.end() :]
    if _PRODUCT.match(rest):
        raise QuantityError(say.PRODUCT.format(given=original))
    if not rest or (rest[0] == " " and rest[1:2].isalpha()):
        pass  # the common case, "600 t/yr": a space, then the unit
    elif _CALCULATION.match(rest):
        raise QuantityError(say.CALCULATION.format(given=original))
    elif _DECIMAL_COMMA.match(rest):
        raise QuantityError(say.DECIMAL_COMMA.format(given=original))
    elif _MALFORMED.match(rest):
        raise QuantityError(say.MALFORMED.format(given=original))
    if m.group("pow") is not None:
        return _power_of_ten(m, original), rest
    int_digits = m.group("int").replace(",", "").replace(" ", "")
    frac_digits = m.group("frac") or ""
    if len(int_digits.lstrip("0")) + len(frac_digits) > MAX_DIGITS:
        raise QuantityError(say.TOO_MANY_DIGITS.format(given=original, limit=MAX_DIGITS))
    exponent = _exponent_of(m.group("exp") or m.group("exp2") or "0", original)
    scale = len(frac_digits) - exponent
    digits = int(int_digits + frac_digits)
    value = Fraction(digits, 10**scale) if scale >= 0 else Fraction(digits * 10**-scale)
    if m.group("sign") == "-":
        value = -value
    return value, rest


def _exponent_of(text: str, original: str) -> int:
    exponent = int(text) if len(text.lstrip("+-")) <= 4 else MAX_EXPONENT + 1
    if abs(exponent) > MAX_EXPONENT:
        shown = text if len(text) <= 8 else text[:8] + "…"
        raise QuantityError(
            say.EXPONENT_RANGE.format(given=original, exponent=shown, limit=MAX_EXPONENT)
        )
    return exponent


def _power_of_ten(m: re.Match[str], original: str) -> Fraction:
    """A number written as a bare power of ten: ``10^4``."""
    exponent = _exponent_of(m.group("pow"), original)
    value = Fraction(10) ** exponent
    return -value if m.group("sign") == "-" else value


def _parse_unit(s: str, original: str) -> tuple[Unit, frozenset[str], str]:
    if not s:
        raise QuantityError(say.NO_UNIT.format(given=original))
    for refused, why in _REFUSED.items():
        if refused in s.replace(" ", ""):
            raise QuantityError(say.REFUSED_UNIT.format(given=original, reason=why))
    for phrase, replacement in _PHRASES:
        s = s.replace(phrase, f" {replacement} " if phrase != "%" else " pct ")
    s = re.sub(r"\s*(\*\*|\^)\s*", r"\1", s)
    s = re.sub(r"\s*([*/()])\s*", r"\1", s).strip()
    unit = units.DIMENSIONLESS
    atoms: set[str] = set()
    pos = 0
    sign = 1
    depth_sign = 1  # sign applied by "/(" … ")"
    in_group = False
    count = 0
    pretty: list[str] = []
    while pos < len(s):
        ch = s[pos]
        if ch in " *":
            sign = depth_sign
            pretty.append("·" if pretty and pretty[-1] not in "/(·" else "")
            pos += 1
            continue
        if ch == "." and pretty and pos + 1 < len(s) and s[pos + 1].isalpha():
            sign = depth_sign
            pretty.append("·")
            pos += 1
            continue
        if ch == "/":
            if in_group or not pretty:
                raise _bad_unit(original)
            pos += 1
            pretty.append("/")
            if pos < len(s) and s[pos] == "(":
                in_group = True
                depth_sign = -1
                sign = -1
                pretty.append("(")
                pos += 1
            else:
                sign = -1
            continue
        if ch == ")" and in_group:
            in_group = False
            depth_sign = 1
            sign = 1
            pretty.append(")")
            pos += 1
            continue
        m = _ATOM.match(s, pos)
        if not m:
            raise _bad_unit(original)
        symbol = m.group(0)
        pos = m.end()
        power = 1
        e = _EXPONENT.match(s, pos)
        if e:
            power = int(e.group(1))
            pos = e.end()
            if power == 0 or abs(power) > MAX_POWER:
                raise QuantityError(
                    say.POWER_RANGE.format(given=original, power=power, symbol=symbol)
                )
        count += 1
        if count > MAX_ATOMS:
            raise QuantityError(say.TOO_MANY_PARTS.format(given=original, limit=MAX_ATOMS))
        reading = units.resolve_atom(symbol)
        if reading is None:
            raise _unknown_unit(original, symbol)
        prefix, name = reading
        atoms.add(name)
        if prefix and units.is_offset(units.atom(name)):
            # pint cannot scale a unit with an offset ("kdegC"): it would fail, not refuse
            raise QuantityError(say.PREFIXED_TEMPERATURE.format(given=original, symbol=symbol))
        atom_unit = units.atom(prefix + name)
        if units.is_offset(atom_unit):
            if count > 1 or power != 1 or sign != 1 or pos < len(s):
                raise QuantityError(say.TEMPERATURE_ALONE.format(given=original, symbol=symbol))
            return atom_unit, frozenset(atoms), _pretty_symbol(symbol)
        unit = unit * atom_unit ** (power * sign)
        pretty.append(_pretty_symbol(symbol) + _superscript(power))
        if not in_group:
            sign = 1
    if in_group or count == 0:
        raise _bad_unit(original)
    return unit, frozenset(atoms), "".join(pretty)


_PRETTY = {
    "degC": "°C",
    "degF": "°F",
    "pct": "%",
    "wt_pct": "wt%",
    "yen": "円",
    "man_yen": "万円",
    "sen_yen": "千円",
    "oku_yen": "億円",
}
# A name of _PRETTY standing alone: every name is letters and underscores, so a match is a
# whole run of them, and the symbols put in its place hold none that could form another.
_PRETTY_NAME = lazy(
    r"(?<![A-Za-z_])(?:" + "|".join(sorted(_PRETTY, key=len, reverse=True)) + r")(?![A-Za-z_])"
)
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _pretty_symbol(symbol: str) -> str:
    return _PRETTY.get(symbol, symbol)


def _superscript(power: int) -> str:
    return "" if power == 1 else str(power).translate(_SUPERSCRIPT)


@lru_cache(maxsize=1024)
def pretty_unit(expr: str) -> str:
    """Display form of a unit written in a rule file: ``kJ/m^3`` → ``kJ/m³``."""
    s = re.sub(r"\*\*|\^", "^", expr)
    s = re.sub(r"\^(-?\d+)", lambda m: m.group(1).translate(_SUPERSCRIPT), s)
    s = s.replace("*", "·").replace(" ", "")
    return _PRETTY_NAME.sub(lambda m: _PRETTY[m.group(0)], s)


def _bad_unit(original: str) -> QuantityError:
    return QuantityError(say.UNREADABLE_UNIT.format(given=original))


# Symbols people write that mean a unit the registry spells differently.
_HINTS = {"C": "°C", "℃": "°C", "F": "°F", "MGO": "MGOe", "kgf": "N", "Kg": "kg", "KG": "kg"}


def _unknown_unit(original: str, symbol: str) -> QuantityError:
    suggestion = hint(_HINTS.get(symbol) or closest(symbol, units.known_symbols()))
    return QuantityError(say.UNKNOWN_UNIT.format(given=original, symbol=symbol, hint=suggestion))


def format_number(
    value: Fraction,
    digits: int = 6,
    avoid: Fraction | None = None,
    avoid_text: str | None = None,
) -> str:
    """A readable decimal with up to ``digits`` significant digits.

    When ``avoid`` is given and the value differs from it, more digits are shown until the
    two no longer print alike: a value just below a threshold never reads as the threshold.
    ``avoid_text`` is ``avoid`` already formatted with ``digits``, when the caller has it.
    """
    text = _round_sig(value, digits)
    if avoid is not None and value != avoid:
        shown_avoid = avoid_text if avoid_text is not None else _round_sig(avoid, digits)
        while text == shown_avoid and digits < 40:
            digits += 3
            text = _round_sig(value, digits)
            shown_avoid = _round_sig(avoid, digits)
    return text


def _round_sig(value: Fraction, digits: int) -> str:
    """``value`` rounded half-up to ``digits`` significant digits, with thousands commas."""
    n = value.numerator
    if n == 0:
        return "0"
    text = _round_sig_int(abs(n), value.denominator, digits)
    return "-" + text if n < 0 else text


@lru_cache(maxsize=8192)
def _round_sig_int(n: int, d: int, digits: int) -> str:
    # thresholds and common values repeat in every plan: remembered by their integers
    exp = _exponent(n, d)
    decimals = digits - 1 - exp
    if decimals >= 0:
        q, r = divmod(n * 10**decimals, d)
        if 2 * r >= d:
            q += 1
        whole, frac = divmod(q, 10**decimals)
        frac_text = str(frac).rjust(decimals, "0").rstrip("0") if decimals else ""
    else:
        step = d * 10**-decimals
        q, r = divmod(n, step)
        if 2 * r >= step:
            q += 1
        whole, frac_text = q * 10**-decimals, ""
    return f"{whole:,}" + (f".{frac_text}" if frac_text else "")


def _exponent(n: int, d: int) -> int:
    """The decimal exponent of the leading digit of n/d (n, d > 0)."""
    exp = len(str(n)) - len(str(d))

    def at_least(e: int) -> bool:  # n/d >= 10**e
        return bool(n >= d * 10**e) if e >= 0 else bool(n * 10**-e >= d)

    if not at_least(exp):
        exp -= 1
    elif at_least(exp + 1):
        exp += 1
    return exp


def round_toward(value: Fraction, digits: int, up: bool) -> Fraction:
    """``value`` rounded to ``digits`` significant digits, up or down (for "what would pass")."""
    if value == 0:
        return value
    exp = _exponent(abs(value.numerator), value.denominator)
    step = Fraction(10) ** (exp + 1 - digits)
    q = value / step
    n = -((-q.numerator) // q.denominator) if up else q.numerator // q.denominator
    return n * step
