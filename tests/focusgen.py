"""A generator of FOCUS cost data for the tests and the benchmark.

`write_month(path, scenario)` writes a month of hourly FOCUS rows for one frozen baseline,
in pure Python: every cost line of the baseline's frame is spent hour by hour, so that a
month with no knob set bills exactly the frame per environment and component. The knobs
add the spend infragate must find: a staging environment running at night, a preview
past its TTL, untagged resources, an environment no baseline has, a component billing a
multiple of its frame. It returns its own account of what it wrote, for a test to hold a
report against.

`write_bulk(path, rows, ...)` (tests/focusbulk.py) writes millions of rows with DuckDB SQL
for the benchmark.

How the frame is spent (the same rules the cost frame was priced with):
- always_on environment: every line over every hour of the month;
- business_hours environment: the hourly lines (unit `…hour`) of a component that stops
  outside the window (its hours_per_month is the environment's) within Mon–Fri
  08:00–20:00 UTC only (catalog.yaml `schedules.business_hours`; the start/stop crons of
  render/templates/infra/terraform/envs/__env__/main.tf.j2); its other lines (storage,
  secrets) and components that cannot stop (load balancer, NAT, cache) every hour;
- ephemeral (preview) environment: `instances_per_month` copies `pr-1…pr-N`, each living
  `ttl_hours`, spaced over the month; each copy spends 1/N of every line.
A line's monthly amount is split over its hours to 10 decimal places, the last hour taking
the remainder, so the month adds up to the frame exactly. Extra hours (off schedule, past
the TTL) bill at the same hourly rate.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.focusbulk import write_bulk
from tests.focusfile import TimestampStyle, Value, write_rows
from tests.focusframe import (
    CENT,
    PLACES,
    SERVICE_CATEGORY,
    business_hour,
    frame,
    split,
    subaccount,
)

__all__ = ["Scenario", "business_hour", "frame", "write_bulk", "write_month"]


@dataclass(frozen=True)
class Scenario:
    """A month of one project's bill. `baseline` is the frozen baseline document (the
    lock file's "baseline")."""

    baseline: Mapping[str, Any]
    month: date = date(2026, 11, 1)
    version: str = "1.2"
    timestamps: TimestampStyle = "space"
    staging_runs_at_night: bool = False  # business_hours environments bill outside it too
    preview_past_ttl: tuple[str, int] | None = None  # ("pr-7", hours that copy lives in all)
    untagged_usd: Decimal = Decimal(0)  # spread over three resources with no tags
    unknown_environment: str | None = None  # e.g. "qa": tagged, but no baseline has it
    unknown_environment_usd: Decimal = Decimal("40.00")
    scale: Mapping[str, Decimal | int | str] = field(default_factory=dict)  # component -> ×
    tag_prefix: str = ""  # "user:" as AWS writes user-defined tags
    tax_rate: Decimal = Decimal("0.05")  # a Tax row per environment: rate × its usage
    credit_usd: Decimal = Decimal("5.00")  # one Credit row (negative) on the last environment


@dataclass(frozen=True)
class _Line:
    env: str
    component: str
    kind: str
    service: str
    item: str
    unit: str
    unit_usd: Decimal
    monthly: Decimal  # the frame's amount times the scenario's scale
    scheduled: bool  # billed only inside the business_hours window


