"""The arithmetic of spending a cost frame hour by hour (tests/focusgen.py): the
business_hours window, amounts split to 10 decimal places without losing a digit, the
baseline's frame per environment and component, a project's account id."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

PLACES = Decimal("0.0000000001")
CENT = Decimal("0.01")
# business_hours, UTC, Monday to Friday: catalog.yaml schedules.business_hours ("Mon–Fri
# 08:00–20:00") and the start/stop crons of render/templates/infra/terraform/envs/__env__/main.tf.j2
WINDOW = (8, 20)
SERVICE_CATEGORY = {
    "container_service": "Compute",
    "postgres": "Databases",
    "mysql": "Databases",
    "redis": "Databases",
    "backups": "Storage",
    "object_storage": "Storage",
    "registry": "Storage",
    "queue": "Integration",
    "load_balancer": "Networking",
    "nat_gateway": "Networking",
    "data_transfer": "Networking",
    "logs": "Management and Governance",
    "metrics": "Management and Governance",
}


def business_hour(at: datetime) -> bool:
    return at.weekday() < 5 and WINDOW[0] <= at.hour < WINDOW[1]


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """`amount` in `parts` shares of 10 decimal places that add up to it exactly."""
    share = (amount / parts).quantize(PLACES, rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


def subaccount(project: str) -> str:
    """A 12-digit account id with leading zeros, fixed per project."""
    return f"{int(hashlib.sha256(project.encode()).hexdigest(), 16) % 10**10:012d}"


def frame(document: Mapping[str, Any]) -> dict[str, dict[str, Decimal]]:
    """The baseline's monthly cost per environment and component (the sum of its lines)."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in document["design"]["cost"]["lines"]:
        out[line["environment"]][line["component"]] += Decimal(str(line["monthly_usd"]))
    return {env: dict(comps) for env, comps in out.items()}
