"""Typed shape of the catalog data files; a malformed catalog is a defect, caught at load."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from infragate.brief.model import Maturity


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Capacity(_Data):
    horizon_months: int
    headroom: Decimal
    average_to_peak: Decimal
    rationale: str
    working_set_share: Decimal = Decimal("0.1")
    working_set_rationale: str = ""
    scaling_target_cpu_pct: int = 60
    scaling_rationale: str = ""


class LoadPlausibility(_Data):
    max_rps_per_user: Decimal
    min_rps_per_thousand_users: Decimal
    rationale: str


class Schedule(_Data):
    hours_per_month: int
    description: str


class Defaults(_Data):
    users: int
    peak_rps: Decimal
    data_gb: Decimal
    growth_pct_month: Decimal
    availability: Decimal
    criticality: str


class Preview(_Data):
    per_month: int
    ttl_hours: int


class MaturityPolicy(_Data):
    required_inputs: list[str]
    defaults: Defaults
    environments: list[str]
    staging_schedule: str
    preview: Preview
    log_retention_days: int
    backup_retention_days: int
    rationale: str


class Threshold(_Data):
    value: Decimal
    rationale: str


class CapacitySource(_Data):
    """Where a capacity figure comes from: a publication, or an assumption and why."""

    title: str
    url: str | None = None
    as_of: str  # the date the source was published or read
    says: str
    assumption: bool = False


class Size(_Data):
    name: str
    vcpu: Decimal
    memory_gb: Decimal
    capacity_rps: Decimal
    # Burstable classes: the share of each vCPU they sustain without spending credits (%).
    baseline_cpu_pct: Decimal | None = None

    @property
    def burstable(self) -> bool:
        return self.baseline_cpu_pct is not None


class CapacityBasis(_Data):
    """How a component's capacity_rps per size is derived: per_vcpu_rps × vCPU, times the
    baseline share for a burstable size; each factor names its source."""

    per_vcpu_rps: Decimal
    sources: list[str]
    formula: str


class Component(_Data):
    title: str
    service: str
    stoppable: bool
    sizes: list[Size]
    capacity_rationale: str = ""
    capacity: CapacityBasis | None = None
    max_tasks: int = 1
    max_tasks_rationale: str = ""
    max_replicas: int = 0
    root_volume_gb: int = 0
    min_storage_gb: int = 0
    storage_step_gb: int = 1
    storage_headroom: Decimal = Decimal(1)
    engine: str = ""  # databases: the engine name shown and priced (PostgreSQL, MySQL)
    price_key: str = ""  # databases and caches: the price book key of an instance-hour

    @model_validator(mode="after")
    def _capacity_derived(self) -> Component:
        basis = self.capacity
        if basis is None:
            return self
        for size in self.sizes:
            share = (size.baseline_cpu_pct or Decimal(100)) / 100
            expected = basis.per_vcpu_rps * size.vcpu * share
            if size.capacity_rps != expected:
                raise ValueError(
                    f"{size.name}: capacity_rps {size.capacity_rps} is not {basis.formula} = "
                    f"{expected.normalize():f}"
                )
        return self


class Profile(_Data):
    """What a load profile changes in sizing (factors on capacity, the share of reads)."""

    service_factor: Decimal = Decimal(1)
    database_factor: Decimal = Decimal(1)
    read_share: Decimal = Decimal(0)  # > 0: reads go to replicas
    rationale: str


class Usage(_Data):
    log_kb_per_request: Decimal
    response_kb: Decimal
    object_get_share: Decimal
    object_put_share: Decimal
    queue_messages_per_request: Decimal
    queue_requests_per_message: int
    nat_gb_per_environment: Decimal
    backup_daily_change: Decimal
    lcu_rps: Decimal
    registry_image_gb: Decimal
    registry_layer_gb_per_push: Decimal
    registry_pushes_per_month: int
    registry_priced_month: int
    alarms: dict[str, int]
    custom_metrics: dict[str, int]


class Template(_Data):
    name: str
    title: str
    description: str
    brief: dict[str, Any]


class Catalog(_Data):
    version: str
    capacity: Capacity
    load_plausibility: LoadPlausibility
    schedules: dict[str, Schedule]
    maturity: dict[Maturity, MaturityPolicy]
    thresholds: dict[str, Threshold]
    components: dict[str, Component]
    usage: Usage
    overridable: dict[str, str]
    capacity_sources: dict[str, CapacitySource] = {}
    profiles: dict[str, Profile] = {}
    templates: dict[str, Template] = {}

    @model_validator(mode="after")
    def _sources_known(self) -> Catalog:
        for name, comp in self.components.items():
            for source in comp.capacity.sources if comp.capacity else []:
                if source not in self.capacity_sources:
                    raise ValueError(f"component {name} cites unknown capacity source {source}")
        return self

    def policy(self, maturity: Maturity) -> MaturityPolicy:
        return self.maturity[maturity]

    def threshold(self, name: str) -> Decimal:
        return self.thresholds[name].value
