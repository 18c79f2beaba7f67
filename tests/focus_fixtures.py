"""The FOCUS fixtures of tests/fixtures/focus/{valid,bad}/, and how they were written.

    .venv/bin/python -m tests.focus_fixtures    # rewrites both folders

valid/: one small file per FOCUS version with exactly that version's columns: two projects
(shopfront, marketplace) tagged as infragate tags them, one row of each ChargeCategory, a
literal NULL, account ids with leading zeros, a row with an empty tag map and a Tax row with
no tags at all, and a decimal written with an exponent. valid/expected.yaml holds each
file's sums, computed here from the rows' own decimals.

bad/: one defect per file; bad/expected.yaml maps each file to the problems an import must
report (see the comment at its top).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from tests.focusfile import Value, columns, write_rows
from tests.helpers import FIXTURES

FOCUS = FIXTURES / "focus"
PERIOD = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
BILLING_ACCOUNT = "001234567890"  # leading zeros: must stay a string
SUBACCOUNT = {"shopfront": "000111222333", "marketplace": "000444555666"}
TAGS = {
    "shopfront": {"team": "web", "cost_center": "CC-1042"},
    "marketplace": {"team": "platform", "cost_center": "CC-3100"},
}
# file name, version, timestamp style, tag key prefix
VALID = (
    ("focus-1.0.csv", "1.0", "space", ""),
    ("focus-1.1.csv.gz", "1.1", "space", "user:"),
    ("focus-1.2.parquet", "1.2", "iso", ""),
    ("focus-1.3.csv", "1.3", "iso", ""),
)


def tags(project: str, env: str, component: str | None, prefix: str = "", **extra: str) -> Any:
    found = {
        "project": project,
        "environment": env,
        **TAGS[project],
        "baseline_version": "v1",
        "managed_by": "infragate",
        **({"component": component} if component else {}),
        **extra,
    }
    return {prefix + k: v for k, v in found.items()}


def hour(day: int, at: int) -> tuple[datetime, datetime]:
    start = datetime(2026, 11, day, at, tzinfo=UTC)
    return start, start.replace(hour=at + 1)


def _usage(
    project: str,
    env: str,
    component: str,
    service: str,
    category: str,
    cost: Value,
    day: int,
    at: int,
    prefix: str,
    **extra: str,
) -> dict[str, Value]:
    start, end = hour(day, at)
    name = f"{project}-{env}-{component}" + (
        f"-{extra['preview'][3:]}" if "preview" in extra else ""
    )
    return {
        "ChargeCategory": "Usage",
        "ChargeDescription": f"{service} usage",
        "ChargeFrequency": "Usage-Based",
        "ChargePeriodStart": start,
        "ChargePeriodEnd": end,
        "ServiceName": service,
        "ServiceCategory": category,
        "SubAccountId": SUBACCOUNT[project],
        "SubAccountName": project,
        "ResourceId": f"arn:aws:{component}:us-east-1:{SUBACCOUNT[project]}:{name}",
        "ResourceName": name,
        "BilledCost": cost,
        "EffectiveCost": cost,
        "ListCost": cost,
        "ContractedCost": cost,
        "PricingQuantity": Decimal(1),
        "PricingUnit": "Hours",
        "ConsumedQuantity": Decimal(1),
        "ConsumedUnit": "Hours",
        "PricingCategory": "Standard",
        "Tags": tags(project, env, component, prefix, **extra),
    }


def valid_rows(prefix: str) -> list[dict[str, Value]]:
    """The rows every version's file carries (columns a version lacks are dropped)."""
    month_start, month_end = PERIOD
    rows = [
        _usage(
            "shopfront",
            "prod",
            "web",
            "Amazon Elastic Container Service",
            "Compute",
            Decimal("0.0404800000"),
            2,
            9,
            prefix,
        ),
        # an amount written with an exponent: valid, 0.04048
        _usage(
            "marketplace",
            "preview",
            "web",
            "Amazon Elastic Container Service",
            "Compute",
            "4.048E-2",
            3,
            14,
            prefix,
            preview="pr-7",
        ),
        _usage(
            "shopfront",
            "staging",
            "database",
            "Amazon Relational Database Service",
            "Databases",
            Decimal("0.016"),
            4,
            22,
            prefix,
        ),
        # a resource nobody tagged: an empty tag map
        {
            **_usage(
                "marketplace",
                "prod",
                "object_storage",
                "Amazon Simple Storage Service",
                "Storage",
                Decimal("1.25"),
                5,
                3,
                prefix,
            ),
            "Tags": {},
        },
        {
            "ChargeCategory": "Purchase",
            "ChargeDescription": "Compute Savings Plan, 1 year, no upfront: monthly fee",
            "ChargeFrequency": "Recurring",
            "ChargePeriodStart": month_start,
            "ChargePeriodEnd": month_end,
            "ServiceName": "Savings Plans for AWS Compute usage",
            "ServiceCategory": "Compute",
            "SubAccountId": SUBACCOUNT["marketplace"],
            "SubAccountName": "marketplace",
            "CommitmentDiscountId": "arn:aws:savingsplans::000444555666:savingsplan/sp-0001",
            "CommitmentDiscountCategory": "Spend",
            "CommitmentDiscountType": "Compute Savings Plan",
            "BilledCost": Decimal("120.00"),
            "EffectiveCost": Decimal("0"),  # amortised into the usage it covers
            "ListCost": Decimal("120.00"),
            "ContractedCost": Decimal("120.00"),
            "PricingQuantity": Decimal(1),
            "PricingUnit": "Month",
            "Tags": tags("marketplace", "prod", None, prefix),
        },
        {  # a tax row: no tags at all (literal NULL)
            "ChargeCategory": "Tax",
            "ChargeDescription": "Sales tax",
            "ChargeFrequency": "Recurring",
            "ChargePeriodStart": month_start,
            "ChargePeriodEnd": month_end,
            "ServiceName": "Tax",
            "ServiceCategory": "Other",
            "SubAccountId": SUBACCOUNT["shopfront"],
            "SubAccountName": "shopfront",
            "BilledCost": Decimal("3.10"),
            "EffectiveCost": Decimal("3.10"),
            "ListCost": Decimal("3.10"),
            "ContractedCost": Decimal("3.10"),
            "PricingQuantity": None,
            "PricingUnit": None,
        },
        {
            "ChargeCategory": "Credit",
            "ChargeDescription": "Promotional credit",
            "ChargeFrequency": "One-Time",
            "ChargePeriodStart": month_start,
            "ChargePeriodEnd": month_end,
            "ServiceName": "AWS Promotional Credits",
            "ServiceCategory": "Other",
            "SubAccountId": SUBACCOUNT["shopfront"],
            "SubAccountName": "shopfront",
            "BilledCost": Decimal("-5.00"),
            "EffectiveCost": Decimal("-5.00"),
            "ListCost": Decimal("0"),
            "ContractedCost": Decimal("0"),
            "PricingQuantity": None,
            "PricingUnit": None,
            "Tags": tags("shopfront", "prod", None, prefix),
        },
        {
            "ChargeCategory": "Adjustment",
            "ChargeDescription": "Billing adjustment for a rounding difference",
            "ChargeFrequency": "One-Time",
            "ChargePeriodStart": month_start,
            "ChargePeriodEnd": month_end,
            "ServiceName": "Amazon ElastiCache",
            "ServiceCategory": "Databases",
            "SubAccountId": SUBACCOUNT["marketplace"],
            "SubAccountName": "marketplace",
            "BilledCost": Decimal("0.50"),
            "EffectiveCost": Decimal("0.50"),
            "ListCost": Decimal("0"),
            "ContractedCost": Decimal("0"),
            "PricingQuantity": None,
            "PricingUnit": None,
            "Tags": tags("marketplace", "staging", "cache", prefix),
        },
    ]
    return [common(row, month_start, month_end) for row in rows]


