"""``eligibility serve`` as a user starts it: the real command, a real socket, and the
package as pip installs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from server_support import EXAMPLES, REPO, Served, cli


def test_serve_listens_on_loopback_and_answers(tmp_path: Path) -> None:
    served = Served("--workers", "1", cwd=tmp_path)
    try:
        served.wait()
        data = (EXAMPLES / "ndfeb-line.toml").read_bytes()
        request = urllib.request.Request(
            served.url + "/v1/check?lang=ja",
            data=data,
            headers={"content-type": "application/toml"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["verdict"] == "eligible"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.url + "/v1/rules/nope", timeout=10)
        assert refused.value.code == 404
        assert refused.value.headers["content-type"] == "application/problem+json"
    finally:
        output = served.stop()
    assert f"serving on http://127.0.0.1:{served.port}" in output
    assert "Kanazawa" not in output  # the application is not logged
    assert list(tmp_path.iterdir()) == []  # nor written


def test_serve_stops_on_rules_that_do_not_load(tmp_path: Path) -> None:
    (tmp_path / "ruleset.toml").write_text("[ruleset\n", encoding="utf-8")
    result = cli("serve", "--rules", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "ruleset.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_installed_copy_serves_its_pages_and_assets(tmp_path: Path) -> None:
    """Built as pip builds it (not editable): the templates and static files are in the
    wheel, and the installed package serves them from where it is installed."""
    import shutil

    source = tmp_path / "src"  # a clean copy: a build/ in the tree must not leak into it
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
        ),
    )
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("eligibility-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for asset in (
        "eligibility/server/templates/selfcheck.html",
        "eligibility/server/templates/workbench.html",
        "eligibility/server/static/selfcheck.js",
        "eligibility/server/static/style.css",
    ):
        assert asset in names, asset
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)  # a wheel is installed by unpacking it
    probe = (
        "import warnings; warnings.simplefilter('ignore')\n"
        "import eligibility, sys\n"
        f"assert eligibility.__file__.startswith({str(site)!r}), eligibility.__file__\n"
        "from fastapi.testclient import TestClient\n"
        "from eligibility.server import create_app\n"
        "c = TestClient(create_app())\n"
        "for path in ('/', '/workbench', '/rules', '/static/selfcheck.js', '/healthz'):\n"
        "    r = c.get(path); assert r.status_code == 200, (path, r.status_code)\n"
        "print('served')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "served"


def test_a_worker_freezes_what_it_keeps_for_life(tmp_path: Path) -> None:
    """The rule set and modules a worker loads are left out of every full collection."""
    code = (
        "import gc\n"
        "from eligibility.server.app import factory\n"
        "factory()\n"
        "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    frozen, tracked = map(int, done.stdout.split())
    assert frozen > 10_000 and tracked < frozen // 10
