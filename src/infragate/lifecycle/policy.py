"""Who must approve a design, and who may: separation of duties as plain functions.

From mvp on, the budget owner approves the cost frame and the infra owner the design;
from production on they must be different people; nobody approves a change they
requested. A prototype needs its infra owner only. The same functions judge an
approval when it is recorded and again, offline, when a lock file is verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from infragate.brief.model import Brief, Maturity, Role

APPROVING_ROLES = (Role.infra_owner, Role.budget_owner)


@dataclass(frozen=True)
class Approval:
    role: Role
    email: str
    name: str
    design_sha256: str
    at: str
    comment: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "role": str(self.role),
            "email": self.email,
            "name": self.name,
            "design_sha256": self.design_sha256,
            "at": self.at,
            "comment": self.comment,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Approval:
        return cls(
            role=Role(data["role"]),
            email=data["email"],
            name=data["name"],
            design_sha256=data["design_sha256"],
            at=data["at"],
            comment=data.get("comment", ""),
        )


def required_roles(maturity: Maturity) -> tuple[Role, ...]:
    if maturity is Maturity.prototype:
        return (Role.infra_owner,)
    return APPROVING_ROLES


def distinct_people_required(maturity: Maturity) -> bool:
    return maturity.at_least(Maturity.production)


def _maturity(brief: Brief) -> Maturity:
    return brief.maturity or Maturity.production  # no maturity: the strictest reading


def who_can_approve(brief: Brief, role: Role, requested_by: str | None = None) -> list[str]:
    return [
        f"{o.name} <{o.email}>"
        for o in brief.owners_with(role)
        if requested_by is None or o.email.lower() != requested_by.lower()
    ]


def refusal(
    brief: Brief,
    role: Role,
    email: str,
    approvals: Sequence[Approval],
    requested_by: str | None = None,
) -> str | None:
    """Why `email` may not approve as `role` now, or None when the approval may be recorded."""
    if role not in APPROVING_ROLES:
        return f"'{role}' does not approve designs; the roles that do: infra_owner, budget_owner"
    maturity = _maturity(brief)
    owner = brief.owner(email)
    holders = ", ".join(who_can_approve(brief, role)) or "nobody"
    if owner is None:
        return f"{email} is not an owner named in the brief; {role} approvals come from: {holders}"
    if role not in owner.roles:
        return (
            f"{owner.name} <{owner.email}> is not the brief's {role}; "
            f"{role} approvals come from: {holders}"
        )
    if requested_by is not None and requested_by.lower() == email.lower():
        others = who_can_approve(brief, role, requested_by)
        return f"{owner.name} requested this change and cannot approve it; " + (
            f"another {role} must: {', '.join(others)}"
            if others
            else f"the brief names no other {role}: add one under 'owners', or have "
            "someone else propose the change"
        )
    for a in approvals:
        if a.role is role:
            return f"already approved as {role} by {a.name} <{a.email}> at {a.at}"
    if distinct_people_required(maturity):
        for a in approvals:
            if a.email.lower() == email.lower():
                return (
                    f"{owner.name} already approved as {a.role}; at {maturity} the "
                    f"{role} must be a different person (separation of duties)"
                )
    return None


def missing_roles(brief: Brief, approvals: Iterable[Approval]) -> list[Role]:
    have = {a.role for a in approvals}
    return [r for r in required_roles(_maturity(brief)) if r not in have]


def problems(
    brief: Brief,
    approvals: Sequence[Approval],
    design_sha256: str,
    requested_by: str | None = None,
) -> list[str]:
    """Everything wrong with a finished set of approvals (used offline by `verify`)."""
    found: list[str] = []
    accepted: list[Approval] = []
    for a in approvals:
        if a.design_sha256 != design_sha256:
            found.append(
                f"the {a.role} approval by {a.email} is for design {a.design_sha256[:12]}, "
                f"not the frozen design {design_sha256[:12]}"
            )
            continue
        why = refusal(brief, a.role, a.email, accepted, requested_by)
        if why:
            found.append(f"the {a.role} approval by {a.email} is invalid: {why}")
            continue
        accepted.append(a)
    for role in missing_roles(brief, accepted):
        found.append(f"no valid {role} approval")
    return found
