"""The requests pages' two actions on a project kept in the store: record an approval
signed on the approver's own machine, and freeze. Each is one core call (the same the
CLI makes, with a pasted signature in place of a key), so the trail, the design-hash
binding and separation of duties are the CLI's."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from infragate.brief.model import Role
from infragate.catalog.model import Catalog
from infragate.lifecycle import hosted, service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.store import repository as repo
from infragate.store.engine import Store


class ApprovalOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    project: str
    role: Role
    email: str
    design_sha256: str
    change_request: int | None
    state: State
    missing: list[Role]
    voided: int


class FreezeOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    project: str
    version: int
    sha256: str
    monthly_usd: str


def approve_pasted(
    store: Store,
    catalog: Catalog,
    name: str,
    clock: Clock,
    role: Role,
    comment: str,
    signature: str,
    change_request: int | None,
) -> ApprovalOutcome:
    """Record `clock.actor`'s approval as `role` with the signature they pasted, of the
    statement they were shown: of the design (`change_request` None) or of that change
    request. Refused (the reason, who can act) when anything does not match."""
    email = clock.actor
    loaded = hosted.loaded_brief(store, name)
    signers = hosted.signers(store, name)
    if change_request is None:
        first = service.approve_signed(
            store, loaded, catalog, clock, role, email, comment, signature, signers
        )
        return ApprovalOutcome(
            project=first.project,
            role=role,
            email=email,
            design_sha256=first.design_sha256,
            change_request=None,
            state=first.state,
            missing=first.missing,
            voided=first.voided,
        )
    change = service.approve_change_signed(
        store, loaded, catalog, clock, role, email, comment, signature, signers, change_request
    )
    return ApprovalOutcome(
        project=change.project,
        role=role,
        email=email,
        design_sha256=change.approvals[-1].design_sha256,
        change_request=change.number,
        state=State.approved if change.approved else State(_state(store, name)),
        missing=change.missing,
        voided=0,
    )


def _state(store: Store, name: str) -> str:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return str(project.state) if project else str(State.draft)


def freeze(store: Store, name: str, clock: Clock) -> FreezeOutcome:
    """Freeze the approved design of a project kept in the store; of two at once, one
    freezes and the other is told the project is already frozen."""
    frozen = service.freeze_in_store(store, hosted.loaded_brief(store, name), clock)
    return FreezeOutcome(
        project=frozen.project,
        version=frozen.version,
        sha256=frozen.sha256,
        monthly_usd=str(frozen.document["monthly_usd"]),
    )
