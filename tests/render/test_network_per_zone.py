"""Above 99.9 % availability (RS012), production's network gets a NAT gateway per zone, a
private route table per zone pointing at its own gateway, and an S3 gateway endpoint on
those route tables: the design shows it, the cost frame prices it, the rendered Terraform
prices back to the same lines and plans on an empty account with the real provider."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from infragate.render import engine, hcl, stamp
from infragate.render.tfprice import price_rendered
from tests.render.terraform_harness import Subject, cli_config, plan_all, template_brief
from tests.render_helpers import baseline_of, freeze_brief

TEMPLATE, MATURITY, TARGET = "web-app-postgres", "scale", "99.95"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("per-zone")
    source = template_brief(TEMPLATE, MATURITY, work)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["availability"]["target"] = TARGET
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    lock = freeze_brief(source, work / "project")
    files = engine.render(baseline_of(lock))
    for path, text in files.items():
        target = work / "project" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return lock, files


def _design(lock: Path) -> dict[str, Any]:
    design: dict[str, Any] = json.loads(lock.read_text(encoding="utf-8"))["baseline"]["design"]
    return design


def _network_args(files: dict[str, str], env: str) -> dict[str, Any]:
    parsed = hcl.parse(stamp.read(files[f"infra/terraform/envs/{env}/main.tf"])[1])
    (network,) = [body for labels, body in hcl.blocks(parsed, "module") if labels[0] == "network"]
    return {k: hcl.unquote(v) for k, v in network.items()}


def test_the_design_shows_a_nat_gateway_per_zone_in_production_only(
    rendered: tuple[Path, dict[str, str]],
) -> None:
    design = _design(rendered[0])
    (verdict,) = [v for v in design["verdicts"] if v["rule"] == "RS012"]
    assert verdict["applied"] is True and verdict["verdict"] == "approved", verdict
    nat = {c["environment"]: c for c in design["components"] if c["kind"] == "nat_gateway"}
    assert (nat["prod"]["count"], nat["prod"]["multi_az"]) == (2, True)
    assert nat["prod"]["settings"] == {"s3_gateway_endpoint": "yes"}
    assert (nat["staging"]["count"], nat["staging"]["settings"]) == (1, {})

    lines = {
        (line["environment"], line["item"]): line
        for line in design["cost"]["lines"]
        if line["component"] == "nat_gateway"
    }
    hours = lines[("prod", "NAT gateway hours")]
    assert Decimal(hours["quantity"]) == 2 * 730
    assert Decimal(lines[("staging", "NAT gateway hours")]["quantity"]) == 730
    endpoint = lines[("prod", "S3 gateway endpoint")]
    assert Decimal(endpoint["monthly_usd"]) == 0
    assert "no additional charge" in endpoint["source"]
    assert "docs.aws.amazon.com" in endpoint["source"]
    assert ("staging", "S3 gateway endpoint") not in lines
    ipv4 = [
        line
        for line in design["cost"]["lines"]
        if (line["environment"], line["component"], line["item"])
        == ("prod", "nat_gateway", "public IPv4 addresses")
    ]
    assert [Decimal(line["quantity"]) for line in ipv4] == [2 * 730]


def test_the_rendered_network_has_what_the_design_prices(
    rendered: tuple[Path, dict[str, str]],
) -> None:
    lock, files = rendered
    prod, staging = _network_args(files, "prod"), _network_args(files, "staging")
    assert (prod["nat_gateways"], prod["s3_gateway_endpoint"]) == (2, True)
    assert (staging["nat_gateways"], staging["s3_gateway_endpoint"]) == (1, False)

    got = sorted(
        (line.environment, line.component, line.item, line.quantity, line.monthly_usd)
        for line in price_rendered(files)
    )
    want = sorted(
        (
            line["environment"],
            line["component"],
            line["item"],
            Decimal(line["quantity"]),
            Decimal(line["monthly_usd"]),
        )
        for line in _design(lock)["cost"]["lines"]
    )
    assert got == want


def test_production_plans_a_gateway_and_route_per_zone_and_the_endpoint(
    rendered: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    lock, _ = rendered
    subject = Subject("per-zone", lock.parent.parent / "infra" / "terraform")
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    result = plan_all(subject, env)
    assert result.returncode == 0, result.output

    prod = set(result.created["envs/prod"])
    per_zone = {
        f"module.network.{kind}[{i}]"
        for kind in ("aws_nat_gateway.this", "aws_eip.nat", "aws_route.private_nat")
        for i in (0, 1)
    } | {f"module.network.aws_route_table.private[{i}]" for i in (0, 1)}
    assert per_zone <= prod, sorted(per_zone - prod)
    assert "module.network.aws_vpc_endpoint.s3[0]" in prod
    assert "module.network.aws_nat_gateway.this[2]" not in prod

    staging = set(result.created["envs/staging"])
    assert "module.network.aws_nat_gateway.this[0]" in staging
    assert "module.network.aws_nat_gateway.this[1]" not in staging
    # Both zones still route out, through the one gateway.
    assert {f"module.network.aws_route.private_nat[{i}]" for i in (0, 1)} <= staging
    assert not any("aws_vpc_endpoint" in a for a in staging)
