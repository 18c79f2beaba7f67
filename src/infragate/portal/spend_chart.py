"""The Costs page's month chart: a project's spend to date by day, its budget as a line,
and the linear and trend forecasts to month end. Shared rules: svg.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from infragate.costs.spend import cents, month_end
from infragate.portal import svg
from infragate.report.safe_text import plain


@dataclass(frozen=True)
class DayPoint:
    day: date
    spent: Decimal  # that day
    to_date: Decimal  # the month to date, that day included


@dataclass(frozen=True)
class MonthSpend:
    """One month of a project's spend up to `as_of`, its budget and forecasts to month end."""

    label: str
    as_of: date
    days: Sequence[DayPoint]  # every day from the 1st to as_of
    linear: Decimal
    trend: Decimal | None
    budget: Decimal | None
    hard_limit: bool = False


PLOT_LEFT = 96
PLOT_RIGHT = svg.WIDTH - 170  # room for the end labels (budget, linear, trend)
PLOT_TOP = 48
PLOT_BOTTOM = 248
SPEND_HEIGHT = 290


def nice_top(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10^n at or above `value` (an axis that reads well)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** value.adjusted()
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # unreachable: 10 × 10^adjusted exceeds any value


def running_totals(daily: Iterable[tuple[date, Decimal]], as_of: date) -> list[DayPoint]:
    """Every day from the 1st of `as_of`'s month to `as_of`, with the month to date (a day
    without spend counts as nothing spent)."""
    by_day: dict[date, Decimal] = {}
    for day, value in daily:
        by_day[day] = by_day.get(day, Decimal(0)) + value
    out, total, day = [], Decimal(0), as_of.replace(day=1)
    while day <= as_of:
        spent = by_day.get(day, Decimal(0))
        total += spent
        out.append(DayPoint(day, spent, total))
        day += timedelta(days=1)
    return out


def month_spend(key: str, title: str, m: MonthSpend) -> str:
    """Month-to-date spend by day, the budget as a line, and the linear and trend forecasts
    drawn from today's month to date to their month-end figures."""
    points = m.days
    if not any(p.spent for p in points):
        return svg.empty(key, title, f"No spend for {plain(m.label)} this month yet.", "spend")
    last = month_end(m.as_of)
    mtd = points[-1].to_date
    ends = [
        (name, value, stroke, dash)
        for name, value, stroke, dash in (
            ("Linear forecast", m.linear, svg.ACTUAL_FILL, "6 4"),
            ("Trend forecast", m.trend, svg.TREND_STROKE, "2 3"),
        )
        if value is not None
    ]
    top = nice_top(max([mtd, m.budget or Decimal(0), *(v for _, v, _, _ in ends)]))
    span = last.day - 1 or 1

    def x(day: date) -> Decimal:
        return PLOT_LEFT + Decimal(day.day - 1) / span * (PLOT_RIGHT - PLOT_LEFT)

    def y(value: Decimal) -> Decimal:
        return PLOT_BOTTOM - svg.length(value, top, PLOT_BOTTOM - PLOT_TOP)

    budget = (
        f"budget {svg.usd(m.budget)} ({'hard' if m.hard_limit else 'soft'})"
        if m.budget is not None
        else "no budget"
    )
    trend = f", trend forecast {svg.usd(m.trend)}" if m.trend is not None else ""
    desc = (
        f"{plain(m.label)}: {svg.usd(mtd)} spent from {points[0].day} to {m.as_of}; linear "
        f"forecast to {last} {svg.usd(m.linear)}{trend}; {budget}."
    )
    parts = svg.open_chart(key, title, desc, SPEND_HEIGHT, "spend")
    parts += _axes(top, m.as_of, x, y)
    if m.budget is not None:
        parts.append(
            f'<line class="budget" x1="{PLOT_LEFT}" y1="{svg.px(y(m.budget))}" x2="{PLOT_RIGHT}" '
            f'y2="{svg.px(y(m.budget))}" stroke="{svg.BUDGET_STROKE}" stroke-width="2" '
            f'data-value="{cents(m.budget)}"><title>{svg.text(budget.capitalize())}</title></line>'
        )
    for name, value, stroke, dash in ends:
        parts.append(
            f'<line class="forecast {name.split()[0].lower()}" x1="{svg.px(x(m.as_of))}" '
            f'y1="{svg.px(y(mtd))}" x2="{PLOT_RIGHT}" y2="{svg.px(y(value))}" stroke="{stroke}" '
            f'stroke-width="2" stroke-dasharray="{dash}" data-value="{cents(value)}">'
            f"<title>{svg.text(f'{name} to {last}: {svg.usd(value)}')}</title></line>"
        )
    line = " ".join(f"{svg.px(x(p.day))},{svg.px(y(p.to_date))}" for p in points)
    parts.append(
        f'<polyline class="spend" points="{line}" fill="none" stroke="#1b1f24" stroke-width="2"/>'
    )
    for p in points:
        parts.append(
            f'<circle class="day" cx="{svg.px(x(p.day))}" cy="{svg.px(y(p.to_date))}" r="2.5" '
            f'fill="#1b1f24" data-value="{cents(p.to_date)}" data-day="{p.day}">'
            f"<title>{p.day}: {svg.usd(p.spent)} that day, {svg.usd(p.to_date)} month to date</title>"
            "</circle>"
        )
    labels = [("Budget", m.budget, svg.BUDGET_STROKE)] if m.budget is not None else []
    labels += [(name.split()[0], value, stroke) for name, value, stroke, _ in ends]
    parts += _end_labels(labels, y)
    parts += svg.legend([("Month to date", "#1b1f24")], SPEND_HEIGHT - 8)
    return "\n".join([*parts, "</svg>"])


def _axes(
    top: Decimal, as_of: date, x: Callable[[date], Decimal], y: Callable[[Decimal], Decimal]
) -> list[str]:
    out = [
        f'<line class="axis" x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" '
        f'y2="{PLOT_BOTTOM}" stroke="#1b1f24"/>',
        f'<line class="axis" x1="{PLOT_LEFT}" y1="{PLOT_TOP}" x2="{PLOT_LEFT}" '
        f'y2="{PLOT_BOTTOM}" stroke="#1b1f24"/>',
    ]
    for quarter in range(5):
        value = top * quarter / 4
        at = svg.px(y(value))
        out.append(
            f'<line class="grid" x1="{PLOT_LEFT}" y1="{at}" x2="{PLOT_RIGHT}" y2="{at}" '
            'stroke="#d0d7de"/>'
        )
        out.append(
            f'<text class="tick" x="{PLOT_LEFT - 6}" y="{at}" text-anchor="end" '
            f'dominant-baseline="middle" {svg.FONT} font-size="11" fill="#1b1f24">'
            f"{svg.usd(value)}</text>"
        )
    last = month_end(as_of)
    for day_number in sorted({1, 8, 15, 22, last.day}):
        day = as_of.replace(day=day_number)
        out.append(
            f'<text class="tick" x="{svg.px(x(day))}" y="{PLOT_BOTTOM + 16}" text-anchor="middle" '
            f'{svg.FONT} font-size="11" fill="#1b1f24">{day.day} {day:%b}</text>'
        )
    return out


def _end_labels(
    labels: list[tuple[str, Decimal, str]], y: Callable[[Decimal], Decimal]
) -> list[str]:
    """Names and amounts right of the plot, at their line's height, kept 14 px apart."""
    placed: list[tuple[Decimal, str, Decimal, str]] = sorted(
        (y(value), name, value, colour) for name, value, colour in labels
    )
    out, floor = [], Decimal(PLOT_TOP - 14)
    for at, name, value, colour in placed:
        at = max(at, floor + 14)
        floor = at
        out.append(
            f'<text class="end-label" x="{PLOT_RIGHT + 6}" y="{svg.px(at + 4)}" {svg.FONT} '
            f'font-size="11" fill="{colour}">{name} {svg.usd(value)}</text>'
        )
    return out
