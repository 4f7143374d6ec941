"""Every result says what it stands on, and the rule set in force on the day is the one used."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from eligibility import __version__, api
from eligibility.rendering import result as report

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
EXAMPLES = REPO / "examples"

APPLICATION = """\
[applicant]
name = "Revision Test Magnets K.K."
{submitted}

[[plans]]
id = "line-1"
track = "capacity.ndfeb"
capacity_increase = "550 t/yr"
operation_start = 2028-04-01

[plans.magnet]
material = "NdFeB"
energy_product = "46 MGOe"
coercivity = "20 kOe"
measured_at = "20 degC"
"""


@pytest.fixture
def revisions(tmp_path: Path) -> Path:
    """The shipped rule set, and a revision from 2027-04-01 that raises the NdFeB capacity
    threshold from 500 to 600 t/yr: written as data, no Python changes."""
    root = tmp_path / "rules" / "permanent-magnets"
    shutil.copytree(SHIPPED, root / "2025-06")
    revised = root / "2027-04"
    shutil.copytree(SHIPPED, revised)
    meta = (revised / "ruleset.toml").read_text(encoding="utf-8")
    meta = meta.replace('version = "2025-06"', 'version = "2027-04"')
    meta = meta.replace("effective_from = 2025-06-01", "effective_from = 2027-04-01")
    (revised / "ruleset.toml").write_text(meta, encoding="utf-8")
    capacity = (revised / "capacity.toml").read_text(encoding="utf-8")
    old = 'value = "capacity_increase"\nop = ">="\nthreshold = "500 t/yr"'
    assert old in capacity
    capacity = capacity.replace(old, old.replace("500 t/yr", "600 t/yr"), 1)
    (revised / "capacity.toml").write_text(capacity, encoding="utf-8")
    return tmp_path / "rules"


def _application(tmp_path: Path, submitted: str | None) -> Path:
    line = f"submitted = {submitted}" if submitted else ""
    path = tmp_path / f"app-{submitted or 'undated'}.toml"
    path.write_text(APPLICATION.format(submitted=line), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("submitted", "version", "verdict"),
    [
        ("2027-03-31", "2025-06", "eligible"),
        ("2027-04-01", "2027-04", "ineligible"),
        ("2030-01-15", "2027-04", "ineligible"),
    ],
)
def test_the_revision_in_force_on_the_submission_date_decides(
    revisions: Path, tmp_path: Path, submitted: str, version: str, verdict: str
) -> None:
    result = api.check_file(_application(tmp_path, submitted), rules=revisions)
    assert (result.ruleset.version, result.verdict) == (version, verdict)
    assert result.as_of == dt.date.fromisoformat(submitted)
    assert result.as_of_source == "applicant.submitted"


def test_as_of_overrides_the_submission_date_and_ruleset_forces_one(
    revisions: Path, tmp_path: Path
) -> None:
    app = str(_application(tmp_path, "2027-04-02"))
    runner = CliRunner()
    late = runner.invoke(main, ["check", app, "--rules", str(revisions), "--format", "json"])
    early = runner.invoke(
        main,
        ["check", app, "--rules", str(revisions), "--as-of", "2026-01-01", "--format", "json"],
    )
    forced = runner.invoke(
        main,
        [
            "check",
            app,
            "--ruleset",
            str(revisions / "permanent-magnets" / "2025-06"),
            "--format",
            "json",
        ],
    )
    assert (late.exit_code, json.loads(late.output)["ruleset"]["version"]) == (1, "2027-04")
    assert (early.exit_code, json.loads(early.output)["ruleset"]["chosen_by"]) == (0, "as-of")
    assert (forced.exit_code, json.loads(forced.output)["ruleset"]["version"]) == (0, "2025-06")


def test_an_as_of_date_before_every_revision_is_a_clear_error(
    revisions: Path, tmp_path: Path
) -> None:
    app = str(_application(tmp_path, None))
    args = ["check", app, "--rules", str(revisions), "--as-of", "2024-01-01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    first = revisions / "permanent-magnets" / "2025-06"
    assert result.stderr == (
        f"error: {first}: no rule set in force on 2024-01-01 (the first takes effect 2025-06-01)\n"
    )


def test_a_submission_date_before_every_revision_is_a_finding_not_an_error(
    revisions: Path, tmp_path: Path
) -> None:
    # the applicant's own date is data to correct, not a reason to refuse the file
    app = str(_application(tmp_path, "2024-01-01"))
    result = CliRunner().invoke(main, ["check", app, "--rules", str(revisions), "--format", "json"])
    assert result.exit_code == 3, result.output
    out = json.loads(result.output)
    (finding,) = [f for f in out["applicant"]["findings"] if f["rule"] == "applicant.submitted"]
    assert finding["status"] == "invalid"
    assert finding["message"].startswith(
        "The submission date 2024-01-01 is before the first rule set took effect (2025-06-01)"
    )
    assert out["ruleset"]["chosen_by"] == "today"
    assert str(revisions) not in result.output  # no install path in what the applicant reads


def test_a_date_that_picks_an_older_revision_says_so(revisions: Path, tmp_path: Path) -> None:
    # a backdated submission gets the older, laxer revision only with a notice naming today's
    now = dt.datetime(2027, 6, 1, 3, 0, tzinfo=dt.UTC)
    for source, kwargs in (
        ("applicant.submitted", {}),
        ("as-of", {"as_of": dt.date(2026, 1, 15)}),
    ):
        app = _application(tmp_path, "2026-01-15" if not kwargs else None)
        result = api.check_file(app, rules=revisions, now=now, **kwargs)  # type: ignore[arg-type]
        assert (result.ruleset.version, result.in_force_today) == ("2025-06", "2027-04")
        (notice,) = [n for n in result.notices if "in force today" in n.en]
        assert f"in force on 2026-01-15 ({source})" in notice.en
        assert "2027-04" in notice.ja
        assert json.loads(report.to_json(result))["ruleset"]["in_force_today"] == "2027-04"
    current = api.check_file(_application(tmp_path, "2027-05-01"), rules=revisions, now=now)
    assert current.in_force_today is None
    assert not [n for n in current.notices if "in force today" in n.en]


def test_a_time_of_day_as_the_submission_date_gets_a_proper_message(tmp_path: Path) -> None:
    result = api.check_file(_application(tmp_path, "10:00:00"))
    (finding,) = [f for f in result.applicant_findings if f.rule == "applicant.submitted"]
    assert finding.message.en.startswith("'10:00:00' is a time of day, not a date")
    assert finding.given == "10:00:00"


def test_a_submission_date_that_is_not_a_date_is_a_finding(tmp_path: Path) -> None:
    result = api.check_file(_application(tmp_path, '"last spring"'))
    finding = next(f for f in result.applicant_findings if f.rule == "applicant.submitted")
    assert finding.status == "invalid"
    assert finding.message.en.startswith("'last spring' is not a date")
    assert result.as_of_source == "today"


def test_json_is_byte_identical_apart_from_the_time() -> None:
    path = EXAMPLES / "ndfeb-line.toml"
    first = api.check_file(path, now=dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC))
    # 14:30 UTC is 23:30 in Japan: still the same day there, so the same revision and as_of
    second = api.check_file(path, now=dt.datetime(2026, 5, 1, 14, 30, tzinfo=dt.UTC))
    a, b = report.to_json(first), report.to_json(second)
    assert a != b
    assert re.sub(r'"checked_at": "[^"]*"', "", a) == re.sub(r'"checked_at": "[^"]*"', "", b)


def test_every_result_names_rule_set_input_tool_and_time() -> None:
    path = EXAMPLES / "smco-line.toml"
    now = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    doc = report.result_dict(api.check_file(path, now=now), "en")
    ruleset = doc["ruleset"]
    assert (ruleset["id"], ruleset["version"], ruleset["effective_from"]) == (
        "permanent-magnets",
        "2025-06",
        "2025-06-01",
    )
    digest = hashlib.sha256()
    for name in sorted(p.name for p in SHIPPED.glob("*.toml")):
        digest.update(name.encode() + b"\0" + (SHIPPED / name).read_bytes() + b"\0")
        assert ruleset["files"][name] == hashlib.sha256((SHIPPED / name).read_bytes()).hexdigest()
    assert ruleset["sha256"] == digest.hexdigest()
    assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc["tool"] == {"name": "eligibility", "version": __version__}
    assert doc["checked_at"] == "2026-05-01T09:00:00Z"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_readable_formats_carry_the_provenance(fmt: str) -> None:
    path = EXAMPLES / "recycling-program.toml"
    result = api.check_file(path)
    out = report.FORMATS[fmt](result, "en")
    assert result.ruleset.sha256 in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() in out
    assert f"eligibility {__version__}" in out
    assert "recycling.rnd.cost_reduction" in out


def test_html_is_one_escaped_self_contained_page(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        '[applicant]\nname = "<script>alert(1)</script> K.K."\n\n'
        '[[plans]]\nid = "a|b"\ntrack = "recycling.rnd"\ncost_reduction = "12 %"\n',
        encoding="utf-8",
    )
    page = report.to_html(api.check_file(path), "ja")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; K.K." in page
    assert 'lang="ja"' in page and "<link" not in page and "src=" not in page
    markdown = report.to_markdown(api.check_file(path), "en")
    assert "a\\|b" in markdown


@pytest.mark.parametrize(("fmt", "marker"), [("markdown", "# "), ("html", "<!DOCTYPE html>")])
def test_check_writes_reports_for_the_review_record(fmt: str, marker: str) -> None:
    path = EXAMPLES / "recycling-program.toml"
    result = CliRunner().invoke(main, ["check", str(path), "--format", fmt, "--lang", "ja"])
    assert result.exit_code == 1
    assert result.output.startswith(marker)
    assert "不適格" in result.output and "recycling.rnd.cost_reduction" in result.output
    assert hashlib.sha256(path.read_bytes()).hexdigest() in result.output


def test_check_and_rules_agree_on_the_revision_at_half_past_midnight_in_japan(
    revisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2027-04-01 00:30 in Japan is 2027-03-31 15:30 UTC: the revision of 2027-04-01 is in force
    at = dt.datetime(2027, 3, 31, 15, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("eligibility.clock.now", lambda: at)
    path = tmp_path / "application.toml"
    path.write_text(APPLICATION.format(submitted=""), encoding="utf-8")
    checked = api.check_file(path, rules=revisions)
    assert (checked.as_of, checked.as_of_source) == (dt.date(2027, 4, 1), "today")
    assert checked.ruleset.version == "2027-04"
    listed = api.select_ruleset(revisions)
    assert listed.version == checked.ruleset.version
