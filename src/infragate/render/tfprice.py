"""Pricing the rendered Terraform: read each environment root back and price it with the
estimator itself, so the code that will be applied is checked against the cost frame.

Each root under `infra/terraform/envs/<env>/` has one module block per baseline component,
named by its id, whose cost-bearing arguments are literals (instance class, storage,
counts, CPU and memory, retention, schedule, the alarm map), and a `usage.yml` beside it
with what Terraform cannot express (average load, egress, stored GB, preview TTL). From
these the placements are rebuilt, sizes looked up in the catalog by their literal values,
and priced by `design.cost.price` with the price book of the provider block's region.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import PurePosixPath
from typing import Any

import yaml

from infragate.catalog.loader import load_catalog
from infragate.catalog.model import Catalog, Size
from infragate.design.cost import Line, Usage, price, total
from infragate.design.topology import EnvPlan, Placement, placement
from infragate.errors import CatalogError
from infragate.pricing.book import load_pricebook
from infragate.render import hcl, stamp
from infragate.render.context import (
    CPU_UNITS_PER_VCPU,
    ENVS_DIR,
    MIB_PER_GB,
    Baseline,
    deploy_rank,
)

USAGE_FILE = "usage.yml"
PROVIDER = "aws"  # the only provider the templates render

# Module source directory (../../modules/<dir>) → the catalog kind it places.
KINDS = {
    "service": "container_service",
    "vm": "vm",
    "postgres": "postgres",
    "mysql": "mysql",
    "redis": "redis",
    "object_storage": "object_storage",
    "queue": "queue",
    "load_balancer": "load_balancer",
    "logs": "logs",
    "metrics": "metrics",
}
# `network` owns the NAT gateways and the S3 gateway endpoint; `network_lookup` (previews)
# owns nothing
NETWORK = "network"


@dataclass(frozen=True)
class Root:
    """One environment's Terraform root, parsed."""

    env: str
    region: str
    modules: dict[str, dict[str, Any]]  # module name → arguments, in file order
    usage: dict[str, Any]


def _roots(files: Mapping[str, str]) -> dict[str, Root]:
    by_env: dict[str, dict[str, str]] = {}
    for path, text in files.items():
        parts = PurePosixPath(path).parts
        prefix = PurePosixPath(ENVS_DIR).parts
        if parts[: len(prefix)] == prefix and len(parts) == len(prefix) + 2:
            by_env.setdefault(parts[len(prefix)], {})[parts[-1]] = stamp.read(text)[1]
    roots = {}
    for env, texts in by_env.items():
        modules: dict[str, dict[str, Any]] = {}
        region: str | None = None
        for name, text in sorted(texts.items()):
            # only module and provider blocks carry prices: skip parsing the other files
            if not name.endswith(".tf") or ('module "' not in text and 'provider "' not in text):
                continue
            parsed = hcl.parse(text)
            for labels, body in hcl.blocks(parsed, "module"):
                modules[labels[0]] = body
            for labels, body in hcl.blocks(parsed, "provider"):
                if labels[0] == PROVIDER:
                    region = str(hcl.unquote(body["region"]))
        if region is None:
            raise CatalogError(f"{ENVS_DIR}/{env} has no provider {PROVIDER!r} with a region")
        if USAGE_FILE not in texts:
            raise CatalogError(f"{ENVS_DIR}/{env} has no {USAGE_FILE}")
        usage = yaml.safe_load(texts[USAGE_FILE]) or {}
        roots[env] = Root(env, region, modules, usage)
    return roots


def _literal(root: Root, module: str, arg: str) -> Any:
    """A cost-bearing argument; it must be a literal, or the code could not be priced."""
    body = root.modules[module]
    if arg not in body:
        raise CatalogError(f"{root.env}: module.{module} has no {arg!r}")
    value = hcl.unquote(body[arg])
    if isinstance(value, str) and "${" in value:
        raise CatalogError(f"{root.env}: module.{module}.{arg} is {value!r}, not a literal")
    return value


def _kind_of(body: Mapping[str, Any]) -> str:
    return PurePosixPath(str(hcl.unquote(body["source"]))).name


def _size(catalog: Catalog, kind: str, name: str) -> Size:
    for size in catalog.components[kind].sizes:
        if size.name == name:
            return size
    raise CatalogError(f"the catalog has no {kind} size {name!r}")


def _fargate_size(catalog: Catalog, cpu: int, memory: int) -> Size:
    vcpu = Decimal(cpu) / CPU_UNITS_PER_VCPU
    gb = Decimal(memory) / MIB_PER_GB
    for size in catalog.components["container_service"].sizes:
        if size.vcpu == vcpu and size.memory_gb == gb:
            return size
    raise CatalogError(f"the catalog has no container size of {cpu} CPU units and {memory} MiB")


def _env_plan(root: Root, catalog: Catalog) -> EnvPlan:
    # Stoppable components carry the environment's schedule; usage.yml repeats it.
    named = {
        str(hcl.unquote(body["schedule"])) for body in root.modules.values() if "schedule" in body
    }
    declared = root.usage.get("schedule")
    if declared is not None:
        named.add(str(declared))
    if len(named) != 1:
        raise CatalogError(f"{root.env}: expected one schedule, found {sorted(named)}")
    schedule = named.pop()
    preview = root.usage.get("preview")
    if preview is not None:
        per_month, ttl = int(preview["per_month"]), int(preview["ttl_hours"])
        return EnvPlan(root.env, schedule, per_month * ttl, ttl, per_month)
    if schedule not in catalog.schedules:
        raise CatalogError(f"{root.env}: the catalog has no schedule {schedule!r}")
    return EnvPlan(root.env, schedule, catalog.schedules[schedule].hours_per_month)


