"""The pages in a real browser, as applicants and reviewers use them: Chromium from the
system's packages, driven by Playwright, against ``eligibility serve`` on 127.0.0.1.

Skipped only when Chromium (or Playwright) is absent; under CI (the ``CI`` variable set) a
missing browser is a failure, so CI cannot pass without running these.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_support import AS_OF, EXAMPLES, Served, cli

CHROMIUM = os.environ.get("ELIGIBILITY_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = os.environ.get("ELIGIBILITY_SCREENSHOTS")  # a folder to keep them in


def _missing(what: str) -> None:
    message = f"{what}; the browser tests need it (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message + " and CI must run them", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = Served("--workers", "1", cwd=tmp_path_factory.mktemp("serve"))
    served.wait()
    yield served
    served.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _missing(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="ja-JP"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(  # a script or style the CSP blocked is reported on the console
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()
    assert errors == []


def shot(page: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    if SCREENSHOTS:  # small copies, for the README
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.jpg"), type="jpeg", quality=60)
    return path


def field(page: Any, path: str) -> Any:
    return page.locator(f'[data-doc="{path}"]')


def verdict(page: Any) -> Any:
    return page.locator("#verdict")


def test_fill_the_form_and_watch_the_verdict_change(
    page: Any, server: Served, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/?track=capacity.ndfeb")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(verdict(page)).to_have_attribute("data-verdict", "incomplete")
    field(page, "applicant.name").fill("Kanazawa Magnet Industries K.K.")
    field(page, "plan.id").fill("line-4")
    field(page, "plan.site").select_option("domestic")
    field(page, "plan.capacity_increase").fill("800 t/yr")
    field(page, "plan.operation_start").fill("2028-10-01")
    field(page, "plan.magnet.material").fill("NdFeB")
    field(page, "plan.magnet.energy_product").fill("46 MGOe")
    field(page, "plan.magnet.coercivity").fill("1600 kA/m")
    field(page, "plan.magnet.measured_at").fill("20 degC")
    expect(verdict(page)).to_have_attribute("data-verdict", "eligible")
    expect(verdict(page)).to_have_text("適格")
    passing = page.locator('li[data-rule="capacity.ndfeb.energy_product"]')
    expect(passing).to_have_attribute("data-status", "pass")
    expect(passing).to_contain_text("余裕 +216.056 kJ/m³")

    field(page, "plan.magnet.energy_product").fill("100 kJ/m^3")
    expect(verdict(page)).to_have_attribute("data-verdict", "ineligible")
    failing = page.locator('li[data-rule="capacity.ndfeb.energy_product"]')
    expect(failing).to_have_attribute("data-status", "fail")
    expect(failing).to_contain_text("余裕 −50 kJ/m³")  # the margin, short of the threshold
    beside = page.locator('output[data-for="magnet.energy_product"]')
    expect(beside).to_contain_text("✗")
    shot(page, tmp_path, "selfcheck")

    with page.expect_download() as caught:
        page.click("#save-toml")
    saved = tmp_path / "saved.toml"
    caught.value.save_as(saved)
    assert caught.value.suggested_filename == "line-4.toml"
    checked = cli("check", str(saved), "--format", "json")
    assert json.loads(checked.stdout)["verdict"] == "ineligible"  # what the page said

    with page.expect_download() as caught:
        page.click("#save-json")
    doc = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert doc["plans"][0]["magnet"]["energy_product"] == "100 kJ/m^3"

    with page.context.expect_page() as opened:
        page.click("#print-form button")
    report = opened.value
    report.wait_for_load_state()
    expect(report.locator("h1 .verdict")).to_have_text("不適格")
    expect(report.locator("table").first).to_contain_text("capacity.ndfeb.energy_product")
    shot(report, tmp_path, "print-view")


def test_english_switch_and_upload_a_file(page: Any, server: Served, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/")
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Self-check before applying")
    page.set_input_files("#upload", str(EXAMPLES / "draft-self-check.toml"))
    expect(page.locator("#checked-file")).to_contain_text("draft-self-check.toml")
    expect(verdict(page)).to_have_attribute("data-verdict", "incomplete")
    expect(page.locator('li[data-rule="plan.unknown_field"]').first).to_contain_text("coercivity")
    page.set_input_files("#upload", str(EXAMPLES / "README.md"))
    expect(page.locator("#problem")).to_contain_text("README.md: unknown file type '.md'")


def test_save_the_form_as_xlsx_and_check_the_workbook_again(
    page: Any, server: Served, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/?track=capacity.ndfeb&lang=en")
    field(page, "applicant.name").fill("Kanazawa Magnet Industries K.K.")
    field(page, "plan.id").fill("line-4")
    field(page, "plan.site").select_option("domestic")
    field(page, "plan.capacity_increase").fill("800 t/yr")
    field(page, "plan.operation_start").fill("2028-10-01")
    field(page, "plan.magnet.material").fill("NdFeB")
    field(page, "plan.magnet.energy_product").fill("100 kJ/m^3")
    field(page, "plan.magnet.coercivity").fill("1600 kA/m")
    field(page, "plan.magnet.measured_at").fill("20 degC")
    expect(verdict(page)).to_have_attribute("data-verdict", "ineligible")
    failing = page.locator('li[data-rule="capacity.ndfeb.energy_product"]')
    margin = failing.locator(".meta").inner_text()

    with page.expect_download() as caught:
        page.click("#save-xlsx")
    assert caught.value.suggested_filename == "line-4.xlsx"
    saved = tmp_path / "line-4.xlsx"
    caught.value.save_as(saved)
    checked = json.loads(cli("check", str(saved), "--format", "json").stdout)
    assert checked["verdict"] == "ineligible"  # what the page said, from the workbook

    page.goto(server.url + "/?track=capacity.ndfeb&lang=en")  # a fresh, blank form
    expect(verdict(page)).to_have_attribute("data-verdict", "incomplete")
    page.set_input_files("#upload", str(saved))
    expect(page.locator("#checked-file")).to_contain_text("line-4.xlsx")
    expect(verdict(page)).to_have_attribute("data-verdict", "ineligible")
    expect(failing).to_have_attribute("data-status", "fail")
    expect(failing.locator(".meta")).to_have_text(margin)
    expect(failing).to_contain_text("申請!")  # the finding names the workbook's cell

    with page.expect_download() as caught:
        page.click('a[href$="template?format=xlsx"]')
    assert caught.value.suggested_filename == "capacity.ndfeb.xlsx"
    blank = tmp_path / "blank.xlsx"
    caught.value.save_as(blank)
    assert cli("check", str(blank)).exit_code != 2  # a form the command line reads


def test_screen_a_batch_filter_open_a_row_and_download_the_csv(
    page: Any, server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    names = sorted(p.name for p in EXAMPLES.glob("*.toml"))
    page.goto(server.url + "/workbench?lang=en")
    page.set_input_files("#files", [str(EXAMPLES / n) for n in names])
    rows = page.locator("#rows tbody tr")
    expect(rows.first).to_be_visible()
    total = rows.count()
    assert total >= len(names)
    expect(page.locator("#rows tbody tr.eligible td.v").first).to_have_text("eligible")

    page.select_option("#f-verdict", "ineligible")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("solvent-rnd")
    page.select_option("#f-verdict", "")
    page.fill("#f-search", "Kanazawa")
    expect(rows).to_have_count(1)
    page.fill("#f-search", "")
    page.check("#f-sort")
    expect(rows).to_have_count(total)
    first = rows.first.locator("td").nth(5).inner_text()
    assert first.startswith(("-", "−"))  # the plan furthest short of a threshold first
    shot(page, tmp_path, "workbench")

    rows.first.click()
    dialog = page.locator("#report")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("solvent-rnd")
    expect(dialog.locator("td.fail").first).to_contain_text("fail")
    shot(page, tmp_path, "workbench-report")
    dialog.locator("button.close").click()

    with page.expect_download() as caught:
        page.click('[data-download="csv"]')
    assert caught.value.suggested_filename == "screening.csv"
    served_csv = Path(caught.value.path()).read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for n in names:
        Path(n).write_bytes((EXAMPLES / n).read_bytes())
    printed = cli("screen", *names, "--format", "csv", "--jobs", "1").stdout
    assert served_csv == printed
    assert len(list(csv.reader(io.StringIO(served_csv)))) == total + 1

    with page.expect_download() as caught:
        page.click('[data-download="xlsx"]')
    assert caught.value.suggested_filename == "screening.xlsx"
    assert Path(caught.value.path()).read_bytes()[:4] == b"PK\x03\x04"

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("office/a.toml", (EXAMPLES / "smco-line.toml").read_bytes())
    (tmp_path / "apps.zip").write_bytes(buffer.getvalue())
    page.set_input_files("#files", str(tmp_path / "apps.zip"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("apps.zip:office/a.toml")


def test_rules_page_shows_each_rule_with_its_source(page: Any, server: Served) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + f"/rules?lang=en&as_of={AS_OF}")
    section = page.locator('section[id="capacity.ndfeb.energy_product"]')
    expect(section).to_contain_text("≥ 150 kJ/m³")
    expect(section.locator("blockquote")).to_be_visible()
