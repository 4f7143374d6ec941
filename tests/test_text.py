"""One normalisation for ids and names, and invisible characters named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.text import fold_key, invisible_characters


@pytest.mark.parametrize(
    "written", ["p1", "p1 ", " p1", "ｐ1", "P1", "ｐ１", "p\u200b1", "\ufeffp1"]
)
def test_ids_people_write_alike_fold_alike(written: str) -> None:
    assert fold_key(written) == "p1"


def test_different_ids_stay_different() -> None:
    assert fold_key("line-1") != fold_key("line-2")
    assert fold_key("line 1") != fold_key("line1")


def test_invisible_characters_are_named() -> None:
    assert invisible_characters("NdFeB\u200b") == ["U+200B"]
    assert invisible_characters("\u202eBeFdN\u200b\u202e") == ["U+202E", "U+200B"]
    assert invisible_characters("焼結ネオジム磁石") == []


@given(st.text(max_size=200))
def test_folding_is_idempotent(text: str) -> None:
    assert fold_key(fold_key(text)) == fold_key(text)
