"""The billing side of the render (issue 15, item 8): the bootstrap's FOCUS export and cost
allocation tags, planned by the real hashicorp/aws provider against moto's endpoints, and
the tags the cost import allocates spend by, read back from every example's rendered HCL.

moto (5.2) serves neither AWS Data Exports nor Cost Explorer's cost allocation tags, so
these resources are planned here, not applied: planning a create calls neither API, only
STS for the account id. test_terraform_apply.py applies the rest of the bootstrap and
leaves the export out with an override, as it does for what else moto cannot serve.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infragate.render import engine, hcl
from infragate.render.context import COMPONENT_TAG, PREVIEW_TAG, Baseline
from tests.render.terraform_harness import (
    PROVIDER,
    PROVIDER_VERSION,
    VARIABLES,
    cli_config,
    render_subject,
    run,
)
from tests.render_helpers import EXAMPLES, baseline_of, freeze_example

TERRAFORM = "infra/terraform"
MOTO_ACCOUNT = "123456789012"  # the account moto answers STS with
SUBJECT = "marketplace"  # has previews: its bootstrap activates `preview` too
# What the modules create outside any baseline component: the network, whose NAT gateways
# and their addresses carry the component that prices them (nat_gateway).
NETWORK = "network"
BILLING_ALIAS = "aws.billing"
# Taggable types the modules leave without `component`: security group rules cost nothing
# and carry no spend to allocate (their group does carry the tag).
UNBILLED = frozenset({"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"})


@pytest.fixture(scope="module")
def taggable(tmp_path_factory: pytest.TempPathFactory) -> frozenset[str]:
    """Resource types of hashicorp/aws that take tags, from the real provider's schema."""
    work = tmp_path_factory.mktemp("schema")
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    (work / "main.tf").write_text(
        "terraform {\n  required_providers {\n    aws = {\n"
        f'      source  = "hashicorp/aws"\n      version = "{PROVIDER_VERSION}"\n'
        "    }\n  }\n}\n",
        encoding="utf-8",
    )
    init = run(["init", "-backend=false", "-input=false", "-no-color"], work, env)
    assert init.returncode == 0, init.stdout + init.stderr
    shown = run(["providers", "schema", "-json"], work, env)
    assert shown.returncode == 0, shown.stderr
    schemas = json.loads(shown.stdout)["provider_schemas"][PROVIDER]["resource_schemas"]
    return frozenset(t for t, s in schemas.items() if "tags" in s["block"].get("attributes", {}))


@pytest.fixture(scope="module")
def rendered(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Baseline, dict[str, str]]]:
    out = {}
    for name in EXAMPLES:
        b = baseline_of(freeze_example(name, tmp_path_factory.mktemp(name)))
        out[name] = (b, engine.render(b))
    return out


def _resources(text: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (rtype, rname, body) for (rtype, rname), body in hcl.blocks(hcl.parse(text), "resource")
    ]


def _tags(body: dict[str, Any]) -> dict[str, Any]:
    tags = body.get("tags") or {}
    return {k: hcl.unquote(v) for k, v in (tags[0] if isinstance(tags, list) else tags).items()}


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_taggable_resource_of_a_module_carries_its_component(
    rendered: dict[str, tuple[Baseline, dict[str, str]]], taggable: frozenset[str], name: str
) -> None:
    _, files = rendered[name]
    checked = 0
    for path, text in files.items():
        if not (path.startswith(f"{TERRAFORM}/modules/") and path.endswith("/main.tf")):
            continue
        module = path.split("/")[3]
        for rtype, rname, body in _resources(text):
            if rtype not in taggable or rtype in UNBILLED:
                continue
            component = _tags(body).get(COMPONENT_TAG)
            where = f"{module}: {rtype}.{rname}"
            if module == "network" and rtype in ("aws_nat_gateway", "aws_eip"):
                assert component == "nat_gateway", where
            else:
                assert component == "${var.component}", where
            checked += 1
            if rtype == "aws_instance":  # its volume is billed apart
                volume = _tags(body["root_block_device"][0])
                assert volume.get(COMPONENT_TAG) == "${var.component}", where
        variables = files[path.replace("/main.tf", "/variables.tf")]
        if _resources(text):
            assert 'variable "component"' in variables, module
    assert checked > 0


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_root_passes_the_component_of_every_module_and_tags_its_own_resources(
    rendered: dict[str, tuple[Baseline, dict[str, str]]], taggable: frozenset[str], name: str
) -> None:
    b, files = rendered[name]
    for env in b.environments:
        ids = {c.id for c in env.components}
        text = files[f"{TERRAFORM}/envs/{env.name}/main.tf"]
        doc = hcl.parse(text)
        modules = {labels[0]: body for labels, body in hcl.blocks(doc, "module")}
        assert modules, env.name
        for label, body in modules.items():
            # the module block is named after its component; the network is no component
            assert hcl.unquote(body["component"]) == label, f"{env.name}: module.{label}"
            assert label in ids | {NETWORK}, f"{env.name}: module.{label}"
        for rtype, rname, body in _resources(text):
            if rtype in taggable - UNBILLED:
                component = _tags(body).get(COMPONENT_TAG)
                # the preview's log groups go with the service that writes them
                assert component in {*ids, "${each.key}"}, f"{env.name}: {rtype}.{rname}"
        if env.has("nat_gateway"):
            assert "nat_gateway" in ids  # the id the network module tags its NAT with


