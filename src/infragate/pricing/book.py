"""Price books: unit prices by key, each with its source and date.

The estimator only ever calls `PriceBook.price(key)`. A new region or cloud is a
new snapshot file in `pricing/data/` named `<provider>-<region>.json`; nothing
else changes. Keys are provider-neutral where they can be ("object_storage.gb_month")
and name the priced product where they cannot ("rds_postgres.hour:db.t4g.small").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Protocol

from infragate.errors import CatalogError, UsageError


@dataclass(frozen=True)
class Price:
    usd: Decimal
    unit: str
    source: str


class PriceBook(Protocol):
    provider: str
    region: str
    as_of: str
    currency: str

    def price(self, key: str) -> Price: ...

    def source_notes(self) -> dict[str, str]: ...


# key -> (path in the snapshot, unit). "{}" is the key's argument after ":".
_AWS_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "vm.hour": (("ec2_instance_hourly", "{}"), "instance-hour"),
    "block_storage.gb_month": (("ebs_gb_month", "gp3"), "GB-month"),
    "rds_postgres.hour": (("rds_postgres_instance_hourly_single_az", "{}", "usd"), "instance-hour"),
    "rds_mysql.hour": (("rds_mysql_instance_hourly_single_az", "{}", "usd"), "instance-hour"),
    "rds.storage_gb_month": (("rds_storage_gb_month", "gp3"), "GB-month"),
    "rds.backup_gb_month": (("rds_backup_gb_month", "usd"), "GB-month"),
    "elasticache.hour": (("elasticache_node_hourly", "{}", "usd"), "node-hour"),
    "fargate.vcpu_hour": (("fargate", "vcpu_hour"), "vCPU-hour"),
    "fargate.gb_hour": (("fargate", "gb_hour"), "GB-hour"),
    "alb.hour": (("alb", "hour"), "hour"),
    "alb.lcu_hour": (("alb", "lcu_hour"), "LCU-hour"),
    "nat.hour": (("nat_gateway", "hour"), "hour"),
    "ipv4.hour": (("public_ipv4", "hour"), "address-hour"),
    "nat.gb": (("nat_gateway", "gb_processed"), "GB processed"),
    "object_storage.gb_month": (("s3_standard", "gb_month"), "GB-month"),
    "object_storage.put_1k": (("s3_standard", "put_per_1k"), "1,000 PUT requests"),
    "object_storage.get_1k": (("s3_standard", "get_per_1k"), "1,000 GET requests"),
    "logs.ingest_gb": (("cloudwatch_logs", "ingest_gb"), "GB ingested"),
    "logs.archive_gb_month": (("cloudwatch_logs", "archive_gb_month"), "GB-month stored"),
    "transfer.internet_out_gb": (("data_transfer", "internet_out_first_10tb_gb"), "GB"),
    "queue.million_requests": (("sqs_standard", "per_million_requests"), "million requests"),
    "metrics.alarm_month": (("cloudwatch_metrics", "alarm_month"), "alarm-month"),
    "metrics.custom_metric_month": (("cloudwatch_metrics", "custom_metric_month"), "metric-month"),
}


class SnapshotPriceBook:
    """A price book read from an `infragate.pricing/v1` snapshot file."""

    def __init__(self, data: dict[str, Any], name: str) -> None:
        if data.get("schema") != "infragate.pricing/v1":
            raise CatalogError(f"pricing snapshot {name} is not infragate.pricing/v1")
        self.name = name
        self.provider = str(data["provider"])
        self.region = str(data["region"])
        self.as_of = str(data["as_of"])
        self.currency = str(data["currency"])
        self.hours_per_month = int(data["hours_per_month"])
        self._data = data
        self._sources: dict[str, str] = dict(data["sources"])
        self._cache: dict[str, Price] = {}

    def source_notes(self) -> dict[str, str]:
        return dict(self._sources)

    def price(self, key: str) -> Price:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        base, _, arg = key.partition(":")
        if base not in _AWS_KEYS:
            raise CatalogError(f"no price key {base!r} in {self.name}")
        path, unit = _AWS_KEYS[base]
        node: Any = self._data
        block: Any = None
        for part in path:
            part = arg if part == "{}" else part
            if not isinstance(node, dict) or part not in node:
                raise CatalogError(f"{self.name} has no price for {key} (missing {part!r})")
            if isinstance(node, dict) and "source" in node:
                block = node
            node = node[part]
        if isinstance(node, dict) and "source" in node:
            block = node
        source_key = (block or {}).get("source") or path[0].split("_")[0]
        source = self._sources.get(str(source_key), str(source_key))
        found = Price(
            usd=Decimal(str(node)), unit=unit, source=f"{self.name} (as of {self.as_of}): {source}"
        )
        self._cache[key] = found
        return found


def snapshot_name(provider: str, region: str) -> str:
    return f"{provider}-{region}.json"


def available() -> list[tuple[str, str]]:
    """(provider, region) pairs with a bundled snapshot."""
    folder = resources.files("infragate.pricing") / "data"
    pairs = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            provider, _, region = entry.name.removesuffix(".json").partition("-")
            pairs.append((provider, region))
    return sorted(pairs)


@cache
def load_pricebook(provider: str, region: str) -> SnapshotPriceBook:
    name = snapshot_name(provider, region)
    ref = resources.files("infragate.pricing") / "data" / name
    if not ref.is_file():
        known = ", ".join(f"{p} {r}" for p, r in available())
        raise UsageError(f"no pricing snapshot for {provider} {region}; available: {known}")
    data = json.loads(ref.read_text(encoding="utf-8"), parse_float=Decimal)
    return SnapshotPriceBook(data, name)
