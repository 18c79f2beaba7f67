"""The design as data; its JSON form (and schema) is what other tools consume.

Money is `Decimal`, rounded to the cent per cost line and serialised as a
decimal string ("123.45"), never a binary float.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, PlainSerializer

Money = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json")]
Figure = Annotated[
    Decimal, PlainSerializer(lambda v: f"{v.normalize():f}", return_type=str, when_used="json")
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VerdictKind(StrEnum):
    approved = "approved"
    over_engineering = "over_engineering"
    under_engineering = "under_engineering"


class Environment(_Out):
    name: str
    schedule: str
    schedule_description: str
    hours_per_month: int
    ttl_hours: int | None = None
    instances_per_month: int | None = None
    monthly_usd: Money


class Component(_Out):
    environment: str
    id: str  # unique within the environment, e.g. "web", "database"
    kind: str  # catalog component, e.g. "container_service"
    title: str
    service: str
    size: str | None
    count: int
    vcpu: Figure | None = None
    memory_gb: Figure | None = None
    storage_gb: int | None = None
    multi_az: bool = False
    settings: dict[str, str] = {}
    hours_per_month: int
    monthly_usd: Money


class CapacityCheck(_Out):
    environment: str
    component: str
    required: Figure
    provided: Figure
    unit: str
    headroom_pct: Figure
    formula: str
    ok: bool
    source: str = ""  # where the capacity figure comes from (catalog capacity_sources)
    beyond: str | None = None  # when not ok: what would carry the load


class Decision(_Out):
    id: str
    topic: str
    choice: str
    alternatives: list[str]
    rule: str
    rationale: str


class Verdict(_Out):
    rule: str
    slug: str
    subject: str
    verdict: VerdictKind
    reason: str
    monthly_usd_delta: Money
    applied: bool
    needed_from: str | None = None
    blocker: bool


class CostLine(_Out):
    environment: str
    component: str
    item: str
    quantity: Figure
    unit: str
    unit_usd: Figure
    monthly_usd: Money
    assumption: str
    source: str


class Budget(_Out):
    monthly_usd: Money | None
    hard_limit: bool
    status: Literal["within", "over", "none"]
    blocker: bool
    headroom_usd: Money | None


class Cheapest(_Out):
    monthly_usd: Money
    dropped: list[str]
    within_budget: bool | None


class Cost(_Out):
    currency: Literal["USD"] = "USD"
    monthly_usd: Money
    by_environment: dict[str, Money]
    lines: list[CostLine]
    assumptions: list[str]
    pricing: str
    budget: Budget
    cheapest: Cheapest


class Design(_Out):
    schema_version: Literal[1] = 1
    project: str
    maturity: str
    catalog_version: str
    pricing_as_of: str
    inputs: dict[str, str]
    environments: list[Environment]
    components: list[Component]
    capacity: list[CapacityCheck]
    decisions: list[Decision]
    verdicts: list[Verdict]
    cost: Cost
    blockers: list[str]
