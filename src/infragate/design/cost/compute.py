"""Compute: virtual machines and container tasks."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import Line, hours_note, line, month_share
from infragate.design.cost.usage import Usage
from infragate.design.topology import Placement
from infragate.pricing.book import PriceBook


def vm(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    volume = Decimal(p.storage_gb or 0) * p.count * month_share(p)
    return [
        line(
            p,
            book,
            f"vm.hour:{p.size.name}",
            f"{p.size.name} instance-hours",
            Decimal(p.count * p.hours),
            f"{p.count} × {hours_note(p)}",
        ),
        line(
            p,
            book,
            "block_storage.gb_month",
            "gp3 volume",
            volume,
            f"{p.count} × {p.storage_gb} GB, billed while the volume exists",
        ),
    ]


def containers(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    assert p.size is not None
    task_hours = Decimal(p.count * p.hours)
    note = f"{p.count} task{'s' if p.count > 1 else ''} × {hours_note(p)}"
    return [
        line(
            p,
            book,
            "fargate.vcpu_hour",
            f"{p.size.name} vCPU-hours",
            task_hours * p.size.vcpu,
            f"{note} × {p.size.vcpu} vCPU",
        ),
        line(
            p,
            book,
            "fargate.gb_hour",
            f"{p.size.name} memory GB-hours",
            task_hours * p.size.memory_gb,
            f"{note} × {p.size.memory_gb} GB",
        ),
    ]


def registry(p: Placement, book: PriceBook, c: Catalog, u: Usage) -> list[Line]:
    """The image repository bootstrap renders: tagged images are never expired."""
    month = c.usage.registry_priced_month
    pushes = c.usage.registry_pushes_per_month * month
    stored = c.usage.registry_image_gb + pushes * c.usage.registry_layer_gb_per_push
    return [
        line(
            p,
            book,
            "registry.storage_gb_month",
            "image storage",
            stored,
            f"month {month}: a {c.usage.registry_image_gb} GB image, then "
            f"{c.usage.registry_pushes_per_month} pushes a month × "
            f"{c.usage.registry_layer_gb_per_push} GB of changed layers, every tagged image kept "
            "(the lifecycle policy expires untagged layers only)",
        )
    ]
