"""Data: the database, its backups, the cache, object storage and the queue."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, Line, hours_note, line, month_share, pct
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook


def database(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    """An RDS instance (PostgreSQL or MySQL): primary, standby, and read replicas, if any."""
    assert p.size is not None and p.storage_gb is not None
    factor = 2 if p.multi_az else 1
    az = "Multi-AZ: primary and standby" if p.multi_az else "single-AZ"
    hour_key = f"{c.components[p.kind].price_key}:{p.size.name}"
    replicas = int(p.settings.get("read_replicas", "0"))
    lines = [
        line(
            p,
            book,
            hour_key,
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
        # modules/postgres (and modules/mysql, the same module for the MySQL engine) sets
        # manage_master_user_password: RDS keeps the master password
        # in Secrets Manager (one secret per instance) and rotates it every 7 days. The
        # application signs IAM tokens and its own secrets are SSM parameters (no charge).
        line(
            p,
            book,
            "secrets.secret_month",
            "master password secret",
            month_share(p),
            "1 Secrets Manager secret (manage_master_user_password), billed while it exists; "
            "its API calls (a read by the bootstrap task per apply) are a few a month, "
            f"under $0.01 at {book.price('secrets.api_10k').usd} USD per 10,000",
        ),
    ]
    if replicas:
        lines += [
            line(
                p,
                book,
                hour_key,
                f"{p.size.name} read replica instance-hours",
                Decimal(replicas * p.hours),
                f"{replicas} read replica{'s' if replicas > 1 else ''} × {hours_note(p)}",
            ),
            line(
                p,
                book,
                "rds.storage_gb_month",
                "read replica gp3 storage",
                Decimal(replicas * p.storage_gb) * month_share(p),
                f"{replicas} × {p.storage_gb} GB, a replica stores a full copy",
            ),
        ]
    return lines


def backups(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    data = Decimal(p.settings["data_gb"])
    change = c.usage.backup_daily_change
    free = Decimal(p.settings["free_allowance_gb"])
    automated = data * (1 + days * change)
    billable = max(Decimal(0), automated - free).quantize(CENT)
    # infra/ops/backup.sh snapshots the database before every deploy and keeps the
    # snapshots as long as the automated backups. A snapshot stores the blocks changed
    # since the one before it, so at most a day's change per day retained is added (at
    # most one deploy a day counts), drawing on what is left of the free allowance.
    manual = data * days * change
    with_manual = max(Decimal(0), automated + manual - free).quantize(CENT)
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
        line(
            p,
            book,
            "rds.snapshot_gb_month",
            "manual pre-deploy snapshots",
            with_manual - billable,
            f"backup.sh before each deploy, kept {days} days: at most {data} GB × "
            f"{pct(change)} % changed a day × {days} days = {manual.quantize(CENT)} GB more, "
            "billed beyond the free allowance",
        ),
    ]


def redis(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    role = "primary and replica" if p.count > 1 else "one node"
    lines = [
        line(
            p,
            book,
            f"elasticache.hour:{p.size.name}",
            f"{p.size.name} node-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {hours_note(p)} ({role}; ElastiCache nodes cannot be stopped)",
        )
    ]
    if p.settings.get("auth") == "yes":
        # modules/redis with var.auth (personal data): one secret holds REDIS_URL with the
        # AUTH token; ECS reads it once per task start.
        lines.append(
            line(
                p,
                book,
                "secrets.secret_month",
                "AUTH token secret",
                month_share(p),
                "1 Secrets Manager secret (REDIS_URL with the AUTH token, personal data), "
                "billed while it exists; its API calls (a read per task start) are a few "
                f"hundred a month at most, under $0.01 at {book.price('secrets.api_10k').usd} "
                "USD per 10,000",
            )
        )
    return lines


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
