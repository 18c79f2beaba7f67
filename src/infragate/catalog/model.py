"""Typed shape of the catalog data files; a malformed catalog is a defect, caught at load."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from infragate.brief.model import Maturity


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Capacity(_Data):
    horizon_months: int
    headroom: Decimal
    average_to_peak: Decimal
    rationale: str


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


class Size(_Data):
    name: str
    vcpu: Decimal
    memory_gb: Decimal
    capacity_rps: Decimal


class Component(_Data):
    title: str
    service: str
    stoppable: bool
    sizes: list[Size]
    capacity_rationale: str = ""
    max_tasks: int = 1
    root_volume_gb: int = 0
    min_storage_gb: int = 0
    storage_step_gb: int = 1
    storage_headroom: Decimal = Decimal(1)


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
    templates: dict[str, Template] = {}

    def policy(self, maturity: Maturity) -> MaturityPolicy:
        return self.maturity[maturity]

    def threshold(self, name: str) -> Decimal:
        return self.thresholds[name].value
