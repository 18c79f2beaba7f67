"""The alarms of each environment: one list that both the Terraform (CloudWatch alarms)
and the operations handbook (infra/ops/alerts.md) are rendered from.

The cost frame prices the alarms an environment has targets for, at most `usage.alarms` in
the catalog (design/cost.py counts them per component); the same number is rendered here,
taken in priority order from what the environment runs: errors and health first, then latency, database, saturation, and last
the load balancer's own errors. The monthly budget is not a CloudWatch alarm: AWS/Billing
EstimatedCharges exists only in us-east-1, needs billing alerts turned on and counts the
whole account, so prod gets an AWS Budgets cost budget on the project's cost-allocation
tag instead (module `metrics`, variable `budget`, rendered in envs/__env__/main.tf.j2).

Alert ids are unique within an environment: they name the alarm and key Terraform's
for_each. Every alert on one component starts with that component's id
(`database-free-storage`, `cache-memory`, `web-cpu`), so two databases, caches or
instances never share an id; the load balancer's (one per environment) keep their short
names (`http-5xx`).

Thresholds follow common starting points (AWS "Recommended alarms" for ALB, ECS, RDS and
ElastiCache, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best-Practice-Alarms.html,
read 2026-11-25); tune them after the first month of real traffic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from infragate.catalog.loader import load_catalog
from infragate.errors import CatalogError
from infragate.render.context import Baseline, Environment


@dataclass(frozen=True)
class Alert:
    id: str  # unique within the environment, used in resource and alarm names
    component: str  # the baseline component it watches
    concern: str  # errors | health | latency | database | saturation
    summary: str
    namespace: str
    metric: str
    statistic: str  # "Sum", "Average", "Maximum" or a percentile such as "p95"
    comparison: str  # CloudWatch ComparisonOperator
    threshold: Decimal
    period_seconds: int
    evaluation_periods: int
    dimension: str  # which resource the alarm is on: "load_balancer", "service", "db", ...
    runbook: str


def _web(env: Environment) -> list[Alert]:
    if not env.has("load_balancer"):
        return []
    lb = "load_balancer"
    return [
        Alert(
            "http-5xx",
            lb,
            "errors",
            "The application answers with server errors (HTTP 5xx).",
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            "Sum",
            "GreaterThanThreshold",
            Decimal(10),
            300,
            1,
            "load_balancer",
            "Check the service's logs for the failing requests; roll back the last deploy "
            "if it started with it.",
        ),
        Alert(
            "unhealthy-targets",
            lb,
            "health",
            "A task fails the health endpoint and is out of the load balancer.",
            "AWS/ApplicationELB",
            "UnHealthyHostCount",
            "Maximum",
            "GreaterThanThreshold",
            Decimal(0),
            60,
            3,
            "target_group",
            "Call the health endpoint of the failing task; its JSON names the dependency "
            "that is down.",
        ),
        Alert(
            "latency-p95",
            lb,
            "latency",
            "Responses are slow: the 95th percentile is above one second.",
            "AWS/ApplicationELB",
            "TargetResponseTime",
            "p95",
            "GreaterThanThreshold",
            Decimal(1),
            300,
            3,
            "load_balancer",
            "Look at the database and cache alarms first; then the service's CPU.",
        ),
    ]


def _database(env: Environment) -> list[Alert]:
    out = []
    for db in env.of_kind("postgres") + env.of_kind("mysql"):
        storage = Decimal(db.storage_gb or 0) * Decimal("0.1") * 1024**3
        out += [
            Alert(
                f"{db.id}-free-storage",
                db.id,
                "database",
                "Less than 10 % of the database's storage is free.",
                "AWS/RDS",
                "FreeStorageSpace",
                "Minimum",
                "LessThanThreshold",
                storage.quantize(Decimal(1)),
                300,
                1,
                "db",
                "Raise allocated storage through a change request (it grows without a "
                "restart); check for runaway tables. A full disk stops every write.",
            ),
            Alert(
                f"{db.id}-cpu",
                db.id,
                "database",
                "The database's CPU is above 80 % for 15 minutes.",
                "AWS/RDS",
                "CPUUtilization",
                "Average",
                "GreaterThanThreshold",
                Decimal(80),
                300,
                3,
                "db",
                "Find the slow queries in Performance Insights (classes above small) or in "
                f"the {'MySQL slow query' if db.kind == 'mysql' else 'PostgreSQL'} log's "
                "lines over 1 s; resize through a change request.",
            ),
            Alert(
                f"{db.id}-memory",
                db.id,
                "database",
                "The database has less than 64 MB of freeable memory.",
                "AWS/RDS",
                "FreeableMemory",
                "Minimum",
                "LessThanThreshold",
                Decimal(64 * 1024 * 1024),
                300,
                3,
                "db",
                "Too many connections or a too small instance: the application should pool "
                "its connections (IAM authentication suits under 200 new connections a "
                "second); resize through a change request.",
            ),
        ]
    return out


def _saturation(env: Environment) -> list[Alert]:
    out = []
    for svc in env.of_kind("container_service"):
        for metric, label in (("CPUUtilization", "CPU"), ("MemoryUtilization", "memory")):
            out.append(
                Alert(
                    f"{svc.id}-{label.lower()}",
                    svc.id,
                    "saturation",
                    f"The {svc.id} service uses more than 85 % of its {label}.",
                    "AWS/ECS",
                    metric,
                    "Average",
                    "GreaterThanThreshold",
                    Decimal(85),
                    300,
                    3,
                    "service",
                    "Scale out or resize through a change request; check for a leak after "
                    "a deploy.",
                )
            )
    for cache in env.of_kind("redis"):
        out.append(
            Alert(
                f"{cache.id}-memory",
                cache.id,
                "saturation",
                "The cache uses more than 80 % of its memory.",
                "AWS/ElastiCache",
                "DatabaseMemoryUsagePercentage",
                "Average",
                "GreaterThanThreshold",
                Decimal(80),
                300,
                3,
                "cache",
                "Check key expiry; resize through a change request.",
            )
        )
    for vm in env.of_kind("vm"):
        out.append(
            Alert(
                f"{vm.id}-status",
                vm.id,
                "health",
                "The instance fails its EC2 status checks.",
                "AWS/EC2",
                "StatusCheckFailed",
                "Maximum",
                "GreaterThanThreshold",
                Decimal(0),
                60,
                2,
                "instance",
                "Reboot the instance from the console; restore from the last backup if the "
                "volume is lost.",
            )
        )
    return out


def _edge(env: Environment) -> list[Alert]:
    """Errors the load balancer answers itself (502, 503, 504): no target to route to, or
    targets that reset or time out. HTTPCode_Target_5XX_Count does not count them."""
    if not env.has("load_balancer"):
        return []
    return [
        Alert(
            "load-balancer-5xx",
            "load_balancer",
            "errors",
            "The load balancer itself answers with errors (HTTP 502, 503, 504): no healthy "
            "task, or tasks that reset or time out.",
            "AWS/ApplicationELB",
            "HTTPCode_ELB_5XX_Count",
            "Sum",
            "GreaterThanThreshold",
            Decimal(10),
            300,
            1,
            "load_balancer",
            "Check the unhealthy-targets alarm and the service's events (tasks stopping, "
            "failing health checks); a 504 is a request slower than the idle timeout (60 s).",
        )
    ]


def alerts(b: Baseline, env: Environment) -> list[Alert]:
    """The alarms rendered for `env`: as many as its cost frame prices, in priority order."""
    if not env.has("metrics"):
        return []
    wanted = load_catalog().usage.alarms.get(env.name, 0)
    found = candidates(env)
    ids = [a.id for a in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogError(f"{env.name}: alert ids {duplicates} repeat; component ids must differ")
    # As many as the cost frame prices: every target's, at most usage.alarms (design/cost.py).
    return found[:wanted]


def candidates(env: Environment) -> list[Alert]:
    """Every alarm `env`'s components call for, in priority order, before the cost frame's
    cap (the closure gate checks that the cap leaves no component unwatched)."""
    return [*_web(env), *_database(env), *_saturation(env), *_edge(env)]
