"""What the Costs page's SVG charts share (charts.py: bars; spend_chart.py: a month's spend):
pure functions from decimals to SVG text.

No JavaScript, no external requests, no `style` attributes or elements (the portal's
Content-Security-Policy forbids inline styles; presentation attributes and classes are not
styles): a chart is markup the page embeds as it is. Each chart names itself to assistive
technology (`role="img"`, `<title>`, `<desc>`) and carries its figures as text, so it reads
without the picture: every bar and point has a `<title>` with its value and a `data-value`
with the amount as a decimal string.

Labels come from tags in bills (project, team, environment names) and are untrusted: every
one passes `text` (control and bidirectional characters removed, XML-escaped). Amounts are
Decimals and shown to the cent; geometry is Decimal too, rounded to a hundredth of a pixel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from infragate.costs.spend import cents
from infragate.report.safe_text import plain

WIDTH = 760
PIXEL = Decimal("0.01")
FONT = 'font-family="sans-serif"'
ESTIMATE_FILL = "#5f6b7a"  # grey-blue: 5.4:1 on white
ACTUAL_FILL = "#1a56a8"  # blue: 7.0:1 on white
WASTE_FILL = "#a3261c"  # red: 7.1:1 on white
BUDGET_STROKE = "#a3261c"
TREND_STROKE = "#7a4d00"
KEY = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
# Characters XML 1.0 cannot carry even escaped (beyond the controls `plain` removes).
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def text(value: object) -> str:
    """Untrusted text as XML character data or an attribute value."""
    return escape(NOT_XML.sub("", plain(value)), quote=True)


def usd(value: Decimal) -> str:
    """`$1,234.50`; a negative amount as `-$12.00`."""
    shown = cents(value)
    return f"-${-shown:,}" if shown < 0 else f"${shown:,}"


def money(value: Decimal, currency: str) -> str:
    return usd(value) if currency == "USD" else f"{cents(value):,} {currency}"


def px(value: Decimal | int) -> str:
    return str(Decimal(value).quantize(PIXEL, rounding=ROUND_HALF_UP))


def length(value: Decimal, top: Decimal, length: int) -> Decimal:
    """`value`'s share of `top` in pixels (negative amounts draw no bar)."""
    if top <= 0 or value <= 0:
        return Decimal(0)
    return (value / top * length).quantize(PIXEL, rounding=ROUND_HALF_UP)


def open_chart(key: str, title: str, desc: str, height: int, kind: str) -> list[str]:
    if not KEY.match(key):
        raise ValueError(f"chart key {key!r}: lower-case letters, digits and dashes")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc">',
        f'<title id="{key}-title">{text(title)}</title>',
        f'<desc id="{key}-desc">{text(desc)}</desc>',
        f'<rect class="chart-background" x="0" y="0" width="{WIDTH}" height="{height}" '
        'fill="#ffffff"/>',
        f'<text class="chart-title" x="8" y="20" {FONT} font-size="15" '
        f'font-weight="bold" fill="#1b1f24">{text(title)}</text>',
    ]


def empty(key: str, title: str, message: str, kind: str) -> str:
    parts = open_chart(key, title, message, 80, kind)
    parts.append(
        f'<text class="chart-empty" x="8" y="56" {FONT} font-size="13" fill="#1b1f24">'
        f"{text(message)}</text>"
    )
    return "\n".join([*parts, "</svg>"])


def legend(items: Iterable[tuple[str, str]], y: int) -> list[str]:
    out, x = [], 8
    for name, fill in items:
        out.append(
            f'<rect class="legend-swatch" x="{x}" y="{y - 10}" width="12" height="12" '
            f'fill="{fill}"/>'
        )
        out.append(
            f'<text class="legend" x="{x + 18}" y="{y}" {FONT} font-size="12" '
            f'fill="#1b1f24">{text(name)}</text>'
        )
        x += 18 + 8 * len(name) + 24
    return out
