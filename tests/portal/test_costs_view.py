"""The Costs page's data against the CLI: a frozen web project and a data project, a December
bill written from their own frames (a database over-provisioned, a NAT gateway billing three
times its frame, an environment no baseline has, a project the store does not know, spend
nobody tagged), and the page's figures equal `costs report`, `costs stale` and
`costs rightsize --format json` to the cent, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from infragate.costs.frames import Frame
from infragate.costs.spend import cents
from infragate.errors import UsageError
from infragate.portal.costs_charts import cost_charts
from infragate.portal.costs_models import CostsView
from infragate.portal.costs_query import CostsQuery
from infragate.portal.costs_view import CostPolicy, read_costs_view
from infragate.store.engine import Store
from tests.costs.bills import Row, daily, frame_rows, total
from tests.costs.conftest import frozen, import_bill
from tests.helpers import run_cli

DECEMBER = [date(2026, 12, d) for d in range(1, 32)]
SVG = "{http://www.w3.org/2000/svg}"
UNDER = ("prod", "database")  # billed at a tenth of its frame: a right-sizing candidate
OVER = ("staging", "nat_gateway")  # billed at three times its frame: COST001's driver
DATA = {"project": {"name": "fixture-data", "team": "data", "cost_center": "CC-9"}}


def cli(store_url: str, *args: str) -> dict[str, Any]:
    done = run_cli("costs", *args, "--format", "json", env={"INFRAGATE_DATABASE_URL": store_url})
    assert done.returncode in (0, 1), done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def as_json(view: CostsView) -> dict[str, Any]:
    """What the JSON twin sends: the model serialised as FastAPI does (mode json)."""
    data: dict[str, Any] = json.loads(view.model_dump_json())
    return data


class December:
    """The two frozen projects and the bill written from their frames."""

    def __init__(self, tmp_path: Path, store: Store) -> None:
        self.web: Frame = frozen(tmp_path / "web", store)
        self.data: Frame = frozen(tmp_path / "data", store, **DATA)
        assert UNDER in self.web.components and OVER in self.data.components
        self.web_rows = frame_rows(self.web, DECEMBER, {UNDER: Decimal("0.1")})
        self.data_rows = frame_rows(self.data, DECEMBER, {OVER: Decimal(3)})
        share = self.web.monthly_usd / 40
        self.qa = [  # an environment no baseline of web has
            Row(d, daily(share, d), f"arn:aws:ec2:{self.web.project}/qa/app", "Amazon EC2",
                {"project": self.web.project, "environment": "qa", "component": "app"})
            for d in DECEMBER[10:]
        ]  # fmt: skip
        self.ghost = [
            Row(d, daily(share, d), "arn:aws:ec2:i-ghost", "Amazon EC2",
                {"project": "ghost", "environment": "prod"})
            for d in DECEMBER
        ]  # fmt: skip
        self.loose = [
            Row(d, daily(share / 2, d), "arn:aws:ec2:i-0handmade", "Amazon EC2") for d in DECEMBER
        ]
        import_bill(
            store,
            tmp_path / "dec.csv",
            [*self.web_rows, *self.data_rows, *self.qa, *self.ghost, *self.loose],
        )


def _comparison(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["expected"], row["effective"], row["billed"], row.get("variance_pct")


def test_every_project_equals_the_cli_report_stale_and_rightsize(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    bill = December(tmp_path, store)
    view = read_costs_view(store, CostsQuery())
    page = as_json(view)
    report = cli(store_url, "report")
    assert page["billing_period"] == report["billing_period"] == "2026-12"
    assert page["as_of"] == report["as_of"] and page["tolerance_pct"] == report["tolerance_pct"]

    # teams and cost centres: the CLI's team rows, figure for figure
    assert [
        (t["team"], t["cost_center"], t["expected"], t["effective"], t["billed"], t["projects"])
        for t in page["teams"]
    ] == [
        (t["team"], t["cost_center"], t["expected"], t["effective"], t["billed"], t["projects"])
        for t in report["teams"]
    ]
    by_centre = {c["cost_center"]: c for c in page["cost_centers"]}
    for team in report["teams"]:  # one team per cost centre here
        centre = by_centre[team["cost_center"]]
        assert _comparison(centre)[:3] == _comparison(team)[:3]
        assert centre["teams"] == [team["team"]] and centre["projects"] == team["projects"]

    # projects: the variance, its drivers and the forecast against the budget
    assert [p["project"] for p in page["projects"]] == [p["project"] for p in report["projects"]]
    for mine, theirs in zip(page["projects"], report["projects"], strict=True):
        v = theirs["variance"]
        assert (mine["state"], mine["team"], mine["cost_center"]) == (
            theirs["state"], theirs["team"], theirs["cost_center"],
        )  # fmt: skip
        assert _comparison(mine) == _comparison(v)
        assert mine["days_compared"] == v["days_compared"] == 31
        assert mine["baseline_versions"] == v["baseline_versions"]
        assert mine["unframed_effective"] == v["unframed_effective"]
        assert mine["beyond_tolerance"] == v["beyond_tolerance"]
        assert [(d["environment"], d["component"], *_comparison(d)) for d in mine["drivers"]] == [
            (d["environment"], d["component"], *_comparison(d)) for d in v["drivers"]
        ]
    budgets = {b["project"]: b for b in page["budgets"]}
    for theirs in report["projects"]:
        mine, f = budgets[theirs["project"]], theirs["forecast"]
        assert {k: mine[k] for k in f} == f
        # every day behind the month to date, summed before rounding
        assert [d["day"] for d in mine["daily"]] == [str(d) for d in DECEMBER]
        assert mine["daily"][-1]["month_to_date"] == f["month_to_date"]
        spent = sum((Decimal(d["effective"]) for d in mine["daily"]), Decimal(0))
        assert abs(spent - Decimal(f["month_to_date"])) <= Decimal("0.005") * 31
    assert page["findings"] == [
        {k: f[k] for k in ("rule", "slug", "level", "project", "message", "fix")}
        for f in report["findings"]
    ]
    assert {f["rule"] for f in page["findings"]} == {"COST001"}
    assert (
        page["unknown_projects"]
        == report["unknown_projects"]
        == {"ghost": str(cents(total(bill.ghost)))}
    )
    loose = report["allocation"]["unattributed"]
    assert page["unattributed"] == {
        "effective": loose["effective"], "billed": loose["billed"], "share_pct": loose["share_pct"]
    }  # fmt: skip
    assert page["exit_code"] == report["exit_code"] == 0

    # environments over both projects, from the frames and the rows written here
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for frame in (bill.web, bill.data):
        for (env, _), c in frame.components.items():
            expected[env] += c.monthly_usd
    envs = {e["environment"]: e for e in page["environments"]}
    assert set(envs) == {*expected, "qa"}
    everything = [*bill.web_rows, *bill.data_rows, *bill.qa]
    for env, row in envs.items():
        assert row["expected"] == str(cents(expected.get(env, Decimal(0))))
        assert row["effective"] == str(
            cents(total(r for r in everything if f"/{env}/" in r.resource))
        )
    assert envs["qa"]["projects"] == [bill.web.project] and envs["qa"]["variance_pct"] is None

    # stale: what `costs stale` finds, with the same monthly waste
    stale = cli(store_url, "stale")
    keys = ("kind", "project", "environment", "subject", "currency", "monthly_waste", "spend",
            "hours", "still_billing", "reason", "fix", "components")  # fmt: skip
    assert [{k: s[k] for k in keys} for s in page["stale"]] == [
        {k: s[k] for k in keys} for s in stale["findings"]
    ]
    assert [[t["resource_id"] for t in s["top_resources"]] for s in page["stale"]] == [
        [t["resource_id"] for t in s["top_resources"]] for s in stale["findings"]
    ]
    assert {(s["kind"], s["subject"]) for s in page["stale"]} == {
        ("unknown_project", "ghost"), ("unknown_environment", "qa"),
    }  # fmt: skip
    waste = sum((Decimal(s["monthly_waste"]) for s in stale["findings"]), Decimal(0))
    assert Decimal(page["stale_monthly_waste"]["USD"]) == waste

    # right-sizing: what `costs rightsize` finds
    sized = cli(store_url, "rightsize")
    keys = ("project", "environment", "component", "kind", "size", "count", "billed_count",
            "expected", "actual", "basis", "drift", "over_provisioned", "smaller_size")  # fmt: skip
    assert [{k: c[k] for k in keys} for c in page["rightsize"]] == [
        {k: c[k] for k in keys} for c in sized["findings"]
    ]
    assert (bill.web.project, *UNDER) in {
        (c["project"], c["environment"], c["component"]) for c in page["rightsize"]
    }

    # the filters offer what the store holds
    assert page["filters"] == {
        "projects": sorted([bill.web.project, bill.data.project]),
        "teams": ["data", "web"],
        "periods": ["2026-12"],
    }


def test_one_project_equals_the_cli_with_project(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    bill = December(tmp_path, store)
    name = bill.web.project
    page = as_json(read_costs_view(store, CostsQuery(project=name)))
    report = cli(store_url, "report", "--project", name)
    assert page["project"] == name
    assert [p["project"] for p in page["projects"]] == [name]
    assert _comparison(page["projects"][0]) == _comparison(report["projects"][0]["variance"])
    assert [(t["team"], t["expected"], t["effective"]) for t in page["teams"]] == [
        (t["team"], t["expected"], t["effective"]) for t in report["teams"]
    ]
    # per environment: the report's allocation by environment (every day has a frame)
    groups = {g["environment"]: g["running"]["effective"] for g in report["allocation"]["groups"]}
    assert {e["environment"]: e["effective"] for e in page["environments"]} == groups
    assert page["findings"] == [
        {k: f[k] for k in ("rule", "slug", "level", "project", "message", "fix")}
        for f in report["findings"]
    ]
    stale = cli(store_url, "stale", "--project", name)
    assert (
        [(s["kind"], s["monthly_waste"]) for s in page["stale"]]
        == [(s["kind"], s["monthly_waste"]) for s in stale["findings"]]
        == [("unknown_environment", page["stale"][0]["monthly_waste"])]
    )
    assert page["unknown_projects"] == {}  # one project's page: the ghost is not in it
    assert page["unattributed"] == {
        "effective": "0.00", "billed": "0.00",
        "share_pct": report["allocation"]["unattributed"]["share_pct"],
    }  # fmt: skip


def test_team_filter_narrows_to_its_projects(tmp_path: Path, store: Store, store_url: str) -> None:
    bill = December(tmp_path, store)
    page = as_json(read_costs_view(store, CostsQuery(team="data")))
    report = cli(store_url, "report")
    (data_team,) = [t for t in report["teams"] if t["team"] == "data"]
    assert [p["project"] for p in page["projects"]] == [bill.data.project]
    assert [(t["team"], t["expected"], t["effective"], t["billed"]) for t in page["teams"]] == [
        ("data", data_team["expected"], data_team["effective"], data_team["billed"])
    ]
    assert [b["project"] for b in page["budgets"]] == [bill.data.project]
    assert page["stale"] == [] and page["stale_monthly_waste"] == {}  # web's and the ghost's
    assert [(f["rule"], f["project"]) for f in page["findings"]] == [("COST001", bill.data.project)]
    assert page["unattributed"] is None and page["unknown_projects"] == {}
    assert {e["environment"] for e in page["environments"]} == {
        env for env, _ in bill.data.components
    }


def test_charts_show_the_page_figures(tmp_path: Path, store: Store) -> None:
    bill = December(tmp_path, store)
    view = read_costs_view(store, CostsQuery())
    charts = cost_charts(view)
    for svg in (charts.teams, charts.cost_centers, charts.projects, charts.environments):
        ET.fromstring(svg)
    teams = ET.fromstring(charts.teams)
    drawn = [
        (r.get("class"), r.get("data-value"))
        for r in teams.iter(f"{SVG}rect")
        if (r.get("class") or "").startswith("bar ")
    ]
    assert drawn == [
        pair
        for t in view.teams
        for pair in (("bar estimate", str(t.expected)), ("bar actual", str(t.effective)))
    ]
    stale = ET.fromstring(charts.stale)
    assert [
        r.get("data-value") for r in stale.iter(f"{SVG}rect") if r.get("class") == "bar waste"
    ] == [str(s.monthly_waste) for s in view.stale]
    # a month-spend chart for every project with a budget, ending at its month to date
    with_budget = [b for b in view.budgets if b.budget is not None]
    assert with_budget and [c.project for c in charts.spend] == [b.project for b in with_budget]
    for chart, b in zip(charts.spend, with_budget, strict=True):
        root = ET.fromstring(chart.svg)
        last = list(root.iter(f"{SVG}circle"))[-1]
        assert last.get("data-day") == str(b.as_of)
        assert last.get("data-value") == str(b.month_to_date)
        budget = next(e for e in root.iter(f"{SVG}line") if e.get("class") == "budget")
        assert budget.get("data-value") == str(b.budget)
    ids = [e.get("id") for c in charts.spend for e in ET.fromstring(c.svg).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 2 * len(charts.spend)  # unique in one page
    assert bill.web.project in charts.projects


def test_no_bill_yet_and_bad_queries(tmp_path: Path, store: Store) -> None:
    web = frozen(tmp_path / "web", store)
    view = read_costs_view(store, CostsQuery())
    assert view.notice is not None and "costs import" in view.notice
    assert view.billing_period is None and view.projects == []
    assert view.filters.projects == [web.project]
    charts = cost_charts(view)
    assert "No team has" in charts.teams and charts.spend == []
    import_bill(store, tmp_path / "dec.csv", frame_rows(web, DECEMBER[:3]))
    with pytest.raises(UsageError, match="not in the store"):
        read_costs_view(store, CostsQuery(project="nope"))
    with pytest.raises(UsageError, match="expected a month as YYYY-MM"):
        read_costs_view(store, CostsQuery(period="2026-13"))
    with pytest.raises(UsageError, match="no bill for it"):
        read_costs_view(store, CostsQuery(period="2026-10"))
    # a partial month: the frame pro rata for the three days billed
    (row,) = read_costs_view(store, CostsQuery(period="2026-12")).projects
    assert row.days_compared == 3 and row.expected == cents(web.monthly_usd * 3 / 31)


def test_money_is_a_decimal_string_in_json_and_the_schema() -> None:
    schema = CostsView.model_json_schema(mode="serialization")
    team = schema["$defs"]["TeamCosts"]["properties"]
    assert team["expected"]["type"] == "string"
    assert CostPolicy.from_catalog().tolerance_pct >= 0


def test_no_float_anywhere_in_the_page(tmp_path: Path, store: Store) -> None:
    December(tmp_path, store)
    page = as_json(read_costs_view(store, CostsQuery()))

    def walk(value: Any) -> None:
        assert not isinstance(value, float), value
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(page)


def test_exit_code_and_findings_follow_the_team_shown(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    web = frozen(tmp_path / "web", store, budget={"monthly_usd": 3000, "hard_limit": True})
    data = frozen(tmp_path / "data", store, **DATA)
    assert web.budget_usd is not None and web.hard_limit
    over = [  # web spends its whole hard budget in 20 days
        Row(d, web.budget_usd / 20, f"arn:aws:rds:{web.project}/prod/database", "RDS",
            {"project": web.project, "environment": "prod", "component": "database"})
        for d in DECEMBER[:25]
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", [*over, *frame_rows(data, DECEMBER[:25])])
    report = cli(store_url, "report")
    assert report["exit_code"] == 1
    everything = as_json(read_costs_view(store, CostsQuery()))
    assert everything["exit_code"] == 1
    assert ("COST003", web.project) in {(f["rule"], f["project"]) for f in everything["findings"]}
    web_only = as_json(read_costs_view(store, CostsQuery(team="web")))
    assert web_only["exit_code"] == 1
    data_only = as_json(read_costs_view(store, CostsQuery(team="data")))
    assert data_only["exit_code"] == 0
    assert {f["project"] for f in data_only["findings"]} <= {data.project}
    (budget,) = web_only["budgets"]
    assert budget["over_budget_now"] and budget["hard_limit"]
    with pytest.raises(UsageError, match="team nobody: no project in the store has it"):
        read_costs_view(store, CostsQuery(team="nobody"))
