"""Tests that drive a component from outside the project (a browser, LibreOffice, WeasyPrint).

.ci/run installs each such component, so under CI (the ``CI`` variable set) a missing one
fails its tests instead of skipping them: CI cannot pass without running them.
"""

from __future__ import annotations

import os

import pytest


def require(present: bool, what: str) -> None:
    """Skip a test whose outside component (a browser, LibreOffice, WeasyPrint) is missing
    on a developer's machine; fail it under CI (the ``CI`` variable set), whose .ci/run
    installs every such component, so CI cannot pass without running the test."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI must run this test", pytrace=False)
    pytest.skip(f"{what} is not installed")
