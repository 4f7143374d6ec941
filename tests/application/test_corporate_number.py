"""The corporate number (法人番号) check digit, pinned by published numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.application.corporate_number import check_digit, is_valid, normalize

# Published corporate numbers, each checked against the formula by hand as well.
KNOWN = [
    "7000012050002",  # 国税庁 (National Tax Agency)
    "4011001098993",  # 株式会社FoundingBase
    "5010001008846",
    "7010705000725",  # 日本税理士会連合会
]

base12 = st.text(alphabet="0123456789", min_size=12, max_size=12)


@pytest.mark.parametrize("number", KNOWN)
def test_published_numbers_are_valid(number: str) -> None:
    assert check_digit(number[1:]) == int(number[0])
    assert is_valid(number)


@pytest.mark.parametrize("number", KNOWN)
def test_weights_count_from_the_right(number: str) -> None:
    """Weights 2, 1, 2, … from the right (the other way round) reject every published number."""
    total = sum(int(d) * (2 if n % 2 else 1) for n, d in enumerate(reversed(number[1:]), 1))
    assert 9 - total % 9 != int(number[0])


def test_worked_example() -> None:
    # 7123456789012: 2·1+1·2+0·1+9·2+8·1+7·2+6·1+5·2+4·1+3·2+2·1+1·2 = 74; 74 mod 9 = 2; 9-2 = 7
    assert check_digit("123456789012") == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("７０００-０１２０-５０００２", "7000012050002"),
        (" 7000 0120 50002 ", "7000012050002"),
        ("7000\u30000120\u300050002", "7000012050002"),  # ideographic spaces
        ("7000－0120－50002", "7000012050002"),  # full-width hyphen-minus
        ("7000ー0120ｰ50002", "7000012050002"),  # long vowel marks typed for "-"
        ("7000\u22120120\u201350002", "7000012050002"),  # minus sign, en dash
        ("T7000012050002", "T7000012050002"),  # letters are kept
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["７０００-０１２０-５０００２", "7000 0120 50002", "7-000012-050002"],
)
def test_valid_as_people_write_it(text: str) -> None:
    assert is_valid(text)


@pytest.mark.parametrize(
    "text",
    [
        "8000012050002",  # wrong check digit
        "0000012050002",  # a check digit is never 0
        "000012050002",  # 12 digits: the base number alone
        "70000120500020",  # 14 digits
        "T7000012050002",  # an invoice registration number, not a corporate number
        "700001205000X",
        "",
        "٧٠٠٠٠١٢٠٥٠٠٠٢",  # Arabic-Indic digits are digits, but not these digits
        "7000012050002.0",
    ],
)
def test_invalid(text: str) -> None:
    assert not is_valid(text)


@pytest.mark.parametrize(
    "text", ["", "12345678901", "1234567890123", "12345678901x", "１２３４５６７８９０１２"]
)
def test_check_digit_wants_twelve_ascii_digits(text: str) -> None:
    with pytest.raises(ValueError, match="a base number has 12 digits"):
        check_digit(text)


@given(base12)
def test_check_digit_is_one_to_nine(base: str) -> None:
    digit = check_digit(base)
    assert 1 <= digit <= 9
    assert is_valid(f"{digit}{base}")


@given(base12, st.integers(0, 11), st.integers(0, 9))
def test_one_changed_digit_is_caught_unless_zero_and_nine(base: str, i: int, new: int) -> None:
    number = f"{check_digit(base)}{base}"
    old = int(base[i])
    changed = f"{number[0]}{base[:i]}{new}{base[i + 1 :]}"
    assert is_valid(changed) == (abs(new - old) in (0, 9))


@given(base12, st.integers(1, 9))
def test_changed_check_digit_is_caught(base: str, digit: int) -> None:
    assert is_valid(f"{digit}{base}") == (digit == check_digit(base))


@given(base12, st.integers(0, 10))
def test_swapped_neighbours_are_caught_unless_equal_or_zero_and_nine(base: str, i: int) -> None:
    a, b = base[i], base[i + 1]
    swapped = base[:i] + b + a + base[i + 2 :]
    assert is_valid(f"{check_digit(base)}{swapped}") == ((int(a) - int(b)) % 9 == 0)
