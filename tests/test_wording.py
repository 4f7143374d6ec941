"""The one catalogue of words around findings: complete in both languages, every entry used,
and no renderer choosing words by branching on the language."""

from __future__ import annotations

import re
from pathlib import Path

from eligibility.wording import CHOSEN_BY, PAGE_WORDS, WORDS

PACKAGE = Path(__file__).resolve().parents[1] / "eligibility"
SOURCES = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
CLI = PACKAGE.parent / "cli.py"
TEMPLATES = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.html"))


def test_every_entry_exists_in_both_languages() -> None:
    for key, text in {**WORDS, **PAGE_WORDS, **CHOSEN_BY}.items():
        assert text.en.strip() and text.ja.strip(), key


def test_every_report_word_is_used() -> None:
    code = "\n".join(s for p, s in SOURCES.items() if p.name != "wording.py")
    unused = [k for k in WORDS if f'"{k}"' not in code and f"'{k}'" not in code]
    assert not unused


def test_every_page_word_is_used_by_a_page() -> None:
    unused = [k for k in PAGE_WORDS if not re.search(rf"\bw\.{k}\b|w\[['\"]{k}['\"]\]", TEMPLATES)]
    assert not unused, "drop these from PAGE_WORDS or use them in a template"


def test_no_renderer_branches_on_the_language_for_its_words() -> None:
    # a word chosen by the language; choosing the language itself ("ja" if … else "en") is fine
    conditional = re.compile(
        r"""["'](?!(?:en|ja)["'])[^"'\n]*["']\s+if\s+(?:ja|lang\s*==\s*["']ja["'])\s+else"""
    )
    fronts = {
        p: s
        for p, s in SOURCES.items()
        if p.parts[-2] in ("rendering", "formats", "render", "server")
    }
    fronts[CLI] = CLI.read_text(encoding="utf-8")
    found = [
        f"{p.name}:{n}"
        for p, s in fronts.items()
        for n, line in enumerate(s.splitlines(), 1)
        if conditional.search(line)
    ]
    assert not found, "look the words up in eligibility.wording instead"
