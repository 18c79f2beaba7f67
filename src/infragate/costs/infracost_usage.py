"""An Infracost usage file from a frozen baseline's cost frame, so that `infracost
breakdown --usage-file` prices the rendered Terraform with the usage infragate assumed.

Format: Infracost usage file version 0.1, `resource_usage:` keyed by resource address
(https://www.infracost.io/docs/features/usage_based_resources/ and
https://github.com/infracost/infracost/blob/master/infracost-usage-example.yml, read
2026-12-07). Keys used: aws_nat_gateway.monthly_data_processed_gb,
aws_cloudwatch_log_group.{monthly_data_ingested_gb, storage_gb},
aws_s3_bucket.standard.{storage_gb, monthly_tier_1_requests, monthly_tier_2_requests},
aws_lb.new_connections (per second), aws_db_instance.additional_backup_storage_gb,
aws_ecr_repository.storage_gb, aws_sqs_queue.monthly_requests (infracost/infracost
internal/resources/aws/sqs_queue.go at commit 95ba4f49, 2026-08-21), and the
aws_data_transfer pseudo-resource (region, monthly_outbound_internet_gb).

Addresses are those of one environment's root, `infra/terraform/envs/<env>/` (render):
one module per component, named by its id; the network module owns the NAT gateways.
Infracost runs once per root, so a usage file is written for one environment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from infragate.errors import UsageError

USAGE_VERSION = "0.1"
SECONDS_PER_MONTH = Decimal(730 * 3600)
# The registry lives in the bootstrap root (render: aws_ecr_repository.app).
REGISTRY_ADDRESS = "aws_ecr_repository.app"
MILLION = Decimal(1_000_000)


# The frame's object storage items → Infracost's S3 Standard keys, and the factor from
# the frame's unit (GB-month, thousands of requests) to Infracost's (GB, requests).
_S3_KEYS = {
    "stored GB-month": ("storage_gb", Decimal(1)),
    "PUT requests": ("monthly_tier_1_requests", Decimal(1000)),
    "GET requests": ("monthly_tier_2_requests", Decimal(1000)),
}


@dataclass(frozen=True)
class Entry:
    address: str
    values: dict[str, Any]
    why: str  # the cost frame's assumption the values come from


def _number(value: Decimal) -> int | float:
    """YAML numbers as Infracost reads them: integers where whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def _lines(design: dict[str, Any], env: str) -> list[dict[str, Any]]:
    return [line for line in design["cost"]["lines"] if line["environment"] == env]


def _components(design: dict[str, Any], env: str) -> list[dict[str, Any]]:
    return [c for c in design["components"] if c["environment"] == env]


def environments(design: dict[str, Any]) -> list[str]:
    return [e["name"] for e in design["environments"]]


def chosen_environment(design: dict[str, Any], env: str | None) -> str:
    names = environments(design)
    if env is None and len(names) == 1:
        return names[0]
    if env not in names:
        raise UsageError(
            f"--environment {env or '(none)'}: choose one of the baseline's environments "
            f"({', '.join(names)}); Infracost prices one Terraform root at a time"
        )
    return env


def entries(
    design: dict[str, Any], env: str, region: str, monthly_requests: Decimal
) -> list[Entry]:
    """The usage entries of environment `env`, in the cost frame's line order;
    `monthly_requests`: the frame's usage figure (render.context's `Usage`)."""
    kinds = {c["id"]: c for c in _components(design, env)}
    services = [c["id"] for c in kinds.values() if c["kind"] == "container_service"]
    databases = [c["id"] for c in kinds.values() if c["kind"] in ("postgres", "mysql")]
    found: dict[str, Entry] = {}

    def put(address: str, key: str, value: Decimal, why: str, nested: str | None = None) -> None:
        entry = found.setdefault(address, Entry(address, {}, why))
        target = entry.values.setdefault(nested, {}) if nested else entry.values
        target[key] = _number(value)

    for line in _lines(design, env):
        component, item = line["component"], line["item"]
        qty, why = Decimal(line["quantity"]), line["assumption"]
        if component == "nat_gateway" and item == "data processed":
            count = int(kinds[component]["count"])
            for i in range(count):
                address = f"module.network.aws_nat_gateway.this[{i}]"
                put(address, "monthly_data_processed_gb", qty / count, why)
        elif component == "logs" and item in ("log ingestion", "log storage") and services:
            key = "monthly_data_ingested_gb" if item == "log ingestion" else "storage_gb"
            for service in services:
                address = f'module.{component}.aws_cloudwatch_log_group.this["{service}"]'
                put(address, key, (qty / len(services)).quantize(Decimal("0.01")), why)
        elif kinds.get(component, {}).get("kind") == "object_storage":
            s3 = _S3_KEYS.get(item)
            if s3:
                address = f"module.{component}.aws_s3_bucket.this"
                put(address, s3[0], qty * s3[1], why, nested="standard")
        elif component == "load_balancer" and item.startswith("capacity units"):
            # The frame prices LCUs from the average request rate, one new connection per
            # request; Infracost takes new connections per second.
            rps = (monthly_requests / SECONDS_PER_MONTH).quantize(Decimal("0.01"))
            put(f"module.{component}.aws_lb.this", "new_connections", rps, why)
        elif component == "backups" and databases:
            address = f"module.{databases[0]}.aws_db_instance.this"
            held = found[address].values if address in found else {}
            more = Decimal(str(held.get("additional_backup_storage_gb", 0)))
            put(address, "additional_backup_storage_gb", more + qty, why)
        elif component == "data_transfer" and item == "internet egress":
            address = f"aws_data_transfer.{env}"
            found.setdefault(address, Entry(address, {"region": region}, why))
            put(address, "monthly_outbound_internet_gb", qty, why)
        elif kinds.get(component, {}).get("kind") == "queue" and item == "queue requests":
            # the frame counts millions of requests of up to 64 KB: Infracost's unit chunk
            put(f"module.{component}.aws_sqs_queue.this", "monthly_requests", qty * MILLION, why)
        elif component == "registry" and item == "image storage":
            put(REGISTRY_ADDRESS, "storage_gb", qty, why)
    return list(found.values())


def usage_yaml(project: str, version: int, env: str, items: Iterable[Entry]) -> str:
    """The usage file's text: a header naming the baseline, each entry with its reason."""
    out = [
        f"# Infracost usage file for {project} {env}, from baseline v{version}'s cost frame.",
        "# Written by 'infragate costs infracost-usage'; pass it to",
        f"# 'infracost breakdown --path infra/terraform/envs/{env} --usage-file FILE'.",
        f"version: {USAGE_VERSION}",
        "resource_usage:",
    ]
    listed = list(items)
    if not listed:
        out[-1] = "resource_usage: {}"
    for entry in listed:
        out.append(f"  # {entry.why}".replace("\n", " "))
        body = yaml.safe_dump({entry.address: entry.values}, sort_keys=False, allow_unicode=True)
        out += ["  " + line for line in body.rstrip("\n").splitlines()]
    return "\n".join(out) + "\n"
