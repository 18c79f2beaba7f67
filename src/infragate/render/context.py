"""What the templates see: the frozen baseline, read into plain typed values.

Everything here comes from the lock file's baseline document (the frozen brief and
design), never from the brief in the repository: rendering starts only after
`infragate verify` has said the two still mean the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from infragate.audit.repo import Repo
from infragate.catalog.loader import load_catalog
from infragate.design.cost import Usage, usage
from infragate.errors import CatalogError, Refused
from infragate.render.contract import Contract, ContractUnknown, resolve
from infragate.rules.sizing import Inputs

RUNTIMES_FILE = "runtimes.yaml"
# The order environments are deployed in; previews are built per pull request.
DEPLOY_ORDER = ("preview", "staging", "prod")
PRODUCTION = "prod"  # the environment closing is about, and delivery deploys to
# Fargate sizes in Terraform: CPU units and MiB (task definition parameters).
CPU_UNITS_PER_VCPU = 1024
MIB_PER_GB = 1024
# Where each environment's Terraform root is rendered (infra/terraform/envs/<env>/).
ENVS_DIR = "infra/terraform/envs"
# Tags the cost import allocates spend by, beyond the mandatory ones: the baseline
# component a resource belongs to (on every resource a module creates), and the pull
# request of a preview copy (pr-<number>, on every resource of the preview root).
COMPONENT_TAG = "component"
PREVIEW_TAG = "preview"
# The mandatory tags spend is allocated by (Baseline.tags); baseline_version and
# managed_by say where a resource comes from, not whom it is billed to.
ALLOCATION_TAGS = ("cost_center", "environment", "project", "team")


def deploy_rank(environment: str) -> int:
    return DEPLOY_ORDER.index(environment) if environment in DEPLOY_ORDER else len(DEPLOY_ORDER)


@dataclass(frozen=True)
class Runtime:
    """How an application of one runtime is built and run in a container."""

    name: str
    build_image: str
    run_image: str
    port: int
    install: str
    build: str
    start: list[str]
    artifacts: list[str]
    ignore: list[str]
    source: str
    commands: dict[str, list[str]] = field(default_factory=dict)

    def command(self, service: str) -> list[str]:
        """How `service` starts in the application's image (the same command everywhere:
        compose, ECS task definitions)."""
        if service == "web":
            return list(self.start)
        pattern = self.commands.get(service) or self.commands.get("other")
        if pattern is None:
            return [*self.start, service]
        return [part.replace("{service}", service) for part in pattern]


@dataclass(frozen=True)
class Component:
    environment: str
    id: str
    kind: str
    size: str | None
    count: int
    vcpu: Decimal | None
    memory_gb: Decimal | None
    storage_gb: int | None
    multi_az: bool
    settings: dict[str, str]
    hours_per_month: int
    monthly_usd: Decimal

    @property
    def cpu_units(self) -> int:
        """Fargate CPU units."""
        assert self.vcpu is not None, f"{self.id} has no vCPU"
        return int(self.vcpu * CPU_UNITS_PER_VCPU)

    @property
    def memory_mib(self) -> int:
        assert self.memory_gb is not None, f"{self.id} has no memory"
        return int(self.memory_gb * MIB_PER_GB)

    def setting(self, key: str) -> str:
        if key not in self.settings:
            raise CatalogError(f"component {self.environment}/{self.id} has no setting {key!r}")
        return self.settings[key]


@dataclass(frozen=True)
class Environment:
    name: str
    schedule: str
    hours_per_month: int
    ttl_hours: int | None
    instances_per_month: int | None
    monthly_usd: Decimal
    components: tuple[Component, ...]

    @property
    def is_preview(self) -> bool:
        return self.name == "preview"

    @property
    def is_production(self) -> bool:
        return self.name == PRODUCTION

    def has(self, component_id: str) -> bool:
        return any(c.id == component_id for c in self.components)

    def get(self, component_id: str) -> Component:
        for c in self.components:
            if c.id == component_id:
                return c
        raise CatalogError(f"environment {self.name} has no component {component_id!r}")

    def of_kind(self, kind: str) -> list[Component]:
        return [c for c in self.components if c.kind == kind]


@dataclass(frozen=True)
class Baseline:
    """The render context: one frozen baseline."""

    project: str
    team: str
    cost_center: str
    maturity: str
    version: int
    sha256: str
    region: str
    runtime: Runtime
    services: tuple[str, ...]
    datastores: tuple[str, ...]
    rto_minutes: int | None
    rpo_minutes: int | None
    environments: tuple[Environment, ...]
    monthly_usd: Decimal
    usage: Usage  # the usage figures the cost frame priced (requests, egress, stored GB)
    compliance: tuple[str, ...]
    owner_emails: tuple[str, ...] = ()  # the brief's owners: the alarm topic mails them
    personal_data: bool = False  # the brief's data.personal_data: the cache needs AUTH
    # The application's contract (render/contract): how it starts, where it is checked,
    # what it reads; None when no environment runs the application (a static site).
    app: Contract | None = None
    # Rendered files as the repository holds them now (path -> text), read back so that
    # the base images Dependabot bumped stay bumped (render/pins.py).
    existing: Mapping[str, str] = field(default_factory=dict)

    @property
    def health_path(self) -> str:
        """Deep health: the path the deploy waits on (the contract's)."""
        return self.app.health_path if self.app else "/"

    @property
    def version_label(self) -> str:
        return f"v{self.version}"

    @property
    def ref(self) -> str:
        """project/vN, as stamps and reports name a baseline."""
        return f"{self.project}/{self.version_label}"

    def environment(self, name: str) -> Environment:
        for env in self.environments:
            if env.name == name:
                return env
        raise CatalogError(f"baseline {self.project} v{self.version} has no environment {name!r}")

    def name(self, env: str, component: str) -> str:
        """The one naming convention of every resource: project-environment-component."""
        return f"{self.project}-{env}-{component}".replace("_", "-")

    def tags(self, env: str) -> dict[str, str]:
        """The mandatory tags every resource carries, sorted by key."""
        return {
            "baseline_version": self.version_label,
            "cost_center": self.cost_center,
            "environment": env,
            "managed_by": "infragate",
            "project": self.project,
            "team": self.team,
        }

    def allocation_tag_keys(self) -> tuple[str, ...]:
        """The tag keys bootstrap activates as cost allocation tags, sorted: the mandatory
        tags spend is allocated by, `component`, and `preview` where previews exist."""
        keys = {*ALLOCATION_TAGS, COMPONENT_TAG}
        if any(e.is_preview for e in self.environments):
            keys.add(PREVIEW_TAG)
        return tuple(sorted(keys))


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def environments_of(design: dict[str, Any]) -> list[Environment]:
    """The environments of a design document, in deploy order, each with its components."""
    components = [_component(c) for c in design["components"]]
    return [
        Environment(
            name=e["name"],
            schedule=e["schedule"],
            hours_per_month=int(e["hours_per_month"]),
            ttl_hours=e.get("ttl_hours"),
            instances_per_month=e.get("instances_per_month"),
            monthly_usd=Decimal(str(e["monthly_usd"])),
            components=tuple(c for c in components if c.environment == e["name"]),
        )
        for e in sorted(design["environments"], key=lambda e: deploy_rank(e["name"]))
    ]


def _component(data: dict[str, Any]) -> Component:
    return Component(
        environment=data["environment"],
        id=data["id"],
        kind=data["kind"],
        size=data.get("size"),
        count=int(data["count"]),
        vcpu=_decimal(data.get("vcpu")),
        memory_gb=_decimal(data.get("memory_gb")),
        storage_gb=data.get("storage_gb"),
        multi_az=bool(data.get("multi_az", False)),
        settings=dict(data.get("settings") or {}),
        hours_per_month=int(data["hours_per_month"]),
        monthly_usd=Decimal(str(data["monthly_usd"])),
    )


def usage_of(brief: dict[str, Any], design: dict[str, Any]) -> Usage:
    """The usage figures of the frozen design, derived as the planner derived them."""
    figures, load = design["inputs"], brief.get("load") or {}
    inputs = Inputs(
        users=int(figures["users"]),
        peak_rps=Decimal(figures["peak_rps"]),
        data_gb=Decimal(figures["data_gb"]),
        growth_pct_month=Decimal(figures["growth_pct_month"]),
        availability=Decimal(figures["availability_target"]),
        criticality=figures["data_criticality"],
        defaulted=(),
    )
    egress, stored = load.get("egress_gb_month"), load.get("object_storage_gb")
    return usage(inputs, load_catalog(), _decimal(egress), _decimal(stored))


def _contract(
    workload: dict[str, Any], components: list[Component], runtime_spec: Runtime, repo: Repo | None
) -> Contract | None:
    if not any(c.kind in ("container_service", "vm") for c in components):
        return None
    try:
        return resolve(
            workload.get("app"),
            runtime_spec.name,
            runtime_spec.port,
            tuple(workload.get("services") or ()) or ("web",),
            tuple(workload.get("datastores") or ()),
            repo,
        )
    except ContractUnknown as exc:
        unknown = "\n".join(f"  {what}: set {where}" for what, where in exc.missing)
        raise Refused(
            "refusing to render: the application's contract is incomplete, and infragate "
            "does not guess it. Nothing was written.\n"
            f"Unknown:\n{unknown}\n"
            "infragate reads these from the repository's code (entry point, routes, lock "
            "file, environment variables) or from the brief's workload.app inputs "
            "('infragate schema brief' documents them); a brief input needs a change "
            "request ('infragate change propose') and a new freeze."
        ) from None


def from_lock(
    document: dict[str, Any],
    sha256: str,
    repo: Repo | None = None,
    existing: Mapping[str, str] | None = None,
) -> Baseline:
    """The render context of a verified baseline document (the lock's `baseline`).
    `repo`: the project's files, where the application's contract is read from (None: the
    brief's inputs only); `existing`: rendered files as the repository holds them."""
    brief, design = document["brief"], document["design"]
    components = [_component(c) for c in design["components"]]
    known = {e["name"] for e in design["environments"]}
    envs = environments_of(design)
    unknown = known - set(DEPLOY_ORDER)
    if unknown:
        raise CatalogError(f"no deploy order for environments {sorted(unknown)}")
    project, workload = brief.get("project") or {}, brief.get("workload") or {}
    cloud, availability = brief.get("cloud") or {}, brief.get("availability") or {}
    data = brief.get("data") or {}
    spec = runtime(workload.get("runtime") or "static")
    return Baseline(
        project=project["name"],
        team=project.get("team") or project["name"],
        cost_center=project.get("cost_center") or "unassigned",
        maturity=brief["maturity"],
        version=int(document["version"]),
        sha256=sha256,
        region=cloud["region"],
        runtime=spec,
        services=tuple(workload.get("services") or ()),
        datastores=tuple(workload.get("datastores") or ()),
        rto_minutes=availability.get("rto_minutes"),
        rpo_minutes=availability.get("rpo_minutes"),
        environments=tuple(envs),
        monthly_usd=Decimal(str(design["cost"]["monthly_usd"])),
        usage=usage_of(brief, design),
        compliance=tuple(data.get("compliance") or ()),
        app=_contract(workload, components, spec, repo),
        existing=dict(existing or {}),
        owner_emails=tuple(sorted({str(o["email"]) for o in brief.get("owners") or ()})),
        personal_data=bool(data.get("personal_data")),
    )


@cache
def _runtimes() -> dict[str, Runtime]:
    ref = resources.files("infragate.render") / "data" / RUNTIMES_FILE
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return {name: Runtime(name=name, **spec) for name, spec in data["runtimes"].items()}


def runtime(name: str) -> Runtime:
    known = _runtimes()
    if name not in known:
        raise CatalogError(f"no container recipe for runtime {name!r} in {RUNTIMES_FILE}")
    return known[name]
