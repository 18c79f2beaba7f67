"""`infragate costs report`: one billing period of one project or of every project in the
store, assembled from facts and frames (pure; the CLI reads the store and prints).

For each project: estimate vs actual (variance.py) and month to date with the forecast
against the budget (forecast.py); for the scope: spend by one dimension and the unattributed
share (allocation.py), and spend of projects the store does not know. What needs someone's
attention is a finding with a rule id, the same in every format:

COST001 variance beyond the tolerance, COST002 the forecast crosses the budget, COST003 the
month to date already exceeds a hard budget (exit 1), COST004 unattributed spend above its
share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from infragate.costs.allocation import UNATTRIBUTED_MAX_PCT, Allocation, allocate
from infragate.costs.forecast import Forecast, forecast
from infragate.costs.frames import ProjectFrames
from infragate.costs.model import Fact, TopResource
from infragate.costs.spend import (
    cents,
    covered_until,
    period_start,
    require_frame_currency,
    running,
)
from infragate.costs.variance import Variance, drivers_text, variance
from infragate.errors import UsageError

LOCK = "infra/baseline.lock.json"  # where a project's frame is, relative to its repository


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    title: str
    level: str  # SARIF level: error stops the pipeline (exit 1), warning does not
    fix: str
    why: str


RULES = (
    Rule(
        "COST001",
        "cost-variance",
        "Actual running spend differs from the frozen cost frame beyond the tolerance",
        "warning",
        "Look at the components named: remove spend nobody planned, or propose a change "
        "request whose new frame the budget owner approves.",
        (
            "The budget owner approved the frame, not the bill: a month beyond the tolerance "
            "(catalog cost_variance_pct) either has a cause nobody planned or shows that the "
            "frame's assumptions no longer hold. Clients question costs after deployment when "
            "nobody can say which component moved."
        ),
    ),
    Rule(
        "COST002",
        "budget-forecast",
        "The forecast to month end crosses the project's budget",
        "warning",
        "Tell the budget owner now, and cut or schedule what drives the growth before the "
        "month ends.",
        (
            "A budget crossed at month end is known weeks before: the month to date and the trend"
            " of the last two weeks say so while there is still time to act."
        ),
    ),
    Rule(
        "COST003",
        "hard-budget-exceeded",
        "Month-to-date spend already exceeds a hard budget",
        "error",
        "Stop or scale down what the budget does not cover; a hard budget is not exceeded "
        "without the budget owner's decision.",
        ("A hard budget is a limit the brief set; spend past it is a decision nobody took."),
    ),
    Rule(
        "COST004",
        "unattributed-spend",
        f"More than {UNATTRIBUTED_MAX_PCT} % of running spend has no project or environment tag",
        "warning",
        "Tag the resources listed (infragate renders the tags; resources created by hand "
        "lack them), or delete them.",
        (
            "Spend without infragate's tags cannot be allocated to a project, team or cost "
            "centre; it is the spend nobody owns and nobody stops."
        ),
    ),
)
RULE = {r.id: r for r in RULES}


@dataclass(frozen=True)
class Finding:
    rule: Rule
    project: str | None
    message: str


@dataclass(frozen=True)
class ProjectCosts:
    name: str
    state: str
    variance: Variance
    forecast: Forecast


@dataclass(frozen=True)
class CostReport:
    scope: str | None  # the project asked for; None: every project in the store
    period: date
    as_of: date
    tolerance_pct: Decimal
    projects: tuple[ProjectCosts, ...]  # by team, cost centre, name
    unknown: Mapping[str, Decimal]  # running effective spend of projects not in the store
    allocation: Allocation
    findings: tuple[Finding, ...]

    @property
    def exit_code(self) -> int:
        return 1 if any(f.rule.level == "error" for f in self.findings) else 0

    def teams(self) -> list[tuple[tuple[str, str], list[ProjectCosts]]]:
        """Projects grouped by (team, cost centre), as the manager's monthly view shows them."""
        grouped: dict[tuple[str, str], list[ProjectCosts]] = defaultdict(list)
        for p in self.projects:
            key = (p.variance.team or "(no team)", p.variance.cost_center or "(no cost centre)")
            grouped[key].append(p)
        return sorted(grouped.items())


def choose_dates(
    facts: Sequence[Fact], period: str | None, as_of: date | None
) -> tuple[date, date]:
    """The billing period shown and "today": the latest with data unless asked for."""
    if not facts:
        raise UsageError("no bills are imported: run 'infragate costs import FILE...' first")
    covered = covered_until(facts)
    if period is not None:
        start = period_start(period)
    elif as_of is not None:
        start = as_of.replace(day=1)
    else:  # the latest period with charges on its own days
        start = date.fromisoformat(max(covered or {f.billing_period for f in facts}))
    if as_of is None:
        key = str(start)
        if key not in covered:
            billed = sorted({f.billing_period[:7] for f in facts})
            why = (
                "its bill has no charges dated in it yet" if key[:7] in billed else "no bill for it"
            )
            raise UsageError(
                f"--period {key[:7]}: {why}; imported: {', '.join(billed)} "
                "(--as-of DATE picks a day)"
            )
        as_of = covered[key]
    return start, as_of


