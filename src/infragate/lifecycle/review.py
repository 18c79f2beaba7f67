"""What a pull-request comment shows, read from the store (a change request) or from the
brief (a first design): the designs before and after, and who must still approve."""

from __future__ import annotations

from typing import Any

from infragate.brief.model import Brief, Maturity, Role
from infragate.errors import UsageError
from infragate.lifecycle import policy
from infragate.report.github_comment import CommentInput
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


def change_review(store: Store, name: str, number: int | None) -> CommentInput:
    """The change request `number` of `name` (default: the latest) against its baseline."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        changes = crs.changes(conn, project) if project else []
        chosen = [c for c in changes if number is None or c.number == number]
        if project is None or not chosen:
            known = ", ".join(f"#{c.number}" for c in changes) or "none"
            raise UsageError(f"{name} has no change request {number or ''}; known: {known}")
        change = chosen[-1]
        base = next(b for b in repo.baselines(conn, project) if b.version == change.base_version)
        record = repo.design(conn, project, change.design_sha256)
        assert record is not None  # recorded with the change request
        approvals = repo.approvals_for(conn, project, change.design_sha256, change.number)
    brief = Brief.model_validate(record.brief)
    waiting = change.status == "proposed"
    missing = policy.missing_roles(brief, approvals) if waiting else []
    return CommentInput(
        project=name,
        heading=f"Change request #{change.number} ({change.status}) against baseline "
        f"v{change.base_version}",
        context=f"requested by {change.requested_by}: {change.reason}",
        before=base.document["design"],
        after=record.design,
        approvers=[(str(r), _who(brief, r, change.requested_by)) for r in missing],
        settled="" if waiting else f"Nobody: the change request is {change.status}.",
    )


def design_review(brief: Brief, design: dict[str, Any]) -> CommentInput:
    """A first design: everything is new, and every required role must approve."""
    name = brief.project.name or "unnamed"
    roles = policy.required_roles(brief.maturity or Maturity.production)
    return CommentInput(
        project=name,
        heading="First design",
        context=f"maturity {design.get('maturity')}, nothing frozen yet",
        before=None,
        after=design,
        approvers=[(str(r), _who(brief, r, None)) for r in roles],
    )


def _who(brief: Brief, role: Role, requested_by: str | None) -> str:
    names = policy.who_can_approve(brief, role, requested_by)
    if names:
        return ", ".join(names)
    if brief.owners_with(role):
        return (
            f"nobody yet: the brief's only {role} requested this change and cannot approve "
            f"it; add another {role} under owners"
        )
    return f"nobody: the brief names no {role}; add one under owners"
