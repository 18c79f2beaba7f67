"""Which components run in which environment, at which size, for a set of features."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from infragate.catalog.model import Catalog, Component, Profile, Size
from infragate.design.sizing import (
    Choice,
    Hourly,
    Load,
    autoscaled_fleet,
    cheapest_database,
    cheapest_fitting,
    smallest_fitting,
    storage_gb,
)
from infragate.errors import UsageError
from infragate.pricing.book import PriceBook
from infragate.rules.sizing import SizingContext

ALWAYS_ON_HOURS = 730
WEB_SERVICES = ("web", "api")
# Availability zones the rendered network spans (modules/network): subnets, the load
# balancer's addresses and, when each zone has its own, NAT gateways.
NETWORK_AZS = 2


@dataclass(frozen=True)
class EnvPlan:
    name: str
    schedule: str
    hours: int  # hours a month that stoppable components run
    ttl_hours: int | None = None
    instances_per_month: int | None = None

    @property
    def is_preview(self) -> bool:
        return self.name == "preview"

    def hours_for(self, component: Component) -> int:
        if self.is_preview or component.stoppable:
            return self.hours
        return ALWAYS_ON_HOURS  # cannot be stopped outside the schedule: billed all month


@dataclass(frozen=True)
class Placement:
    env: EnvPlan
    id: str
    kind: str
    size: Size | None
    count: int
    hours: int
    multi_az: bool = False
    storage_gb: int | None = None
    settings: dict[str, str] = field(default_factory=dict)
    choice: Choice | None = None  # production sizing detail, for capacity checks and decisions


def placement(
    env: EnvPlan,
    catalog: Catalog,
    pid: str,
    kind: str,
    size: Size | None = None,
    count: int = 1,
    *,
    multi_az: bool = False,
    storage_gb: int | None = None,
    settings: dict[str, str] | None = None,
    choice: Choice | None = None,
) -> Placement:
    """A component placed in an environment, billed for the hours it runs there."""
    hours = env.hours_for(catalog.components[kind])
    return Placement(
        env, pid, kind, size, count, hours, multi_az, storage_gb, settings or {}, choice
    )


def environments(ctx: SizingContext, features: Mapping[str, bool]) -> list[EnvPlan]:
    catalog, policy = ctx.catalog, ctx.policy
    plans: list[EnvPlan] = []
    if features.get("environments.preview"):
        p = policy.preview
        plans.append(
            EnvPlan("preview", "ephemeral", p.per_month * p.ttl_hours, p.ttl_hours, p.per_month)
        )
    if features.get("environments.staging"):
        schedule = policy.staging_schedule
        plans.append(EnvPlan("staging", schedule, catalog.schedules[schedule].hours_per_month))
    plans.append(EnvPlan("prod", "always_on", catalog.schedules["always_on"].hours_per_month))
    return plans


# Sizing choices by their inputs: a plan prices many variants of its features, and most
# share the sizing of the design (one memo per plan; the planner passes it).
Memo = dict[tuple[object, ...], Choice]


def place(
    ctx: SizingContext,
    features: Mapping[str, bool],
    load: Load,
    book: PriceBook,
    memo: Memo | None = None,
) -> list[Placement]:
    out: list[Placement] = []
    memo = {} if memo is None else memo
    for env in environments(ctx, features):
        out.extend(_place_env(ctx, features, load, book, env, memo))
    return out


def _memo(memo: Memo, key: tuple[object, ...], choose: Callable[[], Choice]) -> Choice:
    found = memo.get(key)
    if found is None:
        found = memo[key] = choose()
    return found


# The price key of each sized component's sizes: a size the region's book does not price is
# not offered there and is never chosen (e.g. a class a region does not sell).
SIZE_PRICE_KEYS = {
    "vm": "vm.hour",
    "postgres": "rds_postgres.hour",
    "mysql": "rds_mysql.hour",
    "redis": "elasticache.hour",
}


_OFFERED: dict[tuple[int, int, str], tuple[Catalog, PriceBook, Component]] = {}


def offered(catalog: Catalog, kind: str, book: PriceBook) -> Component:
    """The catalog's component with only the sizes the region's price book prices."""
    key = (id(catalog), id(book), kind)
    hit = _OFFERED.get(key)
    if hit is not None and hit[0] is catalog and hit[1] is book:
        return hit[2]
    component = _offered(catalog, kind, book)
    _OFFERED[key] = (catalog, book, component)
    return component


def _offered(catalog: Catalog, kind: str, book: PriceBook) -> Component:
    component = catalog.components[kind]
    key = SIZE_PRICE_KEYS.get(kind) or component.price_key
    if not key:
        return component
    sizes = [s for s in component.sizes if book.has(f"{key}:{s.name}")]
    if not sizes and component.sizes:
        raise UsageError(
            f"no size of {component.title} is priced in {book.provider} {book.region}; "
            "choose another region"
        )
    return (
        component
        if len(sizes) == len(component.sizes)
        else component.model_copy(update={"sizes": sizes})
    )


def _fargate_hourly(book: PriceBook) -> Hourly:
    vcpu = book.price("fargate.vcpu_hour").usd
    gb = book.price("fargate.gb_hour").usd
    return lambda s: s.vcpu * vcpu + s.memory_gb * gb


def _instance_hourly(book: PriceBook, key: str) -> Hourly:
    """The size's price per hour, for sizes offered() kept (each priced in the region)."""
    return lambda size: book.price(f"{key}:{size.name}").usd


