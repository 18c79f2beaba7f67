"""Network: load balancer, NAT gateways, S3 gateway endpoint, public IPv4 and egress."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, Line, hours_note, line
from infragate.design.cost.usage import Usage
from infragate.design.topology import NETWORK_AZS, Placement
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


# Gateway endpoints are not in the price book: AWS charges nothing for them. The line is
# kept so that the frame shows what the network has and why it costs nothing.
S3_GATEWAY_ENDPOINT_SOURCE = (
    "AWS PrivateLink guide, 'Gateway endpoints': \"There is no additional charge for using "
    'gateway endpoints" (https://docs.aws.amazon.com/vpc/latest/privatelink/'
    "gateway-endpoints.html, read 2026-12-06)"
)


def nat(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    gb = c.usage.nat_gb_per_environment
    endpoint = p.settings.get("s3_gateway_endpoint") == "yes"
    if p.count == 1:
        hours = hours_note(p)
    else:
        hours = f"{p.count} gateways, one per availability zone × {hours_note(p)}"
    lines = [
        line(p, book, "nat.hour", "NAT gateway hours", Decimal(p.count * p.hours), hours),
        line(
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
# per availability zone (modules/network spans NETWORK_AZS), each NAT gateway its Elastic
# IP, a virtual machine one when no load balancer fronts it, and each task one when the
# environment has no NAT gateway (its tasks reach the internet through their own address).


def public_ipv4(p: Placement, book: PriceBook, env_kinds: set[str]) -> list[Line]:
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
        line(
            p,
            book,
            "ipv4.hour",
            "public IPv4 addresses",
            Decimal(per_hour * p.hours),
            f"{why} × {hours_note(p)}",
        )
    ]
