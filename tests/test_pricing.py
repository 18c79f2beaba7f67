"""The price book: sourced, dated, and complete for every key the estimator uses."""

from __future__ import annotations

import pytest

from infragate.catalog.model import Catalog
from infragate.errors import CatalogError, UsageError
from infragate.pricing.book import _AWS_KEYS, SnapshotPriceBook, available, load_pricebook


def test_every_size_in_the_catalog_has_a_price(catalog: Catalog, book: SnapshotPriceBook) -> None:
    keyed = {"vm": "vm.hour", "postgres": "rds_postgres.hour", "redis": "elasticache.hour"}
    for kind, key in keyed.items():
        for size in catalog.components[kind].sizes:
            price = book.price(f"{key}:{size.name}")
            assert price.usd > 0
            assert "as of 2026-07-20" in price.source


def test_every_plain_key_resolves_with_a_source(book: SnapshotPriceBook) -> None:
    for key in _AWS_KEYS:
        if key in ("vm.hour", "rds_postgres.hour", "rds_mysql.hour", "elasticache.hour"):
            continue
        price = book.price(key)
        assert price.usd > 0 and price.unit and len(price.source) > 30, key


def test_known_unit_prices(book: SnapshotPriceBook) -> None:
    assert str(book.price("fargate.vcpu_hour").usd) == "0.04048"
    assert str(book.price("rds_postgres.hour:db.t4g.small").usd) == "0.032"
    assert "karpenter" in book.price("vm.hour:t4g.micro").source


def test_unknown_region_and_size() -> None:
    assert ("aws", "us-east-1") in available()
    with pytest.raises(UsageError, match="available: aws us-east-1"):
        load_pricebook("aws", "eu-west-3")
    with pytest.raises(CatalogError, match="no price"):
        load_pricebook("aws", "us-east-1").price("rds_postgres.hour:db.z9.huge")
