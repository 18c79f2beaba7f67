"""The independent totals of tests/focus_totals.py, checked on the public sample and on
small files whose sums are known by construction."""

from __future__ import annotations

import csv
import gzip
import shutil
from decimal import Decimal
from pathlib import Path

from tests.focus_totals import cents, period_key, totals
from tests.helpers import FIXTURES

SAMPLE = FIXTURES / "focus" / "sample" / "focus_sample.csv"


def test_the_sample_has_its_thousand_rows_and_three_charge_categories() -> None:
    t = totals(SAMPLE)
    assert t.rows == 1000
    # SOURCE.md: the sample holds no Purchase or Tax rows
    assert set(t.by_category) == {"Usage", "Adjustment", "Credit"}
    assert t.missing == {"BilledCost": 0, "EffectiveCost": 0}
    assert set(t.by_period) == {"2024-09-01 00:00:00", "2024-10-01 00:00:00"}


def test_every_grouping_of_the_sample_adds_up_to_the_same_total() -> None:
    t = totals(SAMPLE)
    for table in (t.by_category, t.by_period, t.by_subaccount):
        assert sum((s.billed for s in table.values()), Decimal(0)) == t.billed
        assert sum((s.effective for s in table.values()), Decimal(0)) == t.effective
    assert t.billed > 0


def test_the_sample_totals_match_a_row_by_row_reading() -> None:
    """A second, plainer reading: the csv module's rows, summed per category."""
    with SAMPLE.open(newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    billed, category = header.index("BilledCost"), header.index("ChargeCategory")
    expected: dict[str, Decimal] = {}
    for row in data:
        expected[row[category]] = expected.get(row[category], Decimal(0)) + Decimal(row[billed])
    t = totals(SAMPLE)
    assert {k: cents(v.billed) for k, v in t.by_category.items()} == {
        k: cents(v) for k, v in expected.items()
    }


def test_gzipped_csv_gives_the_same_totals(tmp_path: Path) -> None:
    packed = tmp_path / "sample.csv.gz"
    with SAMPLE.open("rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain, gz = totals(SAMPLE), totals(packed)
    assert (gz.rows, gz.billed, gz.effective) == (plain.rows, plain.billed, plain.effective)


def test_null_is_missing_and_timestamps_with_t_and_z_share_a_period(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text(
        "BilledCost,EffectiveCost,ChargeCategory,BillingPeriodStart,SubAccountId\n"
        "1.25,1.00,Usage,2026-11-01T00:00:00Z,000123\n"
        "NULL,2.5E-1,Usage,2026-11-01 00:00:00,NULL\n"
        "-0.30,-0.30,Credit,2026-11-01 00:00:00,000123\n"
    )
    t = totals(path)
    assert t.rows == 3
    assert t.missing == {"BilledCost": 1, "EffectiveCost": 0}
    assert t.billed == Decimal("0.95") and t.effective == Decimal("0.95")
    assert list(t.by_period) == [period_key("2026-11-01T00:00:00Z")]
    assert t.by_subaccount["000123"].billed == Decimal("0.95")
    assert t.by_subaccount[None].effective == Decimal("0.25")
    assert t.by_category["Credit"].billed == Decimal("-0.30")
