"""Stage-gate results (ステージゲート審査): the program's reviews of the motors under development,
one of the program document's measurement methods for ``short.motors_developed``
(測定手法「事業者からの申請書、状況報告、ステージゲート審査」).

A stage-gate file (``[stage_gates]``) lists reviews: the operator, the motor (its ID in the
status reports), the date, the gate, and whether it was passed. For each motor the latest
review decides: passed, the motor counts (from the fiscal year its report gives, or else the
fiscal year of the review); not passed, it does not count, whatever its report says.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from eligibility.messages import outcomes as say
from eligibility.outcomes.findings import CONTRADICTION, INVALID, WORDS, Findings
from eligibility.outcomes.inputs import InputFile, operator_key
from eligibility.outcomes.screening_rules import fold_name
from eligibility.text import Text, same

HEAD_KEYS = ("title", "source", "note")
REVIEW_KEYS = ("operator", "corporate_number", "motor", "date", "gate", "passed", "note")


@dataclass(frozen=True)
class Review:
    file: str
    where: str
    operator: str
    operator_key: str
    motor: str
    date: dt.date
    gate: str
    passed: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.operator_key, self.motor)

    @property
    def text(self) -> Text:
        return say.STAGE_GATE.format(
            gate=say.GATE.format(gate=self.gate) if self.gate else same(""),
            date=self.date.isoformat(),
            file=self.file,
            result=say.PASSED if self.passed else say.NOT_PASSED,
        )


def read_stage_gates(f: InputFile, r: Findings) -> list[Review]:
    """The reviews of one stage-gate file; problems go to ``r`` as findings."""
    doc = f.data
    r.unknown_keys(f.path, "", doc, ("stage_gates", "reviews"))
    head = doc.get("stage_gates")
    if isinstance(head, dict):
        r.unknown_keys(f.path, "stage_gates", head, HEAD_KEYS)
    else:
        r.add(f.path, "stage_gates", INVALID, say.MUST_BE_A_TABLE)
    out: list[Review] = []
    for where, rv in r.tables(f.path, "reviews", doc.get("reviews")):
        r.unknown_keys(f.path, where, rv, REVIEW_KEYS)
        operator = r.text(f.path, f"{where}.operator", rv.get("operator"), WORDS["operator"])
        motor = r.text(f.path, f"{where}.motor", rv.get("motor"), WORDS["review_motor"])
        date = rv.get("date")
        if isinstance(date, str):  # JSON has no dates: an ISO date in a string
            with contextlib.suppress(ValueError):
                date = dt.date.fromisoformat(date.strip())
        if date is None:
            r.missing(f.path, f"{where}.date", WORDS["review_date"])
        elif not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            r.add(
                f.path,
                f"{where}.date",
                INVALID,
                say.WRITE_A_DATE,
            )
            date = None
        passed = rv.get("passed")
        if passed is None:
            r.missing(f.path, f"{where}.passed", WORDS["passed"])
        elif not isinstance(passed, bool):
            r.add(
                f.path,
                f"{where}.passed",
                INVALID,
                say.WRITE_A_BOOLEAN,
            )
            passed = None
        gate = rv.get("gate")
        if gate is not None and not isinstance(gate, str):
            r.add(f.path, f"{where}.gate", INVALID, say.MUST_BE_TEXT)
            gate = None
        if operator is None or motor is None or date is None or passed is None:
            continue
        okey = operator_key(operator, rv.get("corporate_number"))
        out.append(Review(f.path, where, operator, okey, motor, date, (gate or "").strip(), passed))
    return out


@dataclass(frozen=True)
class Gates:
    """Each motor's latest stage-gate review (None: reviews of one day that disagree), found
    by operator — 法人番号 when both sides give it, else the folded name — and motor ID."""

    latest: dict[tuple[str, str], Review | None]
    by_name: dict[tuple[str, str], tuple[str, str]]  # (folded operator, motor) -> key

    def find(self, operator_key: str, operator: str, motor: str) -> tuple[str, str] | None:
        """The key of the motor's reviews, or None when it has none."""
        if (operator_key, motor) in self.latest:
            return (operator_key, motor)
        return self.by_name.get((fold_name(operator), motor))


def latest_reviews(reviews: list[Review], r: Findings) -> Gates:
    """Each motor's latest review; None when two reviews of that day disagree."""
    by_motor: dict[tuple[str, str], list[Review]] = {}
    for rv in reviews:
        by_motor.setdefault(rv.key, []).append(rv)
    out: dict[tuple[str, str], Review | None] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for key, group in by_motor.items():
        names[(fold_name(group[0].operator), key[1])] = key
        last = max(rv.date for rv in group)
        latest = [rv for rv in group if rv.date == last]
        if len({rv.passed for rv in latest}) > 1:
            places = ", ".join(f"{rv.file} ({rv.where})" for rv in latest)
            r.add(
                latest[-1].file,
                latest[-1].where,
                CONTRADICTION,
                say.REVIEWS_DISAGREE.format(
                    motor=key[1], operator=latest[0].operator, date=last.isoformat(), places=places
                ),
            )
            out[key] = None
        else:
            out[key] = latest[0]
    return Gates(out, names)
