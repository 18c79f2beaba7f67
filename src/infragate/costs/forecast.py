"""Month to date and a forecast to month end against each project's budget, two ways:

- linear: spend so far spread over the month (month to date / days elapsed x days in month);
- trend: the daily spend of the last TREND_DAYS days fitted with a least-squares line and
  carried to month end, so a project whose spend grows is seen crossing its budget before
  the linear forecast sees it.

"Today" is the last day the store has spend for (or `--as-of`): forecasts are reproducible
from the data alone. Spend is running spend at effective cost (spend.RUNNING), as in the
variance. Budgets are the brief's, as frozen in the baseline in force today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from infragate.costs.frames import ProjectFrames
from infragate.costs.model import Fact
from infragate.costs.spend import month_end, running

TREND_DAYS = 14


@dataclass(frozen=True)
class Forecast:
    project: str
    as_of: date
    days_elapsed: int  # the 1st to as_of, inclusive
    days_in_month: int
    month_to_date: Decimal
    linear: Decimal
    trend: Decimal | None  # None: fewer than two days of spend to fit a line through
    trend_days: int  # the days the trend is fitted on
    budget: Decimal | None
    hard_limit: bool

    @property
    def highest(self) -> Decimal:
        return max(self.linear, self.trend if self.trend is not None else self.linear)

    @property
    def over_now(self) -> bool:
        return self.budget is not None and self.month_to_date > self.budget

    @property
    def crosses(self) -> bool:
        """The forecast (either way) ends the month above the budget."""
        return self.budget is not None and self.highest > self.budget


def daily_spend(facts: Iterable[Fact], project: str) -> dict[date, Decimal]:
    out: dict[date, Decimal] = defaultdict(Decimal)
    for fact in facts:
        if fact.project == project and running(fact):
            out[date.fromisoformat(fact.day)] += fact.effective
    return dict(out)


def least_squares(points: Sequence[tuple[int, Decimal]]) -> tuple[Decimal, Decimal]:
    """Intercept and slope of the least-squares line through (x, y), in Decimal."""
    n = Decimal(len(points))
    mean_x = sum((Decimal(x) for x, _ in points), Decimal(0)) / n
    mean_y = sum((y for _, y in points), Decimal(0)) / n
    sxx = sum(((Decimal(x) - mean_x) ** 2 for x, _ in points), Decimal(0))
    sxy = sum(((Decimal(x) - mean_x) * (y - mean_y) for x, y in points), Decimal(0))
    slope = sxy / sxx if sxx else Decimal(0)
    return mean_y - slope * mean_x, slope


def trend_forecast(
    daily: dict[date, Decimal], as_of: date, month_to_date: Decimal
) -> tuple[Decimal | None, int]:
    """Month to date plus the fitted line over the days left (a day never below zero).

    The window is the last TREND_DAYS days up to as_of, starting no earlier than the first
    day with data (days before the first bill are unknown, not zero)."""
    if not daily:
        return None, 0
    first = max(min(daily), as_of - timedelta(days=TREND_DAYS - 1))
    window = [first + timedelta(days=i) for i in range((as_of - first).days + 1)]
    if len(window) < 2:
        return None, len(window)
    points = [(d.toordinal(), daily.get(d, Decimal(0))) for d in window]
    intercept, slope = least_squares(points)
    rest = Decimal(0)
    day = as_of + timedelta(days=1)
    while day <= month_end(as_of):
        rest += max(Decimal(0), intercept + slope * day.toordinal())
        day += timedelta(days=1)
    return month_to_date + rest, len(window)


def forecast(project: ProjectFrames, facts: Iterable[Fact], as_of: date) -> Forecast:
    daily = {d: v for d, v in daily_spend(facts, project.name).items() if d <= as_of}
    start = as_of.replace(day=1)
    mtd = sum((v for d, v in daily.items() if d >= start), Decimal(0))
    elapsed = as_of.day
    in_month = month_end(as_of).day
    trend, trend_days = trend_forecast(daily, as_of, mtd)
    frame = project.in_force(as_of)
    return Forecast(
        project=project.name,
        as_of=as_of,
        days_elapsed=elapsed,
        days_in_month=in_month,
        month_to_date=mtd,
        linear=mtd / elapsed * in_month,
        trend=trend,
        trend_days=trend_days,
        budget=frame.budget_usd if frame else None,
        hard_limit=bool(frame and frame.hard_limit),
    )
