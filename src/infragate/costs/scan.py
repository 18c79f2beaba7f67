"""Read one FOCUS file in one pass and return what the store keeps of it: facts (spend summed
by day, schedule window, charge category, attribution, service and unit), the top resources
of each project and environment, and the totals per charge category.

The file is scanned once into a table of resource-level sums (far smaller than the file);
problems are counted in the same pass and, only when there are some, located row by row in a
second, single-threaded pass. DuckDB spills to a temporary folder beyond MEMORY_LIMIT, so a
file larger than memory is read in bounded memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from infragate.costs.model import Fact, TopResource
from infragate.costs.problems import SHOWN, FocusError, FocusProblem
from infragate.costs.source import (
    CHECKS,
    ROW_CHECKS,
    Source,
    any_problem_sql,
    checked_sql,
    in_window_sql,
    open_source,
    period_sql,
    tag_picks,
    typed_sql,
    unreadable,
)
from infragate.costs.tagmap import TagMap

# What DuckDB may hold before it spills to disk: the import's target is under 1 GB in all.
MEMORY_LIMIT = "640MB"
# The resources kept per project, environment and billing period (and for unattributed
# spend): enough to say where the money goes without storing every resource.
TOP_RESOURCES = 10

KEYS = (
    "billing_account",
    "billing_period",
    "currency",
    "day",
    "in_window",
    "charge_category",
    "charge_class",
    "sub_account",
    "project",
    "environment",
    "team",
    "cost_center",
    "component",
    "preview",
    "service",
    "region",
    "consumed_unit",
)


@dataclass(frozen=True)
class Scanned:
    path: Path
    version: str
    rows: int
    facts: list[Fact]
    top_resources: list[TopResource]
    periods: list[tuple[str | None, str]]  # (billing account, billing period start day)
    billed: dict[str, Decimal]  # per charge category
    effective: dict[str, Decimal]


@contextmanager
def connection() -> Iterator[Any]:
    import duckdb

    with tempfile.TemporaryDirectory(prefix="infragate-duckdb-") as spill:
        con = duckdb.connect(
            config={
                "memory_limit": MEMORY_LIMIT,
                "temp_directory": spill,
                "preserve_insertion_order": False,
            }
        )
        con.execute("SET TimeZone = 'UTC'")  # ICU loads with the connection, not before
        try:
            yield con
        finally:
            con.close()


def scan(path: Path, tags: TagMap) -> Scanned:
    import duckdb

    with connection() as con:
        source = open_source(con, path)
        try:
            con.execute(_aggregate_sql(typed_sql(source)))
        except duckdb.Error as exc:
            raise FocusError([FocusProblem(path, None, None, unreadable(exc, path))]) from None
        bad = con.execute("SELECT coalesce(sum(bad), 0) FROM agg WHERE fact").fetchone()
        picks, values = tag_picks(tags)
        con.execute(
            f"""CREATE TEMP TABLE tagdims AS SELECT tags, {picks}
            FROM (SELECT tags, {values} AS tag_values FROM (SELECT DISTINCT tags FROM agg))"""
        )
        con.execute(
            f"""CREATE TEMP TABLE periods AS SELECT *,
              CAST(CAST(period_start AS DATE) AS VARCHAR) AS billing_period,
              period_start IS NULL OR period_end IS NULL OR period_end <= period_start AS bad
            FROM (
              SELECT period_start_text, period_end_text,
                {period_sql("period_start_text")} AS period_start,
                {period_sql("period_end_text")} AS period_end
              FROM (SELECT DISTINCT period_start_text, period_end_text FROM agg WHERE fact)
            )"""
        )
        values_bad = con.execute(
            "SELECT (SELECT count(*) FROM tagdims WHERE NOT tags_ok) "
            "+ (SELECT count(*) FROM periods WHERE bad)"
        ).fetchone()
        if (bad and bad[0]) or (values_bad and values_bad[0]):
            raise _located(con, source, tags)
        con.execute(_facts_table_sql())
        _check_currency(con, source)
        return Scanned(
            path,
            source.version,
            int(con.execute("SELECT coalesce(sum(n), 0) FROM facts").fetchone()[0]),
            _facts(con),
            _top_resources(con),
            [
                (a, str(p))
                for a, p in con.execute(
                    "SELECT DISTINCT billing_account, billing_period FROM facts ORDER BY 2, 1"
                ).fetchall()
            ],
            *_totals(con),
        )


# What a charge is summed by in the one pass over the file (tags and billing periods as
# text: parsed once per distinct value afterwards), and the resource-level grouping.
ROW_KEYS = (
    "billing_account, period_start_text, period_end_text, currency, day, in_window, "
    "charge_category, charge_class, sub_account, tags, service, region, consumed_unit"
)
RESOURCE_KEYS = "period_start_text, tags, resource_id"
FACT_KEYS = ", ".join(KEYS)
# the facts table's columns: days were kept as dates while summing, text from here on
FACT_COLUMNS = ", ".join("CAST(day AS VARCHAR) AS day" if k == "day" else k for k in KEYS)


def _aggregate_sql(typed: str) -> str:
    """One scan, two groupings: the facts, and spend per resource (for the top resources)."""
    return f"""
    CREATE TEMP TABLE agg AS
    SELECT
      grouping(day) = 0 AS fact,
      {ROW_KEYS}, resource_id,
      any_value(resource_name) AS resource_name,
      any_value(service) AS any_service,
      sum(billed) AS billed,
      sum(effective) AS effective,
      sum(list_cost) AS list_cost,
      sum(consumed_quantity) AS consumed_quantity,
      count(*) AS n,
      min(charge_start) AS first_start,
      max(charge_end) AS last_end,
      count(*) FILTER (WHERE {any_problem_sql(ROW_CHECKS)}) AS bad
    FROM (
      SELECT *,
        CAST(charge_start AS DATE) AS day,
        coalesce({in_window_sql()}, true) AS in_window
      FROM ({typed}) AS typed
    ) AS charges
    GROUP BY GROUPING SETS (({ROW_KEYS}), ({RESOURCE_KEYS}))
    """


def _facts_table_sql() -> str:
    return f"""
    CREATE TEMP TABLE facts AS
    SELECT {FACT_COLUMNS},
      sum(a.billed) AS billed, sum(a.effective) AS effective, sum(a.list_cost) AS list_cost,
      sum(a.consumed_quantity) AS consumed_quantity, sum(a.n) AS n,
      min(a.first_start) AS first_start, max(a.last_end) AS last_end
    FROM agg AS a
    JOIN tagdims AS t ON a.tags IS NOT DISTINCT FROM t.tags
    JOIN periods AS p ON a.period_start_text IS NOT DISTINCT FROM p.period_start_text
      AND a.period_end_text IS NOT DISTINCT FROM p.period_end_text
    WHERE a.fact
    GROUP BY ALL
    """


def _located(con: Any, source: Source, tags: TagMap) -> FocusError:
    """Where each problem is: a second pass in file order, only when the first found some."""
    con.execute("SET threads = 1")
    con.execute("SET preserve_insertion_order = true")
    flags = ", ".join(f"coalesce({flag}, false) AS f{i}" for i, (flag, _, _) in enumerate(CHECKS))
    first_row = 2 if source.is_csv else 1
    checked = checked_sql(source, tags)
    total = con.execute(f"SELECT count(*) FROM ({checked}) WHERE {any_problem_sql()}").fetchone()
    rows = con.execute(
        f"""
        SELECT row, {", ".join(f"f{i}" for i in range(len(CHECKS)))} FROM (
          SELECT row_number() OVER () - 1 + {first_row} AS row, {flags},
                 {any_problem_sql()} AS bad
          FROM ({checked}) AS checked
        ) WHERE bad ORDER BY row LIMIT {SHOWN}
        """
    ).fetchall()
    problems: list[FocusProblem] = []
    found = 0
    for row, *hits in rows:
        for (_, column, message), hit in zip(CHECKS, hits, strict=True):
            if hit:
                found += 1
                if len(problems) < SHOWN:
                    problems.append(FocusProblem(source.path, int(row), column, message))
    more = max(0, int(total[0] if total else 0) - len(rows)) + (found - len(problems))
    return FocusError(problems, more=more)


def _check_currency(con: Any, source: Source) -> None:
    mixed = con.execute(
        """
        SELECT billing_account, billing_period, list(DISTINCT currency ORDER BY currency)
        FROM facts GROUP BY 1, 2 HAVING count(DISTINCT currency) > 1 ORDER BY 2, 1
        """
    ).fetchall()
    if not mixed:
        return
    account, period, currencies = mixed[0]
    # the row where the period's second currency first appears, found in file order
    con.execute("SET threads = 1")
    con.execute("SET preserve_insertion_order = true")
    first_row = 2 if source.is_csv else 1
    located = con.execute(
        f"""
        SELECT row, currency, first_currency FROM (
          SELECT row, currency, first_value(currency) OVER (ORDER BY row) AS first_currency
          FROM (
            SELECT row_number() OVER () - 1 + {first_row} AS row, currency,
                   billing_account, period_start_text
            FROM ({typed_sql(source)})
          )
          WHERE billing_account IS NOT DISTINCT FROM $account
            AND CAST(TRY_CAST(period_start_text AS TIMESTAMPTZ) AS DATE) = $period::DATE
        ) WHERE currency IS DISTINCT FROM first_currency ORDER BY row LIMIT 1
        """,
        {"account": account, "period": period},
    ).fetchone()
    row, currency, first = located if located else (None, None, None)
    found = (
        f"{currency}, but the rows before it bill this period in {first}"
        if located
        else f"currencies {', '.join(currencies)} in one period"
    )
    raise FocusError(
        [
            FocusProblem(
                source.path,
                None if row is None else int(row),
                "BillingCurrency",
                f"{found} (billing period {period}, account {account or '(none)'}): a "
                "billing period is billed in one currency",
            )
        ]
    )


def _facts(con: Any) -> list[Fact]:
    rows = con.execute(
        f"""
        SELECT {FACT_KEYS},
          billed, effective, list_cost, consumed_quantity, n,
          strftime(first_start, '%Y-%m-%dT%H:%M:%SZ'),
          strftime(last_end, '%Y-%m-%dT%H:%M:%SZ')
        FROM facts ORDER BY {FACT_KEYS}
        """
    ).fetchall()
    return [Fact.from_row(row) for row in rows]


def _top_resources(con: Any) -> list[TopResource]:
    rows = con.execute(
        f"""
        SELECT billing_period, project, environment, component, resource_id, resource_name,
               any_service, effective, billed
        FROM (
          SELECT p.billing_period, t.project, t.environment, t.component, a.resource_id,
                 any_value(a.resource_name) AS resource_name,
                 any_value(a.any_service) AS any_service,
                 sum(a.effective) AS effective, sum(a.billed) AS billed,
                 row_number() OVER (
                   PARTITION BY p.billing_period, t.project, t.environment
                   ORDER BY sum(a.effective) DESC, a.resource_id
                 ) AS rank
          FROM agg AS a
          JOIN tagdims AS t ON a.tags IS NOT DISTINCT FROM t.tags
          JOIN (SELECT DISTINCT period_start_text, billing_period FROM periods) AS p
            ON a.period_start_text IS NOT DISTINCT FROM p.period_start_text
          WHERE NOT a.fact AND a.resource_id IS NOT NULL
          GROUP BY p.billing_period, t.project, t.environment, t.component, a.resource_id
        ) WHERE rank <= {TOP_RESOURCES}
        ORDER BY billing_period, project NULLS LAST, environment NULLS LAST, effective DESC
        """
    ).fetchall()
    return [TopResource(*row) for row in rows]


def _totals(con: Any) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    rows = con.execute(
        "SELECT charge_category, sum(billed), sum(effective) FROM facts GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return (
        {str(c): Decimal(b) for c, b, _ in rows},
        {str(c): Decimal(e) for c, _, e in rows},
    )
