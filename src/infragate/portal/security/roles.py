"""What a signed-in person may do in a project: the roles its brief gives their email.

The brief in force is the latest frozen baseline's, else (a project made in the portal) the
brief the store keeps, else the design recorded for approval.
A platform admin manages accounts and sees everything, but approves nothing: approvals
belong to the owners a brief names, as in the CLI (separation of duties).
"""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import Connection

from infragate.brief.model import Role
from infragate.lifecycle.hosted import BRIEF
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import Forbidden
from infragate.store import project_documents as docs
from infragate.store import repository as repo


def brief_in_force(conn: Connection, project: str) -> dict[str, Any] | None:
    row = repo.find_project(conn, project)
    if row is None:
        return None
    latest = repo.latest_baseline(conn, row)
    if latest is not None:
        brief: dict[str, Any] = latest.document["brief"]
        return brief
    # Before the first freeze, a project kept in the store is approved as its stored brief
    # is now: that brief names who signs (a design recorded earlier may be void).
    stored = docs.latest_document(conn, row, BRIEF)
    if stored is not None:
        found: Any = yaml.safe_load(stored.text)
        return found if isinstance(found, dict) else None
    if row.design_sha256:
        design = repo.design(conn, row, row.design_sha256)
        if design is not None:
            return design.brief
    return None


def owner_roles(conn: Connection, project: str) -> dict[str, frozenset[Role]]:
    """Each owner's roles in the brief in force, by lower-cased email."""
    found: dict[str, set[Role]] = {}
    for owner in (brief_in_force(conn, project) or {}).get("owners") or []:
        roles = found.setdefault(str(owner.get("email", "")).lower(), set())
        roles.update(Role(r) for r in owner.get("roles", []) if r in Role.__members__)
    return {email: frozenset(roles) for email, roles in found.items()}


def roles_of(conn: Connection, project: str, user: User) -> set[Role]:
    return set(owner_roles(conn, project).get(user.email.lower(), frozenset()))


def require_role(conn: Connection, project: str, user: User, role: Role) -> None:
    if role not in roles_of(conn, project, user):
        raise Forbidden(
            f"{user.email} is not the {role} of {project}: only the owners its brief names "
            "for that role may do this"
        )
