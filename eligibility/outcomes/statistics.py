"""Program statistics (委託調査, hearings with makers): figures by fiscal year — the
``[fields]`` of the indicators file, each a quantity of its kind — and EV models heard of."""

from __future__ import annotations

from dataclasses import dataclass

from eligibility.messages import outcomes as say
from eligibility.outcomes.findings import INVALID, WORDS, Findings
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import IndicatorSet
from eligibility.outcomes.inputs import InputFile
from eligibility.outcomes.reports import Item, read_ev_models
from eligibility.outcomes.screening_rules import Value, read_quantity

TOP_KEYS = ("statistics", "years", "ev_models")
HEAD_KEYS = ("title", "source", "surveyed", "note")


@dataclass(frozen=True)
class StatValue:
    file: str
    where: str
    year: FiscalYear
    field: str
    value: Value


def read_statistics(
    f: InputFile, indicators: IndicatorSet, r: Findings
) -> tuple[list[StatValue], tuple[Item, ...]]:
    """The figures and EV models of one statistics file; problems go to ``r`` as findings."""
    doc = f.data
    r.unknown_keys(f.path, "", doc, TOP_KEYS)
    head = doc.get("statistics")
    if isinstance(head, dict):
        r.unknown_keys(f.path, "statistics", head, HEAD_KEYS)
    else:
        r.add(f.path, "statistics", INVALID, say.MUST_BE_A_TABLE)
    out: list[StatValue] = []
    names = list(indicators.fields)
    for where, entry in r.tables(f.path, "years", doc.get("years")):
        r.unknown_keys(f.path, where, entry, ["fiscal_year", *names, "note"])
        year = r.year(
            f.path, f"{where}.fiscal_year", entry.get("fiscal_year"), WORDS["fiscal_year"]
        )
        if year is None:
            continue
        for name, sf in indicators.fields.items():
            if name not in entry:
                continue
            v = read_quantity(name, sf.label, sf.kind, entry[name])
            if v.problem is not None:
                r.add(f.path, f"{where}.{name}", INVALID, v.problem)
                continue
            out.append(StatValue(f.path, f"{where}.{name}", year, name, v))
    return out, read_ev_models(f, None, r)
