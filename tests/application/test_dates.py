"""Days as Japanese applications write them: the era (令和), 年月日 and slashes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.application.applicant import as_date
from eligibility.application.dates import REIWA_START, day_schema, read_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和10年4月1日", dt.date(2028, 4, 1)),
        ("令和１０年４月１日", dt.date(2028, 4, 1)),
        ("令和 12 年 12 月 31 日", dt.date(2030, 12, 31)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R10.4.1", dt.date(2028, 4, 1)),
        ("Ｒ１０．４．１", dt.date(2028, 4, 1)),
        ("R12/12/31", dt.date(2030, 12, 31)),
        ("2028年4月1日", dt.date(2028, 4, 1)),
        ("２０２８年４月１日", dt.date(2028, 4, 1)),
        ("2028/4/1", dt.date(2028, 4, 1)),
        ("2028.04.01", dt.date(2028, 4, 1)),
    ],
)
def test_japanese_notations_are_the_day_they_name(text: str, day: dt.date) -> None:
    assert read_day(text) == day
    assert as_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "令和元年4月30日",  # before the era began
        "令和10年2月30日",
        "2028/13/1",
        "平成30年4月1日",  # another era: not guessed at
        "令和10年4月",
        "R10.4",
        "10.4.1",
        "2028年4月1日ごろ",
    ],
)
def test_what_is_not_one_day_is_not_a_date(text: str) -> None:
    assert read_day(text) is None
    assert as_date(text) is None


@given(st.dates(min_value=REIWA_START, max_value=dt.date(2099, 12, 31)))
def test_every_reiwa_day_reads_back(day: dt.date) -> None:
    era_year = day.year - 2018
    written = f"令和{'元' if era_year == 1 else era_year}年{day.month}月{day.day}日"
    assert read_day(written) == day
    assert read_day(f"R{era_year}.{day.month}.{day.day}") == day


# --- the JSON Schema an editor checks a file against ------------------------------------------

SCHEMA_NOTATIONS = st.sampled_from(
    [
        "{iso}",
        "令和{gan}年{m}月{d}日",
        "R{era}.{m}.{d}",
        "R{era}/{m}/{d}",
        "R{era}-{m}-{d}",
        "{y}年{m}月{d}日",
        "{y}/{m}/{d}",
        "{y}.{m:02}.{d:02}",
    ]
)
WIDE = str.maketrans("0123456789R./-", "０１２３４５６７８９Ｒ．／－")


@given(
    day=st.dates(min_value=REIWA_START, max_value=dt.date(2099, 12, 31)),
    notation=SCHEMA_NOTATIONS,
    wide=st.booleans(),
)
def test_the_schema_takes_every_day_the_checker_reads(
    day: dt.date, notation: str, wide: bool
) -> None:
    """An editor validating against ``eligibility schema`` must not flag a day the check
    accepts (令和 and the other notations were refused as not ``format: date``)."""
    jsonschema = pytest.importorskip("jsonschema")
    era = day.year - 2018
    text = notation.format(
        iso=day.isoformat(),
        era=era,
        gan="元" if era == 1 else era,
        y=day.year,
        m=day.month,
        d=day.day,
    )
    if wide and "{iso}" not in notation:
        text = text.translate(WIDE)
    assert as_date(text) == day
    jsonschema.Draft202012Validator.check_schema(day_schema())  # a pattern any validator reads
    jsonschema.validate(text, day_schema(), format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("text", ["令和10年4月", "R10.4", "10.4.1", "2028年4月1日ごろ", "2028-4-1"])
def test_the_schema_refuses_what_is_no_notation_of_a_day(text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert as_date(text) is None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(text, day_schema(), format_checker=jsonschema.FormatChecker())
