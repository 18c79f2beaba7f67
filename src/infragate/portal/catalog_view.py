"""The catalog page's data: each template with its monthly cost at every maturity tier and
what each tier adds, the very rows `infragate catalog --costs` prints (design/tiers.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

from infragate.catalog.model import Catalog
from infragate.design.tiers import Books, TierCost, tier_costs
from infragate.pricing.book import load_pricebook

# As `catalog --costs --format json` writes amounts: the decimal's own text.
Amount = Annotated[Decimal, PlainSerializer(str, return_type=str, when_used="json")]


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tier(_View):
    template: str
    maturity: str
    region: str
    pricing_as_of: str
    monthly_usd: Amount
    by_environment: dict[str, Amount]
    delta_usd: Amount | None  # over the tier below; None for the first tier
    adds: list[str]  # what this tier adds over the one below
    blockers: list[str]


class TemplateCosts(_View):
    name: str
    title: str
    description: str
    tiers: list[Tier]  # prototype to scale


class CatalogCosts(_View):
    """The priced catalog: `catalog` and `tiers` are `infragate catalog --costs --format
    json`; `templates` groups the same tiers under each template's title for the page."""

    catalog: str
    tiers: list[Tier]
    templates: list[TemplateCosts]


def _tier(row: TierCost) -> Tier:
    return Tier(
        template=row.template,
        maturity=row.maturity,
        region=row.region,
        pricing_as_of=row.pricing_as_of,
        monthly_usd=row.monthly_usd,
        by_environment=dict(row.by_environment),
        delta_usd=row.delta_usd,
        adds=list(row.adds),
        blockers=list(row.blockers),
    )


def catalog_costs(catalog: Catalog, books: Books = load_pricebook) -> CatalogCosts:
    tiers = [_tier(row) for row in tier_costs(catalog, books)]
    templates = [
        TemplateCosts(
            name=name,
            title=template.title,
            description=template.description,
            tiers=[t for t in tiers if t.template == name],
        )
        for name, template in catalog.templates.items()
    ]
    return CatalogCosts(catalog=catalog.version, tiers=tiers, templates=templates)
