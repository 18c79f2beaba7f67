"""The tables of the costs report as rows of text, shared by the terminal and Markdown:
each format only decides how a table is drawn."""

from __future__ import annotations

from decimal import Decimal

from infragate.costs.report import CostReport
from infragate.costs.spend import cents


def usd(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"-${cents(-value):,}" if value < 0 else f"${cents(value):,}"


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:+} %"


def _apart(unframed: Decimal, elsewhere: Decimal) -> str:
    """Running spend of the project not compared with a frame, said beside its actual."""
    notes = [f"+{usd(unframed)} before a baseline"] if unframed else []
    notes += [f"+{usd(elsewhere)} for other periods"] if elsewhere else []
    return f" ({', '.join(notes)})" if notes else ""


PROJECT_HEAD = (
    "Team",
    "Cost centre",
    "Project",
    "Days",
    "Expected",
    "Actual (effective)",
    "Billed",
    "Variance",
    "Month to date",
    "Forecast linear",
    "Forecast trend",
    "Budget",
)


def project_rows(r: CostReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for (team, center), projects in r.teams():
        for p in projects:
            v, f = p.variance, p.forecast
            budget = usd(f.budget) + (" hard" if f.hard_limit and f.budget is not None else "")
            rows.append(
                (
                    team,
                    center,
                    p.name,
                    str(len(v.days)),
                    usd(v.expected),
                    usd(v.effective) + _apart(v.unframed, v.elsewhere),
                    usd(v.billed),
                    pct(v.variance_pct),
                    usd(f.month_to_date),
                    usd(f.linear),
                    usd(f.trend),
                    budget,
                )
            )
        if r.scope is None:
            expected = sum((p.variance.expected for p in projects), Decimal(0))
            actual = sum((p.variance.effective for p in projects), Decimal(0))
            billed = sum((p.variance.billed for p in projects), Decimal(0))
            rows.append(
                (team, center, "total", "", usd(expected), usd(actual), usd(billed)) + ("",) * 5
            )
    return rows


COMPONENT_HEAD = (
    "Environment",
    "Component",
    "Expected",
    "Actual (effective)",
    "Billed",
    "Variance",
)


def component_rows(r: CostReport) -> list[tuple[str, ...]]:
    """The lines of a single project's variance (a report for one project)."""
    if r.scope is None or not r.projects:
        return []
    return [
        (
            line.environment,
            line.component,
            usd(line.expected),
            usd(line.effective),
            usd(line.billed),
            pct(line.variance_pct),
        )
        for line in r.projects[0].variance.lines
    ]


def allocation_head(r: CostReport) -> tuple[str, ...]:
    return (r.allocation.dimension.replace("_", " ").capitalize(), "Effective", "Billed", "Share")


def allocation_rows(r: CostReport) -> list[tuple[str, ...]]:
    a = r.allocation
    total = a.running.effective
    rows: list[tuple[str, ...]] = [
        (
            g.key or f"(no {a.dimension.replace('_', ' ')})",
            usd(g.running.effective),
            usd(g.running.billed),
            f"{cents(g.running.effective / total * 100)} %" if total else "—",
        )
        for g in a.groups
        if g.running.effective or g.running.billed
    ]
    rows.append(("running spend (Usage, Purchase)", usd(total), usd(a.running.billed), ""))
    for category, money in a.other.items():
        rows.append((category, usd(money.effective), usd(money.billed), ""))
    rows.append(("total", usd(a.total.effective), usd(a.total.billed), ""))
    return rows


def unknown_rows(r: CostReport) -> list[tuple[str, str]]:
    return [(name, usd(v)) for name, v in r.unknown.items()]


def unattributed_line(r: CostReport) -> str:
    loose = r.allocation.unattributed
    share = "—" if loose.share_pct is None else f"{loose.share_pct} %"
    return (
        f"Unattributed (no project or environment tag): {usd(loose.effective)} effective, "
        f"{usd(loose.billed)} billed, {share} of running spend"
    )


# The store keeps the top resources per billing period, not per day: --as-of does not cut them.
TOP_TITLE = "Largest unattributed resources (whole billing period)"
TOP_HEAD = ("Resource", "Name", "Service", "Effective")


def top_rows(r: CostReport) -> list[tuple[str, ...]]:
    return [
        (t.resource_id, t.resource_name or "", t.service or "", usd(t.effective))
        for t in r.allocation.unattributed.top
    ]


def headline(r: CostReport) -> str:
    scope = r.scope or f"all projects ({len(r.projects)})"
    return (
        f"Costs of {scope}, billing period {r.period.isoformat()[:7]}, as of {r.as_of} "
        f"(tolerance {r.tolerance_pct} %)"
    )


def summary(r: CostReport) -> str:
    if not r.findings:
        return "No findings: spend is within the frames and budgets."
    n = len(r.findings)
    hard = " — a hard budget is exceeded (exit 1)" if r.exit_code else ""
    return f"{n} finding{'s' if n != 1 else ''}{hard}"
