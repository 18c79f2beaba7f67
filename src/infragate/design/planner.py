"""`plan`: brief + catalog + prices -> design. Pure and deterministic: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from infragate.brief.model import Brief, Override
from infragate.catalog.model import Catalog
from infragate.design import model as out
from infragate.design.capacity_checks import capacity_checks, capacity_sources
from infragate.design.cost import Line, Usage, money, price, total, usage
from infragate.design.inputs import effective_inputs
from infragate.design.sizing import Load, design_load
from infragate.design.topology import EnvPlan, Memo, Placement, environments, place
from infragate.errors import UsageError
from infragate.pricing.book import PriceBook
from infragate.rules.rightsizing import SIZING_RULES
from infragate.rules.sizing import Judgement, Need, SizingContext, SizingRule


@dataclass(frozen=True)
class _Decided:
    rule: SizingRule
    judgement: Judgement
    on: bool
    requested: bool | None
    override: Override | None


def requested_features(brief: Brief) -> dict[str, tuple[bool, Override | None]]:
    """What the brief itself asks for, feature by feature (overrides win over datastores)."""
    asked: dict[str, tuple[bool, Override | None]] = {}
    stores = brief.workload.datastores
    if "sqlite" in stores:
        asked["database.managed"] = (False, None)
    elif "postgres" in stores or "mysql" in stores:
        asked["database.managed"] = (True, None)
    for override in brief.overrides:
        if isinstance(override.value, bool):
            asked[override.key] = (override.value, override)
    return asked


def decide(brief: Brief, catalog: Catalog) -> tuple[SizingContext, list[_Decided]]:
    maturity = brief.maturity
    if maturity is None:
        raise UsageError("the brief has no maturity; run 'infragate check' first")
    policy = catalog.policy(maturity)
    inputs = effective_inputs(brief, policy)
    asked = requested_features(brief)
    features: dict[str, bool] = {}
    decided: list[_Decided] = []
    ctx = SizingContext(brief, maturity, policy, catalog, inputs, features)
    for rule in SIZING_RULES:
        judgement = rule.judge(ctx)
        wanted, override = asked.get(rule.feature, (None, None))
        if judgement.need is Need.required:
            on = True
        elif judgement.need is Need.deferred:
            on = bool(wanted and override is not None and override.insist)
        elif judgement.need is Need.allowed:
            on = judgement.default if wanted is None else wanted
        else:
            on = False
        features[rule.feature] = on
        decided.append(_Decided(rule, judgement, on, wanted, override))
    return ctx, decided


def plan(brief: Brief, catalog: Catalog, book: PriceBook) -> out.Design:
    ctx, decided = decide(brief, catalog)
    features = {d.rule.feature: d.on for d in decided}
    load = design_load(ctx.inputs, catalog.capacity)
    use = usage(ctx.inputs, catalog, brief.load.egress_gb_month, brief.load.object_storage_gb)

    priced: dict[frozenset[tuple[str, bool]], Decimal] = {}
    memo: Memo = {}

    def cost_of(feats: Mapping[str, bool]) -> Decimal:
        # Verdicts price many variants that coincide with each other or with the design.
        key = frozenset(feats.items())
        if key not in priced:
            priced[key] = total(price(place(ctx, feats, load, book, memo), book, catalog, use))
        return priced[key]

    placements = place(ctx, features, load, book, memo)
    lines = price(placements, book, catalog, use)
    monthly = total(lines)
    verdicts = [
        _verdict(d, features, cost_of)
        for d in decided
        if d.judgement.need is not Need.not_applicable
    ]
    capacity = capacity_checks(placements, load, catalog, brief.load.profile)
    envs = environments(ctx, features)
    budget = _budget(brief, monthly)

    minimal = {d.rule.feature: d.judgement.need is Need.required for d in decided}
    cheapest_usd = cost_of(minimal)
    dropped = [catalog.overridable[f] for f, on in features.items() if on and not minimal[f]]
    limit = brief.budget.monthly_usd
    cheapest = out.Cheapest(
        monthly_usd=cheapest_usd,
        dropped=dropped,
        within_budget=None if limit is None else cheapest_usd <= limit,
    )

    blockers = [f"{v.rule} {v.slug}: {v.reason}" for v in verdicts if v.blocker]
    blockers += [
        f"capacity: {c.component} in {c.environment} needs {c.required} {c.unit}; nothing on "
        f"offer carries it (the most is {c.provided}): what would carry it: {c.beyond}"
        if c.beyond
        else f"capacity: {c.component} in {c.environment} provides {c.provided} of the "
        f"{c.required} {c.unit} required"
        for c in capacity
        if not c.ok
    ]
    if budget.blocker:
        blockers.append(
            f"budget: ${monthly:,.2f} a month is over the hard limit of "
            f"${limit:,.2f}; the cheapest design meeting the brief costs "
            f"${cheapest_usd:,.2f}"
        )

    return out.Design(
        project=brief.project.name or "unnamed",
        maturity=str(ctx.maturity),
        catalog_version=catalog.version,
        pricing_as_of=book.as_of,
        inputs=_inputs(ctx, load),
        environments=[_environment(e, lines, catalog) for e in envs],
        components=[_component(p, lines, catalog) for p in placements],
        capacity=capacity,
        decisions=_decisions(ctx, envs, decided, placements, load, verdicts),
        verdicts=verdicts,
        cost=out.Cost(
            monthly_usd=monthly,
            by_environment={e.name: _sum(lines, environment=e.name) for e in envs},
            lines=[_cost_line(line) for line in lines],
            assumptions=_assumptions(
                ctx, load, use, book, any("autoscaling" in p.settings for p in placements)
            ),
            pricing=f"{book.provider} {book.region}, on-demand list prices as of {book.as_of}",
            budget=budget,
            cheapest=cheapest,
        ),
        blockers=blockers,
    )


def _verdict(
    d: _Decided, features: Mapping[str, bool], cost_of: Callable[[Mapping[str, bool]], Decimal]
) -> out.Verdict:
    """Judge one feature; its delta is what the feature (with what it requires) costs a month."""
    feature = d.rule.feature
    with_it = {**features, **dict.fromkeys(d.rule.requires, True), feature: True}
    delta = cost_of(with_it) - cost_of({**features, feature: False})
    need, reason = d.judgement.need, d.judgement.reason
    asked = f" (override: {d.override.reason})" if d.override else ""
    kind, needed_from = out.VerdictKind.approved, None
    if need is Need.required and d.requested is False:
        kind = out.VerdictKind.under_engineering
        what = "the brief asks to go without it" + asked
        if feature == "database.managed" and d.override is None:
            what = "the brief lists sqlite as its database"
        text = f"required: {reason}; {what}"
    elif need is Need.required:
        text = f"required: {reason}"
    elif need is Need.deferred:
        kind = out.VerdictKind.over_engineering
        needed_from = str(d.judgement.needed_from) if d.judgement.needed_from else None
        later = f"; needed from {needed_from}" if needed_from else ""
        tail = ""
        if d.requested and d.on:
            tail = f"; applied anyway because the override insists{asked}"
        elif d.requested:
            tail = f"; the brief's request is deferred{asked}"
        text = f"deferred: {reason}{later}{tail}"
    else:
        state = "included" if d.on else "left out"
        differs = d.requested is not None and d.requested != d.judgement.default
        text = f"{state}{f' as the brief asks{asked}' if differs else ''}: {reason}"
    return out.Verdict(
        rule=d.rule.id,
        slug=d.rule.slug,
        subject=feature,
        verdict=kind,
        reason=text,
        monthly_usd_delta=delta,
        applied=d.on,
        needed_from=needed_from,
        blocker=kind is out.VerdictKind.under_engineering,
    )


def _sum(lines: list[Line], *, environment: str, component: str | None = None) -> Decimal:
    return total(
        line
        for line in lines
        if line.environment == environment and (component is None or line.component == component)
    )


def _environment(env: EnvPlan, lines: list[Line], catalog: Catalog) -> out.Environment:
    schedule = catalog.schedules[env.schedule]
    return out.Environment(
        name=env.name,
        schedule=env.schedule,
        schedule_description=schedule.description,
        hours_per_month=env.hours,
        ttl_hours=env.ttl_hours,
        instances_per_month=env.instances_per_month,
        monthly_usd=_sum(lines, environment=env.name),
    )


def _component(p: Placement, lines: list[Line], catalog: Catalog) -> out.Component:
    comp = catalog.components[p.kind]
    return out.Component(
        environment=p.env.name,
        id=p.id,
        kind=p.kind,
        title=comp.title,
        service=comp.service,
        size=p.size.name if p.size else None,
        count=p.count,
        vcpu=p.size.vcpu if p.size else None,
        memory_gb=p.size.memory_gb if p.size else None,
        storage_gb=p.storage_gb,
        multi_az=p.multi_az,
        settings=dict(sorted(p.settings.items())),
        hours_per_month=p.hours,
        monthly_usd=_sum(lines, environment=p.env.name, component=p.id),
    )


def _cost_line(line: Line) -> out.CostLine:
    return out.CostLine(
        environment=line.environment,
        component=line.component,
        item=line.item,
        quantity=line.quantity,
        unit=line.unit,
        unit_usd=line.unit_usd,
        monthly_usd=line.monthly_usd,
        assumption=line.assumption,
        source=line.source,
    )


def _decisions(
    ctx: SizingContext,
    envs: list[EnvPlan],
    decided: list[_Decided],
    placements: list[Placement],
    load: Load,
    verdicts: list[out.Verdict],
) -> list[out.Decision]:
    catalog = ctx.catalog
    cost_of = {v.subject: v.monthly_usd_delta for v in verdicts}
    records: list[tuple[str, str, list[str], str, str]] = []
    names = ", ".join(f"{e.name} ({catalog.schedules[e.schedule].description})" for e in envs)
    records.append(
        (
            "Environments",
            names,
            ["one environment per habit (dev, test, staging, prod) regardless of maturity"],
            f"maturity policy: {ctx.maturity}",
            ctx.policy.rationale,
        )
    )
    for d in decided:
        if d.judgement.need is Need.not_applicable:
            continue
        topic = catalog.overridable[d.rule.feature]
        usd = f"${cost_of[d.rule.feature]:,.2f} a month"
        if d.on:
            choice = f"included ({d.judgement.need}; {usd})"
            other = f"leave it out (saves {usd})"
        else:
            later = f" until {d.judgement.needed_from}" if d.judgement.needed_from else ""
            label = f"deferred{later}" if d.judgement.need is Need.deferred else "left out"
            choice = f"not included ({label})"
            other = f"include it now (adds {usd})"
        records.append(
            (topic, choice, [other], d.rule.id, f"{d.judgement.reason}. {d.rule.rationale}")
        )
    for p in placements:
        if p.choice is None or p.size is None:
            continue
        comp = catalog.components[p.kind]
        c = p.choice
        what = f"{p.size.name} ({p.size.vcpu} vCPU, {p.size.memory_gb} GB)"
        if p.kind == "container_service" and c.max_count > c.min_count:
            choice = f"{c.min_count}–{c.max_count} × {what}, autoscaled; priced at {c.count}"
        elif c.replicas:
            choice = f"{what} with {c.replicas} read replica{'s' if c.replicas > 1 else ''}"
        else:
            choice = f"{p.count} × {what}"
        records.append(
            (
                f"Size of {p.id} in {p.env.name}",
                choice,
                list(c.considered),
                "capacity",
                f"{comp.capacity_rationale} Load: {load.formula}. Capacity: "
                f"{capacity_sources(catalog, p.kind)}.",
            )
        )
    return [
        out.Decision(id=f"D{i:02d}", topic=t, choice=c, alternatives=a, rule=r, rationale=w)
        for i, (t, c, a, r, w) in enumerate(records, start=1)
    ]


def _budget(brief: Brief, monthly: Decimal) -> out.Budget:
    limit = brief.budget.monthly_usd
    if limit is None:
        return out.Budget(
            monthly_usd=None,
            hard_limit=brief.budget.hard_limit,
            status="none",
            blocker=False,
            headroom_usd=None,
        )
    over = monthly > limit
    return out.Budget(
        monthly_usd=limit,
        hard_limit=brief.budget.hard_limit,
        status="over" if over else "within",
        blocker=over and brief.budget.hard_limit,
        headroom_usd=money(limit - monthly),
    )


def _inputs(ctx: SizingContext, load: Load) -> dict[str, str]:
    i = ctx.inputs
    values = {
        "users": str(i.users),
        "peak_rps": str(i.peak_rps),
        "data_gb": str(i.data_gb),
        "growth_pct_month": str(i.growth_pct_month),
        "availability_target": str(i.availability),
        "data_criticality": i.criticality,
        "required_rps": str(load.required_rps),
        "projected_data_gb": str(load.projected_data_gb),
        "average_rps": str(load.average_rps),
    }
    if ctx.brief.load.profile:
        values["load_profile"] = ctx.brief.load.profile
    if i.defaulted:
        values["defaulted"] = ", ".join(i.defaulted)
    return values


def _assumptions(
    ctx: SizingContext, load: Load, use: Usage, book: PriceBook, autoscaled: bool
) -> list[str]:
    notes = [
        f"Prices: {book.provider} {book.region} on-demand list prices as of {book.as_of}, in "
        "USD, before tax, credits and free tiers; a month is 730 hours.",
        f"Sizes are for the load {ctx.catalog.capacity.horizon_months} months out: {load.formula}.",
        f"Usage-priced items assume an average load of {use.average_rps} rps "
        f"({ctx.catalog.capacity.average_to_peak} × peak): {use.monthly_requests:,.0f} "
        "requests a month.",
        "Components that cannot be stopped (load balancer, NAT gateway, cache) are billed all "
        "month in scheduled environments.",
    ]
    if autoscaled:
        notes.insert(
            2,
            f"{ctx.catalog.capacity.scaling_rationale} Average load: {load.average_formula}.",
        )
    if ctx.inputs.defaulted:
        notes.append(
            f"Not in the brief, so the {ctx.maturity} defaults were used: "
            f"{', '.join(ctx.inputs.defaulted)}."
        )
    return notes
