"""FOCUS 1.0 bills written by the tests from a frozen frame: one row per resource and day, so
every amount in a test derives from the baseline (never a price typed into a test)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from infragate.costs.frames import Frame, days_of_month

COLUMNS = (
    "BillingAccountId",
    "BillingCurrency",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ChargeCategory",
    "BilledCost",
    "EffectiveCost",
    "ListCost",
    "ServiceName",
    "ResourceId",
    "ResourceName",
    "Tags",
)
PLACES = Decimal("0.0000000001")  # ten decimals: a day's share of a month, nearly exact


@dataclass(frozen=True)
class Row:
    day: date
    amount: Decimal
    resource: str
    service: str
    tags: dict[str, str] = field(default_factory=dict)
    category: str = "Usage"
    billed_in: date | None = None  # the billing period's day, when not the charge's month


def period_bounds(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    end = days_of_month(start)[-1] + timedelta(days=1)
    return start, end


def write_bill(path: Path, rows: Iterable[Row]) -> list[Row]:
    written = list(rows)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for r in written:
            start, end = period_bounds(r.billed_in or r.day)
            out.writerow(
                (
                    "000111222333",
                    "USD",
                    f"{start}T00:00:00Z",
                    f"{end}T00:00:00Z",
                    f"{r.day}T00:00:00Z",
                    f"{r.day + timedelta(days=1)}T00:00:00Z",
                    r.category,
                    str(r.amount),
                    str(r.amount),
                    str(r.amount),
                    r.service,
                    r.resource,  # empty: no resource (tax, credits)
                    r.resource.rsplit("/", 1)[-1],
                    json.dumps(r.tags) if r.tags else "",
                )
            )
    return written


def daily(monthly: Decimal, day: date) -> Decimal:
    return (monthly / len(days_of_month(day.replace(day=1)))).quantize(PLACES)


def frame_rows(
    frame: Frame,
    days: Iterable[date],
    factor: dict[tuple[str, str], Decimal] | None = None,
    project: str | None = None,
) -> list[Row]:
    """Each component of `frame` billing its frame's daily share on `days` (times its
    factor), tagged as infragate renders it."""
    rows = []
    for day in days:
        for (env, component), c in sorted(frame.components.items()):
            scale = (factor or {}).get((env, component), Decimal(1))
            tags = {
                "user:project": project or frame.project,
                "user:environment": env,
                "user:component": component,
            }
            rows.append(
                Row(
                    day,
                    daily(c.monthly_usd * scale, day),
                    f"arn:aws:{c.kind}:{frame.project}/{env}/{component}",
                    c.kind,
                    tags,
                )
            )
    return rows


def total(rows: Iterable[Row], category: str | None = "Usage") -> Decimal:
    return sum((r.amount for r in rows if category is None or r.category == category), Decimal(0))