def _use(root: Root) -> Usage:
    u = root.usage
    transfer = u.get("data_transfer") or {}
    return Usage(
        average_rps=Decimal(str(u.get("average_rps", 0))),
        monthly_requests=Decimal(str(u.get("monthly_requests", 0))),
        egress_gb=Decimal(str(transfer.get("egress_gb", 0))),
        egress_note=str(transfer.get("note", "")),
        object_gb=Decimal(str(u.get("object_storage_gb", 0))),
    )


def placements(root: Root, catalog: Catalog) -> list[Placement]:
    """The placements the root's Terraform and usage file describe."""
    plan = _env_plan(root, catalog)
    out: list[Placement] = []

    placed = partial(placement, plan, catalog)

    for mid, body in root.modules.items():
        source = _kind_of(body)
        if source == NETWORK:
            gateways = int(_literal(root, mid, "nat_gateways"))
            if gateways:
                endpoint = _literal(root, mid, "s3_gateway_endpoint") is True
                out.append(
                    placed(
                        "nat_gateway",
                        "nat_gateway",
                        None,
                        gateways,
                        multi_az=gateways > 1,
                        settings={"s3_gateway_endpoint": "yes"} if endpoint else None,
                    )
                )
            continue
        kind = KINDS.get(source)
        if kind is None:
            continue  # network_lookup: previews use another environment's network

        def arg(name: str, module: str = mid) -> Any:
            return _literal(root, module, name)

        if kind == "container_service":
            size = _fargate_size(catalog, int(arg("cpu")), int(arg("memory")))
            out.append(placed(mid, kind, size, int(arg("desired_count"))))
        elif kind == "vm":
            size = _size(catalog, kind, str(arg("instance_type")))
            out.append(
                placed(
                    mid, kind, size, int(arg("instance_count")), storage_gb=int(arg("storage_gb"))
                )
            )
        elif kind in ("postgres", "mysql"):
            storage = int(arg("allocated_storage"))
            retention = str(int(arg("backup_retention_period")))
            settings = {"backup_retention_days": retention}
            if "read_replica_count" in root.modules[mid]:
                settings["read_replicas"] = str(int(arg("read_replica_count")))
            out.append(
                placed(
                    mid,
                    kind,
                    _size(catalog, kind, str(arg("instance_class"))),
                    multi_az=bool(arg("multi_az")),
                    storage_gb=storage,
                    settings=settings,
                )
            )
            backups = root.usage.get("backups")
            if backups is not None:
                # Automated backups are settings of the database, priced as their own line.
                out.append(
                    placed(
                        "backups",
                        "backups",
                        settings={
                            "retention_days": retention,
                            "data_gb": str(backups["data_gb"]),
                            "free_allowance_gb": str(storage),
                        },
                    )
                )
        elif kind == "redis":
            size = _size(catalog, kind, str(arg("node_type")))
            out.append(
                placed(
                    mid,
                    kind,
                    size,
                    int(arg("num_cache_clusters")),
                    multi_az=bool(arg("multi_az")),
                    # var.auth: the AUTH token's secret (one per cache)
                    settings={"auth": "yes"} if arg("auth") is True else None,
                )
            )
        elif kind == "logs":
            out.append(
                placed(mid, kind, settings={"retention_days": str(int(arg("retention_in_days")))})
            )
        elif kind == "metrics":
            alarms = arg("alarms")
            wanted = catalog.usage.alarms.get(root.env, 0)
            # The estimator prices the catalog's alarm count; the code must carry as many.
            if not isinstance(alarms, dict) or len(alarms) != wanted:
                found = len(alarms) if isinstance(alarms, dict) else alarms
                raise CatalogError(
                    f"{root.env}: module.{mid} has {found} alarms; the cost frame prices {wanted}"
                )
            out.append(placed(mid, kind))
        else:
            out.append(placed(mid, kind))
    if root.usage.get("data_transfer") is not None:
        out.append(placed("data_transfer", "data_transfer"))
    if root.usage.get("registry") is not None:
        # bootstrap's image repository, priced with the environment whose usage names it
        out.append(placed("registry", "registry"))
    return out


def price_rendered(files: Mapping[str, str]) -> list[Line]:
    """The cost lines of the rendered Terraform (`engine.render`'s output), environment by
    environment in deploy order."""
    catalog = load_catalog()
    roots = _roots(files)
    order = sorted(roots, key=deploy_rank)
    lines: list[Line] = []
    for env in order:
        root = roots[env]
        book = load_pricebook(PROVIDER, root.region)
        lines.extend(price(placements(root, catalog), book, catalog, _use(root)))
    return lines


def check_cost_frame(files: Mapping[str, str], baseline: Baseline) -> None:
    """Refuse rendered Terraform that does not price to the baseline's cost frame: the code
    must be the design, nothing more and nothing less. A mismatch is a defect of
    infragate's templates, never something the user did."""
    lines = price_rendered(files)
    wrong = []
    for env in baseline.environments:
        got = total(line for line in lines if line.environment == env.name)
        if got != env.monthly_usd:
            wrong.append(f"{env.name}: {got} USD a month rendered, {env.monthly_usd} frozen")
    if wrong:
        raise CatalogError(
            "the rendered Terraform does not price to the baseline's cost frame ("
            + "; ".join(wrong)
            + "); nothing was written. This is a defect in infragate's templates: report it."
        )
