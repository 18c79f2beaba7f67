"""The stale-spend page's data against `costs stale --format json`, for every project, one
project, a project only the bill knows and one team; and a project tag written to attack the
page stays text from the bill to the chart."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from infragate.costs.spend import cents
from infragate.errors import UsageError
from infragate.portal.costs_charts import cost_charts
from infragate.portal.costs_query import CostsQuery
from infragate.portal.costs_view import read_costs_view
from infragate.portal.stale_view import read_stale_view
from infragate.store.engine import Store
from tests.costs.bills import Row, daily, frame_rows, total
from tests.costs.conftest import frozen, import_bill
from tests.helpers import run_cli

DECEMBER = [date(2026, 12, d) for d in range(1, 32)]
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("bill")</script>'
KEYS = ("kind", "project", "environment", "subject", "currency", "monthly_waste", "spend",
        "hours", "still_billing", "reason", "fix", "components")  # fmt: skip


def cli_stale(store_url: str, *args: str) -> dict[str, Any]:
    done = run_cli(
        "costs", "stale", *args, "--format", "json", env={"INFRAGATE_DATABASE_URL": store_url}
    )
    assert done.returncode in (0, 1), done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def page_of(store: Store, **query: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_stale_view(store, CostsQuery(**query)).model_dump_json())
    return data


def same(page: dict[str, Any], cli: dict[str, Any]) -> None:
    assert page["billing_period"] == cli["billing_period"]
    assert (page["covered_from"], page["covered_to"]) == (
        cli["covered"]["from"],
        cli["covered"]["to"],
    )
    assert [{k: f[k] for k in KEYS} for f in page["findings"]] == [
        {k: f[k] for k in KEYS} for f in cli["findings"]
    ]
    for mine, theirs in zip(page["findings"], cli["findings"], strict=True):
        assert [(t["resource_id"], t["effective"]) for t in mine["top_resources"]] == [
            (t["resource_id"], str(cents(Decimal(t["effective"])))) for t in theirs["top_resources"]
        ]


def test_stale_page_equals_the_cli(tmp_path: Path, store: Store, store_url: str) -> None:
    web = frozen(tmp_path / "web", store)
    data = frozen(
        tmp_path / "data",
        store,
        project={"name": "fixture-data", "team": "data", "cost_center": "CC-9"},
    )
    share = web.monthly_usd / 30
    qa = [
        Row(d, daily(share, d), f"arn:aws:ec2:{data.project}/qa/app", "Amazon EC2",
            {"project": data.project, "environment": "qa", "component": "app"})
        for d in DECEMBER[5:]
    ]  # fmt: skip
    ghost = [
        Row(d, daily(share * 2, d), "arn:aws:ec2:i-ghost", "Amazon EC2",
            {"project": "ghost", "environment": "prod"})
        for d in DECEMBER
    ]  # fmt: skip
    import_bill(
        store,
        tmp_path / "dec.csv",
        [*frame_rows(web, DECEMBER), *frame_rows(data, DECEMBER), *qa, *ghost],
    )

    everything = page_of(store)
    same(everything, cli_stale(store_url))
    assert [(f["kind"], f["subject"]) for f in everything["findings"]] == [
        ("unknown_project", "ghost"),
        ("unknown_environment", "qa"),
    ]  # fmt: skip  (largest monthly waste first)
    assert everything["monthly_waste"] == {
        "USD": str(
            sum(
                (Decimal(f["monthly_waste"]) for f in everything["findings"]),
                Decimal("0"),
            )
        )
    }
    # the ghost spends every day of the month: its monthly waste is its spend rate x 730 h
    assert everything["findings"][0]["spend"] == str(cents(total(ghost)))

    same(page_of(store, project="ghost"), cli_stale(store_url, "--project", "ghost"))
    same(page_of(store, project=data.project), cli_stale(store_url, "--project", data.project))
    assert page_of(store, project=web.project)["findings"] == []

    team = page_of(store, team="data")
    assert [(f["project"], f["kind"]) for f in team["findings"]] == [
        (data.project, "unknown_environment")
    ]
    assert page_of(store, team="web")["findings"] == []

    with pytest.raises(UsageError, match="not in the store"):
        read_stale_view(store, CostsQuery(project="nobody"))
    with pytest.raises(UsageError, match="expected a month"):
        read_stale_view(store, CostsQuery(period="December"))


def test_no_bill_yet(tmp_path: Path, store: Store) -> None:
    web = frozen(tmp_path / "web", store)
    page = page_of(store)
    assert page["notice"] and "costs import" in page["notice"]
    assert page["findings"] == [] and page["filters"]["projects"] == [web.project]


def test_a_hostile_project_tag_stays_text_to_the_chart(tmp_path: Path, store: Store) -> None:
    web = frozen(tmp_path / "web", store)
    attack = [
        Row(d, daily(web.monthly_usd / 10, d), "arn:aws:ec2:i-attack", "Amazon EC2",
            {"project": HOSTILE, "environment": HOSTILE})
        for d in DECEMBER
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", [*frame_rows(web, DECEMBER), *attack])
    view = read_costs_view(store, CostsQuery())
    assert view.unknown_projects == {HOSTILE: cents(total(attack))}
    (finding,) = view.stale
    assert finding.project == HOSTILE and finding.kind == "unknown_project"
    charts = cost_charts(view)
    assert "<script" not in charts.stale
    root = ET.fromstring(charts.stale)
    (bar,) = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar waste"]
    assert bar.get("data-value") == str(finding.monthly_waste)
    title = bar.find(f"{SVG}title")
    assert title is not None and title.text is not None and title.text.startswith(HOSTILE)
