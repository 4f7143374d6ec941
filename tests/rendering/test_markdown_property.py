"""Any text, escaped for Markdown, renders as itself: in a table cell, a list item, a heading,
a paragraph and a quote, under GFM (markdown-it-py) and Python-Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown as python_markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from eligibility.rendering.escape import markdown, terminal

GFM = MarkdownIt("gfm-like")
# Markdown's punctuation, the starts of links, tags and entities, letters for words and
# domains, digits for list markers, and Japanese
ALPHABET = st.sampled_from(
    [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ aZx19.日本", "http", "www.", "//", "localhost", "co"]
)


BLOCKS = {"- ": {"ul", "li", "p"}, "## ": {"h2"}, "": {"p"}, "> ": {"blockquote", "p"}}


class _Cells(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "td":
            self.cells.append("")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cells:
            self.cells[-1] += data


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=12).map("".join))
def test_escaped_text_renders_as_itself(text: str) -> None:
    expected = _squash(terminal(text))
    table = f"| a | b |\n|---|---|\n| {markdown(text)} | end |\n"
    for html in (GFM.render(table), python_markdown.markdown(table, extensions=["tables"])):
        page = _Cells(html)
        assert [_squash(c) for c in page.cells] == [expected, "end"], html
        assert set(page.tags) == {"table", "thead", "tbody", "tr", "th", "td"}, html
    for prefix, tags in BLOCKS.items():  # at the start of a line, where block syntax lives
        block = f"{prefix}{markdown(text)}\n"
        for html in (GFM.render(block), python_markdown.markdown(block, extensions=["tables"])):
            page = _Cells(html)
            assert _squash("".join(page.text)) == expected, html
            assert set(page.tags) <= tags, html
