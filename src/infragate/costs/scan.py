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
    Source,
    any_problem_sql,
    in_window_sql,
    open_source,
    problem_counts_sql,
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
        typed = typed_sql(source, tags)
        try:
            con.execute(_staged_sql(typed))
        except duckdb.Error as exc:
            raise FocusError([FocusProblem(path, None, None, unreadable(exc, path))]) from None
        counts = con.execute(
            "SELECT " + ", ".join(f"sum(problem_{i})" for i in range(len(CHECKS))) + " FROM staged"
        ).fetchone()
        if counts and any(counts):
            raise _located(con, source, typed, sum(int(c or 0) for c in counts))
        _check_currency(con, source)
        return Scanned(
            path,
            source.version,
            int(con.execute("SELECT coalesce(sum(n), 0) FROM staged").fetchone()[0]),
            _facts(con),
            _top_resources(con),
            [
                (a, str(p))
                for a, p in con.execute(
                    "SELECT DISTINCT billing_account, billing_period FROM staged ORDER BY 2, 1"
                ).fetchall()
            ],
            *_totals(con),
        )


def _staged_sql(typed: str) -> str:
    return f"""
    CREATE TEMP TABLE staged AS
    SELECT
      billing_account,
      CAST(CAST(period_start AS DATE) AS VARCHAR) AS billing_period,
      currency,
      CAST(CAST(charge_start AS DATE) AS VARCHAR) AS day,
      coalesce({in_window_sql()}, true) AS in_window,
      charge_category, charge_class, sub_account,
      project, environment, team, cost_center, component, preview,
      service, region, consumed_unit, resource_id, resource_name,
      sum(billed) AS billed,
      sum(effective) AS effective,
      sum(list_cost) AS list_cost,
      sum(consumed_quantity) AS consumed_quantity,
      count(*) AS n,
      min(charge_start) AS first_start,
      max(charge_end) AS last_end,
      {problem_counts_sql()}
    FROM ({typed}) AS typed
    GROUP BY ALL
    """


def _located(con: Any, source: Source, typed: str, total: int) -> FocusError:
    """Where each problem is: a second pass in file order, only when the first found some."""
    con.execute("SET threads = 1")
    con.execute("SET preserve_insertion_order = true")
    flags = ", ".join(f"coalesce({flag}, false) AS f{i}" for i, (flag, _, _) in enumerate(CHECKS))
    first_row = 2 if source.is_csv else 1
    rows = con.execute(
        f"""
        SELECT row, {", ".join(f"f{i}" for i in range(len(CHECKS)))} FROM (
          SELECT row_number() OVER () - 1 + {first_row} AS row, {flags},
                 {any_problem_sql()} AS bad
          FROM ({typed}) AS typed
        ) WHERE bad ORDER BY row LIMIT {SHOWN}
        """
    ).fetchall()
    problems: list[FocusProblem] = []
    for row, *hits in rows:
        for (_, column, message), hit in zip(CHECKS, hits, strict=True):
            if hit and len(problems) < SHOWN:
                problems.append(FocusProblem(source.path, int(row), column, message))
    return FocusError(problems, more=max(0, total - len(problems)))


def _check_currency(con: Any, source: Source) -> None:
    mixed = con.execute(
        """
        SELECT billing_account, billing_period, list(DISTINCT currency ORDER BY currency)
        FROM staged GROUP BY 1, 2 HAVING count(DISTINCT currency) > 1 ORDER BY 2, 1
        """
    ).fetchall()
    if mixed:
        account, period, currencies = mixed[0]
        raise FocusError(
            [
                FocusProblem(
                    source.path,
                    None,
                    "BillingCurrency",
                    f"billing period {period} of account {account or '(none)'} mixes "
                    f"currencies {', '.join(currencies)}: one billing period is billed in "
                    "one currency",
                )
            ]
        )


def _facts(con: Any) -> list[Fact]:
    keys = ", ".join(KEYS)
    rows = con.execute(
        f"""
        SELECT {keys},
          sum(billed), sum(effective), sum(list_cost), sum(consumed_quantity), sum(n),
          count(DISTINCT resource_id),
          strftime(min(first_start), '%Y-%m-%dT%H:%M:%SZ'),
          strftime(max(last_end), '%Y-%m-%dT%H:%M:%SZ')
        FROM staged GROUP BY ALL ORDER BY {keys}
        """
    ).fetchall()
    return [Fact.from_row(row) for row in rows]


def _top_resources(con: Any) -> list[TopResource]:
    rows = con.execute(
        f"""
        SELECT billing_period, project, environment, component, resource_id, name, service,
               effective, billed
        FROM (
          SELECT billing_period, project, environment, component, resource_id,
                 any_value(resource_name) AS name, any_value(service) AS service,
                 sum(effective) AS effective, sum(billed) AS billed,
                 row_number() OVER (
                   PARTITION BY billing_period, project, environment
                   ORDER BY sum(effective) DESC, resource_id
                 ) AS rank
          FROM staged WHERE resource_id IS NOT NULL
          GROUP BY billing_period, project, environment, component, resource_id
        ) WHERE rank <= {TOP_RESOURCES}
        ORDER BY billing_period, project NULLS LAST, environment NULLS LAST, effective DESC
        """
    ).fetchall()
    return [TopResource(*row) for row in rows]


def _totals(con: Any) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    rows = con.execute(
        "SELECT charge_category, sum(billed), sum(effective) FROM staged GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return (
        {str(c): Decimal(b) for c, b, _ in rows},
        {str(c): Decimal(e) for c, _, e in rows},
    )
