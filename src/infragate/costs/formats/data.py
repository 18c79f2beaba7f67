"""The costs report as JSON-ready data: money as decimal strings (two decimals where shown,
never floats), every figure the other formats print, and the findings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from infragate.costs.allocation import Allocation, Money
from infragate.costs.forecast import Forecast
from infragate.costs.report import CostReport, ProjectCosts
from infragate.costs.spend import cents
from infragate.costs.variance import Line, Variance

SCHEMA = "infragate.costs-report/v1"


def usd(value: Decimal | None) -> str | None:
    return None if value is None else str(cents(value))


def _money(m: Money) -> dict[str, str | None]:
    return {"billed": usd(m.billed), "effective": usd(m.effective)}


def _line(line: Line) -> dict[str, Any]:
    return {
        "environment": line.environment,
        "component": line.component,
        "expected": usd(line.expected),
        "effective": usd(line.effective),
        "billed": usd(line.billed),
        "variance_pct": None if line.variance_pct is None else str(line.variance_pct),
    }


def _variance(v: Variance) -> dict[str, Any]:
    return {
        "days_compared": len(v.days),
        "first_day": v.days[0].isoformat() if v.days else None,
        "last_day": v.days[-1].isoformat() if v.days else None,
        "baseline_versions": list(v.versions),
        "expected": usd(v.expected),
        "effective": usd(v.effective),
        "billed": usd(v.billed),
        "unframed_effective": usd(v.unframed),
        "other_periods_effective": usd(v.elsewhere),
        "variance_pct": None if v.variance_pct is None else str(v.variance_pct),
        "beyond_tolerance": v.beyond,
        "drivers": [_line(line) for line in v.drivers],
        "components": [_line(line) for line in v.lines],
    }


def _forecast(f: Forecast) -> dict[str, Any]:
    return {
        "as_of": f.as_of.isoformat(),
        "days_elapsed": f.days_elapsed,
        "days_in_month": f.days_in_month,
        "month_to_date": usd(f.month_to_date),
        "linear": usd(f.linear),
        "trend": usd(f.trend),
        "trend_days": f.trend_days,
        "budget": usd(f.budget),
        "hard_limit": f.hard_limit,
        "over_budget_now": f.over_now,
        "crosses_budget": f.crosses,
    }


def _project(p: ProjectCosts) -> dict[str, Any]:
    return {
        "project": p.name,
        "state": p.state,
        "team": p.variance.team,
        "cost_center": p.variance.cost_center,
        "variance": _variance(p.variance),
        "forecast": _forecast(p.forecast),
    }


def _allocation(a: Allocation) -> dict[str, Any]:
    loose = a.unattributed
    return {
        "by": a.dimension,
        "running": _money(a.running),
        "groups": [
            {
                a.dimension: g.key,
                "running": _money(g.running),
                "other": {c: _money(m) for c, m in g.other.items()},
            }
            for g in a.groups
        ],
        "other": {c: _money(m) for c, m in a.other.items()},
        "total": _money(a.total),
        "unattributed": {
            "billed": usd(loose.billed),
            "effective": usd(loose.effective),
            "share_pct": None if loose.share_pct is None else str(loose.share_pct),
            "top_resources": [
                {
                    "resource_id": r.resource_id,
                    "resource_name": r.resource_name,
                    "service": r.service,
                    "project": r.project,
                    "environment": r.environment,
                    "effective": usd(r.effective),
                    "billed": usd(r.billed),
                }
                for r in loose.top
            ],
        },
    }


def report_data(r: CostReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "scope": r.scope,
        "billing_period": r.period.isoformat()[:7],
        "as_of": r.as_of.isoformat(),
        "tolerance_pct": str(r.tolerance_pct),
        "teams": [
            {
                "team": team,
                "cost_center": center,
                "expected": usd(sum((p.variance.expected for p in ps), Decimal(0))),
                "effective": usd(sum((p.variance.effective for p in ps), Decimal(0))),
                "billed": usd(sum((p.variance.billed for p in ps), Decimal(0))),
                "projects": [p.name for p in ps],
            }
            for (team, center), ps in r.teams()
        ],
        "projects": [_project(p) for p in r.projects],
        "unknown_projects": {name: usd(v) for name, v in r.unknown.items()},
        "allocation": _allocation(r.allocation),
        "findings": [
            {
                "rule": f.rule.id,
                "slug": f.rule.slug,
                "level": f.rule.level,
                "project": f.project,
                "message": f.message,
                "fix": f.rule.fix,
            }
            for f in r.findings
        ],
        "exit_code": r.exit_code,
    }
