"""The cost frame: every placement priced line by line, each line with its assumption.

The pricers of each kind live in `pricers`, the line and its rounding in `cost_line`;
this module adds the lines every kind shares (public IPv4 addresses) and the totals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost_line import Line, Usage, hours_note, line_for, money, usage
from infragate.design.pricers import ALARM_TARGETS, PRICERS
from infragate.design.topology import NETWORK_AZS, Placement
from infragate.pricing.book import PriceBook

__all__ = ["ALARMS_PER_KIND", "Line", "Usage", "money", "price", "total", "usage"]

# The alarms render/alerts.py makes for each component (errors, latency and health of a
# load balancer's targets plus its own 5xx; a database's CPU, storage and connections; one
# saturation alarm per cache and instance, CPU and memory per service). An environment is priced for the
# alarms it has targets for, at most the catalog's usage.alarms: a test holds the two
# modules to the same numbers, and render refuses code that prices otherwise.
ALARMS_PER_KIND = {"load_balancer": 4, "postgres": 3, "container_service": 2, "redis": 1, "vm": 1}


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
        lines.extend(PRICERS[p.kind](p, book, catalog, use))
        lines.extend(_public_ipv4(p, book, kinds[p.env.name]))
    return lines


# Public IPv4 addresses the rendered network gives each component: the load balancer one
# per availability zone (modules/network spans NETWORK_AZS), each NAT gateway its Elastic
# IP, a virtual machine one when no load balancer fronts it, and each task one when the
# environment has no NAT gateway (its tasks reach the internet through their own address).


def _public_ipv4(p: Placement, book: PriceBook, env_kinds: set[str]) -> list[Line]:
    per_hour = {
        "load_balancer": NETWORK_AZS,
        "nat_gateway": p.count,
        "vm": 0 if "load_balancer" in env_kinds else p.count,
        "container_service": 0 if "nat_gateway" in env_kinds else p.count,
    }.get(p.kind, 0)
    if not per_hour:
        return []
    why = {
        "load_balancer": f"{NETWORK_AZS} addresses, one per availability zone",
        "nat_gateway": "the NAT gateway's Elastic IP"
        if p.count == 1
        else f"{p.count} NAT gateways' Elastic IPs, one per availability zone",
        "vm": f"{p.count} instance address{'es' if p.count > 1 else ''}",
        "container_service": f"{p.count} task address{'es' if p.count > 1 else ''} (no NAT gateway)",
    }[p.kind]
    return [
        line_for(
            p,
            book,
            "ipv4.hour",
            "public IPv4 addresses",
            Decimal(per_hour * p.hours),
            f"{why} × {hours_note(p)}",
        )
    ]


def total(lines: Iterable[Line]) -> Decimal:
    return sum((line.monthly_usd for line in lines), Decimal(0))
