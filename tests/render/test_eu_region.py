"""A German clinic's product (personal data under GDPR, data.residency eu) designs in
eu-central-1 with eu-central-1 prices, and the Terraform it renders prices to that frame and
plans on an empty account with the real terraform and the provider mirror."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.gate import evaluate
from infragate.pricing.book import load_pricebook
from infragate.render import engine, tfprice
from tests.helpers import ROOT
from tests.render import terraform_harness
from tests.render.terraform_harness import TERRAFORM, Subject, cli_config, plan_all, run
from tests.render_helpers import baseline_of, freeze_brief

REGION = "eu-central-1"


def _clinic_brief(dest: Path, region: str = REGION) -> Path:
    """shopfront's brief (PostgreSQL, Redis, a worker) as a clinic writes it."""
    source = ROOT / "examples" / "shopfront" / "infra" / "brief.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["cloud"] = {"provider": "aws", "region": region}
    data["data"] = {**data["data"], "personal_data": True, "compliance": ["gdpr"]}
    data["data"]["residency"] = "eu"
    data.setdefault("constraints", [])
    path = dest / "infra" / "brief.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_gate_refuses_a_us_region_for_eu_data(tmp_path: Path, catalog: Catalog) -> None:
    loaded = load_brief(_clinic_brief(tmp_path, "us-east-1"))
    (result,) = [r for r in evaluate(loaded, catalog).results if r.rule.id == "GATE013"]
    assert str(result.status) == "fail" and "eu-central-1" in result.reason


def test_an_eu_brief_designs_in_eu_central_1_with_its_prices(
    tmp_path: Path, catalog: Catalog
) -> None:
    loaded = load_brief(_clinic_brief(tmp_path))
    report = evaluate(loaded, catalog)
    assert {r.rule.id: str(r.status) for r in report.results}["GATE013"] == "pass"
    assert {r.rule.id: str(r.status) for r in report.results}["GATE008"] == "pass"

    frankfurt = plan(loaded.brief, catalog, load_pricebook("aws", REGION))
    virginia = plan(loaded.brief, catalog, load_pricebook("aws", "us-east-1"))
    assert frankfurt.cost.pricing.startswith(f"aws {REGION}")
    assert all(f"aws-{REGION}.json" in line.source for line in frankfurt.cost.lines)
    assert not frankfurt.blockers
    # The same design costs more in Frankfurt, line by line where the prices differ.
    assert frankfurt.cost.monthly_usd > virginia.cost.monthly_usd
    by_item = {(x.environment, x.component, x.item): x for x in virginia.cost.lines}
    db = next(x for x in frankfurt.cost.lines if x.item.endswith("instance-hours"))
    assert db.unit_usd > by_item[(db.environment, db.component, db.item)].unit_usd


def test_the_eu_design_renders_terraform_that_prices_to_it_and_plans(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The roots require a certificate in their own region (the pipeline passes one).
    arn = terraform_harness.VARIABLES["certificate_arn"].replace("us-east-1", REGION)
    monkeypatch.setitem(terraform_harness.VARIABLES, "certificate_arn", arn)
    lock = freeze_brief(_clinic_brief(tmp_path / "src"), tmp_path / "project")
    baseline = baseline_of(lock)
    files = engine.render(baseline)
    roots = [p for p in files if p.startswith(f"{TERRAFORM}/envs/") and p.endswith("/main.tf")]
    assert roots and all(f'region = "{REGION}"' in files[p] for p in roots)

    # tfprice reads the region from each root's provider block and prices it with that
    # region's book: the same lines as the frozen cost frame.
    lines = tfprice.price_rendered(files)
    assert lines and all(f"aws-{REGION}.json" in line.source for line in lines)
    for env in baseline.environments:
        assert sum(x.monthly_usd for x in lines if x.environment == env.name) == env.monthly_usd

    for path, text in files.items():
        target = tmp_path / "project" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    subject = Subject("clinic-eu", tmp_path / "project" / TERRAFORM)
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    for root in subject.roots():
        init = run(
            ["init", "-backend=false", "-input=false", "-no-color"], subject.terraform / root, env
        )
        assert init.returncode == 0, f"{root}:\n{init.stdout}{init.stderr}"
    result = plan_all(subject, env)
    assert result.returncode == 0, result.output
    assert sorted(result.created) == subject.roots(), result.output
    assert any(a.startswith("module.database.aws_db_instance") for a in result.created["envs/prod"])
