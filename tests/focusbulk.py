"""Millions of FOCUS rows for the benchmark, written by DuckDB SQL.

`write_bulk(path, rows)` runs one `COPY (SELECT … FROM range(rows)) TO path`: no Python per
row. The cardinalities are a small organisation's month: 20 projects, 3 environments
(prod, staging, preview), 8 components each: 480 resource slots, one in 97 untagged;
30 days of hourly rows (720 hours); each resource-hour gets as many SKU lines as `rows`
needs. About one row in a thousand is a Tax, Credit, Adjustment or Purchase row. Tags are
infragate's (project, environment, team, cost_center, baseline_version, managed_by,
component, and preview = pr-N on preview rows). Amounts are DECIMAL(18,10), account ids
strings with leading zeros. A seed changes the amounts, not the shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.focusfile import columns, parquet_type

PROJECTS = 20
ENVIRONMENTS = ("prod", "staging", "preview")
COMPONENTS = (
    "web",
    "worker",
    "database",
    "cache",
    "load_balancer",
    "object_storage",
    "nat_gateway",
    "logs",
)
HOURS = 30 * 24
UNTAGGED_EVERY = 97  # every 97th resource slot carries no tags
COPIES = 10  # preview copies a month per project: one every 72 hours

_ENVS = "['" + "', '".join(ENVIRONMENTS) + "']"
_COMPS = "['" + "', '".join(COMPONENTS) + "']"


def _dims(prefix: str, projects: int) -> str:
    """One row per resource slot and preview copy: every string built once, not per row."""
    resources = projects * len(ENVIRONMENTS) * len(COMPONENTS)
    p = prefix.replace("'", "''")
    tags = (
        f'printf(\'{{"{p}baseline_version":"v1","{p}component":"%s",'
        f'"{p}cost_center":"%s","{p}environment":"%s",'
        f'"{p}managed_by":"infragate","{p}project":"%s","{p}team":"%s"%s}}\', '
        "component, cost_center, environment, project, team, "
        f"CASE WHEN environment = 'preview' THEN printf(',\"{p}preview\":\"pr-%d\"', "
        f"1 + copy + {COPIES} * project_no) ELSE '' END)"
    )
    return f"""
