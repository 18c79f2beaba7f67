"""`costs rightsize`: the bill of a frozen project against its frame, component by component.
Run as designed, nothing is reported; a service billing twice its tasks is drift with the
count the bill shows; a database spending a fifth of its frame is an over-provisioning
candidate with the catalog's next size down."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from infragate.catalog.model import Catalog
from infragate.costs.frames import Frame
from infragate.costs.importing import import_files
from infragate.costs.inputs import read_inputs
from infragate.costs.rightsizing import THRESHOLD, RightsizeReport, rightsize, smaller_size
from infragate.lifecycle.clock import Clock
from infragate.store.engine import Store
from tests.costs.bill import HOURS, Row, clean_rows, component_rows, schedule_of, total, write_focus
from tests.helpers import run_cli
from tests.lifecycle_helpers import ANN, OWNERS, START, Project

WEB = ("prod", "web")
DATABASE = ("prod", "database")
TASKS_FACTOR = Decimal(2)
SPEND_SHARE = Decimal("0.2")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _sizes(catalog: Catalog) -> dict[str, list[str]]:
    return {kind: [s.name for s in c.sizes] for kind, c in catalog.components.items()}


def _report(store: Store, catalog: Catalog, rows: list[Row], tmp_path: Path) -> RightsizeReport:
    import_files(store, [write_focus(tmp_path / "bill.csv", rows)], Clock(START, ANN))
    inputs = read_inputs(store)
    return rightsize(
        inputs.facts,
        inputs.projects,
        _sizes(catalog),
        catalog.threshold(THRESHOLD),
        "2026-12",
    )


@pytest.fixture
def frame(tmp_path: Path, store: Store) -> Frame:
    project = Project(tmp_path / "shop", store)
    project.approve_all()
    project.freeze()
    latest = read_inputs(store).projects["fixture-prod"].latest
    assert latest is not None
    return latest


def test_a_frame_run_as_designed_needs_no_right_sizing(
    frame: Frame, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    quiet = Project(tmp_path / "quiet", store, patch={**OWNERS, "project": {"name": "quiet-shop"}})
    quiet.approve_all()
    quiet.freeze()
    report = _report(store, catalog, clean_rows(frame), tmp_path)
    assert report.findings == ()
    # a frozen project the bill has nothing for is named, not reported at 0 % of its frame
    assert report.without_spend == ("quiet-shop",)
    # every component of the frame was looked at, and its count read from the bill where a
    # time-based meter exists
    assert {(c.environment, c.component) for c in report.components} == set(frame.components)
    web = next(c for c in report.components if (c.environment, c.component) == WEB)
    assert web.billed_count is not None and round(web.billed_count) == web.count


def test_twice_the_tasks_is_drift_and_a_fifth_of_the_spend_a_candidate(
    frame: Frame, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    web, database = frame.components[WEB], frame.components[DATABASE]
    rows = clean_rows(frame, skip=[WEB, DATABASE])
    web_rows = component_rows(
        frame.project,
        web,
        schedule_of(frame, web),
        HOURS,
        scale_cost=TASKS_FACTOR,
        scale_quantity=TASKS_FACTOR,
    )
    database_rows = component_rows(
        frame.project, database, schedule_of(frame, database), HOURS, scale_cost=SPEND_SHARE
    )
    report = _report(store, catalog, rows + web_rows + database_rows, tmp_path)

    found = {(c.environment, c.component): c for c in report.findings}
    assert set(found) == {WEB, DATABASE}
    drift = found[WEB]
    assert drift.drift and not drift.over_provisioned
    assert drift.billed_count is not None
    assert drift.billed_count.quantize(Decimal("0.01")) == web.count * TASKS_FACTOR
    # the frame for the 31 days the bill covers is the whole month's frame
    assert _cents(drift.expected) == web.monthly_usd
    assert drift.actual == total(web_rows)
    assert _cents(drift.delta) == _cents(total(web_rows) - web.monthly_usd)

    candidate = found[DATABASE]
    assert candidate.over_provisioned and not candidate.drift
    assert candidate.actual == total(database_rows)
    share = total(database_rows) / database.monthly_usd * 100
    assert candidate.share_pct is not None
    assert _cents(candidate.share_pct) == _cents(share)
    assert share < catalog.threshold(THRESHOLD)
    sizes = _sizes(catalog)[database.kind]
    assert database.size is not None
    assert candidate.smaller_size == sizes[sizes.index(database.size) - 1]
    assert candidate.smaller_size.rsplit(".", 1)[0] == database.size.rsplit(".", 1)[0]
    # the biggest money first
    assert report.findings[0] is max(report.findings, key=lambda c: abs(c.delta))


def test_smaller_size_stays_in_the_family_and_stops_at_the_smallest(catalog: Catalog) -> None:
    sizes = _sizes(catalog)
    postgres = sizes["postgres"]
    assert smaller_size(postgres, "db.m7g.large") is None  # the smallest m7g
    assert smaller_size(postgres, "db.m7g.xlarge") == "db.m7g.large"
    assert smaller_size(sizes["container_service"], "s") == "xs"
    assert smaller_size(sizes["container_service"], "xs") is None
    assert smaller_size(postgres, None) is None


def test_cli_reports_json_and_exits_1(
    frame: Frame, store_url: str, catalog: Catalog, tmp_path: Path
) -> None:
    env = {"INFRAGATE_DATABASE_URL": store_url}
    web = frame.components[WEB]
    rows = clean_rows(frame, skip=[WEB]) + component_rows(
        frame.project,
        web,
        schedule_of(frame, web),
        HOURS,
        scale_cost=TASKS_FACTOR,
        scale_quantity=TASKS_FACTOR,
    )
    assert (
        run_cli("costs", "import", write_focus(tmp_path / "b.csv", rows), env=env).returncode == 0
    )
    result = run_cli("costs", "rightsize", "--format", "json", env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["component"] == "web" and finding["drift"] is True
    assert Decimal(finding["billed_count"]) == web.count * TASKS_FACTOR
    result = run_cli("costs", "rightsize", "--project", "fixture-prod", env=env)
    assert result.returncode == 1
    assert f"the bill's hours make {web.count * TASKS_FACTOR:.1f} × {web.size}" in result.stdout
