"""Fixtures of the server tests: an app on the shipped rules and a client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_support import TestClient

from eligibility.server import Settings, create_app


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    return create_app(Settings())


@pytest.fixture()
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
