"""What every rule is: metadata (ID, slug, severity, title, rationale, fix) and one pure check."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from infragate.brief.model import Brief
from infragate.catalog.model import Catalog

RULE_ID = re.compile(r"^(GATE|RS|CLOSE)\d{3}$")
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Severity(StrEnum):
    blocker = "blocker"  # a failure stops the project moving forward
    warning = "warning"  # a failure is reported but does not block


class Status(StrEnum):
    passed = "pass"
    failed = "fail"
    warned = "warn"
    waived = "waived"  # a failed blocker with a waiver in force: reported, not blocking


class Stage(StrEnum):
    design = "design"


@dataclass(frozen=True)
class GateContext:
    brief: Brief
    catalog: Catalog
    priced_regions: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Outcome:
    """What a check found. `field` points into the brief for file:line evidence."""

    ok: bool
    reason: str
    field: str | None = None


@dataclass(frozen=True)
class GateRule:
    id: str
    slug: str
    title: str
    severity: Severity
    stage: Stage
    rationale: str
    fix: str
    check: Callable[[GateContext], Outcome]


def passed(reason: str) -> Outcome:
    return Outcome(True, reason)


def failed(reason: str, field: str | None = None) -> Outcome:
    return Outcome(False, reason, field)
