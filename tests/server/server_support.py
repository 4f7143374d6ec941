"""Helpers the server tests share: the examples, the command line run as a user runs it (to
compare the two front ends), and a client on given settings. (Fixtures are in conftest.py.)"""

from __future__ import annotations

import inspect
import re
import warnings
from pathlib import Path

from click.testing import CliRunner, Result

from cli import main

with warnings.catch_warnings():  # starlette's TestClient prefers a newer httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eligibility.server import Settings, create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.toml"))
AS_OF = "2026-04-01"  # one day, so the CLI and the API choose the same rule set


def cli(*args: str) -> Result:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def without_checked_at(text: str) -> str:
    """A report with its timestamp line removed, and the time of the check wherever else it
    is shown (the HTML report's header): two runs a second apart differ there."""
    kept = "\n".join(line for line in text.splitlines() if "checked_at" not in line)
    return _CHECKED_AT.sub("(checked at)", kept)


_CHECKED_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def make_client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), raise_server_exceptions=False)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """``eligibility serve`` running in a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        code = "from cli import main; main()"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", str(self.port), *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait(self, timeout: float = 30.0) -> None:
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited: {self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("serve did not answer in time")

    def stop(self) -> str:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except Exception:
                self.process.kill()
                self.process.wait(5)
        return self.output()

    def output(self) -> str:
        if self.process.stdout is None or self.process.poll() is None:
            return ""
        return self.process.stdout.read()
