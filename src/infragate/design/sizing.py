"""Choosing sizes for the expected load, and showing the arithmetic."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from infragate.catalog.model import Capacity, Component, Size
from infragate.rules.sizing import Inputs


@dataclass(frozen=True)
class Load:
    """The request rate every size is checked against, with the formula that produced it."""

    required_rps: Decimal
    projected_data_gb: Decimal
    formula: str
    average_rps: Decimal = Decimal(0)  # the average a horizon out: what autoscaling is priced at
    average_formula: str = ""


def design_load(inputs: Inputs, capacity: Capacity) -> Load:
    growth = (1 + inputs.growth_pct_month / 100) ** capacity.horizon_months
    required = (inputs.peak_rps * growth * capacity.headroom).quantize(Decimal("0.01"))
    formula = (
        f"peak {inputs.peak_rps} rps × growth {growth:.3f} "
        f"({inputs.growth_pct_month} %/month over {capacity.horizon_months} months) "
        f"× headroom {capacity.headroom} = {required} rps"
    )
    average = (inputs.peak_rps * growth * capacity.average_to_peak).quantize(Decimal("0.01"))
    average_formula = (
        f"peak {inputs.peak_rps} rps × growth {growth:.3f} × average/peak "
        f"{capacity.average_to_peak} = {average} rps"
    )
    return Load(
        required,
        (inputs.data_gb * growth).quantize(Decimal("0.01")),
        formula,
        average,
        average_formula,
    )


@dataclass(frozen=True)
class Choice:
    size: Size
    count: int  # instances priced (for an autoscaled service: the tasks the average needs)
    ok: bool
    considered: tuple[str, ...]  # the alternatives, as text, for the decision record
    capacity_rps: Decimal = Decimal(0)  # one instance's capacity for this load profile
    min_count: int = 1
    max_count: int = 1  # an autoscaled service's maximum; the count it is checked at
    replicas: int = 0  # read replicas of a database


Hourly = Callable[[Size], Decimal]  # the size's price per hour (sizes offered in the region)


def _offered(sizes: list[Size], hourly: Hourly) -> list[tuple[Size, Decimal]]:
    """Each size with its price; the caller passes the sizes the region offers
    (design.topology.offered keeps those its price book prices)."""
    return [(s, hourly(s)) for s in sizes]


def smallest_fitting(sizes: list[Size], required: Decimal) -> Choice:
    """The smallest size whose capacity covers `required`; the largest if none does."""
    for size in sizes:
        if size.capacity_rps >= required:
            others = tuple(f"{s.name} ({s.capacity_rps} rps)" for s in sizes if s is not size)
            return Choice(size, 1, True, others, size.capacity_rps)
    largest = sizes[-1]
    others = tuple(f"{s.name} ({s.capacity_rps} rps)" for s in sizes[:-1])
    return Choice(largest, 1, False, others, largest.capacity_rps)


def cheapest_fitting(
    sizes: list[Size], required: Decimal, hourly: Hourly, factor: Decimal = Decimal(1)
) -> Choice:
    """The cheapest size on offer whose capacity (× the profile's factor) covers `required`;
    the largest on offer, not ok, if none does."""
    offered = _offered(sizes, hourly)
    fits = [
        (usd, i, s) for i, (s, usd) in enumerate(offered) if s.capacity_rps * factor >= required
    ]
    label = [
        f"{s.name} ({s.capacity_rps * factor:f} rps, ${usd * 730:,.2f}/month)" for s, usd in offered
    ]
    if not fits:
        largest = max(offered, key=lambda o: o[0].capacity_rps)[0]
        return Choice(largest, 1, False, tuple(label), largest.capacity_rps * factor)
    _, index, size = min(fits)
    others = tuple(text for i, text in enumerate(label) if i != index)
    return Choice(size, 1, True, others, size.capacity_rps * factor)


def cheapest_database(
    sizes: list[Size],
    required: Decimal,
    memory_gb: Decimal,
    hourly: Hourly,
    *,
    factor: Decimal = Decimal(1),
    read_share: Decimal = Decimal(0),
    standby: bool = False,
    max_replicas: int = 0,
) -> Choice:
    """The cheapest (class, read replicas) whose primary carries the writes (all requests
    without a read share) and whose replicas carry the reads, with the working set in memory.
    Replicas are of the primary's class, so that one can be promoted in its place."""
    best: tuple[Decimal, int, int] | None = None  # (hourly cost, index, replicas)
    options: list[str] = []
    offered = _offered(sizes, hourly)
    writes = required * (1 - read_share)
    reads = required * read_share
    for index, (size, usd) in enumerate(offered):
        cap = size.capacity_rps * factor
        if size.memory_gb < memory_gb:
            options.append(f"{size.name}: {size.memory_gb} GB memory < working set {memory_gb} GB")
            continue
        if cap < writes:
            options.append(f"{size.name}: {cap:f} rps < {writes:.2f} rps")
            continue
        replicas = max(1, math.ceil(reads / cap)) if read_share else 0
        if replicas > max_replicas and read_share:
            options.append(f"{size.name}: would need {replicas} replicas (limit {max_replicas})")
            continue
        cost = usd * ((2 if standby else 1) + replicas)
        tail = f" + {replicas} replica{'s' if replicas > 1 else ''}" if replicas else ""
        options.append(f"{size.name}{tail} (${cost * 730:,.2f}/month)")
        if best is None or cost < best[0]:
            best = (cost, index, replicas)
    if best is None:
        largest = max(offered, key=lambda o: (o[0].capacity_rps, o[0].memory_gb))[0]
        cap = largest.capacity_rps * factor
        replicas = min(max_replicas, max(1, math.ceil(reads / cap))) if read_share else 0
        return Choice(largest, 1, False, tuple(options), cap, replicas=replicas)
    size = offered[best[1]][0]
    chosen = options[best[1]]
    others = tuple(o for o in options if o != chosen)
    return Choice(size, 1, True, others, size.capacity_rps * factor, replicas=best[2])


def autoscaled_fleet(
    component: Component,
    required: Decimal,
    average: Decimal,
    min_count: int,
    hourly: Hourly,
    factor: Decimal = Decimal(1),
) -> Choice:
    """The task size whose average count (what the service costs) is cheapest, scaling from
    `min_count` to the tasks `required` needs, within the component's task limit."""
    best: tuple[Decimal, Decimal, int] | None = None  # (average cost, maximum cost, index)
    counts: dict[int, tuple[int, int]] = {}
    options: list[str] = []
    for index, (size, usd) in enumerate(_offered(component.sizes, hourly)):
        cap = size.capacity_rps * factor
        most = max(min_count, math.ceil(required / cap))
        if most > component.max_tasks:
            options.append(f"{size.name}: would need {most} tasks (limit {component.max_tasks})")
            continue
        mean = min(most, max(min_count, math.ceil(average / cap)))
        counts[index] = (mean, most)
        if most > mean:
            options.append(
                f"{mean}–{most} × {size.name} (${usd * mean * 730:,.2f}/month at the average, "
                f"${usd * most * 730:,.2f} at the maximum)"
            )
        else:
            options.append(f"{most} × {size.name} (${usd * most * 730:,.2f}/month)")
        key = (usd * mean, usd * most, index)
        if best is None or key < best:
            best = key
    offered = _offered(component.sizes, hourly)
    if best is None:
        largest = offered[-1][0]
        cap = largest.capacity_rps * factor
        most = component.max_tasks
        return Choice(largest, most, False, tuple(options), cap, min_count, most)
    size = offered[best[2]][0]
    mean, most = counts[best[2]]
    prefix = f"{mean}–{most} × {size.name} " if most > mean else f"{most} × {size.name} "
    others = tuple(o for o in options if not o.startswith(prefix))
    return Choice(size, mean, True, others, size.capacity_rps * factor, min_count, most)


def storage_gb(component: Component, projected_data_gb: Decimal) -> int:
    needed = projected_data_gb * component.storage_headroom
    step = component.storage_step_gb
    rounded = math.ceil(needed / step) * step
    return max(component.min_storage_gb, int(rounded))
