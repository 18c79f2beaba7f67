"""Where the money went: spend grouped by one dimension (environment, component, service,
team, cost centre or project), running spend per group, Tax, Credit and Adjustment as lines
of their own, and the spend nobody can be asked about.

Unattributed spend is spend without a project tag or without an environment tag: nobody's
frame covers it and no owner is asked about it. It is shown as an amount, as a share of
running spend, and with its top resources, so someone can go and tag (or delete) them.

A project's team and cost centre are those of its brief, as frozen in the baseline in force
on the day (the tags on a resource can lag behind a reorganisation); the tags are the
fallback for spend of projects the store does not know.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from infragate.costs.frames import ProjectFrames
from infragate.costs.model import Fact, TopResource
from infragate.costs.spend import OTHER_CATEGORIES, running, share_pct
from infragate.errors import UsageError

DIMENSIONS = ("environment", "component", "service", "team", "cost_center", "project")
# Above this share of running spend, unattributed spend is a finding (COST004): beyond it the
# per-team and per-project figures miss enough money to mislead (infragate's own policy, set
# with the costs report, 2026-12-07).
UNATTRIBUTED_MAX_PCT = Decimal("10")
TOP_UNATTRIBUTED = 10


@dataclass
class Money:
    billed: Decimal = Decimal(0)
    effective: Decimal = Decimal(0)

    def add(self, fact: Fact) -> None:
        self.billed += fact.billed
        self.effective += fact.effective


@dataclass(frozen=True)
class Group:
    key: str | None  # None: spend without this dimension
    running: Money  # Usage and Purchase
    other: Mapping[str, Money]  # Tax, Credit, Adjustment present in the group


@dataclass(frozen=True)
class Unattributed:
    billed: Decimal
    effective: Decimal
    share_pct: Decimal | None  # of running effective spend; None: no running spend at all
    top: tuple[TopResource, ...]

    @property
    def above_limit(self) -> bool:
        return self.share_pct is not None and self.share_pct > UNATTRIBUTED_MAX_PCT


@dataclass(frozen=True)
class Allocation:
    dimension: str
    groups: tuple[Group, ...]  # largest running effective spend first, None last
    running: Money
    other: Mapping[str, Money]  # per category, in OTHER_CATEGORIES order
    unattributed: Unattributed
    periods: tuple[str, ...] = field(default=())

    @property
    def total(self) -> Money:
        return Money(
            self.running.billed + sum((m.billed for m in self.other.values()), Decimal(0)),
            self.running.effective + sum((m.effective for m in self.other.values()), Decimal(0)),
        )


def check_dimension(dimension: str) -> str:
    if dimension not in DIMENSIONS:
        raise UsageError(f"--by {dimension!r}: choose one of {', '.join(DIMENSIONS)}")
    return dimension


def key_of(fact: Fact, dimension: str, frames: Mapping[str, ProjectFrames]) -> str | None:
    if dimension in ("team", "cost_center") and fact.project is not None and fact.project in frames:
        frame = frames[fact.project].in_force(date.fromisoformat(fact.day))
        brief_value = getattr(frame, dimension) if frame is not None else None
        if brief_value:
            return str(brief_value)
    value = getattr(fact, dimension)
    return None if value is None else str(value)


def allocate(
    facts: Iterable[Fact],
    dimension: str,
    frames: Mapping[str, ProjectFrames],
    top: Sequence[TopResource],
) -> Allocation:
    """Group `facts` (already narrowed to the periods and projects shown) by `dimension`."""
    check_dimension(dimension)
    running_by: dict[str | None, Money] = defaultdict(Money)
    other_by: dict[str | None, dict[str, Money]] = defaultdict(lambda: defaultdict(Money))
    total_running = Money()
    other: dict[str, Money] = defaultdict(Money)
    loose = Money()
    periods: set[str] = set()
    for fact in facts:
        periods.add(fact.billing_period)
        key = key_of(fact, dimension, frames)
        if running(fact):
            running_by[key].add(fact)
            total_running.add(fact)
            if not fact.attributed:
                loose.add(fact)
        else:
            other_by[key][fact.charge_category].add(fact)
            other[fact.charge_category].add(fact)
    keys = set(running_by) | set(other_by)
    groups = tuple(
        Group(k, running_by.get(k, Money()), dict(other_by.get(k, {})))
        for k in sorted(
            keys,
            key=lambda k: (k is None, -running_by.get(k, Money()).effective, k or ""),
        )
    )
    loose_top = sorted(
        (
            r
            for r in top
            if r.billing_period in periods and (r.project is None or r.environment is None)
        ),
        key=lambda r: (-r.effective, r.resource_id),
    )[:TOP_UNATTRIBUTED]
    return Allocation(
        dimension,
        groups,
        total_running,
        {c: other[c] for c in OTHER_CATEGORIES if c in other}
        | {c: m for c, m in other.items() if c not in OTHER_CATEGORIES},
        Unattributed(
            loose.billed,
            loose.effective,
            share_pct(loose.effective, total_running.effective),
            tuple(loose_top),
        ),
        tuple(sorted(periods)),
    )
