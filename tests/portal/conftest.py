"""Fixtures of the portal's tests: a running test OpenID provider, a SQLite-only store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infragate.store.engine import Store, open_store
from tests.portal.oidc_provider import Provider, running_provider


@pytest.fixture
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()
