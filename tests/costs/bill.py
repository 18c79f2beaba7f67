"""A month of hourly FOCUS 1.0 charges written by the tests, from a frozen cost frame.

Every amount comes from the frame's cost lines (unit prices and quantities as frozen), so no
price is written here. The bill runs the design as the frame describes it: always-on
components every hour of the month, business-hours components Mon–Fri 08–20 UTC (judged here
independently of infragate's schedule module), ten preview copies living exactly their TTL.
Time-based lines bill per running hour; other lines (storage, requests) are spread evenly
over the hours the component exists.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from infragate.costs.frames import ComponentFrame, Frame

MONTH = datetime(2026, 12, 1, tzinfo=UTC)
NEXT_MONTH = datetime(2027, 1, 1, tzinfo=UTC)
HOURS = [
    MONTH + timedelta(hours=h) for h in range(int((NEXT_MONTH - MONTH).total_seconds()) // 3600)
]
PLACES = Decimal("0.0000000001")  # what the test writes per row, summed exactly afterwards
PREVIEW_COPIES = 10
PREVIEW_GAP_HOURS = 72
COLUMNS = (
    "BillingAccountId",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ChargeCategory",
    "BilledCost",
    "EffectiveCost",
    "ListCost",
    "BillingCurrency",
    "ServiceName",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ResourceId",
    "ResourceName",
    "RegionId",
    "Tags",
)


def in_business_hours(at: datetime) -> bool:
    return at.weekday() < 5 and 8 <= at.hour < 20


def is_hourly(unit: str) -> bool:
    return unit.lower().endswith("hour")


def is_per_instance(unit: str) -> bool:
    """A unit counting running instances, nodes or the resource itself per hour."""
    return unit.lower() in {"hour", "instance-hour", "node-hour"}


@dataclass(frozen=True)
class Row:
    start: datetime
    cost: Decimal
    quantity: Decimal
    unit: str
    service: str
    resource: str
    tags: dict[str, str] = field(default_factory=dict)
    category: str = "Usage"

    @property
    def end(self) -> datetime:
        return self.start + timedelta(hours=1)


def _q(value: Decimal) -> Decimal:
    return value.quantize(PLACES)


def component_rows(
    project: str,
    component: ComponentFrame,
    running: Sequence[datetime],
    existing: Sequence[datetime],
    *,
    scale_cost: Decimal = Decimal(1),
    scale_quantity: Decimal = Decimal(1),
    tags: dict[str, str] | None = None,
    resource_suffix: str = "",
    lines: Callable[[dict[str, object]], bool] = lambda line: True,
) -> list[Row]:
    """The rows of one component: time-based lines per running hour, the others spread over
    the hours it exists."""
    rows: list[Row] = []
    base_tags = {
        "project": project,
        "environment": component.environment,
        "component": component.id,
        **(tags or {}),
    }
    resource = f"arn:{project}:{component.environment}:{component.id}{resource_suffix}"
    for line in component.lines:
        if not lines(line):
            continue
        unit = str(line["unit"])
        monthly = Decimal(str(line["monthly_usd"]))
        quantity = Decimal(str(line["quantity"]))
        if is_hourly(unit):
            hours = Decimal(component.hours_per_month)
            per_hour_cost = _q(monthly / hours * scale_cost)
            per_hour_quantity = (
                Decimal(component.count) if is_per_instance(unit) else _q(quantity / hours)
            ) * scale_quantity
            when: Sequence[datetime] = running
        else:
            n = Decimal(len(existing))
            per_hour_cost = _q(monthly / n * scale_cost)
            per_hour_quantity = _q(quantity / n * scale_quantity)
            when = existing
        service = f"{component.kind} ({line['item']})"
        rows += [
            Row(at, per_hour_cost, per_hour_quantity, unit, service, resource, base_tags)
            for at in when
        ]
    return rows


def preview_starts() -> list[datetime]:
    return [MONTH + timedelta(hours=PREVIEW_GAP_HOURS * k) for k in range(PREVIEW_COPIES)]


def hours_from(start: datetime, count: int) -> list[datetime]:
    return [start + timedelta(hours=h) for h in range(count)]


def schedule_of(frame: Frame, component: ComponentFrame) -> list[datetime]:
    env = frame.environments[component.environment]
    if component.hours_per_month == 730:
        return list(HOURS)
    if env.schedule == "business_hours":
        return [h for h in HOURS if in_business_hours(h)]
    raise AssertionError(f"no schedule for {component.environment}/{component.id}")


def clean_rows(
    frame: Frame,
    *,
    skip: Iterable[tuple[str, str]] = (),
    preview_hours: dict[int, int] | None = None,
) -> list[Row]:
    """The frame run exactly as designed for the month (previews: copy k lives
    preview_hours.get(k, ttl) hours)."""
    rows: list[Row] = []
    skipped = set(skip)
    for key, component in sorted(frame.components.items()):
        if key in skipped:
            continue
        env = frame.environments[component.environment]
        if env.schedule == "ephemeral":
            assert env.ttl_hours is not None
            for k, start in enumerate(preview_starts()):
                life = hours_from(start, (preview_hours or {}).get(k, env.ttl_hours))
                rows += component_rows(
                    frame.project,
                    component,
                    life,
                    life,
                    tags={"preview": f"pr-{k + 1}"},
                    resource_suffix=f"-pr-{k + 1}",
                )
            continue
        rows += component_rows(frame.project, component, schedule_of(frame, component), HOURS)
    return rows


def write_focus(path: Path, rows: Iterable[Row]) -> Path:
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for r in rows:
            cost = format(r.cost, "f")
            out.writerow(
                (
                    "111122223333",
                    MONTH.strftime(stamp),
                    NEXT_MONTH.strftime(stamp),
                    r.start.strftime(stamp),
                    r.end.strftime(stamp),
                    r.category,
                    cost,
                    cost,
                    cost,
                    "USD",
                    r.service,
                    format(r.quantity, "f"),
                    r.unit,
                    r.resource,
                    r.resource.rsplit(":", 1)[-1],
                    "us-east-1",
                    json.dumps(r.tags, sort_keys=True),
                )
            )
    return path


def total(rows: Iterable[Row]) -> Decimal:
    return sum((r.cost for r in rows), Decimal(0))


def retag(rows: Iterable[Row], **tags: str) -> list[Row]:
    return [replace(r, tags={**r.tags, **tags}) for r in rows]
