"""Remembered readings and rule outcomes change nothing a check decides or says.

A rule set remembers each field's reading by the text written (``checking.fields``) and each
rule's finding by the readings it read (``checking.rules``). That is exact only if a check
kind's outcome depends on nothing but the fields its rule names (``Rule.reads``): the first
tests hold every rule to that on every kind of application; the others check that a file
checked after thousands of others, with every memo warm, gets the report it gets fresh.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from eligibility.application.reader import read_application
from eligibility.checking import rules as rules_module
from eligibility.checking.document import check_document
from eligibility.checking.fields import PlanFields, read_fields
from eligibility.checking.result import Result
from eligibility.checking.verdict_only import check_verdicts
from eligibility.ruleset.model import Ruleset
from fuzz.strategies import FUZZ, documents
from fuzz.strategies import ruleset as fuzz_ruleset
from tests.checking.test_boundaries import build_plan, document
from tests.conftest import EXAMPLES, SHARED_EXAMPLES

HERE = Path(__file__).parent


def _corpus() -> list[tuple[str, dict[str, Any]]]:
    """Every example, trial application and boundary case, as (name, document)."""
    files = sorted(
        {
            *SHARED_EXAMPLES.glob("*.toml"),
            *EXAMPLES.glob("*.toml"),
            *(p for p in (HERE / "applications").glob("*.toml") if p.name != "expected.toml"),
        }
    )
    out = [(f"{p.parent.name}/{p.name}", read_application(p).data) for p in files]
    for path in sorted((HERE / "boundaries").glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for n, case in enumerate(data.get("case", [])):
            plan = build_plan(data.get("base", {}), case)
            out.append((f"boundaries/{path.stem}#{n}", document(plan)))
    return out


CORPUS = _corpus()
NAMES = [name for name, _ in CORPUS]


def _forget(ruleset: Ruleset) -> None:
    ruleset.read_memo.clear()
    ruleset.rule_memo.clear()


class _Recording(dict):  # type: ignore[type-arg]
    """A plan's readings that note every key a check looks up; a check that walks them all
    (``items()``, iteration) is noted as reading everything."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.read.add("<every field>")
        return super().__iter__()

    def items(self) -> Any:
        self.read.add("<every field>")
        return super().items()

    def values(self) -> Any:
        self.read.add("<every field>")
        return super().values()

    def keys(self) -> Any:
        self.read.add("<every field>")
        return super().keys()


def _plans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    plans = doc.get("plans")
    return [p for p in plans if isinstance(p, dict)] if isinstance(plans, list) else []


def _reads_only_its_fields(doc: dict[str, Any], ruleset: Ruleset) -> None:
    for plan in _plans(doc):
        track_id = plan.get("track")
        track = ruleset.tracks.get(track_id) if isinstance(track_id, str) else None
        if track is None:
            continue
        read, _ = read_fields(plan, ruleset, track)
        for rule in ruleset.rules_for(track.id):
            recording = _Recording(read.values)
            rules_module._evaluate(rule, PlanFields(recording, set(read.blocks)), ruleset)
            assert recording.read <= set(rule.reads), (rule.id, recording.read - set(rule.reads))


@pytest.mark.parametrize("doc", [doc for _, doc in CORPUS], ids=NAMES)
def test_every_rule_reads_only_the_fields_it_names(doc: dict[str, Any], ruleset: Ruleset) -> None:
    _reads_only_its_fields(doc, ruleset)


@FUZZ
@given(documents())
def test_every_rule_of_a_fuzz_rule_set_reads_only_its_fields(doc: dict[str, Any]) -> None:
    _reads_only_its_fields(doc, fuzz_ruleset())


def _as_compared(result: Result) -> tuple[Any, ...]:
    """Everything a report shows of the plans: verdicts and findings, messages in both
    languages, values, thresholds, margins and what would pass."""
    return result.verdict, tuple((p.id, p.verdict, p.findings) for p in result.plans)


