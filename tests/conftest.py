from __future__ import annotations

import pytest

from infragate.catalog.loader import load_catalog
from infragate.catalog.model import Catalog
from infragate.pricing.book import SnapshotPriceBook, load_pricebook


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def book() -> SnapshotPriceBook:
    return load_pricebook("aws", "us-east-1")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
