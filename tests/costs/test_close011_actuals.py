"""Closure rule CLOSE011 on imported bills: the actual is the running spend of the latest
billing period billed entirely under the baseline being closed, judged against the catalog's
tolerance; without such a period it cannot be judged, and says why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from infragate.catalog.loader import load_catalog
from infragate.closure.actuals import actual_cost
from infragate.closure.model import Verdict
from infragate.closure.service import Inputs, check
from infragate.costs import frames
from infragate.costs.frames import Frame
from infragate.costs.spend import cents
from infragate.store.engine import Store
from tests.costs.bills import frame_rows, total
from tests.costs.conftest import import_bill
from tests.test_closure import Shop

NOVEMBER = [date(2026, 11, d) for d in range(1, 31)]
DECEMBER = [date(2026, 12, d) for d in range(1, 32)]


@pytest.fixture
def shop(tmp_path: Path, store: Store) -> Shop:
    """examples/shopfront frozen (2026-11-27) and rendered: what `infragate close` checks."""
    s = Shop(tmp_path / "shopfront", store)
    s.freeze_and_render()
    return s


def _frame(shop: Shop) -> Frame:
    with shop.store.read() as conn:
        frame = frames.load(conn, ["shopfront"])["shopfront"].latest
    assert frame is not None
    return frame


def _close011(shop: Shop) -> tuple[Verdict, str]:
    report = check(shop.store, Inputs(shop.lock, shop.brief, shop.root), shop.clock())
    (result,) = [r for r in report.results if r.rule.id == "CLOSE011"]
    return result.verdict, result.reason


def test_no_bills_cannot_be_judged(shop: Shop) -> None:
    verdict, reason = _close011(shop)
    assert verdict is Verdict.unjudged and reason.startswith("no bills are imported")


def test_a_partial_month_or_one_before_the_freeze_cannot_be_judged(
    tmp_path: Path, shop: Shop
) -> None:
    frame, store = _frame(shop), shop.store  # frozen on the 27th: November is not all its
    import_bill(store, tmp_path / "nov.csv", frame_rows(frame, NOVEMBER))
    import_bill(store, tmp_path / "dec.csv", frame_rows(frame, DECEMBER[:20]))
    with store.read() as conn:
        actual = actual_cost(conn, frame.project, frame.version)
    assert actual.monthly_usd is None
    assert actual.why == (
        "bills are imported up to 2026-12-20, but no complete billing period has baseline v1 "
        "in force on every day"
    )
    verdict, reason = _close011(shop)
    assert verdict is Verdict.unjudged and reason.startswith("bills are imported up to")


def test_a_full_month_within_and_beyond_the_catalog_tolerance(tmp_path: Path, shop: Shop) -> None:
    frame, store = _frame(shop), shop.store
    tolerance = load_catalog().threshold("cost_variance_pct")
    within = Decimal(1) + tolerance / 100 / 2
    bill = frame_rows(frame, DECEMBER, dict.fromkeys(frame.components, within))
    rows = import_bill(store, tmp_path / "dec.csv", bill)
    with store.read() as conn:
        actual = actual_cost(conn, frame.project, frame.version)
    assert actual.period == "2026-12" and actual.monthly_usd == total(rows)
    verdict, reason = _close011(shop)
    assert verdict is Verdict.passed, reason
    assert f"actual ${cents(total(rows))}/month in 2026-12 is within" in reason

    beyond = Decimal(1) + tolerance / 100 * 2
    # the same billing period again: it replaces the first bill
    bill = frame_rows(frame, DECEMBER, dict.fromkeys(frame.components, beyond))
    rows = import_bill(store, tmp_path / "dec2.csv", bill)
    verdict, reason = _close011(shop)
    assert verdict is Verdict.failed, reason
    limit = frame.monthly_usd * (1 + tolerance / 100)
    assert f"by more than {tolerance} % (limit ${limit:.2f})" in reason
    assert f"costs report --project {frame.project}" in reason
