"""Server-rendered SVG charts for the Costs page: pure functions from decimals to SVG text.

No JavaScript, no external requests, no `style` attributes or elements (the portal's
Content-Security-Policy forbids inline styles; presentation attributes and classes are not
styles): a chart is markup the page embeds as it is. Each chart names itself to assistive
technology (`role="img"`, `<title>`, `<desc>`) and carries its figures as text, so it reads
without the picture: every bar and point has a `<title>` with its value and a `data-value`
with the amount as a decimal string.

Labels come from tags in bills (project, team, environment names) and are untrusted: every
one passes `_text` (control and bidirectional characters removed, XML-escaped). Amounts are
Decimals and shown to the cent; geometry is Decimal too, rounded to a hundredth of a pixel.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from infragate.costs.spend import cents, month_end
from infragate.report.safe_text import plain

WIDTH = 760
LABEL_WIDTH = 200  # the left column of bar labels
VALUE_WIDTH = 130  # room right of the longest bar for its amount
BAR_HEIGHT = 14
ROW_GAP = 10
HEADER = 56  # title and legend above the bars
MAX_LABEL = 28  # characters shown; the whole label is in the bar's <title>
PIXEL = Decimal("0.01")
FONT = 'font-family="sans-serif"'
ESTIMATE_FILL = "#5f6b7a"  # grey-blue: 5.4:1 on white
ACTUAL_FILL = "#1a56a8"  # blue: 7.0:1 on white
WASTE_FILL = "#a3261c"  # red: 7.1:1 on white
BUDGET_STROKE = "#a3261c"
TREND_STROKE = "#7a4d00"
_KEY = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
# Characters XML 1.0 cannot carry even escaped (beyond the controls `plain` removes).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Pair:
    """One group's estimate (the frozen frame, pro rata) beside its actual spend."""

    label: str
    estimate: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Amount:
    label: str
    value: Decimal
    currency: str = "USD"


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


def _text(value: object) -> str:
    """Untrusted text as XML character data or an attribute value."""
    return escape(_NOT_XML.sub("", plain(value)), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def usd(value: Decimal) -> str:
    """`$1,234.50`; a negative amount as `-$12.00`."""
    shown = cents(value)
    return f"-${-shown:,}" if shown < 0 else f"${shown:,}"


def money(value: Decimal, currency: str) -> str:
    return usd(value) if currency == "USD" else f"{cents(value):,} {currency}"


def _px(value: Decimal | int) -> str:
    return str(Decimal(value).quantize(PIXEL, rounding=ROUND_HALF_UP))


def _length(value: Decimal, top: Decimal, length: int) -> Decimal:
    """`value`'s share of `top` in pixels (negative amounts draw no bar)."""
    if top <= 0 or value <= 0:
        return Decimal(0)
    return (value / top * length).quantize(PIXEL, rounding=ROUND_HALF_UP)


def _open(key: str, title: str, desc: str, height: int, kind: str) -> list[str]:
    if not _KEY.match(key):
        raise ValueError(f"chart key {key!r}: lower-case letters, digits and dashes")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc">',
        f'<title id="{key}-title">{_text(title)}</title>',
        f'<desc id="{key}-desc">{_text(desc)}</desc>',
        f'<rect class="chart-background" x="0" y="0" width="{WIDTH}" height="{height}" '
        'fill="#ffffff"/>',
        f'<text class="chart-title" x="8" y="20" {FONT} font-size="15" '
        f'font-weight="bold" fill="#1b1f24">{_text(title)}</text>',
    ]


def _empty(key: str, title: str, message: str, kind: str) -> str:
    parts = _open(key, title, message, 80, kind)
    parts.append(
        f'<text class="chart-empty" x="8" y="56" {FONT} font-size="13" fill="#1b1f24">'
        f"{_text(message)}</text>"
    )
    return "\n".join([*parts, "</svg>"])


def _legend(items: Iterable[tuple[str, str]], y: int) -> list[str]:
    out, x = [], 8
    for name, fill in items:
        out.append(
            f'<rect class="legend-swatch" x="{x}" y="{y - 10}" width="12" height="12" '
            f'fill="{fill}"/>'
        )
        out.append(
            f'<text class="legend" x="{x + 18}" y="{y}" {FONT} font-size="12" '
            f'fill="#1b1f24">{_text(name)}</text>'
        )
        x += 18 + 8 * len(name) + 24
    return out


