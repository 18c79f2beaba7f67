"""A FOCUS file opened in DuckDB: its format from its name, its columns and types, and the
typed, attributed view of every charge that the import aggregates.

CSV is read with every column as text (so account ids keep their leading zeros and money is
never a float on the way in) and converted here with TRY_CAST, so that a bad value becomes
a counted problem rather than an exception. Parquet keeps its own types; floating money is
converted through its shortest text form, which is the value the exporter meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate.costs import focus
from infragate.costs.problems import FocusError, FocusProblem
from infragate.costs.schedule import sql_in_window
from infragate.costs.tagmap import DIMENSIONS, TagMap

MONEY_TYPE = "DECIMAL(38,12)"
FLOATS = {"FLOAT", "DOUBLE", "REAL"}


@dataclass(frozen=True)
class Source:
    path: Path
    relation: str  # SQL naming the file as a table
    columns: dict[str, str]  # name -> DuckDB type
    is_csv: bool

    @property
    def version(self) -> str:
        return focus.detect_version(self.columns)

    def has(self, column: str) -> bool:
        return column in self.columns


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def is_parquet(path: Path) -> bool:
    return path.name.lower().endswith(".parquet")


def relation_for(path: Path) -> str:
    if is_parquet(path):
        return f"read_parquet({literal(str(path))})"
    # Literal NULL and empty fields are missing values (the public FOCUS samples write NULL).
    return (
        f"read_csv({literal(str(path))}, header = true, all_varchar = true, "
        "nullstr = ['NULL', ''], compression = 'auto', auto_detect = true)"
    )


def open_source(con: Any, path: Path) -> Source:
    import duckdb

    if not path.is_file():
        raise FocusError([FocusProblem(path, None, None, "no such file")])
    if path.stat().st_size == 0:
        raise FocusError([FocusProblem(path, None, None, "the file is empty")])
    relation = relation_for(path)
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    except duckdb.Error as exc:
        raise FocusError([FocusProblem(path, None, None, unreadable(exc, path))]) from None
    columns = {str(name): str(kind) for name, kind, *_ in described}
    source = Source(path, relation, columns, not is_parquet(path))
    missing = focus.missing_required(columns)
    if missing:
        header_row = 1 if source.is_csv else None
        problems = [
            FocusProblem(path, header_row, c, "missing mandatory FOCUS column") for c in missing
        ]
        if len(missing) == len(focus.REQUIRED):
            problems = [
                FocusProblem(
                    path,
                    header_row,
                    None,
                    "not a FOCUS file: none of the mandatory columns "
                    f"({', '.join(focus.REQUIRED)}) is in its header",
                )
            ]
        raise FocusError(problems)
    return source


def unreadable(exc: Exception, path: Path) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if path.name.lower().endswith(".gz"):
        return f"cannot be read as gzipped CSV ({text})"
    if is_parquet(path):
        return f"cannot be read as Parquet ({text})"
    return f"cannot be read as CSV ({text})"


def _money(source: Source, column: str) -> str:
    if not source.has(column):
        return f"CAST(NULL AS {MONEY_TYPE})"
    col = quote(column)
    if source.columns[column].upper() in FLOATS:
        col = f"CAST({col} AS VARCHAR)"
    return f"TRY_CAST({col} AS {MONEY_TYPE})"


def _text(source: Source, column: str) -> str:
    if not source.has(column):
        return "CAST(NULL AS VARCHAR)"
    return f"CAST({quote(column)} AS VARCHAR)"


def _tags_text(source: Source) -> str:
    if not source.has("Tags"):
        return "CAST(NULL AS VARCHAR)"
    kind = source.columns["Tags"].upper()
    if kind.startswith("MAP") or kind.startswith("STRUCT"):
        return f"CAST(to_json({quote('Tags')}) AS VARCHAR)"
    return f"CAST({quote('Tags')} AS VARCHAR)"


def json_path(key: str) -> str:
    return "$." + '"' + key.replace('"', '\\"') + '"'


def tag_picks(tags: TagMap, column: str = "tags") -> tuple[str, str]:
    """The attribution columns, read from one JSON parse of the tags text per value."""
    paths: list[str] = []
    index: dict[str, list[int]] = {}
    for dimension in DIMENSIONS:
        for key in tags.for_dimension(dimension):
            paths.append(json_path(key))
            index.setdefault(dimension, []).append(len(paths))  # DuckDB lists are 1-based
    path_list = "[" + ", ".join(literal(p) for p in paths) + "]"
    values = f"try(json_extract_string({column}, {path_list}))"
    picks = ",\n  ".join(
        f"coalesce({', '.join(f'tag_values[{i}]' for i in index[d])}) AS {d}" for d in DIMENSIONS
    )
    # a list back means valid JSON; an object starts with a brace
    ok = f"{column} IS NULL OR (tag_values IS NOT NULL AND starts_with(ltrim({column}), '{{'))"
    return f"{ok} AS tags_ok,\n  {picks}", values


def typed_sql(source: Source) -> str:
    """One row per charge, typed: money and charge times cast, the rest as text. The billing
    period and the tags stay text here: they repeat across rows, so they are cast and parsed
    once per distinct value after summing (scan.py)."""
    charge = {c: f"TRY_CAST({_text(source, c)} AS TIMESTAMPTZ)" for c in focus.TIMES[2:]}
    raw = {c: _text(source, c) for c in (*focus.MONEY, *focus.TIMES, "ConsumedQuantity")}
    categories = ", ".join(literal(c) for c in focus.CHARGE_CATEGORIES)
    return f"""
      SELECT
        {_money(source, "BilledCost")} AS billed,
        {_money(source, "EffectiveCost")} AS effective,
        {_money(source, "ListCost")} AS list_cost,
        {_money(source, "ConsumedQuantity")} AS consumed_quantity,
        {raw["BilledCost"]} IS NOT NULL AS billed_given,
        {raw["EffectiveCost"]} IS NOT NULL AS effective_given,
        {raw["ListCost"]} IS NOT NULL AS list_given,
        {raw["ConsumedQuantity"]} IS NOT NULL AS quantity_given,
        {raw["BillingPeriodStart"]} AS period_start_text,
        {raw["BillingPeriodEnd"]} AS period_end_text,
        {charge["ChargePeriodStart"]} AS charge_start,
        {charge["ChargePeriodEnd"]} AS charge_end,
        {raw["ChargePeriodStart"]} IS NOT NULL AS charge_start_given,
        {raw["ChargePeriodEnd"]} IS NOT NULL AS charge_end_given,
        {_text(source, "BillingCurrency")} AS currency,
        {_text(source, "ChargeCategory")} AS charge_category,
        {_text(source, "ChargeCategory")} IN ({categories}) AS category_ok,
        {_text(source, "ChargeClass")} AS charge_class,
        {_text(source, "BillingAccountId")} AS billing_account,
        {_text(source, "SubAccountId")} AS sub_account,
        {_text(source, "ServiceName")} AS service,
        {_text(source, "RegionId")} AS region,
        {_text(source, "ConsumedUnit")} AS consumed_unit,
        {_text(source, "ResourceId")} AS resource_id,
        {_text(source, "ResourceName")} AS resource_name,
        {_tags_text(source)} AS tags
      FROM {source.relation}
    """


def period_sql(column: str) -> str:
    return f"TRY_CAST({column} AS TIMESTAMPTZ)"


def checked_sql(source: Source, tags: TagMap) -> str:
    """Every row with every check's inputs: the slow path, run only to locate problems."""
    picks, values = tag_picks(tags)
    return f"""
      SELECT *,
        {picks}
      FROM (
        SELECT *,
          {period_sql("period_start_text")} AS period_start,
          {period_sql("period_end_text")} AS period_end,
          period_start_text IS NOT NULL AS period_start_given,
          period_end_text IS NOT NULL AS period_end_given,
          {values} AS tag_values
        FROM ({typed_sql(source)})
      )
    """


