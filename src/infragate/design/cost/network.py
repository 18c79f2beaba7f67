"""Network: the load balancer, the NAT gateway, public IPv4 addresses and internet egress."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, Line, hours_note, line
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook


def load_balancer(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    lines = [
        line(
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
            line(
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


def nat(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    gb = c.usage.nat_gb_per_environment
    return [
        line(p, book, "nat.hour", "NAT gateway hours", Decimal(p.hours), hours_note(p)),
        line(
            p,
            book,
            "nat.gb",
            "data processed",
            gb,
            f"{gb} GB of image pulls and outbound API calls",
        ),
    ]


def transfer(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    return [
        line(
            p,
            book,
            "transfer.internet_out_gb",
            "internet egress",
            u.egress_gb,
            f"{u.egress_gb} GB: {u.egress_note}; the 100 GB monthly free allowance is "
            "per account and not applied",
        )
    ]


# Public IPv4 addresses the rendered network gives each component: the load balancer one
# per availability zone (modules/network spans 2), a NAT gateway its Elastic IP, a virtual
# machine one when no load balancer fronts it, and each task one when the environment has
# no NAT gateway (its tasks reach the internet through their own address).
NETWORK_AZS = 2


def public_ipv4(p: Placement, book: PriceBook, env_kinds: set[str]) -> list[Line]:
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
        line(
            p,
            book,
            "ipv4.hour",
            "public IPv4 addresses",
            Decimal(per_hour * p.hours),
            f"{why} × {hours_note(p)}",
        )
    ]
