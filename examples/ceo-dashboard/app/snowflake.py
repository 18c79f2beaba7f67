from __future__ import annotations

import asyncio
from typing import Any

import snowflake.connector

from app.config import settings

KPI_QUERY = """
SELECT metric, value, as_of
FROM reporting.kpi_daily
WHERE as_of = (SELECT MAX(as_of) FROM reporting.kpi_daily)
"""


def _fetch_kpis() -> list[dict[str, Any]]:
    conn = snowflake.connector.connect(
        account=settings.snowflake_account,
        user=settings.snowflake_user,
        password=settings.snowflake_password,
        warehouse=settings.snowflake_warehouse,
    )
    try:
        rows = conn.cursor().execute(KPI_QUERY).fetchall()
    finally:
        conn.close()
    return [{"metric": m, "value": float(v), "as_of": str(d)} for m, v, d in rows]


async def fetch_kpis() -> list[dict[str, Any]]:
    if not settings.snowflake_enabled:
        return []
    return await asyncio.to_thread(_fetch_kpis)


async def ping() -> bool:
    if not settings.snowflake_enabled:
        return True
    return await asyncio.to_thread(lambda: bool(_fetch_kpis() is not None))