NO_PROFILE = Profile(rationale="no load profile")


def profile_of(ctx: SizingContext) -> Profile:
    name = ctx.brief.load.profile
    return ctx.catalog.profiles[name] if name else NO_PROFILE


def _scaling(choice: Choice, target_cpu_pct: int) -> dict[str, str]:
    """A production web service's task range; a range wider than one count autoscales."""
    low, high = choice.min_count, choice.max_count
    settings = {"min_tasks": str(low), "max_tasks": str(high)}
    if high > low:
        settings["target_cpu_pct"] = str(target_cpu_pct)
        settings["autoscaling"] = (
            f"{low}–{high} tasks, target tracking on average CPU at {target_cpu_pct} %; "
            f"priced at {choice.count} (the average load)"
        )
    return settings


def _place_env(
    ctx: SizingContext,
    features: Mapping[str, bool],
    load: Load,
    book: PriceBook,
    env: EnvPlan,
    memo: Memo,
) -> list[Placement]:
    catalog: Catalog = ctx.catalog
    comps = catalog.components
    brief = ctx.brief
    prod = env.name == "prod"
    services = list(brief.workload.services)
    stores = ctx.datastores
    managed_db = bool(features.get("database.managed")) and ctx.has_database
    sqlite = ctx.has_database and not managed_db
    multi_az_compute = bool(features.get("compute.multi_az")) and prod
    min_count = 2 if multi_az_compute else 1
    profile = profile_of(ctx)
    out: list[Placement] = []

    placed = partial(placement, env, catalog)

    if features.get("compute.containers") and services:
        fleet = comps["container_service"]
        web_like = [s for s in services if s in WEB_SERVICES]
        for service in services:
            if env.is_preview and service not in WEB_SERVICES:
                continue
            if not prod:
                out.append(placed(service, "container_service", fleet.sizes[0], 1))
            elif service in WEB_SERVICES:
                share = load.required_rps / len(web_like)
                average = load.average_rps / len(web_like)
                fleet_choice = _memo(
                    memo,
                    ("fleet", share, average, min_count),
                    partial(
                        autoscaled_fleet,
                        fleet,
                        share,
                        average,
                        min_count,
                        _fargate_hourly(book),
                        profile.service_factor,
                    ),
                )
                out.append(
                    placed(
                        service,
                        "container_service",
                        fleet_choice.size,
                        fleet_choice.count,
                        choice=fleet_choice,
                        settings=_scaling(fleet_choice, catalog.capacity.scaling_target_cpu_pct),
                    )
                )
            elif service == "scheduler":
                out.append(placed(service, "container_service", fleet.sizes[0], 1))
            else:
                out.append(placed(service, "container_service", fleet.sizes[1], min_count))
        if web_like and not env.is_preview:
            out.append(placed("load_balancer", "load_balancer"))
    elif services and not env.is_preview:
        vm = offered(catalog, "vm", book)
        choice = smallest_fitting(vm.sizes, load.required_rps) if prod else None
        size = choice.size if choice else vm.sizes[0]
        settings = {"services": ", ".join(services)}
        volume = vm.root_volume_gb
        if sqlite:
            data_gb = int(load.projected_data_gb.to_integral_value(rounding="ROUND_CEILING"))
            volume += data_gb if prod else 1
            settings["database"] = "SQLite file on the instance volume"
        out.append(
            placed(
                "app", "vm", size, min_count, choice=choice, storage_gb=volume, settings=settings
            )
        )

    if managed_db:
        kind = ctx.engine or "postgres"
        db = offered(catalog, kind, book)
        pitr = bool(features.get("database.point_in_time_recovery"))
        multi = bool(features.get("database.multi_az")) and prod
        choice = None
        if prod:
            working_set = (load.projected_data_gb * catalog.capacity.working_set_share).quantize(
                Decimal("0.01")
            )
            choice = _memo(
                memo,
                ("database", kind, multi),
                lambda: cheapest_database(
                    db.sizes,
                    load.required_rps,
                    working_set,
                    _instance_hourly(book, db.price_key),
                    factor=profile.database_factor,
                    read_share=profile.read_share,
                    standby=multi,
                    max_replicas=db.max_replicas,
                ),
            )
        size = choice.size if choice else db.sizes[0]
        storage = storage_gb(db, load.projected_data_gb) if prod else db.min_storage_gb
        retention = ctx.policy.backup_retention_days if (pitr and prod) else 1
        settings = {
            "engine": db.engine,
            "backup_retention_days": str(retention),
            "point_in_time_recovery": "yes" if pitr and prod else "no",
        }
        if choice and choice.replicas:
            settings["read_replicas"] = str(choice.replicas)
        out.append(
            placed(
                "database",
                kind,
                size,
                1,
                multi_az=multi,
                storage_gb=storage,
                choice=choice,
                settings=settings,
            )
        )
        if prod:
            out.append(
                placed(
                    "backups",
                    "backups",
                    None,
                    1,
                    settings={
                        "retention_days": str(retention),
                        "data_gb": str(ctx.inputs.data_gb),
                        "free_allowance_gb": str(storage),
                    },
                )
            )

    if env.is_preview:
        return out  # previews share staging's network, cache, queue, storage and logs

    if "redis" in stores:
        rd = offered(catalog, "redis", book)
        hourly = _instance_hourly(book, rd.price_key)
        choice = (
            _memo(memo, ("cache",), lambda: cheapest_fitting(rd.sizes, load.required_rps, hourly))
            if prod
            else None
        )
        size = choice.size if choice else rd.sizes[0]
        replica = bool(features.get("cache.replica")) and prod
        # Personal data: the cache requires an AUTH token, kept (as REDIS_URL) in one
        # Secrets Manager secret per environment (modules/redis, var.auth).
        auth = {"auth": "yes"} if brief.data.personal_data else None
        out.append(
            placed(
                "cache",
                "redis",
                size,
                2 if replica else 1,
                multi_az=replica,
                choice=choice,
                settings=auth,
            )
        )
    if "object_storage" in stores or ctx.is_static:
        out.append(placed("object_storage", "object_storage"))
    if "queue" in stores:
        out.append(placed("queue", "queue"))
    if features.get("network.nat_gateway"):
        per_zone = bool(features.get("network.nat_per_zone")) and prod
        out.append(
            placed(
                "nat_gateway",
                "nat_gateway",
                None,
                NETWORK_AZS if per_zone else 1,
                multi_az=per_zone,
                # S3 traffic (image layers from ECR, the bucket) bypasses the gateways.
                settings={"s3_gateway_endpoint": "yes"} if per_zone else None,
            )
        )
    if features.get("logs.centralised"):
        out.append(
            placed("logs", "logs", settings={"retention_days": str(ctx.policy.log_retention_days)})
        )
    if features.get("metrics.alarms"):
        out.append(placed("metrics", "metrics"))
    if prod:
        out.append(placed("data_transfer", "data_transfer"))
        if services:
            # bootstrap's image repository: one per project, priced with production
            out.append(placed("registry", "registry"))
    return out
