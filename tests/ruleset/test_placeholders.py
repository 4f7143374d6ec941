"""Filling a rule set's templates: each ``{name}`` given a value is replaced, ``{{`` and ``}}``
are literal braces (kept doubled for a template filled in steps), everything else stays as
written. :func:`fill` takes a template apart once; these tests hold it to a substitution of
each token, written out here."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.ruleset.placeholders import fill

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\}|[{}]")


def _substituted(template: str, values: dict[str, str], final: bool) -> str:
    def one(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0] if final else token
        name = m.group(1)
        return values[name] if name is not None and name in values else token

    return _TOKEN.sub(one, template)


PIECES = st.sampled_from(
    [*"ab{}_.x1 ", "{a}", "{b}", "{param.x}", "{{", "}}", "{zz}", "{a", "b}", "{1}", "閾値"]
)


@settings(max_examples=400)
@given(
    st.lists(PIECES, max_size=14).map("".join),
    st.dictionaries(st.sampled_from(["a", "b", "param.x", "zz"]), st.text(max_size=4)),
    st.booleans(),
)
def test_fill_replaces_each_token_as_a_substitution_would(
    template: str, values: dict[str, str], final: bool
) -> None:
    assert fill(template, values, final=final) == _substituted(template, values, final)


def test_a_value_is_never_read_as_a_template() -> None:
    assert fill("{a} and {b}", {"a": "{b}", "b": "x"}) == "{b} and x"
    assert fill("{{a}} {a}", {"a": "1"}) == "{a} 1"
    assert fill("{{a}} {a}", {"a": "1"}, final=False) == "{{a}} 1"
