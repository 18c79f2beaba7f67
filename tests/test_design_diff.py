"""The design diff of a change request: what was added, removed and changed, and its cost."""

from __future__ import annotations

import json
from typing import Any

from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.lifecycle.diff import diff_designs
from infragate.pricing.book import SnapshotPriceBook
from tests.helpers import loaded


def _design(catalog: Catalog, book: SnapshotPriceBook, patch: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        plan(loaded("mvp", patch).brief, catalog, book).model_dump_json()
    )
    return data


def test_dropping_staging_and_doubling_load(catalog: Catalog, book: SnapshotPriceBook) -> None:
    before = _design(catalog, book, {})
    after = _design(
        catalog,
        book,
        {
            "load": {"peak_rps": 60},
            "overrides": [
                {"component": "environments", "setting": "staging", "value": False,
                 "reason": "tested on previews"}
            ],
        },
    )  # fmt: skip
    diff = diff_designs(before, after)
    kinds = {(c.what, c.change) for c in diff.changes}
    assert ("environment", "removed") in kinds
    assert ("component", "removed") in kinds and ("component", "changed") in kinds
    assert ("decision", "changed") in kinds
    (removed,) = [c for c in diff.changes if c.what == "environment"]
    assert removed.key == "staging" and removed.monthly_usd_delta == diff.by_environment["staging"]
    # the component lines explain the whole delta, environment by environment: a component
    # whose usage-priced cost moved is listed even when its size did not
    by_env = {
        env: sum(
            (c.monthly_usd_delta or 0 for c in diff.changes
             if c.what == "component" and c.key.startswith(env + "/")),
            start=0,
        )
        for env in diff.by_environment
    }  # fmt: skip
    assert by_env == diff.by_environment
    assert diff.delta_usd == sum(diff.by_environment.values())
    assert diff_designs(before, before).empty