def common(row: Mapping[str, Value], start: datetime, end: datetime) -> dict[str, Value]:
    """The columns every row of one AWS bill shares, under the row's own."""
    shared: dict[str, Value] = {
        "BillingAccountId": BILLING_ACCOUNT,
        "BillingAccountName": "Acme Holdings",
        "BillingAccountType": "Billing Account",
        "BillingCurrency": "USD",
        "BillingPeriodStart": start,
        "BillingPeriodEnd": end,
        "InvoiceId": "INV-2026-11-0001",
        "InvoiceIssuerName": "Amazon Web Services, Inc.",
        "ProviderName": "AWS",
        "PublisherName": "Amazon Web Services, Inc.",
        "ServiceProviderName": "AWS",
        "HostProviderName": "AWS",
        "RegionId": "us-east-1",
        "RegionName": "US East (N. Virginia)",
        "SubAccountType": "Linked Account",
        "PricingCurrency": "USD",
    }
    return {**shared, **row}


def expected_sums(rows: list[dict[str, Value]]) -> dict[str, Any]:
    """Sums per ChargeCategory, as strings of decimals (a YAML float would lose digits)."""
    out: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        sums = out.setdefault(
            str(row["ChargeCategory"]), {"billed": Decimal(0), "effective": Decimal(0)}
        )
        sums["billed"] += Decimal(str(row["BilledCost"]))
        sums["effective"] += Decimal(str(row["EffectiveCost"]))
    return {
        k: {m: format(v.normalize(), "f") for m, v in s.items()} for k, s in sorted(out.items())
    }


def build_valid(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Any] = {}
    for name, version, style, prefix in VALID:
        rows = valid_rows(prefix)
        write_rows(dest / name, version, rows, style=style)  # type: ignore[arg-type]
        expected[name] = {
            "version": version,
            "rows": len(rows),
            "tag_prefix": prefix,
            "by_category": expected_sums(rows),
            "subaccounts": sorted({str(r["SubAccountId"]) for r in rows}),
            "billing_account": BILLING_ACCOUNT,
        }
    head = "# Written by tests/focus_fixtures.py; sums computed from the rows' decimals.\n"
    (dest / "expected.yaml").write_text(head + yaml.safe_dump(expected, sort_keys=True))


if __name__ == "__main__":
    from tests.focus_bad_fixtures import build_bad

    build_valid(FOCUS / "valid")
    build_bad(FOCUS / "bad")
    print(f"wrote {FOCUS / 'valid'} and {FOCUS / 'bad'}; columns of 1.3: {len(columns('1.3'))}")
