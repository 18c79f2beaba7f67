"""What the store keeps of a bill: facts (spend summed over resources and hours, by the
dimensions every report groups by) and the top resources of each group.

Money is Decimal from the file to the report; the store keeps it as decimal text, because
SQLite has no decimal type and would round it through a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass(frozen=True)
class Fact:
    billing_account: str | None
    billing_period: str  # first day of the billing period, YYYY-MM-DD
    currency: str
    day: str  # the charge's day (UTC), YYYY-MM-DD
    in_window: bool  # inside the business_hours window (schedule.py)
    charge_category: str  # Usage, Purchase, Tax, Credit or Adjustment
    charge_class: str | None  # "Correction" for corrections of earlier periods
    sub_account: str | None
    project: str | None
    environment: str | None
    team: str | None
    cost_center: str | None
    component: str | None
    preview: str | None
    service: str | None
    region: str | None
    consumed_unit: str | None
    billed: Decimal
    effective: Decimal
    list_cost: Decimal | None
    consumed_quantity: Decimal | None
    rows: int
    first_start: str  # ISO 8601 UTC
    last_end: str

    @classmethod
    def from_row(cls, row: Any) -> Fact:
        keys, measures = tuple(row[:-7]), row[-7:]
        billed, effective, list_cost, quantity, rows, first, last = measures
        values = (
            Decimal(billed),
            Decimal(effective),
            _decimal(list_cost),
            _decimal(quantity),
            int(rows),
            str(first),
            str(last),
        )
        return cls(*keys, *values)  # type: ignore[call-arg]  # (keys..., measures...) in field order

    @property
    def attributed(self) -> bool:
        return self.project is not None and self.environment is not None


@dataclass(frozen=True)
class TopResource:
    billing_period: str
    project: str | None
    environment: str | None
    component: str | None
    resource_id: str
    resource_name: str | None
    service: str | None
    effective: Decimal
    billed: Decimal
