"""Estimate vs actual: what a project's frozen frames expected over a billing period, beside
what its bill says, per project and per component.

Which days are compared: the days of the billing period that the bill covers (from the 1st to
the last day any spend of that period was imported for, `spend.covered_until`) and on which a
baseline of the project was in force. A bill exported mid-month is compared with the same
part of the frame, so it is not a false underspend; spend on days before the first freeze has
no frame and is shown apart (`unframed`), not counted against a frame that did not exist yet;
corrections billed in this period for days of another (`elsewhere`) are shown apart too.

Actual is running spend (Usage and Purchase; `spend.RUNNING`) at effective cost, the money
the organisation pays after discounts; billed cost is shown beside it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from infragate.costs import frames as framing
from infragate.costs.frames import ProjectFrames
from infragate.costs.model import Fact
from infragate.costs.spend import cents, running, share_pct

# Named at most: the drivers beyond this many are in the JSON report, not in the message.
MAX_DRIVERS = 5
NO_COMPONENT = "(no component tag)"


@dataclass(frozen=True)
class Line:
    """One environment's component (or its spend without a component tag)."""

    environment: str
    component: str
    expected: Decimal
    effective: Decimal
    billed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.effective - self.expected

    @property
    def variance_pct(self) -> Decimal | None:
        return share_pct(self.difference, self.expected)


@dataclass(frozen=True)
class Variance:
    project: str
    period: date  # first day of the billing period
    days: tuple[date, ...]  # compared: covered by the bill, with a baseline in force
    versions: tuple[int, ...]  # the baselines in force over those days
    team: str | None
    cost_center: str | None
    expected: Decimal
    effective: Decimal
    billed: Decimal
    unframed: Decimal  # running effective spend on the period's days without a baseline
    elsewhere: Decimal  # billed in this period for days outside it (corrections)
    tolerance_pct: Decimal
    lines: tuple[Line, ...]  # largest absolute difference first

    @property
    def difference(self) -> Decimal:
        return self.effective - self.expected

    @property
    def variance_pct(self) -> Decimal | None:
        return share_pct(self.difference, self.expected)

    @property
    def beyond(self) -> bool:
        pct = self.variance_pct
        if pct is None:  # nothing expected: any running spend is beyond the frame
            return bool(self.days) and self.effective > 0
        return abs(pct) > self.tolerance_pct

    @property
    def drivers(self) -> tuple[Line, ...]:
        """The lines that make the variance: moving the same way as the whole, each beyond
        the tolerance on its own, largest first."""
        if not self.beyond:
            return ()
        sign = 1 if self.difference > 0 else -1
        found = []
        for line in self.lines:
            if line.difference * sign <= 0:
                continue
            pct = line.variance_pct
            if pct is None or abs(pct) > self.tolerance_pct:
                found.append(line)
        return tuple(found[:MAX_DRIVERS])


def compared_days(project: ProjectFrames, period: date, covered_until: date | None) -> list[date]:
    if covered_until is None:
        return []
    days = [d for d in framing.days_of_month(period) if d <= covered_until]
    return [d for d in days if project.in_force(d) is not None]


def brief_of(
    project: ProjectFrames, days: Sequence[date], facts: Iterable[Fact]
) -> tuple[str | None, str | None]:
    """Team and cost centre: the brief of the latest baseline compared, else the tags."""
    frame = project.in_force(days[-1]) if days else project.latest
    team = frame.team if frame else None
    center = frame.cost_center if frame else None
    if team and center:
        return team, center
    teams = Counter(f.team for f in facts if f.team)
    centers = Counter(f.cost_center for f in facts if f.cost_center)
    return (
        team or (teams.most_common(1)[0][0] if teams else None),
        center or (centers.most_common(1)[0][0] if centers else None),
    )


def variance(
    project: ProjectFrames,
    period: date,
    facts: Iterable[Fact],
    covered_until: date | None,
    tolerance_pct: Decimal,
) -> Variance:
    """`facts`: the project's facts (any period; those of `period` are used)."""
    mine = [f for f in facts if f.project == project.name and f.billing_period == str(period)]
    days = compared_days(project, period, covered_until)
    day_set = {d.isoformat() for d in days}
    effective: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    billed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    unframed = elsewhere = Decimal(0)
    month = str(period)[:7]
    for fact in mine:
        if not running(fact):
            continue
        if not fact.day.startswith(month):
            elsewhere += fact.effective
            continue
        if covered_until is None or fact.day > covered_until.isoformat():
            continue  # after "today" (--as-of): not known yet on the day reported
        if fact.day not in day_set:
            unframed += fact.effective
            continue
        key = (fact.environment or "(no environment tag)", fact.component or NO_COMPONENT)
        effective[key] += fact.effective
        billed[key] += fact.billed
    planned = {key for d in days if (f := project.in_force(d)) for key in f.components}
    lines = [
        Line(
            env,
            component,
            framing.expected(project, days, env, component)
            if (env, component) in planned
            else Decimal(0),
            effective.get((env, component), Decimal(0)),
            billed.get((env, component), Decimal(0)),
        )
        for env, component in sorted(planned | set(effective))
    ]
    # by the difference a reader sees (cents), then the larger frame first
    lines.sort(key=lambda x: (-abs(cents(x.difference)), -x.expected, x.environment, x.component))
    versions = sorted({f.version for d in days if (f := project.in_force(d)) is not None})
    team, center = brief_of(project, days, mine)
    return Variance(
        project=project.name,
        period=period,
        days=tuple(days),
        versions=tuple(versions),
        team=team,
        cost_center=center,
        expected=framing.expected(project, days),
        effective=sum(effective.values(), Decimal(0)),
        billed=sum(billed.values(), Decimal(0)),
        unframed=unframed,
        elsewhere=elsewhere,
        tolerance_pct=tolerance_pct,
        lines=tuple(lines),
    )


def full_period_actual(
    project: ProjectFrames,
    version: int,
    facts: Sequence[Fact],
    covered: dict[str, date],
) -> tuple[Variance | None, str]:
    """The latest billing period the bill covers entirely while baseline `version` was in
    force every day of it (what closure rule CLOSE011 judges), and why there is none."""
    periods = sorted(covered, reverse=True)
    if not periods:
        return None, "no bills are imported"
    for text in periods:
        period = date.fromisoformat(text)
        days = framing.days_of_month(period)
        if covered[text] < days[-1]:
            continue  # the bill of this month is not complete yet
        in_force = {f.version if f else None for d in days for f in (project.in_force(d),)}
        if in_force != {version}:
            continue
        return variance(project, period, facts, covered[text], Decimal(0)), ""
    last = periods[0]
    return None, (
        f"bills are imported up to {covered[last].isoformat()}, but no complete billing "
        f"period has baseline v{version} in force on every day"
    )


def drivers_text(lines: Iterable[Line]) -> str:
    return ", ".join(
        f"{line.environment}/{line.component} (expected ${cents(line.expected):,}, actual "
        f"${cents(line.effective):,})"
        for line in lines
    )
