"""The requests pages as data: the queue of projects and a project's page, as pydantic
models the JSON twins return (and the OpenAPI document describes). Money is a decimal
string, as in baselines; times are ISO 8601 UTC; hashes are full sha256 hex."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from infragate.brief.model import Role
from infragate.design.model import Design
from infragate.lifecycle.states import State


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Waiting(_Out):
    what: str = Field(description="What the next step waits for.")
    who: list[str] = Field(description="Who can do it: 'Name <email>' as the brief names them.")
    role: Role | None = Field(None, description="The role whose approval this is, if it is one.")


class Blocker(_Out):
    key: str = Field(description="The rule (GATE001, RS003), 'capacity' or 'budget'.")
    reason: str


class QueueEntry(_Out):
    project: str
    state: State
    hosted: bool = Field(description="The store keeps its brief (made in the portal).")
    design_sha256: str | None = Field(
        description="The design under approval, else the latest baseline's."
    )
    monthly_usd: str | None
    latest_version: int | None
    change_request: int | None = Field(description="An open change request's number.")
    blockers: list[Blocker]
    step: str = Field(description="What happens next, in words.")
    waiting: list[Waiting]


class QueueGroup(_Out):
    state: State
    projects: list[QueueEntry]


class RequestQueue(_Out):
    as_of: date
    groups: list[QueueGroup] = Field(description="Every state in lifecycle order.")


class Approval(_Out):
    role: Role
    email: str
    name: str
    design_sha256: str = Field(description="The design approved; a changed brief voids it.")
    at: str
    comment: str


class Waiver(_Out):
    key: str
    approver_email: str
    approver_name: str
    reason: str
    expires_on: str
    granted_at: str
    in_force: bool


class ChangeRequest(_Out):
    number: int
    status: str
    base_version: int
    design_sha256: str
    requested_by: str
    reason: str
    created_at: str
    decided_at: str | None
    decided_by: str | None
    delta_monthly_usd: str
    diff: dict[str, Any] = Field(description="The design diff ('infragate change show').")


class Baseline(_Out):
    version: int
    sha256: str
    design_sha256: str
    frozen_at: str
    frozen_by: str
    monthly_usd: str
    change_request: int | None
    approvals: list[Approval]


class Evidence(_Out):
    kind: str
    baseline_version: int
    recorded_by: str
    recorded_at: str
    note: str
    url: str | None
    file_name: str | None
    file_sha256: str | None


class TrailEvent(_Out):
    seq: int
    at: str
    actor: str
    kind: str
    payload: dict[str, Any]
    hash: str


class Downloads(_Out):
    brief: bool
    allowed_signers: bool
    lock: bool
    render: bool


class ProjectPage(_Out):
    project: str
    state: State
    hosted: bool
    standing: QueueEntry
    design: Design | None = Field(
        description="What the brief yields now (a project kept in the store), else the "
        "design under approval or the latest baseline's."
    )
    approvals: list[Approval] = Field(description="Of the design under approval.")
    awaiting: list[Waiting]
    baselines: list[Baseline]
    change_requests: list[ChangeRequest]
    waivers: list[Waiver]
    evidence: list[Evidence]
    trail: list[TrailEvent]
    downloads: Downloads


class StatementToSign(_Out):
    """What an approver signs on their own machine, and how."""

    project: str
    role: Role
    email: str
    design_sha256: str
    brief_sha256: str
    change_request: int | None
    text: str = Field(description="The exact bytes to sign (save them as statement.txt).")
    filename: str
    command: str = Field(description="The one command that signs it: writes <filename>.sig.")
