"""`terraform apply` of rendered code against moto's AWS emulator (moto_server on
127.0.0.1): the bootstrap root, then the whole prod environment of shopfront (network, NAT,
load balancer, PostgreSQL, bucket, ECS services, logs, alarms), then `terraform plan` must
find nothing to do.

The emulator's endpoints and fake credentials are in test-only override files
(`moto_override.tf`), written beside the rendered files in a temporary copy; the rendered
code is unchanged. What moto cannot serve is left out by those overrides, each named here:

- aws_s3_bucket_lifecycle_configuration (bootstrap's state and billing buckets, the app's bucket):
  moto does not return the transition_default_minimum_object_size header provider 5.x
  waits for, so every apply would wait out the provider's consistency timeout;
- aws_elasticache_replication_group: moto creates the group but not its member cache
  clusters, which the provider reads back ("CacheClusterNotFound");
- aws_budgets_budget: moto's Budgets never finishes the create the provider waits on;
- aws_bcmdataexports_export (bootstrap's FOCUS export): moto has no AWS Data Exports;
  test_billing.py plans it with the real provider instead (and the cost allocation tags,
  which a first apply does not make: moto's Cost Explorer has none either);
- aws_appautoscaling_target: moto's Application Auto Scaling has no ListTagsForResource,
  which the provider retries for minutes after the create (prod runs no scheduled action,
  so only the target's placeholder arguments change in the override), and with it the
  target-tracking policy of an autoscaled service, which hangs on the target;

and the second plan tolerates only attributes moto does not store or echo back:

- aws_db_parameter_group: the parameters (moto keeps none of a new group's);
- aws_vpc_security_group_{ingress,egress}_rule: the description of a rule that references
  another security group;
- aws_ecs_service: availability_zone_rebalancing, health_check_grace_period_seconds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.render.terraform_harness import VARIABLES, cli_config, render_subject, run

EXAMPLE = "shopfront"
SERVICES = [
    "acm",
    "appautoscaling",
    "budgets",
    "cloudwatch",
    "ec2",
    "ecr",
    "ecs",
    "elasticache",
    "elbv2",
    "events",
    "iam",
    "kms",
    "logs",
    "rds",
    "s3",
    "scheduler",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "sts",
]
# resource type → attributes moto does not echo back (the docstring says why)
MOTO_DRIFT = {
    "aws_db_parameter_group": {"parameter"},
    "aws_vpc_security_group_ingress_rule": {"description"},
    "aws_vpc_security_group_egress_rule": {"description"},
    "aws_ecs_service": {"availability_zone_rebalancing", "health_check_grace_period_seconds"},
}
# module folder → override (resources moto cannot serve, and the outputs that read them)
MOTO_GAPS = {
    "bootstrap": (
        'resource "aws_s3_bucket_lifecycle_configuration" "state" {\n  count = 0\n}\n\n'
        'resource "aws_s3_bucket_lifecycle_configuration" "billing" {\n  count = 0\n}\n\n'
        'resource "aws_bcmdataexports_export" "focus" {\n  count = 0\n}\n\n'
        'output "billing_export_name" {\n  value = null\n}\n'
    ),
    "modules/object_storage": (
        'resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  count = 0\n}\n'
    ),
    "modules/redis": (
        'resource "aws_elasticache_replication_group" "this" {\n  count = 0\n}\n\n'
        'output "primary_endpoint" {\n  value = "cache.invalid"\n}\n\n'
        'output "member_clusters" {\n  value = ["cache-001"]\n}\n\n'
        # the AUTH secret is still made (personal data), with the stand-in's address
        'resource "aws_secretsmanager_secret_version" "url" {\n'
        '  secret_string = "rediss://:${terraform_data.auth_token[0].output}@cache.invalid:6379"\n'
        "}\n"
    ),
    "modules/service": (
        'resource "aws_appautoscaling_target" "this" {\n  count = 0\n}\n'
        + "".join(
            f'\nresource "aws_appautoscaling_scheduled_action" "{action}" {{\n'
            '  service_namespace  = "ecs"\n'
            '  resource_id        = "service/moto/moto"\n'
            '  scalable_dimension = "ecs:service:DesiredCount"\n}\n'
            for action in ("start", "stop")
        )
        # The scaling policy hangs on the target left out above: left out with it.
        + '\nresource "aws_appautoscaling_policy" "cpu" {\n'
        "  count              = 0\n"
        '  service_namespace  = "ecs"\n'
        '  resource_id        = "service/moto/moto"\n'
        '  scalable_dimension = "ecs:service:DesiredCount"\n}\n'
    ),
    "modules/metrics": (
        'resource "aws_budgets_budget" "this" {\n  count = 0\n}\n\n'
        'output "budget_name" {\n  value = null\n}\n'
    ),
}


def _provider_override(url: str, backend: bool) -> str:
    endpoints = "".join(f'    {s:<14} = "{url}"\n' for s in SERVICES)
    text = (
        'provider "aws" {\n'
        '  access_key                  = "test"\n'
        '  secret_key                  = "test"\n'
        "  skip_credentials_validation = true\n"
        "  skip_metadata_api_check     = true\n"
        "  s3_use_path_style           = true\n\n"
        f"  endpoints {{\n{endpoints}  }}\n"
        "}\n"
    )
    # bootstrap's us-east-1 configuration (Data Exports, Cost Explorer) gets the same
    aliased = text.replace('provider "aws" {\n', 'provider "aws" {\n  alias = "billing"\n\n', 1)
    text += "\n" + aliased if not backend else ""
    return text + ('\nterraform {\n  backend "local" {}\n}\n' if backend else "")


def _certificate(url: str) -> str:
    import boto3  # moto[server]'s dependency; only this test needs it

    acm = boto3.client(
        "acm",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    return str(acm.request_certificate(DomainName="app.example.com")["CertificateArn"])


def _changes(root: Path, args: list[str], env: dict[str, str]) -> list[dict[str, Any]]:
    """The resource changes of a plan, read from its JSON form."""
    plan = run(["plan", "-input=false", "-no-color", "-out=check.tfplan", *args], root, env)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    shown = run(["show", "-json", "check.tfplan"], root, env)
    assert shown.returncode == 0, shown.stderr
    changes: list[dict[str, Any]] = json.loads(shown.stdout).get("resource_changes", [])
    return [c for c in changes if c["change"]["actions"] not in (["no-op"], ["read"])]


def _tagged_components(module: dict[str, Any]) -> dict[str, str | None]:
    """Address → `component` of each resource in a module that tags (tags_all), in the
    state's values; security group rules are left out (they cost nothing)."""
    found: dict[str, str | None] = {}
    for resource in module.get("resources", []):
        tags = resource.get("values", {}).get("tags_all")
        rule = (
            resource["type"].startswith("aws_vpc_security_group_") and "_rule" in resource["type"]
        )
        if resource["address"].startswith("module.") and isinstance(tags, dict) and not rule:
            found[resource["address"]] = tags.get("component")
    for child in module.get("child_modules", []):
        found |= _tagged_components(child)
    return found