@pytest.mark.parametrize("name", EXAMPLES)
def test_only_previews_carry_the_preview_tag(
    rendered: dict[str, tuple[Baseline, dict[str, str]]], name: str
) -> None:
    b, files = rendered[name]
    for env in b.environments:
        doc = hcl.parse(files[f"{TERRAFORM}/envs/{env.name}/main.tf"])
        provider = {labels[0]: body for labels, body in hcl.blocks(doc, "provider")}["aws"]
        tags = {k: hcl.unquote(v) for k, v in provider["default_tags"][0]["tags"].items()}
        if env.is_preview:
            assert tags.pop(PREVIEW_TAG) == "pr-${var.pr_number}"
            assert 'variable "pr_number"' in files[f"{TERRAFORM}/envs/{env.name}/variables.tf"]
        assert tags == b.tags(env.name), env.name
    wants_preview = any(e.is_preview for e in b.environments)
    assert (PREVIEW_TAG in b.allocation_tag_keys()) == wants_preview


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_image_repository_carries_the_registry_component(
    rendered: dict[str, tuple[Baseline, dict[str, str]]], name: str
) -> None:
    b, files = rendered[name]
    repository = {
        (rtype, rname): body
        for rtype, rname, body in _resources(files[f"{TERRAFORM}/bootstrap/main.tf"])
    }[("aws_ecr_repository", "app")]
    priced = any(e.has("registry") for e in b.environments)
    assert _tags(repository).get(COMPONENT_TAG) == ("registry" if priced else None)


def test_the_export_bucket_lets_only_data_exports_write(
    rendered: dict[str, tuple[Baseline, dict[str, str]]],
) -> None:
    _, files = rendered[SUBJECT]
    doc = hcl.parse(files[f"{TERRAFORM}/bootstrap/billing.tf"])
    policy = {labels[1]: body for labels, body in hcl.blocks(doc, "data")}["billing"]
    allow, deny = policy["statement"]
    assert [hcl.unquote(a) for a in allow["actions"]] == ["s3:PutObject", "s3:GetBucketPolicy"]
    principals = allow["principals"][0]
    assert hcl.unquote(principals["type"]) == "Service"
    assert {hcl.unquote(i) for i in principals["identifiers"]} == {
        "billingreports.amazonaws.com",
        "bcm-data-exports.amazonaws.com",
    }
    conditions = {hcl.unquote(c["variable"]): c for c in allow["condition"]}
    assert set(conditions) == {"aws:SourceAccount", "aws:SourceArn"}
    assert hcl.unquote(deny["effect"]) == "Deny"
    resources = {labels[0] for labels, _ in hcl.blocks(doc, "resource")}
    for guard in (
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_policy",
    ):
        assert guard in resources


def _moto_providers(url: str) -> str:
    """Fake credentials and moto's endpoints for both configurations of the bootstrap."""
    services = ("bcmdataexports", "ce", "iam", "s3", "sts")
    endpoints = "".join(f'    {s:<14} = "{url}"\n' for s in services)
    body = (
        '  access_key                  = "test"\n'
        '  secret_key                  = "test"\n'
        "  skip_credentials_validation = true\n"
        "  skip_metadata_api_check     = true\n"
        "  s3_use_path_style           = true\n\n"
        f"  endpoints {{\n{endpoints}  }}\n"
    )
    return f'provider "aws" {{\n{body}}}\n\nprovider "aws" {{\n  alias = "billing"\n\n{body}}}\n'


