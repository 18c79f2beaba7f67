"""Every router of the portal, in one explicit list (registered by app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from infragate.portal.routes import (
    admin,
    catalog,
    changes,
    closure,
    costs,
    home,
    intake,
    oidc,
    requests,
    session,
)

ROUTERS: tuple[APIRouter, ...] = (
    session.router,
    oidc.router,
    home.router,
    catalog.router,
    intake.router,
    requests.router,
    changes.router,
    closure.router,
    costs.router,
    admin.router,
)
