"""The priced catalog: every template at every maturity, priced by the planner itself on the
brief `infragate init` writes, with what each tier adds; the CLI is a door onto that table."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from pathlib import Path

from infragate.brief.loader import parse_brief
from infragate.brief.writer import render_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.design.tiers import as_markdown, as_text, tier_costs
from infragate.maturity import Maturity
from infragate.pricing.book import load_pricebook
from tests.helpers import run_cli


def test_every_template_at_every_maturity_is_priced_by_the_planner(catalog: Catalog) -> None:
    rows = tier_costs(catalog)
    assert [(r.template, r.maturity) for r in rows] == [
        (t, str(m)) for t in catalog.templates for m in Maturity
    ]
    for r in rows:
        template = catalog.templates[r.template]
        text = render_brief(template, catalog, Maturity(r.maturity))
        brief = parse_brief(Path("brief.yaml"), text).brief
        design = plan(brief, catalog, load_pricebook("aws", r.region))
        assert r.monthly_usd == design.cost.monthly_usd > 0
        assert sum(r.by_environment.values()) == r.monthly_usd
        assert r.adds, r


def test_each_tier_says_what_it_adds_over_the_one_below(catalog: Catalog) -> None:
    rows = {(r.template, r.maturity): r for r in tier_costs(catalog)}
    for template in catalog.templates:
        tiers = [rows[(template, str(m))] for m in Maturity]
        assert tiers[0].delta_usd is None and tiers[0].adds[0].startswith("the starting point")
        for below, tier in itertools.pairwise(tiers):
            assert tier.delta_usd == tier.monthly_usd - below.monthly_usd
    # mvp brings the staging environment the maturity policy requires.
    mvp = rows[("web-app-postgres", "mvp")]
    assert "environments: staging" in mvp.adds
    assert any("load balancer" in item for item in mvp.adds)
    # scale keeps backups longer than production: the retention change is named.
    scale = rows[("web-app-postgres", "scale")]
    assert any(item.startswith("database: backup retention days") for item in scale.adds)


def test_markdown_and_text_carry_every_row(catalog: Catalog) -> None:
    rows = tier_costs(catalog)
    markdown = as_markdown(rows)
    assert markdown.count("\n") == len(rows) + 2
    text = as_text(rows)
    for r in rows:
        assert f"| {r.template} | {r.maturity} | {r.region} | ${r.monthly_usd:,.2f} |" in markdown
        assert f"${r.monthly_usd:,.2f}" in text


def test_the_cli_prints_the_same_table(catalog: Catalog, tmp_path: Path) -> None:
    result = run_cli("catalog", "--costs", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = tier_costs(catalog)
    assert data["catalog"] == catalog.version
    assert [(t["template"], t["maturity"], Decimal(t["monthly_usd"])) for t in data["tiers"]] == [
        (r.template, r.maturity, r.monthly_usd) for r in rows
    ]
    out = tmp_path / "costs.md"
    result = run_cli("catalog", "--costs", "-f", "markdown", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").endswith(as_markdown(rows))
    text = run_cli("catalog", "--costs")
    assert text.returncode == 0 and "web-app-postgres (us-east-1" in text.stdout
