"""The three scenarios from the seed documents, as the examples under examples/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.model import Design
from infragate.design.planner import plan
from infragate.gate import evaluate
from infragate.pricing.book import SnapshotPriceBook
from tests.helpers import ROOT


def _design(name: str, catalog: Catalog, book: SnapshotPriceBook) -> Design:
    loaded = load_brief(ROOT / "examples" / name / "infra" / "brief.yaml")
    assert not evaluate(loaded, catalog).blocked  # the start gate is open for every example
    return plan(loaded.brief, catalog, book)


def _verdict(design: Design, subject: str) -> tuple[str, bool, Decimal]:
    (v,) = [v for v in design.verdicts if v.subject == subject]
    return str(v.verdict), v.applied, v.monthly_usd_delta


def _prod(design: Design, component: str):  # type: ignore[no-untyped-def]
    (c,) = [c for c in design.components if c.environment == "prod" and c.id == component]
    return c


def test_ceo_dashboard_high_availability_is_over_engineering(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    design = _design("ceo-dashboard", catalog, book)
    database, cache = _prod(design, "database"), _prod(design, "cache")
    assert (database.kind, database.multi_az, database.count) == ("postgres", False, 1)
    assert (cache.kind, cache.multi_az, cache.count) == ("redis", False, 1)
    for subject in ("database.multi_az", "cache.replica", "compute.multi_az"):
        verdict, applied, delta = _verdict(design, subject)
        assert (verdict, applied) == ("over_engineering", False), subject
        assert delta > 0, subject  # the cost it would add is shown
    # Multi-AZ would double the database's instance-hours and storage (the standby shares
    # the primary's master password secret, so that line is not doubled).
    secret = sum(
        line.monthly_usd
        for line in design.cost.lines
        if line.environment == "prod"
        and line.component == "database"
        and line.item == "master password secret"
    )
    assert secret == Decimal("0.40")
    assert _verdict(design, "database.multi_az")[2] == database.monthly_usd - secret
    assert not design.blockers


def test_ceo_dashboard_multi_az_override_is_flagged_the_same_way(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    loaded = load_brief(ROOT / "examples/ceo-dashboard/infra/brief.yaml")
    brief = loaded.brief.model_copy(
        update={
            "overrides": [
                *loaded.brief.overrides,
                type(loaded.brief.overrides[0])(
                    component="database",
                    setting="multi_az",
                    value=True,
                    reason="the CEO asked for it",
                ),
            ]
        }
    )
    design = plan(brief, catalog, book)
    verdict, applied, delta = _verdict(design, "database.multi_az")
    assert (verdict, applied) == ("over_engineering", False)
    assert delta > 0
    (v,) = [v for v in design.verdicts if v.subject == "database.multi_az"]
    assert "the CEO asked for it" in v.reason


def test_enterprise_launch_sqlite_is_under_engineering_and_blocks(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    design = _design("enterprise-launch", catalog, book)
    verdict, applied, delta = _verdict(design, "database.managed")
    assert (verdict, applied) == ("under_engineering", True)
    assert delta > 0
    assert any(b.startswith("RS003 database-managed") for b in design.blockers)
    database = _prod(design, "database")
    assert (database.kind, database.multi_az) == ("postgres", True)
    assert database.settings["point_in_time_recovery"] == "yes"
    for subject in (
        "database.multi_az",
        "database.point_in_time_recovery",
        "logs.centralised",
        "metrics.alarms",
    ):
        assert _verdict(design, subject)[:2] == ("approved", True), subject
    assert {c.id for c in design.components if c.environment == "prod"} >= {"logs", "metrics"}


def test_hackathon_prototype_is_kept_small(catalog: Catalog, book: SnapshotPriceBook) -> None:
    design = _design("hackathon", catalog, book)
    assert [e.name for e in design.environments] == ["prod"]  # no staging
    app = _prod(design, "app")
    assert app.kind == "vm" and "SQLite" in app.settings["database"]
    assert _verdict(design, "database.managed")[:2] == ("approved", False)  # SQLite accepted
    for subject in ("database.multi_az", "environments.staging", "compute.multi_az"):
        verdict, applied, delta = _verdict(design, subject)
        assert (verdict, applied) == ("over_engineering", False), subject
        assert delta > 0, subject
    budget = design.cost.budget
    assert budget.status == "within" and budget.monthly_usd == Decimal(25)
    assert not design.blockers


@pytest.mark.parametrize("limit", ["50", "10"])
def test_hard_budget_is_a_blocker_with_the_cheapest_design(
    limit: str, catalog: Catalog, book: SnapshotPriceBook
) -> None:
    from tests.helpers import loaded

    brief = loaded("mvp", {"budget": {"monthly_usd": int(limit), "hard_limit": True}}).brief
    design = plan(brief, catalog, book)
    assert design.cost.budget.status == "over" and design.cost.budget.blocker
    assert any(b.startswith("budget:") for b in design.blockers)
    cheapest = design.cost.cheapest
    assert cheapest.monthly_usd < design.cost.monthly_usd
    assert "A staging environment" in cheapest.dropped
    assert cheapest.within_budget is False


def test_soft_budget_over_is_reported_not_blocking(
    catalog: Catalog, book: SnapshotPriceBook
) -> None:
    from tests.helpers import loaded

    design = plan(loaded("mvp", {"budget": {"monthly_usd": 50}}).brief, catalog, book)
    assert design.cost.budget.status == "over"
    assert not design.cost.budget.blocker and not design.blockers
