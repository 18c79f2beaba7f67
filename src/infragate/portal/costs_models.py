"""The Costs page as data (the JSON twin's response model, described by the OpenAPI
document): estimate vs actual per team, cost centre, project and environment, budgets and
forecasts, stale spend, right-sizing candidates and findings.

Money is Decimal rounded to the cent and serialised as a decimal string, as the CLI's
`costs report --format json` carries it (never a float); percentages are decimal strings too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

SCHEMA = "infragate.portal.costs/v1"
STALE_SCHEMA = "infragate.portal.costs-stale/v1"

# Money to the cent, as a decimal string in JSON (the CLI's `costs report --format json`).
Money = Annotated[Decimal, PlainSerializer(str, return_type=str, when_used="json")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Comparison(_Model):
    """Estimate (the frozen frames, pro rata for the days compared) vs actual running spend."""

    expected: Money
    effective: Money
    billed: Money
    variance_pct: Decimal | None  # None: nothing was expected


class TeamCosts(Comparison):
    team: str
    cost_center: str
    projects: list[str]


class CostCentreCosts(Comparison):
    cost_center: str
    teams: list[str]
    projects: list[str]


class EnvironmentCosts(Comparison):
    environment: str
    projects: list[str]


class Driver(Comparison):
    environment: str
    component: str


class ProjectCostsRow(Comparison):
    project: str
    state: str
    team: str | None
    cost_center: str | None
    days_compared: int
    baseline_versions: list[int]
    unframed_effective: Money
    beyond_tolerance: bool
    drivers: list[Driver]


class DaySpend(_Model):
    day: date
    effective: Money  # running spend that day
    month_to_date: Money  # summed before rounding: the last day's is the forecast's


class BudgetForecast(_Model):
    project: str
    as_of: date
    days_elapsed: int
    days_in_month: int
    month_to_date: Money
    linear: Money
    trend: Money | None
    trend_days: int
    budget: Money | None
    hard_limit: bool
    over_budget_now: bool
    crosses_budget: bool
    daily: list[DaySpend]  # every day from the 1st to as_of


class StaleResource(_Model):
    resource_id: str
    resource_name: str | None
    service: str | None
    component: str | None
    effective: Money  # in the billing period


class StaleItem(_Model):
    kind: str
    title: str
    project: str
    environment: str | None
    subject: str
    currency: str
    monthly_waste: Money
    spend: Money
    hours: Decimal
    still_billing: bool
    reason: str
    fix: str
    components: list[str]
    top_resources: list[StaleResource]  # the largest, where the import kept them


class RightsizeItem(_Model):
    project: str
    environment: str
    component: str
    kind: str
    size: str | None
    count: int
    billed_count: Money | None
    expected: Money
    actual: Money
    basis: str
    drift: bool
    over_provisioned: bool
    smaller_size: str | None


class Finding(_Model):
    rule: str
    slug: str
    level: str
    project: str | None
    message: str
    fix: str


class Unattributed(_Model):
    effective: Money
    billed: Money
    share_pct: Decimal | None


class Filters(_Model):
    """What the page's filters offer: the store's projects and teams, the billed periods."""

    projects: list[str]
    teams: list[str]
    periods: list[str]


class CostsView(_Model):
    schema_id: str = SCHEMA
    project: str | None
    team: str | None
    billing_period: str | None  # YYYY-MM; None: no bill imported
    as_of: date | None
    tolerance_pct: Decimal
    notice: str | None = None
    teams: list[TeamCosts] = []
    cost_centers: list[CostCentreCosts] = []
    projects: list[ProjectCostsRow] = []
    environments: list[EnvironmentCosts] = []
    budgets: list[BudgetForecast] = []
    stale: list[StaleItem] = []
    stale_monthly_waste: dict[str, Money] = {}  # per currency
    rightsize: list[RightsizeItem] = []
    findings: list[Finding] = []
    unattributed: Unattributed | None = None
    unknown_projects: dict[str, Money] = {}
    exit_code: int = 0  # what `costs report` would exit with: 1 when a hard budget is exceeded
    filters: Filters


class StaleView(_Model):
    """The stale-spend page: what `costs stale` finds, with each finding's monthly waste."""

    schema_id: str = STALE_SCHEMA
    project: str | None
    team: str | None
    billing_period: str | None  # YYYY-MM; None: no bill imported
    covered_from: date | None
    covered_to: date | None
    notice: str | None = None
    findings: list[StaleItem] = []
    monthly_waste: dict[str, Money] = {}  # per currency
    filters: Filters
