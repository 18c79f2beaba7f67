"""Observability: centralised logs, alarms and custom metrics."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, KB_PER_GB, Line, line
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook

# Set by frame.price on each metrics placement: the alarms its environment has targets for.
ALARM_TARGETS = "alarm_targets"


def logs(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    if p.env.name == "prod":
        ingest = (u.monthly_requests * c.usage.log_kb_per_request / KB_PER_GB).quantize(CENT)
        note = f"{u.monthly_requests:,.0f} requests × {c.usage.log_kb_per_request} KB of logs"
    else:
        ingest, note = Decimal(1), "1 GB of test-traffic logs"
    stored = (ingest * min(days, 30) / 30).quantize(CENT)
    return [
        line(p, book, "logs.ingest_gb", "log ingestion", ingest, note),
        line(
            p,
            book,
            "logs.archive_gb_month",
            "log storage",
            stored,
            f"{days}-day retention: about {min(days, 30)}/30 of a month's logs kept",
        ),
    ]


def metrics(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    wanted = c.usage.alarms.get(p.env.name, 0)
    alarms = Decimal(min(wanted, int(p.settings.get(ALARM_TARGETS, wanted))))
    metrics = Decimal(c.usage.custom_metrics.get(p.env.name, 0))
    return [
        line(
            p,
            book,
            "metrics.alarm_month",
            "alarms",
            alarms,
            f"{alarms} alarms: errors, latency, saturation, health, database, budget",
        ),
        line(
            p,
            book,
            "metrics.custom_metric_month",
            "custom metrics",
            metrics,
            f"{metrics} application metrics",
        ),
    ]
