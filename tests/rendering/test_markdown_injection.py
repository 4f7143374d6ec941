"""Markdown injection: applicant text renders as its literal text under CommonMark, GFM and
Python-Markdown, rendered by the real renderers (issue 10, item 4). No image loads, no tag is
injected, no table row or verdict is forged."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from cli import main

NAME = (
    'Evil K.K. <span style="display:none">ineligible</span> ![](http://track.example/p.png) '
    "\\| eligible \\| [more](javascript:alert(1)) **bold** `code` ~~gone~~ &amp; "
    "http://evil.example/x www.evil.example <!-- hidden --> x_y_"
)
PLAN = "- 1. | eligible | eligible | <b>p</b>"
GIVEN = '<img src="http://track.example/q.png"> 6400 JPY/kg'
FILE = "# ![](track.png) <img src=x onerror=alert(1)> | eligible |.toml"  # no "/" in a name

RENDERERS: dict[str, Callable[[str], str]] = {
    "commonmark": MarkdownIt("commonmark").render,
    "gfm": MarkdownIt("gfm-like").render,
    "python-markdown": lambda text: python_markdown.markdown(text, extensions=["tables"]),
}
WITH_TABLES = ("gfm", "python-markdown")
REPORT_TAGS = {"h1", "h2", "p", "ul", "li", "blockquote", "code", "table", "thead", "tbody"}
REPORT_TAGS |= {"tr", "th", "td"}


class Page(HTMLParser):
    """The text, the tags and the table rows (as lists of cell texts) of rendered HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(_squash("".join(self.cell)))
            self.cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)

    def all_text(self) -> str:
        return _squash("".join(self.text))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()  # HTML shows runs of white space as one


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / FILE
    path.write_text(
        f"[applicant]\nname = {json.dumps(NAME)}\n\n[[plans]]\nid = {json.dumps(PLAN)}\n"
        f'track = "recycling.rnd"\nbaseline_cost = {json.dumps(GIVEN)}\n'
        'target_cost = "5900 JPY/kg"\n',
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (1, 3), result.output
    return result.stdout


def _assert_inert(page: Page, *shown: str) -> None:
    assert set(page.tags) <= REPORT_TAGS, set(page.tags) - REPORT_TAGS  # no img, span, a, b…
    text = page.all_text()
    for hostile in shown:
        assert _squash(hostile) in text


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_check_report_shows_applicant_text_as_literal_text(
    hostile_file: Path, renderer: str
) -> None:
    page = Page(RENDERERS[renderer](_run("check", str(hostile_file), "--format", "markdown")))
    _assert_inert(page, NAME, PLAN, GIVEN, FILE)
    if renderer in WITH_TABLES:
        header = page.rows[0]
        assert len(header) == 8
        for row in page.rows:
            assert len(row) == len(header), row  # no cell split off, no cell added
        statuses = [row[2] for row in page.rows[1:]]
        assert set(statuses) <= {"pass", "fail", "missing", "invalid", "review"}
        given = [row[3] for row in page.rows[1:] if row[3]]
        assert _squash(GIVEN) in given


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_screen_report_forges_no_row_and_no_verdict(hostile_file: Path, renderer: str) -> None:
    out = _run("screen", str(hostile_file), "--format", "markdown", "-j", "1")
    page = Page(RENDERERS[renderer](out))
    _assert_inert(page, NAME, PLAN, FILE)  # a batch row does not quote given values
    if renderer in WITH_TABLES:
        header, *rows = page.rows
        assert header == ["file", "applicant", "plan", "track", "verdict", "problems", "sha256"]
        [row] = rows  # one plan, one row
        assert row[1:5] == [_squash(NAME), _squash(PLAN), "recycling.rnd", "incomplete"]
        assert row[0].endswith(_squash(FILE))


@pytest.mark.parametrize("renderer", WITH_TABLES)
@pytest.mark.parametrize("name", ["A \\| eligible \\| B", "A | eligible | B", "A \\\\| eligible"])
def test_a_name_with_pipes_stays_in_its_cell(tmp_path: Path, renderer: str, name: str) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        f'[applicant]\nname = {json.dumps(name)}\n\n[[plans]]\nid = "p"\n'
        'track = "recycling.rnd"\ncost_reduction = "2 %"\n',
        encoding="utf-8",
    )
    out = _run("screen", str(path), "--format", "markdown", "-j", "1")
    _, row = Page(RENDERERS[renderer](out)).rows
    assert len(row) == 7
    assert (row[1], row[4]) == (name, "ineligible")
