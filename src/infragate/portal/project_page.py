"""A project's page: what it shows a person (their approve and freeze buttons, the change
and waiver controls their roles allow), kept until the store changes (web.kept_page); and
the same page shown again with a waiver the core refused: the message beside that
blocker's waiver form, the form open with what the person typed. That one is rendered for
them alone and never kept (it holds what they typed)."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request, Response
from markupsafe import Markup

from infragate.brief.model import Role
from infragate.lifecycle import policy
from infragate.lifecycle.states import State
from infragate.portal import changes_view, requests_view
from infragate.portal import requests_kept as kept
from infragate.portal.changes_view import WaiverRefused
from infragate.portal.page_cache import Viewer
from infragate.portal.security.accounts import User
from infragate.portal.state import portal_of
from infragate.portal.web import kept_page, page

TEMPLATE = "project.html.j2"


def _no_such(project: str) -> HTTPException:
    return HTTPException(404, f"no project {project!r} in the store")


async def project_view(request: Request, project: str, at: kept.Moment) -> kept.ProjectView:
    try:
        return await kept.project(portal_of(request), project, at)
    except requests_view.NoSuchProject:
        raise _no_such(project) from None


def _context(view: kept.ProjectView, roles: set[Role], at: kept.Moment) -> dict[str, Any]:
    shown = view.page
    mine = roles & set(policy.APPROVING_ROLES)
    awaited = sorted(mine & {w.role for w in shown.awaiting if w.role is not None})
    return {
        "p": shown,
        "approve_as": awaited,
        "may_freeze": bool(mine) and shown.state is State.approved,
        "controls": changes_view.controls(shown, roles, at.today),
        "diagrams": [
            (d.environment, Markup(d.svg) if d.svg else None, d.mermaid) for d in view.diagrams
        ],
    }


async def show(request: Request, project: str, user: User) -> Response:
    at = kept.moment(request)
    view = await project_view(request, project, at)
    roles = set(view.roles_of(user.email))
    # everything the page shows a person follows from their roles and whether they are admin
    viewer = Viewer(user.is_admin, frozenset(roles))
    return await kept_page(
        request, TEMPLATE, ("project", project, at), viewer, lambda: _context(view, roles, at)
    )


def show_refused_waiver(
    request: Request, project: str, user: User, refused: WaiverRefused, status: int
) -> Response:
    """The page again, for a route running in a worker thread, with `refused` beside its
    blocker (or above the blockers, when none is that one any more)."""
    at = kept.moment(request)
    try:
        view = kept.project_now(portal_of(request), project, at)
    except requests_view.NoSuchProject:
        raise _no_such(project) from None
    roles = set(view.roles_of(user.email))
    return page(request, TEMPLATE, status, waiver_refused=refused, **_context(view, roles, at))
