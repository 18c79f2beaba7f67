"""The stale-spend page's data: what `costs stale` finds (stale.find_stale, the CLI's call)
for one project or every one, with each finding's monthly waste and largest resources.

The billing period is chosen as the Costs page chooses it (the latest a bill reaches into,
unless asked for), so both pages show the same month.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from infragate.costs.inputs import BillInputs, read_inputs
from infragate.costs.report import choose_dates
from infragate.costs.spend import cents
from infragate.costs.stale import StaleFinding, StaleReport, find_stale
from infragate.costs.stale_kinds import FIXES, TITLES
from infragate.errors import UsageError
from infragate.portal.costs_models import StaleItem, StaleResource, StaleView
from infragate.portal.costs_query import (
    NO_BILLS,
    NO_TEAM,
    CostsQuery,
    check_period,
    check_team,
    filters_of,
)
from infragate.store.engine import Store


def read_stale_view(store: Store, query: CostsQuery) -> StaleView:
    return stale_view(read_inputs(store), query)


def stale_view(inputs: BillInputs, query: CostsQuery) -> StaleView:
    """The stale-spend page of `query`: the billing period chosen as the Costs page chooses
    it, then `costs stale`'s findings. A project only the bill knows (tag `project` naming
    no project in the store) can be asked for, as in the CLI."""
    check_period(query.period)
    filters = filters_of(inputs)
    check_team(query.team, filters)
    asked = query.project
    billed = asked is not None and any(f.project == asked for f in inputs.facts)
    if asked is not None and asked not in inputs.projects and not billed:
        known = ", ".join(sorted(inputs.projects)) or "none"
        raise UsageError(
            f"project {asked}: not in the store (projects: {known}) and no spend tagged with it"
        )
    if not inputs.facts:
        return StaleView(
            project=asked,
            team=query.team,
            billing_period=None,
            covered_from=None,
            covered_to=None,
            notice=NO_BILLS,
            filters=filters,
        )
    start, _ = choose_dates(inputs.facts, query.period, query.as_of)
    month = start.isoformat()[:7]
    report = find_stale(inputs.facts, inputs.projects, inputs.retired_at, inputs.top, month, asked)
    team = None
    if query.team is not None:  # the projects whose latest baseline names the team
        team = {
            name
            for name, frames in inputs.projects.items()
            if ((frames.latest and frames.latest.team) or NO_TEAM) == query.team
        }
    findings, waste = stale_of(report, team)
    return StaleView(
        project=asked,
        team=query.team,
        billing_period=report.period,
        covered_from=report.coverage.first_day,
        covered_to=report.coverage.last_day,
        findings=findings,
        monthly_waste=waste,
        filters=filters,
    )


def stale_of(
    report: StaleReport, projects: set[str] | None
) -> tuple[list[StaleItem], dict[str, Decimal]]:
    """The findings of `projects` (None: all, unknown projects too) and their monthly waste
    per currency."""
    kept = [f for f in report.findings if projects is None or f.project in projects]
    waste: dict[str, Decimal] = defaultdict(Decimal)
    for f in kept:
        waste[f.currency] += f.monthly_waste
    return [_stale(f) for f in kept], {c: cents(v) for c, v in sorted(waste.items())}


def _stale(f: StaleFinding) -> StaleItem:
    return StaleItem(
        kind=str(f.kind),
        title=TITLES[f.kind],
        project=f.project,
        environment=f.environment,
        subject=f.subject,
        currency=f.currency,
        monthly_waste=cents(f.monthly_waste),
        spend=cents(f.spend),
        hours=f.hours,
        still_billing=f.still_billing,
        reason=f.reason,
        fix=FIXES[f.kind],
        components=list(f.components),
        top_resources=[
            StaleResource(
                resource_id=t.resource_id,
                resource_name=t.resource_name,
                service=t.service,
                component=t.component,
                effective=cents(t.effective),
            )
            for t in f.top
        ],
    )
