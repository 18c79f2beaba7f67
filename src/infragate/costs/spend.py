"""The arithmetic every cost report shares: which charges are running spend, which billing
month is asked for and how far its bill reaches, time spans of facts, which consumed units are
hours, and how money and shares are rounded for display.

Running spend is Usage and Purchase: what the frame estimates. Tax, Credit and Adjustment are
real money too, but no frame prices them, so the reports show them as their own lines beside
the comparison instead of inside it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from infragate.costs.model import Fact
from infragate.errors import UsageError

RUNNING = ("Usage", "Purchase")
# The currency cost frames are priced in (design/cost): bills in another are not compared
# with them, since infragate converts no currency.
FRAME_CURRENCY = "USD"
OTHER_CATEGORIES = ("Tax", "Credit", "Adjustment")
CENT = Decimal("0.01")

# A month of an always-on resource: the catalog's `schedules.always_on.hours_per_month` (730),
# the same month the cost frames are priced in, so a monthly figure here compares with them.
HOURS_PER_MONTH = Decimal(730)
HOUR = Decimal(3600)
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Units that count time: FOCUS leaves ConsumedUnit to the provider ("Hrs" in AWS exports,
# "Hours", "vCPU-Hours", "GB-Hours"; infragate's own cost lines say "instance-hour").
_HOURLY = re.compile(r"^(?:(?P<dim>[a-z0-9.]+)[- ])?(?:hours?|hrs?)$")
# Units that count one running thing per hour: the count of instances, nodes or tasks.
_PURE = frozenset({"", "instance", "node", "task", "resource"})


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def hours_between(start: datetime, end: datetime) -> Decimal:
    return Decimal(int((end - start).total_seconds())) / HOUR


def hour_dimension(unit: str | None) -> str | None:
    """'' for a unit of plain hours (Hrs, instance-hour), 'vcpu' for vCPU-Hours, None when the
    unit does not count time."""
    if unit is None:
        return None
    match = _HOURLY.match(unit.strip().lower())
    if match is None:
        return None
    dimension = match.group("dim") or ""
    return "" if dimension in _PURE else dimension


def month_of(fact: Fact) -> str:
    return fact.billing_period[:7]


def choose_period(facts: Sequence[Fact], period: str | None) -> str:
    """The billing month asked for (YYYY-MM), or the latest one imported."""
    months = sorted({month_of(f) for f in facts})
    if period is not None:
        if not PERIOD.match(period):
            raise UsageError(f"--period {period!r}: expected a month as YYYY-MM, e.g. 2026-12")
        if period not in months:
            known = ", ".join(months) or "none"
            raise UsageError(
                f"no bill imported for {period} (billing periods in the store: {known}); "
                "import it with 'infragate costs import FILE'"
            )
        return period
    if not months:
        raise UsageError("no bill imported yet: import one with 'infragate costs import FILE'")
    return months[-1]


@dataclass(frozen=True)
class Coverage:
    """How much of a billing month the imported bill covers."""

    period: str  # YYYY-MM
    first_day: date
    last_day: date  # the last day with a charge
    end: datetime  # the end of the last charge

    @property
    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(count)]


def coverage(facts: Iterable[Fact], period: str) -> Coverage:
    of_period = [f for f in facts if month_of(f) == period]
    if not of_period:
        raise UsageError(f"no charges in billing period {period}")
    # how far the bill reaches: charges dated in its own month (covered_until)
    own = [f for f in of_period if f.day[:7] == period] or of_period
    last = max(date.fromisoformat(f.day) for f in own)
    first = date.fromisoformat(period + "-01")
    return Coverage(period, first, last, max(parse_time(f.last_end) for f in of_period))


def span(facts: Iterable[Fact]) -> tuple[datetime, datetime]:
    items = list(facts)
    return (
        min(parse_time(f.first_start) for f in items),
        max(parse_time(f.last_end) for f in items),
    )


def monthly_rate(amount: Decimal, hours: Decimal) -> Decimal:
    """What `amount` spent over `hours` costs in a month of 730 h."""
    return amount / hours * HOURS_PER_MONTH if hours > 0 else amount


def effective(facts: Iterable[Fact]) -> Decimal:
    return sum((f.effective for f in facts), Decimal(0))


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


def require_frame_currency(facts: Iterable[Fact], what: str) -> None:
    """Refuse to compare spend billed in another currency with a USD frame."""
    other = sorted({f.currency for f in facts if f.currency != FRAME_CURRENCY})
    if other:
        raise UsageError(
            f"{what}: spend billed in {', '.join(other)} cannot be compared with cost frames "
            f"priced in {FRAME_CURRENCY}, and infragate converts no currency; export the bill "
            f"in {FRAME_CURRENCY} (AWS bills in USD unless the payer account chose otherwise)"
        )
