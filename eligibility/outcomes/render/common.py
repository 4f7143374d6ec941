"""What every outcomes format shares: the words for a target, a fiscal year and the inputs;
how "N年時点" is read; text made safe for a terminal; and the one aligned-columns helper
(kept to :func:`columns`, so that it can give way to a shared CJK-aware table helper)."""

from __future__ import annotations

import re
from fractions import Fraction

from eligibility.messages import outcomes as say
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import Indicator
from eligibility.outcomes.inputs import InputKind
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.statuses import Status
from eligibility.text import Lang, Text
from eligibility.wording import WORDS, word

TERM_TEXT = {"short": say.SHORT_TERM, "long": say.LONG_TERM}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(line: str) -> str:
    """Text from an input file never drives the terminal: control characters are escaped."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", line)


def fraction(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(value)


def year_text(year: FiscalYear | None, lang: Lang) -> str:
    return "—" if year is None else year.label(lang)


def target(ind: Indicator, lang: Lang) -> str:
    year = ind.target_year.japanese if lang == "ja" else ind.target_year.western
    return WORDS["target_by"].format(target=ind.target_text, year=year)(lang)


def counts(o: Outcomes) -> Text:
    n = {k: sum(1 for f in o.inputs if f.kind is k) for k in InputKind}
    reports, stats, gates = n[InputKind.REPORT], n[InputKind.STATISTICS], n[InputKind.STAGE_GATES]
    en = (
        f"{reports} status report{'s' if reports != 1 else ''}, "
        f"{stats} statistics file{'s' if stats != 1 else ''}"
    )
    ja = f"状況報告 {reports} 件、統計 {stats} 件"
    if gates:
        en += f", {gates} stage-gate file{'s' if gates != 1 else ''}"
        ja += f"、ステージゲート審査 {gates} 件"
    if o.superseded:
        en += f" ({len(o.superseded)} superseded)"
        ja += f"（うち置き換え済み {len(o.superseded)} 件）"
    return Text(en, ja)


def provenance(o: Outcomes) -> Text:
    """Which indicators and rule set the figures were judged with."""
    s = o.indicators
    return say.PROVENANCE.format(
        id=s.id,
        version=s.version,
        effective=s.effective_from.isoformat(),
        ruleset=o.ruleset.id,
        ruleset_version=o.ruleset.version,
    )


def reading(o: Outcomes) -> Text:
    """How "N年時点" is read here, and how screening reads it, when the rule set says."""
    rd = o.indicators.reading
    out = rd.text
    if rd.screening_parameter is not None:
        value = o.ruleset.parameters.get(rd.screening_parameter)
        out = out + say.SCREENING_READS.format(value=value, parameter=rd.screening_parameter)
    return out


def status_line(lang: Lang) -> str:
    return ", ".join(f"{s.mark} {s.text(lang)}" for s in Status)


def cell(status: Status, value_text: str | None) -> str:
    """One indicator-year in a grid: the value and the status mark."""
    if value_text is None:
        return status.mark
    return f"{value_text.replace(' %', '%')} {status.mark}"


def grid(o: Outcomes, lang: Lang) -> list[list[str]]:
    """Indicators × fiscal years: the head row, then one row per indicator."""
    years = sorted({r.year for r in o.rows if r.year is not None})
    head = [word("indicator", lang), word("target", lang)]
    head += [y.western if lang == "en" else y.japanese.removesuffix("年度") for y in years]
    table = [head]
    for ind in o.indicators.indicators:
        rows = {r.year: r for r in o.rows_for(ind.id)}
        line = [ind.id, target(ind, lang)]
        shown: list[FiscalYear | None] = [*years] or [None]  # no years: the no-data row
        for y in shown:
            row = rows.get(y)
            line.append(
                ""
                if row is None
                else cell(row.status, None if row.value is None else row.value_text)
            )
        table.append(line)
    return table
