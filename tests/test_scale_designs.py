"""Designs at scale (issue 13): a marketplace and a 3,000-rps payments API design without a
capacity blocker, on non-burstable databases and autoscaled services; what the catalog
cannot carry is a blocker that says what would; every capacity figure names its source."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
import yaml
from pydantic import ValidationError

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog, Component
from infragate.design import model as out
from infragate.design.planner import plan
from infragate.pricing.book import SnapshotPriceBook
from tests.helpers import ROOT, loaded

PRICES = ROOT / "src" / "infragate" / "pricing" / "data"


def _design(name: str, catalog: Catalog, book: SnapshotPriceBook) -> out.Design:
    return plan(load_brief(ROOT / "examples" / name / "infra" / "brief.yaml").brief, catalog, book)


def _prod(design: out.Design, component: str) -> out.Component:
    (found,) = [c for c in design.components if c.environment == "prod" and c.id == component]
    return found


def _check(design: out.Design, component: str) -> out.CapacityCheck:
    (found,) = [c for c in design.capacity if c.environment == "prod" and c.component == component]
    return found


def _burstable(catalog: Catalog, kind: str, size: str) -> bool:
    return next(s for s in catalog.components[kind].sizes if s.name == size).burstable


def test_marketplace_at_scale_designs_without_a_capacity_blocker(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    design = _design("marketplace", catalog, book)
    assert design.blockers == []
    # 600 rps × 1.05^6 × 1.5 = 1206.09 rps, which the largest burstable class (480 rps at
    # its 40 % baseline) and db.m7g.2xlarge (1,200 rps) do not carry.
    assert design.inputs["required_rps"] == "1206.09"
    db = _prod(design, "database")
    assert db.kind == "postgres" and db.multi_az
    assert not _burstable(catalog, "postgres", str(db.size))
    # Read-heavy: the primary carries the writes (20 %), a replica of its class the reads,
    # and the memory holds a tenth of the 1,072 GB the data grows to.
    assert db.settings["read_replicas"] == "1"
    assert db.memory_gb is not None and db.memory_gb >= D("107.21")
    assert _check(design, "database").ok and _check(design, "database memory").ok
    web = _prod(design, "web")
    low, high = int(web.settings["min_tasks"]), int(web.settings["max_tasks"])
    assert low == 2 and high > low and "autoscaling" in web.settings
    # Priced at the tasks the average needs (600 × 1.340 × 0.25 = 201.01 rps), not the maximum.
    assert design.inputs["average_rps"] == "201.01"
    assert low <= web.count < high
    assert design.cost.budget.status == "within"
    replica_lines = [
        line
        for line in design.cost.lines
        if line.component == "database" and "read replica" in line.item
    ]
    assert [line.quantity for line in replica_lines] == [D(730), D(1 * 1350)]


def test_payments_api_at_3000_rps_on_mysql(catalog: Catalog, book: SnapshotPriceBook) -> None:
    design = _design("payments-api", catalog, book)
    assert design.blockers == []
    db = _prod(design, "database")
    assert db.kind == "mysql" and db.settings["engine"] == "MySQL"
    assert not _burstable(catalog, "mysql", str(db.size))
    check = _check(design, "database")
    assert check.ok and check.required == D("6030.43") and check.provided >= check.required
    # Priced from the MySQL price list (3000 × 1.05^6 × 1.5 = 6030.43 rps: db.m7g.12xlarge,
    # 48 vCPU × 150 = 7,200 rps), primary and Multi-AZ standby.
    (hours,) = [
        line
        for line in design.cost.lines
        if line.environment == "prod" and line.item == f"{db.size} instance-hours"
    ]
    assert hours.unit_usd == book.price(f"rds_mysql.hour:{db.size}").usd
    assert hours.quantity == 2 * 730
    api = _prod(design, "api")
    assert int(api.settings["max_tasks"]) > int(api.settings["min_tasks"]) >= 2
    api_check = _check(design, "api")
    assert api_check.ok and "autoscaled" in api_check.formula
    cache = _prod(design, "cache")
    assert not _burstable(catalog, "redis", str(cache.size)) and _check(design, "cache").ok


def test_every_sized_component_shows_load_capacity_and_source(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    design = _design("payments-api", catalog, book)
    sized = [c for c in design.capacity if c.unit == "requests per second"]
    assert {c.component for c in sized if c.environment == "prod"} == {"api", "database", "cache"}
    for check in sized:
        assert "growth" in check.formula and "months" in check.formula  # the load's horizon
        assert "source " in check.source and "assumption " in check.source, check.component
        for name in catalog.capacity_sources:
            if name in check.source:
                assert catalog.capacity_sources[name].as_of in check.source


def test_burstable_classes_only_where_their_baseline_carries_the_load(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    # 30 rps × 1.05^6 × 1.5 = 60.3 rps: more than db.t4g.small and .medium sustain at their
    # 20 % baseline (60 rps), though their two vCPUs would burst far above it.
    design = plan(
        loaded("production", {"load": {"peak_rps": 30, "data_gb": 10}}).brief, catalog, book
    )
    db = _prod(design, "database")
    assert db.size not in ("db.t4g.micro", "db.t4g.small", "db.t4g.medium")
    assert _check(design, "database").provided >= D("60.3")


def test_an_unsized_load_is_a_blocker_that_says_what_would_carry_it(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    brief = loaded(
        "production",
        {"load": {"users": 10_000_000, "peak_rps": 9000, "data_gb": 100, "profile": "write-heavy"}},
    ).brief
    design = plan(brief, catalog, book)
    (blocker,) = [b for b in design.blockers if b.startswith("capacity: database")]
    assert "nothing on offer carries it" in blocker and "shard" in blocker
    assert "Aurora" in blocker


def test_a_size_without_a_price_in_the_region_is_not_chosen(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    data = json.loads((PRICES / "aws-us-east-1.json").read_text())
    classes = data["rds_postgres_instance_hourly_single_az"]
    for gone in [name for name in classes if name.startswith("db.m7g.")]:
        del classes[gone]
    without = SnapshotPriceBook(
        data, "aws-us-east-1.json without db.m7g (a region not offering them)"
    )
    assert not without.has("rds_postgres.hour:db.m7g.2xlarge")
    design = _design("marketplace", catalog, book)
    brief = load_brief(ROOT / "examples/marketplace/infra/brief.yaml").brief
    other = plan(brief, catalog, without)
    assert not str(_prod(other, "database").size).startswith("db.m7g.")
    assert other.cost.monthly_usd >= design.cost.monthly_usd


def test_the_catalog_refuses_a_capacity_figure_its_basis_does_not_give() -> None:
    text = (ROOT / "src/infragate/catalog/data/catalog.yaml").read_text()
    data = yaml.safe_load(text)
    pg = data["components"]["postgres"]
    Component.model_validate(pg)
    pg["sizes"][6]["capacity_rps"] = "900"  # db.m7g.large: 150 × 2 = 300
    with pytest.raises(ValidationError, match=r"db\.m7g\.large: capacity_rps 900 is not"):
        Component.model_validate(pg)


def test_80_rps_no_longer_gets_nine_tasks(catalog: Catalog, book: SnapshotPriceBook) -> None:
    # The example: a 0.5-vCPU task was assumed to serve 25 rps, so 80 rps got 9
    # tasks, all priced. Now a task's capacity comes from the catalog's sourced per-vCPU
    # figure, and the service is priced at the tasks its average load needs.
    brief = loaded("production", {"load": {"peak_rps": 80, "users": 50_000}}).brief
    web = _prod(plan(brief, catalog, book), "web")
    assert web.count <= 3 < int(web.settings["max_tasks"])
