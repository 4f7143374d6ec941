"""Rule-set values in the form people read them: "5 °C" (not "5 degC"), "Dy, Tb" (not field
paths), and what a compiled rule carries, for the placeholders of its title and note."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from fractions import Fraction
from typing import Any

from eligibility.quantities.quantity import (
    Quantity,
    QuantityError,
    format_number,
    parse_quantity,
    pretty_unit,
    unit_of,
)
from eligibility.ruleset.model import FieldSpec, Test, Threshold

# A field that holds the content of one element is shown by the element's symbol.
ELEMENT_SYMBOLS = {
    "scandium": "Sc",
    "yttrium": "Y",
    "lanthanum": "La",
    "cerium": "Ce",
    "praseodymium": "Pr",
    "neodymium": "Nd",
    "promethium": "Pm",
    "samarium": "Sm",
    "europium": "Eu",
    "gadolinium": "Gd",
    "terbium": "Tb",
    "dysprosium": "Dy",
    "holmium": "Ho",
    "erbium": "Er",
    "thulium": "Tm",
    "ytterbium": "Yb",
    "lutetium": "Lu",
    "iron": "Fe",
    "cobalt": "Co",
    "boron": "B",
    "nickel": "Ni",
    "copper": "Cu",
}


def quantity_or_none(value: Any) -> Quantity | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_quantity(value)
    except (QuantityError, ValueError):
        return None


def shown_field(path: str, fields: dict[str, FieldSpec]) -> str:
    key = path.rsplit(".", 1)[-1]
    if key in ELEMENT_SYMBOLS:
        return ELEMENT_SYMBOLS[key]
    spec = fields.get(path)
    return spec.label.en if spec is not None else path


def shown_value(value: Any, unit: str | None, fields: dict[str, FieldSpec]) -> str:
    """A parameter's value as a sentence shows it (``unit``: the unit to show it in)."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {shown_value(v, unit, fields)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(shown_value(v, unit, fields) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(Fraction(str(value)))
    text = str(value)
    if text in fields:
        return shown_field(text, fields)
    q = quantity_or_none(text)
    if q is None:
        return text
    if unit is not None:
        return f"{format_number(q.to(unit_of(unit)))} {pretty_unit(unit)}"
    return f"{format_number(q.magnitude)} {q.unit_text}"


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def numbers_of(value: Any) -> set[Fraction]:
    """Every number a value holds: a quantity's, a date's parts, those in a text."""
    if isinstance(value, dict):
        return set().union(*(numbers_of(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(numbers_of(v) for v in value)) if value else set()
    if isinstance(value, dt.date):
        return {Fraction(value.year), Fraction(value.month), Fraction(value.day)}
    if isinstance(value, bool):
        return set()
    if isinstance(value, int | float):
        return {Fraction(str(value))}
    if isinstance(value, Threshold):
        if value.date is not None:
            return numbers_of(value.date)
        if value.quantity is not None:
            return {value.quantity.magnitude} | numbers_of(value.text)
        return set()
    return {Fraction(m) for m in _DIGITS.findall(str(value).replace(",", ""))}


def rule_values(
    criterion: Any,
) -> tuple[dict[str, str], dict[str, list[Test]], set[Fraction]]:
    """What a compiled check offers its title and note: ``{threshold}`` (when it has one),
    the named bounds of a range (``{minimum}``, ``{maximum}``); its comparisons by the
    attribute that holds them; and every number it carries."""
    values: dict[str, str] = {}
    tests: dict[str, list[Test]] = {}
    carried: set[Fraction] = set()
    bounds = 0
    for f in dataclasses.fields(criterion):
        held = getattr(criterion, f.name)
        for item in held if isinstance(held, tuple) else (held,):
            if isinstance(item, Test):
                tests.setdefault(f.name, []).append(item)
                carried |= _test_numbers(item)
            elif isinstance(item, Threshold):
                values[f.name] = item.text
                carried |= numbers_of(item)
                bounds += 1
    every = [t for found in tests.values() for t in found]
    if bounds:
        values["threshold"] = criterion.threshold_text()
    elif len(every) == 1 and every[0].threshold is not None:
        values["threshold"] = every[0].threshold.text
    return values, tests, carried


def _test_numbers(test: Test) -> set[Fraction]:
    out: set[Fraction] = set()
    if test.threshold is not None:
        out |= numbers_of(test.threshold)
        q = test.threshold.quantity
        if q is not None and test.display_unit is not None:
            with contextlib.suppress(Exception):  # shown in another unit only if it converts
                out.add(q.to(unit_of(test.display_unit)))
    if test.by_material is not None:
        out |= numbers_of(list(test.by_material[1].values()))
    for e in (*test.values, test.threshold_expr):
        if e is not None:
            out |= numbers_of(e.text)
    return out