class _Month:
    """The rows of one scenario, and the account kept while they are produced."""

    def __init__(self, s: Scenario) -> None:
        self.s = s
        doc = s.baseline
        self.project = doc["project"]
        brief_project = doc["brief"].get("project") or {}
        self.team = brief_project.get("team") or self.project
        self.cost_center = brief_project.get("cost_center") or "unassigned"
        self.version_label = f"v{doc['version']}"
        self.region = (doc["brief"].get("cloud") or {}).get("region") or "us-east-1"
        self.account = subaccount(self.project)
        self.start = datetime(s.month.year, s.month.month, 1, tzinfo=UTC)
        days = calendar.monthrange(s.month.year, s.month.month)[1]
        self.hours = [self.start + timedelta(hours=h) for h in range(days * 24)]
        self.end = self.start + timedelta(days=days)
        self.envs = {e["name"]: e for e in doc["design"]["environments"]}
        self.components = {(c["environment"], c["id"]): c for c in doc["design"]["components"]}
        self.scale = {k: Decimal(str(v)) for k, v in s.scale.items()}
        unknown = set(self.scale) - {c for _, c in self.components}
        if unknown:
            raise ValueError(f"scale names components the baseline lacks: {sorted(unknown)}")
        self.usage: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.off: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.previews: dict[str, int] = {}
        self.past_ttl: dict[str, dict[str, Any]] = {}
        self.taxes: dict[str, Decimal] = {}
        self.tag_text: dict[tuple[str, str | None, str | None], str] = {}
        self.rows = 0
        self.billed = Decimal(0)

    # tags and rows -------------------------------------------------------------------
    def tags(self, env: str, component: str | None, preview: str | None = None) -> Value:
        """The tags as JSON text, written once per resource (not once per row)."""
        key = (env, component, preview)
        if key not in self.tag_text:
            self.tag_text[key] = json.dumps(self._tags(env, component, preview), sort_keys=True)
        return self.tag_text[key]

    def _tags(self, env: str, component: str | None, preview: str | None) -> dict[str, str]:
        found = {
            "baseline_version": self.version_label,
            "cost_center": self.cost_center,
            "environment": env,
            "managed_by": "infragate",
            "project": self.project,
            "team": self.team,
        }
        if component:
            found["component"] = component
        if preview:
            found["preview"] = preview
        return {self.s.tag_prefix + k: v for k, v in found.items()}

    def row(
        self, category: str, cost: Decimal, at: datetime, until: datetime, **cols: Value
    ) -> dict[str, Value]:
        self.rows += 1
        self.billed += cost
        return {
            "BillingAccountId": "000000424242",
            "BillingAccountName": "Acme Holdings",
            "BillingAccountType": "Billing Account",
            "BillingCurrency": "USD",
            "BillingPeriodStart": self.start,
            "BillingPeriodEnd": self.end,
            "InvoiceId": f"INV-{self.start:%Y-%m}",
            "InvoiceIssuerName": "Amazon Web Services, Inc.",
            "ProviderName": "AWS",
            "PublisherName": "Amazon Web Services, Inc.",
            "ServiceProviderName": "AWS",
            "HostProviderName": "AWS",
            "RegionId": self.region,
            "SubAccountId": self.account,
            "SubAccountName": self.project,
            "SubAccountType": "Linked Account",
            "PricingCurrency": "USD",
            "ChargeCategory": category,
            "ChargeFrequency": "Usage-Based" if category == "Usage" else "One-Time",
            "ChargePeriodStart": at,
            "ChargePeriodEnd": until,
            "BilledCost": cost,
            "EffectiveCost": cost,
            "ListCost": cost,
            "ContractedCost": cost,
            **cols,
        }

    def usage_row(
        self, line: _Line, cost: Decimal, at: datetime, copy: str | None
    ) -> dict[str, Value]:
        self.usage[line.env][line.component] += cost
        name = f"{self.project}-{line.env}-{line.component}".replace("_", "-")
        if copy:
            name += f"-{copy.removeprefix('pr-')}"
        quantity = (cost / line.unit_usd).quantize(PLACES) if line.unit_usd else Decimal(0)
        return self.row(
            "Usage",
            cost,
            at,
            at + timedelta(hours=1),
            ChargeDescription=line.item,
            ServiceName=line.service,
            ServiceCategory=SERVICE_CATEGORY.get(line.kind, "Other"),
            ResourceId=f"arn:aws:{line.kind}:{self.region}:{self.account}:{name}",
            ResourceName=name,
            ResourceType=line.kind,
            SkuId=f"{line.kind}/{line.item}",
            PricingCategory="Standard",
            PricingUnit=line.unit,
            PricingQuantity=quantity,
            ConsumedUnit=line.unit,
            ConsumedQuantity=quantity,
            ListUnitPrice=line.unit_usd,
            ContractedUnitPrice=line.unit_usd,
            Tags=self.tags(line.env, line.component, copy),
        )

    # the frame, spent ------------------------------------------------------------------
    def lines(self) -> Iterator[_Line]:
        for raw in self.s.baseline["design"]["cost"]["lines"]:
            env = self.envs[raw["environment"]]
            comp = self.components[(raw["environment"], raw["component"])]
            stops = int(comp["hours_per_month"]) == int(env["hours_per_month"])
            yield _Line(
                env=env["name"],
                component=comp["id"],
                kind=comp["kind"],
                service=comp.get("service") or comp["kind"],
                item=raw["item"],
                unit=raw["unit"],
                unit_usd=Decimal(str(raw["unit_usd"])),
                monthly=Decimal(str(raw["monthly_usd"])) * self.scale.get(comp["id"], Decimal(1)),
                scheduled=env["schedule"] == "business_hours"
                and stops
                and raw["unit"].endswith("hour"),
            )

    def spend(self, line: _Line) -> Iterator[dict[str, Value]]:
        schedule = self.envs[line.env]["schedule"]
        if schedule == "ephemeral":
            yield from self.copies(line)
            return
        inside = [h for h in self.hours if business_hour(h)] if line.scheduled else self.hours
        shares = split(line.monthly, len(inside))
        for at, cost in zip(inside, shares, strict=True):
            yield self.usage_row(line, cost, at, None)
        if line.scheduled and self.s.staging_runs_at_night:
            for at in (h for h in self.hours if not business_hour(h)):
                self.off[line.env][line.component] += shares[0]
                yield self.usage_row(line, shares[0], at, None)

    def copy_plan(self, env: Mapping[str, Any]) -> list[tuple[str, int, int]]:
        """(name, first hour, hours) of each preview copy of the month."""
        count, ttl = int(env["instances_per_month"]), int(env["ttl_hours"])
        last_start = len(self.hours) - ttl
        plan = []
        for i in range(count):
            name, start, hours = f"pr-{i + 1}", (i * last_start) // max(count - 1, 1), ttl
            if self.s.preview_past_ttl and self.s.preview_past_ttl[0] == name:
                hours = self.s.preview_past_ttl[1]
                if not ttl < hours <= len(self.hours):
                    raise ValueError(f"{name} must live more than {ttl} h, within the month")
                start = min(start, len(self.hours) - hours)
            plan.append((name, start, hours))
        return plan

    def copies(self, line: _Line) -> Iterator[dict[str, Value]]:
        env = self.envs[line.env]
        ttl = int(env["ttl_hours"])
        plan = self.copy_plan(env)
        for (name, start, hours), amount in zip(plan, split(line.monthly, len(plan)), strict=True):
            shares = split(amount, ttl)
            self.previews[name] = hours
            for offset in range(hours):
                cost = shares[offset] if offset < ttl else shares[0]
                if offset >= ttl:
                    extra = self.past_ttl.setdefault(
                        name, {"hours": hours, "ttl_hours": ttl, "extra_usd": Decimal(0)}
                    )
                    extra["extra_usd"] += cost
                yield self.usage_row(line, cost, self.hours[start + offset], name)

    # the knobs' other spend ------------------------------------------------------------
    def untagged(self) -> Iterator[dict[str, Value]]:
        resources = ("vol-0a1b2c3d4e5f60718", "eipalloc-0f1e2d3c4b5a69788", "orphaned-uploads")
        for i, (rid, amount) in enumerate(
            zip(resources, split(self.s.untagged_usd, 3), strict=True)
        ):
            for at, cost in zip(self.hours, split(amount, len(self.hours)), strict=True):
                yield self.row(
                    "Usage",
                    cost,
                    at,
                    at + timedelta(hours=1),
                    ServiceName="Amazon Elastic Compute Cloud",
                    ServiceCategory="Compute",
                    ChargeDescription="untagged resource",
                    ResourceId=rid,
                    ResourceName=rid,
                    Tags={} if i == 2 else None,
                )

    def unknown_env(self, env: str) -> Iterator[dict[str, Value]]:
        for component, amount in zip(
            ("web", "database"), split(self.s.unknown_environment_usd, 2), strict=True
        ):
            name = f"{self.project}-{env}-{component}"
            for at, cost in zip(self.hours, split(amount, len(self.hours)), strict=True):
                yield self.row(
                    "Usage",
                    cost,
                    at,
                    at + timedelta(hours=1),
                    ServiceName="Amazon Elastic Compute Cloud",
                    ServiceCategory="Compute",
                    ChargeDescription=f"{component} in {env}",
                    ResourceId=f"arn:aws:ec2:{self.region}:{self.account}:{name}",
                    ResourceName=name,
                    Tags=self.tags(env, component),
                )

    def month_rows(self) -> Iterator[dict[str, Value]]:
        if self.s.staging_runs_at_night and not any(
            e["schedule"] == "business_hours" for e in self.envs.values()
        ):
            raise ValueError(
                "staging_runs_at_night: the baseline has no business_hours environment"
            )
        for line in self.lines():
            yield from self.spend(line)
        if self.s.untagged_usd:
            yield from self.untagged()
        if self.s.unknown_environment:
            if self.s.unknown_environment in self.envs:
                raise ValueError(f"{self.s.unknown_environment} is an environment of the baseline")
            yield from self.unknown_env(self.s.unknown_environment)
        for env in self.envs:
            tax = (sum(self.usage[env].values(), Decimal(0)) * self.s.tax_rate).quantize(CENT)
            self.taxes[env] = tax
            yield self.row(
                "Tax",
                tax,
                self.start,
                self.end,
                ServiceName="Tax",
                ServiceCategory="Other",
                ChargeDescription="Sales tax",
                Tags=self.tags(env, None),
            )
        if self.s.credit_usd:
            env = list(self.envs)[-1]
            yield self.row(
                "Credit",
                -self.s.credit_usd,
                self.start,
                self.end,
                ServiceName="AWS Promotional Credits",
                ServiceCategory="Other",
                ChargeDescription="Promotional credit",
                Tags=self.tags(env, None),
            )