CREATE TEMP TABLE dims AS
WITH slots AS (
  SELECT
    k,
    k // {COPIES} AS slot,
    k % {COPIES} AS copy,
    (k // {COPIES}) % {projects} AS project_no
  FROM range({resources * COPIES}) AS t(k)
), named AS (
  SELECT
    *,
    printf('project-%02d', project_no) AS project,
    {_ENVS}[1 + (slot // {projects}) % {len(ENVIRONMENTS)}] AS environment,
    {_COMPS}[1 + (slot // {projects * len(ENVIRONMENTS)}) % {len(COMPONENTS)}] AS component,
    printf('team-%d', project_no % 5) AS team,
    printf('CC-%04d', 1000 + project_no % 7) AS cost_center,
    printf('%012d', 1000 + project_no) AS subaccount,
    slot % {UNTAGGED_EVERY} = 0 AS untagged
  FROM slots
)
SELECT
  *,
  CASE WHEN untagged THEN NULL ELSE {tags} END AS tags,
  printf('%s-%s-%s', project, environment, component)
    || CASE WHEN environment = 'preview' THEN printf('-%d', 1 + copy) ELSE '' END AS resource_name,
  printf('%s %s usage', component, environment) AS description,
  printf('service-%s', component) AS service,
  printf('sku-%s', component) AS sku
FROM named
"""


def _select(rows: int, seed: int, version: str, projects: int) -> str:
    """The SELECT of `rows` FOCUS rows with exactly the version's columns."""
    resources = projects * len(ENVIRONMENTS) * len(COMPONENTS)
    values: dict[str, str] = {
        "BilledCost": "cost",
        "EffectiveCost": "CASE WHEN category = 'Purchase' THEN 0::DECIMAL(18, 10) ELSE cost END",
        "ListCost": "cost",
        "ContractedCost": "cost",
        "BillingAccountId": "'000000424242'",
        "BillingAccountName": "'Acme Holdings'",
        "BillingAccountType": "'Billing Account'",
        "BillingCurrency": "'USD'",
        "BillingPeriodStart": "TIMESTAMPTZ '2026-11-01 00:00:00+00'",
        "BillingPeriodEnd": "TIMESTAMPTZ '2026-12-01 00:00:00+00'",
        "ChargeCategory": "category",
        "ChargeDescription": "description",
        "ChargeFrequency": "CASE WHEN category = 'Usage' THEN 'Usage-Based' ELSE 'One-Time' END",
        "ChargePeriodStart": "charge_start",
        "ChargePeriodEnd": "charge_start + INTERVAL 1 HOUR",
        "InvoiceId": "'INV-2026-11'",
        "InvoiceIssuerName": "'Amazon Web Services, Inc.'",
        "ProviderName": "'AWS'",
        "PublisherName": "'Amazon Web Services, Inc.'",
        "ServiceProviderName": "'AWS'",
        "HostProviderName": "'AWS'",
        "PricingCategory": "'Standard'",
        "PricingQuantity": "1::DECIMAL(18, 10)",
        "PricingUnit": "'Hours'",
        "ConsumedQuantity": "1::DECIMAL(18, 10)",
        "ConsumedUnit": "'Hours'",
        "RegionId": "'us-east-1'",
        "RegionName": "'US East (N. Virginia)'",
        "ResourceId": "'arn:aws:' || component || ':us-east-1:' || subaccount || ':' || resource_name",
        "ResourceName": "resource_name",
        "ServiceName": "service",
        "ServiceCategory": "'Compute'",
        "SkuId": "sku",
        "SubAccountId": "subaccount",
        "SubAccountName": "project",
        "SubAccountType": "'Linked Account'",
        "Tags": "tags",
    }
    select = ",\n  ".join(
        f'{values[c]} AS "{c}"' if c in values else f'NULL::{parquet_type(c)} AS "{c}"'
        for c in columns(version)
    )
    return f"""
WITH base AS (
  SELECT
    i,
    i % {resources} AS slot,
    (i // {resources}) % {HOURS} AS hour_no,
    hash(i, {seed}) AS h,
    CASE
      WHEN i % 997 = 1 THEN 'Tax'
      WHEN i % 991 = 2 THEN 'Credit'
      WHEN i % 983 = 3 THEN 'Adjustment'
      WHEN i % 977 = 4 THEN 'Purchase'
      ELSE 'Usage'
    END AS category
  FROM range({rows}) AS t(i)
), priced AS (
  SELECT
    *,
    TIMESTAMPTZ '2026-11-01 00:00:00+00' + to_hours(hour_no) AS charge_start,
    ((h % 1000000)::DECIMAL(18, 10) / 100000
      * CASE WHEN category = 'Credit' THEN -1 ELSE 1 END)::DECIMAL(18, 10) AS cost
  FROM base
)
SELECT
  {select}
FROM priced JOIN dims ON dims.k = priced.slot * {COPIES} + priced.hour_no // {HOURS // COPIES}
"""


def write_bulk(
    path: Path,
    rows: int,
    *,
    projects: int = PROJECTS,
    seed: int = 0,
    version: str = "1.2",
    tag_prefix: str = "",
) -> dict[str, Any]:
    """Write `rows` FOCUS rows to path: Parquet for `.parquet`, CSV otherwise (gzipped for
    `.gz`). Timestamps in CSV are written `YYYY-MM-DDTHH:MM:SSZ`, nulls as empty fields."""
    import duckdb

    if not 1 <= projects <= 99:
        raise ValueError("projects: 1 to 99")
    target = str(path).replace("'", "''")
    if path.name.endswith(".parquet"):
        options = "FORMAT parquet"
    else:
        gz = ", COMPRESSION gzip" if path.name.endswith(".gz") else ""
        options = f"FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ'{gz}"
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        con.execute(_dims(tag_prefix, projects))
        con.execute(f"COPY ({_select(rows, seed, version, projects)}) TO '{target}' ({options})")
    return {
        "rows": rows,
        "projects": [f"project-{p:02d}" for p in range(projects)],
        "environments": list(ENVIRONMENTS),
        "resources": projects * len(ENVIRONMENTS) * len(COMPONENTS),
        "bytes": path.stat().st_size,
    }
