"""What infragate knows of the FinOps FOCUS format: the columns of each version, how a
file's version is told from its columns, and the columns an import needs.

Column lists: FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, `specification/columns/*.md`
("Column ID") at tags v1.0 (2024-06-14), v1.1 (2024-11-08) and v1.2 (2025-05-30); 1.3 from
`specification/datasets/cost_and_usage/columns/` on the main branch (read 2026-12-07).
"""

from __future__ import annotations

from collections.abc import Iterable

CHARGE_CATEGORIES = ("Usage", "Purchase", "Tax", "Credit", "Adjustment")

# Columns a version introduced, newest first: the newest marker present names the version,
# so a file of a later version that keeps them is still read (and named by what we know).
MARKERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "1.3",
        frozenset(
            {
                "ServiceProviderName",
                "HostProviderName",
                "AllocatedMethodId",
                "AllocatedMethodDetails",
                "AllocatedResourceId",
                "AllocatedResourceName",
                "AllocatedTags",
                "ContractApplied",
            }
        ),
    ),
    (
        "1.2",
        frozenset(
            {
                "BillingAccountType",
                "SubAccountType",
                "InvoiceId",
                "PricingCurrency",
                "PricingCurrencyContractedUnitPrice",
                "PricingCurrencyEffectiveCost",
                "PricingCurrencyListUnitPrice",
            }
        ),
    ),
    (
        "1.1",
        frozenset(
            {
                "CapacityReservationId",
                "CapacityReservationStatus",
                "CommitmentDiscountQuantity",
                "CommitmentDiscountUnit",
                "ServiceSubcategory",
                "SkuMeter",
                "SkuPriceDetails",
            }
        ),
    ),
)
OLDEST = "1.0"

# What the import cannot do without, in every version: the money, when it was spent, in
# which billing period and currency, what kind of charge, and on which service.
REQUIRED = (
    "BilledCost",
    "EffectiveCost",
    "BillingCurrency",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargeCategory",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ServiceName",
)
# Read when present; a file without them is imported with those facts unknown.
OPTIONAL = (
    "ListCost",
    "BillingAccountId",
    "SubAccountId",
    "ChargeClass",
    "ConsumedQuantity",
    "ConsumedUnit",
    "RegionId",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "Tags",
    "SkuPriceDetails",
)
MONEY = ("BilledCost", "EffectiveCost", "ListCost")
TIMES = ("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd")


def detect_version(columns: Iterable[str]) -> str:
    present = set(columns)
    for version, marker in MARKERS:
        if present & marker:
            return version
    return OLDEST


def missing_required(columns: Iterable[str]) -> list[str]:
    present = set(columns)
    return [c for c in REQUIRED if c not in present]
