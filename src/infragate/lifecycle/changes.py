"""Change requests: proposing, approving and rejecting a change to a frozen baseline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief, Role
from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import policy, signing
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.approvals import Statement, record_approval, sign_approval, statement_for
from infragate.lifecycle.baseline import brief_digest
from infragate.lifecycle.candidate import Candidate, candidate, move, refuse_blockers, save_design
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.diff import DesignDiff, diff_designs
from infragate.lifecycle.states import State
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class ProposalResult:
    project: str
    number: int
    base_version: int
    diff: DesignDiff
    superseded: int | None


def propose(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    requested_by: str,
    reason: str,
) -> ProposalResult:
    cand = candidate(loaded, catalog)
    with store.write() as conn:
        return propose_in(conn, cand, clock, requested_by, reason)


def propose_in(
    conn: Connection, cand: Candidate, clock: Clock, requested_by: str, reason: str
) -> ProposalResult:
    """`propose` inside the caller's transaction (the portal keeps the proposed brief in
    the same one: hosted_changes.py)."""
    project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
    why = proposal_refusal(conn, project, cand)
    if why:
        raise Refused(why)
    latest = repo.latest_baseline(conn, project)
    assert latest is not None  # proposal_refusal says why otherwise
    refuse_blockers(
        wv.unwaived(cand.blockers, repo.waivers(conn, project), clock.today),
        "the change cannot be proposed",
    )
    superseded = None
    open_change = crs.change_with_status(conn, project, "proposed")
    if open_change:
        superseded = open_change.number
        crs.set_change_status(
            conn, project, open_change.number, "superseded", clock.at, clock.actor
        )
        repo.append_event(
            conn,
            project,
            clock.at,
            clock.actor,
            "change.superseded",
            {"number": open_change.number},
        )
    diff = diff_designs(latest.document["design"], cand.design)
    save_design(conn, project, cand, clock)
    number = crs.add_change(
        conn,
        project,
        latest.version,
        cand.sha256,
        requested_by,
        reason,
        diff.as_dict(),
        clock.at,
    )
    repo.append_event(
        conn,
        project,
        clock.at,
        clock.actor,
        "change.proposed",
        {
            "number": number,
            "base_version": latest.version,
            "design_sha256": cand.sha256,
            "requested_by": requested_by,
            "reason": reason,
            "delta_monthly_usd": f"{diff.delta_usd:.2f}",
        },
    )
    return ProposalResult(cand.name, number, latest.version, diff, superseded)


def proposal_refusal(conn: Connection, project: repo.ProjectRow, cand: Candidate) -> str | None:
    """Why `cand` cannot be proposed as a change of `project` now, blockers aside."""
    latest = repo.latest_baseline(conn, project)
    if latest is None:
        return (
            f"{cand.name} has no frozen baseline yet: before the first freeze the design is "
            "approved directly ('infragate approve')"
        )
    if project.state is State.retired:
        return f"{cand.name} is retired"
    waiting = crs.change_with_status(conn, project, "approved")
    if waiting:
        return (
            f"change request #{waiting.number} is approved and waits to be frozen; run "
            "'infragate freeze' first"
        )
    if cand.sha256 == latest.document["design_sha256"]:
        return f"the brief yields the design of baseline v{latest.version}: nothing to change"
    return None


@dataclass(frozen=True)
class ChangeApprovalResult:
    project: str
    number: int
    approvals: list[policy.Approval]
    missing: list[Role]
    approved: bool


def change_statement(
    store: Store, loaded: LoadedBrief, catalog: Catalog, role: Role, email: str
) -> Statement:
    """What `email` signs to approve the open change request as `role`, for a signature
    made elsewhere and given to `approve_change_signed`."""
    cand = candidate(loaded, catalog)
    return statement_for(cand, role, email, _pending_number(store, cand.name))


def _pending_number(store: Store, name: str) -> int:
    with store.read() as conn:
        found = repo.find_project(conn, name)
        pending = crs.change_with_status(conn, found, "proposed") if found else None
    if pending is None:
        raise Refused(f"{name} has no change request awaiting approval")
    return pending.number


def approve_change(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
    key: Path,
) -> ChangeApprovalResult:
    """Sign the change request's approval with `key` and record it (the CLI's way)."""
    cand = candidate(loaded, catalog)
    statement = statement_for(cand, role, email, _pending_number(store, cand.name))
    signature = sign_approval(loaded, key, statement)
    return _record_change_approval(store, loaded, cand, clock, statement, comment, signature)


def approve_change_signed(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
    signature: str,
    signers: signing.AllowedSigners,
    change_number: int,
) -> ChangeApprovalResult:
    """Record an approval of change request `change_number` signed elsewhere (the
    portal's way); the signature must be of `change_statement` as it is now."""
    cand = candidate(loaded, catalog)
    statement = statement_for(cand, role, email, change_number)
    armored = signing.accept_pasted(signers, email, signature, statement.message)
    return _record_change_approval(store, loaded, cand, clock, statement, comment, armored)


def _record_change_approval(
    store: Store,
    loaded: LoadedBrief,
    cand: Candidate,
    clock: Clock,
    statement: Statement,
    comment: str,
    signature: str,
) -> ChangeApprovalResult:
    signed_number = statement.change_request
    role, email = statement.role, statement.email
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        change = crs.change_with_status(conn, project, "proposed")
        if change is None:
            raise Refused(f"{cand.name} has no change request awaiting approval")
        if change.design_sha256 != cand.sha256:
            raise Refused(
                f"{loaded.path} no longer yields the design of change request #{change.number}; "
                "propose again ('infragate change propose') so that approvers see what changes"
            )
        record = repo.design(conn, project, change.design_sha256)
        assert record is not None
        if change.number != signed_number or digest(record.brief) != brief_digest(loaded.brief):
            raise Refused(
                f"{loaded.path} is not the brief of change request #{change.number} as proposed "
                "(or another change replaced it meanwhile); your signature would not match "
                "what is frozen. Propose again ('infragate change propose'), then approve"
            )
        brief = Brief.model_validate(record.brief)
        approvals, missing = record_approval(
            conn,
            project,
            clock,
            brief,
            change.design_sha256,
            role,
            email,
            comment,
            change,
            signature,
        )
        if not missing:
            crs.set_change_status(conn, project, change.number, "approved", clock.at, clock.actor)
            repo.append_event(
                conn, project, clock.at, clock.actor, "change.approved", {"number": change.number}
            )
            move(conn, project, State.approved, clock, f"change request #{change.number} approved")
        return ChangeApprovalResult(cand.name, change.number, approvals, missing, not missing)


def reject_change(
    store: Store,
    loaded: LoadedBrief,
    clock: Clock,
    email: str,
    reason: str,
    number: int | None = None,
) -> int:
    """Reject the change request awaiting a decision (`number`, when given, must be it: a
    page shown before another change superseded it rejects nothing)."""
    with store.write() as conn:
        return reject_in(conn, loaded, clock, email, reason, number)


def reject_in(
    conn: Connection,
    loaded: LoadedBrief,
    clock: Clock,
    email: str,
    reason: str,
    number: int | None = None,
) -> int:
    """`reject_change` in the caller's write transaction."""
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    owner = brief.owner(email)
    if owner is None or not set(owner.roles) & set(policy.APPROVING_ROLES):
        holders = ", ".join(
            f"{o.name} <{o.email}>"
            for o in brief.owners
            if set(o.roles) & set(policy.APPROVING_ROLES)
        )
        raise Refused(f"a change request is rejected by an approver named in the brief: {holders}")
    project = repo.lock_project(conn, name, clock.at, clock.actor)
    change = crs.change_with_status(conn, project, "proposed")
    if change is None:
        raise Refused(f"{name} has no change request awaiting a decision")
    if number is not None and change.number != number:
        raise Refused(
            f"change request #{number} of {name} no longer awaits a decision; #{change.number} does"
        )
    crs.set_change_status(conn, project, change.number, "rejected", clock.at, email)
    repo.append_event(
        conn,
        project,
        clock.at,
        clock.actor,
        "change.rejected",
        {"number": change.number, "by": email, "reason": reason},
    )
    return change.number
