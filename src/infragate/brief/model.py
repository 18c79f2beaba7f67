"""The brief, modelled with pydantic.

Almost every section is optional here on purpose: whether an input is required
depends on the product's maturity, and saying so is the start gate's job
(GATE005), not the parser's. The parser only rejects what is malformed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, model_validator

from infragate.brief.app import App
from infragate.brief.fields import Email, Section, Service, Slug, TagText, no_repeats
from infragate.maturity import Maturity as Maturity  # re-exported: the brief declares it


class Role(StrEnum):
    infra_owner = "infra_owner"
    budget_owner = "budget_owner"
    tech_lead = "tech_lead"
    security_contact = "security_contact"


class Project(Section):
    name: Slug | None = Field(
        None,
        description="Short lowercase name used in resource names and tags.",
        examples=["shopfront"],
    )
    team: TagText | None = Field(
        None, description="Team that builds the product.", examples=["web"]
    )
    cost_center: TagText | None = Field(
        None, description="Cost centre charged for the infrastructure.", examples=["CC-1042"]
    )
    client: str | None = Field(
        None, description="Client the product is delivered to, if any.", examples=["Acme Retail"]
    )
    description: str | None = Field(None, description="One sentence on what the product does.")


class Owner(Section):
    name: str = Field(min_length=2, description="Full name of a person (not a team).")
    email: Email = Field(description="Work email address.", examples=["dana@example.com"])
    roles: Annotated[list[Role], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        description="infra_owner decides the design; budget_owner approves its cost.",
        examples=[["infra_owner"]],
    )


Runtime = Literal["node", "python", "go", "java", "ruby", "php", "dotnet", "static"]
Datastore = Literal["postgres", "mysql", "sqlite", "redis", "object_storage", "queue"]
LoadProfile = Literal["read-heavy", "write-heavy", "compute-heavy"]


class Workload(Section):
    runtime: Runtime | None = Field(None, description="Application runtime.", examples=["node"])
    services: Annotated[list[Service], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        description="Processes the product runs: web, api, worker, scheduler.",
        examples=[["web", "worker"]],
    )
    datastores: Annotated[list[Datastore], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        description="State the product keeps: postgres or mysql (managed) or sqlite, redis, "
        "object_storage, queue.",
        examples=[["postgres", "redis"]],
    )
    app: App | None = Field(
        None,
        description="How the application starts, is checked and configured; needed where "
        "its code is not in this repository or infragate cannot read it.",
    )

    @model_validator(mode="after")
    def _workers_are_services(self) -> Workload:
        for worker in self.app.workers if self.app else []:
            if worker.name not in self.services:
                raise ValueError(
                    f"app.workers names '{worker.name}', which is not in services "
                    f"({', '.join(self.services) or 'none'})"
                )
        return self


class Load(Section):
    users: int | None = Field(
        None, ge=0, le=10_000_000_000, description="People using the product.", examples=[2000]
    )
    peak_rps: Decimal | None = Field(
        None,
        ge=0,
        le=10_000_000,
        description="Requests per second at the busiest minute.",
        examples=[15],
    )
    data_gb: Decimal | None = Field(
        None,
        ge=0,
        le=100_000_000,
        description="Data kept in the database today, in GB.",
        examples=[20],
    )
    growth_pct_month: Decimal | None = Field(
        None,
        ge=0,
        le=1000,
        description="Expected growth of load and data, % per month.",
        examples=[10],
    )
    egress_gb_month: Decimal | None = Field(
        None,
        ge=0,
        le=1_000_000_000,
        description="Data sent to the internet per month, in GB, if known.",
        examples=[50],
    )
    object_storage_gb: Decimal | None = Field(
        None,
        ge=0,
        le=1_000_000_000,
        description="Files kept in object storage, in GB, if known.",
        examples=[100],
    )
    profile: LoadProfile | None = Field(
        None,
        description="What dominates the load, if one thing does: read-heavy (reads go to "
        "read replicas), write-heavy (the database carries fewer requests per vCPU), "
        "compute-heavy (a task carries fewer requests); 'infragate catalog' shows the factors.",
        examples=["read-heavy"],
    )


class Availability(Section):
    target: Decimal | None = Field(
        None,
        ge=Decimal("90"),
        lt=Decimal("100"),
        description='Monthly availability target in percent, e.g. "99.5".',
        examples=["99.5"],
    )
    rto_minutes: int | None = Field(
        None, gt=0, description="Longest acceptable outage after a failure.", examples=[240]
    )
    rpo_minutes: int | None = Field(
        None, ge=0, description="Most data, in minutes of writes, that may be lost.", examples=[60]
    )


Criticality = Literal["low", "medium", "high", "critical"]
Compliance = Literal["gdpr", "hipaa", "pci_dss", "soc2", "iso27001"]
Residency = Literal["eu", "uk", "us"]
REGION_PATTERN = r"^[a-z]{2}(-[a-z]+)+-\d$"


def _residency(value: str | list[str] | None) -> str | list[str] | None:
    """A named zone (eu, uk, us) or a list of region codes, each said plainly when wrong."""
    zones = get_args(Residency)
    if value is None:
        return None
    if isinstance(value, str):
        if value not in zones:
            raise ValueError(
                f"residency {value!r} is not a zone; use one of {', '.join(zones)} "
                "or a list of region codes such as [eu-central-1]"
            )
        return value
    if not value:
        raise ValueError("an empty residency list allows no region; omit it or name regions")
    for region in value:
        if not re.fullmatch(REGION_PATTERN, region):
            raise ValueError(f"{region!r} is not a region code such as eu-central-1")
    return no_repeats(value)


class Data(Section):
    criticality: Criticality | None = Field(
        None,
        description="What losing the data would cost: low, medium, high, critical.",
        examples=["high"],
    )
    personal_data: bool | None = Field(
        None, description="Whether the product stores personal data.", examples=[True]
    )
    compliance: Annotated[list[Compliance], AfterValidator(no_repeats)] = Field(
        default_factory=list, description="Regimes the product must meet.", examples=[["gdpr"]]
    )
    residency: Annotated[str | list[str] | None, AfterValidator(_residency)] = Field(
        None,
        description=(
            "Where the data must stay: eu (regions in EU member states), uk, us, or a list of "
            "region codes; the design gate checks cloud.region against it (GATE013)."
        ),
        examples=["eu", ["eu-central-1", "eu-west-1"]],
    )


class Budget(Section):
    monthly_usd: Decimal | None = Field(
        None,
        ge=-1_000_000_000,
        le=1_000_000_000,
        description="Monthly ceiling for infrastructure, in US dollars.",
        examples=[600],
    )
    hard_limit: bool = Field(
        False, description="true: a design over the ceiling is refused; false: it is a warning."
    )


class Cloud(Section):
    provider: Literal["aws"] | None = Field(None, description="Cloud provider.", examples=["aws"])
    region: str | None = Field(
        None,
        pattern=REGION_PATTERN,
        description="Region the product runs in.",
        examples=["us-east-1"],
    )


class Override(Section):
    component: str = Field(description="What the override is about.", examples=["database"])
    setting: str = Field(description="Which setting it changes.", examples=["multi_az"])
    value: bool | int | Decimal | str = Field(description="The value asked for.", examples=[True])
    reason: str = Field(min_length=3, description="Why; shown in the design document.")
    insist: bool = Field(
        False,
        description="Apply it even when infragate judges it over-engineering at this maturity.",
    )

    @property
    def key(self) -> str:
        return f"{self.component}.{self.setting}"


class Brief(Section):
    version: Literal[1] = Field(description="Version of the brief format.")
    project: Project = Field(default_factory=Project)
    owners: list[Owner] = Field(
        default_factory=list, description="At least two people: nobody owns the infra alone."
    )
    maturity: Maturity | None = Field(
        None, description="prototype | mvp | production | scale", examples=["mvp"]
    )
    workload: Workload = Field(default_factory=Workload)
    load: Load = Field(default_factory=Load)
    availability: Availability = Field(default_factory=Availability)
    data: Data = Field(default_factory=Data)
    budget: Budget = Field(default_factory=Budget)
    cloud: Cloud = Field(default_factory=Cloud)
    constraints: list[str] = Field(
        default_factory=list, description="Constraints a designer must respect, in plain words."
    )
    overrides: list[Override] = Field(
        default_factory=list, description="Deliberate departures from infragate's defaults."
    )

    def owners_with(self, role: Role) -> list[Owner]:
        return [o for o in self.owners if role in o.roles]

    def owner(self, email: str) -> Owner | None:
        """The owner with this email address (compared case-insensitively), if any."""
        return next((o for o in self.owners if o.email.lower() == email.lower()), None)
