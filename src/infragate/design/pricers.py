"""The pricer of each component kind: a placement in, its cost lines out, each with the
assumption that drives it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost_line import (
    CENT,
    KB_PER_GB,
    Line,
    Usage,
    hours_note,
    line_for,
    month_share,
    pct,
)
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook

# Set by cost.price on the metrics placement: the alarms its environment has targets for.
ALARM_TARGETS = "alarm_targets"

Pricer = Callable[[Placement, PriceBook, Catalog, Usage], list[Line]]


def _vm(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    volume = Decimal(p.storage_gb or 0) * p.count * month_share(p)
    return [
        line_for(
            p,
            book,
            f"vm.hour:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {hours_note(p)}",
        ),
        line_for(
            p,
            book,
            "block_storage.gb_month",
            "gp3 volume",
            volume,
            f"{p.count} × {p.storage_gb} GB, billed while the volume exists",
        ),
    ]


def _containers(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    task_hours = Decimal(p.count * p.hours)
    note = f"{p.count} task{'s' if p.count > 1 else ''} × {hours_note(p)}"
    return [
        line_for(
            p,
            book,
            "fargate.vcpu_hour",
            f"{p.size.name} vCPU-hours",
            task_hours * p.size.vcpu,
            f"{note} × {p.size.vcpu} vCPU",
        ),
        line_for(
            p,
            book,
            "fargate.gb_hour",
            f"{p.size.name} memory GB-hours",
            task_hours * p.size.memory_gb,
            f"{note} × {p.size.memory_gb} GB",
        ),
    ]


def _postgres(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None and p.storage_gb is not None
    factor = 2 if p.multi_az else 1
    az = "Multi-AZ: primary and standby" if p.multi_az else "single-AZ"
    return [
        line_for(
            p,
            book,
            f"rds_postgres.hour:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(factor * p.hours),
            f"{factor} × {hours_note(p)} ({az})",
        ),
        line_for(
            p,
            book,
            "rds.storage_gb_month",
            "gp3 storage",
            Decimal(factor * p.storage_gb) * month_share(p),
            f"{factor} × {p.storage_gb} GB ({az}), billed while the database exists",
        ),
    ]


def _backups(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    data = Decimal(p.settings["data_gb"])
    change = c.usage.backup_daily_change
    free = Decimal(p.settings["free_allowance_gb"])
    billable = max(Decimal(0), data * (1 + days * change) - free).quantize(CENT)
    return [
        line_for(
            p,
            book,
            "rds.backup_gb_month",
            "backup storage beyond the free allowance",
            billable,
            f"{data} GB × (1 + {days} days retained × {pct(change)} % daily change), "
            f"less the free allowance of {free} GB (= provisioned storage)",
        ),
    ]


def _redis(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    role = "primary and replica" if p.count > 1 else "one node"
    return [
        line_for(
            p,
            book,
            f"elasticache.hour:{p.size.name}",
            f"{p.size.name} node-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {hours_note(p)} ({role}; ElastiCache nodes cannot be stopped)",
        )
    ]


def _object_storage(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return [
            line_for(
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
        line_for(
            p,
            book,
            "object_storage.gb_month",
            "stored GB-month",
            u.object_gb,
            f"{u.object_gb} GB stored",
        ),
        line_for(
            p,
            book,
            "object_storage.get_1k",
            "GET requests",
            gets,
            f"{pct(c.usage.object_get_share)} % of {u.monthly_requests:,.0f} requests",
        ),
        line_for(
            p,
            book,
            "object_storage.put_1k",
            "PUT requests",
            puts,
            f"{pct(c.usage.object_put_share)} % of {u.monthly_requests:,.0f} requests",
        ),
    ]


def _queue(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return []
    messages = u.monthly_requests * c.usage.queue_messages_per_request
    millions = (messages * c.usage.queue_requests_per_message / 1_000_000).quantize(CENT)
    return [
        line_for(
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


def _load_balancer(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    lines = [
        line_for(
            p,
            book,
            "alb.hour",
            "load balancer hours",
            Decimal(p.hours),
            f"{hours_note(p)} (a load balancer cannot be stopped)",
        )
    ]
    if p.env.name == "prod":
        lcu = max(Decimal(1), (u.average_rps / c.usage.lcu_rps).quantize(CENT))
        lines.append(
            line_for(
                p,
                book,
                "alb.lcu_hour",
                "capacity units (LCU-hours)",
                lcu * p.hours,
                f"{lcu} LCU × {p.hours} h (average {u.average_rps} rps, "
                f"{c.usage.lcu_rps} new connections/s per LCU, at least 1)",
            )
        )
    return lines


# Gateway endpoints are not in the price book: AWS charges nothing for them. The line is
# kept so that the frame shows what the network has and why it costs nothing.
S3_GATEWAY_ENDPOINT_SOURCE = (
    "AWS PrivateLink guide, 'Gateway endpoints': \"There is no additional charge for using "
    'gateway endpoints" (https://docs.aws.amazon.com/vpc/latest/privatelink/'
    "gateway-endpoints.html, read 2026-12-06)"
)


def _nat(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    gb = c.usage.nat_gb_per_environment
    endpoint = p.settings.get("s3_gateway_endpoint") == "yes"
    if p.count == 1:
        hours = hours_note(p)
    else:
        hours = f"{p.count} gateways, one per availability zone × {hours_note(p)}"
    lines = [
        line_for(p, book, "nat.hour", "NAT gateway hours", Decimal(p.count * p.hours), hours),
        line_for(
            p,
            book,
            "nat.gb",
            "data processed",
            gb,
            f"{gb} GB of image pulls and outbound API calls"
            + (
                ", shared by the gateways; S3 traffic (image layers, the bucket) takes the "
                "gateway endpoint, so this is an upper bound"
                if endpoint
                else ""
            ),
        ),
    ]
    if endpoint:
        lines.append(
            Line(
                p.env.name,
                p.id,
                "S3 gateway endpoint",
                Decimal(1),
                "endpoint-month",
                Decimal(0),
                Decimal("0.00"),
                "one gateway endpoint on the private route tables; gateway endpoints and the "
                "data through them carry no charge",
                S3_GATEWAY_ENDPOINT_SOURCE,
            )
        )
    return lines


def _logs(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    if p.env.name == "prod":
        ingest = (u.monthly_requests * c.usage.log_kb_per_request / KB_PER_GB).quantize(CENT)
        note = f"{u.monthly_requests:,.0f} requests × {c.usage.log_kb_per_request} KB of logs"
    else:
        ingest, note = Decimal(1), "1 GB of test-traffic logs"
    stored = (ingest * min(days, 30) / 30).quantize(CENT)
    return [
        line_for(p, book, "logs.ingest_gb", "log ingestion", ingest, note),
        line_for(
            p,
            book,
            "logs.archive_gb_month",
            "log storage",
            stored,
            f"{days}-day retention: about {min(days, 30)}/30 of a month's logs kept",
        ),
    ]


def _metrics(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    wanted = c.usage.alarms.get(p.env.name, 0)
    alarms = Decimal(min(wanted, int(p.settings.get(ALARM_TARGETS, wanted))))
    metrics = Decimal(c.usage.custom_metrics.get(p.env.name, 0))
    return [
        line_for(
            p,
            book,
            "metrics.alarm_month",
            "alarms",
            alarms,
            f"{alarms} alarms: errors, latency, saturation, health, database, budget",
        ),
        line_for(
            p,
            book,
            "metrics.custom_metric_month",
            "custom metrics",
            metrics,
            f"{metrics} application metrics",
        ),
    ]


def _transfer(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    return [
        line_for(
            p,
            book,
            "transfer.internet_out_gb",
            "internet egress",
            u.egress_gb,
            f"{u.egress_gb} GB: {u.egress_note}; the 100 GB monthly free allowance is "
            "per account and not applied",
        )
    ]


PRICERS: dict[str, Pricer] = {
    "vm": _vm,
    "container_service": _containers,
    "postgres": _postgres,
    "backups": _backups,
    "redis": _redis,
    "object_storage": _object_storage,
    "queue": _queue,
    "load_balancer": _load_balancer,
    "nat_gateway": _nat,
    "logs": _logs,
    "metrics": _metrics,
    "data_transfer": _transfer,
}
