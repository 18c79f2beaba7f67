"""A Pulumi dynamic provider for a Lambda Labs instance (there is no official provider)."""

from __future__ import annotations

import os
import time
from typing import Any

import pulumi
import requests
from pulumi.dynamic import CreateResult, DiffResult, Resource, ResourceProvider

API = "https://cloud.lambdalabs.com/api/v1"


def _session() -> requests.Session:
    session = requests.Session()
    session.auth = (os.environ["LAMBDA_API_KEY"], "")
    return session


class _InstanceProvider(ResourceProvider):
    def create(self, props: dict[str, Any]) -> CreateResult:
        session = _session()
        launched = session.post(
            f"{API}/instance-operations/launch",
            json={
                "region_name": props["region"],
                "instance_type_name": props["instance_type"],
                "ssh_key_names": [props["ssh_key_name"]],
                "name": props["name"],
            },
            timeout=60,
        )
        launched.raise_for_status()
        instance_id = launched.json()["data"]["instance_ids"][0]
        for _ in range(60):  # the API returns before the instance has an address
            info = session.get(f"{API}/instances/{instance_id}", timeout=30).json()["data"]
            if info.get("ip"):
                return CreateResult(instance_id, {**props, "ip": info["ip"]})
            time.sleep(10)
        raise RuntimeError(f"instance {instance_id} has no IP after 10 minutes")

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        keys = ("region", "instance_type", "ssh_key_name")
        changed = [key for key in keys if olds.get(key) != news.get(key)]
        return DiffResult(changes=bool(changed), replaces=changed)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        _session().post(
            f"{API}/instance-operations/terminate", json={"instance_ids": [_id]}, timeout=60
        ).raise_for_status()


class LambdaInstance(Resource):
    ip: pulumi.Output[str]

    def __init__(self, name: str, *, region: str, instance_type: str, ssh_key_name: str,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(
            _InstanceProvider(),
            name,
            {
                "name": name,
                "region": region,
                "instance_type": instance_type,
                "ssh_key_name": ssh_key_name,
                "ip": None,
            },
            opts,
        )