def _plan(root: Path, env: dict[str, str], args: list[str]) -> dict[str, Any]:
    done = run(["plan", "-input=false", "-no-color", "-out=billing.tfplan", *args], root, env)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = run(["show", "-json", "billing.tfplan"], root, env)
    assert shown.returncode == 0, shown.stderr
    plan: dict[str, Any] = json.loads(shown.stdout)
    return plan


def _after(plan: dict[str, Any], address: str) -> dict[str, Any]:
    for change in plan["resource_changes"]:
        if change["address"] == address:
            assert change["change"]["actions"] == ["create"], address
            after: dict[str, Any] = change["change"]["after"]
            return after
    raise AssertionError(f"{address} is not planned")


def test_bootstrap_plans_the_focus_export_and_the_cost_allocation_tags(
    moto: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    subject = render_subject(SUBJECT, tmp_path)
    b = baseline_of(tmp_path / "project" / "infra" / "baseline.lock.json")
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    bootstrap = subject.terraform / "bootstrap"
    (bootstrap / "moto_override.tf").write_text(_moto_providers(moto), encoding="utf-8")
    repo = f"github_repository={VARIABLES['github_repository'].strip(chr(34))}"
    init = run(["init", "-input=false", "-no-color", "-lockfile=readonly"], bootstrap, env)
    assert init.returncode == 0, init.stdout + init.stderr
    # The first apply activates nothing: AWS offers a key for activation only once a
    # resource carries it (billing.tf).
    first = _plan(bootstrap, env, ["-var", repo])
    assert "aws_bcmdataexports_export.focus" in {c["address"] for c in first["resource_changes"]}
    assert not [c for c in first["resource_changes"] if c["type"] == "aws_ce_cost_allocation_tag"]

    plan = _plan(bootstrap, env, ["-var", repo, "-var", "activate_cost_allocation_tags=true"])

    export = _after(plan, "aws_bcmdataexports_export.focus")["export"][0]
    query = export["data_query"][0]
    assert query["query_statement"].startswith("SELECT ")
    assert query["query_statement"].endswith(" FROM FOCUS_1_0_AWS")
    for column in ("BilledCost", "EffectiveCost", "ChargeCategory", "Tags", "ResourceId"):
        assert f" {column}," in query["query_statement"], column
    assert query["table_configurations"] == {"FOCUS_1_0_AWS": {}}
    s3 = export["destination_configurations"][0]["s3_destination"][0]
    assert s3["s3_region"] == b.region
    assert s3["s3_output_configurations"] == [
        {
            "compression": "GZIP",
            "format": "TEXT_OR_CSV",
            "output_type": "CUSTOM",
            "overwrite": "OVERWRITE_REPORT",
        }
    ]
    assert export["refresh_cadence"] == [{"frequency": "SYNCHRONOUS"}]
    bucket = _after(plan, "aws_s3_bucket.billing")
    assert bucket["bucket"] == f"{b.project}-billing-{MOTO_ACCOUNT}"
    assert bucket["tags_all"] == {**b.tags("shared"), "Name": bucket["bucket"]}

    for key in b.allocation_tag_keys():
        tag = _after(plan, f'aws_ce_cost_allocation_tag.infragate["{key}"]')
        assert (tag["tag_key"], tag["status"]) == (key, "Active")
    activated = {
        c["address"] for c in plan["resource_changes"] if c["type"] == "aws_ce_cost_allocation_tag"
    }
    assert len(activated) == len(b.allocation_tag_keys())
    assert {COMPONENT_TAG, PREVIEW_TAG, "project", "environment", "team", "cost_center"} == set(
        b.allocation_tag_keys()
    )

    # Data Exports and Cost Explorer go through the us-east-1 configuration.
    config = plan["configuration"]
    billing = config["provider_config"][BILLING_ALIAS]
    assert billing["expressions"]["region"]["constant_value"] == "us-east-1"
    by_address = {r["address"]: r for r in config["root_module"]["resources"]}
    for address in ("aws_bcmdataexports_export.focus", "aws_ce_cost_allocation_tag.infragate"):
        assert by_address[address]["provider_config_key"] == BILLING_ALIAS, address
    assert by_address["aws_s3_bucket.billing"]["provider_config_key"] == "aws"
