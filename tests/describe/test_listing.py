"""The rule listing's table: columns measured in display columns, so Japanese lines up."""

from __future__ import annotations

from typing import Any

from eligibility.describe.listing import listing_text
from eligibility.rendering.table import width


def _listing(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "rulesets": [],
        "ruleset": {"id": "magnets", "version": "2026-04"},
        "rules": rows,
        "parameters": [],
    }


def _rule(rule_id: str, track: str, threshold: str, source: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "track": track,
        "threshold": threshold,
        "severity": "required",
        "source": source,
    }


def test_japanese_cells_line_up_with_latin_ones() -> None:
    text = listing_text(
        _listing(
            [
                _rule(
                    "capacity.material",
                    "生産能力増強",
                    "ネオジム磁石 | サマコバ磁石",
                    "公募要領 2.1",
                ),
                _rule("capacity.output", "capacity", "≥ 500 t/yr", "Guidelines 2.1"),
            ]
        )
    )
    table = text.splitlines()[-3:]
    assert table[0].startswith("ID")
    # SEVERITY and SOURCE start at the same display column on every line
    starts = [width(line[: line.index("required")]) for line in table[1:]]
    assert starts[0] == starts[1] == width(table[0][: table[0].index("SEVERITY")])
    sources = [
        width(line[: line.index(s)]) for line, s in zip(table[1:], ("公募", "Guide"), strict=True)
    ]
    assert sources[0] == sources[1] == width(table[0][: table[0].index("SOURCE")])


def test_the_shipped_listing_is_unchanged_in_shape(rules_folder: Any) -> None:
    from eligibility.describe.listing import rules_listing

    text = listing_text(rules_listing(rules_folder))
    header = next(line for line in text.splitlines() if line.startswith("ID"))
    assert header.split() == ["ID", "TRACK", "THRESHOLD", "SEVERITY", "SOURCE"]
