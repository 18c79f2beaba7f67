"""The cost frame: every placement priced line by line, each line with its assumption.

Quantities are exact decimals; each line is rounded to the cent (half up) and the
totals are sums of rounded lines, so a person can re-add the table by hand. Each concern
prices its own components: compute, data, network, observability.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost import compute, data, network, observability
from infragate.design.cost.line import Line
from infragate.design.cost.observability import ALARM_TARGETS
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook

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
        lines.extend(network.public_ipv4(p, book, kinds[p.env.name]))
    return lines


Pricer = Callable[[Placement, PriceBook, Catalog, Usage], list[Line]]

PRICERS: dict[str, Pricer] = {
    "vm": compute.vm,
    "container_service": compute.containers,
    "postgres": data.database,
    "mysql": data.database,
    "backups": data.backups,
    "redis": data.redis,
    "object_storage": data.object_storage,
    "queue": data.queue,
    "load_balancer": network.load_balancer,
    "nat_gateway": network.nat,
    "logs": observability.logs,
    "metrics": observability.metrics,
    "data_transfer": network.transfer,
    "registry": compute.registry,
}


def total(lines: Iterable[Line]) -> Decimal:
    return sum((line.monthly_usd for line in lines), Decimal(0))
