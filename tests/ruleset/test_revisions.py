"""One source per number, documented parameters, revisions that state only their changes,
the search path, and the lint that guards them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from eligibility.describe import lint
from eligibility.describe.diff import diff, diff_markdown, diff_text
from eligibility.errors import RulesetError
from eligibility.ruleset.loader import load_ruleset, load_with_overrides
from eligibility.ruleset.placeholders import PlaceholderError, fill, placeholders, stated_numbers
from eligibility.ruleset.places import search_path
from eligibility.ruleset.revision import new_revision
from eligibility.ruleset.select import select_ruleset

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
RULE = "capacity.ndfeb.capacity_increase"


@pytest.fixture(autouse=True)
def _own_search_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Revisions in a folder of the test's own, found through ELIGIBILITY_RULES."""
    folder = tmp_path / "revisions"
    monkeypatch.setenv("ELIGIBILITY_RULES", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ELIGIBILITY_CONFIG", raising=False)
    return folder


def _revision(tmp_path: Path, body: str, version: str = "2027-04", day: str = "2027-04-01") -> Path:
    folder = new_revision(version, __import__("datetime").date.fromisoformat(day))
    with (folder / "ruleset.toml").open("a", encoding="utf-8") as out:
        out.write("\n" + body)
    return folder


# --- placeholders ----------------------------------------------------------------------------


def test_placeholders_are_plain_names_only() -> None:
    assert placeholders("at least {threshold}; {param.x} {{literal}}") == ["threshold", "param.x"]
    assert fill("{a} {{a}} {b}", {"a": "1"}) == "1 {a} {b}"
    for bad in ("{0}", "{label.__class__.__mro__}", "{label!r}", "{label:>10}", "{ x }", "}"):
        with pytest.raises(PlaceholderError):
            placeholders(bad)


def test_stated_numbers_skip_names_but_read_japanese() -> None:
    assert stated_numbers(
        "年500トン以上 Nd2Fe14B SmCo5 (4μ0) Js² {threshold} ５ °C 10,000 rpm"
    ) == [
        500,
        5,
        10000,
    ]


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{0}", "not a placeholder"),
        ("{label.__class__.__mro__}", "not a placeholder"),
        ("{label} {thresholds}", "unknown placeholder '{thresholds}'"),
        ("{label} {what}", "unknown placeholder '{what}'"),
    ],
)
def test_a_message_template_may_name_only_its_placeholders(
    tmp_path: Path, template: str, problem: str
) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(SHIPPED, folder)
    messages = folder / "messages.toml"
    text = messages.read_text("utf-8")
    old = 'plain = { en = "{label}: {shown}.",'
    assert old in text
    messages.write_text(text.replace(old, f'plain = {{ en = "{template}",'), "utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    (line,) = caught.value.problems
    assert line.startswith(f"{messages}: detail.plain.en: ") and problem in line


def test_titles_and_notes_show_the_compiled_numbers_in_display_form() -> None:
    rs = load_ruleset(SHIPPED)
    titles = {r.id: r for r in rs.rules}
    assert titles["capacity.ndfeb.measurement_temperature"].title.en == (
        "The magnetic figures are measured at room temperature (5 °C – 35 °C)."
    )
    hre = titles["capacity.hre-free.heavy_rare_earth_free"]
    assert hre.title.en == "The magnet contains no heavy rare earth (Dy, Tb)."
    assert hre.note is not None and "(0 wt%)" in hre.note.en
    assert titles["saving.motor.max_speed"].title.en == "The motor reaches at least 10,000 rpm."
    branch = titles["saving.magnet-rnd.saving_target"].criterion.branches  # type: ignore[attr-defined]
    assert branch[0].title.en == "Nd usage reduced by at least 50 %"
    assert not any("{" in r.title.en + r.title.ja for r in rs.rules)


def test_a_changed_threshold_changes_the_title_with_it(tmp_path: Path) -> None:
    folder = _revision(tmp_path, f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n')
    rule = load_ruleset(folder).rule(RULE)
    assert rule is not None
    assert rule.title.en == "The NdFeB production capacity increases by at least 0.6 kt/yr."
    assert rule.title.ja == "ネオジム磁石の生産能力増強が 0.6 kt/yr 以上であること。"


def test_a_parameter_change_reaches_titles_and_thresholds(tmp_path: Path) -> None:
    folder = _revision(tmp_path, '[parameters.room_temperature_min]\nvalue = "10 degC"\n')
    rule = load_ruleset(folder).rule("capacity.ndfeb.measurement_temperature")
    assert rule is not None
    assert rule.threshold_text() == "10 °C – 35 °C"
    assert "(10 °C – 35 °C)" in rule.title.en


def test_the_lint_refuses_a_title_stating_a_number_the_rule_does_not_carry(
    tmp_path: Path,
) -> None:
    folder = _revision(
        tmp_path,
        f'[rules."{RULE}"]\nthreshold = "600 t/yr"\n'
        'title_en = "The NdFeB production capacity increases by at least 500 t a year."\n',
    )
    result = lint(folder)
    assert not result.ok
    assert any(
        ".title_en: states 500, a number the rule does not carry" in line for line in result.lines
    )
    fixed = folder / "ruleset.toml"
    fixed.write_text(fixed.read_text("utf-8").replace("500 t a year", "{threshold}"), "utf-8")
    assert lint(folder).ok


def test_an_unknown_placeholder_in_a_title_does_not_load(tmp_path: Path) -> None:
    folder = _revision(tmp_path, f'[rules."{RULE}"]\ntitle_en = "at least {{treshold}}"\n')
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    assert any("unknown placeholder '{treshold}'" in p for p in caught.value.problems)
    folder2 = _revision(
        tmp_path, f'[rules."{RULE}"]\ntitle_en = "at {{param.nope}}"\n', "2028-01", "2028-01-01"
    )
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder2)
    assert any("unknown parameter 'nope'" in p for p in caught.value.problems)


# --- parameters ------------------------------------------------------------------------------


def test_every_shipped_parameter_is_documented_and_rules_name_theirs() -> None:
    rs = load_ruleset(SHIPPED)
    for p in rs.parameter_info.values():
        assert p.documented, p.name
    assert rs.parameter_info["room_temperature_min"].reference.startswith("JIS Z 8703")  # type: ignore[union-attr]
    rule = rs.rule("capacity.ndfeb.measurement_temperature")
    assert rule is not None
    assert rule.parameters == ("room_temperature_min", "room_temperature_max")


def test_the_lint_refuses_an_undocumented_parameter(tmp_path: Path) -> None:
    folder = _revision(tmp_path, '[parameters.new_limit]\nvalue = "3 yr"\n')
    result = lint(folder)
    assert not result.ok
    (line,) = [x for x in result.lines if "new_limit" in x]
    assert "undocumented parameter" in line and "description_en" in line and "unit" in line


def test_a_parameter_unit_of_another_dimension_does_not_load(tmp_path: Path) -> None:
    folder = _revision(tmp_path, '[parameters.room_temperature_min]\nunit = "kg"\n')
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    assert any("parameters.room_temperature_min.unit" in p for p in caught.value.problems)


def test_rules_and_explain_show_parameters() -> None:
    runner = CliRunner()
    listing = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    params = {p["name"]: p for p in listing["parameters"]}
    assert params["room_temperature_min"]["value"] == "5 °C"
    assert params["room_temperature_min"]["unit"] == "°C"
    assert "capacity.ndfeb.measurement_temperature" in params["room_temperature_min"]["used_by"]
    rows = {r["id"]: r for r in listing["rules"]}
    assert rows["saving.motor.development_period"]["parameters"] == ["motor_development_period"]
    text = runner.invoke(main, ["explain", "capacity.ndfeb.measurement_temperature"]).output
    assert "parameters:\n  room_temperature_min = 5 °C  (unit °C)\n" in text
    assert "reference: JIS Z 8703" in text


# --- revisions and the search path -------------------------------------------------------------


def test_a_revision_is_found_through_the_search_path_and_chosen_by_date(
    tmp_path: Path, _own_search_path: Path
) -> None:
    import datetime as dt

    _revision(tmp_path, f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n')
    assert [p.origin for p in search_path()] == ["ELIGIBILITY_RULES", "shipped"]
    assert select_ruleset(as_of=dt.date(2027, 3, 31)).version == "2025-06"
    later = select_ruleset(as_of=dt.date(2027, 4, 1))
    assert (later.version, later.base) == ("2027-04", "2025-06")
    assert later.folder == str(_own_search_path / "2027-04")
    assert any(name.startswith("2025-06/") for name in later.files)


def test_a_removed_rule_and_the_base_that_is_not_there(tmp_path: Path) -> None:
    folder = _revision(tmp_path, '[rules."physics.remanence_bound"]\nremoved = true\n')
    assert load_ruleset(folder).rule("physics.remanence_bound") is None
    meta = folder / "ruleset.toml"
    meta.write_text(
        meta.read_text("utf-8").replace('base = "2025-06"', 'base = "2019-01"'), "utf-8"
    )
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    assert caught.value.problems == [
        f"{meta}: ruleset.base: no revision '2019-01' beside this folder or on the rules "
        "search path"
    ]


def test_the_lint_refuses_a_copy_with_the_same_version_or_date(
    tmp_path: Path, _own_search_path: Path
) -> None:
    copy = _own_search_path / "2027-04"
    shutil.copytree(SHIPPED, copy)  # a whole copy, version and date left as they were
    result = lint(copy)
    assert not result.ok
    meta = copy / "ruleset.toml"
    assert f"{meta}: ruleset.version: '2025-06' is also the version of {SHIPPED}" in result.lines
    assert any(
        line.startswith(f"{meta}: ruleset.effective_from: 2025-06-01") for line in result.lines
    )


def test_rules_new_refuses_a_version_or_a_date_taken(tmp_path: Path) -> None:
    import datetime as dt

    _revision(tmp_path, "")
    runner = CliRunner()
    again = runner.invoke(main, ["rules", "new", "2027-04", "--effective-from", "2027-05-01"])
    assert again.exit_code == 2 and "revision 2027-04 exists already" in again.stderr
    same_day = runner.invoke(main, ["rules", "new", "2027-05", "--effective-from", "2027-04-01"])
    assert same_day.exit_code == 2 and "takes effect on 2027-04-01 already" in same_day.stderr
    with pytest.raises(RulesetError):
        new_revision("2020-01", dt.date(2020, 1, 1))  # nothing before it to change


def test_rules_diff_in_every_format(tmp_path: Path) -> None:
    folder = _revision(
        tmp_path,
        f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n\n'
        "[parameters.operation_deadline]\nvalue = 2031-12-31\n\n"
        '[rules."physics.remanence_bound"]\nremoved = true\n\n'
        '[detail.plain]\nen = "{label} — {shown}."\nja = "{label}：{shown}。"\n',
    )
    d = diff(load_ruleset(SHIPPED), load_ruleset(folder))
    assert {"rule": RULE, "from": "≥ 500 t/yr", "to": "≥ 0.6 kt/yr"} in d["thresholds"]
    assert {
        "rule": "capacity.ndfeb.operation_start",
        "from": "≤ 2030-12-31",
        "to": "≤ 2031-12-31",
    } in d["thresholds"]
    assert d["parameters"]["changed"] == [
        {"name": "operation_deadline", "from": "2030-12-31", "to": "2031-12-31"}
    ]
    assert [r["rule"] for r in d["rules"]["removed"]] == ["physics.remanence_bound"]
    assert d["messages"] == [
        {"message": "detail.plain.en", "from": "{label}: {shown}.", "to": "{label} — {shown}."}
    ]
    text = diff_text(d)
    assert f"  {RULE}: ≥ 500 t/yr → ≥ 0.6 kt/yr" in text
    assert "  - physics.remanence_bound" in text
    md = diff_markdown(d)
    assert "## Thresholds" in md and f"- `{RULE}`: ≥ 500 t/yr → ≥ 0\\.6 kt/yr" in md
    runner = CliRunner()
    out = runner.invoke(main, ["rules", "diff", "2025-06", "2027-04", "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.output)["changes"] == d["changes"]
    same = runner.invoke(main, ["rules", "diff", "2025-06", str(SHIPPED)])
    assert same.output.endswith("no changes\n")


def test_a_file_of_overrides_is_a_reform_without_a_folder(tmp_path: Path) -> None:
    overrides = tmp_path / "raise.toml"
    overrides.write_text(f'[rules."{RULE}"]\nthreshold = "600 t/yr"\n', "utf-8")
    rs = load_with_overrides(SHIPPED, overrides)
    assert rs.version == "2025-06+raise" and rs.folder == str(overrides)
    rule = rs.rule(RULE)
    assert rule is not None and rule.threshold_text() == "≥ 600 t/yr"
    overrides.write_text('[ruleset]\nversion = "x"\n', "utf-8")
    with pytest.raises(RulesetError):
        load_with_overrides(SHIPPED, overrides)


def test_a_cached_revision_follows_a_change_of_its_base(
    tmp_path: Path, _own_search_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eligibility.ruleset import select

    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ELIGIBILITY_CACHE", raising=False)
    base = _own_search_path / "2025-06"
    shutil.copytree(SHIPPED, base)  # hides the shipped 2025-06: the base is this copy
    folder = _revision(tmp_path, "")
    assert select.load(folder).rule(RULE).threshold_text() == "≥ 500 t/yr"  # type: ignore[union-attr]
    capacity = base / "capacity.toml"
    old = 'value = "capacity_increase"\nop = ">="\nthreshold = "500 t/yr"'
    capacity.write_text(
        capacity.read_text("utf-8").replace(old, old.replace("500", "700"), 1), "utf-8"
    )
    select._load.cache_clear()  # a new process
    assert select.load(folder).rule(RULE).threshold_text() == "≥ 700 t/yr"  # type: ignore[union-attr]


def test_explain_shows_a_parameters_history_by_date(tmp_path: Path) -> None:
    _revision(tmp_path, "[parameters.operation_deadline]\nvalue = 2031-12-31\n")
    runner = CliRunner()
    args = ["explain", "capacity.ndfeb.operation_start", "--as-of", "2027-05-01"]
    info = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    (param,) = info["parameters"]
    assert param["history"] == [
        {"from": "2025-06-01", "version": "2025-06", "value": "2030-12-31"},
        {"from": "2027-04-01", "version": "2027-04", "value": "2031-12-31"},
    ]
    text = runner.invoke(main, args).output
    assert "history: 2025-06-01 (2025-06): 2030-12-31; 2027-04-01 (2027-04): 2031-12-31" in text


def test_a_batch_keeps_the_rule_folders_it_first_saw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's worker pins the folders (screening's workers do): a revision saved while
    it runs is not mixed into the batch, and choosing a revision looks at no folder per
    file; a process that has not pinned them finds the revision at once."""
    import datetime as dt

    from eligibility.ruleset import places, select

    monkeypatch.setattr(select, "_PINNED", None)  # restored after the test
    monkeypatch.setattr(places, "_PINNED_SEARCH_PATH", None)
    day = dt.date(2027, 4, 1)
    select.pin_folders()
    assert select_ruleset(as_of=day).version == "2025-06"
    _revision(tmp_path, f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n')
    assert select_ruleset(as_of=day).version == "2025-06"
    monkeypatch.setattr(select, "_PINNED", None)
    monkeypatch.setattr(places, "_PINNED_SEARCH_PATH", None)
    assert select_ruleset(as_of=day).version == "2027-04"


def test_a_server_sees_a_revision_once_its_pinned_view_is_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's workers pin the folders for a second at a time: a revision saved is in
    force once the view is renewed, and not before."""
    import datetime as dt

    from eligibility.ruleset import places, select

    monkeypatch.setattr(select, "_PINNED", None)  # restored after the test
    monkeypatch.setattr(select, "_PIN_SECONDS", None)
    monkeypatch.setattr(places, "_PINNED_SEARCH_PATH", None)
    now = [1000.0]
    monkeypatch.setattr(select, "_clock", lambda: now[0])
    day = dt.date(2027, 4, 1)
    select.pin_folders(seconds=1.0)
    assert select_ruleset(as_of=day).version == "2025-06"
    _revision(tmp_path, f'[rules."{RULE}"]\nthreshold = "0.6 kt/yr"\n')
    now[0] += 0.5
    assert select_ruleset(as_of=day).version == "2025-06"  # within the second: as it was
    now[0] += 0.6
    assert select_ruleset(as_of=day).version == "2027-04"  # the view renewed


def test_a_revision_sets_how_a_bound_reads_ranges(tmp_path: Path) -> None:
    """``pair_ends`` is rule-set data: a revision may turn it off (the highest (BH)max then
    meets the lowest Br, and an N52 datasheet goes to review), and a rule whose limit is not
    computed from fields is refused the key, naming where it is written."""
    from eligibility.checking.document import check_document
    from tests.checking.test_boundaries import document

    plan = {
        "id": "p1",
        "track": "capacity.ndfeb",
        "capacity_increase": "600 t/yr",
        "magnet": {
            "material": "NdFeB",
            "energy_product": "48～53 MGOe",
            "remanence": "1.43～1.48 T",
            "coercivity": "11 kOe",
            "measured_at": "20 degC",
        },
    }

    def status(folder: Path) -> str:
        (result,) = check_document(document(plan), load_ruleset(folder), "n52.toml").plans
        return next(f.status for f in result.findings if f.rule == "physics.remanence_bound")

    assert status(SHIPPED) == "pass"
    off = _revision(tmp_path, '[rules."physics.remanence_bound"]\npair_ends = false\n')
    assert status(off) == "review"
    misplaced = _revision(
        tmp_path, f'[rules."{RULE}"]\npair_ends = true\n', "2027-05", "2027-05-01"
    )
    with pytest.raises(RulesetError) as caught:
        load_ruleset(misplaced)
    assert any(
        f'rules."{RULE}".pair_ends' in p and "threshold_expr" in p for p in caught.value.problems
    ), caught.value.problems
