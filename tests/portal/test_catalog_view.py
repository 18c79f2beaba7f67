"""The catalog page's data is the table `infragate catalog --costs` prints."""

from __future__ import annotations

import json

from infragate.catalog.model import Catalog
from infragate.design.tiers import tier_costs
from infragate.maturity import Maturity
from infragate.portal.catalog_view import CatalogCosts, catalog_costs
from tests.helpers import run_cli


def test_the_catalog_view_is_the_tier_table(catalog: Catalog) -> None:
    view = catalog_costs(catalog)
    rows = tier_costs(catalog)
    data = view.model_dump(mode="json")
    assert data["catalog"] == catalog.version
    assert data["tiers"] == [r.as_dict() for r in rows]
    assert [t.monthly_usd for t in view.tiers] == [r.monthly_usd for r in rows]


def test_the_catalog_view_equals_what_the_cli_prints(catalog: Catalog) -> None:
    result = run_cli("catalog", "--costs", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = catalog_costs(catalog).model_dump(mode="json")
    assert {"catalog": data["catalog"], "tiers": data["tiers"]} == json.loads(result.stdout)


def test_each_template_carries_its_tiers_in_maturity_order(catalog: Catalog) -> None:
    view = catalog_costs(catalog)
    assert [t.name for t in view.templates] == list(catalog.templates)
    for group in view.templates:
        template = catalog.templates[group.name]
        assert (group.title, group.description) == (template.title, template.description)
        assert [t.maturity for t in group.tiers] == [str(m) for m in Maturity]
        assert group.tiers == [t for t in view.tiers if t.template == group.name]


def test_the_view_round_trips_through_its_json_as_a_response_model(catalog: Catalog) -> None:
    view = catalog_costs(catalog)
    assert CatalogCosts.model_validate_json(view.model_dump_json()) == view
    schema = CatalogCosts.model_json_schema(mode="serialization")
    tier = schema["$defs"]["Tier"]["properties"]
    assert tier["monthly_usd"]["type"] == "string"
