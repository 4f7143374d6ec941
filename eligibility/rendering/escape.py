"""Text from an application, made safe for the medium a report is read in.

Application files come from outside the office, and so do their file names: a name, a plan
id, a given value or a file name must show as its literal text wherever it is read, and never
drive the reader's terminal, spreadsheet or Markdown renderer. One function per medium:

- :func:`terminal` for text written to a terminal (and the invisible characters of every
  other medium): control characters (C0, DEL, C1), line and paragraph separators and bidi
  controls become visible escapes such as ``\\x1b`` or ``\\u202e``, so they can neither move
  the cursor, hide text, set the clipboard (OSC 52) or make links (OSC 8), nor reorder what
  the reviewer reads.
- :func:`markdown` for Markdown prose and table cells: renders as its literal text under
  CommonMark, GitHub Flavored Markdown and Python-Markdown.
- :func:`html` for HTML text and attribute values.
- :func:`csv_cell` for a spreadsheet cell: no formula ever starts in it (OWASP's advice).

JSON needs none of this for its values (they stay as given): :func:`json_text` writes the
same characters as ``\\u`` escapes, so that the JSON text is safe in a terminal too.
"""

from __future__ import annotations

import re

from eligibility.patterns import lazy

# C0 controls, DEL, C1 controls; U+061C, U+200E/F and U+202A–U+202E, U+2066–U+2069 (bidi
# marks, embeddings, overrides and isolates); U+2028/U+2029 (line and paragraph separators,
# which some terminals and editors break lines at)
_BEYOND_C0_RANGES = (
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
_BEYOND_C0 = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in _BEYOND_C0_RANGES)
INVISIBLE = lazy(f"[\x00-\x1f{_BEYOND_C0}]")
# what a JSON encoder leaves raw in a string (it escapes C0 itself)
INVISIBLE_BEYOND_C0 = lazy(f"[{_BEYOND_C0}]")
# the same characters one by one: looking for each with ``in`` (a C search) rules a whole
# report out about 2.5 times as fast as one pass of the regular expression, whose character
# class costs some 10 ns a character (50 µs a 5 KB report)
_BEYOND_C0_CHARS = tuple(chr(c) for a, b in _BEYOND_C0_RANGES for c in range(a, b + 1))
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible_escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """``text`` with every control, separator and bidi character shown as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``): one line of inert text for any terminal."""
    return INVISIBLE.sub(_visible_escape, text)


def terminal_lines(text: str) -> str:
    """Like :func:`terminal`, but the newlines of a multi-line text stay newlines: for text
    whose lines are the structure (a report, a list of problems), each line made inert."""
    return "\n".join(terminal(line) for line in text.split("\n"))


def _u_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def json_text(text: str) -> str:
    """JSON text with DEL, C1, separator and bidi characters written as ``\\u`` escapes: the
    same values to every JSON reader, nothing raw for a terminal. (A JSON encoder escapes C0
    itself, and outside strings JSON text has none of these characters.)"""
    if not any(c in text for c in _BEYOND_C0_CHARS):
        return text
    return INVISIBLE_BEYOND_C0.sub(_u_escape, text)


# in a CSV cell, tab, LF and CR are kept: the writer quotes LF and CR (see formats.csv)
_CSV_INVISIBLE = lazy(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BEYOND_C0}]")


# Markdown. Inline syntax is escaped wherever it stands, with a backslash where every
# renderer reads one (CommonMark escapes all ASCII punctuation, Python-Markdown fewer, and "|"
# only with its tables extension): the backslash, "`", "*", "_", "[", "]", "|", so emphasis, code,
# links, images and cell borders cannot form, and "#" (Python-Markdown ends a heading at a
# trailing one, space or not), and a "." before a letter (a bare domain, which linkify-style
# renderers link). A character reference where some renderer would show a backslash: "<",
# ">" and "&" (raw HTML, autolinks, entities), "~" (GFM strikethrough), a ":" that could
# start an autolink ("http://…", "mailto:…") and the second "/" of "//" (a protocol-relative
# link to linkify). Block syntax only means something at the start
# of a line, so it is escaped at the start of the text: "-", "+", "1." or "1)", and a
# leading space (four would start a code block). Everything else is left as it is, so ids
# like "solvent-rnd" and numbers like "381.972" stay readable in the source.
_MD_INLINE = lazy(r"[\\`*_#\[\]|&<>~]|:(?=\S)|\.(?=[A-Za-z])|(?<=/)/")
_MD_BLOCK_START = lazy(r"[+-]|\d+[.)]")
_MD_REFERENCE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    ":": "&#58;",
    "~": "&#126;",
    "/": "&#47;",
}


def _markdown_escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _MD_REFERENCE.get(ch) or "\\" + ch


# what a code span shows as it is in every renderer: no backtick (it would end the span), no
# pipe (GFM splits table cells even inside code), no backslash, no space at either end
_MD_CODE_SAFE = lazy(r"[^\s`|\\](?:[^`|\\]*[^\s`|\\])?")


def markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly ``text`` — in prose, a heading, a list
    item or a table cell (every ``|`` and backslash is escaped, so no pipe splits a cell)."""
    text = _MD_INLINE.sub(_markdown_escape, terminal(text))
    if text.startswith(" "):  # four spaces would start a code block
        return "&#32;" + text[1:]
    start = _MD_BLOCK_START.match(text)
    if start:  # "1." -> "1\.", "-" -> "\-": a list marker or heading no more
        text = text[: start.end() - 1] + "\\" + text[start.end() - 1 :]
    return text


def markdown_code(text: str) -> str:
    """``text`` as a code span (for a rule ID, a digest, a rule set's name) when it shows
    there as it is, else as escaped text: nothing can be escaped inside a code span."""
    if _MD_CODE_SAFE.fullmatch(text) and not INVISIBLE.search(text):
        return f"`{text}`"
    return markdown(text)


def html(text: str) -> str:
    """``text`` for HTML text and (double- or single-quoted) attribute values."""
    import html  # only for HTML: its entity table is a cold check's import otherwise

    return html.escape(terminal(text), quote=True)


# OWASP "CSV Injection": a cell starting with one of these is read as a formula (or, for tab
# and CR, is trimmed until one is); prefixing "'" makes a spreadsheet read it as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number cannot be a formula, and a spreadsheet reads it as a number: "-3.2"
# and "+5" stay as written so that numeric columns stay numeric. Anything else after the
# sign ("-3.2 kJ/m³", "-1+2", "+A1") is neutralised.
_PLAIN_NUMBER = lazy(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(text: str) -> str:
    """``text`` for one CSV cell: controls other than tab, CR and LF shown as escapes (the
    CSV writer quotes CR and LF), and a cell that would start a formula prefixed with ``'``."""
    text = _CSV_INVISIBLE.sub(_visible_escape, text)
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
