"""What outcomes borrows from the screening rule set, in one place: its tracks and kinds of
quantity, reading a figure by its kind, checking a reported motor with a track's rules, and
finding the rule sets (shipped, or in force on a day).

Every call into ``eligibility.checking`` and ``eligibility.ruleset`` from outcomes goes through
this module, so that a change there is met here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eligibility.checking.fields import Value, read_value
from eligibility.checking.plan import check_plan
from eligibility.ruleset.model import FieldSpec, Kind, Ruleset, fold_name
from eligibility.ruleset.select import default_rules_dir, select_ruleset
from eligibility.text import Text

__all__ = [
    "Kind",
    "MotorCheck",
    "Ruleset",
    "Value",
    "check_motor",
    "default_rules_dir",
    "fold_name",
    "kinds",
    "read_quantity",
    "select_ruleset",
]


def kinds(ruleset: Ruleset) -> dict[str, Kind]:
    """The rule set's kinds of quantity by name (``annual_mass``, …)."""
    return {f.kind.name: f.kind for f in ruleset.fields.values() if f.kind is not None}


def read_quantity(name: str, label: Text, kind: Kind, raw: Any) -> Value:
    """``raw`` read as a quantity of ``kind``; a problem is in the value's ``problem``."""
    return read_value(FieldSpec(name, "quantity", label, kind), raw)


@dataclass(frozen=True)
class MotorCheck:
    passes: bool
    problems: Text | None  # the checks that did not pass, with their messages
    only_missing: bool  # every problem is a missing figure


def check_motor(
    motor: dict[str, Any], track: str, ruleset: Ruleset, ignore: Sequence[str]
) -> MotorCheck:
    """A reported motor's figures checked with the screening rules of ``track`` (e.g.
    ``saving.motor``), as if it were a plan of that track; keys in ``ignore`` are not figures."""
    plan = {k: v for k, v in motor.items() if k not in ignore}
    plan["track"] = track
    result = check_plan(plan, 0, ruleset, set())
    if result.verdict in ("eligible", "review"):
        return MotorCheck(True, None, False)
    problems = [x for x in result.findings if x.status not in ("pass", "review")]
    en = "; ".join(f"{x.rule} {x.status}: {x.message('en')}" for x in problems)
    ja = "；".join(f"{x.rule} {x.status}：{x.message('ja')}" for x in problems)
    return MotorCheck(False, Text(en, ja), all(x.status == "missing" for x in problems))
