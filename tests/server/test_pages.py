"""The pages as served: Japanese first, built from the rule set, escaped."""

from __future__ import annotations

from typing import Any


def test_self_check_is_japanese_first_with_an_english_switch(client: Any) -> None:
    page = client.get("/").text
    assert '<html lang="ja">' in page and "申請前セルフチェック" in page
    assert 'href="/?lang=en"' in page
    english = client.get("/", params={"lang": "en"}).text
    assert '<html lang="en">' in english and "Self-check before applying" in english


def test_self_check_form_is_built_from_the_rule_set(client: Any, ruleset: Any) -> None:
    page = client.get("/", params={"track": "capacity.ndfeb", "lang": "en"}).text
    spec = ruleset.fields["magnet.energy_product"]
    assert spec.label.en in page
    assert 'data-doc="plan.magnet.energy_product"' in page
    assert spec.accepts.split(",")[0] in page
    rule = ruleset.rule("capacity.ndfeb.energy_product")
    assert rule.source in page and rule.threshold_text() in page
    for track in ruleset.tracks:
        assert f'<option value="{track}"' in page
    assert 'href="/v1/tracks/capacity.ndfeb/template"' in page


def test_every_track_has_a_form(client: Any, ruleset: Any) -> None:
    for track in ruleset.tracks:
        response = client.get("/", params={"track": track})
        assert response.status_code == 200, track
        assert f'data-track="{track}"' in response.text


def test_an_unknown_track_or_language_is_a_problem(client: Any) -> None:
    response = client.get("/", params={"track": "<script>alert(1)</script>"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/", params={"lang": "fr"}).status_code == 400


def test_a_pages_refusal_speaks_the_pages_language(client: Any) -> None:
    """The self-check page is Japanese by default, and so is its refusal of a track it does
    not know, with the track meant; ``lang=en`` gives it in English."""
    ja = client.get("/", params={"track": "capacity.ndfe"}).json()["detail"]
    assert "区分 'capacity.ndfe' はありません（'capacity.ndfeb' のことですか？）" in ja
    en = client.get("/", params={"track": "capacity.ndfe", "lang": "en"}).json()["detail"]
    assert "unknown track 'capacity.ndfe' (did you mean 'capacity.ndfeb'?)" in en


def test_workbench_and_rules_pages(client: Any, ruleset: Any) -> None:
    bench = client.get("/workbench").text
    assert "審査ワークベンチ" in bench and 'id="files"' in bench and 'data-download="csv"' in bench
    rules = client.get("/rules", params={"lang": "en"}).text
    for rule in ruleset.rules:
        assert f'id="{rule.id}"' in rules
    noted = next(r for r in ruleset.rules if r.note is not None)
    assert noted.note.en.split(".")[0] in rules  # our reading, beside the source
    assert "in force" in rules


def test_values_in_the_switch_link_are_escaped(client: Any) -> None:
    page = client.get("/rules", params={"as_of": "2026-04-01", "x": '"><b>'}).text
    assert '"><b>' not in page


def test_static_assets_are_served_from_the_package(client: Any) -> None:
    for name in ("style.css", "common.js", "selfcheck.js", "workbench.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert "http://" not in response.text and "https://" not in response.text
    assert client.get("/static/../app.py").status_code == 404
