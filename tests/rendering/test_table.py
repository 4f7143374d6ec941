"""Columns in display columns: CJK takes two, combining marks none, and a cut never overruns."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli import main
from eligibility.rendering.table import FixedColumns, aligned, fit, width


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("abc", 3),
        ("日本語", 6),
        ("ｶﾀｶﾅ", 4),  # half-width katakana are narrow
        ("e\u0301", 1),  # a combining accent takes no column
        ("K.K. 日本", 9),
        ("", 0),
    ],
)
def test_width_counts_display_columns(text: str, columns: int) -> None:
    assert width(text) == columns


def test_a_wide_character_on_the_last_column_is_cut_not_overrun() -> None:
    # 27 narrow characters then one kana: the old fitting code wrote 29 columns into 28
    text = "a" * 27 + "カ"
    cut = fit(text, 28)
    assert width(cut) == 28
    assert cut == "a" * 27 + "…"


def test_fit_pads_what_fits_and_cuts_with_an_ellipsis() -> None:
    assert fit("日本", 6) == "日本  "
    assert fit("日本語の会社", 7) == "日本語…"
    assert fit("日本語の会社", 8) == "日本語… "  # a wide character does not fit in one column
    assert fit("abcdef", 6) == "abcdef"


@given(st.text(alphabet=st.sampled_from("aｶカ日\u0301K. "), max_size=40), st.integers(2, 30))
def test_fit_always_fills_exactly_its_columns(text: str, columns: int) -> None:
    assert width(fit(text, columns)) == columns


def test_fixed_columns_escape_cells_before_measuring_them() -> None:
    line = FixedColumns((6, 4)).line(("\x1b[2J", "x", "rest \x1b]8;;u\x07"))
    assert "\x1b" not in line and "\x07" not in line
    assert line == "\\x1b[…  x     rest \\x1b]8;;u\\x07"


def _east_asian_columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_aligned_lines_up_mixed_japanese_and_latin_columns() -> None:
    rows = [["指標", "目標"], ["a1", "x"], ["カナmixed", "y"]]
    lines = aligned(rows)
    starts = {
        _east_asian_columns(line[: line.index(cell)])
        for line, cell in zip(lines, "目xy", strict=True)
    }
    assert starts == {width("カナmixed") + 2}
    assert all(line == line.rstrip() for line in lines)


def test_the_screen_table_keeps_its_columns_when_a_kana_lands_on_a_columns_edge(
    tmp_path: Path,
) -> None:
    names = ["a" * 21 + "カ", "カナ" * 5 + "ab", "K.K. 日本" * 4]
    for i, name in enumerate(names):
        (tmp_path / f"{i}.toml").write_text(
            f'[applicant]\nname = "{name}"\n\n[[plans]]\nid = "p{i}"\n'
            'track = "recycling.rnd"\ncost_reduction = "12 %"\n',
            encoding="utf-8",
        )
    result = CliRunner().invoke(main, ["screen", str(tmp_path), "-j", "1"])
    header, _, *rows = result.output.splitlines()[: 2 + len(names)]
    plan_column = _east_asian_columns(header[: header.index("plan")])
    for i, line in enumerate(rows):
        assert _east_asian_columns(line[: line.index(f"p{i} ")]) == plan_column, line
