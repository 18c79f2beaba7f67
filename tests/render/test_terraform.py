"""The rendered Terraform of every example: priced back to the baseline's cost frame,
formatted, parsable, clean under Checkov, and keeping the contract `infragate drift` reads.

Initialising, validating and planning every root with the real provider (from the
machine's filesystem mirror) is test_terraform_plan.py; applying against moto is
test_terraform_apply.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import hcl2
import pytest

from infragate.render import engine, hcl
from infragate.render.context import PREVIEW_TAG, Baseline
from infragate.render.tfprice import price_rendered
from tests.render_helpers import EXAMPLES, ROOT, baseline_of, freeze_example

TERRAFORM = "infra/terraform"
ENVS = f"{TERRAFORM}/envs"
NO_MODULE = ("backups", "data_transfer", "registry")  # database settings / usage / bootstrap
STOPPABLE = ("container_service", "postgres", "vm")
# module source → (resource type, name) of its principal resources
PRINCIPAL = {
    "service": [("aws_ecs_service", "this"), ("aws_ecs_task_definition", "this")],
    "vm": [("aws_instance", "this")],
    "postgres": [("aws_db_instance", "this")],
    "redis": [("aws_elasticache_replication_group", "this")],
    "object_storage": [("aws_s3_bucket", "this")],
    "queue": [("aws_sqs_queue", "this")],
    "load_balancer": [("aws_lb", "this")],
    "logs": [("aws_cloudwatch_log_group", "this")],
    "metrics": [("aws_sns_topic", "this"), ("aws_cloudwatch_metric_alarm", "this")],
    "network": [("aws_vpc", "this"), ("aws_nat_gateway", "this")],
}
SECRET = re.compile(
    r"""(\bpassword\s*=\s*"|\bsecret_key\s*=\s*"|\bauth_token\s*=\s*"|AKIA[0-9A-Z]{16}"""
    r"""|-----BEGIN [A-Z ]*PRIVATE KEY)""",
    re.IGNORECASE,
)
SKIP = re.compile(r"#\s*checkov:skip=(?P<id>CKV2?_[A-Z0-9_]+)(?::(?P<reason>.*))?")


@dataclass(frozen=True)
class Example:
    name: str
    lock: Path
    baseline: Baseline
    files: dict[str, str]
    terraform: Path  # the rendered infra/terraform, written out

    @property
    def cost(self) -> dict[str, Any]:
        cost: dict[str, Any] = json.loads(self.lock.read_text(encoding="utf-8"))["baseline"][
            "design"
        ]["cost"]
        return cost

    def tf(self) -> dict[str, dict[str, Any]]:
        """Rendered .tf path → parsed HCL."""
        return {p: hcl2.loads(t) for p, t in self.files.items() if p.endswith(".tf")}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    out = {}
    written = tmp_path_factory.mktemp("rendered")
    for name in EXAMPLES:
        lock = freeze_example(name, tmp_path_factory.mktemp(name))
        b = baseline_of(lock)
        files = engine.render(b)
        for path, text in files.items():
            if path.startswith(TERRAFORM + "/"):
                target = written / name / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        out[name] = Example(name, lock, b, files, written / name / TERRAFORM)
    return out


_unquote = hcl.unquote


def _blocks(parsed: dict[str, Any], kind: str) -> dict[str, Any]:
    """Single-label blocks (module, provider, backend) by label."""
    return {labels[0]: body for labels, body in hcl.blocks(parsed, kind)}


def _root(example: Example, env: str) -> dict[str, Any]:
    """All top-level blocks of one environment root, merged across its files."""
    merged: dict[str, Any] = {}
    for path, parsed in example.tf().items():
        if path.startswith(f"{ENVS}/{env}/"):
            for kind, entries in parsed.items():
                if isinstance(entries, list):
                    merged.setdefault(kind, []).extend(entries)
    return merged


