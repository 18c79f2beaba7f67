"""The Costs pages through the portal (FastAPI's TestClient, in-process): signed in, the
HTML page with its charts and tables, its JSON twin equal to the view the CLI's figures
come from, filters in the query string, errors, the OpenAPI document, and pages that obey the
Content-Security-Policy (no inline script or style) with untrusted names kept as text."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from infragate.costs.spend import cents
from infragate.portal.costs_query import CostsQuery
from infragate.portal.costs_view import read_costs_view
from infragate.portal.stale_view import read_stale_view
from infragate.portal.svg import usd
from infragate.store.engine import Store
from tests.costs.conftest import frozen
from tests.portal.costs_helpers import HOSTILE, costs_portal
from tests.portal.helpers import account, client_for, sign_in


class Page(HTMLParser):
    """What a CSP-strict page must not have, and what the charts say."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.style_attributes: list[str] = []
        self.style_elements = 0
        self.handlers: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and "src" not in named:
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in named:
            self.style_attributes.append(tag)
        self.handlers += [name for name in named if name.startswith("on")]
        if tag == "svg":
            self.svgs.append(named)
        if tag == "a" and named.get("href"):
            self.links.append(str(named["href"]))


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    assert page.inline_scripts == 0 and page.style_elements == 0
    assert page.style_attributes == [] and page.handlers == []
    return page


def test_costs_page_and_its_json_twin(tmp_path: Path, store: Store) -> None:
    client, web, data = costs_portal(tmp_path, store)
    api = client.get("/api/costs")
    assert api.status_code == 200
    twin = api.json()
    assert twin == json.loads(read_costs_view(store, CostsQuery()).model_dump_json())
    assert [p["project"] for p in twin["projects"]] == [data.project, web.project]

    html = client.get("/costs")
    assert html.status_code == 200
    assert "script-src 'self'" in html.headers["content-security-policy"]
    page = parsed(html.text)
    # the charts are in the page, each named for assistive technology
    classes = [svg.get("class") for svg in page.svgs]
    assert classes.count("chart chart-bars") == 4 and "chart chart-waste" in classes
    assert classes.count("chart chart-spend") == 2  # both projects have a budget
    assert all(svg.get("role") == "img" and svg.get("aria-labelledby") for svg in page.svgs)
    # the tables carry the twin's figures, formatted to the cent
    for team in twin["teams"]:
        assert usd(Decimal(team["expected"])) in html.text
        assert usd(Decimal(team["effective"])) in html.text
    for b in twin["budgets"]:
        assert usd(Decimal(b["linear"])) in html.text
    assert "COST001 cost-variance" in html.text and "staging/nat_gateway" in html.text
    waste = Decimal(twin["stale_monthly_waste"]["USD"])
    assert f"{usd(waste)} a month of waste" in html.text
    assert "ghost" in html.text  # unknown project, in spend nobody owns
    assert f"/costs?project={web.project}" in page.links


def test_filters_come_in_the_query_string(tmp_path: Path, store: Store) -> None:
    client, web, data = costs_portal(tmp_path, store)
    one = client.get("/api/costs", params={"project": web.project, "period": "2026-12"}).json()
    assert one == json.loads(
        read_costs_view(store, CostsQuery(project=web.project, period="2026-12")).model_dump_json()
    )
    assert [p["project"] for p in one["projects"]] == [web.project]
    # "today" as the CLI's --as-of: the forecast from the 20th
    earlier = client.get("/api/costs", params={"as_of": "2026-12-20"}).json()
    assert earlier == json.loads(
        read_costs_view(store, CostsQuery(as_of=date(2026, 12, 20))).model_dump_json()
    )
    assert earlier["as_of"] == "2026-12-20" and earlier["budgets"][0]["days_elapsed"] == 20
    team = client.get("/api/costs", params={"team": "data"}).json()
    assert [p["project"] for p in team["projects"]] == [data.project]
    assert team["unknown_projects"] == {} and team["stale"] == []
    # the form's "all" options send empty values: the whole view
    blank = client.get("/api/costs", params={"project": "", "team": "", "period": ""}).json()
    assert blank == client.get("/api/costs").json()
    html = client.get("/costs", params={"team": "data"}).text
    parsed(html)
    assert "Costs of team data" in html and '<option value="data" selected>' in html
    spend = client.get("/costs", params={"project": web.project}).text
    assert f"{web.project}: spend this month against the budget" in spend


