"""The Costs page's bar charts: each group's estimate (the frozen frame, pro rata) beside
its actual spend, and the spend that should not exist. Shared rules (no script or style,
untrusted labels, figures as text): svg.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from infragate.costs.spend import cents
from infragate.portal import svg
from infragate.report.safe_text import plain

LABEL_WIDTH = 200  # the left column of bar labels
VALUE_WIDTH = 130  # room right of the longest bar for its amount
BAR_HEIGHT = 14
ROW_GAP = 10
HEADER = 56  # title and legend above the bars
MAX_LABEL = 28  # characters shown; the whole label is in the bar's <title>


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


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _bar(
    kind: str, fill: str, y: int, width: Decimal, value: Decimal, label: str, shown: str
) -> list[str]:
    """A bar from the label column, its amount in a <title> and as text after its end."""
    x = LABEL_WIDTH
    return [
        f'<rect class="bar {kind}" x="{x}" y="{y}" width="{svg.px(width)}" '
        f'height="{BAR_HEIGHT}" fill="{fill}" data-value="{cents(value)}">'
        f"<title>{svg.text(label)}: {shown}</title></rect>",
        f'<text class="bar-value" x="{svg.px(x + width + 6)}" y="{y + BAR_HEIGHT - 3}" {svg.FONT} '
        f'font-size="11" fill="#1b1f24">{shown}</text>',
    ]


def _label(label: str, y: int) -> str:
    return (
        f'<text class="bar-label" x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" {svg.FONT} '
        f'font-size="12" fill="#1b1f24">{svg.text(_short(label))}</text>'
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
        return svg.empty(key, title, f"No {what} has an estimate or spend in this period.", "bars")
    shown, left = _largest(rows, limit)
    top = max(max(r.estimate, r.actual) for r in shown)
    plot = svg.WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = 2 * BAR_HEIGHT + ROW_GAP
    height = HEADER + row_height * len(shown) + (28 if left else 12)
    desc = f"Estimate (frozen cost frame) and actual effective spend per {what}: " + "; ".join(
        f"{plain(r.label)} estimate {svg.usd(r.estimate)}, actual {svg.usd(r.actual)}"
        for r in shown
    )
    if left:
        desc += f". The {len(shown)} largest of {len(rows)} are drawn; the table lists all."
    parts = svg.open_chart(key, title, desc, height, "bars")
    parts += svg.legend(
        [
            ("Estimate (frozen frame)", svg.ESTIMATE_FILL),
            ("Actual (effective cost)", svg.ACTUAL_FILL),
        ],
        42,
    )
    y = HEADER
    for r in shown:
        parts.append(f'<g class="group" data-label="{svg.text(r.label)}">')
        parts.append(_label(r.label, y + BAR_HEIGHT + 3))
        parts += _bar(
            "estimate",
            svg.ESTIMATE_FILL,
            y,
            svg.length(r.estimate, top, plot),
            r.estimate,
            f"{r.label} estimate",
            svg.usd(r.estimate),
        )
        parts += _bar(
            "actual",
            svg.ACTUAL_FILL,
            y + BAR_HEIGHT,
            svg.length(r.actual, top, plot),
            r.actual,
            f"{r.label} actual",
            svg.usd(r.actual),
        )
        parts.append("</g>")
        y += row_height
    if left:
        parts.append(
            f'<text class="chart-note" x="8" y="{y + 12}" {svg.FONT} font-size="12" '
            f'fill="#1b1f24">{left} more not drawn: the table lists all.</text>'
        )
    return "\n".join([*parts, "</svg>"])


def waste_bars(key: str, title: str, rows: Sequence[Amount], *, period: str = "") -> str:
    """Horizontal bars of stale spend's monthly waste, largest first as given."""
    if not rows:
        return svg.empty(key, title, f"No stale spend{' in ' + period if period else ''}.", "waste")
    top = max(r.value for r in rows)
    plot = svg.WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = BAR_HEIGHT + ROW_GAP
    height = HEADER - 20 + row_height * len(rows) + 12
    desc = "Monthly waste of each stale finding: " + "; ".join(
        f"{plain(r.label)} {svg.money(r.value, r.currency)} a month" for r in rows
    )
    parts = svg.open_chart(key, title, desc, height, "waste")
    y = HEADER - 20
    for r in rows:
        parts.append(f'<g class="group" data-label="{svg.text(r.label)}">')
        parts.append(_label(r.label, y + BAR_HEIGHT - 3))
        parts += _bar(
            "waste",
            svg.WASTE_FILL,
            y,
            svg.length(r.value, top, plot),
            r.value,
            f"{r.label} monthly waste",
            svg.text(svg.money(r.value, r.currency)),
        )
        parts.append("</g>")
        y += row_height
    return "\n".join([*parts, "</svg>"])


# -- a month of spend against the budget -----------------------------------------------------
