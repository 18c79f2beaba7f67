"""The lifecycle as JSON for scripts and dashboards: status, history and the trail.

Money stays a decimal string, as in baselines; times are ISO 8601 UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infragate.lifecycle.chain import Event

if TYPE_CHECKING:  # the store's modules import SQLAlchemy
    from infragate.lifecycle.service import Status
    from infragate.store.change_requests import ChangeRow
    from infragate.store.repository import BaselineRow


def _baseline(b: BaselineRow) -> dict[str, Any]:
    cr = b.document.get("change_request")
    return {
        "version": b.version,
        "sha256": b.sha256,
        "frozen_at": b.frozen_at,
        "frozen_by": b.frozen_by,
        "monthly_usd": b.document["monthly_usd"],
        "change_request": cr["number"] if cr else None,
    }


def change_data(c: ChangeRow) -> dict[str, Any]:
    return {
        "number": c.number,
        "status": c.status,
        "base_version": c.base_version,
        "design_sha256": c.design_sha256,
        "requested_by": c.requested_by,
        "reason": c.reason,
        "created_at": c.created_at,
        "decided_at": c.decided_at,
        "decided_by": c.decided_by,
        "diff": c.diff,
    }


def status_data(s: Status) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "project": s.project,
        "store": s.store,
        "state": str(s.state),
        "design_sha256": s.design_sha256,
        "recorded_design_sha256": s.recorded_sha256,
        "approvals": [a.as_dict() for a in s.approvals],
        "awaiting": [{"role": str(role), "who": names} for role, names in s.missing],
        "blockers": [b.as_dict() for b in s.blockers],
        "waivers": [{**w.as_dict(), "in_force": live} for w, live in s.waivers],
        "baseline": _baseline(s.latest) if s.latest else None,
        "lock_file": s.lock_state,
        "change_request": change_data(s.change) if s.change else None,
        "next_steps": s.next_steps,
    }


def history_data(baselines: list[BaselineRow], changes: list[ChangeRow]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "baselines": [_baseline(b) for b in baselines],
        "change_requests": [change_data(c) for c in changes],
    }


def trail_data(trails: list[tuple[str, list[Event]]]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "projects": [
            {
                "project": name,
                "events": [
                    {
                        "seq": e.seq,
                        "at": e.at,
                        "actor": e.actor,
                        "kind": e.kind,
                        "payload": e.payload,
                        "prev_hash": e.prev_hash,
                        "hash": e.hash,
                    }
                    for e in events
                ],
            }
            for name, events in trails
        ],
    }
