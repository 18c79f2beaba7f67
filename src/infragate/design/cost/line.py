"""One line of the cost frame and the helpers every pricer shares."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from infragate.design.topology import ALWAYS_ON_HOURS, Placement
from infragate.pricing.book import PriceBook

CENT = Decimal("0.01")
SECONDS_PER_MONTH = ALWAYS_ON_HOURS * 3600
KB_PER_GB = Decimal(1_000_000)


@dataclass(frozen=True)
class Line:
    environment: str
    component: str
    item: str
    quantity: Decimal
    unit: str
    unit_usd: Decimal
    monthly_usd: Decimal
    assumption: str
    source: str


def pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}"


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line(
    p: Placement, book: PriceBook, key: str, item: str, quantity: Decimal, assumption: str
) -> Line:
    unit = book.price(key)
    return Line(
        p.env.name,
        p.id,
        item,
        quantity,
        unit.unit,
        unit.usd,
        money(quantity * unit.usd),
        assumption,
        unit.source,
    )


def hours_note(p: Placement) -> str:
    if p.env.is_preview:
        return (
            f"{p.env.instances_per_month} previews a month × {p.env.ttl_hours} h TTL = {p.hours} h"
        )
    if p.hours == ALWAYS_ON_HOURS:
        return f"{p.hours} h a month (always on)"
    return f"{p.hours} h a month ({p.env.schedule.replace('_', ' ')})"


def month_share(p: Placement) -> Decimal:
    """Storage is billed while it exists: all month, except in previews."""
    return Decimal(p.hours) / ALWAYS_ON_HOURS if p.env.is_preview else Decimal(1)