def write_month(path: Path, scenario: Scenario) -> dict[str, Any]:
    """Write the scenario's month to `path` (.csv, .csv.gz or .parquet) and return the
    generator's own account of it:

    project, subaccount, rows, billed (all rows), hours (of the month);
    frame {env: {component: USD}}: the baseline's cost lines;
    expected {env: {component: USD}}: frame × scale, what the schedule allows;
    usage {env: {component: USD}}: Usage billed under the baseline's environments;
    off_schedule {env: {component: USD}}; previews {pr-n: hours}; past_ttl {pr-n: {hours,
    ttl_hours, extra_usd}}; untagged_usd; unknown_environment {name: USD}; tax {env: USD};
    credit {env: USD (negative)}.
    """
    month = _Month(scenario)
    write_rows(path, scenario.version, month.month_rows(), style=scenario.timestamps)
    base = frame(scenario.baseline)
    scale = month.scale
    last_env = list(month.envs)[-1]
    return {
        "project": month.project,
        "subaccount": month.account,
        "rows": month.rows,
        "billed": month.billed,
        "hours": len(month.hours),
        "frame": base,
        "expected": {
            env: {c: v * scale.get(c, Decimal(1)) for c, v in comps.items()}
            for env, comps in base.items()
        },
        "usage": {env: dict(c) for env, c in month.usage.items()},
        "off_schedule": {env: dict(c) for env, c in month.off.items()},
        "previews": dict(month.previews),
        "past_ttl": dict(month.past_ttl),
        "untagged_usd": scenario.untagged_usd,
        "unknown_environment": (
            {scenario.unknown_environment: scenario.unknown_environment_usd}
            if scenario.unknown_environment
            else {}
        ),
        "tax": dict(month.taxes),
        "credit": {last_env: -scenario.credit_usd} if scenario.credit_usd else {},
    }
