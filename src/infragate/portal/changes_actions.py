"""The change page's actions on a project kept in the store: propose a changed brief,
reject the change awaiting a decision, waive a blocker. Each is one core call (the
CLI's `change propose`, `change reject` and `waive`), so the trail, the checks and the
refusals are the CLI's."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from infragate.catalog.model import Catalog
from infragate.lifecycle import hosted, hosted_changes, service
from infragate.lifecycle.clock import Clock
from infragate.portal.changes_view import DiffView, diff_view
from infragate.store.engine import Store


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChangeProposed(_Out):
    project: str
    number: int
    base_version: int
    requested_by: str
    reason: str
    superseded: int | None = Field(description="The change request this one replaced.")
    diff: DiffView


class ChangeRejected(_Out):
    project: str
    number: int
    rejected_by: str
    reason: str


class WaiverGranted(_Out):
    project: str
    key: str
    approver_email: str
    approver_name: str
    reason: str
    expires_on: date
    granted_at: str


def propose(
    store: Store, catalog: Catalog, name: str, clock: Clock, text: str, reason: str
) -> ChangeProposed:
    """Open a change request for `text` as `name`'s brief, requested by `clock.actor`."""
    result = hosted_changes.propose_kept(store, name, text, catalog, clock, reason)
    return ChangeProposed(
        project=result.project,
        number=result.number,
        base_version=result.base_version,
        requested_by=clock.actor,
        reason=reason,
        superseded=result.superseded,
        diff=diff_view(result.diff),
    )


def reject(store: Store, name: str, clock: Clock, number: int, reason: str) -> ChangeRejected:
    """Reject change request `number`, which must be the one awaiting a decision."""
    done = hosted_changes.reject_kept(store, name, clock, reason, number)
    return ChangeRejected(project=name, number=done, rejected_by=clock.actor, reason=reason)


def waive(
    store: Store, name: str, clock: Clock, key: str, reason: str, expires: date
) -> WaiverGranted:
    """Grant `clock.actor`'s waiver of blocker `key` until `expires` (inclusive)."""
    loaded = hosted.loaded_brief(store, name)
    waiver = service.waive(store, loaded, clock, key, clock.actor, reason, expires)
    return WaiverGranted(
        project=name,
        key=waiver.key,
        approver_email=waiver.approver_email,
        approver_name=waiver.approver_name,
        reason=waiver.reason,
        expires_on=date.fromisoformat(waiver.expires_on),
        granted_at=waiver.granted_at,
    )
