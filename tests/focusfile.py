"""Writing FOCUS rows to a file: the column set of a version, CSV, gzipped CSV or Parquet.

The column sets come from tests/fixtures/focus/versions.yaml (read from the FOCUS
specification). A row is a dict of column -> value; a column it leaves out is null.
CSV is written the way the public sample writes it: strings quoted, numbers bare, nulls as
a bare literal `NULL`. Parquet goes through DuckDB with typed columns (decimals, timestamps
with time zone, strings), so amounts stay decimal and account ids stay strings.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import tempfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from tests.helpers import FIXTURES

VERSIONS_FILE = FIXTURES / "focus" / "versions.yaml"
NULL = "NULL"
TIMESTAMPS = ("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd")
# Columns of type Decimal in the specification (each column's "Data type"), all versions.
DECIMALS = frozenset(
    {
        "BilledCost",
        "EffectiveCost",
        "ListCost",
        "ContractedCost",
        "ListUnitPrice",
        "ContractedUnitPrice",
        "PricingQuantity",
        "ConsumedQuantity",
        "CommitmentDiscountQuantity",
        "PricingCurrencyContractedUnitPrice",
        "PricingCurrencyEffectiveCost",
        "PricingCurrencyListUnitPrice",
    }
)
PARQUET_DECIMAL = "DECIMAL(38, 12)"
TimestampStyle = Literal["space", "iso"]
Value = str | Decimal | datetime | Mapping[str, Any] | None


@cache
def _versions() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VERSIONS_FILE.read_text())["versions"]
    return data


def versions() -> list[str]:
    return list(_versions())


def columns(version: str) -> list[str]:
    """Every column of a FOCUS version, in the specification's (alphabetical) order."""
    return list(_versions()[version]["columns"])


def mandatory(version: str) -> list[str]:
    return list(_versions()[version]["mandatory"])


@cache
def format_timestamp(value: datetime, style: TimestampStyle) -> str:
    if style == "iso":
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _text(value: Value, style: TimestampStyle) -> str | None:
    """A value as the text of a CSV field; None for null. Exact type checks first: this
    runs once per field of every generated row."""
    kind = type(value)
    if value is None:
        return None
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is Decimal:
        return format(value, "f")
    if kind is datetime:
        return format_timestamp(value, style)
    if isinstance(value, Mapping):
        return json.dumps(value, sort_keys=True)
    return str(value)


def csv_line(cols: list[str], row: Mapping[str, Value], style: TimestampStyle) -> str:
    """One CSV line: strings quoted, decimals (and any text given for a decimal column, such
    as `4.048E-2` or a deliberately bad value) bare, nulls as a bare NULL."""
    fields = []
    for col in cols:
        text = _text(row.get(col), style)
        if text is None:
            fields.append(NULL)
        elif col in DECIMALS:
            fields.append(text)
        else:
            fields.append('"' + text.replace('"', '""') + '"')
    return ",".join(fields) + "\n"


def write_csv(
    out: io.TextIOBase | Any,
    cols: list[str],
    rows: Iterable[Mapping[str, Value]],
    style: TimestampStyle = "space",
) -> int:
    out.write(",".join(f'"{c}"' for c in cols) + "\n")
    count = 0
    for row in rows:
        out.write(csv_line(cols, row, style))
        count += 1
    return count


def write_rows(
    path: Path,
    version: str,
    rows: Iterable[Mapping[str, Value]],
    *,
    style: TimestampStyle = "space",
    cols: list[str] | None = None,
    parquet_types: Mapping[str, str] | None = None,
) -> int:
    """Write rows as CSV, gzipped CSV or Parquet, chosen by the file name's suffix; returns
    how many. `cols` overrides the version's column set (a bad file missing one);
    `parquet_types` overrides a Parquet column's type (BilledCost as VARCHAR, say)."""
    names = cols if cols is not None else columns(version)
    if path.name.endswith(".parquet"):
        return _write_parquet(path, names, rows, parquet_types or {})
    if path.name.endswith(".gz"):
        # mtime 0 and no file name in the header: the same rows give the same bytes
        with (
            path.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
            io.TextIOWrapper(packed, encoding="utf-8", newline="") as text,
        ):
            return write_csv(text, names, rows, style)
    with path.open("w", encoding="utf-8", newline="") as f:
        return write_csv(f, names, rows, style)


def parquet_type(column: str) -> str:
    if column in DECIMALS:
        return PARQUET_DECIMAL
    if column in TIMESTAMPS:
        return "TIMESTAMPTZ"
    return "VARCHAR"


def _write_parquet(
    path: Path, cols: list[str], rows: Iterable[Mapping[str, Value]], types: Mapping[str, str]
) -> int:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "rows.csv"
        with staging.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, quoting=csv.QUOTE_ALL)
            writer.writerow(cols)
            count = 0
            for row in rows:
                texts = [_text(row.get(c), "iso") for c in cols]
                writer.writerow(["" if t is None else t for t in texts])
                count += 1
        spec = {c: types.get(c, parquet_type(c)) for c in cols}
        with duckdb.connect() as con:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(
                f"COPY (SELECT * FROM read_csv(?, header = true, columns = {_struct(spec)},"
                " nullstr = '', timestampformat = '%Y-%m-%dT%H:%M:%SZ'))"
                f" TO '{_sql_path(path)}' (FORMAT parquet)",
                [str(staging)],
            )
    return count


def _struct(spec: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"'{c}': '{t}'" for c, t in spec.items()) + "}"


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
