"""Right-sizing from actuals: components whose bill shows another count than the baseline's
(drift, in money), and components spending far below their frame (over-provisioned:
candidates for a change request).

Per component of the baseline in force, over the days the bill covers in the month:

- spend: Usage charges at list cost when the bill gives it for every charge (the frame is
  priced at list prices, so a commitment discount is not mistaken for over-provisioning),
  else at effective cost; expected: the frame pro rata for those days (frames.expected).
- count the bill shows: the component's main hourly meter (the service and time-based unit
  with the most spend) divided by what one instance uses in those days' hours. The frame's
  month is 730 h, so an instance runs hours_per_month / 730 of every hour covered (all of
  them always on, 260/730 in business hours). Plain hours (Hrs, instance-hours) count
  instances; dimensioned hours (vCPU-Hours, GB-Hours) are divided by the frame line of the
  same unit per instance.
  A count that rounds to another whole number than the frame's is drift.
- over-provisioned: spend below `rightsize_below_pct` (catalog thresholds) of the expected.
  The suggested size is the next smaller size of the same family in the catalog.

Acting on it: `infragate change propose` re-plans the design from the brief. Sizes follow
the brief's load (load.peak_rps, load.users, load.data_gb) and there is no size override (the
brief's overrides switch features on and off), so a change request for a smaller size needs
the brief's load brought to what production shows, or a `size` override setting that
`change propose` does not have yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from infragate.costs.frames import ComponentFrame, ProjectFrames, expected
from infragate.costs.model import Fact
from infragate.costs.spend import (
    HOURS_PER_MONTH,
    Coverage,
    coverage,
    hour_dimension,
    month_of,
    require_frame_currency,
)

USAGE = "Usage"
HOURS_PER_DAY = 24
THRESHOLD = "rightsize_below_pct"


@dataclass(frozen=True)
class Meter:
    service: str | None
    unit: str
    quantity: Decimal  # consumed in the days covered
    per_instance: Decimal  # what one instance of the frame consumes in those days


@dataclass(frozen=True)
class ComponentActuals:
    project: str
    environment: str
    component: str
    kind: str
    size: str | None
    count: int
    expected: Decimal
    actual: Decimal
    basis: str  # "list" or "effective": which cost `actual` is
    meter: Meter | None
    smaller_size: str | None
    below_pct: Decimal

    @property
    def delta(self) -> Decimal:
        return self.actual - self.expected

    @property
    def share_pct(self) -> Decimal | None:
        return None if self.expected == 0 else self.actual / self.expected * 100

    @property
    def billed_count(self) -> Decimal | None:
        if self.meter is None or self.meter.per_instance == 0:
            return None
        return self.meter.quantity / self.meter.per_instance

    @property
    def drift(self) -> bool:
        count = self.billed_count
        if count is None:
            return False
        return count.quantize(Decimal(1), ROUND_HALF_UP) != self.count

    @property
    def over_provisioned(self) -> bool:
        share = self.share_pct
        return share is not None and share < self.below_pct


@dataclass(frozen=True)
class RightsizeReport:
    period: str
    coverage: Coverage
    below_pct: Decimal
    components: tuple[ComponentActuals, ...]  # every component of the frames in force
    without_spend: tuple[str, ...] = ()  # frozen projects the bill has no usage for

    @property
    def findings(self) -> tuple[ComponentActuals, ...]:
        hits = [c for c in self.components if c.drift or c.over_provisioned]
        return tuple(sorted(hits, key=lambda c: (-abs(c.delta), c.project, c.component)))


def smaller_size(sizes: Sequence[str], size: str | None) -> str | None:
    """The catalog size before `size` in its family (db.t4g.large -> db.t4g.medium)."""
    if size is None or size not in sizes:
        return None

    def family(name: str) -> str:
        return name.rsplit(".", 1)[0] if "." in name else ""

    same = [s for s in sizes if family(s) == family(size)]
    at = same.index(size)
    return same[at - 1] if at > 0 else None


def rightsize(
    facts: Sequence[Fact],
    projects: Mapping[str, ProjectFrames],
    sizes: Mapping[str, Sequence[str]],
    below_pct: Decimal,
    period: str,
    only: str | None = None,
) -> RightsizeReport:
    """Every component of the frames in force in billing month `period`, against its bill."""
    cover = coverage(facts, period)
    require_frame_currency(
        (f for f in facts if month_of(f) == period and (only is None or f.project == only)),
        "costs rightsize",
    )
    days = cover.days
    usage: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for f in facts:
        if f.charge_category == USAGE and month_of(f) == period and f.attributed:
            assert f.project is not None and f.environment is not None
            usage[(f.project, f.environment, f.component or "")].append(f)
    billed = {project for project, _, _ in usage}
    out: list[ComponentActuals] = []
    silent: list[str] = []
    for name, frames in sorted(projects.items()):
        if (only is not None and name != only) or frames.state == "retired":
            continue
        frame = frames.in_force(cover.last_day)
        if frame is None:
            continue
        if name not in billed:
            silent.append(name)  # not deployed yet, or its tags do not reach the bill
            continue
        for (environment, component_id), component in sorted(frame.components.items()):
            spent = usage.get((name, environment, component_id), [])
            with_list = bool(spent) and all(f.list_cost is not None for f in spent)
            actual = sum(
                ((f.list_cost or Decimal(0)) if with_list else f.effective for f in spent),
                Decimal(0),
            )
            out.append(
                ComponentActuals(
                    name,
                    environment,
                    component_id,
                    component.kind,
                    component.size,
                    component.count,
                    expected(frames, days, environment, component_id),
                    actual,
                    "list" if with_list else "effective",
                    _meter(frames, component, spent, days),
                    smaller_size(sizes.get(component.kind, ()), component.size),
                    below_pct,
                )
            )
    return RightsizeReport(period, cover, below_pct, tuple(out), tuple(silent))


def _meter(
    frames: ProjectFrames, component: ComponentFrame, spent: Sequence[Fact], days: Sequence[date]
) -> Meter | None:
    groups: dict[tuple[str | None, str], list[Fact]] = defaultdict(list)
    for f in spent:
        if f.consumed_quantity is not None and hour_dimension(f.consumed_unit) is not None:
            assert f.consumed_unit is not None
            groups[(f.service, f.consumed_unit)].append(f)
    if not groups:
        return None
    (service, unit), main = max(
        groups.items(), key=lambda g: (sum(f.effective for f in g[1]), str(g[0]))
    )
    dimension = hour_dimension(unit)
    per_instance = Decimal(0)
    for day in days:
        frame = frames.in_force(day)
        c = frame.components.get((component.environment, component.id)) if frame else None
        if c is None or c.count == 0:
            continue
        if dimension == "":
            per_hour = Decimal(c.hours_per_month) / HOURS_PER_MONTH
        else:
            line = next(
                (ln for ln in c.lines if hour_dimension(str(ln.get("unit"))) == dimension), None
            )
            if line is None:
                return None
            per_hour = Decimal(str(line["quantity"])) / c.count / HOURS_PER_MONTH
        per_instance += per_hour * HOURS_PER_DAY
    quantity = sum((f.consumed_quantity or Decimal(0) for f in main), Decimal(0))
    return Meter(service, unit, quantity, per_instance)
