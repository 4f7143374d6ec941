"""The message catalogue: every sentence in both languages with the same placeholders, every
entry used, no sentence written as a literal pair outside it, and messages formatted only when
shown, in the one language asked for."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import eligibility.messages
from eligibility.checking.document import check_document
from eligibility.checking.result import Finding
from eligibility.rendering.formats import json as json_format
from eligibility.text import Message, Text, joined

PACKAGE = Path(__file__).resolve().parents[1] / "eligibility"
CATALOGUE = PACKAGE / "messages"
CLI = PACKAGE.parent / "cli.py"
EXAMPLES = PACKAGE.parent / "examples"

# Files whose sentences are still written where they are used, to be moved into the catalogue;
# the list only shrinks (a file listed here that has no literal pair left fails the test).
NOT_YET_MOVED: set[str] = set()


def _catalogue() -> dict[str, tuple[ModuleType, str, Text]]:
    found: dict[str, tuple[ModuleType, str, Text]] = {}
    for info in pkgutil.iter_modules(eligibility.messages.__path__):
        module = importlib.import_module(f"eligibility.messages.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Text) and name.isupper():
                found[f"{info.name}.{name}"] = (module, name, value)
    return found


def _words(template: str) -> bool:
    return any(c.isalnum() for c in re.sub(r"\{[^}]*\}", "", template))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _literal_pairs(source: str) -> list[int]:
    """Lines of ``Text(…)`` calls given a written sentence (a literal or an f-string)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Text"
            and any(
                isinstance(a, ast.JoinedStr) or (isinstance(a, ast.Constant) and a.value)
                for a in node.args
            )
        ):
            lines.append(node.lineno)
    return lines


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    entries = _catalogue()
    assert entries
    for key, (_, _, text) in entries.items():
        # a sentence in English is one in Japanese too (separators are exempt; Japanese may
        # add a counter word to a bare figure: "{count} 件")
        assert _words(text.ja) or not _words(text.en), key
        assert _placeholders(text.en) == _placeholders(text.ja), key


def test_every_message_is_used() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if CATALOGUE not in p.parents
    ) + CLI.read_text(encoding="utf-8")
    unused = [key for key, (_, name, _) in _catalogue().items() if f".{name}" not in code]
    assert not unused, "drop these from the catalogue or use them"


def test_no_sentence_is_written_as_a_literal_pair_outside_the_catalogue() -> None:
    sources = {p.relative_to(PACKAGE).as_posix(): p for p in PACKAGE.rglob("*.py")}
    sources["../cli.py"] = CLI
    found = {}
    for rel, path in sources.items():
        if rel.startswith("messages/") or rel in ("wording.py", "text.py"):
            continue
        lines = _literal_pairs(path.read_text(encoding="utf-8"))
        if lines and rel not in NOT_YET_MOVED:
            found[rel] = lines
    assert not found, "write these sentences in eligibility.messages and use them by name"
    moved = [rel for rel in NOT_YET_MOVED if not _literal_pairs(sources[rel].read_text("utf-8"))]
    assert not moved, "these files are moved: drop them from NOT_YET_MOVED"


class _Counted:
    """A value that counts how often it is formatted."""

    def __init__(self) -> None:
        self.calls = 0

    def __format__(self, spec: str) -> str:
        self.calls += 1
        return "42 t/yr"


def test_a_message_is_formatted_only_when_shown_and_only_in_its_language() -> None:
    value = _Counted()
    template = Text("output {value} of {label}", "{label}の生産量 {value}")
    label = Text("magnets", "磁石")
    finding = Finding("r", "pass", template.format(value=value, label=label))
    assert value.calls == 0
    assert json_format.finding_dict(finding, "ja")["message"] == "磁石の生産量 42 t/yr"
    assert value.calls == 1  # Japanese only: the English was never formatted
    assert finding.message.en == "output 42 t/yr of magnets"


def test_joined_and_added_messages_resolve_in_one_language() -> None:
    value = _Counted()
    parts = [Text("a", "あ"), Text("b {v}", "い {v}").format(v=value)]
    text = joined(Text(", ", "、"), parts) + Text(".", "。")
    assert value.calls == 0
    assert text("ja") == "あ、い 42 t/yr。"
    assert text("en") == "a, b 42 t/yr."
    assert text == Text("a, b 42 t/yr.", "あ、い 42 t/yr。")


def test_a_message_copies_and_compares_as_its_text() -> None:
    import copy
    import pickle

    message = Text("{n} plans", "計画 {n} 件").format(n=3)
    assert pickle.loads(pickle.dumps(message)) == Text("3 plans", "計画 3 件")
    assert type(copy.deepcopy(message)) is Text
    assert hash(message) == hash(Text("3 plans", "計画 3 件"))
    assert not message.is_blank() and Text("", "").is_blank()


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_checking_formats_no_message(
    example: Path, ruleset: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    formatted: list[Message] = []
    shown = Message.__call__

    def counting(self: Message, lang: str) -> str:
        formatted.append(self)
        return shown(self, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(Message, "__call__", counting)
    document = tomllib.loads(example.read_text(encoding="utf-8"))
    result = check_document(document, ruleset, str(example))  # type: ignore[arg-type]
    assert result.plans
    assert not formatted, "a check formats a message no one has asked to see"
