"""The capacity checks of a design: for each placed component, the load it must carry
against what its size and count provide, with the formula and the sources behind both,
and what would carry a load that nothing on offer carries."""

from __future__ import annotations

from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design import model as out
from infragate.design.sizing import Load
from infragate.design.topology import Placement


def capacity_sources(catalog: Catalog, kind: str) -> str:
    """The catalog's capacity formula for a kind of component, with its sources."""
    basis = catalog.components[kind].capacity
    if basis is None:
        return ""
    notes = []
    for name in basis.sources:
        src = catalog.capacity_sources[name]
        where = f", {src.url}" if src.url else ""
        kind_of = "assumption" if src.assumption else "source"
        notes.append(f"{kind_of} {name}: {src.title} ({src.as_of}{where})")
    return f"{basis.formula}; " + "; ".join(notes)


# What carries a load that nothing on offer carries, by component kind.
BEYOND = {
    "container_service": "more tasks than one service should run: split the service, or ask "
    "for a review of the task limit (catalog max_tasks) and the account's Fargate quota",
    "postgres": "more than the largest class with its read replicas carries: shard the data, "
    "move the hottest reads to the cache, or a different engine (Aurora PostgreSQL, which "
    "scales reads to 15 replicas on shared storage)",
    "mysql": "more than the largest class with its read replicas carries: shard the data, move "
    "the hottest reads to the cache, or a different engine (Aurora MySQL)",
    "redis": "more than the largest node carries: a cluster-mode cache with shards (not "
    "offered by this catalog yet)",
    "vm": "more than one instance carries: containers behind a load balancer (compute.containers)",
}


def capacity_checks(
    placements: list[Placement], load: Load, catalog: Catalog, brief_profile: str | None = None
) -> list[out.CapacityCheck]:
    checks: list[out.CapacityCheck] = []
    web_like = [
        p
        for p in placements
        if p.env.name == "prod" and p.kind == "container_service" and p.choice is not None
    ]
    profile = brief_profile
    for p in placements:
        if p.choice is None or p.size is None:
            continue
        c = p.choice
        required = load.required_rps
        formula = load.formula
        if p.kind == "container_service" and len(web_like) > 1:
            required = (required / len(web_like)).quantize(Decimal("0.01"))
            formula += f", shared by {len(web_like)} services"
        cap = _plain(c.capacity_rps or p.size.capacity_rps)
        if p.kind == "container_service" and c.max_count > c.min_count:
            provided = cap * c.max_count
            detail = (
                f"autoscaled {c.min_count}–{c.max_count} × {p.size.name} at {cap:f} rps = "
                f"{provided:f} rps at the maximum; priced at {c.count} task"
                f"{'s' if c.count > 1 else ''} for the average ({load.average_formula})"
            )
        elif c.replicas:
            provided = cap * (1 + c.replicas)
            detail = (
                f"primary and {c.replicas} read replica{'s' if c.replicas > 1 else ''} × "
                f"{p.size.name} at {cap:f} rps = {provided:f} rps (the primary carries the "
                "writes, the replicas the reads)"
            )
        elif p.kind == "redis":
            provided = cap  # a replica is there to fail over to, not to share the load
            detail = f"provided by the primary {p.size.name} at {cap:f} rps"
            if p.count > 1:
                detail += f" ({p.count - 1} replica{'s' if p.count > 2 else ''} for failover)"
        else:
            provided = cap * p.count
            detail = f"provided {p.count} × {p.size.name} at {cap:f} rps = {provided:f} rps"
        if p.size.burstable:
            detail += f" (burstable: at its {p.size.baseline_cpu_pct} % baseline CPU)"
        if cap != p.size.capacity_rps:
            detail += (
                f" ({_plain(cap / p.size.capacity_rps):f} × {p.size.capacity_rps:f} rps for a "
                f"{profile} load: catalog profiles.{profile})"
            )
        checks.append(
            out.CapacityCheck(
                environment=p.env.name,
                component=p.id,
                required=required,
                provided=provided,
                unit="requests per second",
                headroom_pct=_headroom(provided, required),
                formula=f"{formula}; {detail}",
                ok=c.ok,
                source=capacity_sources(catalog, p.kind),
                beyond=None if c.ok else BEYOND.get(p.kind),
            )
        )
        if p.kind in ("postgres", "mysql"):
            share = catalog.capacity.working_set_share
            working = (load.projected_data_gb * share).quantize(Decimal("0.01"))
            checks.append(
                out.CapacityCheck(
                    environment=p.env.name,
                    component=f"{p.id} memory",
                    required=working,
                    provided=p.size.memory_gb,
                    unit="GB",
                    headroom_pct=_headroom(p.size.memory_gb, working),
                    formula=f"working set: data {load.projected_data_gb} GB in "
                    f"{catalog.capacity.horizon_months} months × {share}; provided "
                    f"{p.size.memory_gb} GB on {p.size.name}",
                    ok=p.size.memory_gb >= working,
                    source="assumption working-set: "
                    + catalog.capacity_sources["working-set"].title,
                    beyond=None if p.size.memory_gb >= working else BEYOND[p.kind],
                )
            )
        if p.kind in ("postgres", "mysql") and p.storage_gb is not None:
            headroom = catalog.components[p.kind].storage_headroom
            need = (load.projected_data_gb * headroom).quantize(Decimal("0.01"))
            checks.append(
                out.CapacityCheck(
                    environment=p.env.name,
                    component=f"{p.id} storage",
                    required=need,
                    provided=Decimal(p.storage_gb),
                    unit="GB",
                    headroom_pct=_headroom(Decimal(p.storage_gb), need),
                    formula=f"data {load.projected_data_gb} GB in {catalog.capacity.horizon_months}"
                    f" months × headroom {headroom}; provided {p.storage_gb} GB",
                    ok=p.storage_gb >= need,
                )
            )
    return checks


def _plain(value: Decimal) -> Decimal:
    """Without trailing zeros (150.0 -> 150, 0.50 -> 0.5) and without an exponent."""
    plain = value.normalize()
    return plain.quantize(Decimal(1)) if int(plain.as_tuple().exponent) > 0 else plain


def _headroom(provided: Decimal, required: Decimal) -> Decimal:
    if required == 0:
        return Decimal(100)
    return ((provided / required - 1) * 100).quantize(Decimal("0.1"))
