"""Approving a design before the first freeze.

Each operation is one transaction that locks the project row first, checks its gate, writes its records and appends the events that explain them, so that two processes acting on one project run one after the other and a crash leaves the old state or the new one. Refusals raise `Refused` with the reason and who can act."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief, Role
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import policy, signing
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.baseline import brief_digest
from infragate.lifecycle.candidate import (
    Candidate,
    candidate,
    move,
    owner_name,
    record_design,
    refuse_blockers,
)
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


def record_approval(
    conn: Connection,
    project: repo.ProjectRow,
    clock: Clock,
    brief: Brief,
    design_sha256: str,
    role: Role,
    email: str,
    comment: str,
    change: crs.ChangeRow | None,
    signature: str,
) -> tuple[list[policy.Approval], list[Role]]:
    """Check and record one approval of a design (or of a change request's design):
    (every approval so far, the roles still missing)."""
    number = change.number if change else None
    existing = repo.approvals_for(conn, project, design_sha256, number)
    why = policy.refusal(brief, role, email, existing, change.requested_by if change else None)
    if why:
        what = f"approval of change request #{number}" if change else "approval"
        raise Refused(f"{what} refused: {why}")
    approval = policy.Approval(
        role, email, owner_name(brief, email), design_sha256, clock.at, comment
    )
    repo.add_approval(conn, project, approval, number, signature)
    payload: dict[str, Any] = approval.as_dict()
    payload["signed"] = True
    if change:
        payload["change_request"] = number
    repo.append_event(conn, project, clock.at, clock.actor, "approval.recorded", payload)
    approvals = [*existing, approval]
    return approvals, policy.missing_roles(brief, approvals)


@dataclass(frozen=True)
class Statement:
    """What an approver signs: the brief as it is and the design it yields, for one role
    (and one change request). `message` is the exact bytes `ssh-keygen -Y sign` signs."""

    project: str
    role: Role
    email: str
    design_sha256: str
    brief_sha256: str
    change_request: int | None

    @property
    def message(self) -> bytes:
        return signing.statement(
            self.project,
            str(self.role),
            self.email,
            self.design_sha256,
            self.brief_sha256,
            self.change_request,
        )


def statement_for(cand: Candidate, role: Role, email: str, change_number: int | None) -> Statement:
    """The statement `email` signs to approve `cand` as `role`. Who may approve is judged
    first, so that a stranger hears that, not that their key is unknown."""
    why = policy.refusal(cand.brief, role, email, [])
    if why:
        what = f"approval of change request #{change_number}" if change_number else "approval"
        raise Refused(f"{what} refused: {why}")
    return Statement(cand.name, role, email, cand.sha256, brief_digest(cand.brief), change_number)


def approval_statement(loaded: LoadedBrief, catalog: Catalog, role: Role, email: str) -> Statement:
    """What `email` signs to approve the design the brief yields now (before the first
    freeze), for a signature made elsewhere and given to `approve_signed`."""
    return statement_for(candidate(loaded, catalog), role, email, None)


def sign_approval(loaded: LoadedBrief, key: Path, statement: Statement) -> str:
    """The approver's signature of `statement`, checked against the allowed signers file
    the lock will be verified with."""
    path = signing.signers_path(loaded.path, None)
    return signing.sign_checked(key, path, statement.email, statement.message)


@dataclass(frozen=True)
class ApprovalResult:
    project: str
    state: State
    design_sha256: str
    approvals: list[policy.Approval]
    missing: list[Role]
    voided: int


def approve(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
    key: Path,
) -> ApprovalResult:
    """Sign the approval with `key` and record it (the CLI's way)."""
    cand = candidate(loaded, catalog)
    signature = sign_approval(loaded, key, statement_for(cand, role, email, None))
    return _record_first_approval(store, cand, clock, role, email, comment, signature)


def approve_signed(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
    signature: str,
    signers: signing.AllowedSigners,
) -> ApprovalResult:
    """Record an approval signed elsewhere (the portal's way: a server never holds an
    approver's key). The signature must be `email`'s, by a key `signers` names for them,
    of `approval_statement` for the brief as it is now; anything else is refused."""
    cand = candidate(loaded, catalog)
    statement = statement_for(cand, role, email, None)
    armored = signing.accept_pasted(signers, email, signature, statement.message)
    return _record_first_approval(store, cand, clock, role, email, comment, armored)


def _record_first_approval(
    store: Store,
    cand: Candidate,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
    signature: str,
) -> ApprovalResult:
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        if repo.latest_baseline(conn, project) is not None:
            raise Refused(
                f"{cand.name} already has a frozen baseline; changes after freeze go through "
                "'infragate change propose', then 'infragate change approve'"
            )
        if project.state is State.retired:
            raise Refused(f"{cand.name} is retired")
        refuse_blockers(
            wv.unwaived(cand.blockers, repo.waivers(conn, project), clock.today),
            "nothing can be approved",
        )
        project, voided = record_design(conn, project, cand, clock)
        if project.state is State.approved:
            # Every required role has approved this very design (a changed design would have
            # moved the project back to designed above): another approval adds nothing.
            given = ", ".join(
                f"{a.role} by {a.email}"
                for a in repo.approvals_for(conn, project, cand.sha256, None)
            )
            raise Refused(
                f"{cand.name} is already approved (design {cand.sha256[:12]}: {given}); "
                "nothing more to approve. Next: infragate freeze"
            )
        approvals, missing = record_approval(
            conn, project, clock, cand.brief, cand.sha256, role, email, comment, None, signature
        )
        if not missing:
            project = move(conn, project, State.approved, clock, "every required role approved")
        return ApprovalResult(cand.name, project.state, cand.sha256, approvals, missing, voided)
