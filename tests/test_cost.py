"""The cost frame against hand calculations from the pricing snapshot, to the cent."""

from __future__ import annotations

from decimal import Decimal as D

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.pricing.book import SnapshotPriceBook
from tests.helpers import ROOT


def _lines(design, env: str, component: str) -> dict[str, D]:  # type: ignore[no-untyped-def]
    return {
        line.item: line.monthly_usd
        for line in design.cost.lines
        if line.environment == env and line.component == component
    }


def test_hackathon_cost_frame_by_hand(catalog: Catalog, book: SnapshotPriceBook) -> None:
    brief = load_brief(ROOT / "examples/hackathon/infra/brief.yaml").brief
    design = plan(brief, catalog, book)
    # Snapshot 2026-07-20: t4g.micro $0.0084/h, EBS gp3 $0.08/GB-month,
    # CloudWatch Logs $0.50/GB ingested and $0.03/GB-month stored, egress $0.09/GB.
    # Average load 2 rps × 0.25 = 0.5 rps × 730 h × 3600 s = 1,314,000 requests a month.
    vm = 730 * D("0.0084")  # 6.132 -> 6.13
    volume = (20 + 1) * D("0.08")  # 20 GB root + 1 GB SQLite file = 1.68
    ingest = D("1.31") * D("0.50")  # 1,314,000 × 1 KB = 1.31 GB -> 0.655 -> 0.66 (half up)
    stored = D("0.31") * D("0.03")  # 1.31 GB × 7/30 days kept = 0.31 GB -> 0.0093 -> 0.01
    egress = D("65.70") * D("0.09")  # 1,314,000 × 50 KB = 65.7 GB -> 5.913 -> 5.91
    # The instance has its own public IPv4 address (no load balancer): 730 h × $0.005 = 3.65
    # (AWS charges every public IPv4 address since 2024-02-01).
    ipv4 = 730 * D("0.005")
    # The image repository bootstrap renders keeps every tagged image: priced at month 12,
    # a 0.3 GB image + 12 × 20 pushes × 0.05 GB of changed layers = 12.3 GB × $0.10 = 1.23.
    registry = (D("0.3") + 12 * 20 * D("0.05")) * D("0.10")
    expected = [D("6.13"), D("1.68"), D("3.65"), D("0.66"), D("0.01"), D("5.91"), D("1.23")]
    assert registry == expected[-1]
    assert round(ipv4, 2) == expected[2]
    assert [round(x, 2) for x in (vm, volume)] == expected[:2]
    assert [line.monthly_usd for line in design.cost.lines] == expected
    assert ingest.quantize(D("0.001")) == D("0.655") and stored < D("0.01")
    assert egress.quantize(D("0.001")) == D("5.913")
    assert design.cost.monthly_usd == D("19.27") == sum(expected)
    assert design.cost.by_environment == {"prod": D("19.27")}


def test_shopfront_production_lines_by_hand(catalog: Catalog, book: SnapshotPriceBook) -> None:
    design = plan(load_brief(ROOT / "examples/shopfront/infra/brief.yaml").brief, catalog, book)
    # Load: 15 rps × 1.1^6 (1.771561) × 1.5 headroom = 39.86 rps.
    assert design.inputs["required_rps"] == "39.86"
    # Web: autoscaled 1-2 'xs' tasks (0.25 vCPU, 0.5 GB, 25 rps each: 2 × 25 ≥ 39.86), priced
    # at the tasks the average needs: 15 × 1.771561 × 0.25 = 6.64 rps -> 1 task.
    # 1 × 730 h × 0.25 vCPU × $0.04048 = 7.3876; 1 × 730 h × 0.5 GB × $0.004445 = 1.6224.
    assert design.inputs["average_rps"] == "6.64"
    web = _lines(design, "prod", "web")
    assert web == {"xs vCPU-hours": D("7.39"), "xs memory GB-hours": D("1.62")}
    (web_check,) = [c for c in design.capacity if c.environment == "prod" and c.component == "web"]
    assert web_check.provided == 50 and "autoscaled 1–2 × xs" in web_check.formula
    # Database: the working set, 20 GB × 1.771561 × 0.1 = 3.54 GB, needs db.t4g.medium's 4 GB
    # (the micro has 1, the small 2); at its 20 % baseline it carries 2 × 150 × 0.2 = 60 rps
    # ≥ 39.86. $0.065/h × 730 h = 47.45; storage: 20 GB × 1.771561 × 1.25 = 44.29 -> 50 GB
    # (10 GB steps) × $0.115 = 5.75. RDS keeps the master password in one Secrets Manager
    # secret: $0.40 a month.
    db = _lines(design, "prod", "database")
    assert db == {
        "db.t4g.medium instance-hours": D("47.45"),
        "gp3 storage": D("5.75"),
        "master password secret": D("0.40"),
    }
    # Staging runs stoppable parts 260 h (business hours): 1 × db.t4g.micro $0.016 × 260 = 4.16.
    staging_db = _lines(design, "staging", "database")
    assert staging_db["db.t4g.micro instance-hours"] == D("4.16")
    # The load balancer cannot be stopped: 730 h × $0.0225 = 16.425 -> 16.43 in staging too,
    # and it holds a public IPv4 address in each of the 2 zones: 2 × 730 h × $0.005 = 7.30.
    assert _lines(design, "staging", "load_balancer") == {
        "load balancer hours": D("16.43"),
        "public IPv4 addresses": D("7.30"),
    }
    # Totals are sums of the rounded lines.
    assert design.cost.monthly_usd == sum(line.monthly_usd for line in design.cost.lines)
    assert sum(design.cost.by_environment.values()) == design.cost.monthly_usd


def test_multi_az_doubles_instance_and_storage(catalog: Catalog, book: SnapshotPriceBook) -> None:
    from tests.helpers import loaded

    single = plan(loaded("production", {"availability": {"target": "99.5"}}).brief, catalog, book)
    multi = plan(loaded("production").brief, catalog, book)
    one = _lines(single, "prod", "database")
    two = _lines(multi, "prod", "database")
    assert set(one) == set(two)
    # The standby shares the primary's master password: one secret either way.
    assert one.pop("master password secret") == two.pop("master password secret") == D("0.40")
    for item in one:
        assert two[item] == one[item] * 2 or abs(two[item] - one[item] * 2) <= D("0.01")
