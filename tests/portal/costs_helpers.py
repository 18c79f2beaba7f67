"""A signed-in portal over two frozen projects and a December bill written from their
frames, with spend that should not exist: for the Costs pages' tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient

from infragate.costs.frames import Frame
from infragate.store.engine import Store
from tests.costs.bills import Row, daily, frame_rows
from tests.costs.conftest import frozen, import_bill
from tests.portal.helpers import account, client_for, sign_in

DECEMBER = [date(2026, 12, d) for d in range(1, 32)]
HOSTILE = '<script>alert("tag")</script>'
DATA = {"project": {"name": "fixture-data", "team": "data", "cost_center": "CC-9"}}


def costs_portal(
    tmp_path: Path, store: Store, hostile: bool = False
) -> tuple[TestClient, Frame, Frame]:
    web = frozen(tmp_path / "web", store)
    data = frozen(tmp_path / "data", store, **DATA)
    share = web.monthly_usd / 25
    qa = [
        Row(d, daily(share, d), f"arn:aws:ec2:{web.project}/qa/app", "Amazon EC2",
            {"project": web.project, "environment": "qa", "component": "app"})
        for d in DECEMBER[3:]
    ]  # fmt: skip
    stray = [
        Row(d, daily(share, d), "arn:aws:ec2:i-stray", "Amazon EC2",
            {"project": HOSTILE if hostile else "ghost", "environment": "prod"})
        for d in DECEMBER
    ]  # fmt: skip
    rows = [
        *frame_rows(web, DECEMBER),
        *frame_rows(data, DECEMBER, {("staging", "nat_gateway"): Decimal(3)}),
        *qa,
        *stray,
    ]
    import_bill(store, tmp_path / "dec.csv", rows)
    account(store, "cara@example.com", "Cara Lead")
    return sign_in(client_for(store), "cara@example.com"), web, data