def _bar(
    kind: str, fill: str, y: int, width: Decimal, value: Decimal, label: str, shown: str
) -> list[str]:
    """A bar from the label column, its amount in a <title> and as text after its end."""
    x = LABEL_WIDTH
    return [
        f'<rect class="bar {kind}" x="{x}" y="{y}" width="{_px(width)}" '
        f'height="{BAR_HEIGHT}" fill="{fill}" data-value="{cents(value)}">'
        f"<title>{_text(label)}: {shown}</title></rect>",
        f'<text class="bar-value" x="{_px(x + width + 6)}" y="{y + BAR_HEIGHT - 3}" {FONT} '
        f'font-size="11" fill="#1b1f24">{shown}</text>',
    ]


def _label(label: str, y: int) -> str:
    return (
        f'<text class="bar-label" x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" {FONT} '
        f'font-size="12" fill="#1b1f24">{_text(_short(label))}</text>'
    )


def _largest(rows: Sequence[Pair], limit: int) -> tuple[list[Pair], int]:
    """The `limit` largest rows (by their larger bar) in their given order, and how many
    are left out: a hundred projects make a chart nobody reads."""
    if len(rows) <= limit:
        return list(rows), 0
    ranked = sorted(range(len(rows)), key=lambda i: (-max(rows[i].estimate, rows[i].actual), i))
    return [rows[i] for i in sorted(ranked[:limit])], len(rows) - limit


def estimate_vs_actual(
    key: str, title: str, rows: Sequence[Pair], *, what: str = "group", limit: int = 30
) -> str:
    """Grouped horizontal bars: each group's estimate above its actual, on one scale."""
    if not rows:
        return _empty(key, title, f"No {what} has an estimate or spend in this period.", "bars")
    shown, left = _largest(rows, limit)
    top = max(max(r.estimate, r.actual) for r in shown)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = 2 * BAR_HEIGHT + ROW_GAP
    height = HEADER + row_height * len(shown) + (28 if left else 12)
    desc = f"Estimate (frozen cost frame) and actual effective spend per {what}: " + "; ".join(
        f"{plain(r.label)} estimate {usd(r.estimate)}, actual {usd(r.actual)}" for r in shown
    )
    if left:
        desc += f". The {len(shown)} largest of {len(rows)} are drawn; the table lists all."
    parts = _open(key, title, desc, height, "bars")
    parts += _legend(
        [("Estimate (frozen frame)", ESTIMATE_FILL), ("Actual (effective cost)", ACTUAL_FILL)], 42
    )
    y = HEADER
    for r in shown:
        parts.append(f'<g class="group" data-label="{_text(r.label)}">')
        parts.append(_label(r.label, y + BAR_HEIGHT + 3))
        parts += _bar(
            "estimate",
            ESTIMATE_FILL,
            y,
            _length(r.estimate, top, plot),
            r.estimate,
            f"{r.label} estimate",
            usd(r.estimate),
        )
        parts += _bar(
            "actual",
            ACTUAL_FILL,
            y + BAR_HEIGHT,
            _length(r.actual, top, plot),
            r.actual,
            f"{r.label} actual",
            usd(r.actual),
        )
        parts.append("</g>")
        y += row_height
    if left:
        parts.append(
            f'<text class="chart-note" x="8" y="{y + 12}" {FONT} font-size="12" '
            f'fill="#1b1f24">{left} more not drawn: the table lists all.</text>'
        )
    return "\n".join([*parts, "</svg>"])


def waste_bars(key: str, title: str, rows: Sequence[Amount], *, period: str = "") -> str:
    """Horizontal bars of stale spend's monthly waste, largest first as given."""
    if not rows:
        return _empty(key, title, f"No stale spend{' in ' + period if period else ''}.", "waste")
    top = max(r.value for r in rows)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = BAR_HEIGHT + ROW_GAP
    height = HEADER - 20 + row_height * len(rows) + 12
    desc = "Monthly waste of each stale finding: " + "; ".join(
        f"{plain(r.label)} {money(r.value, r.currency)} a month" for r in rows
    )
    parts = _open(key, title, desc, height, "waste")
    y = HEADER - 20
    for r in rows:
        parts.append(f'<g class="group" data-label="{_text(r.label)}">')
        parts.append(_label(r.label, y + BAR_HEIGHT - 3))
        parts += _bar(
            "waste",
            WASTE_FILL,
            y,
            _length(r.value, top, plot),
            r.value,
            f"{r.label} monthly waste",
            _text(money(r.value, r.currency)),
        )
        parts.append("</g>")
        y += row_height
    return "\n".join([*parts, "</svg>"])


# -- a month of spend against the budget -----------------------------------------------------

