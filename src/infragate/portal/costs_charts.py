"""The Costs page's charts, drawn from its data (costs_models.CostsView) and nothing else: the
picture can show no figure the JSON twin does not carry."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from pydantic import BaseModel, ConfigDict

from infragate.portal.charts import Amount, Pair, estimate_vs_actual
from infragate.portal.charts import waste_bars as draw_waste
from infragate.portal.costs_models import BudgetForecast, CostsView, StaleItem
from infragate.portal.spend_chart import DayPoint, MonthSpend, month_spend

_UNSAFE = re.compile(r"[^a-z0-9]+")


class SpendChart(BaseModel):
    model_config = ConfigDict(frozen=True)

    project: str
    svg: str


class CostCharts(BaseModel):
    """SVG text of each chart, for the page to embed as it is."""

    model_config = ConfigDict(frozen=True)

    teams: str
    cost_centers: str
    projects: str
    environments: str
    stale: str
    spend: list[SpendChart]  # one per project asked for


def _key(prefix: str, index: int, name: str) -> str:
    """An element id for a chart: from a constant and a counter, with a readable tail that
    cannot carry anything but [a-z0-9-] (names are untrusted)."""
    tail = _UNSAFE.sub("-", name.lower()).strip("-")[:24]
    return f"{prefix}-{index}" + (f"-{tail}" if tail else "")


def spend_chart(budget: BudgetForecast, key: str) -> str:
    series = MonthSpend(
        label=budget.project,
        as_of=budget.as_of,
        days=[DayPoint(d.day, d.effective, d.month_to_date) for d in budget.daily],
        linear=budget.linear,
        trend=budget.trend,
        budget=budget.budget,
        hard_limit=budget.hard_limit,
    )
    return month_spend(key, f"{budget.project}: spend this month against the budget", series)


def stale_chart(items: Sequence[StaleItem], period: str) -> str:
    return draw_waste(
        "costs-stale",
        f"Stale spend: monthly waste, {period}",
        [
            Amount(f"{s.subject} ({s.project}, {s.kind})", s.monthly_waste, s.currency)
            if s.subject != s.project
            else Amount(f"{s.project} ({s.kind})", s.monthly_waste, s.currency)
            for s in items
        ],
        period=period,
    )


def cost_charts(view: CostsView, spend_for: Collection[str] | None = None) -> CostCharts:
    """Every chart of `view`; month-spend charts for the projects in `spend_for` (default:
    every project shown with a budget, or the one project asked for)."""
    period = view.billing_period or ""
    wanted = (
        spend_for
        if spend_for is not None
        else {b.project for b in view.budgets if b.budget is not None or view.project}
    )
    return CostCharts(
        teams=estimate_vs_actual(
            "costs-teams",
            f"Estimate vs actual by team, {period}",
            [Pair(f"{t.team} · {t.cost_center}", t.expected, t.effective) for t in view.teams],
            what="team",
        ),
        cost_centers=estimate_vs_actual(
            "costs-cost-centres",
            f"Estimate vs actual by cost centre, {period}",
            [Pair(c.cost_center, c.expected, c.effective) for c in view.cost_centers],
            what="cost centre",
        ),
        projects=estimate_vs_actual(
            "costs-projects",
            f"Estimate vs actual by project, {period}",
            [Pair(p.project, p.expected, p.effective) for p in view.projects],
            what="project",
        ),
        environments=estimate_vs_actual(
            "costs-environments",
            f"Estimate vs actual by environment, {period}",
            [Pair(e.environment, e.expected, e.effective) for e in view.environments],
            what="environment",
        ),
        stale=stale_chart(view.stale, period),
        spend=[
            SpendChart(project=b.project, svg=spend_chart(b, _key("costs-spend", i, b.project)))
            for i, b in enumerate(view.budgets)
            if b.project in wanted
        ],
    )