def build(
    facts: Sequence[Fact],
    top: Sequence[TopResource],
    frames: Mapping[str, ProjectFrames],
    *,
    project: str | None,
    by: str | None,
    period: str | None,
    as_of: date | None,
    tolerance_pct: Decimal,
) -> CostReport:
    if project is not None and project not in frames:
        known = ", ".join(sorted(frames)) or "none"
        raise UsageError(f"--project {project}: not in the store (projects: {known})")
    start, today = choose_dates(facts, period, as_of)
    covered = covered_until(f for f in facts if date.fromisoformat(f.day) <= today)
    until = covered.get(str(start))
    in_period = [f for f in facts if f.billing_period == str(start) and f.day <= str(today)]
    scoped = in_period if project is None else [f for f in in_period if f.project == project]
    require_frame_currency(scoped, "costs report")
    # every project with a frame or with spend this period (a draft never frozen and never
    # billed is not part of the monthly view)
    spending = {f.project for f in in_period}
    names = (
        [project]
        if project is not None
        else sorted(n for n in frames if frames[n].frames or n in spending)
    )
    by_project: dict[str | None, list[Fact]] = defaultdict(list)
    for fact in facts:  # once, not once per project: a store holds many projects
        by_project[fact.project].append(fact)
    projects = [
        ProjectCosts(
            name,
            frames[name].state,
            variance(frames[name], start, by_project[name], until, tolerance_pct),
            forecast(frames[name], by_project[name], today),
        )
        for name in names
    ]
    projects.sort(key=lambda p: (p.variance.team or "~", p.variance.cost_center or "~", p.name))
    unknown: dict[str, Decimal] = defaultdict(Decimal)
    for fact in scoped:
        if fact.project is not None and fact.project not in frames and running(fact):
            unknown[fact.project] += fact.effective
    dimension = by or ("environment" if project is not None else "team")
    shown_top = [r for r in top if project is None or r.project == project]
    allocation = allocate(scoped, dimension, frames, shown_top)
    return CostReport(
        scope=project,
        period=start,
        as_of=today,
        tolerance_pct=tolerance_pct,
        projects=tuple(projects),
        unknown=dict(sorted(unknown.items())),
        allocation=allocation,
        findings=tuple(findings(projects, allocation, start)),
    )


def findings(
    projects: Sequence[ProjectCosts], allocation: Allocation, period: date
) -> list[Finding]:
    out: list[Finding] = []
    month = str(period)[:7]
    for p in projects:
        v, f = p.variance, p.forecast
        if v.beyond:
            pct = v.variance_pct
            how = (
                f"{abs(pct)} % {'above' if v.difference > 0 else 'below'}"
                if pct is not None
                else "above"
            )
            drivers = drivers_text(v.drivers)
            out.append(
                Finding(
                    RULE["COST001"],
                    p.name,
                    f"{p.name} {month}: actual ${cents(v.effective):,} is {how} the frame's "
                    f"${cents(v.expected):,} over {len(v.days)} days (tolerance "
                    f"{v.tolerance_pct} %)" + (f"; driven by {drivers}" if drivers else ""),
                )
            )
        if f.budget is None:
            continue
        if f.over_now and f.hard_limit:
            out.append(
                Finding(
                    RULE["COST003"],
                    p.name,
                    f"{p.name}: ${cents(f.month_to_date):,} spent by {f.as_of} exceeds the hard "
                    f"budget of ${cents(f.budget):,}",
                )
            )
        elif f.crosses:
            trend = f", trend ${cents(f.trend):,}" if f.trend is not None else ""
            out.append(
                Finding(
                    RULE["COST002"],
                    p.name,
                    f"{p.name}: forecast to {f.as_of.strftime('%Y-%m')} end (linear "
                    f"${cents(f.linear):,}{trend}) exceeds the "
                    f"{'hard' if f.hard_limit else 'soft'} budget of ${cents(f.budget):,} "
                    f"(month to date ${cents(f.month_to_date):,} on {f.as_of})",
                )
            )
    loose = allocation.unattributed
    if loose.above_limit:
        tops = ", ".join(r.resource_id for r in loose.top[:3])
        out.append(
            Finding(
                RULE["COST004"],
                None,
                f"{month}: ${cents(loose.effective):,} ({loose.share_pct} % of running spend) "
                f"has no project or environment tag (limit {UNATTRIBUTED_MAX_PCT} %)"
                + (f"; largest: {tops}" if tops else ""),
            )
        )
    return out
