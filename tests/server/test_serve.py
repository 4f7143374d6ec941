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


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (an ended one may linger as a zombie
    until whoever adopted it collects it)."""
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _sockets(port: int, state: str) -> set[str]:
    """The inodes of the IPv4 TCP sockets on ``port`` in ``state`` (0A listening, 01
    established), from /proc."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == state:
            out.add(f"socket:[{fields[9]}]")
    return out


def _holding(pid: int, inodes: set[str]) -> int:
    """How many of the sockets ``inodes`` process ``pid`` holds (0 for one that has ended)."""
    count = 0
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return 0
    for fd in fds:
        try:
            count += os.readlink(fd) in inodes
        except OSError:
            continue
    return count


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc (Linux)")
def test_two_workers_each_listen_share_the_connections_and_are_restarted(
    tmp_path: Path,
) -> None:
    """--workers 2: a listening socket per worker (one SO_REUSEPORT group), so a burst of
    keep-alive clients lands on both, not all on the one that woke first; a worker that dies
    is replaced; Ctrl-C stops every process."""
    import http.client
    import signal
    import time

    served = Served("--workers", "2", cwd=tmp_path)
    try:
        served.wait()
        deadline = time.monotonic() + 30
        while len(_children(served.process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [
            p for p in _children(served.process.pid) if _holding(p, _sockets(served.port, "0A"))
        ]
        assert len(workers) == 2
        assert len(_sockets(served.port, "0A")) == 2  # two listening sockets, not one shared
        clients = [
            http.client.HTTPConnection("127.0.0.1", served.port, timeout=10) for _ in range(32)
        ]
        for c in clients:
            c.request("GET", "/healthz")
            assert c.getresponse().read() and True
        established = _sockets(served.port, "01")
        held = {pid: _holding(pid, established) for pid in workers}
        assert all(n > 0 for n in held.values()), held  # 2 × 2⁻³² that one gets them all
        for c in clients:
            c.close()

        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            alive = [
                p for p in _children(served.process.pid) if _holding(p, _sockets(served.port, "0A"))
            ]
            if len(alive) == 2 and workers[0] not in alive:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the dead worker was not replaced")
        for _ in range(8):  # the replacement's share of connections is answered too
            c = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
            c.request("GET", "/healthz")
            assert c.getresponse().status == 200
            c.close()
    finally:
        everyone = _children(served.process.pid)
        output = served.stop()
    assert served.process.returncode == 0
    assert "starting another" in output
    time.sleep(0.5)
    assert not [p for p in everyone if _running(p)], "a worker outlived serve"


def test_two_workers_refuse_a_port_another_server_listens_on(tmp_path: Path) -> None:
    """SO_REUSEPORT would let a second server of the same user share the port (and its
    connections) silently: serve refuses it, as it refuses a port in use with one worker."""
    import socket

    from server_support import free_port

    port = free_port()
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", port))
        other.listen()
        result = cli("serve", "--workers", "2", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
