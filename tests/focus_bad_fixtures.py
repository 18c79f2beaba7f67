"""The bad FOCUS inputs of tests/fixtures/focus/bad/: one defect each, tiny.

Written by `.venv/bin/python -m tests.focus_fixtures`. Every CSV file here is FOCUS 1.0
(the public sample's version) built from the valid fixtures' rows, with one thing broken.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.focus_fixtures import valid_rows
from tests.focusfile import Value, columns, write_rows

VERSION = "1.0"

EXPECTED_HEAD = """\
# Each bad file -> the problems `infragate costs import FILE` must report (exit 2, no
# traceback, nothing stored). An entry `ROW:COLUMN: text` is met by a stderr line
# `FILE:ROW:COLUMN: <problem>` whose <problem> contains `text`. ROW is the 1-based line in a
# CSV file (the header is line 1, the first data row line 2) and the 1-based row in a
# Parquet file. An entry with no ROW:COLUMN (`: text`) is a problem of the whole file: met
# by a line `FILE: <problem>` or `FILE:<anything>: <problem>` containing `text`.
# The texts follow the wording of the costs-core import (checked 2026-12-07); the mixed
# currency is expected at the row where the second currency first appears (row 4).
# Written by tests/focus_bad_fixtures.py.
"""


def _rows(count: int = 2) -> list[dict[str, Value]]:
    """The first `count` usage rows of the valid fixtures, USD, one billing period."""
    usage = [r for r in valid_rows("") if r["ChargeCategory"] == "Usage"]
    return [dict(r) for r in usage[:count]]


def _csv(
    dest: Path, name: str, rows: list[dict[str, Value]], cols: list[str] | None = None
) -> None:
    write_rows(dest / name, VERSION, rows, cols=cols)


def missing_column(dest: Path) -> list[str]:
    cols = [c for c in columns(VERSION) if c != "BilledCost"]
    _csv(dest, "missing_billedcost.csv", _rows(), cols)
    return ["1:BilledCost: missing"]


def not_numeric(dest: Path) -> list[str]:
    rows = _rows()
    rows[1]["BilledCost"] = "twelve"
    _csv(dest, "billedcost_not_numeric.csv", rows)
    return ["3:BilledCost: not a decimal"]


def bad_timestamp(dest: Path) -> list[str]:
    rows = _rows()
    rows[0]["ChargePeriodStart"] = "2026-13-45 25:00:00"
    _csv(dest, "chargeperiodstart_unparseable.csv", rows)
    return ["2:ChargePeriodStart: not a date and time"]


def unknown_category(dest: Path) -> list[str]:
    rows = _rows()
    rows[1]["ChargeCategory"] = "Refund"
    _csv(dest, "chargecategory_unknown.csv", rows)
    return ["3:ChargeCategory: not one of"]


def tags_not_object(dest: Path) -> list[str]:
    rows = _rows(3)
    rows[0]["Tags"] = '["project", "shopfront"]'  # JSON, but an array
    rows[1]["Tags"] = '{"project": "marketplace"'  # not JSON at all
    _csv(dest, "tags_not_object.csv", rows)
    return ["2:Tags: JSON object", "3:Tags: JSON object"]


def end_before_start(dest: Path) -> list[str]:
    rows = _rows()
    start, end = rows[0]["ChargePeriodStart"], rows[0]["ChargePeriodEnd"]
    rows[0]["ChargePeriodStart"], rows[0]["ChargePeriodEnd"] = end, start
    _csv(dest, "chargeperiodend_before_start.csv", rows)
    return ["2:ChargePeriodEnd: before"]


def mixed_currency(dest: Path) -> list[str]:
    rows = _rows(3)
    rows[2]["BillingCurrency"] = "EUR"  # same billing period as the USD rows above it
    _csv(dest, "billingcurrency_mixed.csv", rows)
    return ["4:BillingCurrency: EUR"]


def empty(dest: Path) -> list[str]:
    (dest / "empty.csv").write_bytes(b"")
    return [": empty"]


def not_focus(dest: Path) -> list[str]:
    (dest / "not_focus.csv").write_text("name,age,city\nann,34,Oslo\nbob,29,Lima\n")
    return [": not a FOCUS"]


def truncated_gzip(dest: Path) -> list[str]:
    whole = dest / "whole.csv.gz"
    write_rows(whole, VERSION, _rows(3))
    data = whole.read_bytes()
    whole.unlink()
    (dest / "truncated.csv.gz").write_bytes(data[: len(data) // 2])
    assert len(gzip.decompress(data)) > 0  # the whole file was good
    return [": gzip"]


def parquet_string_cost(dest: Path) -> list[str]:
    rows = _rows()
    rows[0]["BilledCost"] = "12.50"
    rows[1]["BilledCost"] = "n/a"
    write_rows(
        dest / "billedcost_string.parquet", VERSION, rows, parquet_types={"BilledCost": "VARCHAR"}
    )
    return ["2:BilledCost: not a decimal"]


CASES: tuple[Callable[[Path], list[str]], ...] = (
    missing_column,
    not_numeric,
    bad_timestamp,
    unknown_category,
    tags_not_object,
    end_before_start,
    mixed_currency,
    empty,
    not_focus,
    truncated_gzip,
    parquet_string_cost,
)


def build_bad(dest: Path) -> dict[str, list[str]]:
    shutil.rmtree(dest, ignore_errors=True)  # each case is found as the one file it adds
    dest.mkdir(parents=True)
    expected: dict[str, Any] = {}
    for case in CASES:
        before = set(dest.iterdir())
        problems = case(dest)
        (written,) = set(dest.iterdir()) - before
        expected[written.name] = problems
    text = EXPECTED_HEAD + yaml.safe_dump(expected, sort_keys=True, width=100)
    (dest / "expected.yaml").write_text(text)
    return expected
