"""Infracost interop: the usage file written from shopfront's frozen cost frame, hand-made
breakdowns compared with that frame, and a real Infracost output read
(tests/fixtures/infracost/SOURCE.md)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from infragate.costs.infracost_compare import Difference, component_of, read_breakdown
from infragate.costs.infracost_coverage import NOT_PRICED
from infragate.errors import InputError
from tests.helpers import ROOT, run_cli
from tests.render_helpers import EXAMPLES, baseline_of, freeze_example

FIXTURES = ROOT / "tests" / "fixtures" / "infracost"
RENDERED = ROOT / "tests" / "golden" / "render" / "shopfront" / "infra" / "terraform"
MODULES = ROOT / "src" / "infragate" / "render" / "templates" / "infra" / "terraform" / "modules"


@pytest.fixture(scope="module")
def lock(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return freeze_example("shopfront", tmp_path_factory.mktemp("shopfront"))


def _usage(lock: Path, env: str) -> dict[str, object]:
    out = lock.parent / f"usage-{env}.yml"
    done = run_cli("costs", "infracost-usage", "--lock", lock, "-e", env, "-o", out)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(out.read_text())
    assert isinstance(data, dict)
    return data


def _frame_entry(env: str, component: str, item: str, design: str = "shopfront") -> dict[str, str]:
    frame = json.loads((ROOT / "tests" / "golden" / f"{design}.design.json").read_text())
    (line,) = [
        x
        for x in frame["cost"]["lines"]
        if (x["environment"], x["component"], x["item"]) == (env, component, item)
    ]
    return line  # type: ignore[no-any-return]


def _frame_line(env: str, component: str, item: str, design: str = "shopfront") -> Decimal:
    return Decimal(_frame_entry(env, component, item, design)["quantity"])


def _frame_amount(env: str, component: str, item: str) -> Decimal:
    return Decimal(_frame_entry(env, component, item)["monthly_usd"])


def test_usage_file_carries_the_frames_usage(lock: Path) -> None:
    data = _usage(lock, "prod")
    assert data["version"] == 0.1
    usage = data["resource_usage"]
    assert isinstance(usage, dict)
    nat = usage["module.network.aws_nat_gateway.this[0]"]
    assert nat == {"monthly_data_processed_gb": 10}
    s3 = usage["module.object_storage.aws_s3_bucket.this"]["standard"]
    assert s3["storage_gb"] == 20
    get = _frame_line("prod", "object_storage", "GET requests") * 1000
    assert Decimal(str(s3["monthly_tier_2_requests"])) == get == 985_500
    egress = usage["aws_data_transfer.prod"]
    assert egress["region"] == "us-east-1"
    assert Decimal(str(egress["monthly_outbound_internet_gb"])) == _frame_line(
        "prod", "data_transfer", "internet egress"
    )
    groups = [v for k, v in usage.items() if ".aws_cloudwatch_log_group.this[" in k]
    assert len(groups) == 2  # one per service, web and worker
    ingested = sum(Decimal(str(g["monthly_data_ingested_gb"])) for g in groups)
    assert ingested == _frame_line("prod", "logs", "log ingestion")
    assert usage["aws_ecr_repository.app"] == {"storage_gb": 12.3}
    assert usage["module.load_balancer.aws_lb.this"] == {"new_connections": 3.75}


def test_usage_file_addresses_exist_in_the_rendered_terraform(lock: Path) -> None:
    """Every address names a module of the rendered prod root and a resource its module
    declares (or the bootstrap root's repository, or Infracost's data-transfer entry)."""
    main = (RENDERED / "envs" / "prod" / "main.tf").read_text()
    bootstrap = (RENDERED / "bootstrap" / "main.tf").read_text()
    for address in _usage(lock, "prod")["resource_usage"]:  # type: ignore[union-attr]
        found = re.fullmatch(r"module\.(\w+)\.(\w+)\.(\w+)(\[.+\])?", address)
        if found is None:
            top = address.split(".")
            assert top[0] == "aws_data_transfer" or f'resource "{top[0]}" "{top[1]}"' in bootstrap
            continue
        module, kind, name = found.group(1, 2, 3)
        source = re.search(rf'module "{module}" {{\n  source = "\.\./\.\./modules/(\w+)"', main)
        assert source, f"no module {module} in prod/main.tf"
        template = (MODULES / source.group(1) / "main.tf.j2").read_text()
        assert f'resource "{kind}" "{name}"' in template, address


def test_usage_file_prices_the_queue_with_the_frames_requests(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Infracost prices SQS by `monthly_requests` (requests of up to 64 KB); the frame
    counts millions of them."""
    lock = freeze_example("marketplace", tmp_path_factory.mktemp("marketplace"))
    usage = _usage(lock, "prod")["resource_usage"]
    queue = usage["module.queue.aws_sqs_queue.this"]  # type: ignore[index]
    millions = _frame_line("prod", "queue", "queue requests", "marketplace")
    assert Decimal(str(queue["monthly_requests"])) == millions * 1_000_000


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_usage_key_is_one_infracost_reads(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each key written, in every example and environment, is a usage key Infracost's
    source defines for that resource type (fixtures/infracost/usage-keys.json, SOURCE.md):
    a key Infracost does not know is ignored without a word, and that usage unpriced."""
    known = json.loads((FIXTURES / "usage-keys.json").read_text())["keys"]
    lock = freeze_example(name, tmp_path_factory.mktemp(name))
    written = 0
    for env in (e.name for e in baseline_of(lock).environments):
        for address, values in _usage(lock, env)["resource_usage"].items():  # type: ignore[union-attr]
            kind = (
                address.split(".")[-2] if address.startswith("module.") else address.split(".")[0]
            )
            allowed = known[kind]
            for key, value in values.items():
                if isinstance(value, dict):
                    assert set(value) <= set(allowed[key]), (env, address, key)
                else:
                    assert key in allowed, (env, address, key)
                written += 1
    assert written


def test_a_lock_lacking_what_the_usage_file_needs_is_exit_2_naming_it(
    lock: Path, tmp_path: Path
) -> None:
    data = json.loads(lock.read_text())
    del data["baseline"]["brief"]["cloud"]
    damaged = tmp_path / "infra" / "baseline.lock.json"
    damaged.parent.mkdir()
    damaged.write_text(json.dumps(data))
    done = run_cli("costs", "infracost-usage", "--lock", damaged, "-e", "prod")
    assert done.returncode == 2 and done.stdout == ""
    assert f"{damaged}: the baseline lacks what the usage file needs" in done.stderr
    assert "restore the lock file" in done.stderr


def test_usage_file_needs_an_environment_when_there_are_several(lock: Path) -> None:
    done = run_cli("costs", "infracost-usage", "--lock", lock)
    assert done.returncode == 2
    assert "choose one of the baseline's environments (staging, prod)" in done.stderr
    staging = _usage(lock, "staging")["resource_usage"]
    assert "aws_data_transfer.staging" not in staging  # type: ignore[operator]


def _compare(lock: Path, name: str) -> tuple[int, str, str]:
    done = run_cli(
        "costs", "compare-infracost", FIXTURES / name, "--lock", lock, "--format", "json"
    )
    return done.returncode, done.stdout, done.stderr


def test_a_breakdown_within_five_percent_passes(lock: Path) -> None:
    code, out, _ = _compare(lock, "breakdown-within.json")
    data = json.loads(out)
    assert code == 0 and data["beyond"] == 0
    total = data["rows"][-1]
    assert total["subject"] == "total"
    # the frame's prod total (215.22) less what Infracost does not price
    left_out = sum(Decimal(x["frame_monthly_usd"]) for x in data["left_out"])
    assert Decimal(total["frame_monthly_usd"]) == Decimal("215.22") - left_out
    assert total["infracost_monthly_usd"] == "200.85"
    assert {r["subject"] for r in data["rows"]} >= {"prod/database", "prod/registry"}


def test_what_infracost_does_not_price_is_left_out_and_listed(lock: Path) -> None:
    """A real Infracost run has no charge for the public IPv4 addresses of the load
    balancer and the NAT gateway, nor for custom metrics (tests/fixtures/infracost/
    SOURCE.md), nor for the secret RDS makes: compared, the load balancer alone would be
    25 % under the frame for no error."""
    _, out, _ = _compare(lock, "breakdown-within.json")
    left = {(x["subject"], x["item"]): x["frame_monthly_usd"] for x in json.loads(out)["left_out"]}
    assert left == {
        ("prod/load_balancer", "public IPv4 addresses"): "7.30",
        ("prod/nat_gateway", "public IPv4 addresses"): "3.65",
        ("prod/metrics", "custom metrics"): "3.00",
        ("prod/database", "master password secret"): "0.40",
    }
    for key, amount in left.items():
        assert Decimal(amount) == _frame_amount("prod", key[0].split("/")[1], key[1])
    rows = {r["subject"]: r for r in json.loads(out)["rows"]}
    assert rows["prod/load_balancer"]["frame_monthly_usd"] == "22.27"  # 29.57 - 7.30
    text = run_cli("costs", "compare-infracost", FIXTURES / "breakdown-within.json", "--lock", lock)
    assert "left out of the comparison, 14.35 a month" in text.stdout
    assert (
        "public IPv4 addresses: Infracost prices an Elastic IP only while unattached" in text.stdout
    )


def test_every_item_left_out_is_one_the_frames_price() -> None:
    """No stale entry: each item of NOT_PRICED is a line of a bundled example's frame."""
    items = {
        line["item"]
        for design in (ROOT / "tests" / "golden").glob("*.design.json")
        for line in json.loads(design.read_text())["cost"]["lines"]
    }
    assert set(NOT_PRICED) <= items


def test_a_real_infracost_output_is_read_exactly() -> None:
    """Infracost's own `breakdown --format json` output (SOURCE.md): resource costs that
    include their subresources, decimal strings kept exact, the file's total their sum."""
    path = FIXTURES / "infracost-breakdown_format_json.json"
    read = read_breakdown(path, ["example_plan.json"])
    costs = {r.address: r.monthly_usd for r in read.resources}
    assert costs["aws_instance.web_app"] == Decimal("742.64")  # 560.64 + 5 + 177 of its disks
    assert costs["aws_lambda_function.hello_world"] == Decimal("436.6675")
    assert read.total_usd == sum(costs.values()) == Decimal("1361.3075")
    with pytest.raises(InputError) as refused:  # not a root of this baseline
        read_breakdown(path, ["staging", "prod"])
    assert "projects[0].metadata.path" in str(refused.value)
    assert "--path infra/terraform/envs/<environment>" in str(refused.value)


def test_a_breakdown_beyond_five_percent_fails_with_the_components(lock: Path) -> None:
    code, out, _ = _compare(lock, "breakdown-beyond.json")
    data = json.loads(out)
    assert code == 1
    beyond = {r["subject"]: r["difference_pct"] for r in data["rows"] if r["beyond"]}
    assert beyond == {"prod/database": "87.8", "prod/data_transfer": "-100.0"}
    assert data["rows"][-1]["beyond"] is False  # the total hides both: +1.2 %
    text = run_cli("costs", "compare-infracost", FIXTURES / "breakdown-beyond.json", "--lock", lock)
    assert text.returncode == 1 and "2 differences beyond 5 %" in text.stdout


def test_a_malformed_breakdown_is_exit_2_with_file_and_field(lock: Path) -> None:
    code, out, err = _compare(lock, "breakdown-malformed.json")
    assert code == 2 and out == ""
    path = str(FIXTURES / "breakdown-malformed.json")
    assert f"{path}: totalMonthlyCost: expected a decimal string" in err
    assert f"{path}: projects[0].breakdown.resources[3].monthlyCost: expected a decimal" in err
    assert f"{path}: projects[0].breakdown.resources[5].name: expected an object" in err
    missing = run_cli("costs", "compare-infracost", lock.parent / "nope.json", "--lock", lock)
    assert missing.returncode == 2 and "nope.json: no such file" in missing.stderr
    tol = run_cli(
        "costs", "compare-infracost", FIXTURES / "breakdown-within.json", "--lock", lock,
        "--tolerance", "lots",
    )  # fmt: skip
    assert tol.returncode == 2 and "--tolerance 'lots'" in tol.stderr


@pytest.mark.parametrize(
    ("address", "component"),
    [
        ("module.database.aws_db_instance.this", "database"),
        ("module.network.aws_nat_gateway.this[0]", "nat_gateway"),
        ('module.logs.aws_cloudwatch_log_group.this["web"]', "logs"),
        ("aws_data_transfer.prod", "data_transfer"),
        ("aws_ecr_repository.app", "registry"),
        ("aws_s3_bucket.state", "aws_s3_bucket"),
    ],
)
def test_component_of(address: str, component: str) -> None:
    assert component_of(address) == component


def test_a_cost_the_frame_does_not_have_is_beyond() -> None:
    assert Difference("prod/x", Decimal(0), Decimal("0.01"), Decimal(5)).beyond
    assert not Difference("prod/x", Decimal(0), Decimal(0), Decimal(5)).beyond
    assert not Difference("prod/x", Decimal(100), Decimal(105), Decimal(5)).beyond
    assert Difference("prod/x", Decimal(100), Decimal("94.99"), Decimal(5)).beyond