def test_a_file_checked_with_warm_memos_gets_its_fresh_findings(ruleset: Ruleset) -> None:
    fresh = {}
    for name, doc in CORPUS:
        _forget(ruleset)
        fresh[name] = _as_compared(check_document(doc, ruleset, name))
    _forget(ruleset)
    order = CORPUS * 3
    random.Random(7).shuffle(order)
    for name, doc in order:
        assert _as_compared(check_document(doc, ruleset, name)) == fresh[name], name
    assert ruleset.read_memo and ruleset.rule_memo  # the memos were in use


def test_the_verdict_only_path_and_the_full_path_share_memos_without_mixing(
    ruleset: Ruleset,
) -> None:
    _forget(ruleset)
    for name, doc in CORPUS:
        quick = check_verdicts(doc, ruleset)  # statuses only: findings without their texts
        full = check_document(doc, ruleset, name)
        assert all(not f.message.is_blank() for p in full.plans for f in p.findings), name
        assert quick.verdict == full.verdict, name


@FUZZ
@given(documents(), documents())
def test_a_fuzz_document_checked_after_another_gets_its_fresh_findings(
    doc: dict[str, Any], other: dict[str, Any]
) -> None:
    ruleset = fuzz_ruleset()
    _forget(ruleset)
    fresh = _as_compared(check_document(doc, ruleset, "a.toml"))
    check_document(other, ruleset, "b.toml")
    assert _as_compared(check_document(doc, ruleset, "a.toml")) == fresh


def test_the_memos_stay_bounded(ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ruleset.read_memo, "size", 25)
    monkeypatch.setattr(ruleset.rule_memo, "size", 25)
    _forget(ruleset)
    for n in range(400):
        plan = {
            "id": "p1",
            "track": "capacity.ndfeb",
            "capacity_increase": f"{600 + n} t/yr",
            "magnet": {"material": "NdFeB", "energy_product": f"{300 + n} kJ/m^3"},
        }
        check_document({"applicant": {"name": "K.K."}, "plans": [plan]}, ruleset, "f.toml")
        assert len(ruleset.read_memo) <= 50 and len(ruleset.rule_memo) <= 50  # two generations
    _forget(ruleset)


def test_unknown_keys_remembered_are_few_and_short(ruleset: Ruleset) -> None:
    """The finding on an unknown key is made once per key and track, but a stream of made-up
    keys (a server's, from files it does not choose) cannot grow what is kept: at most 1,024
    keys a track, none longer than 100 characters; each is still reported."""
    from eligibility.checking import fields as fields_module

    track = ruleset.tracks["capacity.ndfeb"]
    long_key = "k" * 5000
    plan = {"id": "p", "track": "capacity.ndfeb", long_key: "1", "colour": "red"}
    for i in range(1100):
        plan[f"made_up_{i}"] = "x"
    _, findings = read_fields(plan, ruleset, track)
    reported = {f.field for f in findings if f.rule == "plan.unknown_field"}
    assert "colour" in reported and "made_up_1099" in reported and len(reported) == 1102
    kept = fields_module._layout(ruleset, track)._unknown
    assert len(kept) <= 1024
    assert all(len(path) <= 100 for path, _ in kept)


def test_a_date_is_read_once_and_a_datetime_apart(ruleset: Ruleset) -> None:
    """A TOML date is remembered like a text (the same day, the same reading); a datetime,
    which Python counts as a date and which equals no date, is read on its own."""
    import datetime as dt

    track = ruleset.tracks["capacity.ndfeb"]
    _forget(ruleset)
    first, _ = read_fields({"operation_start": dt.date(2029, 4, 1)}, ruleset, track)
    again, _ = read_fields({"operation_start": dt.date(2029, 4, 1)}, ruleset, track)
    assert again.values["operation_start"] is first.values["operation_start"]
    moment, _ = read_fields({"operation_start": dt.datetime(2029, 4, 1, 9, 0)}, ruleset, track)
    assert moment.values["operation_start"] is not first.values["operation_start"]
    assert moment.values["operation_start"].given != first.values["operation_start"].given
