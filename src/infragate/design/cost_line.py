"""One line of the cost frame and what every pricer shares to write one.

Quantities are exact decimals; each line is rounded to the cent (half up) and the
totals are sums of rounded lines, so a person can re-add the table by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from infragate.catalog.model import Catalog
from infragate.design.topology import ALWAYS_ON_HOURS, Placement
from infragate.pricing.book import PriceBook
from infragate.rules.sizing import Inputs

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


@dataclass(frozen=True)
class Usage:
    """Monthly usage figures derived from the brief, shared by every usage-priced line."""

    average_rps: Decimal
    monthly_requests: Decimal
    egress_gb: Decimal
    egress_note: str
    object_gb: Decimal


def usage(
    inputs: Inputs, catalog: Catalog, egress_gb: Decimal | None, object_gb: Decimal | None
) -> Usage:
    avg = inputs.peak_rps * catalog.capacity.average_to_peak
    requests = avg * SECONDS_PER_MONTH
    if egress_gb is None:
        egress = (requests * catalog.usage.response_kb / KB_PER_GB).quantize(CENT)
        note = (
            f"{requests:,.0f} requests × {catalog.usage.response_kb} KB per response "
            f"(average {avg} rps = {catalog.capacity.average_to_peak} × peak)"
        )
    else:
        egress, note = egress_gb, "as given in the brief (load.egress_gb_month)"
    return Usage(
        avg, requests, egress, note, object_gb if object_gb is not None else inputs.data_gb
    )


def line_for(
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
