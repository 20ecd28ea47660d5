"""Fixtures: GitHub's OpenAPI description, and a stand-in server that fails the test on any invalid request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deliver.github.openapi import OpenApi
from tests.deliver.github.scenario import Pull, make_pull
from tests.deliver.github.stand_in import StandIn


@pytest.fixture(scope="session")
def openapi() -> OpenApi:
    return OpenApi()


@pytest.fixture
def stand_in(openapi: OpenApi) -> Iterator[StandIn]:
    with StandIn(openapi) as server:
        yield server
    assert server.errors == [], "requests or answers GitHub's description does not allow"


@pytest.fixture
def pull(tmp_path: Path) -> Pull:
    return make_pull(tmp_path)
