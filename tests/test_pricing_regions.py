"""The five priced regions: each a file of its own, every block sourced, every key the
estimator uses priced, and a size a region's book does not price is never chosen there."""

from __future__ import annotations

import json
from decimal import Decimal as D
from importlib import resources
from typing import Any

import pytest

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.pricing.book import _AWS_KEYS, SnapshotPriceBook, available, load_pricebook
from tests.helpers import ROOT

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-2"]
SIZED = {"vm": "vm.hour", "postgres": "rds_postgres.hour", "redis": "elasticache.hour"}


def _raw(region: str) -> dict[str, Any]:
    ref = resources.files("infragate.pricing") / "data" / f"aws-{region}.json"
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def test_the_five_regions_are_priced() -> None:
    assert set(REGIONS) <= {region for provider, region in available() if provider == "aws"}


@pytest.mark.parametrize("region", REGIONS)
def test_every_key_and_catalog_size_is_priced_with_a_source(region: str, catalog: Catalog) -> None:
    book = load_pricebook("aws", region)
    assert book.region == region
    for key in _AWS_KEYS:
        if key in ("vm.hour", "rds_postgres.hour", "rds_mysql.hour", "elasticache.hour"):
            continue
        price = book.price(key)
        assert price.usd > 0 and len(price.source) > 60, (region, key)
    for kind, key in SIZED.items():
        for size in catalog.components[kind].sizes:
            assert book.price(f"{key}:{size.name}").usd > 0, (region, size.name)


@pytest.mark.parametrize("region", REGIONS)
def test_every_block_names_a_source_the_file_explains(region: str) -> None:
    data = _raw(region)
    sources = data["sources"]
    named: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "source" in node:
                named.add(node["source"])
            for value in node.values():
                walk(value)

    walk({k: v for k, v in data.items() if k != "sources"})
    assert named, region
    # A name may qualify a source ("infracost (data_transfer_test golden)").
    unexplained = {n for n in named if n.split(" (")[0] not in sources}
    assert not unexplained, (region, unexplained)
    for text in sources.values():
        assert any(c.isdigit() for c in text), "every source carries a date"


def test_derived_figures_say_how_they_were_derived() -> None:
    book = load_pricebook("aws", "eu-central-1")
    fargate = book.price("fargate.vcpu_hour")
    assert "derived" in fargate.source and "multiplier" in fargate.source
    # A direct regional figure names its dataset, not the multiplier.
    db = book.price("rds_postgres.hour:db.m6g.large")
    assert db.usd == D("0.189") and "vantage-sh/ec2instances.info" in db.source
    # db.m7g is not in that dataset: derived from db.m6g's regional ratio, and said so.
    m7g = book.price("rds_postgres.hour:db.m7g.large")
    assert "db.m6g.16xlarge" in m7g.source and m7g.usd > D("0.168")


def test_eu_prices_differ_from_us_east_1_and_us_west_2_matches_it() -> None:
    east, west, frankfurt = (
        load_pricebook("aws", r) for r in ("us-east-1", "us-west-2", "eu-central-1")
    )
    for key in ("rds_postgres.hour:db.t4g.small", "elasticache.hour:cache.t4g.micro", "alb.hour"):
        assert frankfurt.price(key).usd > east.price(key).usd, key
    for key in ("rds_mysql.hour:db.r7g.large", "fargate.vcpu_hour", "vm.hour:t4g.micro"):
        assert west.price(key).usd == east.price(key).usd, key
    # us-west-2's MySQL table is the one published for us-west-2 itself.
    assert "us-west-2" in west.price("rds_mysql.hour:db.r7g.large").source
    # Public IPv4 costs the same everywhere (AWS: "in all regions").
    assert frankfurt.price("ipv4.hour").usd == east.price("ipv4.hour").usd == D("0.005")


def test_loading_a_region_builds_only_that_regions_book() -> None:
    load_pricebook.cache_clear()
    load_pricebook("aws", "eu-west-2")
    info = load_pricebook.cache_info()
    assert info.currsize == 1 and info.misses == 1


def test_a_size_the_region_does_not_price_is_never_chosen(catalog: Catalog) -> None:
    brief = load_brief(ROOT / "examples/shopfront/infra/brief.yaml").brief
    full = SnapshotPriceBook(_raw("us-east-1"), "aws-us-east-1.json")
    # The working set (3.54 GB) needs db.t4g.medium's 4 GB in prod; staging takes the smallest.
    assert _size(plan(brief, catalog, full), "prod", "database") == "db.t4g.medium"
    assert _size(plan(brief, catalog, full), "staging", "database") == "db.t4g.micro"

    data = _raw("us-east-1")
    for gone in ("db.t4g.micro", "db.t4g.small", "db.t4g.medium"):
        del data["rds_postgres_instance_hourly_single_az"][gone]
    partial = SnapshotPriceBook(data, "aws-us-east-1.json (three classes removed)")
    assert not partial.has("rds_postgres.hour:db.t4g.medium")
    design = plan(brief, catalog, partial)
    assert _size(design, "prod", "database") == "db.t4g.large"
    assert _size(design, "staging", "database") == "db.t4g.large"
    assert not design.blockers


def _size(design: Any, env: str, component: str) -> str:
    items = [
        line.item
        for line in design.cost.lines
        if line.environment == env and line.component == component and "instance-hours" in line.item
    ]
    assert len(items) == 1, items
    return str(items[0].split(" ")[0])