PLOT_LEFT = 96
PLOT_RIGHT = WIDTH - 170  # room for the end labels (budget, linear, trend)
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
        return _empty(key, title, f"No spend for {plain(m.label)} this month yet.", "spend")
    last = month_end(m.as_of)
    mtd = points[-1].to_date
    ends = [
        (name, value, stroke, dash)
        for name, value, stroke, dash in (
            ("Linear forecast", m.linear, ACTUAL_FILL, "6 4"),
            ("Trend forecast", m.trend, TREND_STROKE, "2 3"),
        )
        if value is not None
    ]
    top = nice_top(max([mtd, m.budget or Decimal(0), *(v for _, v, _, _ in ends)]))
    span = last.day - 1 or 1

    def x(day: date) -> Decimal:
        return PLOT_LEFT + Decimal(day.day - 1) / span * (PLOT_RIGHT - PLOT_LEFT)

    def y(value: Decimal) -> Decimal:
        return PLOT_BOTTOM - _length(value, top, PLOT_BOTTOM - PLOT_TOP)

    budget = (
        f"budget {usd(m.budget)} ({'hard' if m.hard_limit else 'soft'})"
        if m.budget is not None
        else "no budget"
    )
    trend = f", trend forecast {usd(m.trend)}" if m.trend is not None else ""
    desc = (
        f"{plain(m.label)}: {usd(mtd)} spent from {points[0].day} to {m.as_of}; linear "
        f"forecast to {last} {usd(m.linear)}{trend}; {budget}."
    )
    parts = _open(key, title, desc, SPEND_HEIGHT, "spend")
    parts += _axes(top, m.as_of, x, y)
    if m.budget is not None:
        parts.append(
            f'<line class="budget" x1="{PLOT_LEFT}" y1="{_px(y(m.budget))}" x2="{PLOT_RIGHT}" '
            f'y2="{_px(y(m.budget))}" stroke="{BUDGET_STROKE}" stroke-width="2" '
            f'data-value="{cents(m.budget)}"><title>{_text(budget.capitalize())}</title></line>'
        )
    for name, value, stroke, dash in ends:
        parts.append(
            f'<line class="forecast {name.split()[0].lower()}" x1="{_px(x(m.as_of))}" '
            f'y1="{_px(y(mtd))}" x2="{PLOT_RIGHT}" y2="{_px(y(value))}" stroke="{stroke}" '
            f'stroke-width="2" stroke-dasharray="{dash}" data-value="{cents(value)}">'
            f"<title>{_text(f'{name} to {last}: {usd(value)}')}</title></line>"
        )
    line = " ".join(f"{_px(x(p.day))},{_px(y(p.to_date))}" for p in points)
    parts.append(
        f'<polyline class="spend" points="{line}" fill="none" stroke="#1b1f24" stroke-width="2"/>'
    )
    for p in points:
        parts.append(
            f'<circle class="day" cx="{_px(x(p.day))}" cy="{_px(y(p.to_date))}" r="2.5" '
            f'fill="#1b1f24" data-value="{cents(p.to_date)}" data-day="{p.day}">'
            f"<title>{p.day}: {usd(p.spent)} that day, {usd(p.to_date)} month to date</title>"
            "</circle>"
        )
    labels = [("Budget", m.budget, BUDGET_STROKE)] if m.budget is not None else []
    labels += [(name.split()[0], value, stroke) for name, value, stroke, _ in ends]
    parts += _end_labels(labels, y)
    parts += _legend([("Month to date", "#1b1f24")], SPEND_HEIGHT - 8)
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
        at = _px(y(value))
        out.append(
            f'<line class="grid" x1="{PLOT_LEFT}" y1="{at}" x2="{PLOT_RIGHT}" y2="{at}" '
            'stroke="#d0d7de"/>'
        )
        out.append(
            f'<text class="tick" x="{PLOT_LEFT - 6}" y="{at}" text-anchor="end" '
            f'dominant-baseline="middle" {FONT} font-size="11" fill="#1b1f24">'
            f"{usd(value)}</text>"
        )
    last = month_end(as_of)
    for day_number in sorted({1, 8, 15, 22, last.day}):
        day = as_of.replace(day=day_number)
        out.append(
            f'<text class="tick" x="{_px(x(day))}" y="{PLOT_BOTTOM + 16}" text-anchor="middle" '
            f'{FONT} font-size="11" fill="#1b1f24">{day.day} {day:%b}</text>'
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
            f'<text class="end-label" x="{PLOT_RIGHT + 6}" y="{_px(at + 4)}" {FONT} '
            f'font-size="11" fill="{colour}">{name} {usd(value)}</text>'
        )
    return out
