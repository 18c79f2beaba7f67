"""The Costs page's data: estimate vs actual per team, cost centre, project and environment,
stale spend with its monthly waste, budgets and forecasts, right-sizing candidates, and the
findings, for one project or every project.

A thin door: the figures come from the same core calls the CLI makes (`costs report`:
`report.build`; `costs stale`: `stale.find_stale`; `costs rightsize`:
`rightsizing.rightsize`), over the same store reads (`inputs.read_inputs`), so the page and
`costs report --format json` agree to the cent. The models are in costs_models.py.

The team filter narrows the every-project view to one team's projects; spend of no project
(unattributed, unknown projects, COST004) belongs to no team and is left out under it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any, TypeVar

from infragate.costs.forecast import daily_spend
from infragate.costs.inputs import BillInputs, read_inputs
from infragate.costs.model import Fact
from infragate.costs.report import CostReport, ProjectCosts, build
from infragate.costs.rightsizing import THRESHOLD, ComponentActuals, RightsizeReport, rightsize
from infragate.costs.spend import cents, share_pct
from infragate.costs.stale import StaleReport, find_stale
from infragate.costs.variance import Variance
from infragate.portal.costs_models import (
    BudgetForecast,
    Comparison,
    CostCentreCosts,
    CostsView,
    DaySpend,
    Driver,
    EnvironmentCosts,
    Filters,
    Finding,
    ProjectCostsRow,
    RightsizeItem,
    TeamCosts,
    Unattributed,
)
from infragate.portal.costs_query import (
    NO_BILLS,
    NO_TEAM,
    CostsQuery,
    check_period,
    check_team,
    filters_of,
)
from infragate.portal.stale_view import stale_of
from infragate.store.engine import Store

NO_COST_CENTRE = "(no cost centre)"


@dataclass(frozen=True)
class CostPolicy:
    """The catalog's thresholds the CLI reads: variance tolerance and right-sizing."""

    tolerance_pct: Decimal
    below_pct: Decimal
    sizes: Mapping[str, list[str]]

    @classmethod
    def from_catalog(cls) -> CostPolicy:
        from infragate.catalog.loader import load_catalog

        catalog = load_catalog()
        return cls(
            catalog.threshold("cost_variance_pct"),
            catalog.threshold(THRESHOLD),
            {kind: [s.name for s in c.sizes] for kind, c in catalog.components.items()},
        )


def read_costs_view(store: Store, query: CostsQuery, policy: CostPolicy | None = None) -> CostsView:
    return costs_view(read_inputs(store), query, policy or CostPolicy.from_catalog())


def costs_view(inputs: BillInputs, query: CostsQuery, policy: CostPolicy) -> CostsView:
    """The page of `query` over what the store holds; UsageError for a project the store
    does not know or a period without a bill, as the CLI."""
    check_period(query.period)
    filters = filters_of(inputs)
    check_team(query.team, filters)
    if not inputs.facts:
        return CostsView(
            project=query.project,
            team=query.team,
            billing_period=None,
            as_of=None,
            tolerance_pct=policy.tolerance_pct,
            notice=NO_BILLS,
            filters=filters,
        )
    report = build(
        inputs.facts,
        inputs.top,
        inputs.projects,
        project=query.project,
        by=None,
        period=query.period,
        as_of=query.as_of,
        tolerance_pct=policy.tolerance_pct,
    )
    month = report.period.isoformat()[:7]
    stale = find_stale(
        inputs.facts, inputs.projects, inputs.retired_at, inputs.top, month, query.project
    )
    sized = rightsize(
        inputs.facts, inputs.projects, policy.sizes, policy.below_pct, month, query.project
    )
    return _view(report, stale, sized, inputs, query, policy, filters)


def _view(
    report: CostReport,
    stale: StaleReport,
    sized: RightsizeReport,
    inputs: BillInputs,
    query: CostsQuery,
    policy: CostPolicy,
    filters: Filters,
) -> CostsView:
    projects = [p for p in report.projects if _in_team(p, query.team)]
    names = {p.name for p in projects}
    whole = query.team is None  # spend of no project belongs to no team
    stale_items, waste = stale_of(stale, None if whole else names)
    findings = [
        Finding(
            rule=f.rule.id,
            slug=f.rule.slug,
            level=f.rule.level,
            project=f.project,
            message=f.message,
            fix=f.rule.fix,
        )
        for f in report.findings
        if (f.project in names if f.project is not None else whole)
    ]
    loose = report.allocation.unattributed
    facts_of: dict[str | None, list[Fact]] = defaultdict(list)
    for fact in inputs.facts:  # once, not once per project
        if fact.project in names:
            facts_of[fact.project].append(fact)
    return CostsView(
        project=query.project,
        team=query.team,
        billing_period=report.period.isoformat()[:7],
        as_of=report.as_of,
        tolerance_pct=policy.tolerance_pct,
        teams=_teams(report, names),
        cost_centers=_cost_centres(projects),
        projects=[_project(p) for p in projects],
        environments=_environments(projects),
        budgets=[_budget(p, facts_of[p.name]) for p in projects],
        stale=stale_items,
        stale_monthly_waste=waste,
        rightsize=[_rightsize(c) for c in sized.findings if c.project in names],
        findings=findings,
        unattributed=Unattributed(
            effective=cents(loose.effective), billed=cents(loose.billed), share_pct=loose.share_pct
        )
        if whole
        else None,
        unknown_projects={n: cents(v) for n, v in report.unknown.items()} if whole else {},
        # as `costs report` exits over what is shown: 1 when a hard budget is exceeded
        exit_code=1 if any(f.level == "error" for f in findings) else 0,
        filters=filters,
    )


