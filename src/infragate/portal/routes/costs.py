"""The Costs pages (issue 16, item 5) and their JSON twins: estimate vs actual per team,
cost centre, project and environment with budgets, forecasts and right-sizing (/costs,
/api/costs), and stale spend with its monthly waste (/costs/stale, /api/costs/stale).

Thin doors over portal.costs_view and portal.stale_view, which call what `costs report`,
`costs stale` and `costs rightsize` call. Any signed-in person may read them, as anyone with
the store may run those commands: the cost dashboard is for everyone who asks for
infrastructure. Filters come in the query string, so a view is a link someone can share.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from markupsafe import Markup

from infragate.portal.costs_charts import CostCharts, cost_charts, stale_chart
from infragate.portal.costs_models import CostsView, StaleView
from infragate.portal.costs_query import CostsQuery
from infragate.portal.costs_view import read_costs_view
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import signed_in
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.stale_view import read_stale_view
from infragate.portal.state import portal_of
from infragate.portal.svg import money, usd
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]
# Beyond this many projects the page draws month-spend charts only for those whose forecast
# crosses their budget: a hundred line charts is a page nobody reads (the table has all).
MAX_SPEND_CHARTS = 12


def costs_query(
    project: Annotated[
        str | None, Query(max_length=200, description="One project (default: every project).")
    ] = None,
    team: Annotated[
        str | None, Query(max_length=200, description="One team's projects (default: all).")
    ] = None,
    period: Annotated[
        str | None,
        Query(max_length=7, description="Billing month YYYY-MM (default: the latest billed)."),
    ] = None,
    as_of: Annotated[
        date | None,
        Query(description="Today, YYYY-MM-DD (default: the last day with spend), as --as-of."),
    ] = None,
) -> CostsQuery:
    # a form's "all" option sends an empty value: the same as leaving the filter out
    return CostsQuery(
        project=project or None, team=team or None, period=period or None, as_of=as_of
    )


Filter = Annotated[CostsQuery, Depends(costs_query)]


def spend_charts_for(view: CostsView) -> set[str]:
    """The projects whose month-spend chart the page draws."""
    budgets = [b for b in view.budgets if b.budget is not None or view.project]
    if len(budgets) > MAX_SPEND_CHARTS:
        budgets = [b for b in budgets if b.crosses_budget or b.over_budget_now]
    return {b.project for b in budgets}


def _svg(charts: CostCharts) -> dict[str, object]:
    """The charts as markup for the template. Safe to embed: charts.py builds them from
    numbers and escapes every label (names from bills are untrusted)."""
    return {
        "teams": Markup(charts.teams),
        "cost_centers": Markup(charts.cost_centers),
        "projects": Markup(charts.projects),
        "environments": Markup(charts.environments),
        "stale": Markup(charts.stale),
        "spend": [(c.project, Markup(c.svg)) for c in charts.spend],
    }


@router.get("/costs", include_in_schema=False)
def costs_page(request: Request, user: Person, query: Filter) -> Response:
    view = read_costs_view(portal_of(request).store, query)
    charts = cost_charts(view, spend_for=spend_charts_for(view))
    return page(request, "costs.html.j2", view=view, charts=_svg(charts), usd=usd, money=money)


@router.get("/api/costs", response_model=CostsView, summary="Costs: estimate vs actual")
def api_costs(request: Request, user: Person, query: Filter) -> CostsView:
    """Estimate vs actual per team, cost centre, project and environment; budgets and
    forecasts; stale spend; right-sizing candidates; findings. Money as decimal strings."""
    return read_costs_view(portal_of(request).store, query)


@router.get("/costs/stale", include_in_schema=False)
def stale_page(request: Request, user: Person, query: Filter) -> Response:
    view = read_stale_view(portal_of(request).store, query)
    chart = stale_chart(view.findings, view.billing_period or "")
    return page(
        request, "costs_stale.html.j2", view=view, chart=Markup(chart), usd=usd, money=money
    )


@router.get("/api/costs/stale", response_model=StaleView, summary="Costs: stale spend")
def api_stale(request: Request, user: Person, query: Filter) -> StaleView:
    """Spend that should not exist (what `costs stale` finds), each with its monthly waste."""
    return read_stale_view(portal_of(request).store, query)
