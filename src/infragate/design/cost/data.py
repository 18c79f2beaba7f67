"""Data: the database, its backups, the cache, object storage and the queue."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, Line, hours_note, line, month_share, pct
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook


def postgres(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None and p.storage_gb is not None
    factor = 2 if p.multi_az else 1
    az = "Multi-AZ: primary and standby" if p.multi_az else "single-AZ"
    return [
        line(
            p,
            book,
            f"rds_postgres.hour:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(factor * p.hours),
            f"{factor} × {hours_note(p)} ({az})",
        ),
        line(
            p,
            book,
            "rds.storage_gb_month",
            "gp3 storage",
            Decimal(factor * p.storage_gb) * month_share(p),
            f"{factor} × {p.storage_gb} GB ({az}), billed while the database exists",
        ),
    ]


def backups(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    data = Decimal(p.settings["data_gb"])
    change = c.usage.backup_daily_change
    free = Decimal(p.settings["free_allowance_gb"])
    billable = max(Decimal(0), data * (1 + days * change) - free).quantize(CENT)
    return [
        line(
            p,
            book,
            "rds.backup_gb_month",
            "backup storage beyond the free allowance",
            billable,
            f"{data} GB × (1 + {days} days retained × {pct(change)} % daily change), "
            f"less the free allowance of {free} GB (= provisioned storage)",
        ),
    ]


def redis(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    role = "primary and replica" if p.count > 1 else "one node"
    return [
        line(
            p,
            book,
            f"elasticache.hour:{p.size.name}",
            f"{p.size.name} node-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {hours_note(p)} ({role}; ElastiCache nodes cannot be stopped)",
        )
    ]


def object_storage(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return [
            line(
                p,
                book,
                "object_storage.gb_month",
                "stored GB-month",
                Decimal(1),
                "1 GB of test files",
            )
        ]
    gets = (u.monthly_requests * c.usage.object_get_share / 1000).quantize(CENT)
    puts = (u.monthly_requests * c.usage.object_put_share / 1000).quantize(CENT)
    return [
        line(
            p,
            book,
            "object_storage.gb_month",
            "stored GB-month",
            u.object_gb,
            f"{u.object_gb} GB stored",
        ),
        line(
            p,
            book,
            "object_storage.get_1k",
            "GET requests",
            gets,
            f"{pct(c.usage.object_get_share)} % of {u.monthly_requests:,.0f} requests",
        ),
        line(
            p,
            book,
            "object_storage.put_1k",
            "PUT requests",
            puts,
            f"{pct(c.usage.object_put_share)} % of {u.monthly_requests:,.0f} requests",
        ),
    ]


def queue(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return []
    messages = u.monthly_requests * c.usage.queue_messages_per_request
    millions = (messages * c.usage.queue_requests_per_message / 1_000_000).quantize(CENT)
    return [
        line(
            p,
            book,
            "queue.million_requests",
            "queue requests",
            millions,
            f"{messages:,.0f} messages ({c.usage.queue_messages_per_request} per request) "
            f"× {c.usage.queue_requests_per_message} calls each (send, receive, delete); "
            "free tier not applied (it is per account)",
        )
    ]