def _beyond_moto(change: dict[str, Any]) -> set[str]:
    """Attributes an update changes beyond what moto does not echo back."""
    if change["change"]["actions"] != ["update"]:
        return {"/".join(change["change"]["actions"])}
    before, after = change["change"]["before"], change["change"]["after"]
    changed = {k for k in after if before.get(k) != after[k]}
    changed |= {k for k in after if after[k] is None and k in change["change"]["after_unknown"]}
    return changed - MOTO_DRIFT.get(change["type"], set())


def test_bootstrap_and_prod_apply_on_moto_and_then_plan_no_changes(
    moto: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    subject = render_subject(EXAMPLE, tmp_path)
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    tf = subject.terraform
    for folder, override in MOTO_GAPS.items():
        (tf / folder / "moto_override.tf").write_text(override, encoding="utf-8")
    bootstrap_override = tf / "bootstrap" / "moto_override.tf"
    bootstrap_override.write_text(
        _provider_override(moto, backend=False) + "\n" + bootstrap_override.read_text()
    )
    (tf / "envs/prod/moto_override.tf").write_text(_provider_override(moto, backend=True))

    bootstrap = tf / "bootstrap"
    repo = ["-var", f"github_repository={VARIABLES['github_repository'].strip(chr(34))}"]
    for args in (
        ["init", "-input=false", "-no-color", "-lockfile=readonly"],
        ["apply", "-auto-approve", "-input=false", "-no-color", *repo],
    ):
        done = run(args, bootstrap, env)
        assert done.returncode == 0, done.stdout + done.stderr
    assert _changes(bootstrap, repo, env) == []

    prod = tf / "envs/prod"
    variables = [
        *("-var", "image_tag=0123456789abcdef0123456789abcdef01234567"),
        *("-var", f"certificate_arn={_certificate(moto)}"),
        *("-var", "domain_name=app.example.com"),
    ]
    for args in (
        ["init", "-input=false", "-no-color", "-lockfile=readonly"],
        ["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=30", *variables],
    ):
        done = run(args, prod, env, timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
    state = run(["state", "list"], prod, env).stdout.split()
    for address in (
        "module.network.aws_nat_gateway.this[0]",
        "module.load_balancer.aws_lb_listener.https",
        "module.database.aws_db_instance.this",
        "module.web.aws_ecs_service.this",
        "module.object_storage.aws_s3_bucket.this",
    ):
        assert address in state, address
    left = {c["address"]: _beyond_moto(c) for c in _changes(prod, variables, env)}
    assert {a: attrs for a, attrs in left.items() if attrs} == {}
    # What the provider tagged in moto: every resource of a component module carries its
    # component (the cost import allocates spend by it; test_billing.py reads the HCL).
    shown = run(["show", "-json"], prod, env)
    assert shown.returncode == 0, shown.stderr
    tagged = _tagged_components(json.loads(shown.stdout)["values"]["root_module"])
    assert tagged, "no tagged resource in the state"
    for address, component in tagged.items():
        module = address.split(".")[1]
        wanted = (
            "nat_gateway" if ".aws_nat_gateway." in address or ".aws_eip." in address else module
        )
        assert component == wanted, address
