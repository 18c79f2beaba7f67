"""What a closure rule reads and says: one context of plain values, and a verdict.

The context is everything the gate knows at one moment: the lock file (and whether it
verifies), what `drift` found, the trail and the evidence in it, the open change
requests, the actual cost where bills were imported, and today. Rules are pure
functions of it, so each is tested with fixtures (tests/fixtures/rules/CLOSE...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from infragate.brief.model import Role
from infragate.evidence.model import HANDOVER_EVENT_KIND, Evidence, EvidenceKind
from infragate.lifecycle.chain import Event
from infragate.lifecycle.waivers import Waiver
from infragate.render.context import Baseline


class Verdict(StrEnum):
    passed = "pass"
    failed = "fail"
    unjudged = "cannot-judge"  # the input to judge is not there yet: reported, not blocking


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    reason: str


def passed(reason: str) -> Outcome:
    return Outcome(Verdict.passed, reason)


def failed(reason: str) -> Outcome:
    return Outcome(Verdict.failed, reason)


def unjudged(reason: str) -> Outcome:
    return Outcome(Verdict.unjudged, reason)


@dataclass(frozen=True)
class OpenChange:
    number: int
    status: str  # proposed | approved
    requested_by: str


@dataclass(frozen=True)
class ClosureContext:
    project: str
    lock: dict[str, Any]  # the baseline document of the lock file
    lock_problems: tuple[str, ...]  # verification checks that failed, "name: detail"
    store_version: int | None  # the latest baseline the store holds
    drift: tuple[str, ...] | None  # drift findings; None: drift could not be run
    baseline: Baseline | None  # the render context of the lock (None: it cannot be read)
    baseline_problem: str | None  # why `baseline` is None
    events: tuple[Event, ...]
    evidence: tuple[Evidence, ...]
    open_changes: tuple[OpenChange, ...]
    today: date
    cost_tolerance_pct: Decimal  # the catalog's cost_variance_pct
    actual_monthly_usd: Decimal | None = None  # from imported bills; None: cannot judge
    actual_period: str | None = None  # YYYY-MM the actual is of
    actual_unjudged: str | None = None  # why there is no actual though bills are imported

    @property
    def version(self) -> int:
        return int(self.lock.get("version") or 0)

    @property
    def waivers(self) -> list[Waiver]:
        return [Waiver.from_dict(w) for w in self.lock.get("waivers") or ()]

    def latest(self, kind: EvidenceKind, current_only: bool = False) -> list[Evidence]:
        """Evidence of a kind, newest first; `current_only`: of this baseline only."""
        found = [
            e
            for e in self.evidence
            if e.kind is kind and (not current_only or e.baseline_version == self.version)
        ]
        return sorted(found, key=lambda e: e.recorded_at, reverse=True)

    def handovers(self) -> list[dict[str, Any]]:
        return [e.payload for e in self.events if e.kind == HANDOVER_EVENT_KIND]

    def people(self, role: Role) -> list[str]:
        """'Name <email>' of the lock's owners holding `role`."""
        owners = (self.lock.get("brief") or {}).get("owners") or ()
        return [f"{o['name']} <{o['email']}>" for o in owners if str(role) in o.get("roles", ())]


@dataclass(frozen=True)
class ClosureRule:
    id: str
    slug: str
    title: str
    acts: tuple[Role, ...]  # who can act on a failure (people named from the lock)
    rationale: str
    fix: str
    check: Callable[[ClosureContext], Outcome]
