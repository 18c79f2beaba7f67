"""Frozen projects and their bills, for the costs report tests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from infragate.costs import frames
from infragate.costs.frames import Frame, ProjectFrames
from infragate.costs.importing import import_files
from infragate.costs.report import CostReport, build
from infragate.lifecycle.clock import Clock
from infragate.store import costs as cost_store
from infragate.store.engine import Store
from tests.costs.bills import Row, write_bill
from tests.lifecycle_helpers import OWNERS, Project


def frozen(root: Path, store: Store, **brief: Any) -> Frame:
    """A production project approved and frozen (on 2026-11-25); its frame."""
    project = Project(root, store, patch={**OWNERS, **brief})
    project.approve_all()
    project.freeze()
    name = project.loaded.brief.project.name
    with store.read() as conn:
        latest = frames.load(conn, [name])[name].latest
    assert latest is not None
    return latest


def import_bill(store: Store, path: Path, rows: list[Row]) -> list[Row]:
    written = write_bill(path, rows)
    import_files(store, [path], Clock(datetime(2027, 1, 15, tzinfo=UTC), "finops@example.com"))
    return written


def project_frames(store: Store) -> dict[str, ProjectFrames]:
    with store.read() as conn:
        return frames.load(conn)


def report(store: Store, **options: Any) -> CostReport:
    with store.read() as conn:
        known = frames.load(conn)
        facts = cost_store.facts(conn)
        top = cost_store.top_resources(conn)
    defaults: dict[str, Any] = {
        "project": None,
        "by": None,
        "period": None,
        "as_of": None,
        "tolerance_pct": Decimal(10),
    }
    return build(facts, top, known, **(defaults | options))
