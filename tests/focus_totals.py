"""Totals of a FOCUS CSV file computed independently of infragate's import.

Only Python's csv module and Decimal: no DuckDB, no infragate code, so a test can hold the
import's sums against these to the cent. BilledCost and EffectiveCost are summed per
ChargeCategory, per BillingPeriodStart and per SubAccountId. A literal `NULL` (or an empty
field) is a missing value: it adds nothing and is counted apart.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

NULL = "NULL"
CENT = Decimal("0.01")
METRICS = ("BilledCost", "EffectiveCost")


def cents(value: Decimal) -> Decimal:
    """A sum rounded to the cent, as a report shows it."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def period_key(value: str) -> str:
    """`2024-09-01T00:00:00Z` and `2024-09-01 00:00:00` name the same period start."""
    text = value.strip().replace("T", " ").removesuffix("Z")
    return text[:19]


@dataclass
class Sums:
    """BilledCost and EffectiveCost sums under one key."""

    billed: Decimal = Decimal(0)
    effective: Decimal = Decimal(0)


@dataclass
class FocusTotals:
    rows: int = 0
    billed: Decimal = Decimal(0)
    effective: Decimal = Decimal(0)
    missing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    by_category: dict[str, Sums] = field(default_factory=lambda: defaultdict(Sums))
    by_period: dict[str, Sums] = field(default_factory=lambda: defaultdict(Sums))
    # None: SubAccountId missing (NULL or empty)
    by_subaccount: dict[str | None, Sums] = field(default_factory=lambda: defaultdict(Sums))


def _present(value: str | None) -> str | None:
    if value is None or value == "" or value == NULL:
        return None
    return value


def _rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


def totals(path: Path) -> FocusTotals:
    """The sums of a FOCUS CSV or gzipped CSV file."""
    result = FocusTotals()
    for row in _rows(path):
        result.rows += 1
        amounts: dict[str, Decimal] = {}
        for metric in METRICS:
            raw = _present(row.get(metric))
            if raw is None:
                result.missing[metric] += 1
            else:
                amounts[metric] = Decimal(raw)
        billed = amounts.get("BilledCost", Decimal(0))
        effective = amounts.get("EffectiveCost", Decimal(0))
        result.billed += billed
        result.effective += effective
        keyed = (
            (result.by_category, row["ChargeCategory"]),
            (result.by_period, period_key(row["BillingPeriodStart"])),
        )
        for table, key in keyed:
            table[key].billed += billed
            table[key].effective += effective
        sub = result.by_subaccount[_present(row.get("SubAccountId"))]
        sub.billed += billed
        sub.effective += effective
    return result