# Each check: the flag of a bad row, the column it names, and what is wrong, in words.
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("NOT billed_given", "BilledCost", "missing: every charge has a billed cost"),
    ("billed_given AND billed IS NULL", "BilledCost", "not a decimal number"),
    ("NOT effective_given", "EffectiveCost", "missing: every charge has an effective cost"),
    ("effective_given AND effective IS NULL", "EffectiveCost", "not a decimal number"),
    ("list_given AND list_cost IS NULL", "ListCost", "not a decimal number"),
    ("quantity_given AND consumed_quantity IS NULL", "ConsumedQuantity", "not a decimal number"),
    ("NOT period_start_given", "BillingPeriodStart", "missing"),
    (
        "period_start_given AND period_start IS NULL",
        "BillingPeriodStart",
        "not a date and time (expected e.g. 2026-11-01T00:00:00Z)",
    ),
    ("NOT period_end_given", "BillingPeriodEnd", "missing"),
    (
        "period_end_given AND period_end IS NULL",
        "BillingPeriodEnd",
        "not a date and time (expected e.g. 2026-12-01T00:00:00Z)",
    ),
    ("NOT charge_start_given", "ChargePeriodStart", "missing"),
    (
        "charge_start_given AND charge_start IS NULL",
        "ChargePeriodStart",
        "not a date and time (expected e.g. 2026-11-03T14:00:00Z)",
    ),
    ("NOT charge_end_given", "ChargePeriodEnd", "missing"),
    (
        "charge_end_given AND charge_end IS NULL",
        "ChargePeriodEnd",
        "not a date and time (expected e.g. 2026-11-03T15:00:00Z)",
    ),
    ("charge_end < charge_start", "ChargePeriodEnd", "ends before ChargePeriodStart"),
    ("period_end <= period_start", "BillingPeriodEnd", "not after BillingPeriodStart"),
    ("currency IS NULL", "BillingCurrency", "missing"),
    (
        "NOT coalesce(category_ok, false)",
        "ChargeCategory",
        "not one of " + ", ".join(focus.CHARGE_CATEGORIES),
    ),
    ("NOT tags_ok", "Tags", "not a JSON object of key-value pairs"),
)


# Judged once per distinct value after summing, not per row (scan.py); the located pass
# judges them per row with the rest.
PER_VALUE = ("BillingPeriodStart", "BillingPeriodEnd", "Tags")
ROW_CHECKS = tuple(c for c in CHECKS if c[1] not in PER_VALUE)


def any_problem_sql(checks: tuple[tuple[str, str, str], ...] = CHECKS) -> str:
    return " OR ".join(f"coalesce({flag}, false)" for flag, _, _ in checks)


def in_window_sql() -> str:
    return sql_in_window("charge_start")