def _in_team(p: ProjectCosts, team: str | None) -> bool:
    return team is None or (p.variance.team or NO_TEAM) == team


C = TypeVar("C", bound=Comparison)


def _compared(
    cls: type[C], expected: Decimal, effective: Decimal, billed: Decimal, **fields: Any
) -> C:
    """A row of `cls` with its estimate vs actual to the cent (sums rounded once, as the
    CLI's JSON rounds them)."""
    return cls(
        expected=cents(expected),
        effective=cents(effective),
        billed=cents(billed),
        variance_pct=share_pct(effective - expected, expected),
        **fields,
    )


def _summed(cls: type[C], variances: Iterable[Variance], **fields: Any) -> C:
    items = list(variances)
    return _compared(
        cls,
        sum((v.expected for v in items), Decimal(0)),
        sum((v.effective for v in items), Decimal(0)),
        sum((v.billed for v in items), Decimal(0)),
        **fields,
    )


def _teams(report: CostReport, names: set[str]) -> list[TeamCosts]:
    out = []
    for (team, centre), group in report.teams():
        mine = [p for p in group if p.name in names]
        if mine:
            out.append(
                _summed(
                    TeamCosts,
                    (p.variance for p in mine),
                    team=team,
                    cost_center=centre,
                    projects=[p.name for p in mine],
                )
            )
    return out


def _cost_centres(projects: list[ProjectCosts]) -> list[CostCentreCosts]:
    grouped: dict[str, list[ProjectCosts]] = defaultdict(list)
    for p in projects:
        grouped[p.variance.cost_center or NO_COST_CENTRE].append(p)
    return [
        _summed(
            CostCentreCosts,
            (p.variance for p in group),
            cost_center=centre,
            teams=sorted({p.variance.team or NO_TEAM for p in group}),
            projects=[p.name for p in group],
        )
        for centre, group in sorted(grouped.items())
    ]


def _environments(projects: list[ProjectCosts]) -> list[EnvironmentCosts]:
    """Per environment name, over the projects shown (one project: its environments)."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    owners: dict[str, set[str]] = defaultdict(set)
    for p in projects:
        for line in p.variance.lines:
            total = sums[line.environment]
            total[0] += line.expected
            total[1] += line.effective
            total[2] += line.billed
            owners[line.environment].add(p.name)
    return [
        _compared(EnvironmentCosts, *sums[env], environment=env, projects=sorted(owners[env]))
        for env in sorted(sums)
    ]


def _project(p: ProjectCosts) -> ProjectCostsRow:
    v = p.variance
    return _compared(
        ProjectCostsRow,
        v.expected,
        v.effective,
        v.billed,
        project=p.name,
        state=p.state,
        team=v.team,
        cost_center=v.cost_center,
        days_compared=len(v.days),
        baseline_versions=list(v.versions),
        unframed_effective=cents(v.unframed),
        beyond_tolerance=v.beyond,
        drivers=[
            _compared(
                Driver,
                d.expected,
                d.effective,
                d.billed,
                environment=d.environment,
                component=d.component,
            )
            for d in v.drivers
        ],
    )


def _budget(p: ProjectCosts, facts: list[Fact]) -> BudgetForecast:
    f = p.forecast
    spent = daily_spend(facts, p.name)
    days, to_date, day = [], Decimal(0), f.as_of.replace(day=1)
    while day <= f.as_of:  # every day, so the month-to-date line has no holes
        to_date += spent.get(day, Decimal(0))
        days.append(
            DaySpend(
                day=day, effective=cents(spent.get(day, Decimal(0))), month_to_date=cents(to_date)
            )
        )
        day += timedelta(days=1)
    return BudgetForecast(
        project=p.name,
        as_of=f.as_of,
        days_elapsed=f.days_elapsed,
        days_in_month=f.days_in_month,
        month_to_date=cents(f.month_to_date),
        linear=cents(f.linear),
        trend=None if f.trend is None else cents(f.trend),
        trend_days=f.trend_days,
        budget=None if f.budget is None else cents(f.budget),
        hard_limit=f.hard_limit,
        over_budget_now=f.over_now,
        crosses_budget=f.crosses,
        daily=days,
    )


def _rightsize(c: ComponentActuals) -> RightsizeItem:
    billed = c.billed_count
    return RightsizeItem(
        project=c.project,
        environment=c.environment,
        component=c.component,
        kind=c.kind,
        size=c.size,
        count=c.count,
        billed_count=None if billed is None else cents(billed),
        expected=cents(c.expected),
        actual=cents(c.actual),
        basis=c.basis,
        drift=c.drift,
        over_provisioned=c.over_provisioned,
        smaller_size=c.smaller_size,
    )
