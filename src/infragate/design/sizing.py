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


def design_load(inputs: Inputs, capacity: Capacity) -> Load:
    growth = (1 + inputs.growth_pct_month / 100) ** capacity.horizon_months
    required = (inputs.peak_rps * growth * capacity.headroom).quantize(Decimal("0.01"))
    formula = (
        f"peak {inputs.peak_rps} rps × growth {growth:.3f} "
        f"({inputs.growth_pct_month} %/month over {capacity.horizon_months} months) "
        f"× headroom {capacity.headroom} = {required} rps"
    )
    return Load(required, (inputs.data_gb * growth).quantize(Decimal("0.01")), formula)


@dataclass(frozen=True)
class Choice:
    size: Size
    count: int
    ok: bool
    considered: tuple[str, ...]  # the alternatives, as text, for the decision record


def smallest_fitting(sizes: list[Size], required: Decimal) -> Choice:
    """The smallest size whose capacity covers `required`; the largest if none does."""
    for size in sizes:
        if size.capacity_rps >= required:
            others = tuple(f"{s.name} ({s.capacity_rps} rps)" for s in sizes if s is not size)
            return Choice(size, 1, True, others)
    largest = sizes[-1]
    return Choice(largest, 1, False, tuple(f"{s.name} ({s.capacity_rps} rps)" for s in sizes[:-1]))


def cheapest_fleet(
    component: Component, required: Decimal, min_count: int, hourly: Callable[[Size], Decimal]
) -> Choice:
    """The cheapest (size, count) whose total capacity covers `required`."""
    best: tuple[Decimal, int, int] | None = None  # (cost, count, size index)
    options: list[str] = []
    for index, size in enumerate(component.sizes):
        count = max(min_count, math.ceil(required / size.capacity_rps))
        if count > component.max_tasks:
            options.append(f"{size.name}: would need {count} tasks (limit {component.max_tasks})")
            continue
        cost = hourly(size) * count
        options.append(f"{count} × {size.name} (${cost * 730:.2f}/month)")
        if best is None or (cost, count) < best[:2]:
            best = (cost, count, index)
    if best is None:
        return Choice(component.sizes[-1], component.max_tasks, False, tuple(options))
    chosen = component.sizes[best[2]]
    label = f"{best[1]} × {chosen.name}"
    return Choice(chosen, best[1], True, tuple(o for o in options if not o.startswith(label)))


def storage_gb(component: Component, projected_data_gb: Decimal) -> int:
    needed = projected_data_gb * component.storage_headroom
    step = component.storage_step_gb
    rounded = math.ceil(needed / step) * step
    return max(component.min_storage_gb, int(rounded))
