"""Material names are rule-set vocabulary: classified in linear time, listed where an
applicant looks (explain, template), and choices are never read by dropping what was written."""

from __future__ import annotations

import time

import pytest

from eligibility.checking.document import check_document
from eligibility.describe.explain import explain, explain_text
from eligibility.describe.template import template
from eligibility.ruleset.model import Ruleset


def _findings(ruleset: Ruleset, plan: dict[str, object]) -> list:  # type: ignore[type-arg]
    doc = {"applicant": {"name": "A"}, "plans": [{"id": "p", **plan}]}
    return list(check_document(doc, ruleset, "x.toml").plans[0].findings)


@pytest.mark.parametrize(
    "name",
    ["ネ" * 200_000, "(" * 100_000 + "Nd", "焼" * 100_000 + "結" * 100_000, "Nd" + " -" * 100_000],
)
def test_a_long_name_is_classified_in_linear_time(ruleset: Ruleset, name: str) -> None:
    start = time.perf_counter()
    assert ruleset.material(name) is None  # the vocabulary itself reads it in linear time
    findings = _findings(ruleset, {"track": "capacity.ndfeb", "magnet": {"material": name}})
    assert time.perf_counter() - start < 5
    # in an application, a name this long is refused by the free-text limit before any reading
    (material,) = [f for f in findings if f.field == "magnet.material"]
    assert material.status == "invalid"
    assert "characters long" in material.message.en


def test_an_unclassifiable_name_goes_to_a_reviewer(ruleset: Ruleset) -> None:
    findings = _findings(ruleset, {"track": "capacity.ndfeb", "magnet": {"material": "ネ" * 900}})
    (material,) = [f for f in findings if f.rule == "capacity.ndfeb.material"]
    assert material.status == "review"


def test_explain_and_template_list_the_accepted_names(ruleset: Ruleset) -> None:
    text = explain_text(explain(ruleset, "capacity.ndfeb.material"))
    blank = template(ruleset, "capacity.ndfeb")
    for shown in (text, blank):
        assert "NdFeB: NdFeB, Nd-Fe-B, Nd2Fe14B" in shown
        assert "ネオジム" in shown and "SmCo: SmCo" in shown


@pytest.mark.parametrize(
    "site", ["国内（一部海外）", "domestic (assembly in Vietnam)", "overseas (partly)"]
)
def test_a_choice_with_a_remark_is_not_one_of_the_choices(ruleset: Ruleset, site: str) -> None:
    findings = _findings(ruleset, {"track": "capacity.ndfeb", "site": site})
    (bad,) = [f for f in findings if f.field == "site"]
    assert bad.status == "invalid"
    assert bad.given == site
    assert f"'{site}' is not one of" in bad.message.en


@pytest.mark.parametrize("site", ["国内", "ＤＯＭＥＳＴＩＣ", " domestic "])
def test_a_choice_is_read_after_the_one_normalisation(ruleset: Ruleset, site: str) -> None:
    findings = _findings(ruleset, {"track": "capacity.ndfeb", "site": site})
    assert not [f for f in findings if f.field == "site"]
