"""When a scheduled environment may bill: the catalog schedule `business_hours` stops its
components outside Mon–Fri 08:00–20:00 UTC (the window rendered in
infra/terraform/envs/<env>/main.tf as the scheduled actions' cron; a test holds the two to
the same hours). Spend of such an environment outside the window is spend that should not
exist."""

from __future__ import annotations

from datetime import datetime

BUSINESS_DAYS = frozenset({0, 1, 2, 3, 4})  # Monday..Friday, as datetime.weekday()
START_HOUR = 8
STOP_HOUR = 20
# DuckDB's isodow: Monday 1 .. Sunday 7.
SQL_IN_WINDOW = (
    f"(isodow({{ts}}) BETWEEN 1 AND 5 AND hour({{ts}}) >= {START_HOUR} "
    f"AND hour({{ts}}) < {STOP_HOUR})"
)


def in_window(at: datetime) -> bool:
    return at.weekday() in BUSINESS_DAYS and START_HOUR <= at.hour < STOP_HOUR


def sql_in_window(column: str) -> str:
    return SQL_IN_WINDOW.format(ts=column)
