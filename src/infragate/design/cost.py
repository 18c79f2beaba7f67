"""The cost frame: every placement priced line by line, each line with its assumption.

Quantities are exact decimals; each line is rounded to the cent (half up) and the
totals are sums of rounded lines, so a person can re-add the table by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from infragate.catalog.model import Catalog
from infragate.design.topology import ALWAYS_ON_HOURS, Placement
from infragate.pricing.book import PriceBook
from infragate.rules.sizing import Inputs

CENT = Decimal("0.01")
SECONDS_PER_MONTH = ALWAYS_ON_HOURS * 3600
KB_PER_GB = Decimal(1_000_000)


@dataclass(frozen=True)
class Line:
    environment: str
    component: str
    item: str
    quantity: Decimal
    unit: str
    unit_usd: Decimal
    monthly_usd: Decimal
    assumption: str
    source: str


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}"


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Usage:
    """Monthly usage figures derived from the brief, shared by every usage-priced line."""

    average_rps: Decimal
    monthly_requests: Decimal
    egress_gb: Decimal
    egress_note: str
    object_gb: Decimal


def usage(
    inputs: Inputs, catalog: Catalog, egress_gb: Decimal | None, object_gb: Decimal | None
) -> Usage:
    avg = inputs.peak_rps * catalog.capacity.average_to_peak
    requests = avg * SECONDS_PER_MONTH
    if egress_gb is None:
        egress = (requests * catalog.usage.response_kb / KB_PER_GB).quantize(CENT)
        note = (
            f"{requests:,.0f} requests × {catalog.usage.response_kb} KB per response "
            f"(average {avg} rps = {catalog.capacity.average_to_peak} × peak)"
        )
    else:
        egress, note = egress_gb, "as given in the brief (load.egress_gb_month)"
    return Usage(
        avg, requests, egress, note, object_gb if object_gb is not None else inputs.data_gb
    )


# The alarms render/alerts.py makes for each component (errors, latency and health of a
# load balancer's targets plus its own 5xx; a database's CPU, storage and connections; one
# saturation alarm per cache and instance, CPU and memory per service). An environment is priced for the
# alarms it has targets for, at most the catalog's usage.alarms: a test holds the two
# modules to the same numbers, and render refuses code that prices otherwise.
ALARMS_PER_KIND = {
    "load_balancer": 4,
    "postgres": 3,
    "mysql": 3,
    "container_service": 2,
    "redis": 1,
    "vm": 1,
}
ALARM_TARGETS = "alarm_targets"


def price(
    placements: Iterable[Placement], book: PriceBook, catalog: Catalog, use: Usage
) -> list[Line]:
    placed = list(placements)
    targets: Counter[str] = Counter()
    kinds: dict[str, set[str]] = {}
    for p in placed:
        targets[p.env.name] += ALARMS_PER_KIND.get(p.kind, 0)
        kinds.setdefault(p.env.name, set()).add(p.kind)
    lines: list[Line] = []
    for p in placed:
        if p.kind == "metrics":
            p = replace(p, settings={**p.settings, ALARM_TARGETS: str(targets[p.env.name])})
        lines.extend(_PRICERS[p.kind](p, book, catalog, use))
        lines.extend(_public_ipv4(p, book, kinds[p.env.name]))
    return lines


# Public IPv4 addresses the rendered network gives each component: the load balancer one
# per availability zone (modules/network spans 2), a NAT gateway its Elastic IP, a virtual
# machine one when no load balancer fronts it, and each task one when the environment has
# no NAT gateway (its tasks reach the internet through their own address).
NETWORK_AZS = 2


def _public_ipv4(p: Placement, book: PriceBook, env_kinds: set[str]) -> list[Line]:
    per_hour = {
        "load_balancer": NETWORK_AZS,
        "nat_gateway": 1,
        "vm": 0 if "load_balancer" in env_kinds else p.count,
        "container_service": 0 if "nat_gateway" in env_kinds else p.count,
    }.get(p.kind, 0)
    if not per_hour:
        return []
    why = {
        "load_balancer": f"{NETWORK_AZS} addresses, one per availability zone",
        "nat_gateway": "the NAT gateway's Elastic IP",
        "vm": f"{p.count} instance address{'es' if p.count > 1 else ''}",
        "container_service": f"{p.count} task address{'es' if p.count > 1 else ''} (no NAT gateway)",
    }[p.kind]
    return [
        _line(
            p,
            book,
            "ipv4.hour",
            "public IPv4 addresses",
            Decimal(per_hour * p.hours),
            f"{why} × {_hours_note(p)}",
        )
    ]


def _line(
    p: Placement, book: PriceBook, key: str, item: str, quantity: Decimal, assumption: str
) -> Line:
    unit = book.price(key)
    return Line(
        p.env.name,
        p.id,
        item,
        quantity,
        unit.unit,
        unit.usd,
        money(quantity * unit.usd),
        assumption,
        unit.source,
    )


def _hours_note(p: Placement) -> str:
    if p.env.is_preview:
        return (
            f"{p.env.instances_per_month} previews a month × {p.env.ttl_hours} h TTL = {p.hours} h"
        )
    if p.hours == ALWAYS_ON_HOURS:
        return f"{p.hours} h a month (always on)"
    return f"{p.hours} h a month ({p.env.schedule.replace('_', ' ')})"


def _month_share(p: Placement) -> Decimal:
    """Storage is billed while it exists: all month, except in previews."""
    return Decimal(p.hours) / ALWAYS_ON_HOURS if p.env.is_preview else Decimal(1)


Pricer = Callable[[Placement, PriceBook, Catalog, Usage], list[Line]]


def _vm(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    volume = Decimal(p.storage_gb or 0) * p.count * _month_share(p)
    return [
        _line(
            p,
            book,
            f"vm.hour:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {_hours_note(p)}",
        ),
        _line(
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
    note = f"{p.count} task{'s' if p.count > 1 else ''} × {_hours_note(p)}"
    return [
        _line(
            p,
            book,
            "fargate.vcpu_hour",
            f"{p.size.name} vCPU-hours",
            task_hours * p.size.vcpu,
            f"{note} × {p.size.vcpu} vCPU",
        ),
        _line(
            p,
            book,
            "fargate.gb_hour",
            f"{p.size.name} memory GB-hours",
            task_hours * p.size.memory_gb,
            f"{note} × {p.size.memory_gb} GB",
        ),
    ]


def _database(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    """An RDS instance (PostgreSQL or MySQL): primary, standby, and read replicas, if any."""
    assert p.size is not None and p.storage_gb is not None
    factor = 2 if p.multi_az else 1
    az = "Multi-AZ: primary and standby" if p.multi_az else "single-AZ"
    replicas = int(p.settings.get("read_replicas", "0"))
    lines = [
        _line(
            p,
            book,
            f"{c.components[p.kind].price_key}:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(factor * p.hours),
            f"{factor} × {_hours_note(p)} ({az})",
        ),
        _line(
            p,
            book,
            "rds.storage_gb_month",
            "gp3 storage",
            Decimal(factor * p.storage_gb) * _month_share(p),
            f"{factor} × {p.storage_gb} GB ({az}), billed while the database exists",
        ),
    ]
    if replicas:
        lines += [
            _line(
                p,
                book,
                f"{c.components[p.kind].price_key}:{p.size.name}",
                f"{p.size.name} read replica instance-hours",
                Decimal(replicas * p.hours),
                f"{replicas} read replica{'s' if replicas > 1 else ''} × {_hours_note(p)}",
            ),
            _line(
                p,
                book,
                "rds.storage_gb_month",
                "read replica gp3 storage",
                Decimal(replicas * p.storage_gb) * _month_share(p),
                f"{replicas} × {p.storage_gb} GB, a replica stores a full copy",
            ),
        ]
    return lines


def _backups(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    data = Decimal(p.settings["data_gb"])
    change = c.usage.backup_daily_change
    free = Decimal(p.settings["free_allowance_gb"])
    billable = max(Decimal(0), data * (1 + days * change) - free).quantize(CENT)
    return [
        _line(
            p,
            book,
            "rds.backup_gb_month",
            "backup storage beyond the free allowance",
            billable,
            f"{data} GB × (1 + {days} days retained × {_pct(change)} % daily change), "
            f"less the free allowance of {free} GB (= provisioned storage)",
        ),
    ]


def _redis(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    role = "primary and replica" if p.count > 1 else "one node"
    return [
        _line(
            p,
            book,
            f"elasticache.hour:{p.size.name}",
            f"{p.size.name} node-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {_hours_note(p)} ({role}; ElastiCache nodes cannot be stopped)",
        )
    ]


def _object_storage(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return [
            _line(
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
        _line(
            p,
            book,
            "object_storage.gb_month",
            "stored GB-month",
            u.object_gb,
            f"{u.object_gb} GB stored",
        ),
        _line(
            p,
            book,
            "object_storage.get_1k",
            "GET requests",
            gets,
            f"{_pct(c.usage.object_get_share)} % of {u.monthly_requests:,.0f} requests",
        ),
        _line(
            p,
            book,
            "object_storage.put_1k",
            "PUT requests",
            puts,
            f"{_pct(c.usage.object_put_share)} % of {u.monthly_requests:,.0f} requests",
        ),
    ]


def _queue(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    if p.env.name != "prod":
        return []
    messages = u.monthly_requests * c.usage.queue_messages_per_request
    millions = (messages * c.usage.queue_requests_per_message / 1_000_000).quantize(CENT)
    return [
        _line(
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
        _line(
            p,
            book,
            "alb.hour",
            "load balancer hours",
            Decimal(p.hours),
            f"{_hours_note(p)} (a load balancer cannot be stopped)",
        )
    ]
    if p.env.name == "prod":
        lcu = max(Decimal(1), (u.average_rps / c.usage.lcu_rps).quantize(CENT))
        lines.append(
            _line(
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


def _nat(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    gb = c.usage.nat_gb_per_environment
    return [
        _line(p, book, "nat.hour", "NAT gateway hours", Decimal(p.hours), _hours_note(p)),
        _line(
            p,
            book,
            "nat.gb",
            "data processed",
            gb,
            f"{gb} GB of image pulls and outbound API calls",
        ),
    ]


def _logs(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    days = int(p.settings["retention_days"])
    if p.env.name == "prod":
        ingest = (u.monthly_requests * c.usage.log_kb_per_request / KB_PER_GB).quantize(CENT)
        note = f"{u.monthly_requests:,.0f} requests × {c.usage.log_kb_per_request} KB of logs"
    else:
        ingest, note = Decimal(1), "1 GB of test-traffic logs"
    stored = (ingest * min(days, 30) / 30).quantize(CENT)
    return [
        _line(p, book, "logs.ingest_gb", "log ingestion", ingest, note),
        _line(
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
        _line(
            p,
            book,
            "metrics.alarm_month",
            "alarms",
            alarms,
            f"{alarms} alarms: errors, latency, saturation, health, database, budget",
        ),
        _line(
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
        _line(
            p,
            book,
            "transfer.internet_out_gb",
            "internet egress",
            u.egress_gb,
            f"{u.egress_gb} GB: {u.egress_note}; the 100 GB monthly free allowance is "
            "per account and not applied",
        )
    ]


_PRICERS: dict[str, Pricer] = {
    "vm": _vm,
    "container_service": _containers,
    "postgres": _database,
    "mysql": _database,
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


def total(lines: Iterable[Line]) -> Decimal:
    return sum((line.monthly_usd for line in lines), Decimal(0))