@pytest.mark.parametrize("name", EXAMPLES)
def test_priced_terraform_equals_the_cost_frame(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    lines = price_rendered(example.files)
    cost = example.cost

    assert sum((line.monthly_usd for line in lines), Decimal(0)) == Decimal(cost["monthly_usd"])
    by_env: dict[str, Decimal] = {}
    for line in lines:
        by_env[line.environment] = by_env.get(line.environment, Decimal(0)) + line.monthly_usd
    assert by_env == {env: Decimal(usd) for env, usd in cost["by_environment"].items()}

    got = sorted(
        (line.environment, line.component, line.item, line.quantity, line.monthly_usd)
        for line in lines
    )
    want = sorted(
        (
            line["environment"],
            line["component"],
            line["item"],
            Decimal(line["quantity"]),
            Decimal(line["monthly_usd"]),
        )
        for line in cost["lines"]
    )
    assert got == want


def test_terraform_fmt_check_passes(examples: dict[str, Example]) -> None:
    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.fail("terraform is not on PATH: install Terraform >= 1.10 to check the formatting")
    for example in examples.values():
        result = subprocess.run(
            [terraform, "fmt", "-check", "-recursive", "-diff", str(example.terraform)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{example.name}:\n{result.stdout}{result.stderr}"


def test_every_rendered_tf_file_parses(examples: dict[str, Example]) -> None:
    for example in examples.values():
        tf = [p for p in example.files if p.endswith(".tf")]
        assert tf, example.name
        for path in tf:
            hcl2.loads(example.files[path])  # raises on a syntax error


def _checkov() -> str:
    configured = os.environ.get("INFRAGATE_CHECKOV")
    path = Path(configured) if configured else ROOT / ".venv-checkov" / "bin" / "checkov"
    if not path.is_file():
        pytest.fail(f"Checkov not found at {path}: run 'make test' (it creates .venv-checkov)")
    return str(path)


def test_checkov_finds_no_failed_check(examples: dict[str, Example]) -> None:
    """Open-source Checkov reports no severities, so the rule is: no failed check at all.
    A check the templates do not satisfy is skipped inside its resource, with a reason."""
    parent = next(iter(examples.values())).terraform.parents[2]  # holds every example
    result = subprocess.run(
        [
            _checkov(),
            *("--quiet", "--compact", "-o", "json", "--skip-download"),
            *("--framework", "terraform", "-d", str(parent)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    failed = [
        f"{f['check_id']} {f['resource']} ({f['file_path']}): {f['check_name']}"
        for report in reports
        for f in report["results"].get("failed_checks", [])
    ]
    assert not failed, "\n".join(failed)
    for report in reports:
        assert report["summary"]["parsing_errors"] == 0
        assert report["summary"]["resource_count"] > 0


def test_every_checkov_skip_carries_a_reason(examples: dict[str, Example]) -> None:
    skips = 0
    for example in examples.values():
        for path, text in example.files.items():
            for found in SKIP.finditer(text):
                skips += 1
                reason = (found["reason"] or "").strip()
                assert len(reason) >= 20, f"{path}: {found['id']} is skipped without a reason"
    assert skips > 0


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_root_has_a_module_per_component(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for env in example.baseline.environments:
        modules = _blocks(_root(example, env.name), "module")
        wanted = {c.id for c in env.components if c.kind not in NO_MODULE} - {"nat_gateway"}
        assert set(modules) == wanted | {"network"}, env.name


@pytest.mark.parametrize("name", EXAMPLES)
def test_principal_resources_are_named_this(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    rendered = {
        path.split("/")[3]
        for path in example.files
        if path.startswith(f"{TERRAFORM}/modules/") and path.endswith("/main.tf")
    }
    assert rendered
    for module in rendered:
        resources: dict[str, set[str]] = {}
        parsed = example.tf()[f"{TERRAFORM}/modules/{module}/main.tf"]
        for (rtype, rname), _ in hcl.blocks(parsed, "resource"):
            resources.setdefault(rtype, set()).add(rname)
        for rtype, rname in PRINCIPAL.get(module, []):
            assert rname in resources.get(rtype, set()), f"{module}: no {rtype}.{rname}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_mandatory_tags_are_default_tags(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for env in example.baseline.environments:
        provider = _blocks(_root(example, env.name), "provider")["aws"]
        tags = {k: _unquote(v) for k, v in provider["default_tags"][0]["tags"].items()}
        # each preview copy is told apart in the bills by its pull request (test_billing.py)
        preview = {PREVIEW_TAG: "pr-${var.pr_number}"} if env.is_preview else {}
        assert tags == example.baseline.tags(env.name) | preview


def test_no_secret_in_any_tf_file(examples: dict[str, Example]) -> None:
    for example in examples.values():
        for path, text in example.files.items():
            if path.endswith(".tf"):
                found = SECRET.search(text)
                assert found is None, f"{example.name}/{path}: {found and found.group(0)!r}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_stoppable_components_follow_business_hours(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    for env in example.baseline.environments:
        if env.schedule != "business_hours":
            continue
        modules = _blocks(_root(example, env.name), "module")
        stoppable = [c for c in env.components if c.kind in STOPPABLE]
        assert stoppable, env.name
        for c in stoppable:
            assert _unquote(modules[c.id]["schedule"]) == "business_hours", c.id
    # The modules turn the schedule into stop/start actions.
    for module, action in (
        ("service", "aws_appautoscaling_scheduled_action"),
        ("postgres", "aws_scheduler_schedule"),
        ("vm", "aws_scheduler_schedule"),
    ):
        text = example.files.get(f"{TERRAFORM}/modules/{module}/main.tf")
        if text is not None:
            assert f'resource "{action}"' in text and "business_hours" in text, module


@pytest.mark.parametrize("name", EXAMPLES)
def test_environments_keep_distinct_locked_state(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    keys = {}
    for env in example.baseline.environments:
        backend = _blocks(_root(example, env.name)["terraform"][0], "backend")["s3"]
        assert backend["use_lockfile"] is True and backend["encrypt"] is True
        keys[env.name] = (
            _unquote(backend.get("workspace_key_prefix", '""')),
            _unquote(backend["key"]),
        )
    assert len(set(keys.values())) == len(keys), keys
    if "staging" in keys:
        assert keys["staging"] != keys["prod"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_health_url_is_on_the_certificates_domain(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for env in example.baseline.environments:
        outputs = example.files.get(f"{ENVS}/{env.name}/outputs.tf", "")
        variables = example.files[f"{ENVS}/{env.name}/variables.tf"]
        if env.has("load_balancer"):
            health = example.baseline.health_path  # the contract's deep health path
            assert f'value       = "https://${{var.domain_name}}{health}"' in outputs, env.name
            assert 'variable "domain_name"' in variables
            assert 'output "load_balancer_dns_name"' in outputs
        assert "dns_name}/" not in outputs, env.name


@pytest.mark.parametrize("name", EXAMPLES)
def test_prod_has_a_cost_budget_on_the_project_tag(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    b = example.baseline
    for path, text in example.files.items():
        if path.endswith(".tf"):
            assert "AWS/Billing" not in text and "EstimatedCharges" not in text, path
    for env in b.environments:
        if not env.has("metrics"):
            continue
        metrics = _blocks(_root(example, env.name), "module")["metrics"]
        if env.is_production:
            budget = {k: _unquote(v) for k, v in metrics["budget"].items()}
            assert budget["cost_filter"] == f"user:project${b.project}"
            assert Decimal(budget["limit_usd"]) == b.monthly_usd
            assert budget["threshold_percent"] == 100
        else:
            assert "budget" not in metrics, env.name
    if any(e.has("metrics") for e in b.environments):
        module = example.files[f"{TERRAFORM}/modules/metrics/main.tf"]
        assert 'resource "aws_budgets_budget" "this"' in module
        assert '"ACTUAL", "FORECASTED"' in module and 'name   = "TagKeyValue"' in module
        assert '"budgets.amazonaws.com"' in module and '"cloudwatch.amazonaws.com"' in module


def test_alert_ids_stay_unique_with_two_of_a_kind(examples: dict[str, Example]) -> None:
    b = examples["enterprise-launch"].baseline
    prod = b.environment("prod")
    extra = [
        dataclasses.replace(c, id=f"{c.id}_2")
        for c in prod.components
        if c.kind in ("postgres", "redis", "container_service")
    ]
    env = dataclasses.replace(prod, components=(*prod.components, *extra))
    ids = [a.id for a in engine.alerts(b, env)]
    assert len(ids) == len(set(ids)), ids
    assert "database-free-storage" in ids


@pytest.mark.parametrize("name", EXAMPLES)
def test_names_are_shortened_in_one_place(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for path, text in example.files.items():
        if path.endswith(".tf") and not path.startswith(f"{TERRAFORM}/modules/short_name/"):
            assert "md5(" not in text and "substr(" not in text, path
    for module, limit in (("load_balancer", 32), ("redis", 40), ("service", 64), ("vm", 64)):
        text = example.files.get(f"{TERRAFORM}/modules/{module}/main.tf")
        if text is not None:
            assert 'source = "../short_name"' in text and f"max_length = {limit}" in text, module


@pytest.mark.parametrize("name", EXAMPLES)
def test_global_bucket_names_carry_the_account_id(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    account = "${data.aws_caller_identity.current.account_id}"
    bootstrap = example.files[f"{TERRAFORM}/bootstrap/main.tf"]
    assert f'bucket = "{example.baseline.project}-tfstate-{account}"' in bootstrap
    storage = example.files.get(f"{TERRAFORM}/modules/object_storage/main.tf")
    if storage is not None:
        assert f'bucket        = "${{module.names.names.bucket}}-{account}"' in storage
    for env in example.baseline.environments:
        backend = _blocks(_root(example, env.name)["terraform"][0], "backend")["s3"]
        assert "bucket" not in backend, "given at init (-backend-config), from TF_STATE_BUCKET"


def test_previews_have_their_own_security_groups_and_logs(examples: dict[str, Example]) -> None:
    example = examples["enterprise-launch"]
    root = example.files[f"{ENVS}/preview/main.tf"]
    lookup = example.files[f"{TERRAFORM}/modules/network_lookup/main.tf"]
    assert 'resource "aws_security_group" "app"' in lookup
    assert 'resource "aws_security_group" "database"' in lookup
    assert 'data "aws_security_group" "app"' not in lookup  # not staging's
    assert "aws_cloudwatch_log_group.preview" in root
    assert "/staging/" not in root
    assert example.baseline.environment("preview").of_kind("postgres")
    assert "[module.network.database_security_group_id]" in root


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_business_hours_window_per_root(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for path, text in example.files.items():
        if path.startswith(f"{TERRAFORM}/modules/"):
            assert "cron(" not in text, path
    for env in example.baseline.environments:
        text = example.files[f"{ENVS}/{env.name}/main.tf"]
        assert text.count("cron(") == (2 if env.schedule == "business_hours" else 0), env.name
