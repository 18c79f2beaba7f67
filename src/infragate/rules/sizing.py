"""What a right-sizing rule is: it judges one feature of the design for the brief's maturity.

A judgement says whether the feature is `required` (leaving it out is
under-engineering, a blocker), `deferred` (adding it now is over-engineering),
`allowed` (a judgement call with a default) or `not_applicable`. The planner
turns judgements into the design and into verdicts with their monthly cost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from infragate.brief.model import Brief, Maturity
from infragate.catalog.model import Catalog, MaturityPolicy

# Relational databases a brief may name: the managed engines (catalog components), or SQLite.
MANAGED_DATABASES = ("postgres", "mysql")
DATABASES = (*MANAGED_DATABASES, "sqlite")


class Need(StrEnum):
    required = "required"
    deferred = "deferred"
    allowed = "allowed"
    not_applicable = "not_applicable"


@dataclass(frozen=True)
class Inputs:
    """The brief's figures with the maturity's defaults filled in (each default is reported)."""

    users: int
    peak_rps: Decimal
    data_gb: Decimal
    growth_pct_month: Decimal
    availability: Decimal
    criticality: str
    defaulted: tuple[str, ...]


@dataclass(frozen=True)
class SizingContext:
    brief: Brief
    maturity: Maturity
    policy: MaturityPolicy
    catalog: Catalog
    inputs: Inputs
    decided: Mapping[str, bool]  # features decided by earlier rules, in registry order

    @property
    def datastores(self) -> frozenset[str]:
        return frozenset(self.brief.workload.datastores)

    @property
    def has_database(self) -> bool:
        return bool(set(DATABASES) & self.datastores)

    @property
    def engine(self) -> str | None:
        """The managed engine the brief names (the catalog component), if any."""
        return next((d for d in MANAGED_DATABASES if d in self.datastores), None)

    @property
    def is_static(self) -> bool:
        return self.brief.workload.runtime == "static"


@dataclass(frozen=True)
class Judgement:
    need: Need
    reason: str
    needed_from: Maturity | None = None  # for `deferred`: when it becomes needed
    default: bool = False  # for `allowed`: what the design does unless the brief says otherwise


@dataclass(frozen=True)
class SizingRule:
    id: str
    slug: str
    title: str
    feature: str  # the override key that can ask for it, e.g. "database.multi_az"
    rationale: str
    fix: str
    judge: Callable[[SizingContext], Judgement]
    requires: tuple[str, ...] = ()  # features it cannot exist without, priced with it


def required(reason: str) -> Judgement:
    return Judgement(Need.required, reason)


def deferred(reason: str, needed_from: Maturity | None = None) -> Judgement:
    return Judgement(Need.deferred, reason, needed_from)


def allowed(reason: str, default: bool) -> Judgement:
    return Judgement(Need.allowed, reason, default=default)


def not_applicable(reason: str) -> Judgement:
    return Judgement(Need.not_applicable, reason)