def test_bad_filters_and_who_may_see(tmp_path: Path, store: Store) -> None:
    client, _, _ = costs_portal(tmp_path, store)
    for params, says in (
        ({"project": "nope"}, "not in the store"),
        ({"period": "2026-13"}, "expected a month as YYYY-MM"),
        ({"period": "2026-10"}, "no bill for it"),
        ({"team": "nobody"}, "team nobody: no project in the store has it (teams: data, web)"),
    ):
        api = client.get("/api/costs", params=params)
        assert api.status_code == 400 and says in api.json()["detail"], api.text
        html = client.get("/costs", params=params)
        assert html.status_code == 400 and says in html.text
    assert client.get("/api/costs", params={"period": "2026-120"}).status_code == 422
    stranger = client_for(store)
    assert stranger.get("/api/costs").status_code == 401
    assert stranger.get("/api/costs/stale").status_code == 401
    away = stranger.get("/costs/stale", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/login?next=/costs/stale"


def test_stale_page_and_its_json_twin(tmp_path: Path, store: Store) -> None:
    client, _, _ = costs_portal(tmp_path, store)
    twin = client.get("/api/costs/stale").json()
    assert twin == json.loads(read_stale_view(store, CostsQuery()).model_dump_json())
    assert {(f["kind"], f["subject"]) for f in twin["findings"]} == {
        ("unknown_project", "ghost"), ("unknown_environment", "qa"),
    }  # fmt: skip
    html = client.get("/costs/stale").text
    page = parsed(html)
    assert [svg.get("class") for svg in page.svgs] == ["chart chart-waste"]
    for f in twin["findings"]:
        assert usd(Decimal(f["monthly_waste"])) in html and f["fix"] in html
    assert "arn:aws:ec2:i-stray" in html  # the largest resources, to go and find them
    # a project only the bill knows can be asked for, as in the CLI
    ghost = client.get("/api/costs/stale", params={"project": "ghost"}).json()
    assert [f["kind"] for f in ghost["findings"]] == ["unknown_project"]
    assert client.get("/api/costs/stale", params={"project": "nobody"}).status_code == 400
    assert client.get("/api/costs/stale", params={"team": "data"}).json()["findings"] == []


def test_hostile_names_from_the_bill_stay_text(tmp_path: Path, store: Store) -> None:
    client, _, _ = costs_portal(tmp_path, store, hostile=True)
    for path in ("/costs", "/costs/stale"):
        html = client.get(path).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html  # shown, as text
        parsed(html)
    twin = client.get("/api/costs").json()
    assert HOSTILE in twin["unknown_projects"]


def test_no_bill_yet(tmp_path: Path, store: Store) -> None:
    frozen(tmp_path / "web", store)
    account(store, "ann@example.com")
    client = sign_in(client_for(store), "ann@example.com")
    html = client.get("/costs").text
    assert "No bills are imported yet" in html
    assert client.get("/api/costs").json()["billing_period"] is None
    assert "No bills are imported yet" in client.get("/costs/stale").text


def test_openapi_describes_the_json_twins(tmp_path: Path, store: Store) -> None:
    client, _, _ = costs_portal(tmp_path, store)
    spec: dict[str, Any] = client.get("/openapi.json").json()
    for path, model in (("/api/costs", "CostsView"), ("/api/costs/stale", "StaleView")):
        get = spec["paths"][path]["get"]
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith(model)
        assert {p["name"] for p in get["parameters"]} == {"project", "team", "period", "as_of"}
    assert "/costs" not in spec["paths"]  # pages are not API
    team = spec["components"]["schemas"]["TeamCosts"]["properties"]
    assert team["expected"]["type"] == "string"  # money as a decimal string, never a number
    assert cents(Decimal("1.005")) == Decimal("1.01")  # the rounding the strings carry
