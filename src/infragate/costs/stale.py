"""Forgotten environments: spend in a bill that should not exist, and what it wastes a month.

Six kinds, each judged on Usage charges (purchases, taxes, credits and adjustments are not
things left running) at their effective cost (what the money really was, after discounts):

- outside_schedule: a business_hours environment's components that the frame stops outside
  the window (their hours_per_month follow the schedule) billing time-based usage outside
  Mon–Fri 08–20 UTC. Storage and components that run around the clock by design (a load
  balancer, a cache node) bill at night as planned and are not counted.
- preview_past_ttl: a preview copy (tag `preview`) alive longer than its environment's TTL.
  A copy runs continuously while it exists, so the spend past the TTL is taken pro rata by
  hours: spend in the period × hours of the period's span past the TTL ÷ hours of that span.
  The copy's life starts at its first charge in any imported period.
- retired_project: a retired project billing after the moment it was retired (the day of
  the retirement is counted pro rata by the hours each of its facts billed).
- never_frozen: a project in the store without any frozen baseline, billing.
- unknown_project: a project tag the store does not know.
- unknown_environment: an environment tag that no baseline of the project has ever had.

The monthly waste of a finding is what it costs per month if left alone: its spend divided by
the hours it spans (first to last wasteful charge) times a 730-hour month, the month the cost
frames are priced in: a rate, so a preview copy that wasted 52 hours and then stopped still
ranks by what its kind costs a month (the teardown that failed will fail again).
`still_billing` says whether it billed on the bill's last day. A project's first finding
replaces the others: a retired, never-frozen or unknown project is reported whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from infragate.costs.frames import ProjectFrames
from infragate.costs.model import Fact, TopResource
from infragate.costs.schedule import in_window
from infragate.costs.spend import (
    Coverage,
    coverage,
    effective,
    hour_dimension,
    hours_between,
    month_of,
    monthly_rate,
    parse_time,
    span,
)
from infragate.costs.stale_kinds import Kind

BUSINESS_HOURS = "business_hours"
USAGE = "Usage"
SHOWN_RESOURCES = 5


@dataclass(frozen=True)
class StaleFinding:
    kind: Kind
    project: str
    environment: str | None
    subject: str  # what is forgotten: the environment, the preview copy, the project
    currency: str
    spend: Decimal  # effective cost in the period that should not exist
    hours: Decimal  # the hours that spend spans
    monthly_waste: Decimal
    still_billing: bool
    reason: str
    components: tuple[str, ...] = ()
    top: tuple[TopResource, ...] = ()


@dataclass(frozen=True)
class StaleReport:
    period: str
    coverage: Coverage
    projects: tuple[str, ...]  # the projects looked at (None: all in the bill)
    findings: tuple[StaleFinding, ...]

    @property
    def total_monthly_waste(self) -> Decimal:
        return sum((f.monthly_waste for f in self.findings), Decimal(0))


def find_stale(
    facts: Sequence[Fact],
    projects: Mapping[str, ProjectFrames],
    retired_at: Mapping[str, datetime],
    top: Sequence[TopResource],
    period: str,
    only: str | None = None,
) -> StaleReport:
    """Every stale finding of billing month `period` (YYYY-MM), of one project or all."""
    cover = coverage(facts, period)
    usage = [f for f in facts if f.charge_category == USAGE and f.project is not None]
    if only is not None:
        usage = [f for f in usage if f.project == only]
    in_period = [f for f in usage if month_of(f) == period]
    by_project: dict[str, list[Fact]] = defaultdict(list)
    for fact in in_period:
        assert fact.project is not None
        by_project[fact.project].append(fact)
    previews: dict[str, list[Fact]] = defaultdict(list)  # every period: when copies were born
    for fact in usage:
        if fact.preview is not None:
            assert fact.project is not None
            previews[fact.project].append(fact)
    findings: list[StaleFinding] = []
    for name, spent in sorted(by_project.items()):
        frames = projects.get(name)
        whole = _whole_project(name, frames, spent, retired_at.get(name), cover)
        if whole is not None:
            findings.append(whole)
            continue
        assert frames is not None
        findings.extend(_outside_schedule(name, frames, spent, cover))
        findings.extend(_previews_past_ttl(name, frames, spent, previews[name], cover))
        findings.extend(_unknown_environments(name, frames, spent, cover))
    findings = [_with_top(f, top, period) for f in findings if f.spend > 0]
    findings.sort(key=lambda f: (-f.monthly_waste, f.kind, f.project, f.subject))
    looked_at = (only,) if only is not None else tuple(sorted(by_project))
    return StaleReport(period, cover, looked_at, tuple(findings))


def _finding(
    kind: Kind,
    project: str,
    environment: str | None,
    subject: str,
    facts: Sequence[Fact],
    spend: Decimal,
    start: datetime,
    end: datetime,
    cover: Coverage,
    reason: str,
    components: Iterable[str] = (),
) -> StaleFinding:
    hours = hours_between(start, end)
    return StaleFinding(
        kind,
        project,
        environment,
        subject,
        facts[0].currency,
        spend,
        hours,
        monthly_rate(spend, hours),
        end >= cover.end - timedelta(days=1),
        reason,
        tuple(sorted(set(components))),
    )


def _whole_project(
    name: str,
    frames: ProjectFrames | None,
    spent: Sequence[Fact],
    retired: datetime | None,
    cover: Coverage,
) -> StaleFinding | None:
    start, end = span(spent)
    if frames is None:
        reason = f"tag project={name} names no project in the store: whose is it?"
        return _finding(
            Kind.unknown_project,
            name,
            None,
            name,
            spent,
            effective(spent),
            start,
            end,
            cover,
            reason,
        )
    if not frames.frames:
        reason = f"{name} is {frames.state} and was never frozen: nothing it runs was approved"
        return _finding(
            Kind.never_frozen, name, None, name, spent, effective(spent), start, end, cover, reason
        )
    if frames.state == "retired" and retired is not None:
        after = [f for f in spent if parse_time(f.last_end) > retired]
        if not after:
            return None
        spend = sum((_share_after(f, retired) for f in after), Decimal(0))
        first = max(retired, min(parse_time(f.first_start) for f in after))
        reason = f"{name} was retired on {retired:%Y-%m-%d %H:%M} UTC and still bills"
        return _finding(
            Kind.retired_project, name, None, name, after, spend, first, end, cover, reason
        )
    return None


def _share_after(fact: Fact, moment: datetime) -> Decimal:
    """The part of a fact's spend after `moment`, pro rata by the hours it billed: a day's
    fact inside or outside the business-hours window covers only the hours on its side."""
    start, end = parse_time(fact.first_start), parse_time(fact.last_end)
    if start >= moment:
        return fact.effective
    whole = _billed_hours(fact, start, end)
    return fact.effective * _billed_hours(fact, moment, end) / whole if whole > 0 else Decimal(0)


def _billed_hours(fact: Fact, start: datetime, end: datetime) -> Decimal:
    """Hours of [start, end) on the fact's side of the window, within the fact's own span."""
    slot = parse_time(fact.first_start).replace(minute=0, second=0, microsecond=0)
    stop = parse_time(fact.last_end)
    hours = Decimal(0)
    while slot < stop:
        following = slot + timedelta(hours=1)
        if in_window(slot) == fact.in_window:
            overlap = min(following, end) - max(slot, start)
            if overlap.total_seconds() > 0:
                hours += hours_between(max(slot, start), min(following, end))
        slot = following
    return hours


def _outside_schedule(
    name: str, frames: ProjectFrames, spent: Sequence[Fact], cover: Coverage
) -> list[StaleFinding]:
    night: dict[str, list[Fact]] = defaultdict(list)
    for fact in spent:
        if fact.in_window or fact.environment is None or hour_dimension(fact.consumed_unit) is None:
            continue
        frame = frames.in_force(date.fromisoformat(fact.day))
        if frame is None:
            continue
        env = frame.environments.get(fact.environment)
        component = frame.components.get((fact.environment, fact.component or ""))
        if env is None or env.schedule != BUSINESS_HOURS or component is None:
            continue
        if component.hours_per_month != env.hours_per_month:
            continue  # runs around the clock by design (cannot be stopped)
        night[fact.environment].append(fact)
    out = []
    for environment, facts in sorted(night.items()):
        start, end = span(facts)
        reason = (
            f"{environment} runs business hours (Mon–Fri 08:00–20:00 UTC) but its components "
            "bill outside that window: the schedule is not stopping them"
        )
        out.append(
            _finding(
                Kind.outside_schedule,
                name,
                environment,
                environment,
                facts,
                effective(facts),
                start,
                end,
                cover,
                reason,
                (f.component or "" for f in facts),
            )
        )
    return out


def _previews_past_ttl(
    name: str,
    frames: ProjectFrames,
    spent: Sequence[Fact],
    lifetime: Sequence[Fact],
    cover: Coverage,
) -> list[StaleFinding]:
    born: dict[tuple[str | None, str], datetime] = {}
    for fact in lifetime:
        assert fact.preview is not None
        key = (fact.environment, fact.preview)
        started = parse_time(fact.first_start)
        born[key] = min(born.get(key, started), started)
    copies: dict[tuple[str | None, str], list[Fact]] = defaultdict(list)
    for fact in spent:
        if fact.preview is not None:
            copies[(fact.environment, fact.preview)].append(fact)
    out = []
    for (environment, preview), facts in sorted(copies.items(), key=lambda i: str(i[0])):
        start = born[(environment, preview)]
        frame = frames.in_force(start.date())
        env = frame.environments.get(environment or "") if frame else None
        if env is None or env.ttl_hours is None:
            continue
        deadline = start + timedelta(hours=env.ttl_hours)
        first, last = span(facts)
        if last <= deadline:
            continue
        past_from = max(deadline, first)
        spend = effective(facts) * hours_between(past_from, last) / hours_between(first, last)
        lived = hours_between(start, last)
        reason = (
            f"preview {preview} has lived {lived:.0f} h, past its {env.ttl_hours} h TTL: "
            "the teardown did not run"
        )
        out.append(
            _finding(
                Kind.preview_past_ttl,
                name,
                environment,
                preview,
                facts,
                spend,
                past_from,
                last,
                cover,
                reason,
                (f.component or "" for f in facts),
            )
        )
    return out


def _unknown_environments(
    name: str, frames: ProjectFrames, spent: Sequence[Fact], cover: Coverage
) -> list[StaleFinding]:
    known = frames.environments()
    stray: dict[str, list[Fact]] = defaultdict(list)
    for fact in spent:
        if fact.environment is not None and fact.environment not in known:
            stray[fact.environment].append(fact)
    out = []
    for environment, facts in sorted(stray.items()):
        start, end = span(facts)
        reason = (
            f"environment={environment} is in no baseline of {name} "
            f"(its baselines have {', '.join(sorted(known))}): built outside the design"
        )
        out.append(
            _finding(
                Kind.unknown_environment,
                name,
                environment,
                environment,
                facts,
                effective(facts),
                start,
                end,
                cover,
                reason,
                (f.component for f in facts if f.component),
            )
        )
    return out


def _with_top(finding: StaleFinding, top: Sequence[TopResource], period: str) -> StaleFinding:
    """The finding's biggest resources, where the import kept them (top 10 per environment)."""
    if finding.kind is Kind.preview_past_ttl:
        return finding  # resources are kept per environment, not per preview copy
    mine = [
        r
        for r in top
        if r.billing_period[:7] == period
        and r.project == finding.project
        and (finding.environment is None or r.environment == finding.environment)
        and (not finding.components or r.component in finding.components)
    ]
    mine.sort(key=lambda r: (-r.effective, r.resource_id))
    return StaleFinding(**{**finding.__dict__, "top": tuple(mine[:SHOWN_RESOURCES])})
