"""The priced catalog: every template's monthly cost at each maturity tier, and what each
tier adds over the one below it, computed by the planner itself on the brief `infragate
init --template T --maturity M` writes. The CLI (`infragate catalog --costs`) and the
portal show the same table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from infragate.brief.loader import parse_brief
from infragate.brief.writer import render_brief
from infragate.catalog.model import Catalog
from infragate.design import model as out
from infragate.design.planner import plan
from infragate.maturity import Maturity
from infragate.pricing.book import PriceBook, load_pricebook

DEFAULT_CLOUD = ("aws", "us-east-1")


@dataclass(frozen=True)
class TierCost:
    template: str
    maturity: str
    region: str
    pricing_as_of: str
    monthly_usd: Decimal
    by_environment: dict[str, Decimal]
    delta_usd: Decimal | None  # over the tier below; None for the first tier
    adds: tuple[str, ...]  # what this tier adds over the one below
    blockers: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "maturity": self.maturity,
            "region": self.region,
            "pricing_as_of": self.pricing_as_of,
            "monthly_usd": str(self.monthly_usd),
            "by_environment": {k: str(v) for k, v in self.by_environment.items()},
            "delta_usd": None if self.delta_usd is None else str(self.delta_usd),
            "adds": list(self.adds),
            "blockers": list(self.blockers),
        }


Books = Callable[[str, str], PriceBook]


def tier_costs(catalog: Catalog, books: Books = load_pricebook) -> list[TierCost]:
    """Every template at every maturity, in catalog then maturity order."""
    rows: list[TierCost] = []
    for name, template in catalog.templates.items():
        previous: out.Design | None = None
        for maturity in Maturity:
            text = render_brief(template, catalog, maturity)
            brief = parse_brief(Path(f"{name}.{maturity}.yaml"), text).brief
            provider = brief.cloud.provider or DEFAULT_CLOUD[0]
            region = brief.cloud.region or DEFAULT_CLOUD[1]
            design = plan(brief, catalog, books(provider, region))
            rows.append(_row(name, str(maturity), region, design, previous, catalog))
            previous = design
    return rows


def _row(
    template: str,
    maturity: str,
    region: str,
    design: out.Design,
    previous: out.Design | None,
    catalog: Catalog,
) -> TierCost:
    cost = design.cost
    delta = None if previous is None else cost.monthly_usd - previous.cost.monthly_usd
    return TierCost(
        template=template,
        maturity=maturity,
        region=region,
        pricing_as_of=design.pricing_as_of,
        monthly_usd=cost.monthly_usd,
        by_environment=dict(cost.by_environment),
        delta_usd=delta,
        adds=tuple(_adds(design, previous, catalog)),
        blockers=tuple(design.blockers),
    )


def _adds(design: out.Design, previous: out.Design | None, catalog: Catalog) -> list[str]:
    if previous is None:
        envs = ", ".join(e.name for e in design.environments)
        return [f"the starting point: {envs}"]
    adds: list[str] = []
    new_envs = [
        e.name for e in design.environments if e.name not in {p.name for p in previous.environments}
    ]
    if new_envs:
        adds.append("environments: " + ", ".join(new_envs))
    schedules = {e.name: e for e in previous.environments}
    for e in design.environments:
        env_was = schedules.get(e.name)
        if env_was is not None and env_was.hours_per_month != e.hours_per_month:
            adds.append(f"{e.name}: {env_was.hours_per_month} → {e.hours_per_month} h a month")
    before = {v.subject for v in previous.verdicts if v.applied}
    adds += [
        catalog.overridable.get(v.subject, v.subject)
        for v in design.verdicts
        if v.applied and v.subject not in before and not v.subject.startswith("environments.")
    ]
    sized = {(c.environment, c.id): c for c in previous.components}
    new_parts = []
    for c in design.components:
        was = sized.get((c.environment, c.id))
        if c.environment != "prod":
            continue
        if was is None:
            new_parts.append(c.id)
            continue
        if (was.size, was.count, was.multi_az) != (c.size, c.count, c.multi_az):
            adds.append(f"{c.id}: {_size(was)} → {_size(c)}")
        if c.kind == "backups":
            continue  # the database line says the same
        changed = [
            f"{k.replace('_', ' ')} {was.settings.get(k, '—')} → {v}"
            for k, v in c.settings.items()
            if was.settings.get(k) != v
        ]
        if changed:
            adds.append(f"{c.id}: " + ", ".join(changed))
    if new_parts:
        adds.append("in prod: " + ", ".join(new_parts))
    return adds or ["no change in what is built"]


def _size(c: out.Component) -> str:
    size = c.size or c.kind
    size = f"{c.count} × {size}" if c.count > 1 else size
    return f"{size} Multi-AZ" if c.multi_az else size


def as_text(rows: list[TierCost]) -> str:
    """Template by template, one line per tier and what it adds indented below it."""
    lines: list[str] = []
    for r in rows:
        if r.delta_usd is None:
            lines.append(f"{r.template} ({r.region}, prices as of {r.pricing_as_of})")
        delta = "" if r.delta_usd is None else f"  {_signed(r.delta_usd)}"
        lines.append(f"  {r.maturity:<11}{'$' + format(r.monthly_usd, ',.2f'):>12}{delta}")
        for item in r.adds:
            lines.append(f"      + {item}")
        for blocker in r.blockers:
            lines.append(f"      ! blocked: {blocker}")
    return "\n".join(lines) + "\n"


def as_markdown(rows: list[TierCost]) -> str:
    lines = [
        "| Template | Maturity | Region | Monthly | Over the tier below | What the tier adds |",
        "| --- | --- | --- | ---: | ---: | --- |",
    ]
    for r in rows:
        delta = "" if r.delta_usd is None else f"{_signed(r.delta_usd)}"
        adds = "; ".join(r.adds)
        if r.blockers:
            adds += f" (blocked: {'; '.join(r.blockers)})"
        lines.append(
            f"| {r.template} | {r.maturity} | {r.region} | ${r.monthly_usd:,.2f} | {delta} "
            f"| {adds.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


def _signed(value: Decimal) -> str:
    return f"+${value:,.2f}" if value >= 0 else f"-${-value:,.2f}"
