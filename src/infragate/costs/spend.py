"""What every cost report counts the same way: which charges are running spend, which days a
billing period's bill covers, and how money and shares are rounded for display.

Running spend is Usage and Purchase: what the frame estimates. Tax, Credit and Adjustment are
real money too, but no frame prices them, so the reports show them as their own lines beside
the comparison instead of inside it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from infragate.costs.model import Fact

RUNNING = ("Usage", "Purchase")
OTHER_CATEGORIES = ("Tax", "Credit", "Adjustment")
CENT = Decimal("0.01")


def running(fact: Fact) -> bool:
    return fact.charge_category in RUNNING


def period_start(text: str) -> date:
    """`YYYY-MM` (the command line) or `YYYY-MM-DD` (the store) as the period's first day."""
    return date.fromisoformat(text[:7] + "-01")


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def covered_until(facts: Iterable[Fact]) -> dict[str, date]:
    """The last day of its own month each billing period's bill has data for, over every
    account and project: a bill exported on the 12th covers the 1st to the 11th, whoever
    spent on those days. Charges a bill carries for days of another month (corrections, an
    hour across midnight at the month's end) say nothing about how far it reaches."""
    out: dict[str, date] = {}
    for fact in facts:
        if fact.day[:7] != fact.billing_period[:7]:
            continue
        day = date.fromisoformat(fact.day)
        if fact.billing_period not in out or day > out[fact.billing_period]:
            out[fact.billing_period] = day
    return out


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def share_pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` (two decimals), None when there is no whole."""
    if whole == 0:
        return None
    shown = (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return shown if shown else abs(shown)  # never "-0.00"
